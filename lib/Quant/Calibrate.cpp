//===- Calibrate.cpp - run samples, observe tensors, record ranges --------===//
#include "edgec/Quant/Calibrate.h"

#include "edgec/Interpreter/Interpreter.h"
#include "edgec/Passes/Quantize/QuantParams.h"
#include "edgec/Support/Escape.h"
#include "edgec/Support/NodeName.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Process.h"

#include <cmath>
#include <cstdio>
#include <optional>

using namespace mlir;

namespace edgec {

ObserverOptions CalibrationOptions::getObserverOptions() const {
  ObserverOptions o;
  o.method = method;
  o.percentile = percentile;
  o.bits = bits;
  o.numBins = numBins;
  return o;
}

std::string CalibrationOptions::validate() const {
  if (bits != 8 && bits != 16)
    return "unsupported quantization width " + std::to_string(bits) +
           " bits (expected 8 or 16)";
  if (!(percentile > 50.0 && percentile <= 100.0))
    return "calibration percentile " + std::to_string(percentile) +
           " is out of range (expected a number in (50, 100], e.g. 99.99)";
  if (numBins < 16 || numBins > (1u << 20))
    return "histogram bins " + std::to_string(numBins) +
           " out of range (expected 16 to 1048576)";
  return "";
}

bool parseCalibrationPercentile(llvm::StringRef text, double &percentile,
                                std::string &error) {
  double v;
  if (!llvm::to_float(text.trim(), v) || !(v > 50.0 && v <= 100.0)) {
    error = "invalid calibration percentile '" + text.str() +
            "' (expected a number in (50, 100], e.g. 99.99)";
    return false;
  }
  percentile = v;
  return true;
}

bool parseQuantizationBits(llvm::StringRef text, unsigned &bits,
                           std::string &error) {
  std::string t = text.trim().lower();
  if (t == "8" || t == "int8")
    bits = 8;
  else if (t == "16" || t == "int16")
    bits = 16;
  else {
    error = "unsupported quantization type '" + text.str() +
            "' (expected int8 or int16)";
    return false;
  }
  return true;
}

namespace {

bool isF32Tensor(Type type) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  return ranked && ranked.getElementType().isF32();
}

/// `calibrating: 120/500 samples` rewritten in place with \r.
class Progress {
public:
  Progress(const CalibrationOptions &options, int64_t total) : total(total) {
    const int64_t kMinSamples = 10; // not worth a line for a handful
    if (!options.progress || total < kMinSamples)
      return;
    if (options.progressStream)
      os = options.progressStream;
    else if (llvm::sys::Process::StandardErrIsDisplayed())
      os = &llvm::errs();
  }
  void update(int64_t done) {
    if (!os)
      return;
    // At most ~100 updates whatever the number of samples.
    int64_t percent = done * 100 / total;
    if (done != total && percent == lastPercent)
      return;
    lastPercent = percent;
    *os << "\rcalibrating: " << done << "/" << total << " samples";
    if (done == total)
      *os << "\n";
    os->flush();
  }
  /// Ends an unfinished line (before an error is reported).
  void abandon() {
    if (os && lastPercent >= 0) {
      *os << "\n";
      os->flush();
    }
  }

private:
  llvm::raw_ostream *os = nullptr;
  int64_t total;
  int64_t lastPercent = -1;
};

/// `x` as printf's %.9g (every f32 exactly, no trailing zeros).
std::string formatNumber(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", x);
  return buffer;
}

/// What quantizing a tensor whose observed values all equal `c` gives, for
/// the warning: the scale the quantize pass picks for the widened range
/// [min(c, 0), max(c, 0)] (int8: asymmetric, int16: symmetric, as
/// EdgeQuantize's typeForRange).
std::string describeZeroRange(double c, unsigned bits) {
  double lo = std::min(c, 0.0), hi = std::max(c, 0.0);
  quantization::AffineParams p =
      bits == 16 ? quantization::chooseSymmetric(std::max(-lo, hi), 32767)
                 : quantization::chooseAsymmetric(lo, hi, -128, 127);
  if (c == 0.0)
    return llvm::formatv("quantized with the placeholder scale {0} and zero "
                         "point {1}: any other value at run time is rounded "
                         "to a whole number",
                         formatNumber(p.scale), p.zeroPoint)
        .str();
  return llvm::formatv("its range is widened to [{0}, {1}] (scale {2}, "
                       "zero point {3})",
                       formatNumber(lo), formatNumber(hi),
                       formatNumber(p.scale), p.zeroPoint)
      .str();
}

/// Warns (through options.warn) about each tracked tensor whose observed
/// values were all equal, and about each graph input identical in every
/// sample (`varies[i]` false), once per graph input or ONNX node.
void warnDegenerate(func::FuncOp func, const CalibrationData &data,
                    const CalibrationOptions &options,
                    const llvm::DenseMap<Value, unsigned> &index,
                    const std::vector<TensorObserver> &observers,
                    const std::vector<bool> &isConstant,
                    const std::vector<bool> &varies) {
  if (!options.warn)
    return;
  std::string samples = data.size() == 1
                            ? std::string("the 1 calibration sample")
                            : "all " + std::to_string(data.size()) +
                                  " calibration samples";
  auto zeroRange = [&](Value v) -> std::optional<double> {
    auto it = index.find(v);
    if (it == index.end() || isConstant[it->second])
      return std::nullopt;
    const TensorObserver &o = observers[it->second];
    if (o.getCount() == 0 || o.getMin() != o.getMax())
      return std::nullopt;
    return o.getMin();
  };
  Block &body = func.getBody().front();
  const std::vector<GraphTensorInfo> &inputs = data.getInputs();
  for (BlockArgument arg : body.getArguments()) {
    unsigned i = arg.getArgNumber();
    std::string name =
        i < inputs.size() ? escapeNonPrintable(inputs[i].name) : "?";
    if (std::optional<double> c = zeroRange(arg)) {
      options.warn(llvm::formatv("calibration input '{0}' is {1} in every "
                                 "element of {2} (zero range): {3}",
                                 name, formatNumber(*c), samples,
                                 describeZeroRange(*c, options.bits))
                       .str());
    } else if (data.size() > 1 && i < varies.size() && !varies[i]) {
      options.warn(llvm::formatv("calibration input '{0}' is the same in "
                                 "{1}: every range downstream of it is "
                                 "calibrated on that one value",
                                 name, samples)
                       .str());
    }
  }
  // One line per ONNX node (lowering may split a node into several ops).
  llvm::StringSet<> warned;
  for (Operation &op : body) {
    for (Value result : op.getResults()) {
      std::optional<double> c = zeroRange(result);
      if (!c)
        continue;
      std::string node = getOnnxNodeName(op.getLoc());
      if (!warned.insert(node).second)
        break;
      std::string what =
          node.empty()
              ? "a tensor computed by " + op.getName().getStringRef().str()
              : "the output of node '" + escapeNonPrintable(node) + "'";
      if (op.getNumResults() > 1)
        what += " (result " +
                std::to_string(cast<OpResult>(result).getResultNumber()) + ")";
      options.warn(llvm::formatv("calibration: {0} is {1} in {2} (zero "
                                 "range): {3}",
                                 what, formatNumber(*c), samples,
                                 describeZeroRange(*c, options.bits))
                       .str());
      break;
    }
  }
}

} // namespace

LogicalResult calibrate(func::FuncOp func, const CalibrationData &data,
                        const CalibrationOptions &options,
                        std::string &error) {
  error = options.validate();
  if (!error.empty())
    return failure();
  std::unique_ptr<Interpreter> interp = Interpreter::create(func, error);
  if (!interp)
    return failure();
  const std::vector<GraphTensorInfo> &inputs = interp->getInputs();
  const std::vector<GraphTensorInfo> &dataInputs = data.getInputs();
  bool same = inputs.size() == dataInputs.size();
  for (size_t i = 0; same && i < inputs.size(); ++i)
    same = inputs[i].name == dataInputs[i].name &&
           inputs[i].type == dataInputs[i].type &&
           inputs[i].shape == dataInputs[i].shape;
  if (!same) {
    error = "the calibration data was read for other graph inputs than "
            "those of function '" +
            func.getName().str() + "'";
    return failure();
  }
  if (data.size() == 0) {
    error = "no calibration samples";
    return failure();
  }

  // One observer per f32 value, in program order.
  ObserverOptions observerOptions = options.getObserverOptions();
  Block &body = func.getBody().front();
  llvm::DenseMap<Value, unsigned> index;
  std::vector<TensorObserver> observers;
  std::vector<bool> isConstant;
  auto track = [&](Value v) {
    if (!isF32Tensor(v.getType()))
      return;
    index[v] = observers.size();
    observers.emplace_back(observerOptions);
    Operation *def = v.getDefiningOp();
    isConstant.push_back(def && def->hasTrait<OpTrait::ConstantLike>());
  };
  for (BlockArgument arg : body.getArguments())
    track(arg);
  for (Operation &op : body)
    for (Value result : op.getResults())
      track(result);

  Progress progress(options, data.size());
  std::vector<HostTensor> sample, results, first;
  // Per graph input: whether some sample differs from the first.
  std::vector<bool> varies(inputs.size(), false);
  for (int64_t s = 0; s < data.size(); ++s) {
    data.getSample(s, sample);
    if (s == 0)
      first = sample;
    for (size_t i = 0; s > 0 && i < sample.size() && i < varies.size(); ++i)
      varies[i] = varies[i] || sample[i].data != first[i].data;
    std::string runError;
    auto observe = [&](Value v, const HostTensor &t) {
      auto it = index.find(v);
      if (it == index.end() || t.type != ElemType::F32 ||
          t.data.size() != static_cast<size_t>(t.numElements()) * 4)
        return;
      // A constant is the same in every sample: once is enough.
      if (s > 0 && isConstant[it->second])
        return;
      observers[it->second].observe(llvm::ArrayRef<float>(
          reinterpret_cast<const float *>(t.data.data()),
          static_cast<size_t>(t.numElements())));
    };
    if (failed(interp->run(sample, results, runError, observe))) {
      progress.abandon();
      error = "calibration sample " + data.describeSample(s) + ": " + runError;
      return failure();
    }
    progress.update(s + 1);
  }
  warnDegenerate(func, data, options, index, observers, isConstant, varies);

  MLIRContext *ctx = func.getContext();
  auto rangeAttr = [&](Value v) {
    auto it = index.find(v);
    if (it == index.end())
      return DenseF64ArrayAttr::get(ctx, {});
    FloatRange r = observers[it->second].computeRange();
    return DenseF64ArrayAttr::get(ctx, {r.min, r.max});
  };
  for (BlockArgument arg : body.getArguments())
    if (isF32Tensor(arg.getType()))
      func.setArgAttr(arg.getArgNumber(), kCalibrationAttrName,
                      rangeAttr(arg));
  for (Operation &op : body) {
    if (op.getNumResults() == 0)
      continue;
    SmallVector<Attribute> ranges;
    for (Value result : op.getResults())
      ranges.push_back(rangeAttr(result));
    op.setAttr(kCalibrationAttrName, ArrayAttr::get(ctx, ranges));
  }
  return success();
}

} // namespace edgec
