//===- Quantize.cpp - quantization options and reports --------------------===//
#include "Quantize.h"

#include "edgec/Quant/QuantizeModel.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <unistd.h>

using namespace edgec;
using namespace edgec::driver;

void edgec::driver::addQuantizeOptions(CLI::App *cmd, QuantArgs &args) {
  cmd->add_option("--quantize", args.quantize,
                  "Post-training quantization: int8 (int8 weights, per "
                  "channel; needs --calibration)")
      ->check(CLI::IsMember({"int8"}));
  cmd->add_option("--activations", args.activations,
                  "Activation type with --quantize: int8 (asymmetric) or "
                  "int16 (symmetric, TFLite 16x8)")
      ->check(CLI::IsMember({"int8", "int16"}))
      ->capture_default_str();
  cmd->add_option("--calibration", args.calibration,
                  "Calibration data: a directory of .npy/.pb files (or of "
                  "per-sample subdirectories), an .npz, or one batched .npy")
      ->type_name("DATA");
  cmd->add_option("--calibration-method", args.method,
                  "minmax, percentile, entropy (KL divergence) or mse")
      ->capture_default_str();
  cmd->add_option("--percentile", args.percentile,
                  "Upper percentile of the percentile method, in (50, 100]")
      ->capture_default_str();
  cmd->add_flag("--per-tensor-weights", args.perTensor,
                "One weight scale per tensor instead of per output channel");
}

/// The calibration options the arguments describe; false with `error`.
static bool getCalibrationOptions(const QuantArgs &args,
                                  CalibrationOptions &options,
                                  std::string &error) {
  if (!parseCalibrationMethod(args.method, options.method, error) ||
      !parseCalibrationPercentile(args.percentile, options.percentile, error))
    return false;
  options.bits = args.activations == "int16" ? 16 : 8;
  options.progress = ::isatty(2);
  // Degenerate tensors (zero range, an input the same in every sample).
  options.warn = [](const std::string &message) {
    llvm::outs().flush();
    llvm::errs() << "edgec: warning: " << message << "\n";
  };
  error = options.validate();
  return error.empty();
}

std::string edgec::driver::validateQuantizeOptions(const QuantArgs &args) {
  if (!args.enabled()) {
    if (!args.calibration.empty())
      return "--calibration needs --quantize";
    return "";
  }
  if (args.calibration.empty())
    return "--quantize " + args.quantize +
           " needs --calibration DATA (samples of the model's inputs)";
  CalibrationOptions options;
  std::string error;
  if (!getCalibrationOptions(args, options, error))
    return error;
  return "";
}

bool edgec::driver::getQuantizeOptions(const QuantArgs &args,
                                       QuantizeOptions &options,
                                       std::string &error) {
  options.activations = args.activations;
  options.perChannel = !args.perTensor;
  return getCalibrationOptions(args, options.calibration, error);
}

bool edgec::driver::quantizeEdgeModule(const QuantArgs &args,
                                       mlir::ModuleOp module,
                                       const std::string &modelPath,
                                       std::string &error) {
  QuantizeOptions options;
  if (!getQuantizeOptions(args, options, error))
    return false;
  CalibrationData data;
  if (!loadSamples(module, args.calibration, data, error))
    return false;
  if (mlir::failed(quantizeModule(module, data, options, error))) {
    error = modelPath + ": " + error;
    return false;
  }
  return true;
}

void edgec::driver::printFallbacks(llvm::ArrayRef<FallbackInfo> fallbacks,
                                   llvm::raw_ostream &os,
                                   llvm::StringRef indent) {
  if (fallbacks.empty()) {
    os << indent << "none: every op runs on integer kernels\n";
    return;
  }
  for (const FallbackInfo &f : fallbacks)
    os << indent << f.node << " (" << f.op << "): " << f.reason << "\n";
}

static std::string formatDb(double db) {
  if (std::isinf(db))
    return db > 0 ? "inf" : "-inf";
  return llvm::formatv("{0:f2}", db).str();
}

bool edgec::driver::verifyQuantization(const QuantArgs &args,
                                       mlir::ModuleOp floatModule,
                                       const std::string &modelPath,
                                       const std::string &inputsPath, int top,
                                       bool json, llvm::raw_ostream &os,
                                       std::string &error) {
  QuantizeOptions options;
  CalibrationData inputs, calibration;
  if (!getQuantizeOptions(args, options, error) ||
      !loadSamples(floatModule, inputsPath, inputs, error) ||
      !loadSamples(floatModule, args.calibration, calibration, error))
    return false;
  QuantizationReport report;
  if (mlir::failed(edgec::verifyQuantization(floatModule, calibration, inputs,
                                             options, report, error))) {
    error = modelPath + ": " + error;
    return false;
  }
  const std::vector<TensorError> &errors = report.tensors;
  size_t rows = top > 0 ? std::min<size_t>(top, errors.size()) : errors.size();

  if (json) {
    llvm::json::Array tensors;
    for (size_t i = 0; i < rows; ++i) {
      const TensorError &e = errors[i];
      llvm::json::Object o{{"node", e.node},
                           {"op", e.op},
                           {"result", static_cast<int64_t>(e.result)},
                           {"type", e.type},
                           {"elements", e.elements},
                           {"cosine", e.cosine},
                           {"max_abs_error", e.maxAbsError}};
      if (std::isinf(e.sqnrDb))
        o["sqnr_db"] = e.sqnrDb > 0 ? "inf" : "-inf";
      else
        o["sqnr_db"] = e.sqnrDb;
      tensors.push_back(std::move(o));
    }
    llvm::json::Array fallbacks;
    for (const FallbackInfo &f : report.fallbacks)
      fallbacks.push_back(
          llvm::json::Object{{"node", f.node}, {"op", f.op}, {"reason", f.reason}});
    llvm::json::Object root{{"model", modelPath},
                            {"quantize", args.quantize},
                            {"activations", args.activations},
                            {"calibration_method", args.method},
                            {"input_sets", report.inputSets},
                            {"tensors", std::move(tensors)},
                            {"fallbacks", std::move(fallbacks)}};
    os << llvm::formatv("{0:2}", llvm::json::Value(std::move(root))) << "\n";
    return true;
  }

  os << "edgec verify: " << modelPath << ", " << args.quantize << " weights, "
     << args.activations << " activations (" << args.method
     << " calibration), " << report.inputSets << " input set"
     << (report.inputSets == 1 ? "" : "s") << "\n";
  os << "tensors by SQNR, worst first (float model vs quantized, "
        "dequantized):\n";
  // "!quant.uniform<i8:f32, 0.1:-3>" is shown as its storage type, "i8".
  auto shortType = [](const std::string &type) {
    return type.rfind("!quant.uniform<", 0) == 0
               ? type.substr(15, type.find_first_of(":<", 15) - 15)
               : type;
  };
  size_t nodeWidth = 4, opWidth = 2, typeWidth = 4;
  for (size_t i = 0; i < rows; ++i) {
    nodeWidth = std::max(nodeWidth, errors[i].node.size() +
                                        (errors[i].result ? 3 : 0));
    opWidth = std::max(opWidth, errors[i].op.size());
    typeWidth = std::max(typeWidth, shortType(errors[i].type).size());
  }
  os << llvm::formatv("  {0,4}  {1}  {2}  {3}  {4,9}  {5,9}  {6,11}\n", "rank",
                      llvm::left_justify("node", nodeWidth),
                      llvm::left_justify("op", opWidth),
                      llvm::left_justify("type", typeWidth), "SQNR(dB)",
                      "cosine", "max|error|");
  for (size_t i = 0; i < rows; ++i) {
    const TensorError &e = errors[i];
    std::string node = e.result ? e.node + "#" + std::to_string(e.result)
                                : e.node;
    std::string type = shortType(e.type);
    os << llvm::formatv("  {0,4}  {1}  {2}  {3}  {4,9}  {5,9:f5}  {6,11:g}\n",
                        i + 1, llvm::left_justify(node, nodeWidth),
                        llvm::left_justify(e.op, opWidth),
                        llvm::left_justify(type, typeWidth),
                        formatDb(e.sqnrDb), e.cosine, e.maxAbsError);
  }
  if (rows < errors.size())
    os << "  ... " << (errors.size() - rows) << " more (--top 0 shows all)\n";
  os << "ops kept in float:\n";
  printFallbacks(report.fallbacks, os, "  ");
  return true;
}
