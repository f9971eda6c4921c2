//===- OnnxToEdge.h - onnx -> edge lowering patterns ------------*- C++ -*-===//
//
// Pattern sets of the onnx -> edge conversion, split by op family (the
// edge-level clean-ups it runs after lowering are in
// edgec/Passes/Edge/Passes.h). The pass (convert-onnx-to-edge) applies the
// lowering patterns in one walk: every onnx op is visited once, and a pattern
// that cannot lower its op reports why (naming the ONNX node) and fails.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_CONVERSION_ONNXTOEDGE_ONNXTOEDGE_H
#define EDGEC_CONVERSION_ONNXTOEDGE_ONNXTOEDGE_H

#include "mlir/IR/PatternMatch.h"

namespace edgec {

/// Conv, ConvTranspose.
void populateOnnxConvToEdgePatterns(mlir::RewritePatternSet &patterns);
/// MaxPool, AveragePool, GlobalAveragePool, GlobalMaxPool.
void populateOnnxPoolingToEdgePatterns(mlir::RewritePatternSet &patterns);
/// Gemm, MatMul.
void populateOnnxGemmToEdgePatterns(mlir::RewritePatternSet &patterns);
/// Binary/unary arithmetic, activations, comparisons, logic, Where, Cast,
/// BatchNormalization.
void populateOnnxElementwiseToEdgePatterns(mlir::RewritePatternSet &patterns);
/// Constant, Identity, Dropout, Reshape & co., Transpose, Concat, Split,
/// Slice, Pad, Gather, Tile, Expand, Resize, DepthToSpace, SpaceToDepth.
void populateOnnxDataMovementToEdgePatterns(mlir::RewritePatternSet &patterns);
/// Reductions, ArgMax/ArgMin, CumSum, Softmax/LogSoftmax, TopK,
/// normalizations.
void populateOnnxReductionToEdgePatterns(mlir::RewritePatternSet &patterns);
/// QuantizeLinear, DequantizeLinear, ConvInteger, MatMulInteger, QLinearConv,
/// QLinearMatMul (pre-quantized models).
void populateOnnxQuantToEdgePatterns(mlir::RewritePatternSet &patterns);
/// All of the above.
void populateOnnxToEdgePatterns(mlir::RewritePatternSet &patterns);

/// onnx-level rewrites run before lowering: a zero constant onnx.Pad on
/// spatial axes feeding Conv / AveragePool(count_include_pad) is folded into
/// the window's pads.
void populateOnnxPadFoldingPatterns(mlir::RewritePatternSet &patterns);

} // namespace edgec

#endif // EDGEC_CONVERSION_ONNXTOEDGE_ONNXTOEDGE_H
