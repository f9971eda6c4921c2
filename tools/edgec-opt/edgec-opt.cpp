//===- edgec-opt.cpp - edgec's MLIR pass driver ---------------------------===//
//
// mlir-opt with edgec's dialects and passes: the tool lit tests run passes
// through.
//
//===----------------------------------------------------------------------===//
#include "edgec/Support/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  edgec::registerAllDialects(registry);
  edgec::registerAllPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "edgec optimizer driver\n", registry));
}
