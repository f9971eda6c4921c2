//===- InitAll.cpp - register edgec's dialects and passes -----------------===//
//
// The one file that includes every dialect: it is the slowest to compile, so
// registration lives here and nowhere else.
//
//===----------------------------------------------------------------------===//
#include "edgec/Support/InitAll.h"

#include "edgec/Conversion/Passes.h"
#include "edgec/Dialect/Edge/EdgeDialect.h"
#include "edgec/Dialect/Onnx/OnnxDialect.h"
#include "edgec/Passes/Edge/Passes.h"
#include "edgec/Passes/Graph/Passes.h"
#include "edgec/Passes/Memory/Passes.h"
#include "edgec/Passes/Quantize/Passes.h"
#include "edgec/Targets/C/CTarget.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Transforms/Passes.h"

void edgec::registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<edgec::onnx::OnnxDialect, edgec::edge::EdgeDialect,
                  mlir::func::FuncDialect, mlir::arith::ArithDialect,
                  mlir::tensor::TensorDialect, mlir::quant::QuantDialect,
                  mlir::emitc::EmitCDialect>();
}

void edgec::registerAllPasses() {
  // Upstream passes edgec pipelines use and lit tests exercise.
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::registerSymbolDCEPass();
  // onnx-fold-constants, ..., onnx-graph-cleanup.
  edgec::registerGraphPasses();
  // convert-onnx-to-edge.
  edgec::registerConversionPasses();
  // edge-fold-transposes, edge-fuse-activations.
  edgec::registerEdgePasses();
  // edge-plan-memory.
  edgec::registerMemoryPasses();
  // edge-quantize, edge-fold-qdq, edge-split-activations.
  edgec::registerQuantizePasses();
  // edge-to-emitc (the C target).
  edgec::ctarget::registerTargetPasses();
}
