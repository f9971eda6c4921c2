//===- EdgeDialect.cpp - the edge dialect ---------------------------------===//
#include "edgec/Dialect/Edge/EdgeDialect.h"
#include "edgec/Dialect/Edge/EdgeOps.h"

using namespace mlir;
using namespace edgec::edge;

#include "edgec/Dialect/Edge/EdgeDialect.cpp.inc"

void EdgeDialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "edgec/Dialect/Edge/EdgeOps.cpp.inc"
      >();
}

bool edgec::edge::isEdgeQuantType(Type type) {
  auto quant = llvm::dyn_cast<quant::QuantizedType>(type);
  if (!quant || !llvm::isa<quant::UniformQuantizedType,
                           quant::UniformQuantizedPerAxisType>(quant))
    return false;
  return quant.isSigned() && quant.getStorageTypeIntegralWidth() <= 32 &&
         quant.getExpressedType().isF32();
}

Operation *EdgeDialect::materializeConstant(OpBuilder &builder,
                                            Attribute value, Type type,
                                            Location loc) {
  auto elements = llvm::dyn_cast<ElementsAttr>(value);
  auto tensorType = llvm::dyn_cast<RankedTensorType>(type);
  if (!elements || !tensorType)
    return nullptr;
  return ConstantOp::create(builder, loc, tensorType, elements);
}
