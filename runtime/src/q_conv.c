/* edgert: quantized conv2d (groups) and depthwise_conv2d, int8 (q8: int32
 * accumulators) and 16x8 (q16: int64 accumulators). Direct loops, NHWC,
 * OHWI / 1HW(C*M) filters, no scratch. The accumulators are computed modulo
 * 2^32 (q8) / 2^64 (q16) through unsigned arithmetic: TFLite's int32 sum,
 * without its undefined behaviour on overflow. */
#include "edgert/quant.h"
#include "qinternal.h"

static bool qconv_window_ok(const edgert_conv2d_params *p) {
  return p && p->stride_h > 0 && p->stride_w > 0 && p->dilation_h > 0 &&
         p->dilation_w > 0 && p->pad_top >= 0 && p->pad_left >= 0 &&
         p->pad_bottom >= 0 && p->pad_right >= 0;
}

static int32_t qconv_out_dim(int32_t in, int32_t pad0, int32_t pad1, int32_t k,
                             int32_t dil, int32_t stride) {
  int32_t span = in + pad0 + pad1 - dil * (k - 1) - 1;
  return span < 0 ? 0 : span / stride + 1;
}

static bool qconv_spatial_ok(const edgert_conv2d_params *p,
                             const int32_t in_shape[4],
                             const int32_t filter_shape[4],
                             const int32_t out_shape[4]) {
  return edgert_shape_ok(in_shape, 4) && edgert_shape_ok(filter_shape, 4) &&
         edgert_shape_ok(out_shape, 4) && out_shape[0] == in_shape[0] &&
         out_shape[1] == qconv_out_dim(in_shape[1], p->pad_top, p->pad_bottom,
                                       filter_shape[1], p->dilation_h,
                                       p->stride_h) &&
         out_shape[2] == qconv_out_dim(in_shape[2], p->pad_left, p->pad_right,
                                       filter_shape[2], p->dilation_w,
                                       p->stride_w);
}

/* TI input type, TB bias type, TO output type, UACC unsigned accumulator,
 * WRAP converts it back to signed, OUT is the output stage, LO/HI storage
 * range. */
#define EDGERT_DEFINE_QCONV(NAME, TI, TB, TO, UACC, WRAP, OUT, LO, HI)         \
  edgert_status NAME(const edgert_conv2d_params *p, const edgert_qparams *q,   \
                     const int32_t in_shape[4], const TI *restrict input,      \
                     const int32_t filter_shape[4],                            \
                     const int8_t *restrict filter, const TB *restrict bias,   \
                     const int32_t out_shape[4], TO *restrict output) {        \
    const int32_t N = in_shape[0], H = in_shape[1], W = in_shape[2],           \
                  C = in_shape[3];                                             \
    const int32_t O = filter_shape[0], KH = filter_shape[1],                   \
                  KW = filter_shape[2], CG = filter_shape[3];                  \
    const int32_t OH = out_shape[1], OW = out_shape[2];                        \
    int32_t groups, OG, n, oh, ow, o;                                          \
    if (!qconv_window_ok(p) ||                                                 \
        !qconv_spatial_ok(p, in_shape, filter_shape, out_shape) || CG <= 0 ||  \
        C % CG != 0)                                                           \
      return EDGERT_ERR_INVALID;                                               \
    groups = C / CG;                                                           \
    if (O % groups != 0 || out_shape[3] != O || !edgert_qparams_ok(q, O, LO, HI)) \
      return EDGERT_ERR_INVALID;                                               \
    OG = O / groups;                                                           \
    for (n = 0; n < N; ++n)                                                    \
      for (oh = 0; oh < OH; ++oh)                                              \
        for (ow = 0; ow < OW; ++ow) {                                          \
          const int32_t ih0 = oh * p->stride_h - p->pad_top;                   \
          const int32_t iw0 = ow * p->stride_w - p->pad_left;                  \
          TO *out = output + ((n * OH + oh) * OW + ow) * O;                    \
          for (o = 0; o < O; ++o) {                                            \
            const int32_t cbase = (o / OG) * CG;                               \
            UACC acc = bias ? (UACC)bias[o] : 0u;                              \
            int32_t kh, kw, c;                                                 \
            for (kh = 0; kh < KH; ++kh) {                                      \
              const int32_t ih = ih0 + kh * p->dilation_h;                     \
              if (ih < 0 || ih >= H)                                           \
                continue;                                                      \
              for (kw = 0; kw < KW; ++kw) {                                    \
                const int32_t iw = iw0 + kw * p->dilation_w;                   \
                const TI *x;                                                   \
                const int8_t *w;                                               \
                if (iw < 0 || iw >= W)                                         \
                  continue;                                                    \
                x = input + ((n * H + ih) * W + iw) * C + cbase;               \
                w = filter + ((o * KH + kh) * KW + kw) * CG;                   \
                for (c = 0; c < CG; ++c)                                       \
                  acc += (UACC)((x[c] - q->input_zp) * (w[c] - q->filter_zp)); \
              }                                                                \
            }                                                                  \
            out[o] = (TO)OUT(q, o, WRAP(acc));                                 \
          }                                                                    \
        }                                                                      \
    return EDGERT_OK;                                                          \
  }

#define EDGERT_DEFINE_QDWCONV(NAME, TI, TB, TO, UACC, WRAP, OUT, LO, HI)       \
  edgert_status NAME(const edgert_conv2d_params *p, const edgert_qparams *q,   \
                     const int32_t in_shape[4], const TI *restrict input,      \
                     const int32_t filter_shape[4],                            \
                     const int8_t *restrict filter, const TB *restrict bias,   \
                     const int32_t out_shape[4], TO *restrict output) {        \
    const int32_t N = in_shape[0], H = in_shape[1], W = in_shape[2],           \
                  C = in_shape[3];                                             \
    const int32_t KH = filter_shape[1], KW = filter_shape[2];                  \
    const int32_t OH = out_shape[1], OW = out_shape[2], OC = out_shape[3];     \
    int32_t M, n, oh, ow, oc;                                                  \
    if (!qconv_window_ok(p) ||                                                 \
        !qconv_spatial_ok(p, in_shape, filter_shape, out_shape) || C <= 0 ||   \
        OC % C != 0 || filter_shape[0] != 1 || filter_shape[3] != OC ||        \
        !edgert_qparams_ok(q, OC, LO, HI))                                     \
      return EDGERT_ERR_INVALID;                                               \
    M = OC / C;                                                                \
    for (n = 0; n < N; ++n)                                                    \
      for (oh = 0; oh < OH; ++oh)                                              \
        for (ow = 0; ow < OW; ++ow) {                                          \
          const int32_t ih0 = oh * p->stride_h - p->pad_top;                   \
          const int32_t iw0 = ow * p->stride_w - p->pad_left;                  \
          TO *out = output + ((n * OH + oh) * OW + ow) * OC;                   \
          for (oc = 0; oc < OC; ++oc) {                                        \
            const int32_t ic = oc / M;                                         \
            UACC acc = bias ? (UACC)bias[oc] : 0u;                             \
            int32_t kh, kw;                                                    \
            for (kh = 0; kh < KH; ++kh) {                                      \
              const int32_t ih = ih0 + kh * p->dilation_h;                     \
              if (ih < 0 || ih >= H)                                           \
                continue;                                                      \
              for (kw = 0; kw < KW; ++kw) {                                    \
                const int32_t iw = iw0 + kw * p->dilation_w;                   \
                if (iw < 0 || iw >= W)                                         \
                  continue;                                                    \
                acc += (UACC)(                                                 \
                    (input[((n * H + ih) * W + iw) * C + ic] - q->input_zp) *  \
                    (filter[(kh * KW + kw) * OC + oc] - q->filter_zp));        \
              }                                                                \
            }                                                                  \
            out[oc] = (TO)OUT(q, oc, WRAP(acc));                               \
          }                                                                    \
        }                                                                      \
    return EDGERT_OK;                                                          \
  }

EDGERT_DEFINE_QCONV(edgert_conv2d_q8, int8_t, int32_t, int8_t, uint32_t,
                    edgert_wrap_i32, edgert_qparams_out32, INT8_MIN, INT8_MAX)
EDGERT_DEFINE_QCONV(edgert_conv2d_q16, int16_t, int64_t, int16_t, uint64_t,
                    edgert_wrap_i64, edgert_qparams_out64, INT16_MIN,
                    INT16_MAX)
EDGERT_DEFINE_QDWCONV(edgert_depthwise_conv2d_q8, int8_t, int32_t, int8_t,
                      uint32_t, edgert_wrap_i32, edgert_qparams_out32,
                      INT8_MIN, INT8_MAX)
EDGERT_DEFINE_QDWCONV(edgert_depthwise_conv2d_q16, int16_t, int64_t, int16_t,
                      uint64_t, edgert_wrap_i64, edgert_qparams_out64,
                      INT16_MIN, INT16_MAX)
