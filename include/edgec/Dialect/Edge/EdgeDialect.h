//===- EdgeDialect.h - the edge dialect ---------------------------*- C++ -*-===//
#ifndef EDGEC_DIALECT_EDGE_EDGEDIALECT_H
#define EDGEC_DIALECT_EDGE_EDGEDIALECT_H

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Dialect.h"

#include "edgec/Dialect/Edge/EdgeDialect.h.inc"

namespace edgec::edge {
/// True for the quantized element types the edge level accepts: uniform
/// (per-tensor or per-axis) with signed integer storage of at most 32 bits
/// and an f32 expressed type.
bool isEdgeQuantType(mlir::Type type);
} // namespace edgec::edge

#endif // EDGEC_DIALECT_EDGE_EDGEDIALECT_H
