//===- Calibrate.cpp - run samples, observe tensors, record ranges --------===//
#include "edgec/Quant/Calibrate.h"

#include "edgec/Interpreter/Interpreter.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Process.h"

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
  std::vector<HostTensor> sample, results;
  for (int64_t s = 0; s < data.size(); ++s) {
    data.getSample(s, sample);
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
