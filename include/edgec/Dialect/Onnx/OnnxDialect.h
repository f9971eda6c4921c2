//===- OnnxDialect.h - the onnx dialect ---------------------------*- C++ -*-===//
#ifndef EDGEC_DIALECT_ONNX_ONNXDIALECT_H
#define EDGEC_DIALECT_ONNX_ONNXDIALECT_H

#include "mlir/IR/Dialect.h"

#include "edgec/Dialect/Onnx/OnnxDialect.h.inc"

#endif // EDGEC_DIALECT_ONNX_ONNXDIALECT_H
