//===- EdgeDialect.cpp - the edge dialect ---------------------------------===//
#include "edgec/Dialect/Edge/EdgeDialect.h"
#include "edgec/Dialect/Edge/EdgeOps.h"

using namespace mlir;
using namespace edgec::edge;

#include "edgec/Dialect/Edge/EdgeDialect.cpp.inc"

void EdgeDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "edgec/Dialect/Edge/EdgeOps.cpp.inc"
      >();
}
