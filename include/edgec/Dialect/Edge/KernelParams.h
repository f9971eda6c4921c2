//===- KernelParams.h - integer kernel parameters of quantized ops -*- C++ -*-===//
//
// For one quantized `edge` op, the edgert kernel to call and every integer
// parameter it takes (zero points, fixed-point multipliers and shifts per
// channel, fused clamps, add/mul/rescale parameters, lookup tables), derived
// from the op's `!quant.uniform` types by calling the runtime's own C helpers
// (edgert_quantize_multiplier, edgert_quant_act_range, edgert_qadd_params_init,
// edgert_rescale_init, edgert_lut_build_*_q8, edgert_softmax_lut_build_q8).
//
// This is the ONE place the derivation lives: the interpreter passes these
// values to the kernels at run time and the C target prints the very same
// values as static const data, so the host and the device compute the same
// bits. See docs/quantization.md ("From types to kernel parameters").
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_DIALECT_EDGE_KERNELPARAMS_H
#define EDGEC_DIALECT_EDGE_KERNELPARAMS_H

#include "edgec/Dialect/Edge/EdgeAttrs.h"

#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"

#include "edgert/quant.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace edgec::qkernel {

/// How a quantized op executes.
enum class Kind {
  /// No quantized operand or result: the float / plain integer kernels.
  NotQuantized,
  /// Type-agnostic data movement on the stored integers (reshape, transpose,
  /// slice, split, tile, broadcast_to, gather, depth_to_space,
  /// space_to_depth, resize nearest, concat -- whose quantized inputs have
  /// identical parameters, the verifier sees to it): the ordinary kernel
  /// with elem_size 1 or 2. No parameters.
  DataMovement,
  /// edge.pad: the type-agnostic kernel, `padValue` in the stored domain.
  Pad,
  Quantize,   ///< edgert_quantize_{f32_q8,f32_q16,per_axis_f32_q8}
  Dequantize, ///< edgert_dequantize_{q8,q16,per_axis_q8}_f32
  Requantize, ///< edgert_requantize_qX_qY, `rescales[0]`
  Conv2D,          ///< edgert_conv2d_{q8,q16}: `qparams()`
  DepthwiseConv2D, ///< edgert_depthwise_conv2d_{q8,q16}
  FullyConnected,  ///< edgert_fully_connected_{q8,q16}
  MatMul,          ///< edgert_matmul_q8
  Add,             ///< edgert_add_{q8,q16}: `add`
  Sub,             ///< edgert_sub_{q8,q16}: `add`
  Mul,             ///< edgert_mul_{q8,q16}: `mul`
  MaxPool2D,       ///< edgert_max_pool2d_{q8,q16}: outputZp, actMin, actMax
  AvgPool2D,       ///< edgert_avg_pool2d_{q8,q16}
  Lut,             ///< edgert_lut_q8 with `lut` (activation, unary)
  Softmax,         ///< edgert_softmax_q8 with `softmaxTable` along `axis`
};

/// The integer parameters of one quantized op. Only the fields of its kind
/// are meaningful.
struct OpParams {
  Kind kind = Kind::NotQuantized;
  /// 16-bit activations (the 16x8 kernels, int64 bias).
  bool q16 = false;
  /// Dequantize only: int32 storage (edgert_dequantize_*q32_f32).
  bool q32 = false;

  // Weighted ops and matmul: the fields of edgert_qparams. `multiplier` and
  // `shift` have n_channels entries (1 = per-tensor).
  int32_t inputZp = 0, filterZp = 0, outputZp = 0;
  // Also the clamp of pooling, add/sub/mul (inside `add` / `mul` there).
  int32_t actMin = 0, actMax = 0;
  std::vector<int32_t> multiplier, shift;

  edgert_qadd_params add{};
  edgert_qmul_params mul{};
  /// Requantize: one entry.
  std::vector<edgert_rescale> rescales;

  /// Lut: table[q + 128].
  std::array<int8_t, 256> lut{};
  /// Softmax: the exponent table and the (non-negative) axis.
  std::array<int32_t, 256> softmaxTable{};
  int32_t axis = 0;

  /// Quantize / dequantize, per-tensor: scale, zeroPoint; per-axis: scales,
  /// zeroPoints (one per channel) and the element layout (channels, inner).
  bool perAxis = false;
  float scale = 1.0f;
  int32_t zeroPoint = 0;
  std::vector<float> scales;
  std::vector<int32_t> zeroPoints;
  int32_t channels = 1, inner = 1;

  /// Pad: the fill value in the stored domain (edge.pad's real `value`
  /// quantized with the input's parameters: 0.0 pads with the zero point).
  int64_t padValue = 0;

  /// Storage bytes of the activations (1 or 2).
  int32_t elemBytes() const { return q16 ? 2 : 1; }
  /// The edgert_qparams view of the weighted-op fields (pointers into this
  /// object: keep it alive).
  edgert_qparams qparams() const;
};

/// True if an operand or result of `op` has a `!quant` element type, or `op`
/// is edge.quantize / dequantize / requantize.
bool hasQuantizedTypes(mlir::Operation *op);

/// Fills `out` for `op`. Ops without quantized types get Kind::NotQuantized.
/// Fails with `error` (a reason without the op name) for a quantized form the
/// kernels cannot execute (e.g. int16 tables, per-axis activations,
/// non-clamping fused activations).
mlir::LogicalResult getOpParams(mlir::Operation *op, OpParams &out,
                                std::string &error);

/// The runtime's view of an activation attribute (none for a null attr).
edgert_act toEdgertAct(edge::ActivationAttr attr);

} // namespace edgec::qkernel

#endif // EDGEC_DIALECT_EDGE_KERNELPARAMS_H
