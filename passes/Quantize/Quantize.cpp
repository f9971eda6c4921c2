//===- Quantize.cpp - edge-quantize ---------------------------------------===//
//
// Post-training quantization of a calibrated float edge function. Ops are
// visited in program order; each is given a rule (what its operands and
// results become), its operands are brought into the domain the rule wants
// (edge.quantize / edge.requantize / edge.dequantize created on demand and
// shared between consumers) and its result types are changed in place. See
// the pass description in Passes.td and docs/quantization.md.
//
//===----------------------------------------------------------------------===//
#include "edgec/Dialect/Edge/EdgeOps.h"
#include "edgec/Passes/Quantize/Passes.h"
#include "edgec/Passes/Quantize/QuantParams.h"
#include "edgec/Passes/Quantize/QuantRules.h"
#include "edgec/Support/ConstantTensor.h"
#include "edgec/Support/NodeName.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace edgec {
#define GEN_PASS_DEF_EDGEQUANTIZE
#include "edgec/Passes/Quantize/Passes.h.inc"
} // namespace edgec

using namespace mlir;
using namespace edgec;
namespace qt = mlir::quant;

namespace {

constexpr llvm::StringLiteral kCalibrationAttr = "edge.calibration";
constexpr llvm::StringLiteral kFallbackAttr = "edge.float_fallback";

using quantization::Decision;
using quantization::Rule;

class Quantizer {
public:
  Quantizer(func::FuncOp func, bool int16, bool perChannel)
      : func(func), builder(func.getContext()), int16(int16),
        perChannel(perChannel) {}

  LogicalResult run();

private:
  // Types.
  int64_t actMin() const { return int16 ? -32768 : -128; }
  int64_t actMax() const { return int16 ? 32767 : 127; }
  IntegerType actStorage() {
    return builder.getIntegerType(int16 ? 16 : 8);
  }
  qt::UniformQuantizedType makeActType(const quantization::AffineParams &p) {
    return qt::UniformQuantizedType::get(
        qt::QuantizationFlags::Signed, actStorage(), builder.getF32Type(),
        p.scale, p.zeroPoint, actMin(), actMax());
  }
  /// The activation type for a real range (asymmetric int8 / symmetric int16).
  qt::UniformQuantizedType typeForRange(double lo, double hi) {
    if (int16)
      return makeActType(
          quantization::chooseSymmetric(std::max(std::fabs(lo), std::fabs(hi)),
                                 actMax()));
    return makeActType(quantization::chooseAsymmetric(lo, hi, actMin(), actMax()));
  }

  std::optional<std::pair<double, double>> getRange(Value v);
  /// The type `v` gets when quantized: its current type if already
  /// quantized, from its data if constant, else from its calibration range.
  qt::UniformQuantizedType getActType(Value v);

  // Domain conversions, created on demand before `user` and shared.
  Value getFloat(Value v, Operation *user);
  Value getQuant(Value v, Type elementType, Operation *user);

  Decision decide(Operation *op);
  LogicalResult apply(Operation *op, const Decision &d);
  LogicalResult applyWeighted(Operation *op);
  Value quantizeConstant(Value v, Type elementType, Operation *user);
  Value quantizeFilter(Operation *op, Value filter, int64_t axis,
                       SmallVectorImpl<double> &scales);
  Value quantizeBias(Operation *op, Value bias, double inScale,
                     ArrayRef<double> filterScales, int64_t axis);

  Value createConstant(Location loc, RankedTensorType valueType,
                       RankedTensorType resultType, ArrayRef<char> data,
                       StringRef name) {
    return quantization::createStorageConstant(builder, loc, valueType,
                                               resultType, data, name);
  }
  void setResultElementType(Value result, Type elementType) {
    auto t = cast<RankedTensorType>(result.getType());
    result.setType(t.clone(elementType));
  }
  void markFallback(Operation *op, StringRef reason) {
    op->setAttr(kFallbackAttr, builder.getStringAttr(reason));
  }

  func::FuncOp func;
  OpBuilder builder;
  bool int16;
  bool perChannel;
  std::string error;
  DenseMap<Value, Value> floatOf;
  DenseMap<std::pair<Value, Type>, Value> quantOf;
};

bool isF32Tensor(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && t.getElementType().isF32();
}

bool isQuantTensor(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && isa<qt::QuantizedType>(t.getElementType());
}

qt::UniformQuantizedType getPerTensorType(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t ? dyn_cast<qt::UniformQuantizedType>(t.getElementType()) : nullptr;
}

/// The base name of the constants quantized for `op`: its ONNX node name,
/// else its op name.
std::string nodeName(Operation *op) {
  std::string name = getOnnxNodeName(op->getLoc());
  return name.empty() ? op->getName().getStringRef().str() : name;
}

std::optional<std::pair<double, double>> Quantizer::getRange(Value v) {
  DenseF64ArrayAttr attr;
  if (auto arg = dyn_cast<BlockArgument>(v)) {
    attr = func.getArgAttrOfType<DenseF64ArrayAttr>(arg.getArgNumber(),
                                                    kCalibrationAttr);
  } else if (Operation *def = v.getDefiningOp()) {
    if (auto all = def->getAttrOfType<ArrayAttr>(kCalibrationAttr)) {
      unsigned i = cast<OpResult>(v).getResultNumber();
      if (i < all.size())
        attr = dyn_cast<DenseF64ArrayAttr>(all[i]);
    }
  }
  if (!attr || attr.size() != 2)
    return std::nullopt;
  double lo = attr[0], hi = attr[1];
  if (!std::isfinite(lo) || !std::isfinite(hi) || lo > hi)
    return std::nullopt;
  return std::make_pair(lo, hi);
}

qt::UniformQuantizedType Quantizer::getActType(Value v) {
  if (isQuantTensor(v))
    return getPerTensorType(v);
  if (auto c = ConstantTensor::get(v); c && c->isFloat()) {
    double lo = 0, hi = 0;
    for (int64_t i = 0; i < c->size(); ++i) {
      double x = c->getFloat(c->isSplat() ? 0 : i).convertToDouble();
      if (!std::isfinite(x))
        return nullptr;
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
    return typeForRange(lo, hi);
  }
  if (auto range = getRange(v))
    return typeForRange(range->first, range->second);
  return nullptr;
}

Value Quantizer::getFloat(Value v, Operation *user) {
  if (!isQuantTensor(v))
    return v;
  Value &cached = floatOf[v];
  if (!cached) {
    builder.setInsertionPoint(user);
    auto t = cast<RankedTensorType>(v.getType());
    cached = edge::DequantizeOp::create(builder, user->getLoc(),
                                        t.clone(builder.getF32Type()), v);
  }
  return cached;
}

Value Quantizer::quantizeConstant(Value v, Type elementType, Operation *user) {
  auto c = ConstantTensor::get(v);
  auto q = cast<qt::UniformQuantizedType>(elementType);
  quantization::AffineParams p{q.getScale(), q.getZeroPoint()};
  int64_t n = c->size();
  auto t = cast<RankedTensorType>(v.getType());
  unsigned bytes = q.getStorageTypeIntegralWidth() / 8;
  std::vector<char> data(n * bytes);
  for (int64_t i = 0; i < n; ++i) {
    double x = c->getFloat(c->isSplat() ? 0 : i).convertToDouble();
    int64_t s =
        quantization::quantizeValue(x, p, q.getStorageTypeMin(), q.getStorageTypeMax());
    if (bytes == 1) {
      data[i] = static_cast<char>(static_cast<int8_t>(s));
    } else {
      int16_t s16 = static_cast<int16_t>(s);
      std::memcpy(&data[i * 2], &s16, 2);
    }
  }
  builder.setInsertionPoint(user);
  return createConstant(v.getLoc(),
                        t.clone(builder.getIntegerType(bytes * 8)),
                        t.clone(elementType), data,
                        nodeName(v.getDefiningOp()) + ".q");
}

Value Quantizer::getQuant(Value v, Type elementType, Operation *user) {
  if (isQuantTensor(v)) {
    if (cast<RankedTensorType>(v.getType()).getElementType() == elementType)
      return v;
  }
  Value &cached = quantOf[{v, elementType}];
  if (cached)
    return cached;
  auto t = cast<RankedTensorType>(v.getType());
  if (isQuantTensor(v)) {
    builder.setInsertionPoint(user);
    cached = edge::RequantizeOp::create(builder, user->getLoc(),
                                        t.clone(elementType), v);
  } else if (ConstantTensor::get(v)) {
    cached = quantizeConstant(v, elementType, user);
  } else {
    builder.setInsertionPoint(user);
    cached = edge::QuantizeOp::create(builder, user->getLoc(),
                                      t.clone(elementType), v);
  }
  return cached;
}

/// The shared rule table (QuantRules.h) plus what calibrated quantization
/// needs on top: a constant filter, and quantized inputs to follow.
Decision Quantizer::decide(Operation *op) {
  Decision d = quantization::decideRule(op, int16);
  switch (d.rule) {
  case Rule::SameAsInput:
    // On a float input, data movement stays float at no cost: not a
    // fallback (no reason recorded).
    if (!isQuantTensor(op->getOperand(0)))
      return {};
    break;
  case Rule::Concat:
    if (llvm::none_of(op->getOperands(), isQuantTensor))
      return {};
    break;
  case Rule::Weighted:
    if (!ConstantTensor::get(op->getOperand(1)))
      return {Rule::Float, "the filter is not a constant"};
    break;
  default:
    break;
  }
  return d;
}

Value Quantizer::quantizeFilter(Operation *op, Value filter, int64_t axis,
                                SmallVectorImpl<double> &scales) {
  auto c = ConstantTensor::get(filter);
  auto type = cast<RankedTensorType>(filter.getType());
  ArrayRef<int64_t> shape = type.getShape();
  int64_t channels = perChannel ? shape[axis] : 1;
  int64_t inner = 1;
  for (int64_t d = axis + 1; d < type.getRank(); ++d)
    inner *= shape[d];
  int64_t n = c->size();
  auto channelOf = [&](int64_t i) {
    return perChannel ? (i / inner) % shape[axis] : 0;
  };
  auto valueAt = [&](int64_t i) {
    return c->getFloat(c->isSplat() ? 0 : i).convertToDouble();
  };
  std::vector<double> absMax(channels, 0.0);
  for (int64_t i = 0; i < n; ++i)
    absMax[channelOf(i)] = std::max(absMax[channelOf(i)], std::fabs(valueAt(i)));
  std::vector<quantization::AffineParams> params;
  for (double m : absMax) {
    params.push_back(quantization::chooseSymmetric(m, 127));
    scales.push_back(params.back().scale);
  }
  std::vector<char> data(n);
  for (int64_t i = 0; i < n; ++i)
    data[i] = static_cast<char>(static_cast<int8_t>(
        quantization::quantizeValue(valueAt(i), params[channelOf(i)], -127, 127)));

  Type elem;
  auto i8 = builder.getIntegerType(8);
  auto f32 = builder.getF32Type();
  if (perChannel)
    elem = qt::UniformQuantizedPerAxisType::get(
        qt::QuantizationFlags::Signed, i8, f32, scales,
        SmallVector<int64_t>(channels, 0), axis, -127, 127);
  else
    elem = qt::UniformQuantizedType::get(qt::QuantizationFlags::Signed, i8,
                                         f32, scales[0], 0, -127, 127);
  builder.setInsertionPoint(op);
  return createConstant(filter.getLoc(), type.clone(i8), type.clone(elem),
                        data, nodeName(op) + ".filter.q");
}

Value Quantizer::quantizeBias(Operation *op, Value bias, double inScale,
                              ArrayRef<double> filterScales, int64_t channels) {
  auto c = ConstantTensor::get(bias);
  auto type = cast<RankedTensorType>(bias.getType());
  int64_t n = c->size();
  SmallVector<double> scales;
  for (int64_t i = 0; i < channels; ++i)
    scales.push_back(inScale *
                     filterScales[filterScales.size() == 1 ? 0 : i]);
  auto f32 = builder.getF32Type();
  builder.setInsertionPoint(op);
  if (int16) {
    // 16x8: int64 bias, a plain integer tensor (quantized storage is <= 32 bits).
    std::vector<char> data(n * 8);
    for (int64_t i = 0; i < n; ++i) {
      double x = c->getFloat(c->isSplat() ? 0 : i).convertToDouble();
      double q = std::nearbyint(x / scales[i % scales.size()]);
      q = std::clamp(q, -9.2e18, 9.2e18);
      int64_t v = static_cast<int64_t>(q);
      std::memcpy(&data[i * 8], &v, 8);
    }
    auto t = type.clone(builder.getIntegerType(64));
    return createConstant(bias.getLoc(), t, t, data, nodeName(op) + ".bias.q");
  }
  std::vector<char> data(n * 4);
  constexpr int64_t lo = std::numeric_limits<int32_t>::min();
  constexpr int64_t hi = std::numeric_limits<int32_t>::max();
  for (int64_t i = 0; i < n; ++i) {
    double x = c->getFloat(c->isSplat() ? 0 : i).convertToDouble();
    quantization::AffineParams p{scales[i % scales.size()], 0};
    int32_t v = static_cast<int32_t>(quantization::quantizeValue(x, p, lo, hi));
    std::memcpy(&data[i * 4], &v, 4);
  }
  auto i32 = builder.getIntegerType(32);
  Type elem;
  if (scales.size() > 1)
    elem = qt::UniformQuantizedPerAxisType::get(
        qt::QuantizationFlags::Signed, i32, f32, scales,
        SmallVector<int64_t>(scales.size(), 0), 0, lo, hi);
  else
    elem = qt::UniformQuantizedType::get(qt::QuantizationFlags::Signed, i32,
                                         f32, scales[0], 0, lo, hi);
  return createConstant(bias.getLoc(), type.clone(i32), type.clone(elem), data,
                        nodeName(op) + ".bias.q");
}

LogicalResult Quantizer::applyWeighted(Operation *op) {
  Value input = op->getOperand(0), filter = op->getOperand(1);
  Value bias = op->getNumOperands() > 2 ? op->getOperand(2) : Value();
  Value result = op->getResult(0);
  qt::UniformQuantizedType inType = getActType(input);
  auto range = getRange(result);
  if (!inType || !range) {
    markFallback(op, !inType ? "no calibration range for the input"
                             : "no calibration range for the result");
    for (OpOperand &o : op->getOpOperands())
      o.set(getFloat(o.get(), op));
    return success();
  }
  if (bias && !ConstantTensor::get(bias)) {
    markFallback(op, "the bias is not a constant");
    for (OpOperand &o : op->getOpOperands())
      o.set(getFloat(o.get(), op));
    return success();
  }
  int64_t axis = isa<edge::DepthwiseConv2DOp>(op) ? 3 : 0;
  SmallVector<double> filterScales;
  Value qFilter = quantizeFilter(op, filter, axis, filterScales);
  op->setOperand(0, getQuant(input, inType, op));
  op->setOperand(1, qFilter);
  if (bias) {
    int64_t channels = cast<RankedTensorType>(filter.getType()).getDimSize(axis);
    op->setOperand(2, quantizeBias(op, bias, inType.getScale(), filterScales,
                                   perChannel ? channels : 1));
  }
  setResultElementType(result, typeForRange(range->first, range->second));
  return success();
}

LogicalResult Quantizer::apply(Operation *op, const Decision &d) {
  auto keepFloat = [&](StringRef reason) {
    if (!reason.empty())
      markFallback(op, reason);
    for (OpOperand &o : op->getOpOperands())
      o.set(getFloat(o.get(), op));
    return success();
  };
  switch (d.rule) {
  case Rule::Float:
    return keepFloat(d.reason);
  case Rule::Weighted:
    return applyWeighted(op);
  case Rule::SameAsInput: {
    Type elem = cast<RankedTensorType>(op->getOperand(0).getType())
                    .getElementType();
    if (isa<qt::UniformQuantizedPerAxisType>(elem))
      return keepFloat("per-axis quantized input");
    for (Value r : op->getResults())
      if (isF32Tensor(r))
        setResultElementType(r, elem);
    return success();
  }
  case Rule::Rescale:
  case Rule::Table:
  case Rule::FixedOutput:
  case Rule::Concat: {
    Value result = op->getResult(0);
    qt::UniformQuantizedType resultType;
    if (d.rule == Rule::FixedOutput) {
      bool tanh = false;
      if (auto a = dyn_cast<edge::ActivationOp>(op))
        tanh = a.getAct().getKind() == edge::ActivationKind::tanh;
      resultType = tanh ? makeActType({1.0 / 128.0, 0})
                        : makeActType({1.0 / 256.0, -128});
    } else if (auto range = getRange(result)) {
      resultType = typeForRange(range->first, range->second);
    } else {
      return keepFloat("no calibration range for the result");
    }
    SmallVector<qt::UniformQuantizedType> operandTypes;
    for (Value v : op->getOperands()) {
      qt::UniformQuantizedType t =
          d.rule == Rule::Concat ? resultType : getActType(v);
      if (!t)
        return keepFloat("no calibration range for an operand");
      operandTypes.push_back(t);
    }
    for (auto [o, t] : llvm::zip(op->getOpOperands(), operandTypes))
      o.set(getQuant(o.get(), t, op));
    setResultElementType(result, resultType);
    return success();
  }
  }
  return success();
}

LogicalResult Quantizer::run() {
  Block &body = func.getBody().front();
  SmallVector<Operation *> ops;
  for (Operation &op : body)
    ops.push_back(&op);
  for (Operation *op : ops) {
    if (isa<func::ReturnOp>(op)) {
      for (OpOperand &o : op->getOpOperands())
        o.set(getFloat(o.get(), op));
      continue;
    }
    if (failed(apply(op, decide(op))))
      return failure();
  }
  // Float constants that only fed the quantized ops are dead now.
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
    if (isa<edge::ConstantOp>(op) && op.use_empty())
      op.erase();
  for (Operation &op : body)
    op.removeAttr(kCalibrationAttr);
  for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
    func.removeArgAttr(i, kCalibrationAttr);
  return success();
}

struct EdgeQuantizePass
    : public edgec::impl::EdgeQuantizeBase<EdgeQuantizePass> {
  using EdgeQuantizeBase::EdgeQuantizeBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (activations != "int8" && activations != "int16") {
      func.emitError() << "edge-quantize: activations must be int8 or int16, "
                          "got '"
                       << activations << "'";
      return signalPassFailure();
    }
    if (func.isExternal())
      return;
    if (!llvm::hasSingleElement(func.getBody())) {
      func.emitError() << "edge-quantize expects a single-block function";
      return signalPassFailure();
    }
    Quantizer q(func, activations == "int16", perChannel);
    if (failed(q.run()))
      signalPassFailure();
  }
};

} // namespace
