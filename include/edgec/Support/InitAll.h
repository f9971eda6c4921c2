//===- InitAll.h - register edgec's dialects and passes -----------*- C++ -*-===//
#ifndef EDGEC_SUPPORT_INITALL_H
#define EDGEC_SUPPORT_INITALL_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace edgec {
/// Adds edgec's dialects (onnx, edge) and the upstream dialects edgec uses
/// (func, arith, tensor, quant, ...) to `registry`.
void registerAllDialects(mlir::DialectRegistry &registry);
/// Registers edgec's passes with the global pass registry (for edgec-opt).
void registerAllPasses();
} // namespace edgec

#endif // EDGEC_SUPPORT_INITALL_H
