//===- QuantizeModel.cpp - post-training quantization of a model ----------===//
#include "edgec/Quant/QuantizeModel.h"

#include "edgec/Interpreter/Interpreter.h"
#include "edgec/Passes/Quantize/Passes.h"
#include "edgec/Pipeline/Pipeline.h"
#include "edgec/Support/GraphSignature.h"
#include "edgec/Support/NodeName.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/DenseMap.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>

using namespace mlir;
using namespace edgec;

namespace {

/// The values of `tensor` as doubles: f32 as is, quantized storage
/// dequantized with `type`'s per-tensor parameters.
bool toReal(Type type, const HostTensor &tensor, std::vector<double> &out) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped)
    return false;
  Type elem = shaped.getElementType();
  int64_t n = tensor.numElements();
  out.resize(n);
  if (elem.isF32()) {
    const float *p = reinterpret_cast<const float *>(tensor.data.data());
    for (int64_t i = 0; i < n; ++i)
      out[i] = p[i];
    return true;
  }
  auto q = dyn_cast<quant::UniformQuantizedType>(elem);
  if (!q)
    return false;
  double scale = q.getScale();
  int64_t zp = q.getZeroPoint();
  unsigned width = q.getStorageTypeIntegralWidth();
  for (int64_t i = 0; i < n; ++i) {
    int64_t v;
    if (width == 8) {
      v = static_cast<int8_t>(tensor.data[i]);
    } else if (width == 16) {
      int16_t s;
      std::memcpy(&s, &tensor.data[i * 2], 2);
      v = s;
    } else {
      int32_t s;
      std::memcpy(&s, &tensor.data[i * 4], 4);
      v = s;
    }
    out[i] = static_cast<double>(v - zp) * scale;
  }
  return true;
}

struct Accumulator {
  double sumF2 = 0, sumQ2 = 0, sumFQ = 0, sumE2 = 0, maxAbs = 0;
  int64_t elements = 0;
  bool seen = false;
};

} // namespace

LogicalResult edgec::prepareForQuantization(ModuleOp module,
                                            std::string &error) {
  PassManager pm(module.getContext(), ModuleOp::getOperationName());
  pm.addNestedPass<func::FuncOp>(createEdgeSplitActivations());
  return runPassesReportingFirstError(pm, module, "quantization failed",
                                      error);
}

LogicalResult edgec::quantizeModule(ModuleOp module,
                                    const CalibrationData &data,
                                    const QuantizeOptions &options,
                                    std::string &error) {
  if (options.activations != "int8" && options.activations != "int16") {
    error = "unknown activation type '" + options.activations +
            "' (expected int8 or int16)";
    return failure();
  }
  func::FuncOp func = getGraphFunction(module, error);
  if (!func || failed(prepareForQuantization(module, error)))
    return failure();
  MLIRContext *ctx = module.getContext();
  CalibrationOptions calibration = options.calibration;
  calibration.bits = options.activations == "int16" ? 16 : 8;
  if (std::string why = calibration.validate(); !why.empty()) {
    error = why;
    return failure();
  }
  if (failed(calibrate(func, data, calibration, error)))
    return failure();
  PassManager pm(ctx, ModuleOp::getOperationName());
  EdgeQuantizeOptions quantizeOptions;
  quantizeOptions.activations = options.activations;
  quantizeOptions.perChannel = options.perChannel;
  pm.addNestedPass<func::FuncOp>(createEdgeQuantize(quantizeOptions));
  pm.addPass(createCanonicalizerPass());
  return runPassesReportingFirstError(pm, module, "quantization failed",
                                      error);
}

std::vector<FallbackInfo> edgec::collectFallbacks(ModuleOp module) {
  std::vector<FallbackInfo> out;
  module.walk([&](Operation *op) {
    auto reason = op->getAttrOfType<StringAttr>("edge.float_fallback");
    if (!reason)
      return;
    std::string node = getOnnxNodeName(op->getLoc());
    out.push_back({node.empty() ? op->getName().getStringRef().str() : node,
                   op->getName().getStringRef().str(), reason.str()});
  });
  return out;
}

void edgec::tagTensors(ModuleOp module) {
  int64_t next = 0;
  Builder b(module.getContext());
  module.walk([&](Operation *op) {
    if (op->getNumResults() == 0 || isa<func::FuncOp, ModuleOp>(op) ||
        op->hasTrait<OpTrait::ConstantLike>())
      return;
    op->setAttr(kTensorIdAttrName, b.getI64IntegerAttr(next++));
  });
}

LogicalResult
edgec::compareTensors(ModuleOp floatModule, ModuleOp quantModule,
                      const std::vector<std::vector<HostTensor>> &inputs,
                      std::vector<TensorError> &out, std::string &error) {
  func::FuncOp floatFunc = getGraphFunction(floatModule, error);
  func::FuncOp quantFunc =
      floatFunc ? getGraphFunction(quantModule, error) : nullptr;
  if (!floatFunc || !quantFunc)
    return failure();
  auto floatInterp = Interpreter::create(floatFunc, error);
  if (!floatInterp)
    return failure();
  auto quantInterp = Interpreter::create(quantFunc, error);
  if (!quantInterp)
    return failure();

  // (tensor id, result) -> accumulated statistics.
  std::map<std::pair<int64_t, unsigned>, Accumulator> stats;
  std::map<std::pair<int64_t, unsigned>, std::vector<double>> reference;
  std::map<std::pair<int64_t, unsigned>, Operation *> floatOps;
  std::map<std::pair<int64_t, unsigned>, std::string> quantTypes;

  auto keyOf = [](Value v) -> std::optional<std::pair<int64_t, unsigned>> {
    auto result = dyn_cast<OpResult>(v);
    if (!result)
      return std::nullopt;
    auto id = result.getOwner()->getAttrOfType<IntegerAttr>(kTensorIdAttrName);
    if (!id)
      return std::nullopt;
    return std::make_pair(id.getInt(), result.getResultNumber());
  };

  for (const std::vector<HostTensor> &args : inputs) {
    reference.clear();
    std::vector<HostTensor> results;
    auto recordFloat = [&](Value v, const HostTensor &t) {
      auto key = keyOf(v);
      if (!key || !cast<ShapedType>(v.getType()).getElementType().isF32())
        return;
      toReal(v.getType(), t, reference[*key]);
      floatOps[*key] = v.getDefiningOp();
    };
    if (failed(floatInterp->run(args, results, error, recordFloat)))
      return failure();
    auto compare = [&](Value v, const HostTensor &t) {
      auto key = keyOf(v);
      if (!key)
        return;
      auto it = reference.find(*key);
      std::vector<double> q;
      if (it == reference.end() || !toReal(v.getType(), t, q) ||
          q.size() != it->second.size())
        return;
      const std::vector<double> &f = it->second;
      Accumulator &acc = stats[*key];
      acc.seen = true;
      acc.elements = static_cast<int64_t>(f.size());
      for (size_t i = 0; i < f.size(); ++i) {
        double e = f[i] - q[i];
        acc.sumF2 += f[i] * f[i];
        acc.sumQ2 += q[i] * q[i];
        acc.sumFQ += f[i] * q[i];
        acc.sumE2 += e * e;
        acc.maxAbs = std::max(acc.maxAbs, std::fabs(e));
      }
      std::string type;
      llvm::raw_string_ostream os(type);
      cast<ShapedType>(v.getType()).getElementType().print(os);
      quantTypes[*key] = type;
    };
    if (failed(quantInterp->run(args, results, error, compare)))
      return failure();
  }

  out.clear();
  for (auto &[key, acc] : stats) {
    Operation *op = floatOps[key];
    TensorError e;
    std::string node = op ? getOnnxNodeName(op->getLoc()) : "";
    e.op = op ? op->getName().getStringRef().str() : "";
    e.node = node.empty() ? e.op : node;
    e.result = key.second;
    e.type = quantTypes[key];
    e.elements = acc.elements;
    e.sqnrDb = acc.sumE2 == 0
                   ? std::numeric_limits<double>::infinity()
                   : (acc.sumF2 == 0 ? -std::numeric_limits<double>::infinity()
                                     : 10.0 * std::log10(acc.sumF2 / acc.sumE2));
    double norm = std::sqrt(acc.sumF2) * std::sqrt(acc.sumQ2);
    e.cosine = norm == 0 ? (acc.sumF2 == acc.sumQ2 ? 1.0 : 0.0)
                         : acc.sumFQ / norm;
    e.maxAbsError = acc.maxAbs;
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const TensorError &a, const TensorError &b) {
                     return a.sqnrDb < b.sqnrDb;
                   });
  return success();
}

bool edgec::loadSamples(ModuleOp module, const std::string &path,
                        CalibrationData &data, std::string &error) {
  func::FuncOp func = getGraphFunction(module, error);
  if (!func)
    return false;
  std::vector<GraphTensorInfo> inputs, outputs;
  return getFunctionSignature(func, inputs, outputs, error) &&
         data.load(path, inputs, error);
}

LogicalResult edgec::verifyQuantization(ModuleOp floatModule,
                                        const CalibrationData &calibration,
                                        const CalibrationData &inputs,
                                        const QuantizeOptions &options,
                                        QuantizationReport &report,
                                        std::string &error) {
  // Both functions in the form quantization sees, ops tagged for matching.
  if (failed(prepareForQuantization(floatModule, error)))
    return failure();
  tagTensors(floatModule);
  OwningOpRef<ModuleOp> quantized = floatModule.clone();
  if (failed(quantizeModule(*quantized, calibration, options, error)))
    return failure();
  std::vector<std::vector<HostTensor>> sets(inputs.size());
  for (int64_t i = 0; i < inputs.size(); ++i)
    inputs.getSample(i, sets[i]);
  report.inputSets = static_cast<int64_t>(sets.size());
  if (failed(compareTensors(floatModule, *quantized, sets, report.tensors,
                            error)))
    return failure();
  report.fallbacks = collectFallbacks(*quantized);
  return success();
}
