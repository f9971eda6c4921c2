//===- OnnxFolds.cpp - folders of the onnx dialect's ops ------------------===//
#include "edgec/Dialect/Onnx/OnnxOps.h"

using namespace mlir;
using namespace edgec::onnx;

OpFoldResult NoValueOp::fold(FoldAdaptor) { return UnitAttr::get(getContext()); }

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }
