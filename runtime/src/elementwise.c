/* edgert: binary arithmetic with broadcasting, unary functions, activation,
 * prelu. */
#include "edgert/elementwise.h"
#include "internal.h"

#include <math.h>

/* Walks the broadcast iteration space of (a, b) -> out, running BODY with
 * `ia`, `ib`, `io` the element offsets of the current position. */
#define EDGERT_BINARY_LOOP(BODY)                                               \
  do {                                                                         \
    edgert_bcast_pos pos_;                                                     \
    int32_t row_, i_, io = 0;                                                  \
    const int32_t sa_ = it.strides[0][it.rank - 1];                            \
    const int32_t sb_ = it.strides[1][it.rank - 1];                            \
    edgert_bcast_first(&it, &pos_);                                            \
    for (row_ = 0; row_ < it.rows; ++row_, edgert_bcast_next_row(&it, &pos_))  \
      for (i_ = 0; i_ < it.inner; ++i_, ++io) {                                \
        const int32_t ia = pos_.off[0] + i_ * sa_;                             \
        const int32_t ib = pos_.off[1] + i_ * sb_;                             \
        BODY;                                                                  \
      }                                                                        \
  } while (0)

static edgert_status binary_setup(edgert_bcast *it, const int32_t *a_shape,
                                  int32_t a_rank, const int32_t *b_shape,
                                  int32_t b_rank, const int32_t *out_shape,
                                  int32_t out_rank) {
  const int32_t *shapes[2];
  int32_t ranks[2];
  shapes[0] = a_shape;
  shapes[1] = b_shape;
  ranks[0] = a_rank;
  ranks[1] = b_rank;
  return edgert_bcast_init(it, out_shape, out_rank, 2, shapes, ranks);
}

static float binary_f32(int kind, float x, float y) {
  switch (kind) {
  case EDGERT_BINARY_ADD:
    return x + y;
  case EDGERT_BINARY_SUB:
    return x - y;
  case EDGERT_BINARY_MUL:
    return x * y;
  case EDGERT_BINARY_DIV:
    return x / y;
  case EDGERT_BINARY_MAX:
    return (x != x || x > y) ? x : y;
  case EDGERT_BINARY_MIN:
    return (x != x || x < y) ? x : y;
  case EDGERT_BINARY_POW:
    return powf(x, y);
  default: { /* EDGERT_BINARY_MOD */
    float r = fmodf(x, y);
    if (r != 0.0f && ((r < 0.0f) != (y < 0.0f)))
      r += y;
    return r;
  }
  }
}

edgert_status edgert_binary_f32(edgert_binary_kind kind, const edgert_act *act,
                                const int32_t *a_shape, int32_t a_rank,
                                const float *a, const int32_t *b_shape,
                                int32_t b_rank, const float *b,
                                const int32_t *out_shape, int32_t out_rank,
                                float *out) {
  edgert_bcast it;
  const int k = (int)kind;
  edgert_status st;
  if (k < EDGERT_BINARY_ADD || k > EDGERT_BINARY_MOD)
    return EDGERT_ERR_INVALID;
  st = binary_setup(&it, a_shape, a_rank, b_shape, b_rank, out_shape, out_rank);
  if (st != EDGERT_OK)
    return st;
  if (k == EDGERT_BINARY_ADD)
    EDGERT_BINARY_LOOP(out[io] = edgert_act_apply_f32(act, a[ia] + b[ib]));
  else if (k == EDGERT_BINARY_MUL)
    EDGERT_BINARY_LOOP(out[io] = edgert_act_apply_f32(act, a[ia] * b[ib]));
  else
    EDGERT_BINARY_LOOP(out[io] =
                           edgert_act_apply_f32(act, binary_f32(k, a[ia], b[ib])));
  return EDGERT_OK;
}

/* Integer binary ops computed in int64 / uint64 (wrapping) and narrowed with
 * WRAP; MIN/MAX are the type's limits. */
#define EDGERT_DEFINE_BINARY_INT(T, S, TMIN, TMAX, WRAP)                             \
  static T binary_##S(int kind, T x, T y) {                                    \
    switch (kind) {                                                            \
    case EDGERT_BINARY_ADD:                                                    \
      return WRAP((uint64_t)(int64_t)x + (uint64_t)(int64_t)y);                \
    case EDGERT_BINARY_SUB:                                                    \
      return WRAP((uint64_t)(int64_t)x - (uint64_t)(int64_t)y);                \
    case EDGERT_BINARY_MUL:                                                    \
      return WRAP((uint64_t)(int64_t)x * (uint64_t)(int64_t)y);                \
    case EDGERT_BINARY_DIV:                                                    \
      if (y == 0)                                                              \
        return 0;                                                              \
      if (y == -1)                                                             \
        return WRAP(0u - (uint64_t)(int64_t)x);                                \
      return (T)(x / y);                                                       \
    case EDGERT_BINARY_MAX:                                                    \
      return x > y ? x : y;                                                    \
    case EDGERT_BINARY_MIN:                                                    \
      return x < y ? x : y;                                                    \
    case EDGERT_BINARY_POW: {                                                  \
      uint64_t base = (uint64_t)(int64_t)x, r = 1;                             \
      int64_t e = (int64_t)y;                                                  \
      if (e < 0)                                                               \
        return x == 1 ? 1 : (x == -1 ? ((e & 1) ? (T)-1 : 1) : 0);              \
      while (e > 0) {                                                          \
        if (e & 1)                                                             \
          r *= base;                                                           \
        base *= base;                                                          \
        e >>= 1;                                                               \
      }                                                                        \
      return WRAP(r);                                                          \
    }                                                                          \
    default: { /* EDGERT_BINARY_MOD, sign of the divisor */                   \
      T r;                                                                     \
      if (y == 0 || y == -1)                                                   \
        return 0;                                                              \
      r = (T)(x % y);                                                          \
      if (r != 0 && ((r < 0) != (y < 0)))                                      \
        r = (T)(r + y);                                                        \
      return r;                                                                \
    }                                                                          \
    }                                                                          \
  }                                                                            \
  edgert_status edgert_binary_##S(                                             \
      edgert_binary_kind kind, const edgert_act *act, const int32_t *a_shape,  \
      int32_t a_rank, const T *a, const int32_t *b_shape, int32_t b_rank,      \
      const T *b, const int32_t *out_shape, int32_t out_rank, T *out) {        \
    edgert_bcast it;                                                           \
    const int k = (int)kind;                                                   \
    double lo, hi;                                                             \
    edgert_status st;                                                          \
    if (k < EDGERT_BINARY_ADD || k > EDGERT_BINARY_MOD)                        \
      return EDGERT_ERR_INVALID;                                               \
    if (!edgert_act_clamp_bounds(act, &lo, &hi))                               \
      return EDGERT_ERR_UNSUPPORTED;                                           \
    st = binary_setup(&it, a_shape, a_rank, b_shape, b_rank, out_shape,        \
                      out_rank);                                               \
    if (st != EDGERT_OK)                                                       \
      return st;                                                               \
    if (lo == -INFINITY && hi == INFINITY) {                                   \
      EDGERT_BINARY_LOOP(out[io] = binary_##S(k, a[ia], b[ib]));               \
    } else {                                                                   \
      /* Clamp to [ceil(lo), floor(hi)] within the type's range. */          \
      const double tlo = (double)(TMIN), thi1 = -(double)(TMIN);             \
      T li, hi_;                                                               \
      if (lo <= tlo)                                                           \
        li = TMIN;                                                             \
      else if (ceil(lo) >= thi1)                                               \
        li = TMAX;                                                             \
      else                                                                     \
        li = (T)ceil(lo);                                                      \
      if (hi >= thi1)                                                          \
        hi_ = TMAX;                                                            \
      else if (floor(hi) <= tlo)                                               \
        hi_ = TMIN;                                                            \
      else                                                                     \
        hi_ = (T)floor(hi);                                                    \
      EDGERT_BINARY_LOOP({                                                     \
        T v = binary_##S(k, a[ia], b[ib]);                                     \
        out[io] = v < li ? li : (v > hi_ ? hi_ : v);                           \
      });                                                                      \
    }                                                                          \
    return EDGERT_OK;                                                          \
  }

EDGERT_DEFINE_BINARY_INT(int8_t, i8, INT8_MIN, INT8_MAX, edgert_wrap_i8)
EDGERT_DEFINE_BINARY_INT(int16_t, i16, INT16_MIN, INT16_MAX, edgert_wrap_i16)
EDGERT_DEFINE_BINARY_INT(int32_t, i32, INT32_MIN, INT32_MAX, edgert_wrap_i32)
EDGERT_DEFINE_BINARY_INT(int64_t, i64, INT64_MIN, INT64_MAX, edgert_wrap_i64)

/* Round half to even without depending on the FP rounding mode. */
static float round_half_even(float x) {
  float f = floorf(x), d = x - f;
  if (d > 0.5f)
    return f + 1.0f;
  if (d < 0.5f)
    return f;
  return fmodf(f, 2.0f) == 0.0f ? f : f + 1.0f;
}

static float unary_f32(int kind, float x) {
  switch (kind) {
  case EDGERT_UNARY_ABS:
    return fabsf(x);
  case EDGERT_UNARY_NEG:
    return -x;
  case EDGERT_UNARY_SIGN:
    return x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : x);
  case EDGERT_UNARY_SQRT:
    return sqrtf(x);
  case EDGERT_UNARY_RSQRT:
    return 1.0f / sqrtf(x);
  case EDGERT_UNARY_RECIPROCAL:
    return 1.0f / x;
  case EDGERT_UNARY_EXP:
    return expf(x);
  case EDGERT_UNARY_LOG:
    return logf(x);
  case EDGERT_UNARY_FLOOR:
    return floorf(x);
  case EDGERT_UNARY_CEIL:
    return ceilf(x);
  case EDGERT_UNARY_ROUND:
    return round_half_even(x);
  case EDGERT_UNARY_ERF:
    return erff(x);
  case EDGERT_UNARY_SIN:
    return sinf(x);
  case EDGERT_UNARY_COS:
    return cosf(x);
  case EDGERT_UNARY_SOFTPLUS:
    return (x > 0.0f ? x : 0.0f) + log1pf(expf(-fabsf(x)));
  case EDGERT_UNARY_SOFTSIGN:
    return x / (1.0f + fabsf(x));
  case EDGERT_UNARY_GELU:
    return 0.5f * x * (1.0f + erff(x * 0.70710678118654752f));
  default: /* EDGERT_UNARY_GELU_TANH */
    return 0.5f * x *
           (1.0f + tanhf(0.79788456080286536f * (x + 0.044715f * x * x * x)));
  }
}

edgert_status edgert_unary_f32(edgert_unary_kind kind, int32_t n,
                               const float *in, float *out) {
  const int k = (int)kind;
  int32_t i;
  if (k < EDGERT_UNARY_ABS || k > EDGERT_UNARY_GELU_TANH || n < 0)
    return EDGERT_ERR_INVALID;
  for (i = 0; i < n; ++i)
    out[i] = unary_f32(k, in[i]);
  return EDGERT_OK;
}

#define EDGERT_DEFINE_UNARY_INT(T, S, WRAP)                                    \
  edgert_status edgert_unary_##S(edgert_unary_kind kind, int32_t n,            \
                                 const T *in, T *out) {                        \
    const int k = (int)kind;                                                   \
    int32_t i;                                                                 \
    if (n < 0)                                                                 \
      return EDGERT_ERR_INVALID;                                               \
    if (k != EDGERT_UNARY_ABS && k != EDGERT_UNARY_NEG &&                      \
        k != EDGERT_UNARY_SIGN)                                                \
      return EDGERT_ERR_UNSUPPORTED;                                           \
    for (i = 0; i < n; ++i) {                                                  \
      const T x = in[i];                                                       \
      const T neg = WRAP(0u - (uint64_t)(int64_t)x);                           \
      if (k == EDGERT_UNARY_SIGN)                                              \
        out[i] = (T)((x > 0) - (x < 0));                                       \
      else if (k == EDGERT_UNARY_NEG || x < 0)                                 \
        out[i] = neg;                                                          \
      else                                                                     \
        out[i] = x;                                                            \
    }                                                                          \
    return EDGERT_OK;                                                          \
  }

EDGERT_DEFINE_UNARY_INT(int8_t, i8, edgert_wrap_i8)
EDGERT_DEFINE_UNARY_INT(int16_t, i16, edgert_wrap_i16)
EDGERT_DEFINE_UNARY_INT(int32_t, i32, edgert_wrap_i32)
EDGERT_DEFINE_UNARY_INT(int64_t, i64, edgert_wrap_i64)

edgert_status edgert_activation_f32(const edgert_act *act, int32_t n,
                                    const float *in, float *out) {
  int32_t i;
  if (n < 0)
    return EDGERT_ERR_INVALID;
  for (i = 0; i < n; ++i)
    out[i] = edgert_act_apply_f32(act, in[i]);
  return EDGERT_OK;
}

edgert_status edgert_prelu_f32(const int32_t *in_shape, int32_t in_rank,
                               const float *in, const int32_t *alpha_shape,
                               int32_t alpha_rank, const float *alpha,
                               float *out) {
  edgert_bcast it;
  edgert_status st = binary_setup(&it, in_shape, in_rank, alpha_shape,
                                  alpha_rank, in_shape, in_rank);
  const float *a = in, *b = alpha;
  if (st != EDGERT_OK)
    return st;
  EDGERT_BINARY_LOOP(out[io] = a[ia] < 0.0f ? b[ib] * a[ia] : a[ia]);
  return EDGERT_OK;
}
