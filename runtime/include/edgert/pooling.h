/* edgert: edge.max_pool2d / edge.avg_pool2d, NHWC, f32. */
#ifndef EDGERT_POOLING_H
#define EDGERT_POOLING_H
#include "edgert/common.h"
#ifdef __cplusplus
extern "C" {
#endif

typedef struct edgert_pool2d_params {
  int32_t kernel_h, kernel_w;
  int32_t stride_h, stride_w;
  int32_t pad_top, pad_left, pad_bottom, pad_right;
  /** avg only: padded positions count in the divisor. */
  bool count_include_pad;
  edgert_act act;
} edgert_pool2d_params;

/** input [N,H,W,C] -> output [N,OH,OW,C] (out_shape given by the caller; ONNX
 *  ceil_mode is expressed as extra bottom/right padding). Padded positions
 *  never win a max; a window without any in-bounds position yields act(0). */
edgert_status edgert_max_pool2d_f32(const edgert_pool2d_params *p,
                                    const int32_t in_shape[4],
                                    const float *EDGERT_RESTRICT input,
                                    const int32_t out_shape[4],
                                    float *EDGERT_RESTRICT output);
/** Average: the divisor is the number of in-bounds positions, or with
 *  count_include_pad KH * KW (padded positions count as zeros). */
edgert_status edgert_avg_pool2d_f32(const edgert_pool2d_params *p,
                                    const int32_t in_shape[4],
                                    const float *EDGERT_RESTRICT input,
                                    const int32_t out_shape[4],
                                    float *EDGERT_RESTRICT output);

#ifdef __cplusplus
}
#endif
#endif /* EDGERT_POOLING_H */
