/* edgert: quantized max / average pooling (input and output share their
 * quantization parameters, so the kernels work on stored integers), and the
 * requantizing int8 concat. */
#include "edgert/quant.h"
#include "qinternal.h"

static bool qpool_args_ok(const edgert_pool2d_params *p,
                          const int32_t in_shape[4],
                          const int32_t out_shape[4], int32_t act_min,
                          int32_t act_max, int32_t lo, int32_t hi) {
  return p && p->kernel_h > 0 && p->kernel_w > 0 && p->stride_h > 0 &&
         p->stride_w > 0 && p->pad_top >= 0 && p->pad_left >= 0 &&
         p->pad_bottom >= 0 && p->pad_right >= 0 &&
         edgert_shape_ok(in_shape, 4) && edgert_shape_ok(out_shape, 4) &&
         in_shape[0] == out_shape[0] && in_shape[3] == out_shape[3] &&
         act_min >= lo && act_max <= hi && act_min <= act_max;
}

#define EDGERT_DEFINE_QPOOL(NAME, T, LO, HI, IS_MAX)                           \
  edgert_status NAME(const edgert_pool2d_params *p, int32_t zero_point,        \
                     int32_t act_min, int32_t act_max,                         \
                     const int32_t in_shape[4], const T *restrict input,       \
                     const int32_t out_shape[4], T *restrict output) {         \
    const int32_t N = in_shape[0], H = in_shape[1], W = in_shape[2],           \
                  C = in_shape[3];                                             \
    const int32_t OH = out_shape[1], OW = out_shape[2];                        \
    int32_t n, oh, ow, c;                                                      \
    if (!qpool_args_ok(p, in_shape, out_shape, act_min, act_max, LO, HI))      \
      return EDGERT_ERR_INVALID;                                               \
    for (n = 0; n < N; ++n)                                                    \
      for (oh = 0; oh < OH; ++oh)                                              \
        for (ow = 0; ow < OW; ++ow) {                                          \
          const int32_t h0 = oh * p->stride_h - p->pad_top;                    \
          const int32_t w0 = ow * p->stride_w - p->pad_left;                   \
          const int32_t hs = h0 < 0 ? 0 : h0;                                  \
          const int32_t ws = w0 < 0 ? 0 : w0;                                  \
          const int32_t he = h0 + p->kernel_h > H ? H : h0 + p->kernel_h;      \
          const int32_t we = w0 + p->kernel_w > W ? W : w0 + p->kernel_w;      \
          const int32_t count =                                                \
              (he > hs && we > ws) ? (he - hs) * (we - ws) : 0;                \
          T *out = output + ((n * OH + oh) * OW + ow) * C;                     \
          int32_t h, w;                                                        \
          for (c = 0; c < C; ++c) {                                            \
            int32_t v;                                                         \
            if (IS_MAX) {                                                      \
              v = count > 0 ? LO : zero_point;                                 \
              for (h = hs; h < he; ++h)                                        \
                for (w = ws; w < we; ++w) {                                    \
                  const int32_t x = input[((n * H + h) * W + w) * C + c];      \
                  if (x > v)                                                   \
                    v = x;                                                     \
                }                                                              \
            } else {                                                           \
              int32_t div = count;                                             \
              int64_t sum = 0;                                                 \
              for (h = hs; h < he; ++h)                                        \
                for (w = ws; w < we; ++w)                                      \
                  sum += input[((n * H + h) * W + w) * C + c];                 \
              if (p->count_include_pad) {                                      \
                div = p->kernel_h * p->kernel_w;                               \
                sum += (int64_t)(div - count) * zero_point;                    \
              }                                                                \
              /* Divide rounding half away from zero (TFLite). */              \
              v = div > 0 ? (int32_t)((sum > 0 ? sum + div / 2                 \
                                               : sum - div / 2) / div)         \
                          : zero_point;                                        \
            }                                                                  \
            out[c] = (T)edgert_clamp32(v, act_min, act_max);                   \
          }                                                                    \
        }                                                                      \
    return EDGERT_OK;                                                          \
  }

EDGERT_DEFINE_QPOOL(edgert_max_pool2d_q8, int8_t, INT8_MIN, INT8_MAX, 1)
EDGERT_DEFINE_QPOOL(edgert_max_pool2d_q16, int16_t, INT16_MIN, INT16_MAX, 1)
EDGERT_DEFINE_QPOOL(edgert_avg_pool2d_q8, int8_t, INT8_MIN, INT8_MAX, 0)
EDGERT_DEFINE_QPOOL(edgert_avg_pool2d_q16, int16_t, INT16_MIN, INT16_MAX, 0)

edgert_status edgert_concat_q8(const int32_t *out_shape, int32_t rank,
                               int32_t axis, int32_t ninputs,
                               const int32_t *axis_sizes,
                               const int8_t *const *inputs,
                               const edgert_rescale *rescales,
                               int8_t *restrict out) {
  int32_t outer, inner, o, i, j, total = 0;
  int8_t *dst = out;
  if (!edgert_shape_ok(out_shape, rank) || axis < 0 || axis >= rank ||
      ninputs < 1)
    return EDGERT_ERR_INVALID;
  for (i = 0; i < ninputs; ++i) {
    if (axis_sizes[i] < 0)
      return EDGERT_ERR_INVALID;
    total += axis_sizes[i];
  }
  if (total != out_shape[axis])
    return EDGERT_ERR_INVALID;
  outer = edgert_dims_product(out_shape, 0, axis);
  inner = edgert_dims_product(out_shape, axis + 1, rank);
  for (o = 0; o < outer; ++o)
    for (i = 0; i < ninputs; ++i) {
      const int32_t run = axis_sizes[i] * inner;
      const int8_t *src = inputs[i] + o * run;
      if (rescales)
        for (j = 0; j < run; ++j)
          dst[j] = (int8_t)edgert_rescale_apply(&rescales[i], src[j], INT8_MIN,
                                                INT8_MAX);
      else
        for (j = 0; j < run; ++j)
          dst[j] = src[j];
      dst += run;
    }
  return EDGERT_OK;
}
