//===- EdgeOps.td - ops of the edge dialect ----------------*- tablegen -*-===//
#ifndef EDGEC_DIALECT_EDGE_EDGEOPS_TD
#define EDGEC_DIALECT_EDGE_EDGEOPS_TD

include "edgec/Dialect/Edge/EdgeDialect.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Edge_ReshapeOp : Edge_Op<"reshape", [Pure]> {
  let summary = "reinterprets a tensor with a new static shape";
  let description = [{
    Changes the shape without moving data; element count and element type are
    preserved.
  }];
  let arguments = (ins AnyStaticShapeTensor:$input);
  let results = (outs AnyStaticShapeTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

#endif // EDGEC_DIALECT_EDGE_EDGEOPS_TD
