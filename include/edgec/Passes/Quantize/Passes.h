//===- Passes.h - quantization passes -----------------------------*- C++ -*-===//
#ifndef EDGEC_PASSES_QUANTIZE_PASSES_H
#define EDGEC_PASSES_QUANTIZE_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

#include <memory>

namespace edgec {

#define GEN_PASS_DECL
#include "edgec/Passes/Quantize/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "edgec/Passes/Quantize/Passes.h.inc"

} // namespace edgec

#endif // EDGEC_PASSES_QUANTIZE_PASSES_H
