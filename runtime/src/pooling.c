/* edgert: 2-D max / average pooling, NHWC, f32. */
#include "edgert/pooling.h"
#include "internal.h"

static bool pool_args_ok(const edgert_pool2d_params *p,
                         const int32_t in_shape[4],
                         const int32_t out_shape[4]) {
  return p && p->kernel_h > 0 && p->kernel_w > 0 && p->stride_h > 0 &&
         p->stride_w > 0 && p->pad_top >= 0 && p->pad_left >= 0 &&
         p->pad_bottom >= 0 && p->pad_right >= 0 &&
         edgert_shape_ok(in_shape, 4) && edgert_shape_ok(out_shape, 4) &&
         in_shape[0] == out_shape[0] && in_shape[3] == out_shape[3];
}

static edgert_status pool2d(const edgert_pool2d_params *p,
                            const int32_t in_shape[4],
                            const float *restrict input,
                            const int32_t out_shape[4],
                            float *restrict output, bool is_max) {
  const int32_t N = in_shape[0], H = in_shape[1], W = in_shape[2],
                C = in_shape[3];
  const int32_t OH = out_shape[1], OW = out_shape[2];
  int32_t n, oh, ow, c;
  if (!pool_args_ok(p, in_shape, out_shape))
    return EDGERT_ERR_INVALID;
  for (n = 0; n < N; ++n)
    for (oh = 0; oh < OH; ++oh)
      for (ow = 0; ow < OW; ++ow) {
        const int32_t h0 = oh * p->stride_h - p->pad_top;
        const int32_t w0 = ow * p->stride_w - p->pad_left;
        const int32_t hs = h0 < 0 ? 0 : h0;
        const int32_t ws = w0 < 0 ? 0 : w0;
        const int32_t he = h0 + p->kernel_h > H ? H : h0 + p->kernel_h;
        const int32_t we = w0 + p->kernel_w > W ? W : w0 + p->kernel_w;
        float *out = output + ((n * OH + oh) * OW + ow) * C;
        int32_t count = (he > hs && we > ws) ? (he - hs) * (we - ws) : 0;
        int32_t h, w;
        for (c = 0; c < C; ++c) {
          float acc = 0.0f;
          bool first = true;
          for (h = hs; h < he; ++h)
            for (w = ws; w < we; ++w) {
              const float v = input[((n * H + h) * W + w) * C + c];
              if (!is_max)
                acc += v;
              else if (first || v > acc || v != v)
                acc = v;
              first = false;
            }
          if (!is_max) {
            const int32_t div =
                p->count_include_pad ? p->kernel_h * p->kernel_w : count;
            acc = div > 0 ? acc / (float)div : 0.0f;
          }
          out[c] = edgert_act_apply_f32(&p->act, acc);
        }
      }
  return EDGERT_OK;
}

edgert_status edgert_max_pool2d_f32(const edgert_pool2d_params *p,
                                    const int32_t in_shape[4],
                                    const float *restrict input,
                                    const int32_t out_shape[4],
                                    float *restrict output) {
  return pool2d(p, in_shape, input, out_shape, output, true);
}

edgert_status edgert_avg_pool2d_f32(const edgert_pool2d_params *p,
                                    const int32_t in_shape[4],
                                    const float *restrict input,
                                    const int32_t out_shape[4],
                                    float *restrict output) {
  return pool2d(p, in_shape, input, out_shape, output, false);
}
