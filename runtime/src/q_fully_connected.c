/* edgert: quantized fully_connected (q8, q16) and batched matmul of two int8
 * activations (q8). Accumulators wrap modulo 2^32 / 2^64 (no UB). */
#include "edgert/quant.h"
#include "qinternal.h"

#define EDGERT_DEFINE_QFC(NAME, TI, TB, TO, UACC, WRAP, OUT, LO, HI)           \
  edgert_status NAME(const edgert_qparams *q, int32_t batches,                 \
                     int32_t in_features, int32_t out_features,                \
                     const TI *restrict input, const int8_t *restrict weights, \
                     const TB *restrict bias, TO *restrict output) {           \
    int32_t b, n, k;                                                           \
    if (batches < 0 || in_features < 0 || out_features < 0 ||                  \
        !edgert_qparams_ok(q, out_features, LO, HI))                           \
      return EDGERT_ERR_INVALID;                                               \
    for (b = 0; b < batches; ++b) {                                            \
      const TI *x = input + b * in_features;                                   \
      for (n = 0; n < out_features; ++n) {                                     \
        const int8_t *w = weights + n * in_features;                           \
        UACC acc = bias ? (UACC)bias[n] : 0u;                                  \
        for (k = 0; k < in_features; ++k)                                      \
          acc += (UACC)((x[k] - q->input_zp) * (w[k] - q->filter_zp));         \
        output[b * out_features + n] = (TO)OUT(q, n, WRAP(acc));               \
      }                                                                        \
    }                                                                          \
    return EDGERT_OK;                                                          \
  }

EDGERT_DEFINE_QFC(edgert_fully_connected_q8, int8_t, int32_t, int8_t, uint32_t,
                  edgert_wrap_i32, edgert_qparams_out32, INT8_MIN, INT8_MAX)
EDGERT_DEFINE_QFC(edgert_fully_connected_q16, int16_t, int64_t, int16_t,
                  uint64_t, edgert_wrap_i64, edgert_qparams_out64, INT16_MIN,
                  INT16_MAX)

edgert_status edgert_matmul_q8(const edgert_qparams *q,
                               const int32_t *lhs_shape, int32_t lhs_rank,
                               const int8_t *restrict lhs,
                               const int32_t *rhs_shape, int32_t rhs_rank,
                               const int8_t *restrict rhs,
                               const int32_t *out_shape, int32_t out_rank,
                               int8_t *restrict out) {
  const int32_t *shapes[2];
  int32_t ranks[2];
  edgert_bcast it;
  edgert_bcast_pos pos;
  edgert_status st;
  int32_t M, K, N, row, i, m, n, k, o = 0;
  static const int32_t one = 1;
  if (lhs_rank < 2 || rhs_rank < 2 || out_rank < 2 ||
      !edgert_shape_ok(lhs_shape, lhs_rank) ||
      !edgert_shape_ok(rhs_shape, rhs_rank) ||
      !edgert_shape_ok(out_shape, out_rank))
    return EDGERT_ERR_INVALID;
  M = lhs_shape[lhs_rank - 2];
  K = lhs_shape[lhs_rank - 1];
  N = rhs_shape[rhs_rank - 1];
  if (rhs_shape[rhs_rank - 2] != K || out_shape[out_rank - 2] != M ||
      out_shape[out_rank - 1] != N || !edgert_qparams_ok(q, N, INT8_MIN, INT8_MAX))
    return EDGERT_ERR_INVALID;
  /* Batch dimensions broadcast like a binary op over matrices. */
  shapes[0] = lhs_shape;
  shapes[1] = rhs_shape;
  ranks[0] = lhs_rank - 2;
  ranks[1] = rhs_rank - 2;
  st = out_rank == 2
           ? edgert_bcast_init(&it, &one, 0, 2, shapes, ranks)
           : edgert_bcast_init(&it, out_shape, out_rank - 2, 2, shapes, ranks);
  if (st != EDGERT_OK)
    return st;
  if (out_rank == 2)
    it.rows = 1;
  edgert_bcast_first(&it, &pos);
  for (row = 0; row < it.rows; ++row, edgert_bcast_next_row(&it, &pos))
    for (i = 0; i < it.inner; ++i) {
      const int8_t *a = lhs + (pos.off[0] + i * it.strides[0][it.rank - 1]) * M * K;
      const int8_t *b = rhs + (pos.off[1] + i * it.strides[1][it.rank - 1]) * K * N;
      int8_t *c = out + (o++) * M * N;
      for (m = 0; m < M; ++m)
        for (n = 0; n < N; ++n) {
          uint32_t acc = 0;
          for (k = 0; k < K; ++k)
            acc += (uint32_t)((a[m * K + k] - q->input_zp) *
                              (b[k * N + n] - q->filter_zp));
          c[m * N + n] =
              (int8_t)edgert_qparams_out32(q, n, edgert_wrap_i32(acc));
        }
    }
  return EDGERT_OK;
}
