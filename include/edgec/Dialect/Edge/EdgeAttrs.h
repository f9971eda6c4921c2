//===- EdgeAttrs.h - attributes and enums of the edge dialect ----*- C++ -*-===//
#ifndef EDGEC_DIALECT_EDGE_EDGEATTRS_H
#define EDGEC_DIALECT_EDGE_EDGEATTRS_H

#include "edgec/Dialect/Edge/EdgeDialect.h"
#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"

#include <optional>
#include <utility>

#include "edgec/Dialect/Edge/EdgeEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "edgec/Dialect/Edge/EdgeAttrs.h.inc"

#endif // EDGEC_DIALECT_EDGE_EDGEATTRS_H
