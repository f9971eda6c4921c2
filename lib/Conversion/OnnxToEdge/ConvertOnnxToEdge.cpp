//===- ConvertOnnxToEdge.cpp - the convert-onnx-to-edge pass --------------===//
//
// 1. onnx-level pre-rewrites (zero Pad folded into Conv / AveragePool);
// 2. with io-layout=nhwc, rank-4 arguments/results become NHWC, with a
//    transpose to/from ONNX's layout at the function boundary;
// 3. one walk over every function applies the lowering patterns (each onnx
//    op is visited once; a pattern that cannot lower its op reports why);
// 4. onnx ops nothing could lower are reported by node name;
// 5. edge-fold-transposes and edge-fuse-activations patterns, then dead ops
//    are removed by the greedy driver.
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "edgec/Conversion/OnnxToEdge/OnnxToEdge.h"
#include "edgec/Conversion/Passes.h"
#include "edgec/Passes/Edge/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"
#include "llvm/ADT/DenseSet.h"

namespace edgec {
#define GEN_PASS_DEF_CONVERTONNXTOEDGE
#include "edgec/Conversion/Passes.h.inc"
} // namespace edgec

using namespace mlir;
using namespace edgec;
using namespace edgec::conv;

void edgec::populateOnnxToEdgePatterns(RewritePatternSet &patterns) {
  populateOnnxConvToEdgePatterns(patterns);
  populateOnnxPoolingToEdgePatterns(patterns);
  populateOnnxGemmToEdgePatterns(patterns);
  populateOnnxElementwiseToEdgePatterns(patterns);
  populateOnnxDataMovementToEdgePatterns(patterns);
  populateOnnxReductionToEdgePatterns(patterns);
  populateOnnxQuantToEdgePatterns(patterns);
}

namespace {

/// Makes rank-4 arguments and results of `func` NHWC.
void makeSignatureNHWC(func::FuncOp func) {
  if (func.isExternal())
    return;
  OpBuilder b(func.getContext());
  Block &entry = func.front();
  b.setInsertionPointToStart(&entry);
  for (BlockArgument arg : entry.getArguments()) {
    auto t = dyn_cast<RankedTensorType>(arg.getType());
    if (!t || t.getRank() != 4)
      continue;
    arg.setType(permuteType(t, {0, 2, 3, 1}));
    Value nchw = createTranspose(b, func.getLoc(), arg, {0, 3, 1, 2});
    arg.replaceAllUsesExcept(nchw, nchw.getDefiningOp());
  }
  SmallVector<Type> results;
  func.walk([&](func::ReturnOp ret) {
    b.setInsertionPoint(ret);
    results.clear();
    for (OpOperand &operand : ret->getOpOperands()) {
      auto t = dyn_cast<RankedTensorType>(operand.get().getType());
      if (t && t.getRank() == 4)
        operand.set(createTranspose(b, ret.getLoc(), operand.get(),
                                    {0, 2, 3, 1}));
      results.push_back(operand.get().getType());
    }
  });
  func.setType(FunctionType::get(func.getContext(), entry.getArgumentTypes(),
                                 results));
}

struct ConvertOnnxToEdgePass
    : edgec::impl::ConvertOnnxToEdgeBase<ConvertOnnxToEdgePass> {
  using ConvertOnnxToEdgeBase::ConvertOnnxToEdgeBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    if (ioLayout != "nchw" && ioLayout != "nhwc") {
      module.emitError() << "io-layout must be nchw or nhwc, not '"
                         << ioLayout << "'";
      return signalPassFailure();
    }

    {
      RewritePatternSet pre(ctx);
      populateOnnxPadFoldingPatterns(pre);
      (void)applyPatternsGreedily(module, std::move(pre),
                                  GreedyRewriteConfig().enableFolding(false));
    }

    if (ioLayout == "nhwc")
      module.walk([](func::FuncOp f) { makeSignatureNHWC(f); });

    // Lowering: patterns report their own errors; remember which ops did.
    llvm::DenseSet<Location> reported;
    {
      ScopedDiagnosticHandler handler(ctx, [&](Diagnostic &diag) {
        if (diag.getSeverity() == DiagnosticSeverity::Error)
          reported.insert(diag.getLocation());
        return failure(); // keep propagating
      });
      RewritePatternSet patterns(ctx);
      populateOnnxToEdgePatterns(patterns);
      FrozenRewritePatternSet frozen(std::move(patterns));
      walkAndApplyPatterns(module, frozen);
    }

    bool failedAny = !reported.empty();
    SmallVector<Operation *> noValues;
    module.walk([&](Operation *op) {
      if (!isa<onnx::OnnxDialect>(op->getDialect()))
        return;
      if (isa<onnx::NoValueOp>(op)) {
        noValues.push_back(op);
        return;
      }
      if (isa<onnx::ConstantOp>(op))
        return; // used by an op that failed (reported there)
      failedAny = true;
      if (!reported.contains(op->getLoc()))
        (void)nodeError(op, "has no lowering to edge");
    });
    if (failedAny)
      return signalPassFailure();
    for (Operation *op : noValues)
      if (op->use_empty())
        op->erase();

    RewritePatternSet cleanup(ctx);
    populateEdgeFoldTransposesPatterns(cleanup);
    populateEdgeFuseActivationsPatterns(cleanup);
    if (failed(applyPatternsGreedily(module, std::move(cleanup))))
      return signalPassFailure();
  }
};

} // namespace
