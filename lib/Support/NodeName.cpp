//===- NodeName.cpp - the ONNX node an op came from -----------------------===//
#include "edgec/Support/NodeName.h"

using namespace mlir;

std::string edgec::getOnnxNodeName(Location loc) {
  // findInstanceOf walks the location in pre-order.
  if (auto nameLoc = loc->findInstanceOf<NameLoc>())
    return nameLoc.getName().str();
  return "";
}

std::string edgec::describeOp(Operation *op) {
  std::string opName = op->getName().getStringRef().str();
  std::string node = getOnnxNodeName(op->getLoc());
  if (node.empty())
    return "op '" + opName + "'";
  return "node '" + node + "' (" + opName + ")";
}
