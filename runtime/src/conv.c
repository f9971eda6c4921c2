/* edgert: conv2d (with groups), depthwise_conv2d, transpose_conv2d — f32,
 * NHWC activations, OHWI / 1HW(C*M) filters. Direct (no im2col), so no
 * scratch memory. */
#include "edgert/conv.h"
#include "internal.h"

static bool conv_params_ok(const edgert_conv2d_params *p) {
  return p && p->stride_h > 0 && p->stride_w > 0 && p->dilation_h > 0 &&
         p->dilation_w > 0 && p->pad_top >= 0 && p->pad_left >= 0 &&
         p->pad_bottom >= 0 && p->pad_right >= 0;
}

/* Output size of a forward window op. */
static int32_t conv_out_dim(int32_t in, int32_t pad0, int32_t pad1, int32_t k,
                            int32_t dil, int32_t stride) {
  int32_t span = in + pad0 + pad1 - dil * (k - 1) - 1;
  return span < 0 ? 0 : span / stride + 1;
}

edgert_status edgert_conv2d_f32(const edgert_conv2d_params *p,
                                const int32_t in_shape[4],
                                const float *restrict input,
                                const int32_t filter_shape[4],
                                const float *restrict filter,
                                const float *restrict bias,
                                const int32_t out_shape[4],
                                float *restrict output) {
  const int32_t N = in_shape[0], H = in_shape[1], W = in_shape[2],
                C = in_shape[3];
  const int32_t O = filter_shape[0], KH = filter_shape[1],
                KW = filter_shape[2], CG = filter_shape[3];
  const int32_t OH = out_shape[1], OW = out_shape[2];
  int32_t groups, OG, n, oh, ow, o;
  if (!conv_params_ok(p) || !edgert_shape_ok(in_shape, 4) ||
      !edgert_shape_ok(filter_shape, 4) || !edgert_shape_ok(out_shape, 4) ||
      CG <= 0 || C % CG != 0)
    return EDGERT_ERR_INVALID;
  groups = C / CG;
  if (O % groups != 0 || out_shape[0] != N || out_shape[3] != O ||
      OH != conv_out_dim(H, p->pad_top, p->pad_bottom, KH, p->dilation_h,
                         p->stride_h) ||
      OW != conv_out_dim(W, p->pad_left, p->pad_right, KW, p->dilation_w,
                         p->stride_w))
    return EDGERT_ERR_INVALID;
  OG = O / groups;
  for (n = 0; n < N; ++n)
    for (oh = 0; oh < OH; ++oh)
      for (ow = 0; ow < OW; ++ow) {
        const int32_t ih0 = oh * p->stride_h - p->pad_top;
        const int32_t iw0 = ow * p->stride_w - p->pad_left;
        float *out = output + ((n * OH + oh) * OW + ow) * O;
        for (o = 0; o < O; ++o) {
          const int32_t cbase = (o / OG) * CG;
          float acc = bias ? bias[o] : 0.0f;
          int32_t kh, kw, c;
          for (kh = 0; kh < KH; ++kh) {
            const int32_t ih = ih0 + kh * p->dilation_h;
            if (ih < 0 || ih >= H)
              continue;
            for (kw = 0; kw < KW; ++kw) {
              const int32_t iw = iw0 + kw * p->dilation_w;
              const float *x, *w;
              if (iw < 0 || iw >= W)
                continue;
              x = input + ((n * H + ih) * W + iw) * C + cbase;
              w = filter + ((o * KH + kh) * KW + kw) * CG;
              for (c = 0; c < CG; ++c)
                acc += x[c] * w[c];
            }
          }
          out[o] = edgert_act_apply_f32(&p->act, acc);
        }
      }
  return EDGERT_OK;
}

edgert_status edgert_conv2d_i16_i32(const edgert_conv2d_params *p,
                                    const int32_t in_shape[4],
                                    const int16_t *restrict input,
                                    const int32_t filter_shape[4],
                                    const int16_t *restrict filter,
                                    const int32_t *restrict bias,
                                    const int32_t out_shape[4],
                                    int32_t *restrict output) {
  const int32_t N = in_shape[0], H = in_shape[1], W = in_shape[2],
                C = in_shape[3];
  const int32_t O = filter_shape[0], KH = filter_shape[1],
                KW = filter_shape[2], CG = filter_shape[3];
  const int32_t OH = out_shape[1], OW = out_shape[2];
  int32_t groups, OG, n, oh, ow, o;
  if (!conv_params_ok(p) || p->act.kind != EDGERT_ACT_NONE ||
      !edgert_shape_ok(in_shape, 4) || !edgert_shape_ok(filter_shape, 4) ||
      !edgert_shape_ok(out_shape, 4) || CG <= 0 || C % CG != 0)
    return EDGERT_ERR_INVALID;
  groups = C / CG;
  if (O % groups != 0 || out_shape[0] != N || out_shape[3] != O ||
      OH != conv_out_dim(H, p->pad_top, p->pad_bottom, KH, p->dilation_h,
                         p->stride_h) ||
      OW != conv_out_dim(W, p->pad_left, p->pad_right, KW, p->dilation_w,
                         p->stride_w))
    return EDGERT_ERR_INVALID;
  OG = O / groups;
  for (n = 0; n < N; ++n)
    for (oh = 0; oh < OH; ++oh)
      for (ow = 0; ow < OW; ++ow) {
        const int32_t ih0 = oh * p->stride_h - p->pad_top;
        const int32_t iw0 = ow * p->stride_w - p->pad_left;
        int32_t *out = output + ((n * OH + oh) * OW + ow) * O;
        for (o = 0; o < O; ++o) {
          const int32_t cbase = (o / OG) * CG;
          /* Unsigned: the sum wraps modulo 2^32 without UB. */
          uint32_t acc = bias ? (uint32_t)bias[o] : 0u;
          int32_t kh, kw, c;
          for (kh = 0; kh < KH; ++kh) {
            const int32_t ih = ih0 + kh * p->dilation_h;
            if (ih < 0 || ih >= H)
              continue;
            for (kw = 0; kw < KW; ++kw) {
              const int32_t iw = iw0 + kw * p->dilation_w;
              const int16_t *x, *w;
              if (iw < 0 || iw >= W)
                continue;
              x = input + ((n * H + ih) * W + iw) * C + cbase;
              w = filter + ((o * KH + kh) * KW + kw) * CG;
              for (c = 0; c < CG; ++c)
                acc += (uint32_t)((int32_t)x[c] * (int32_t)w[c]);
            }
          }
          out[o] = edgert_wrap_i32((uint64_t)acc);
        }
      }
  return EDGERT_OK;
}

edgert_status edgert_depthwise_conv2d_f32(const edgert_conv2d_params *p,
                                          const int32_t in_shape[4],
                                          const float *restrict input,
                                          const int32_t filter_shape[4],
                                          const float *restrict filter,
                                          const float *restrict bias,
                                          const int32_t out_shape[4],
                                          float *restrict output) {
  const int32_t N = in_shape[0], H = in_shape[1], W = in_shape[2],
                C = in_shape[3];
  const int32_t KH = filter_shape[1], KW = filter_shape[2];
  const int32_t OH = out_shape[1], OW = out_shape[2], OC = out_shape[3];
  int32_t M, n, oh, ow, oc;
  if (!conv_params_ok(p) || !edgert_shape_ok(in_shape, 4) ||
      !edgert_shape_ok(filter_shape, 4) || !edgert_shape_ok(out_shape, 4) ||
      C <= 0 || OC % C != 0 || filter_shape[0] != 1 || filter_shape[3] != OC ||
      out_shape[0] != N ||
      OH != conv_out_dim(H, p->pad_top, p->pad_bottom, KH, p->dilation_h,
                         p->stride_h) ||
      OW != conv_out_dim(W, p->pad_left, p->pad_right, KW, p->dilation_w,
                         p->stride_w))
    return EDGERT_ERR_INVALID;
  M = OC / C;
  for (n = 0; n < N; ++n)
    for (oh = 0; oh < OH; ++oh)
      for (ow = 0; ow < OW; ++ow) {
        const int32_t ih0 = oh * p->stride_h - p->pad_top;
        const int32_t iw0 = ow * p->stride_w - p->pad_left;
        float *out = output + ((n * OH + oh) * OW + ow) * OC;
        int32_t kh, kw;
        for (oc = 0; oc < OC; ++oc)
          out[oc] = bias ? bias[oc] : 0.0f;
        for (kh = 0; kh < KH; ++kh) {
          const int32_t ih = ih0 + kh * p->dilation_h;
          if (ih < 0 || ih >= H)
            continue;
          for (kw = 0; kw < KW; ++kw) {
            const int32_t iw = iw0 + kw * p->dilation_w;
            const float *x, *w;
            if (iw < 0 || iw >= W)
              continue;
            x = input + ((n * H + ih) * W + iw) * C;
            w = filter + (kh * KW + kw) * OC;
            for (oc = 0; oc < OC; ++oc)
              out[oc] += x[oc / M] * w[oc];
          }
        }
        for (oc = 0; oc < OC; ++oc)
          out[oc] = edgert_act_apply_f32(&p->act, out[oc]);
      }
  return EDGERT_OK;
}

edgert_status edgert_transpose_conv2d_f32(const edgert_conv2d_params *p,
                                          const int32_t in_shape[4],
                                          const float *restrict input,
                                          const int32_t filter_shape[4],
                                          const float *restrict filter,
                                          const float *restrict bias,
                                          const int32_t out_shape[4],
                                          float *restrict output) {
  const int32_t N = in_shape[0], H = in_shape[1], W = in_shape[2],
                C = in_shape[3];
  const int32_t O = filter_shape[0], KH = filter_shape[1],
                KW = filter_shape[2];
  const int32_t OH = out_shape[1], OW = out_shape[2];
  int32_t n, oh, ow, o;
  if (!conv_params_ok(p) || !edgert_shape_ok(in_shape, 4) ||
      !edgert_shape_ok(filter_shape, 4) || !edgert_shape_ok(out_shape, 4) ||
      filter_shape[3] != C || out_shape[0] != N || out_shape[3] != O)
    return EDGERT_ERR_INVALID;
  /* Gather form: each output position sums the (ih, kh) pairs with
   * ih * stride + kh * dilation - pad == oh. */
  for (n = 0; n < N; ++n)
    for (oh = 0; oh < OH; ++oh)
      for (ow = 0; ow < OW; ++ow) {
        float *out = output + ((n * OH + oh) * OW + ow) * O;
        int32_t kh, kw, c;
        for (o = 0; o < O; ++o)
          out[o] = bias ? bias[o] : 0.0f;
        for (kh = 0; kh < KH; ++kh) {
          const int32_t th = oh + p->pad_top - kh * p->dilation_h;
          int32_t ih;
          if (th < 0 || th % p->stride_h != 0)
            continue;
          ih = th / p->stride_h;
          if (ih >= H)
            continue;
          for (kw = 0; kw < KW; ++kw) {
            const int32_t tw = ow + p->pad_left - kw * p->dilation_w;
            const float *x;
            int32_t iw;
            if (tw < 0 || tw % p->stride_w != 0)
              continue;
            iw = tw / p->stride_w;
            if (iw >= W)
              continue;
            x = input + ((n * H + ih) * W + iw) * C;
            for (o = 0; o < O; ++o) {
              const float *w = filter + ((o * KH + kh) * KW + kw) * C;
              float acc = 0.0f;
              for (c = 0; c < C; ++c)
                acc += x[c] * w[c];
              out[o] += acc;
            }
          }
        }
        for (o = 0; o < O; ++o)
          out[o] = edgert_act_apply_f32(&p->act, out[o]);
      }
  return EDGERT_OK;
}
