//===- EdgeFolds.cpp - folders of the edge dialect's ops ------------------===//
#include "edgec/Dialect/Edge/EdgeOps.h"

using namespace mlir;
using namespace edgec::edge;

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValueAttr(); }
