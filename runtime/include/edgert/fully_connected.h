/* edgert: edge.fully_connected and edge.matmul. */
#ifndef EDGERT_FULLY_CONNECTED_H
#define EDGERT_FULLY_CONNECTED_H
#include "edgert/common.h"
#ifdef __cplusplus
extern "C" {
#endif

/** edge.fully_connected: output[b, n] = act(sum_k input[b, k] *
 *  weights[n, k] + bias[n]) for b < batches (the product of the input's
 *  leading dimensions). bias may be NULL, act may be NULL. */
edgert_status edgert_fully_connected_f32(const edgert_act *act, int32_t batches,
                                         int32_t in_features,
                                         int32_t out_features,
                                         const float *EDGERT_RESTRICT input,
                                         const float *EDGERT_RESTRICT weights,
                                         const float *EDGERT_RESTRICT bias,
                                         float *EDGERT_RESTRICT output);

/** edge.matmul: lhs [..., M, K] x rhs [..., K, N] -> out [..., M, N]; ranks
 *  >= 2, batch dimensions broadcast with numpy rules to out's. act may be
 *  NULL. */
edgert_status edgert_matmul_f32(const edgert_act *act, const int32_t *lhs_shape,
                                int32_t lhs_rank,
                                const float *EDGERT_RESTRICT lhs,
                                const int32_t *rhs_shape, int32_t rhs_rank,
                                const float *EDGERT_RESTRICT rhs,
                                const int32_t *out_shape, int32_t out_rank,
                                float *EDGERT_RESTRICT out);

/** Plain integer edge.matmul (ONNX MatMulInteger after zero-point
 *  subtraction): i8 x i8, i16 x i16 and i32 x i32 -> i32. Accumulation wraps
 *  modulo 2^32 (no UB). Shapes as edgert_matmul_f32. */
edgert_status edgert_matmul_i8_i32(const int32_t *lhs_shape, int32_t lhs_rank,
                                   const int8_t *EDGERT_RESTRICT lhs,
                                   const int32_t *rhs_shape, int32_t rhs_rank,
                                   const int8_t *EDGERT_RESTRICT rhs,
                                   const int32_t *out_shape, int32_t out_rank,
                                   int32_t *EDGERT_RESTRICT out);
edgert_status edgert_matmul_i16_i32(const int32_t *lhs_shape, int32_t lhs_rank,
                                    const int16_t *EDGERT_RESTRICT lhs,
                                    const int32_t *rhs_shape, int32_t rhs_rank,
                                    const int16_t *EDGERT_RESTRICT rhs,
                                    const int32_t *out_shape, int32_t out_rank,
                                    int32_t *EDGERT_RESTRICT out);
edgert_status edgert_matmul_i32_i32(const int32_t *lhs_shape, int32_t lhs_rank,
                                    const int32_t *EDGERT_RESTRICT lhs,
                                    const int32_t *rhs_shape, int32_t rhs_rank,
                                    const int32_t *EDGERT_RESTRICT rhs,
                                    const int32_t *out_shape, int32_t out_rank,
                                    int32_t *EDGERT_RESTRICT out);

#ifdef __cplusplus
}
#endif
#endif /* EDGERT_FULLY_CONNECTED_H */
