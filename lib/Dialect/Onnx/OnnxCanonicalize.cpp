//===- OnnxCanonicalize.cpp - canonicalization patterns of onnx ops -------===//
#include "edgec/Dialect/Onnx/OnnxOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace edgec::onnx;
