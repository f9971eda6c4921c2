//===- OnnxDialect.cpp - the onnx dialect ---------------------------------===//
#include "edgec/Dialect/Onnx/OnnxDialect.h"
#include "edgec/Dialect/Onnx/OnnxOps.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace edgec::onnx;

#include "edgec/Dialect/Onnx/OnnxDialect.cpp.inc"

void OnnxDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "edgec/Dialect/Onnx/OnnxOps.cpp.inc"
      >();
}

Operation *OnnxDialect::materializeConstant(OpBuilder &builder,
                                            Attribute value, Type type,
                                            Location loc) {
  if (isa<NoneType>(type))
    return NoValueOp::create(builder, loc);
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, type, elements);
}
