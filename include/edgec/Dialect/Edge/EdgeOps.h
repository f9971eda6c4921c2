//===- EdgeOps.h - ops of the edge dialect ------------------------*- C++ -*-===//
#ifndef EDGEC_DIALECT_EDGE_EDGEOPS_H
#define EDGEC_DIALECT_EDGE_EDGEOPS_H

#include "edgec/Dialect/Edge/EdgeAttrs.h"
#include "edgec/Dialect/Edge/EdgeDialect.h"
#include "edgec/Dialect/Edge/KernelCall.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "edgec/Dialect/Edge/EdgeInterfaces.h.inc"

#define GET_OP_CLASSES
#include "edgec/Dialect/Edge/EdgeOps.h.inc"

#endif // EDGEC_DIALECT_EDGE_EDGEOPS_H
