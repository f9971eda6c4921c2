//===- NodeName.h - the ONNX node an op came from ---------------*- C++ -*-===//
//
// The importer gives every op the location NameLoc(<ONNX node name>,
// <model file>). Passes keep, fuse (FusedLoc) or wrap (CallSiteLoc, tags of
// the QDQ exporter) it; diagnostics of every layer name the node with these
// helpers so that a message means the same thing whichever layer wrote it.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_SUPPORT_NODENAME_H
#define EDGEC_SUPPORT_NODENAME_H

#include "mlir/IR/Location.h"
#include "mlir/IR/Operation.h"

#include <string>

namespace edgec {

/// The ONNX node name `loc` carries: the name of the first NameLoc met by a
/// pre-order walk of the location (a FusedLoc's locations in order, a
/// CallSiteLoc's callee before its caller), "" if there is none. For the
/// importer's NameLoc(node, file) that is the node.
std::string getOnnxNodeName(mlir::Location loc);

/// `node '<name>' (<op name>)` for diagnostics about `op`, e.g.
/// "node 'conv1' (onnx.Conv)"; `op '<op name>'` when its location names no
/// node.
std::string describeOp(mlir::Operation *op);

} // namespace edgec

#endif // EDGEC_SUPPORT_NODENAME_H
