/* edgert: fixed-point helpers of the quantized kernels (TFLite arithmetic),
 * quantize / dequantize / requantize, lookup tables and the int8 softmax. */
#include "edgert/quant.h"
#include "internal.h"
#include "qinternal.h"

#include <math.h>

/* --- fixed-point helpers -------------------------------------------------- */

void edgert_quantize_multiplier(double real, int32_t *multiplier,
                                int32_t *shift) {
  double q;
  int32_t e = 0;
  int64_t fixed;
  bool neg = real < 0.0;
  *multiplier = 0;
  *shift = 0;
  if (!(real != 0.0) || real != real) /* zero or NaN */
    return;
  q = neg ? -real : real;
  if (q >= 1073741824.0) { /* 2^30: would need a shift > 30 */
    *multiplier = neg ? -INT32_MAX : INT32_MAX;
    *shift = 30;
    return;
  }
  /* frexp without libm: q = significand * 2^e, significand in [0.5, 1).
   * Scaling a double by 2 is exact. */
  while (q >= 1.0) {
    q *= 0.5;
    ++e;
  }
  while (q < 0.5) {
    q *= 2.0;
    --e;
    if (e < -40) /* far below 2^-31: flushed to zero below anyway */
      return;
  }
  /* q * 2^31 is exact and in [2^30, 2^31); + 0.5 is exact too, so the
   * truncation rounds half away from zero (std::round). */
  fixed = (int64_t)(q * 2147483648.0 + 0.5);
  if (fixed == ((int64_t)1 << 31)) {
    fixed /= 2;
    ++e;
  }
  if (e < -31)
    return; /* every bit would be shifted out: flush to zero */
  if (e > 30) {
    fixed = INT32_MAX;
    e = 30;
  }
  *multiplier = neg ? -(int32_t)fixed : (int32_t)fixed;
  *shift = e;
}

int32_t edgert_srdhm(int32_t a, int32_t b) {
  int64_t ab, nudge;
  if (a == b && a == INT32_MIN)
    return INT32_MAX;
  ab = (int64_t)a * (int64_t)b;
  nudge = ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
  /* C division truncates toward zero, as gemmlowp's does. */
  return (int32_t)((ab + nudge) / ((int64_t)1 << 31));
}

int32_t edgert_rounding_divide_by_pot(int32_t x, int32_t exponent) {
  int32_t mask, remainder, threshold;
  if (exponent <= 0)
    return x;
  if (exponent > 31)
    exponent = 31;
  mask = (int32_t)(((int64_t)1 << exponent) - 1);
  remainder = x & mask;
  threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return edgert_asr32(x, exponent) + (remainder > threshold ? 1 : 0);
}

int32_t edgert_mul_by_quantized_multiplier(int32_t x, int32_t multiplier,
                                           int32_t shift) {
  const int32_t left = shift > 0 ? shift : 0;
  const int32_t right = shift > 0 ? 0 : -shift;
  const int32_t shifted = edgert_wrap_i32((uint64_t)(uint32_t)x << left);
  return edgert_rounding_divide_by_pot(edgert_srdhm(shifted, multiplier),
                                       right);
}

int32_t edgert_mul_by_quantized_multiplier_i64(int64_t x, int32_t multiplier,
                                               int32_t shift) {
  const int32_t reduced = multiplier < 0x7FFF0000
                              ? (int32_t)(((int64_t)multiplier + (1 << 15)) / 65536)
                              : 0x7FFF;
  const int32_t total = 15 - shift;
  int64_t r;
  /* Products stay below 2^62 for |x| < 2^47; wrap (no UB) otherwise. */
  uint64_t v = (uint64_t)x * (uint64_t)(int64_t)reduced;
  if (total > 0) {
    v += (uint64_t)1 << (total - 1);
    r = edgert_asr64(edgert_wrap_i64(v), total > 63 ? 63 : total);
  } else {
    r = edgert_wrap_i64(v << (-total > 63 ? 63 : -total));
  }
  if (r > INT32_MAX)
    return INT32_MAX;
  if (r < INT32_MIN)
    return INT32_MIN;
  return (int32_t)r;
}

int32_t edgert_quantize_value(float x, float scale, int32_t zero_point,
                              int32_t qmin, int32_t qmax) {
  float v = x / scale, lo = (float)(qmin - zero_point),
        hi = (float)(qmax - zero_point), f, d;
  int32_t r;
  if (v != v)
    return edgert_clamp32(zero_point, qmin, qmax);
  if (v <= lo - 1.0f)
    return qmin;
  if (v >= hi + 1.0f)
    return qmax;
  /* |v| is now small: round half to even independent of the FP mode. */
  f = floorf(v);
  d = v - f;
  r = (int32_t)f;
  if (d > 0.5f || (d == 0.5f && (r & 1) != 0))
    ++r;
  return edgert_clamp32(r + zero_point, qmin, qmax);
}

edgert_status edgert_quant_act_range(const edgert_act *act, float scale,
                                     int32_t zero_point, int32_t qmin,
                                     int32_t qmax, int32_t *lo, int32_t *hi) {
  double flo, fhi;
  if (!(scale > 0.0f) || qmin > qmax)
    return EDGERT_ERR_INVALID;
  if (!edgert_act_clamp_bounds(act, &flo, &fhi))
    return EDGERT_ERR_UNSUPPORTED;
  *lo = qmin;
  *hi = qmax;
  if (flo > -INFINITY)
    *lo = edgert_quantize_value((float)flo, scale, zero_point, qmin, qmax);
  if (fhi < INFINITY)
    *hi = edgert_quantize_value((float)fhi, scale, zero_point, qmin, qmax);
  if (*lo > *hi)
    *lo = *hi;
  return EDGERT_OK;
}

/* --- conversions ------------------------------------------------------------ */

edgert_status edgert_quantize_f32_q8(int32_t n, float scale, int32_t zero_point,
                                     const float *restrict in,
                                     int8_t *restrict out) {
  int32_t i;
  if (n < 0 || !(scale > 0.0f))
    return EDGERT_ERR_INVALID;
  for (i = 0; i < n; ++i)
    out[i] = (int8_t)edgert_quantize_value(in[i], scale, zero_point, INT8_MIN,
                                           INT8_MAX);
  return EDGERT_OK;
}

edgert_status edgert_quantize_f32_q16(int32_t n, float scale,
                                      int32_t zero_point,
                                      const float *restrict in,
                                      int16_t *restrict out) {
  int32_t i;
  if (n < 0 || !(scale > 0.0f))
    return EDGERT_ERR_INVALID;
  for (i = 0; i < n; ++i)
    out[i] = (int16_t)edgert_quantize_value(in[i], scale, zero_point,
                                            INT16_MIN, INT16_MAX);
  return EDGERT_OK;
}

edgert_status edgert_quantize_per_axis_f32_q8(int32_t n, int32_t channels,
                                              int32_t inner,
                                              const float *scales,
                                              const int32_t *zero_points,
                                              const float *restrict in,
                                              int8_t *restrict out) {
  int32_t i, c;
  if (n < 0 || channels <= 0 || inner <= 0)
    return EDGERT_ERR_INVALID;
  for (c = 0; c < channels; ++c)
    if (!(scales[c] > 0.0f))
      return EDGERT_ERR_INVALID;
  for (i = 0; i < n; ++i) {
    c = (i / inner) % channels;
    out[i] = (int8_t)edgert_quantize_value(in[i], scales[c], zero_points[c],
                                           INT8_MIN, INT8_MAX);
  }
  return EDGERT_OK;
}

edgert_status edgert_dequantize_q8_f32(int32_t n, float scale,
                                       int32_t zero_point,
                                       const int8_t *restrict in,
                                       float *restrict out) {
  int32_t i;
  if (n < 0)
    return EDGERT_ERR_INVALID;
  for (i = 0; i < n; ++i)
    out[i] = (float)(in[i] - zero_point) * scale;
  return EDGERT_OK;
}

edgert_status edgert_dequantize_q16_f32(int32_t n, float scale,
                                        int32_t zero_point,
                                        const int16_t *restrict in,
                                        float *restrict out) {
  int32_t i;
  if (n < 0)
    return EDGERT_ERR_INVALID;
  for (i = 0; i < n; ++i)
    out[i] = (float)(in[i] - zero_point) * scale;
  return EDGERT_OK;
}

edgert_status edgert_dequantize_per_axis_q8_f32(int32_t n, int32_t channels,
                                                int32_t inner,
                                                const float *scales,
                                                const int32_t *zero_points,
                                                const int8_t *restrict in,
                                                float *restrict out) {
  int32_t i, c;
  if (n < 0 || channels <= 0 || inner <= 0)
    return EDGERT_ERR_INVALID;
  for (i = 0; i < n; ++i) {
    c = (i / inner) % channels;
    out[i] = (float)(in[i] - zero_points[c]) * scales[c];
  }
  return EDGERT_OK;
}

edgert_status edgert_dequantize_q32_f32(int32_t n, float scale,
                                        int32_t zero_point,
                                        const int32_t *restrict in,
                                        float *restrict out) {
  int32_t i;
  if (n < 0)
    return EDGERT_ERR_INVALID;
  for (i = 0; i < n; ++i)
    out[i] = ((float)in[i] - (float)zero_point) * scale;
  return EDGERT_OK;
}

edgert_status edgert_dequantize_per_axis_q32_f32(int32_t n, int32_t channels,
                                                 int32_t inner,
                                                 const float *scales,
                                                 const int32_t *zero_points,
                                                 const int32_t *restrict in,
                                                 float *restrict out) {
  int32_t i, c;
  if (n < 0 || channels <= 0 || inner <= 0)
    return EDGERT_ERR_INVALID;
  for (i = 0; i < n; ++i) {
    c = (i / inner) % channels;
    out[i] = ((float)in[i] - (float)zero_points[c]) * scales[c];
  }
  return EDGERT_OK;
}

void edgert_rescale_init(float in_scale, int32_t in_zp, float out_scale,
                         int32_t out_zp, edgert_rescale *r) {
  r->in_zp = in_zp;
  r->out_zp = out_zp;
  edgert_quantize_multiplier((double)in_scale / (double)out_scale,
                             &r->multiplier, &r->shift);
}

#define EDGERT_DEFINE_REQUANTIZE(TI, SI, TO, SO, LO, HI, RI, RO)             \
  edgert_status edgert_requantize_##SI##_##SO(const edgert_rescale *r,        \
                                              int32_t n, const TI *RI in,     \
                                              TO *RO out) {                   \
    int32_t i;                                                                \
    if (!r || n < 0)                                                          \
      return EDGERT_ERR_INVALID;                                              \
    for (i = 0; i < n; ++i)                                                   \
      out[i] = (TO)edgert_rescale_apply(r, in[i], LO, HI);                    \
    return EDGERT_OK;                                                         \
  }

#define EDGERT_NO_RESTRICT
EDGERT_DEFINE_REQUANTIZE(int8_t, q8, int8_t, q8, INT8_MIN, INT8_MAX,
                         EDGERT_NO_RESTRICT, EDGERT_NO_RESTRICT)
EDGERT_DEFINE_REQUANTIZE(int8_t, q8, int16_t, q16, INT16_MIN, INT16_MAX,
                         restrict, restrict)
EDGERT_DEFINE_REQUANTIZE(int16_t, q16, int8_t, q8, INT8_MIN, INT8_MAX,
                         restrict, restrict)
EDGERT_DEFINE_REQUANTIZE(int16_t, q16, int16_t, q16, INT16_MIN, INT16_MAX,
                         EDGERT_NO_RESTRICT, EDGERT_NO_RESTRICT)

/* --- lookup tables ------------------------------------------------------------ */

edgert_status edgert_lut_build_act_q8(const edgert_act *act, float in_scale,
                                      int32_t in_zp, float out_scale,
                                      int32_t out_zp, int8_t table[256]) {
  int32_t q;
  if (!(in_scale > 0.0f) || !(out_scale > 0.0f))
    return EDGERT_ERR_INVALID;
  for (q = INT8_MIN; q <= INT8_MAX; ++q) {
    const float x = (float)(q - in_zp) * in_scale;
    const float y = edgert_act_apply_f32(act, x);
    table[q + 128] = (int8_t)edgert_quantize_value(y, out_scale, out_zp,
                                                   INT8_MIN, INT8_MAX);
  }
  return EDGERT_OK;
}

edgert_status edgert_lut_build_unary_q8(edgert_unary_kind kind,
                                        float in_scale, int32_t in_zp,
                                        float out_scale, int32_t out_zp,
                                        int8_t table[256]) {
  int32_t q;
  if (!(in_scale > 0.0f) || !(out_scale > 0.0f))
    return EDGERT_ERR_INVALID;
  for (q = INT8_MIN; q <= INT8_MAX; ++q) {
    const float x = (float)(q - in_zp) * in_scale;
    float y = 0.0f;
    edgert_status st = edgert_unary_f32(kind, 1, &x, &y);
    if (st != EDGERT_OK)
      return st;
    table[q + 128] = (int8_t)edgert_quantize_value(y, out_scale, out_zp,
                                                   INT8_MIN, INT8_MAX);
  }
  return EDGERT_OK;
}

edgert_status edgert_lut_q8(const int8_t table[256], int32_t n,
                            const int8_t *in, int8_t *out) {
  int32_t i;
  if (n < 0 || !table)
    return EDGERT_ERR_INVALID;
  for (i = 0; i < n; ++i)
    out[i] = table[in[i] + 128];
  return EDGERT_OK;
}

/* --- softmax ---------------------------------------------------------------- */

edgert_status edgert_softmax_lut_build_q8(float beta, float in_scale,
                                          int32_t table[256]) {
  int32_t d;
  const double k = (double)beta * (double)in_scale;
  if (!(k > 0.0))
    return EDGERT_ERR_INVALID;
  for (d = 0; d < 256; ++d)
    table[d] = (int32_t)floor(1073741824.0 * exp(-k * (double)d) + 0.5);
  return EDGERT_OK;
}

edgert_status edgert_softmax_q8(const int32_t table[256],
                                const int32_t *shape, int32_t rank,
                                int32_t axis, const int8_t *in, int8_t *out) {
  int32_t outer, len, inner, o, i, j;
  if (!table || rank < 1 || !edgert_shape_ok(shape, rank) || axis < -rank ||
      axis >= rank)
    return EDGERT_ERR_INVALID;
  if (axis < 0)
    axis += rank;
  outer = edgert_dims_product(shape, 0, axis);
  len = shape[axis];
  inner = edgert_dims_product(shape, axis + 1, rank);
  for (o = 0; o < outer; ++o)
    for (i = 0; i < inner; ++i) {
      const int32_t base = o * len * inner + i;
      int32_t mx = INT8_MIN;
      uint64_t sum = 0;
      for (j = 0; j < len; ++j)
        if (in[base + j * inner] > mx)
          mx = in[base + j * inner];
      for (j = 0; j < len; ++j)
        sum += (uint64_t)(uint32_t)table[mx - in[base + j * inner]];
      if (sum == 0)
        sum = 1; /* only with a degenerate table */
      for (j = 0; j < len; ++j) {
        const uint64_t e = (uint32_t)table[mx - in[base + j * inner]];
        const uint64_t q = (e * 256u + sum / 2u) / sum;
        out[base + j * inner] =
            (int8_t)(q > 255u ? 127 : (int32_t)q - 128);
      }
    }
  return EDGERT_OK;
}
