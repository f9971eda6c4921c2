//===- OnnxOps.cpp - verifiers of the onnx dialect's ops ------------------===//
#include "edgec/Dialect/Onnx/OnnxOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace edgec::onnx;

#define GET_OP_CLASSES
#include "edgec/Dialect/Onnx/OnnxOps.cpp.inc"
