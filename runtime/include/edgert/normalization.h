/* edgert: edge.layer_norm, edge.instance_norm, edge.lrn, f32. Mean and
 * variance are computed in two passes (no cancellation). */
#ifndef EDGERT_NORMALIZATION_H
#define EDGERT_NORMALIZATION_H
#include "edgert/common.h"
#ifdef __cplusplus
extern "C" {
#endif

/** Normalizes over dimensions [axis, rank): (x - mean) / sqrt(var + eps) *
 *  scale + bias; scale and bias (NULL = 0) have shape shape[axis:]. */
edgert_status edgert_layer_norm_f32(const int32_t *shape, int32_t rank,
                                    int32_t axis, float epsilon,
                                    const float *EDGERT_RESTRICT in,
                                    const float *EDGERT_RESTRICT scale,
                                    const float *EDGERT_RESTRICT bias,
                                    float *EDGERT_RESTRICT out);

/** Channels-last instance norm: in [N, D1..Dk, C] (rank >= 2); each (n, c)
 *  is normalized over D1..Dk, then scaled by scale[c] and shifted by bias[c]. */
edgert_status edgert_instance_norm_f32(const int32_t *shape, int32_t rank,
                                       float epsilon,
                                       const float *EDGERT_RESTRICT in,
                                       const float *EDGERT_RESTRICT scale,
                                       const float *EDGERT_RESTRICT bias,
                                       float *EDGERT_RESTRICT out);

/** LRN across the last (channel) axis, as ONNX LRN:
 *  out = x / (bias + alpha / size * sum_{c'} x[c']^2) ^ beta with c' in
 *  [c - floor((size-1)/2), c + ceil((size-1)/2)] clipped to [0, C). */
edgert_status edgert_lrn_f32(const int32_t *shape, int32_t rank, int32_t size,
                             float alpha, float beta, float bias,
                             const float *EDGERT_RESTRICT in,
                             float *EDGERT_RESTRICT out);

#ifdef __cplusplus
}
#endif
#endif /* EDGERT_NORMALIZATION_H */
