//===- Passes.h - edgec's conversion passes ---------------------*- C++ -*-===//
#ifndef EDGEC_CONVERSION_PASSES_H
#define EDGEC_CONVERSION_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace edgec {

#define GEN_PASS_DECL
#include "edgec/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "edgec/Conversion/Passes.h.inc"

} // namespace edgec

#endif // EDGEC_CONVERSION_PASSES_H
