//===- FoldQDQ.cpp - edge-fold-qdq ----------------------------------------===//
//
// A pre-quantized QDQ model lowers to float edge ops between edge.dequantize
// and edge.quantize, with its weights as quantized edge.constant behind
// edge.dequantize. This pass rewrites `dequantize -> f32 op -> quantize`
// into the integer op, keeping the model's scales and zero points, whenever
// the shared rule table (QuantRules.h, the one edge-quantize uses) gives the
// op an integer form and the given parameters satisfy edge's integer rules
// (checked by the op's verifier). Anything else stays f32 between its
// dequantize / quantize and gets `edge.float_fallback = "<reason>"` when it
// was a candidate. See docs/quantization.md, "Pre-quantized models".
//
//===----------------------------------------------------------------------===//
#include "edgec/Dialect/Edge/EdgeOps.h"
#include "edgec/Passes/Quantize/Passes.h"
#include "edgec/Passes/Quantize/QuantParams.h"
#include "edgec/Passes/Quantize/QuantRules.h"

#include "edgec/Support/ConstantTensor.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace edgec {
#define GEN_PASS_DEF_EDGEFOLDQDQ
#include "edgec/Passes/Quantize/Passes.h.inc"
} // namespace edgec

using namespace mlir;
using namespace edgec;
using quantization::Rule;
namespace qt = mlir::quant;

namespace {

constexpr llvm::StringLiteral kFallbackAttr = "edge.float_fallback";

Type elementOf(Value v) { return getElementTypeOrSelf(v.getType()); }
bool isF32Tensor(Value v) { return elementOf(v).isF32(); }

qt::UniformQuantizedType perTensorI8(Type t) {
  auto q = dyn_cast<qt::UniformQuantizedType>(t);
  return q && q.getStorageTypeIntegralWidth() == 8 ? q : nullptr;
}

/// The quantized value a dequantized operand came from, else null.
Value dequantizedSource(Value v) {
  if (auto dq = v.getDefiningOp<edge::DequantizeOp>())
    return dq.getInput();
  return {};
}

/// The common quantized type all users of `r` quantize it to (all users must
/// be edge.quantize to one per-tensor int8 type), else null.
qt::UniformQuantizedType quantizedUse(Value r) {
  qt::UniformQuantizedType type;
  if (r.use_empty())
    return nullptr;
  for (Operation *u : r.getUsers()) {
    auto q = dyn_cast<edge::QuantizeOp>(u);
    if (!q)
      return nullptr;
    auto t = perTensorI8(elementOf(q.getResult()));
    if (!t || (type && t != type))
      return nullptr;
    type = t;
  }
  return type;
}

class Folder {
public:
  explicit Folder(func::FuncOp func) : builder(func.getContext()) {}
  void fold(Operation *op);
  /// Whether fold() erased `op` (a quantize user of an op folded before it):
  /// the caller's list of ops to fold may still hold it.
  bool wasErased(Operation *op) const { return erased.contains(op); }

private:
  llvm::SmallPtrSet<Operation *, 16> erased;

private:
  /// The quantized value behind an activation operand: `dequantize(s)`, or
  /// `transpose(dequantize(s))` with per-tensor `s` (a layout transpose the
  /// lowering put after a graph input's dequantize), which becomes a
  /// quantized transpose of `s` before `user`. Null otherwise.
  Value activationSource(Value v, Operation *user);
  /// Empty on success, else why the op stays f32.
  std::string tryFold(Operation *op, const quantization::Decision &d,
                      ArrayRef<qt::UniformQuantizedType> resultTypes);
  std::string foldWeighted(Operation *op, qt::UniformQuantizedType outType);
  Value quantizedFilter(Operation *op, Value filter, int64_t axis,
                        std::string &why);
  Value quantizedBias(Operation *op, Value bias, double inScale,
                      ArrayRef<double> filterScales, std::string &why);
  Value createConstant(Location loc, RankedTensorType valueType,
                       RankedTensorType resultType, ArrayRef<char> data,
                       StringRef name) {
    return quantization::createStorageConstant(builder, loc, valueType,
                                               resultType, data, name);
  }

  OpBuilder builder;
};

Value Folder::activationSource(Value v, Operation *user) {
  if (Value src = dequantizedSource(v))
    return src;
  auto t = v.getDefiningOp<edge::TransposeOp>();
  Value src = t ? dequantizedSource(t.getInput()) : Value();
  if (!src || !isa<qt::UniformQuantizedType>(elementOf(src)))
    return {};
  builder.setInsertionPoint(user);
  auto type = cast<RankedTensorType>(t.getType()).clone(elementOf(src));
  return edge::TransposeOp::create(builder, t.getLoc(), type, src,
                                   t.getPermAttr());
}

/// The quantized constant behind a filter operand: `dequantize(c)`, or
/// `transpose(dequantize(c))` (the ONNX layout permuted by the lowering),
/// which is permuted here at compile time. The filter must be int8 with
/// zero point 0, per tensor or per `axis`.
Value Folder::quantizedFilter(Operation *op, Value filter, int64_t axis,
                              std::string &why) {
  SmallVector<int64_t> perm;
  Value v = filter;
  RankedTensorType reshaped;
  if (auto t = v.getDefiningOp<edge::TransposeOp>()) {
    perm.assign(t.getPerm().begin(), t.getPerm().end());
    v = t.getInput();
  } else if (auto r = v.getDefiningOp<edge::ReshapeOp>()) {
    // A transpose of unit dimensions that edge-fold-transposes made a reshape.
    reshaped = cast<RankedTensorType>(r.getType());
    v = r.getInput();
  }
  Value src = dequantizedSource(v);
  auto c = src ? src.getDefiningOp<edge::ConstantOp>() : nullptr;
  if (!c) {
    why = "the filter is not a dequantized constant";
    return {};
  }
  Type elem = elementOf(src);
  auto storage = cast<qt::QuantizedType>(elem);
  if (storage.getStorageTypeIntegralWidth() != 8) {
    why = "the filter is not int8";
    return {};
  }
  int64_t srcAxis = -1;
  if (auto pa = dyn_cast<qt::UniformQuantizedPerAxisType>(elem)) {
    if (llvm::any_of(pa.getZeroPoints(), [](int64_t z) { return z != 0; })) {
      why = "weight zero points are not 0 (edge's integer kernels need "
            "symmetric weights)";
      return {};
    }
    srcAxis = pa.getQuantizedDimension();
  } else if (cast<qt::UniformQuantizedType>(elem).getZeroPoint() != 0) {
    why = "the weight zero point is not 0 (edge's integer kernels need "
          "symmetric weights)";
    return {};
  }
  if (reshaped) {
    // Same bytes, new shape: per-axis parameters survive if the quantized
    // dimension keeps its size and the elements before it.
    ArrayRef<int64_t> in = cast<RankedTensorType>(src.getType()).getShape();
    ArrayRef<int64_t> out = reshaped.getShape();
    auto prefix = [](ArrayRef<int64_t> s, int64_t d) {
      int64_t p = 1;
      for (int64_t i = 0; i < d; ++i)
        p *= s[i];
      return p;
    };
    Type newElem = elem;
    if (auto pa = dyn_cast<qt::UniformQuantizedPerAxisType>(elem)) {
      if (axis >= int64_t(out.size()) || out[axis] != in[srcAxis] ||
          prefix(out, axis) != prefix(in, srcAxis)) {
        why = "per-axis weights are not quantized along the output channels";
        return {};
      }
      newElem = qt::UniformQuantizedPerAxisType::get(
          pa.getFlags(), pa.getStorageType(), pa.getExpressedType(),
          pa.getScales(), pa.getZeroPoints(), axis, pa.getStorageTypeMin(),
          pa.getStorageTypeMax());
    }
    auto ct = ConstantTensor::get(cast<Attribute>(c.getValue()));
    if (!ct)
      return {};
    std::vector<char> data;
    for (int64_t i = 0, n = reshaped.getNumElements(); i < n; ++i)
      data.push_back(ct->getElementData(ct->isSplat() ? 0 : i)[0]);
    builder.setInsertionPoint(op);
    return createConstant(filter.getLoc(),
                          reshaped.clone(builder.getIntegerType(8)),
                          reshaped.clone(newElem), data, "qdq_filter");
  }
  if (perm.empty()) {
    if (srcAxis >= 0 && srcAxis != axis) {
      why = "per-axis weights are not quantized along the output channels";
      return {};
    }
    return src;
  }
  // Permute the stored integers once.
  auto ct = ConstantTensor::get(cast<Attribute>(c.getValue()));
  if (!ct)
    return {};
  auto srcType = cast<RankedTensorType>(src.getType());
  ArrayRef<int64_t> in = srcType.getShape();
  int64_t rank = in.size();
  SmallVector<int64_t> out(rank), inStrides(rank, 1);
  for (int64_t d = rank - 2; d >= 0; --d)
    inStrides[d] = inStrides[d + 1] * in[d + 1];
  for (int64_t d = 0; d < rank; ++d)
    out[d] = in[perm[d]];
  int64_t n = srcType.getNumElements();
  std::vector<char> data(n);
  SmallVector<int64_t> idx(rank, 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t offset = 0;
    for (int64_t d = 0; d < rank; ++d)
      offset += idx[d] * inStrides[perm[d]];
    data[i] = ct->getElementData(ct->isSplat() ? 0 : offset)[0];
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++idx[d] < out[d])
        break;
      idx[d] = 0;
    }
  }
  Type newElem = elem;
  if (auto pa = dyn_cast<qt::UniformQuantizedPerAxisType>(elem)) {
    int64_t newAxis = llvm::find(perm, srcAxis) - perm.begin();
    if (newAxis != axis) {
      why = "per-axis weights are not quantized along the output channels";
      return {};
    }
    newElem = qt::UniformQuantizedPerAxisType::get(
        pa.getFlags(), pa.getStorageType(), pa.getExpressedType(),
        pa.getScales(), pa.getZeroPoints(), newAxis, pa.getStorageTypeMin(),
        pa.getStorageTypeMax());
  }
  builder.setInsertionPoint(op);
  auto valueType = RankedTensorType::get(out, builder.getIntegerType(8));
  return createConstant(filter.getLoc(), valueType,
                        RankedTensorType::get(out, newElem), data,
                        "qdq_filter");
}

/// The int32 bias with scale in_scale * filter_scale[o]: the given
/// quantized constant when its scales already are those, else its real
/// values (or an f32 constant's) quantized to them.
Value Folder::quantizedBias(Operation *op, Value bias, double inScale,
                            ArrayRef<double> filterScales, std::string &why) {
  auto type = cast<RankedTensorType>(bias.getType());
  int64_t n = type.getNumElements();
  SmallVector<double> want;
  for (double s : filterScales)
    want.push_back(static_cast<float>(inScale * s));
  // Real values of the bias.
  std::vector<double> real(n);
  if (Value src = dequantizedSource(bias)) {
    auto c = src.getDefiningOp<edge::ConstantOp>();
    auto ct = c ? ConstantTensor::get(cast<Attribute>(c.getValue()))
                : std::nullopt;
    if (!ct) {
      why = "the bias is not a constant";
      return {};
    }
    Type elem = elementOf(src);
    auto scaleAt = [&](int64_t i) -> std::pair<double, int64_t> {
      if (auto pa = dyn_cast<qt::UniformQuantizedPerAxisType>(elem))
        return {pa.getScales()[i % pa.getScales().size()],
                pa.getZeroPoints()[i % pa.getZeroPoints().size()]};
      auto q = cast<qt::UniformQuantizedType>(elem);
      return {q.getScale(), q.getZeroPoint()};
    };
    bool same = true;
    for (int64_t i = 0; i < n; ++i) {
      auto [s, z] = scaleAt(i);
      real[i] = (ct->getInt64(ct->isSplat() ? 0 : i) - z) * s;
      double w = want[want.size() == 1 ? 0 : i];
      same &= z == 0 && std::fabs(s - w) <= 1e-6 * w;
    }
    if (same && cast<qt::QuantizedType>(elem).getStorageTypeIntegralWidth() == 32)
      return src;
  } else if (auto ct = ConstantTensor::get(bias); ct && ct->isFloat()) {
    for (int64_t i = 0; i < n; ++i)
      real[i] = ct->getFloat(ct->isSplat() ? 0 : i).convertToDouble();
  } else {
    why = "the bias is not a constant";
    return {};
  }
  constexpr int64_t lo = std::numeric_limits<int32_t>::min();
  constexpr int64_t hi = std::numeric_limits<int32_t>::max();
  std::vector<char> data(n * 4);
  for (int64_t i = 0; i < n; ++i) {
    quantization::AffineParams p{want[want.size() == 1 ? 0 : i], 0};
    int32_t v = static_cast<int32_t>(quantization::quantizeValue(real[i], p, lo, hi));
    std::memcpy(&data[i * 4], &v, 4);
  }
  auto i32 = builder.getIntegerType(32);
  auto f32 = builder.getF32Type();
  Type elem;
  if (want.size() > 1)
    elem = qt::UniformQuantizedPerAxisType::get(
        qt::QuantizationFlags::Signed, i32, f32, want,
        SmallVector<int64_t>(want.size(), 0), 0, lo, hi);
  else
    elem = qt::UniformQuantizedType::get(qt::QuantizationFlags::Signed, i32,
                                         f32, want[0], 0, lo, hi);
  builder.setInsertionPoint(op);
  return createConstant(bias.getLoc(), type.clone(i32), type.clone(elem), data,
                        "qdq_bias");
}

std::string Folder::foldWeighted(Operation *op,
                                 qt::UniformQuantizedType outType) {
  Value input = activationSource(op->getOperand(0), op);
  auto inType = input ? perTensorI8(elementOf(input)) : nullptr;
  if (!inType)
    return "the input is not a dequantized per-tensor int8 value";
  int64_t axis = isa<edge::DepthwiseConv2DOp>(op) ? 3 : 0;
  std::string why;
  Value filter = quantizedFilter(op, op->getOperand(1), axis, why);
  if (!filter)
    return why;
  SmallVector<double> filterScales;
  Type fElem = elementOf(filter);
  if (auto pa = dyn_cast<qt::UniformQuantizedPerAxisType>(fElem))
    filterScales.assign(pa.getScales().begin(), pa.getScales().end());
  else
    filterScales.push_back(cast<qt::UniformQuantizedType>(fElem).getScale());
  Value bias;
  if (op->getNumOperands() > 2) {
    bias = quantizedBias(op, op->getOperand(2), inType.getScale(),
                         filterScales, why);
    if (!bias)
      return why;
  }
  op->setOperand(0, input);
  op->setOperand(1, filter);
  if (bias)
    op->setOperand(2, bias);
  auto r = op->getResult(0);
  r.setType(cast<RankedTensorType>(r.getType()).clone(outType));
  return "";
}

std::string Folder::tryFold(Operation *op, const quantization::Decision &d,
                            ArrayRef<qt::UniformQuantizedType> resultTypes) {
  MLIRContext *ctx = op->getContext();
  if (d.rule == Rule::Weighted)
    return foldWeighted(op, resultTypes[0]);

  // Every f32 operand must be dequantized from a quantized value.
  SmallVector<Value> sources;
  for (Value v : op->getOperands()) {
    if (!isF32Tensor(v)) {
      sources.push_back(v);
      continue;
    }
    Value src = activationSource(v, op);
    if (!src)
      return "an operand is not a dequantized value";
    sources.push_back(src);
  }
  auto setResults = [&](ArrayRef<qt::UniformQuantizedType> types) {
    unsigned k = 0;
    for (Value r : op->getResults())
      if (isF32Tensor(r))
        r.setType(cast<RankedTensorType>(r.getType()).clone(types[k++]));
  };
  switch (d.rule) {
  case Rule::SameAsInput: {
    auto in = perTensorI8(elementOf(sources[0]));
    if (!in)
      return "the input is not per-tensor int8";
    for (auto t : resultTypes)
      if (t != in)
        return "input and output quantization parameters differ (the op "
               "copies stored integers)";
    break;
  }
  case Rule::Rescale:
  case Rule::Table:
  case Rule::FixedOutput:
    break;
  case Rule::Concat:
    builder.setInsertionPoint(op);
    for (Value &s : sources) {
      auto t = perTensorI8(elementOf(s));
      if (!t)
        return "an input is not per-tensor int8";
      if (t != resultTypes[0])
        s = edge::RequantizeOp::create(
            builder, op->getLoc(),
            cast<RankedTensorType>(s.getType()).clone(resultTypes[0]), s);
    }
    break;
  default:
    return "no integer form";
  }
  for (auto [i, s] : llvm::enumerate(sources))
    op->setOperand(i, s);
  if (d.rule == Rule::FixedOutput) {
    // The kernel's output parameters are fixed; requantize to the model's.
    bool tanh = false;
    if (auto a = dyn_cast<edge::ActivationOp>(op))
      tanh = a.getAct().getKind() == edge::ActivationKind::tanh;
    auto fixed = qt::UniformQuantizedType::get(
        qt::QuantizationFlags::Signed, IntegerType::get(ctx, 8),
        Float32Type::get(ctx), tanh ? 1.0 / 128.0 : 1.0 / 256.0,
        tanh ? 0 : -128, -128, 127);
    Value r = op->getResult(0);
    r.setType(cast<RankedTensorType>(r.getType()).clone(fixed));
    if (fixed != resultTypes[0]) {
      builder.setInsertionPointAfter(op);
      auto rq = edge::RequantizeOp::create(
          builder, op->getLoc(),
          cast<RankedTensorType>(r.getType()).clone(resultTypes[0]), r);
      r.replaceAllUsesExcept(rq, rq);
    }
    return "";
  }
  setResults(resultTypes);
  return "";
}

void Folder::fold(Operation *op) {
  quantization::Decision d = quantization::decideRule(op, /*int16=*/false);
  if (d.rule == Rule::Float && d.reason.empty())
    return; // not a computation
  // Every f32 result must be quantized (to one type per result).
  SmallVector<qt::UniformQuantizedType> resultTypes;
  for (Value r : op->getResults()) {
    if (!isF32Tensor(r))
      continue;
    auto t = quantizedUse(r);
    if (!t)
      return; // a float op of the model, not inside a QDQ pair
    resultTypes.push_back(t);
  }
  if (resultTypes.empty())
    return;
  if (d.rule == Rule::Float) {
    op->setAttr(kFallbackAttr, builder.getStringAttr(d.reason));
    return;
  }
  // Inside dequantize / quantize: try the integer form and check it against
  // edge's rules (the verifier); on failure restore the f32 op.
  SmallVector<edge::QuantizeOp> quantizeUsers;
  for (Value r : op->getResults())
    for (Operation *u : r.getUsers())
      if (auto q = dyn_cast<edge::QuantizeOp>(u))
        quantizeUsers.push_back(q);
  SmallVector<Value> oldOperands(op->getOperands());
  SmallVector<Type> oldTypes(op->getResultTypes());
  Block *block = op->getBlock();
  SmallVector<Operation *> before;
  for (Operation &o : *block)
    before.push_back(&o);
  std::string why = tryFold(op, d, resultTypes);
  if (why.empty()) {
    ScopedDiagnosticHandler silence(op->getContext(),
                                    [](Diagnostic &) { return success(); });
    if (failed(mlir::verify(op)))
      why = "the model's quantization parameters break edge's integer rules "
            "for this op";
  }
  if (!why.empty()) {
    op->setOperands(oldOperands);
    for (auto [r, t] : llvm::zip(op->getResults(), oldTypes))
      r.setType(t);
    // Drop ops created for the attempt (constants, requantize).
    llvm::SmallPtrSet<Operation *, 16> old(before.begin(), before.end());
    for (Operation &o : llvm::make_early_inc_range(*block))
      if (!old.contains(&o) && o.use_empty())
        o.erase();
    op->setAttr(kFallbackAttr, builder.getStringAttr(why));
    return;
  }
  // The quantize users now receive the integer result directly.
  for (edge::QuantizeOp q : quantizeUsers) {
    Value in = q.getInput();
    if (in.getType() == q.getResult().getType()) {
      q.getResult().replaceAllUsesWith(in);
      erased.insert(q);
      q.erase();
    }
  }
}

struct EdgeFoldQDQPass : public edgec::impl::EdgeFoldQDQBase<EdgeFoldQDQPass> {
  using EdgeFoldQDQBase::EdgeFoldQDQBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    Folder folder(func);
    SmallVector<Operation *> ops;
    func.walk([&](Operation *op) {
      if (op->getParentOp() == func.getOperation())
        ops.push_back(op);
    });
    // Folding an op erases the quantize ops after it that it now feeds
    // directly; they must not be visited (use after free).
    for (Operation *op : ops)
      if (!folder.wasErased(op))
        folder.fold(op);
    // int32 constants (biases) still dequantized feed float ops: fold them
    // into f32 constants with DequantizeLinear's arithmetic,
    // (float)(q - zp) * scale.
    OpBuilder b(func.getContext());
    func.walk([&](edge::DequantizeOp dq) {
      auto c = dq.getInput().getDefiningOp<edge::ConstantOp>();
      auto q = cast<qt::QuantizedType>(elementOf(dq.getInput()));
      if (!c || q.getStorageTypeIntegralWidth() != 32)
        return;
      auto ct = ConstantTensor::get(cast<Attribute>(c.getValue()));
      if (!ct)
        return;
      auto type = cast<RankedTensorType>(dq.getType());
      int64_t n = type.getNumElements(), inner = 1, axis = -1;
      ArrayRef<double> scales;
      ArrayRef<int64_t> zps;
      double scale = 0;
      int64_t zp = 0;
      if (auto pa = dyn_cast<qt::UniformQuantizedPerAxisType>(q)) {
        axis = pa.getQuantizedDimension();
        scales = pa.getScales();
        zps = pa.getZeroPoints();
        for (int64_t d = axis + 1; d < type.getRank(); ++d)
          inner *= type.getDimSize(d);
      } else {
        auto u = cast<qt::UniformQuantizedType>(q);
        scale = u.getScale();
        zp = u.getZeroPoint();
      }
      std::vector<float> values(n);
      for (int64_t i = 0; i < n; ++i) {
        int64_t ch = axis < 0 ? 0 : (i / inner) % scales.size();
        float s = static_cast<float>(axis < 0 ? scale : scales[ch]);
        int64_t z = axis < 0 ? zp : zps[ch];
        values[i] =
            static_cast<float>(ct->getInt64(ct->isSplat() ? 0 : i) - z) * s;
      }
      b.setInsertionPoint(dq);
      ArrayRef<char> raw(reinterpret_cast<const char *>(values.data()),
                         values.size() * sizeof(float));
      ElementsAttr attr = buildElementsAttr(type, raw, "qdq_dequantized",
                                            ConstantForm::InlineIfSmall);
      dq.replaceAllUsesWith(
          edge::ConstantOp::create(b, dq.getLoc(), type, attr).getResult());
    });
    // Dequantize / constants nothing uses any more.
    bool changed = true;
    while (changed) {
      changed = false;
      for (Operation &op : llvm::make_early_inc_range(
               llvm::reverse(func.getBody().front())))
        if (isa<edge::DequantizeOp, edge::QuantizeOp, edge::ConstantOp,
                edge::TransposeOp>(op) &&
            op.use_empty()) {
          op.erase();
          changed = true;
        }
    }
  }
};

} // namespace
