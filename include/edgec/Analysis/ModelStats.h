//===- ModelStats.h - per-layer cost statistics of an onnx module -*- C++ -*-===//
//
// The analysis behind `edgec inspect`: walks the function of an imported
// module (onnx dialect) and records, per layer (every op other than
// onnx.Constant, onnx.NoValue and the terminator), its ONNX node name, op
// type, output shapes, parameter count and multiply-accumulate count, plus
// model-wide totals.
//
// Parameters. A layer's parameters are the elements of its *weight operands*.
// An operand is a weight operand when it is produced directly by an
// onnx.Constant (a graph initializer or Constant node) and
//   (a) the op type has a weight-role table entry (weightOperandRoles()) and the
//       operand's index is listed there -- e.g. Conv W and B, Gemm A/B/C,
//       MatMul A/B, BatchNormalization scale/B/mean/var, QLinearConv w and B,
//       DequantizeLinear x, Gather data (embedding tables). These count for
//       any element type but int64 and bool (ONNX's shape, index and mask
//       types), so int8 weights and int32 biases of quantized layers are
//       parameters, while scales and zero points are not; or
//   (b) the op type has no table entry and the constant is a floating-point or
//       !quant tensor with at least two elements (a bias or scale vector added
//       or multiplied elementwise). Scalars (Clip bounds, Pow exponents,
//       epsilons) are hyper-parameters, and integer constants (Reshape's
//       shape, axes, indices, pads, starts/ends) are never parameters here.
// Ops whose constant inputs are never weights have an empty table entry
// (Reshape, Resize, Pad, Clip, Slice, Range, Tile, Expand, ...).
// A constant counts once per layer that uses it (a layer that uses the same
// constant twice counts it once; two layers that share it count it twice).
//
// MACs.
//   Conv / ConvInteger / QLinearConv: N*Cout*prod(out spatial) * (Cin/group)*prod(kernel)
//                                     = elements(Y) * elements(W)/W.dim(0)
//   ConvTranspose:                    N*Cin*prod(in spatial) * (Cout/group)*prod(kernel)
//                                     = elements(X) * elements(W)/W.dim(0)
//   Gemm:                             M*N*K
//   MatMul / MatMulInteger / QLinearMatMul: batch*M*N*K = elements(Y) * K
//   every other op:                   0
// A needed dimension that is dynamic (or an unranked type) makes the layer's
// MACs unknown (std::nullopt, printed "?"), and then the total is unknown too.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_ANALYSIS_MODELSTATS_H
#define EDGEC_ANALYSIS_MODELSTATS_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace edgec {

/// A tensor value of the graph (input, output, layer result).
struct TensorInfo {
  /// ONNX name for graph inputs/outputs; for intermediate tensors
  /// `<node name>` (or `<node name>:<i>` for the i-th of several results).
  std::string name;
  /// False for unranked tensors and `none` values.
  bool ranked = false;
  /// Dimensions, mlir::ShapedType::kDynamic for dynamic ones.
  llvm::SmallVector<int64_t, 4> shape;
  /// Element type as MLIR prints it (`f32`, `i64`, `!quant.uniform<...>`);
  /// `none` for absent optional outputs.
  std::string elementType;
  /// Byte size, unknown if the shape is not static.
  std::optional<uint64_t> bytes;

  bool isStatic() const { return bytes.has_value(); }
  /// `1x3x224x224`, `1x3x?x?`, `scalar` (rank 0), `*` (unranked), `none`.
  std::string shapeString() const;
};

struct LayerStats {
  /// 0-based position among the layers, in program order.
  unsigned index = 0;
  /// ONNX node name (from the op's NameLoc), empty if the node had none.
  std::string name;
  /// ONNX op type (`Conv`); the full op name for ops of other dialects.
  std::string opType;
  /// The op's results, without absent optional outputs (`none` values).
  llvm::SmallVector<TensorInfo, 1> outputs;
  /// Elements of the layer's weight operands (see the file comment).
  uint64_t params = 0;
  /// Multiply-accumulates; std::nullopt if they depend on dynamic dims.
  std::optional<uint64_t> macs = 0;
};

struct ModelStats {
  std::string modelFile;
  std::string producer;
  /// Default-domain opset the model declared, and the one it was imported at;
  /// 0 if the module does not say.
  int64_t sourceOpset = 0;
  int64_t opset = 0;
  std::string functionName;
  std::vector<TensorInfo> inputs;
  std::vector<TensorInfo> outputs;
  std::vector<LayerStats> layers;

  uint64_t totalParams = 0;
  /// std::nullopt if any layer's MACs are unknown.
  std::optional<uint64_t> totalMacs = 0;
  /// Number of onnx.Constant ops and the sum of their byte sizes (each once).
  uint64_t numConstants = 0;
  uint64_t weightBytes = 0;
  /// The biggest activation tensor (graph input, layer result or graph
  /// output) with a static shape; `largestActivationBytes` is 0 and the name
  /// empty if there is none.
  uint64_t largestActivationBytes = 0;
  std::string largestActivationName;
  /// Its shape and element type, `1x8x16x16 f32`.
  std::string largestActivationType;
  /// Activations whose size is unknown (dynamic shapes), not considered above.
  unsigned dynamicActivations = 0;
};

/// Computes the statistics of `module`'s function (the first func.func with a
/// body). Returns false and sets `error` if the module has no such function.
bool computeModelStats(mlir::ModuleOp module, ModelStats &stats,
                       std::string &error);

/// The weight-role table used by the parameter rule: for an ONNX op type with
/// an entry, the operand indices that are weights (possibly none). Returns
/// std::nullopt for op types without an entry.
std::optional<llvm::ArrayRef<unsigned>>
weightOperandRoles(llvm::StringRef opType);

/// Byte size of `count` elements of `elementType` (i1 counts as one byte,
/// sub-byte integers are packed, !quant types use their storage type).
/// std::nullopt for element types without a fixed size.
std::optional<uint64_t> elementBytes(mlir::Type elementType, uint64_t count);

/// `1.5 KiB`, `3.2 MiB`, `512 B`.
std::string formatBytes(uint64_t bytes);
/// `1,234,567`.
std::string formatCount(uint64_t count);

/// The human-readable report of `edgec inspect`.
void printModelStats(const ModelStats &stats, llvm::raw_ostream &os);
/// The same as JSON (`edgec inspect --json`); unknown numbers are null.
llvm::json::Value modelStatsToJSON(const ModelStats &stats);

} // namespace edgec

#endif // EDGEC_ANALYSIS_MODELSTATS_H
