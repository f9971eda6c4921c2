//===- Quantize.h - quantization options and reports ------------*- C++ -*-===//
//
// `--quantize int8 --calibration DATA ...` as `edgec compile`, `run`,
// `verify` and `export` take them, turned into lib/Quant's options, and the
// reports `compile --quantize` and `verify` print.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_TOOLS_EDGEC_QUANTIZE_H
#define EDGEC_TOOLS_EDGEC_QUANTIZE_H

#include "edgec/Quant/QuantizeModel.h"

#include "mlir/IR/BuiltinOps.h"

#include <CLI/CLI.hpp>

#include <string>

namespace edgec::driver {

struct QuantArgs {
  /// Empty (float) or "int8" (int8 weights).
  std::string quantize;
  /// "int8" or "int16" (TFLite 16x8) activations.
  std::string activations = "int8";
  std::string calibration;
  std::string method = "minmax";
  std::string percentile = "99.99";
  bool perTensor = false;

  bool enabled() const { return !quantize.empty(); }
};

/// Adds --quantize, --activations, --calibration, --calibration-method,
/// --percentile and --per-tensor-weights to `cmd`.
void addQuantizeOptions(CLI::App *cmd, QuantArgs &args);

/// Checks the option values (before any work); empty if fine.
std::string validateQuantizeOptions(const QuantArgs &args);

/// The library options the arguments describe (after
/// validateQuantizeOptions); false with `error` set.
bool getQuantizeOptions(const QuantArgs &args, QuantizeOptions &options,
                        std::string &error);

/// Quantizes `module` (edge level, one function) as the options say,
/// calibrating on the --calibration data (edgec::quantizeModule).
/// `modelPath` prefixes errors about the model. Returns false with `error`
/// set on failure.
bool quantizeEdgeModule(const QuantArgs &args, mlir::ModuleOp module,
                        const std::string &modelPath, std::string &error);

/// Prints `fallbacks` (ops left in float) to `os`, one per line with
/// `indent`; "none" if there are none.
void printFallbacks(llvm::ArrayRef<FallbackInfo> fallbacks,
                    llvm::raw_ostream &os, llvm::StringRef indent);

/// `edgec verify` on an edge-level float module (edgec::verifyQuantization
/// with the --calibration data and the samples in `inputsPath`): prints the
/// per-tensor error table, worst first (`top` rows if > 0; JSON with
/// `json`). Returns false with `error` set on failure.
bool verifyQuantization(const QuantArgs &args, mlir::ModuleOp floatModule,
                        const std::string &modelPath,
                        const std::string &inputsPath, int top, bool json,
                        llvm::raw_ostream &os, std::string &error);

} // namespace edgec::driver

#endif // EDGEC_TOOLS_EDGEC_QUANTIZE_H
