//===- EdgeDialect.h - the edge dialect ---------------------------*- C++ -*-===//
#ifndef EDGEC_DIALECT_EDGE_EDGEDIALECT_H
#define EDGEC_DIALECT_EDGE_EDGEDIALECT_H

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/Dialect.h"

#include "edgec/Dialect/Edge/EdgeDialect.h.inc"

#endif // EDGEC_DIALECT_EDGE_EDGEDIALECT_H
