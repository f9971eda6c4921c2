//===- Passes.h - memory planning passes --------------------------*- C++ -*-===//
#ifndef EDGEC_PASSES_MEMORY_PASSES_H
#define EDGEC_PASSES_MEMORY_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

#include <memory>

namespace edgec {

#define GEN_PASS_DECL
#include "edgec/Passes/Memory/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "edgec/Passes/Memory/Passes.h.inc"

} // namespace edgec

#endif // EDGEC_PASSES_MEMORY_PASSES_H
