//===- OnnxOps.h - ops of the onnx dialect ------------------------*- C++ -*-===//
#ifndef EDGEC_DIALECT_ONNX_ONNXOPS_H
#define EDGEC_DIALECT_ONNX_ONNXOPS_H

#include "edgec/Dialect/Onnx/OnnxDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "edgec/Dialect/Onnx/OnnxOps.h.inc"

namespace edgec::onnx {
/// The permutation an onnx.Transpose of a rank-`rank` input applies: its
/// `perm`, or the reversed dimensions when `perm` is absent (ONNX default).
llvm::SmallVector<int64_t> getTransposePerm(TransposeOp op, int64_t rank);
} // namespace edgec::onnx

#endif // EDGEC_DIALECT_ONNX_ONNXOPS_H
