/* edgert: fully_connected and batched matmul (f32 and plain integer). */
#include "edgert/fully_connected.h"
#include "internal.h"

edgert_status edgert_fully_connected_f32(const edgert_act *act, int32_t batches,
                                         int32_t in_features,
                                         int32_t out_features,
                                         const float *restrict input,
                                         const float *restrict weights,
                                         const float *restrict bias,
                                         float *restrict output) {
  int32_t b, n, k;
  if (batches < 0 || in_features < 0 || out_features < 0)
    return EDGERT_ERR_INVALID;
  for (b = 0; b < batches; ++b) {
    const float *x = input + b * in_features;
    for (n = 0; n < out_features; ++n) {
      const float *w = weights + n * in_features;
      float acc = bias ? bias[n] : 0.0f;
      for (k = 0; k < in_features; ++k)
        acc += x[k] * w[k];
      output[b * out_features + n] = edgert_act_apply_f32(act, acc);
    }
  }
  return EDGERT_OK;
}

/* Sets up the batch broadcast of a matmul: iterates the batch dimensions of
 * out with lhs/rhs offsets counted in matrices. */
static edgert_status matmul_setup(const int32_t *lhs_shape, int32_t lhs_rank,
                                  const int32_t *rhs_shape, int32_t rhs_rank,
                                  const int32_t *out_shape, int32_t out_rank,
                                  edgert_bcast *it, int32_t *M, int32_t *K,
                                  int32_t *N) {
  const int32_t *shapes[2];
  int32_t ranks[2];
  if (lhs_rank < 2 || rhs_rank < 2 || out_rank < 2 ||
      !edgert_shape_ok(lhs_shape, lhs_rank) ||
      !edgert_shape_ok(rhs_shape, rhs_rank) ||
      !edgert_shape_ok(out_shape, out_rank))
    return EDGERT_ERR_INVALID;
  *M = lhs_shape[lhs_rank - 2];
  *K = lhs_shape[lhs_rank - 1];
  *N = rhs_shape[rhs_rank - 1];
  if (rhs_shape[rhs_rank - 2] != *K || out_shape[out_rank - 2] != *M ||
      out_shape[out_rank - 1] != *N)
    return EDGERT_ERR_INVALID;
  shapes[0] = lhs_shape;
  shapes[1] = rhs_shape;
  ranks[0] = lhs_rank - 2;
  ranks[1] = rhs_rank - 2;
  if (out_rank == 2) {
    static const int32_t one = 1;
    return edgert_bcast_init(it, &one, 0, 2, shapes, ranks);
  }
  return edgert_bcast_init(it, out_shape, out_rank - 2, 2, shapes, ranks);
}

edgert_status edgert_matmul_f32(const edgert_act *act, const int32_t *lhs_shape,
                                int32_t lhs_rank, const float *restrict lhs,
                                const int32_t *rhs_shape, int32_t rhs_rank,
                                const float *restrict rhs,
                                const int32_t *out_shape, int32_t out_rank,
                                float *restrict out) {
  edgert_bcast it;
  edgert_bcast_pos pos;
  int32_t M, K, N, row, i, m, n, k, o = 0;
  edgert_status st = matmul_setup(lhs_shape, lhs_rank, rhs_shape, rhs_rank,
                                  out_shape, out_rank, &it, &M, &K, &N);
  if (st != EDGERT_OK)
    return st;
  if (out_rank == 2)
    it.rows = 1;
  edgert_bcast_first(&it, &pos);
  for (row = 0; row < it.rows; ++row, edgert_bcast_next_row(&it, &pos))
    for (i = 0; i < it.inner; ++i) {
      const float *a = lhs + (pos.off[0] + i * it.strides[0][it.rank - 1]) * M * K;
      const float *b = rhs + (pos.off[1] + i * it.strides[1][it.rank - 1]) * K * N;
      float *c = out + (o++) * M * N;
      for (m = 0; m < M; ++m) {
        for (n = 0; n < N; ++n)
          c[m * N + n] = 0.0f;
        for (k = 0; k < K; ++k) {
          const float av = a[m * K + k];
          for (n = 0; n < N; ++n)
            c[m * N + n] += av * b[k * N + n];
        }
        for (n = 0; n < N; ++n)
          c[m * N + n] = edgert_act_apply_f32(act, c[m * N + n]);
      }
    }
  return EDGERT_OK;
}

#define EDGERT_DEFINE_MATMUL_INT(T, S)                                         \
  edgert_status edgert_matmul_##S##_i32(                                       \
      const int32_t *lhs_shape, int32_t lhs_rank, const T *restrict lhs,       \
      const int32_t *rhs_shape, int32_t rhs_rank, const T *restrict rhs,       \
      const int32_t *out_shape, int32_t out_rank, int32_t *restrict out) {     \
    edgert_bcast it;                                                           \
    edgert_bcast_pos pos;                                                      \
    int32_t M, K, N, row, i, m, n, k, o = 0;                                   \
    edgert_status st = matmul_setup(lhs_shape, lhs_rank, rhs_shape, rhs_rank,  \
                                    out_shape, out_rank, &it, &M, &K, &N);     \
    if (st != EDGERT_OK)                                                       \
      return st;                                                               \
    if (out_rank == 2)                                                         \
      it.rows = 1;                                                             \
    edgert_bcast_first(&it, &pos);                                             \
    for (row = 0; row < it.rows; ++row, edgert_bcast_next_row(&it, &pos))      \
      for (i = 0; i < it.inner; ++i) {                                         \
        const T *a =                                                           \
            lhs + (pos.off[0] + i * it.strides[0][it.rank - 1]) * M * K;       \
        const T *b =                                                           \
            rhs + (pos.off[1] + i * it.strides[1][it.rank - 1]) * K * N;       \
        int32_t *c = out + (o++) * M * N;                                      \
        for (m = 0; m < M; ++m)                                                \
          for (n = 0; n < N; ++n) {                                            \
            uint32_t acc = 0;                                                  \
            for (k = 0; k < K; ++k)                                            \
              acc += (uint32_t)((int64_t)a[m * K + k] * (int64_t)b[k * N + n]); \
            c[m * N + n] = edgert_wrap_i32(acc);                               \
          }                                                                    \
      }                                                                        \
    return EDGERT_OK;                                                          \
  }

EDGERT_DEFINE_MATMUL_INT(int8_t, i8)
EDGERT_DEFINE_MATMUL_INT(int16_t, i16)
EDGERT_DEFINE_MATMUL_INT(int32_t, i32)
