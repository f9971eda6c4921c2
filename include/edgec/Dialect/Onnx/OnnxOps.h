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

#endif // EDGEC_DIALECT_ONNX_ONNXOPS_H
