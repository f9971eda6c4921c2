/* edgert: edge.softmax / edge.log_softmax, f32. */
#ifndef EDGERT_SOFTMAX_H
#define EDGERT_SOFTMAX_H
#include "edgert/common.h"
#ifdef __cplusplus
extern "C" {
#endif

/** out = exp(beta*x - max) / sum exp(beta*x - max) along `axis` (numerically
 *  stable: the maximum is subtracted first). out may equal in. */
edgert_status edgert_softmax_f32(const int32_t *shape, int32_t rank,
                                 int32_t axis, float beta, const float *in,
                                 float *out);
/** out = beta*x - max - log(sum exp(beta*x - max)) along `axis`. */
edgert_status edgert_log_softmax_f32(const int32_t *shape, int32_t rank,
                                     int32_t axis, float beta, const float *in,
                                     float *out);

#ifdef __cplusplus
}
#endif
#endif /* EDGERT_SOFTMAX_H */
