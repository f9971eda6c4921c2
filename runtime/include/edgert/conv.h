/* edgert: convolutions (edge.conv2d, edge.depthwise_conv2d,
 * edge.transpose_conv2d), f32. */
#ifndef EDGERT_CONV_H
#define EDGERT_CONV_H
#include "edgert/common.h"
#ifdef __cplusplus
extern "C" {
#endif

/** Window parameters of the three convolutions (pads are explicit, never
 *  negative; strides and dilations >= 1). */
typedef struct edgert_conv2d_params {
  int32_t stride_h, stride_w;
  int32_t dilation_h, dilation_w;
  int32_t pad_top, pad_left, pad_bottom, pad_right;
  edgert_act act;
} edgert_conv2d_params;

/** edge.conv2d. input [N,H,W,C], filter OHWI [O,KH,KW,C/groups], bias [O] or
 *  NULL, output [N,OH,OW,O] with
 *  OH = (H + pad_top + pad_bottom - dilation_h*(KH-1) - 1) / stride_h + 1.
 *  groups = C / filter_shape[3] (C and O divisible by it). */
edgert_status edgert_conv2d_f32(const edgert_conv2d_params *p,
                                const int32_t in_shape[4],
                                const float *EDGERT_RESTRICT input,
                                const int32_t filter_shape[4],
                                const float *EDGERT_RESTRICT filter,
                                const float *EDGERT_RESTRICT bias,
                                const int32_t out_shape[4],
                                float *EDGERT_RESTRICT output);

/** Plain integer edge.conv2d (ONNX ConvInteger / QLinearConv after
 *  zero-point subtraction): int16 input and OHWI filter, int32 bias [O] or
 *  NULL, int32 output; shapes, groups and window parameters as
 *  edgert_conv2d_f32. acc = bias[o] + sum x * w over in-bounds taps (padding
 *  contributes 0), products and sum in int32 arithmetic modulo 2^32 (no UB).
 *  p->act must be EDGERT_ACT_NONE. */
edgert_status edgert_conv2d_i16_i32(const edgert_conv2d_params *p,
                                    const int32_t in_shape[4],
                                    const int16_t *EDGERT_RESTRICT input,
                                    const int32_t filter_shape[4],
                                    const int16_t *EDGERT_RESTRICT filter,
                                    const int32_t *EDGERT_RESTRICT bias,
                                    const int32_t out_shape[4],
                                    int32_t *EDGERT_RESTRICT output);

/** edge.depthwise_conv2d. input [N,H,W,C], filter [1,KH,KW,C*M], bias [C*M]
 *  or NULL, output [N,OH,OW,C*M]; output channel c*M+m reads input channel c.
 *  The depth multiplier M = out_shape[3] / C. */
edgert_status edgert_depthwise_conv2d_f32(const edgert_conv2d_params *p,
                                          const int32_t in_shape[4],
                                          const float *EDGERT_RESTRICT input,
                                          const int32_t filter_shape[4],
                                          const float *EDGERT_RESTRICT filter,
                                          const float *EDGERT_RESTRICT bias,
                                          const int32_t out_shape[4],
                                          float *EDGERT_RESTRICT output);

/** edge.transpose_conv2d. input [N,H,W,C], filter [O,KH,KW,C], bias [O] or
 *  NULL, output [N,OH,OW,O]: output(oh,ow) accumulates input(ih,iw) *
 *  filter(kh,kw) wherever oh = ih*stride_h + kh*dilation_h - pad_top (same
 *  for w). The output size (including ONNX output_padding) is taken from
 *  out_shape. Needs no scratch. */
edgert_status edgert_transpose_conv2d_f32(const edgert_conv2d_params *p,
                                          const int32_t in_shape[4],
                                          const float *EDGERT_RESTRICT input,
                                          const int32_t filter_shape[4],
                                          const float *EDGERT_RESTRICT filter,
                                          const float *EDGERT_RESTRICT bias,
                                          const int32_t out_shape[4],
                                          float *EDGERT_RESTRICT output);

#ifdef __cplusplus
}
#endif
#endif /* EDGERT_CONV_H */
