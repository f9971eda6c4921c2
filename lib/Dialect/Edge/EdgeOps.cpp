//===- EdgeOps.cpp - verifiers of the edge dialect's ops ------------------===//
#include "edgec/Dialect/Edge/EdgeOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace edgec::edge;

LogicalResult ReshapeOp::verify() {
  auto in = getInput().getType();
  auto out = getOutput().getType();
  if (in.getElementType() != out.getElementType())
    return emitOpError("element type changes from ")
           << in.getElementType() << " to " << out.getElementType();
  if (in.getNumElements() != out.getNumElements())
    return emitOpError("element count changes from ")
           << in.getNumElements() << " to " << out.getNumElements();
  return success();
}

#define GET_OP_CLASSES
#include "edgec/Dialect/Edge/EdgeOps.cpp.inc"
