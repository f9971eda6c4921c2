/* edgert: reductions over axes, arg max / arg min and cumulative sums.
 * Gather form: each output element walks its reduced sub-space, so
 * accumulators are locals (int64 for integer sums, which makes i8..i32 means
 * exact). */
#include "edgert/reduce.h"
#include "internal.h"

#include <math.h>

typedef struct reduce_plan {
  int32_t nkept, nred;
  int32_t kdim[EDGERT_MAX_RANK], kstr[EDGERT_MAX_RANK];
  int32_t rdim[EDGERT_MAX_RANK], rstr[EDGERT_MAX_RANK];
  int32_t nout, count;
} reduce_plan;

static edgert_status reduce_setup(const int32_t *shape, int32_t rank,
                                  const int32_t *axes, int32_t naxes,
                                  reduce_plan *p) {
  bool reduced[EDGERT_MAX_RANK] = {false, false, false, false, false, false};
  int32_t d, s = 1, str[EDGERT_MAX_RANK];
  if (!edgert_shape_ok(shape, rank) || naxes < 0 || naxes > rank ||
      (naxes > 0 && !axes))
    return EDGERT_ERR_INVALID;
  for (d = 0; d < naxes; ++d) {
    if (axes[d] < 0 || axes[d] >= rank || reduced[axes[d]])
      return EDGERT_ERR_INVALID;
    reduced[axes[d]] = true;
  }
  for (d = rank - 1; d >= 0; --d) {
    str[d] = s;
    s *= shape[d];
  }
  p->nkept = p->nred = 0;
  p->nout = p->count = 1;
  for (d = 0; d < rank; ++d) {
    if (reduced[d]) {
      p->rdim[p->nred] = shape[d];
      p->rstr[p->nred++] = str[d];
      p->count *= shape[d];
    } else {
      p->kdim[p->nkept] = shape[d];
      p->kstr[p->nkept++] = str[d];
      p->nout *= shape[d];
    }
  }
  return EDGERT_OK;
}

/* Advances a multi-index over dims/strides, keeping *off the offset. */
static void advance(int32_t n, const int32_t *dims, const int32_t *strides,
                    int32_t *idx, int32_t *off) {
  int32_t d;
  for (d = n - 1; d >= 0; --d) {
    if (++idx[d] < dims[d]) {
      *off += strides[d];
      return;
    }
    *off -= strides[d] * (dims[d] - 1);
    idx[d] = 0;
  }
}

/* For each output j: acc = INIT; acc = STEP(acc, in[...]) over the reduced
 * elements; out[j] = FINISH(acc). */
#define EDGERT_REDUCE(ACC_T, INIT, STEP, FINISH)                               \
  do {                                                                         \
    int32_t kidx[EDGERT_MAX_RANK] = {0, 0, 0, 0, 0, 0};                        \
    int32_t j, r, base = 0;                                                    \
    for (j = 0; j < p.nout; ++j) {                                             \
      int32_t ridx[EDGERT_MAX_RANK] = {0, 0, 0, 0, 0, 0};                      \
      int32_t roff = 0;                                                        \
      ACC_T acc = INIT;                                                        \
      for (r = 0; r < p.count; ++r) {                                          \
        const ACC_T v_ = in[base + roff];                                      \
        acc = STEP(acc, v_);                                                   \
        advance(p.nred, p.rdim, p.rstr, ridx, &roff);                          \
      }                                                                        \
      out[j] = FINISH(acc);                                                    \
      advance(p.nkept, p.kdim, p.kstr, kidx, &base);                           \
    }                                                                          \
  } while (0)

#define F_ADD(a, v) ((a) + (v))
#define F_MUL(a, v) ((a) * (v))
#define F_MAX(a, v) (((v) > (a) || (v) != (v)) ? (v) : (a))
#define F_MIN(a, v) (((v) < (a) || (v) != (v)) ? (v) : (a))
#define F_ID(a) (a)
#define F_MEAN(a) (p.count > 0 ? (a) / (float)p.count : NAN)

edgert_status edgert_reduce_f32(edgert_reduce_kind kind,
                                const int32_t *in_shape, int32_t rank,
                                const float *restrict in, const int32_t *axes,
                                int32_t naxes, float *restrict out) {
  reduce_plan p;
  edgert_status st = reduce_setup(in_shape, rank, axes, naxes, &p);
  if (st != EDGERT_OK)
    return st;
  switch ((int)kind) {
  case EDGERT_REDUCE_SUM:
    EDGERT_REDUCE(float, 0.0f, F_ADD, F_ID);
    break;
  case EDGERT_REDUCE_MEAN:
    EDGERT_REDUCE(float, 0.0f, F_ADD, F_MEAN);
    break;
  case EDGERT_REDUCE_MAX:
    EDGERT_REDUCE(float, -INFINITY, F_MAX, F_ID);
    break;
  case EDGERT_REDUCE_MIN:
    EDGERT_REDUCE(float, INFINITY, F_MIN, F_ID);
    break;
  case EDGERT_REDUCE_PROD:
    EDGERT_REDUCE(float, 1.0f, F_MUL, F_ID);
    break;
  default:
    return EDGERT_ERR_INVALID;
  }
  return EDGERT_OK;
}

/* Integer accumulators are uint64 (wrapping) holding two's-complement
 * values; max/min use int64. */
#define U_ADD(a, v) ((a) + (v))
#define U_MUL(a, v) ((a) * (v))
#define I_MAX(a, v) ((v) > (a) ? (v) : (a))
#define I_MIN(a, v) ((v) < (a) ? (v) : (a))

#define EDGERT_DEFINE_REDUCE_INT(T, S, TMIN, TMAX, WRAP)                       \
  static T mean_##S(uint64_t sum, int32_t count) {                             \
    int64_t s = edgert_wrap_i64(sum);                                          \
    if (count <= 0)                                                            \
      return 0;                                                                \
    return WRAP((uint64_t)(s / count));                                        \
  }                                                                            \
  edgert_status edgert_reduce_##S(                                             \
      edgert_reduce_kind kind, const int32_t *in_shape, int32_t rank,          \
      const T *restrict in, const int32_t *axes, int32_t naxes,                \
      T *restrict out) {                                                       \
    reduce_plan p;                                                             \
    edgert_status st = reduce_setup(in_shape, rank, axes, naxes, &p);          \
    if (st != EDGERT_OK)                                                       \
      return st;                                                               \
    switch ((int)kind) {                                                       \
    case EDGERT_REDUCE_SUM:                                                    \
      EDGERT_REDUCE(uint64_t, 0u, U_ADD, WRAP);                                \
      break;                                                                   \
    case EDGERT_REDUCE_MEAN:                                                   \
      EDGERT_REDUCE(uint64_t, 0u, U_ADD, MEAN_##S);                            \
      break;                                                                   \
    case EDGERT_REDUCE_MAX:                                                    \
      EDGERT_REDUCE(T, TMIN, I_MAX, F_ID);                                     \
      break;                                                                   \
    case EDGERT_REDUCE_MIN:                                                    \
      EDGERT_REDUCE(T, TMAX, I_MIN, F_ID);                                     \
      break;                                                                   \
    case EDGERT_REDUCE_PROD:                                                   \
      EDGERT_REDUCE(uint64_t, 1u, U_MUL, WRAP);                                \
      break;                                                                   \
    default:                                                                   \
      return EDGERT_ERR_INVALID;                                               \
    }                                                                          \
    return EDGERT_OK;                                                          \
  }

#define MEAN_i32(a) mean_i32((a), p.count)
#define MEAN_i64(a) mean_i64((a), p.count)
EDGERT_DEFINE_REDUCE_INT(int32_t, i32, INT32_MIN, INT32_MAX, edgert_wrap_i32)
EDGERT_DEFINE_REDUCE_INT(int64_t, i64, INT64_MIN, INT64_MAX, edgert_wrap_i64)

/* arg max / min: outer x len x inner. */
#define EDGERT_DEFINE_ARG(T, S, I, IS)                                         \
  edgert_status edgert_arg_##S##_##IS(                                         \
      edgert_arg_kind kind, const int32_t *in_shape, int32_t rank,             \
      const T *restrict in, int32_t axis, bool select_last_index,              \
      I *restrict out) {                                                       \
    int32_t outer, len, inner, o, i, j;                                        \
    const bool is_max = (int)kind == EDGERT_ARG_MAX;                           \
    if (!edgert_shape_ok(in_shape, rank) || axis < 0 || axis >= rank ||        \
        ((int)kind != EDGERT_ARG_MAX && (int)kind != EDGERT_ARG_MIN) ||        \
        in_shape[axis] <= 0)                                                   \
      return EDGERT_ERR_INVALID;                                               \
    outer = edgert_dims_product(in_shape, 0, axis);                            \
    len = in_shape[axis];                                                      \
    inner = edgert_dims_product(in_shape, axis + 1, rank);                     \
    for (o = 0; o < outer; ++o)                                                \
      for (i = 0; i < inner; ++i) {                                            \
        const T *x = in + o * len * inner + i;                                 \
        T best = x[0];                                                         \
        int32_t bi = 0;                                                        \
        for (j = 1; j < len; ++j) {                                            \
          const T v = x[j * inner];                                            \
          const bool better = is_max ? v > best : v < best;                    \
          if (better || (select_last_index && v == best)) {                    \
            best = v;                                                          \
            bi = j;                                                            \
          }                                                                    \
        }                                                                      \
        out[o * inner + i] = (I)bi;                                            \
      }                                                                        \
    return EDGERT_OK;                                                          \
  }

EDGERT_DEFINE_ARG(float, f32, int32_t, i32)
EDGERT_DEFINE_ARG(float, f32, int64_t, i64)
EDGERT_DEFINE_ARG(int8_t, i8, int32_t, i32)
EDGERT_DEFINE_ARG(int8_t, i8, int64_t, i64)
EDGERT_DEFINE_ARG(int16_t, i16, int32_t, i32)
EDGERT_DEFINE_ARG(int16_t, i16, int64_t, i64)
EDGERT_DEFINE_ARG(int32_t, i32, int32_t, i32)
EDGERT_DEFINE_ARG(int32_t, i32, int64_t, i64)

/* Cumulative sums: outer x len x inner, one running sum per (outer, inner)
 * walked along the axis (backwards with `reverse`). ACC_T is float for f32
 * (numpy's order of additions) and uint64_t for integers (wrapping, narrowed
 * with WRAP). */
#define EDGERT_DEFINE_CUMSUM(T, S, ACC_T, WRAP)                                \
  edgert_status edgert_cumsum_##S(const int32_t *in_shape, int32_t rank,       \
                                  int32_t axis, bool exclusive, bool reverse,  \
                                  const T *restrict in, T *restrict out) {     \
    int32_t outer, len, inner, o, i, k;                                        \
    if (!edgert_shape_ok(in_shape, rank) || axis < 0 || axis >= rank)          \
      return EDGERT_ERR_INVALID;                                               \
    outer = edgert_dims_product(in_shape, 0, axis);                            \
    len = in_shape[axis];                                                      \
    inner = edgert_dims_product(in_shape, axis + 1, rank);                     \
    for (o = 0; o < outer; ++o)                                                \
      for (i = 0; i < inner; ++i) {                                            \
        const int32_t base = o * len * inner + i;                              \
        ACC_T acc = 0;                                                         \
        for (k = 0; k < len; ++k) {                                            \
          const int32_t at = base + (reverse ? len - 1 - k : k) * inner;       \
          const ACC_T v = (ACC_T)in[at];                                       \
          if (exclusive) {                                                     \
            out[at] = WRAP(acc);                                               \
            acc += v;                                                          \
          } else {                                                             \
            acc += v;                                                          \
            out[at] = WRAP(acc);                                               \
          }                                                                    \
        }                                                                      \
      }                                                                        \
    return EDGERT_OK;                                                          \
  }

EDGERT_DEFINE_CUMSUM(float, f32, float, F_ID)
EDGERT_DEFINE_CUMSUM(int32_t, i32, uint64_t, edgert_wrap_i32)
EDGERT_DEFINE_CUMSUM(int64_t, i64, uint64_t, edgert_wrap_i64)
