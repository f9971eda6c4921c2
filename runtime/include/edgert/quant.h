/* edgert: integer (quantized) kernels following TFLite's quantization
 * specification, and the fixed-point helpers they share with the compiler.
 *
 * Suffixes: `_q8`  = int8 activations (asymmetric, any zero point), int8
 *                    weights (symmetric, per-tensor or per-channel), int32 bias;
 *           `_q16` = TFLite "16x8": int16 activations (zero point 0 in TFLite;
 *                    any zero point works here), int8 weights, int64 bias.
 * Stored integers go in and out; scales never reach a kernel. The compiler
 * (or the interpreter) turns scales into fixed-point multipliers and shifts
 * with edgert_quantize_multiplier() -- the same C function, callable from C++
 * -- so the host and the device compute the same bits. See
 * docs/quantization.md for the arithmetic and docs/runtime.md ("Quantized
 * kernels") for the calling conventions.
 *
 * Fused activations are an integer clamp [act_min, act_max] of the stored
 * output (edgert_quant_act_range() derives it from an edgert_act); the `act`
 * member of edgert_conv2d_params / edgert_pool2d_params is ignored by the
 * quantized kernels. Non-clamping activations (sigmoid, tanh, hard swish,
 * leaky relu) are separate lookup-table kernels.
 *
 * Data movement is type-agnostic and needs no quantized variant: transpose,
 * reshape (no kernel), slice, pad (value = the zero point), tile, gather,
 * resize nearest, depth_to_space... take elem_size 1 (int8) or 2 (int16).
 */
#ifndef EDGERT_QUANT_H
#define EDGERT_QUANT_H
#include "edgert/common.h"
#include "edgert/conv.h"
#include "edgert/elementwise.h"
#include "edgert/pooling.h"
#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------- */
/* Fixed-point helpers (exactly TFLite's reference arithmetic)               */
/* ------------------------------------------------------------------------- */

/** Splits a real multiplier into a Q0.31 `multiplier` and a power-of-two
 *  `shift` (left if > 0, right if < 0): real ~= multiplier * 2^(shift - 31),
 *  multiplier in [2^30, 2^31) (or its negation for a negative real), the
 *  significand rounded half away from zero (TFLite QuantizeMultiplier).
 *  real == 0 or |real| < 2^-32 (shift < -31) gives (0, 0); |real| >= 2^30
 *  saturates to (INT32_MAX, 30) (or -INT32_MAX). No libm: usable anywhere,
 *  and the compiler calls this very function. */
void edgert_quantize_multiplier(double real, int32_t *multiplier,
                                int32_t *shift);

/** round_half_up(a * b / 2^31) (ARM VQRDMULH), saturating the one overflow
 *  case a == b == INT32_MIN to INT32_MAX (gemmlowp
 *  SaturatingRoundingDoublingHighMul). */
int32_t edgert_srdhm(int32_t a, int32_t b);

/** x / 2^exponent rounded half away from zero, exponent in [0, 31]
 *  (gemmlowp RoundingDivideByPOT). */
int32_t edgert_rounding_divide_by_pot(int32_t x, int32_t exponent);

/** TFLite MultiplyByQuantizedMultiplier (double rounding):
 *  rdbpot(srdhm(x * 2^max(shift,0), multiplier), max(-shift,0)), shift in
 *  [-31, 30]. The left shift wraps modulo 2^32 (it cannot overflow for the
 *  multipliers edgert_quantize_multiplier produces and sane accumulators). */
int32_t edgert_mul_by_quantized_multiplier(int32_t x, int32_t multiplier,
                                           int32_t shift);

/** TFLite's 64-bit MultiplyByQuantizedMultiplier used by the 16x8 kernels
 *  (CMSIS-NN arm_nn_requantize_s64): the multiplier (>= 0) is reduced to 16
 *  bits, round((x * reduced) / 2^(15 - shift)) half up; x should lie in
 *  [-2^47, 2^47), shift in [-31, 14]. The result saturates to int32. */
int32_t edgert_mul_by_quantized_multiplier_i64(int64_t x, int32_t multiplier,
                                               int32_t shift);

/** q = clamp(round_half_even(x / scale) + zero_point, qmin, qmax), the
 *  division in float (edge.quantize). NaN quantizes to the zero point
 *  (clamped). */
int32_t edgert_quantize_value(float x, float scale, int32_t zero_point,
                              int32_t qmin, int32_t qmax);

/** The clamp range [*lo, *hi] of a clamping activation (NULL/none, relu,
 *  relu6, relu_n1_to_1, clip) in the stored-integer domain of an output with
 *  (scale, zero_point) and storage range [qmin, qmax]: the real bounds are
 *  quantized with edgert_quantize_value and intersected with [qmin, qmax]
 *  (TFLite CalculateActivationRangeQuantized). EDGERT_ERR_UNSUPPORTED for
 *  non-clamping kinds. */
edgert_status edgert_quant_act_range(const edgert_act *act, float scale,
                                     int32_t zero_point, int32_t qmin,
                                     int32_t qmax, int32_t *lo, int32_t *hi);

/* ------------------------------------------------------------------------- */
/* Conversions: edge.quantize / edge.dequantize / edge.requantize            */
/* ------------------------------------------------------------------------- */

/** edge.quantize, per-tensor: out[i] = edgert_quantize_value(in[i], scale,
 *  zero_point, storage min, storage max). */
edgert_status edgert_quantize_f32_q8(int32_t n, float scale, int32_t zero_point,
                                     const float *EDGERT_RESTRICT in,
                                     int8_t *EDGERT_RESTRICT out);
edgert_status edgert_quantize_f32_q16(int32_t n, float scale,
                                      int32_t zero_point,
                                      const float *EDGERT_RESTRICT in,
                                      int16_t *EDGERT_RESTRICT out);
/** edge.quantize, per-axis: element i belongs to channel
 *  (i / inner) % channels, with `inner` the product of the dimensions after
 *  the quantized axis; scales/zero_points have `channels` entries. */
edgert_status edgert_quantize_per_axis_f32_q8(int32_t n, int32_t channels,
                                              int32_t inner,
                                              const float *scales,
                                              const int32_t *zero_points,
                                              const float *EDGERT_RESTRICT in,
                                              int8_t *EDGERT_RESTRICT out);
/** edge.dequantize: out[i] = (float)(in[i] - zero_point) * scale. */
edgert_status edgert_dequantize_q8_f32(int32_t n, float scale,
                                       int32_t zero_point,
                                       const int8_t *EDGERT_RESTRICT in,
                                       float *EDGERT_RESTRICT out);
edgert_status edgert_dequantize_q16_f32(int32_t n, float scale,
                                        int32_t zero_point,
                                        const int16_t *EDGERT_RESTRICT in,
                                        float *EDGERT_RESTRICT out);
edgert_status edgert_dequantize_per_axis_q8_f32(int32_t n, int32_t channels,
                                                int32_t inner,
                                                const float *scales,
                                                const int32_t *zero_points,
                                                const int8_t *EDGERT_RESTRICT in,
                                                float *EDGERT_RESTRICT out);
/** int32 storage (ONNX DequantizeLinear of an int32 tensor, e.g. a bias the
 *  model does not fold): as ONNX's reference computes it, in float,
 *  out[i] = ((float)in[i] - (float)zero_point) * scale. */
edgert_status edgert_dequantize_q32_f32(int32_t n, float scale,
                                        int32_t zero_point,
                                        const int32_t *EDGERT_RESTRICT in,
                                        float *EDGERT_RESTRICT out);
edgert_status edgert_dequantize_per_axis_q32_f32(int32_t n, int32_t channels,
                                                 int32_t inner,
                                                 const float *scales,
                                                 const int32_t *zero_points,
                                                 const int32_t *EDGERT_RESTRICT in,
                                                 float *EDGERT_RESTRICT out);

/** A per-tensor rescale of stored integers from (in_scale, in_zp) to
 *  (out_scale, out_zp): out = out_zp + mbqm(in - in_zp, multiplier, shift)
 *  with (multiplier, shift) = edgert_quantize_multiplier(in_scale /
 *  out_scale), saturated to the output storage type. */
typedef struct edgert_rescale {
  int32_t in_zp;
  int32_t multiplier;
  int32_t shift;
  int32_t out_zp;
} edgert_rescale;

/** Fills *r from scales and zero points (the division is done in double on
 *  the float scales: (double)in_scale / (double)out_scale). */
void edgert_rescale_init(float in_scale, int32_t in_zp, float out_scale,
                         int32_t out_zp, edgert_rescale *r);

/** edge.requantize between int8 and int16 storage. out may equal in when the
 *  element sizes match. */
edgert_status edgert_requantize_q8_q8(const edgert_rescale *r, int32_t n,
                                      const int8_t *in, int8_t *out);
edgert_status edgert_requantize_q8_q16(const edgert_rescale *r, int32_t n,
                                       const int8_t *EDGERT_RESTRICT in,
                                       int16_t *EDGERT_RESTRICT out);
edgert_status edgert_requantize_q16_q8(const edgert_rescale *r, int32_t n,
                                       const int16_t *EDGERT_RESTRICT in,
                                       int8_t *EDGERT_RESTRICT out);
edgert_status edgert_requantize_q16_q16(const edgert_rescale *r, int32_t n,
                                        const int16_t *in, int16_t *out);

/* ------------------------------------------------------------------------- */
/* Weighted ops: conv2d, depthwise_conv2d, fully_connected, matmul            */
/* ------------------------------------------------------------------------- */

/** Integer parameters of a weighted op. The accumulator of output channel o
 *  is acc = bias[o] + sum (x - input_zp) * (w - filter_zp) (int32 wrapping
 *  for q8, int64 for q16); the output is
 *  clamp(mbqm(acc, multiplier[c], shift[c]) + output_zp, act_min, act_max)
 *  with c = o when n_channels > 1 (per-channel: n_channels = number of
 *  output channels) and c = 0 when n_channels == 1 (per-tensor). The
 *  multiplier of channel o is edgert_quantize_multiplier((double)input_scale
 *  * (double)filter_scale[o] / (double)output_scale). q8 uses
 *  edgert_mul_by_quantized_multiplier, q16 its _i64 variant. filter_zp is 0
 *  under the spec (symmetric weights); matmul uses it as the rhs zero
 *  point. */
typedef struct edgert_qparams {
  int32_t input_zp;
  int32_t filter_zp;
  int32_t output_zp;
  int32_t act_min, act_max;
  int32_t n_channels;
  const int32_t *multiplier;
  const int32_t *shift;
} edgert_qparams;

/** edge.conv2d, quantized. Shapes and window semantics as edgert_conv2d_f32
 *  (groups = C / filter_shape[3]); bias [O] or NULL; p->act is ignored.
 *  Padded positions contribute nothing (they hold the real value 0). */
edgert_status edgert_conv2d_q8(const edgert_conv2d_params *p,
                               const edgert_qparams *q,
                               const int32_t in_shape[4],
                               const int8_t *EDGERT_RESTRICT input,
                               const int32_t filter_shape[4],
                               const int8_t *EDGERT_RESTRICT filter,
                               const int32_t *EDGERT_RESTRICT bias,
                               const int32_t out_shape[4],
                               int8_t *EDGERT_RESTRICT output);
edgert_status edgert_conv2d_q16(const edgert_conv2d_params *p,
                                const edgert_qparams *q,
                                const int32_t in_shape[4],
                                const int16_t *EDGERT_RESTRICT input,
                                const int32_t filter_shape[4],
                                const int8_t *EDGERT_RESTRICT filter,
                                const int64_t *EDGERT_RESTRICT bias,
                                const int32_t out_shape[4],
                                int16_t *EDGERT_RESTRICT output);

/** edge.depthwise_conv2d, quantized: filter [1,KH,KW,C*M], output channel
 *  c*M+m reads input channel c, per-channel parameters over the C*M output
 *  channels. */
edgert_status edgert_depthwise_conv2d_q8(const edgert_conv2d_params *p,
                                         const edgert_qparams *q,
                                         const int32_t in_shape[4],
                                         const int8_t *EDGERT_RESTRICT input,
                                         const int32_t filter_shape[4],
                                         const int8_t *EDGERT_RESTRICT filter,
                                         const int32_t *EDGERT_RESTRICT bias,
                                         const int32_t out_shape[4],
                                         int8_t *EDGERT_RESTRICT output);
edgert_status edgert_depthwise_conv2d_q16(const edgert_conv2d_params *p,
                                          const edgert_qparams *q,
                                          const int32_t in_shape[4],
                                          const int16_t *EDGERT_RESTRICT input,
                                          const int32_t filter_shape[4],
                                          const int8_t *EDGERT_RESTRICT filter,
                                          const int64_t *EDGERT_RESTRICT bias,
                                          const int32_t out_shape[4],
                                          int16_t *EDGERT_RESTRICT output);

/** edge.fully_connected, quantized: output[b, n] from input[b, :] and
 *  weights[n, :] ([N, K]), bias [N] or NULL, per-channel over N. */
edgert_status edgert_fully_connected_q8(const edgert_qparams *q,
                                        int32_t batches, int32_t in_features,
                                        int32_t out_features,
                                        const int8_t *EDGERT_RESTRICT input,
                                        const int8_t *EDGERT_RESTRICT weights,
                                        const int32_t *EDGERT_RESTRICT bias,
                                        int8_t *EDGERT_RESTRICT output);
edgert_status edgert_fully_connected_q16(const edgert_qparams *q,
                                         int32_t batches, int32_t in_features,
                                         int32_t out_features,
                                         const int16_t *EDGERT_RESTRICT input,
                                         const int8_t *EDGERT_RESTRICT weights,
                                         const int64_t *EDGERT_RESTRICT bias,
                                         int16_t *EDGERT_RESTRICT output);

/** edge.matmul with both operands int8 activations: lhs [..., M, K] x rhs
 *  [..., K, N] -> out [..., M, N], batch dimensions broadcast as in
 *  edgert_matmul_f32. input_zp is the lhs zero point, filter_zp the rhs one;
 *  n_channels is 1 or N (rhs per-axis along its last axis). No bias. */
edgert_status edgert_matmul_q8(const edgert_qparams *q,
                               const int32_t *lhs_shape, int32_t lhs_rank,
                               const int8_t *EDGERT_RESTRICT lhs,
                               const int32_t *rhs_shape, int32_t rhs_rank,
                               const int8_t *EDGERT_RESTRICT rhs,
                               const int32_t *out_shape, int32_t out_rank,
                               int8_t *EDGERT_RESTRICT out);

/* ------------------------------------------------------------------------- */
/* Elementwise: add, sub, mul (numpy broadcasting up to rank 6)              */
/* ------------------------------------------------------------------------- */

/** TFLite's quantized add/sub: both inputs are brought to a common scale
 *  2 * max(s1, s2) / 2^left_shift (left_shift 20 for int8, 15 for int16):
 *    a' = mbqm((a - in1_zp) * 2^left_shift, in1_multiplier, in1_shift)
 *    b' = mbqm((b - in2_zp) * 2^left_shift, in2_multiplier, in2_shift)
 *    out = clamp(mbqm(a' +/- b', out_multiplier, out_shift) + out_zp,
 *                act_min, act_max). */
typedef struct edgert_qadd_params {
  int32_t left_shift;
  int32_t in1_zp, in1_multiplier, in1_shift;
  int32_t in2_zp, in2_multiplier, in2_shift;
  int32_t out_zp, out_multiplier, out_shift;
  int32_t act_min, act_max;
} edgert_qadd_params;

/** Fills *p from the float scales (computed in double, as TFLite):
 *  m1 = s1 / (2 max(s1,s2)), m2 = s2 / (2 max(s1,s2)),
 *  mo = 2 max(s1,s2) / (2^left_shift * so). */
void edgert_qadd_params_init(float in1_scale, int32_t in1_zp, float in2_scale,
                             int32_t in2_zp, float out_scale, int32_t out_zp,
                             int32_t left_shift, int32_t act_min,
                             int32_t act_max, edgert_qadd_params *p);

edgert_status edgert_add_q8(const edgert_qadd_params *p,
                            const int32_t *a_shape, int32_t a_rank,
                            const int8_t *a, const int32_t *b_shape,
                            int32_t b_rank, const int8_t *b,
                            const int32_t *out_shape, int32_t out_rank,
                            int8_t *out);
edgert_status edgert_sub_q8(const edgert_qadd_params *p,
                            const int32_t *a_shape, int32_t a_rank,
                            const int8_t *a, const int32_t *b_shape,
                            int32_t b_rank, const int8_t *b,
                            const int32_t *out_shape, int32_t out_rank,
                            int8_t *out);
edgert_status edgert_add_q16(const edgert_qadd_params *p,
                             const int32_t *a_shape, int32_t a_rank,
                             const int16_t *a, const int32_t *b_shape,
                             int32_t b_rank, const int16_t *b,
                             const int32_t *out_shape, int32_t out_rank,
                             int16_t *out);
edgert_status edgert_sub_q16(const edgert_qadd_params *p,
                             const int32_t *a_shape, int32_t a_rank,
                             const int16_t *a, const int32_t *b_shape,
                             int32_t b_rank, const int16_t *b,
                             const int32_t *out_shape, int32_t out_rank,
                             int16_t *out);

/** Quantized mul: out = clamp(mbqm((a - in1_zp) * (b - in2_zp), multiplier,
 *  shift) + out_zp, act_min, act_max), multiplier from
 *  (double)s1 * (double)s2 / (double)so. */
typedef struct edgert_qmul_params {
  int32_t in1_zp, in2_zp, out_zp;
  int32_t multiplier, shift;
  int32_t act_min, act_max;
} edgert_qmul_params;

edgert_status edgert_mul_q8(const edgert_qmul_params *p,
                            const int32_t *a_shape, int32_t a_rank,
                            const int8_t *a, const int32_t *b_shape,
                            int32_t b_rank, const int8_t *b,
                            const int32_t *out_shape, int32_t out_rank,
                            int8_t *out);
edgert_status edgert_mul_q16(const edgert_qmul_params *p,
                             const int32_t *a_shape, int32_t a_rank,
                             const int16_t *a, const int32_t *b_shape,
                             int32_t b_rank, const int16_t *b,
                             const int32_t *out_shape, int32_t out_rank,
                             int16_t *out);

/* ------------------------------------------------------------------------- */
/* Lookup tables: sigmoid, tanh, hard swish, leaky relu, any unary kind       */
/* ------------------------------------------------------------------------- */

/** Builds the 256-entry table of an int8 elementwise function:
 *  table[q + 128] = quantize(f(dequantize(q))) for q in [-128, 127], f
 *  evaluated in float by edgert_act_apply_f32 / edgert_unary_f32, quantized
 *  with edgert_quantize_value. Meant to run at compile time: the compiler
 *  emits the table as a constant (calling the builder on the device works but
 *  then depends on the device's libm). Any edgert_act kind is accepted. */
edgert_status edgert_lut_build_act_q8(const edgert_act *act, float in_scale,
                                      int32_t in_zp, float out_scale,
                                      int32_t out_zp, int8_t table[256]);
edgert_status edgert_lut_build_unary_q8(edgert_unary_kind kind,
                                        float in_scale, int32_t in_zp,
                                        float out_scale, int32_t out_zp,
                                        int8_t table[256]);
/** out[i] = table[in[i] + 128]. out may equal in. */
edgert_status edgert_lut_q8(const int8_t table[256], int32_t n,
                            const int8_t *in, int8_t *out);

/* ------------------------------------------------------------------------- */
/* Softmax                                                                   */
/* ------------------------------------------------------------------------- */

/** Builds the exponent table of the int8 softmax:
 *  table[d] = round(2^30 * exp(-beta * in_scale * d)) for d in [0, 255]
 *  (double exp; compile-time, like the LUTs above). */
edgert_status edgert_softmax_lut_build_q8(float beta, float in_scale,
                                          int32_t table[256]);
/** int8 softmax along `axis` with the TFLite output parameters (scale 1/256,
 *  zero point -128): per row, with m = max x, e_i = table[m - x_i],
 *  S = sum e_i (64-bit), out_i = clamp(floor((256 e_i + S/2) / S) - 128,
 *  -128, 127) -- exact integer arithmetic. out may equal in. */
edgert_status edgert_softmax_q8(const int32_t table[256],
                                const int32_t *shape, int32_t rank,
                                int32_t axis, const int8_t *in, int8_t *out);

/* ------------------------------------------------------------------------- */
/* Pooling and concat                                                        */
/* ------------------------------------------------------------------------- */

/** Quantized max pool (input and output share their parameters): the
 *  largest in-bounds stored value, clamped to [act_min, act_max]; a window
 *  without in-bounds positions yields zero_point (clamped). p->act is
 *  ignored. */
edgert_status edgert_max_pool2d_q8(const edgert_pool2d_params *p,
                                   int32_t zero_point, int32_t act_min,
                                   int32_t act_max, const int32_t in_shape[4],
                                   const int8_t *EDGERT_RESTRICT input,
                                   const int32_t out_shape[4],
                                   int8_t *EDGERT_RESTRICT output);
edgert_status edgert_max_pool2d_q16(const edgert_pool2d_params *p,
                                    int32_t zero_point, int32_t act_min,
                                    int32_t act_max, const int32_t in_shape[4],
                                    const int16_t *EDGERT_RESTRICT input,
                                    const int32_t out_shape[4],
                                    int16_t *EDGERT_RESTRICT output);
/** Quantized average pool (shared parameters): sum of the in-bounds stored
 *  values (plus zero_point per padded position with count_include_pad)
 *  divided by the count rounding half away from zero (TFLite), clamped. */
edgert_status edgert_avg_pool2d_q8(const edgert_pool2d_params *p,
                                   int32_t zero_point, int32_t act_min,
                                   int32_t act_max, const int32_t in_shape[4],
                                   const int8_t *EDGERT_RESTRICT input,
                                   const int32_t out_shape[4],
                                   int8_t *EDGERT_RESTRICT output);
edgert_status edgert_avg_pool2d_q16(const edgert_pool2d_params *p,
                                    int32_t zero_point, int32_t act_min,
                                    int32_t act_max, const int32_t in_shape[4],
                                    const int16_t *EDGERT_RESTRICT input,
                                    const int32_t out_shape[4],
                                    int16_t *EDGERT_RESTRICT output);

/** Concat of int8 tensors whose parameters may differ from the output's:
 *  input i is rescaled with rescales[i] (edgert_requantize_q8_q8
 *  arithmetic; pass NULL when all parameters are identical: plain copy).
 *  Shapes as edgert_concat. */
edgert_status edgert_concat_q8(const int32_t *out_shape, int32_t rank,
                               int32_t axis, int32_t ninputs,
                               const int32_t *axis_sizes,
                               const int8_t *const *inputs,
                               const edgert_rescale *rescales,
                               int8_t *EDGERT_RESTRICT out);

#ifdef __cplusplus
}
#endif
#endif /* EDGERT_QUANT_H */
