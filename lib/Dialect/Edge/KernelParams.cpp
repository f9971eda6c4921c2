//===- KernelParams.cpp - integer kernel parameters of quantized ops ------===//
//
// See include/edgec/Dialect/Edge/KernelParams.h. Every real-valued ratio is formed
// in double from the f32 scales (TFLite's convention) and turned into
// integers by the runtime's own C functions, never by C++ arithmetic of our
// own, so there is nothing here for the device to disagree with.
//
//===----------------------------------------------------------------------===//
#include "edgec/Dialect/Edge/KernelParams.h"

#include "edgec/Dialect/Edge/EdgeOps.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
namespace qt = mlir::quant;

namespace edgec::qkernel {

edgert_act toEdgertAct(edge::ActivationAttr attr) {
  edgert_act act{EDGERT_ACT_NONE, 0.0f, 0.0f, 0.0f};
  if (!attr)
    return act;
  act.kind = static_cast<edgert_act_kind>(attr.getKind());
  if (attr.getMin())
    act.min = static_cast<float>(attr.getMin().getValueAsDouble());
  if (attr.getMax())
    act.max = static_cast<float>(attr.getMax().getValueAsDouble());
  if (attr.getAlpha())
    act.alpha = static_cast<float>(attr.getAlpha().getValueAsDouble());
  return act;
}

edgert_qparams OpParams::qparams() const {
  edgert_qparams q;
  q.input_zp = inputZp;
  q.filter_zp = filterZp;
  q.output_zp = outputZp;
  q.act_min = actMin;
  q.act_max = actMax;
  q.n_channels = static_cast<int32_t>(multiplier.size());
  q.multiplier = multiplier.data();
  q.shift = shift.data();
  return q;
}

namespace {

Type elementTypeOf(Value v) {
  if (auto t = dyn_cast<ShapedType>(v.getType()))
    return t.getElementType();
  return v.getType();
}

bool isQuant(Value v) { return isa<qt::QuantizedType>(elementTypeOf(v)); }

/// Per-tensor parameters of an activation tensor, scales rounded to f32.
struct TensorQ {
  float scale = 1.0f;
  int32_t zp = 0;
  int32_t qmin = 0, qmax = 0;
  unsigned bits = 0;
};

std::optional<TensorQ> perTensor(Value v) {
  auto q = dyn_cast<qt::UniformQuantizedType>(elementTypeOf(v));
  if (!q || !q.isSigned())
    return std::nullopt;
  TensorQ t;
  t.scale = static_cast<float>(q.getScale());
  t.zp = static_cast<int32_t>(q.getZeroPoint());
  t.qmin = static_cast<int32_t>(q.getStorageTypeMin());
  t.qmax = static_cast<int32_t>(q.getStorageTypeMax());
  t.bits = q.getStorageTypeIntegralWidth();
  return t;
}

/// The parameters of an activation operand/result: per-tensor, 8 or 16 bits.
LogicalResult activation(Value v, const char *what, TensorQ &t,
                         std::string &error) {
  auto q = perTensor(v);
  if (!q) {
    error = std::string(what) +
            " must be per-tensor signed quantized (got a per-axis, unsigned "
            "or float type)";
    return failure();
  }
  if (q->bits != 8 && q->bits != 16) {
    error = std::string(what) + " has " + std::to_string(q->bits) +
            "-bit storage; the kernels take 8 or 16";
    return failure();
  }
  t = *q;
  return success();
}

int32_t quantizeMultiplierShift(double real, int32_t &shift) {
  int32_t m = 0, s = 0;
  edgert_quantize_multiplier(real, &m, &s);
  shift = s;
  return m;
}

/// The fused clamp of `op` in the output's stored domain.
LogicalResult actRange(Operation *op, const TensorQ &out, int32_t &lo,
                       int32_t &hi, std::string &error) {
  edgert_act act{EDGERT_ACT_NONE, 0.0f, 0.0f, 0.0f};
  if (auto fused = dyn_cast<edge::FusedActivationOpInterface>(op))
    act = toEdgertAct(fused.getActivation());
  if (edgert_quant_act_range(&act, out.scale, out.zp, out.qmin, out.qmax, &lo,
                             &hi) != EDGERT_OK) {
    error = "a quantized kernel fuses clamping activations only";
    return failure();
  }
  return success();
}


/// conv2d / depthwise_conv2d / fully_connected.
LogicalResult weighted(Operation *op, int64_t filterAxis, OpParams &p,
                       std::string &error) {
  Value input = op->getOperand(0), filter = op->getOperand(1);
  Value bias = op->getNumOperands() > 2 ? op->getOperand(2) : Value();
  Value result = op->getResult(0);
  TensorQ in, out;
  if (failed(activation(input, "the input", in, error)) ||
      failed(activation(result, "the result", out, error)))
    return failure();
  if (in.bits != out.bits) {
    error = "input and result storage widths differ";
    return failure();
  }
  p.q16 = in.bits == 16;
  // The filter: int8 storage, per-tensor or per-axis on the output channels.
  Type ft = elementTypeOf(filter);
  SmallVector<double> filterScales;
  int64_t filterZp = 0;
  if (auto q = dyn_cast<qt::UniformQuantizedType>(ft)) {
    if (q.getStorageTypeIntegralWidth() > 8 || !q.isSigned()) {
      error = "the filter must have signed storage of at most 8 bits";
      return failure();
    }
    filterScales.push_back(q.getScale());
    filterZp = q.getZeroPoint();
  } else if (auto q = dyn_cast<qt::UniformQuantizedPerAxisType>(ft)) {
    if (q.getStorageTypeIntegralWidth() > 8 || !q.isSigned()) {
      error = "the filter must have signed storage of at most 8 bits";
      return failure();
    }
    if (q.getQuantizedDimension() != filterAxis) {
      error = "the filter is quantized along axis " +
              std::to_string(q.getQuantizedDimension()) + ", the kernel " +
              "expects the output-channel axis " + std::to_string(filterAxis);
      return failure();
    }
    filterScales.assign(q.getScales().begin(), q.getScales().end());
    ArrayRef<int64_t> zps = q.getZeroPoints();
    filterZp = zps.empty() ? 0 : zps[0];
    if (llvm::any_of(zps, [&](int64_t z) { return z != filterZp; })) {
      error = "per-channel filter zero points differ (the kernel takes one)";
      return failure();
    }
  } else {
    error = "the filter must be quantized (hybrid float/int ops are not an "
            "edge form)";
    return failure();
  }
  if (bias) {
    Type bt = elementTypeOf(bias);
    if (auto q = dyn_cast<qt::QuantizedType>(bt))
      bt = q.getStorageType();
    unsigned want = p.q16 ? 64 : 32;
    if (!bt.isInteger(want)) {
      error = std::string("the bias must be i") + std::to_string(want) +
              (p.q16 ? " with 16-bit activations"
                     : " (or quantized with i32 storage)");
      return failure();
    }
  }
  p.inputZp = in.zp;
  p.filterZp = static_cast<int32_t>(filterZp);
  p.outputZp = out.zp;
  if (failed(actRange(op, out, p.actMin, p.actMax, error)))
    return failure();
  for (double ws : filterScales) {
    double real = static_cast<double>(in.scale) *
                  static_cast<double>(static_cast<float>(ws)) /
                  static_cast<double>(out.scale);
    int32_t shift;
    p.multiplier.push_back(quantizeMultiplierShift(real, shift));
    p.shift.push_back(shift);
  }
  return success();
}

LogicalResult matmul(edge::MatMulOp op, OpParams &p, std::string &error) {
  TensorQ lhs, out;
  if (failed(activation(op.getLhs(), "the lhs", lhs, error)) ||
      failed(activation(op.getOutput(), "the result", out, error)))
    return failure();
  if (lhs.bits != 8 || out.bits != 8) {
    error = "quantized matmul has an int8 kernel only";
    return failure();
  }
  Type rt = elementTypeOf(op.getRhs());
  SmallVector<double> rhsScales;
  int64_t rhsZp = 0;
  if (auto q = dyn_cast<qt::UniformQuantizedType>(rt)) {
    rhsScales.push_back(q.getScale());
    rhsZp = q.getZeroPoint();
    if (q.getStorageTypeIntegralWidth() != 8 || !q.isSigned()) {
      error = "the rhs must have int8 storage";
      return failure();
    }
  } else if (auto q = dyn_cast<qt::UniformQuantizedPerAxisType>(rt)) {
    auto rank = cast<ShapedType>(op.getRhs().getType()).getRank();
    if (q.getQuantizedDimension() != rank - 1 ||
        q.getStorageTypeIntegralWidth() != 8 || !q.isSigned()) {
      error = "a per-axis rhs must be int8 quantized along its last axis";
      return failure();
    }
    rhsScales.assign(q.getScales().begin(), q.getScales().end());
    ArrayRef<int64_t> zps = q.getZeroPoints();
    rhsZp = zps.empty() ? 0 : zps[0];
    if (llvm::any_of(zps, [&](int64_t z) { return z != rhsZp; })) {
      error = "per-axis rhs zero points differ (the kernel takes one)";
      return failure();
    }
  } else {
    error = "the rhs must be quantized";
    return failure();
  }
  p.inputZp = lhs.zp;
  p.filterZp = static_cast<int32_t>(rhsZp);
  p.outputZp = out.zp;
  if (failed(actRange(op, out, p.actMin, p.actMax, error)))
    return failure();
  for (double s : rhsScales) {
    double real = static_cast<double>(lhs.scale) *
                  static_cast<double>(static_cast<float>(s)) /
                  static_cast<double>(out.scale);
    int32_t shift;
    p.multiplier.push_back(quantizeMultiplierShift(real, shift));
    p.shift.push_back(shift);
  }
  p.kind = Kind::MatMul;
  return success();
}

LogicalResult binary(Operation *op, OpParams &p, std::string &error) {
  TensorQ a, b, out;
  if (failed(activation(op->getOperand(0), "the lhs", a, error)) ||
      failed(activation(op->getOperand(1), "the rhs", b, error)) ||
      failed(activation(op->getResult(0), "the result", out, error)))
    return failure();
  if (a.bits != out.bits || b.bits != out.bits) {
    error = "operand and result storage widths differ";
    return failure();
  }
  p.q16 = out.bits == 16;
  if (failed(actRange(op, out, p.actMin, p.actMax, error)))
    return failure();
  if (isa<edge::MulOp>(op)) {
    p.kind = Kind::Mul;
    p.mul.in1_zp = a.zp;
    p.mul.in2_zp = b.zp;
    p.mul.out_zp = out.zp;
    double real = static_cast<double>(a.scale) * static_cast<double>(b.scale) /
                  static_cast<double>(out.scale);
    p.mul.multiplier = quantizeMultiplierShift(real, p.mul.shift);
    p.mul.act_min = p.actMin;
    p.mul.act_max = p.actMax;
    return success();
  }
  bool sub = isa<edge::SubOp>(op);
  p.kind = sub ? Kind::Sub : Kind::Add;
  edgert_qadd_params_init(a.scale, a.zp, b.scale, b.zp, out.scale, out.zp,
                          p.q16 ? 15 : 20, p.actMin, p.actMax, &p.add);
  return success();
}

/// Input and result with identical parameters (pooling, pad).
LogicalResult sameParams(Operation *op, TensorQ &t, std::string &error) {
  TensorQ in, out;
  if (failed(activation(op->getOperand(0), "the input", in, error)) ||
      failed(activation(op->getResult(0), "the result", out, error)))
    return failure();
  if (elementTypeOf(op->getOperand(0)) != elementTypeOf(op->getResult(0))) {
    error = "input and result must have identical quantization parameters";
    return failure();
  }
  t = out;
  return success();
}

/// activation / unary through a 256-entry table.
LogicalResult table(Operation *op, OpParams &p, std::string &error) {
  TensorQ in, out;
  if (failed(activation(op->getOperand(0), "the input", in, error)) ||
      failed(activation(op->getResult(0), "the result", out, error)))
    return failure();
  if (in.bits != 8 || out.bits != 8) {
    error = "quantized lookup tables exist for int8 only";
    return failure();
  }
  edgert_status s;
  if (auto a = dyn_cast<edge::ActivationOp>(op)) {
    edgert_act act = toEdgertAct(a.getAct());
    s = edgert_lut_build_act_q8(&act, in.scale, in.zp, out.scale, out.zp,
                                p.lut.data());
  } else {
    auto kind = static_cast<edgert_unary_kind>(cast<edge::UnaryOp>(op).getKind());
    s = edgert_lut_build_unary_q8(kind, in.scale, in.zp, out.scale, out.zp,
                                  p.lut.data());
  }
  if (s != EDGERT_OK) {
    error = "the runtime cannot build a lookup table for this function";
    return failure();
  }
  p.kind = Kind::Lut;
  return success();
}

LogicalResult softmax(edge::SoftmaxOp op, OpParams &p, std::string &error) {
  TensorQ in, out;
  if (failed(activation(op.getInput(), "the input", in, error)) ||
      failed(activation(op.getOutput(), "the result", out, error)))
    return failure();
  if (in.bits != 8 || out.bits != 8) {
    error = "quantized softmax has an int8 kernel only";
    return failure();
  }
  if (out.scale != 1.0f / 256.0f || out.zp != -128) {
    error = "the int8 softmax kernel produces scale 1/256 and zero point "
            "-128 (TFLite); the result type differs";
    return failure();
  }
  if (edgert_softmax_lut_build_q8(op.getBeta().convertToFloat(), in.scale,
                                  p.softmaxTable.data()) != EDGERT_OK) {
    error = "the runtime cannot build the softmax table";
    return failure();
  }
  int64_t rank = cast<ShapedType>(op.getInput().getType()).getRank();
  int64_t axis = op.getAxis();
  p.axis = static_cast<int32_t>(axis < 0 ? axis + rank : axis);
  p.kind = Kind::Softmax;
  return success();
}

/// Channel layout of a per-axis tensor: (channels, inner).
void perAxisLayout(Value v, int32_t dim, OpParams &p) {
  ArrayRef<int64_t> shape = cast<ShapedType>(v.getType()).getShape();
  p.channels = static_cast<int32_t>(shape[dim]);
  int64_t inner = 1;
  for (size_t d = dim + 1; d < shape.size(); ++d)
    inner *= shape[d];
  p.inner = static_cast<int32_t>(inner);
}

/// quantize / dequantize: the quantized side `q`.
LogicalResult conversion(Value q, bool quantize, OpParams &p,
                         std::string &error) {
  Type et = elementTypeOf(q);
  if (auto t = perTensor(q)) {
    // int32 (a bias of a QDQ model) only dequantizes.
    if (t->bits != 8 && t->bits != 16 && (quantize || t->bits != 32)) {
      error = quantize ? "quantized storage must be 8 or 16 bits"
                       : "quantized storage must be 8, 16 or 32 bits";
      return failure();
    }
    p.q16 = t->bits == 16;
    p.q32 = t->bits == 32;
    p.scale = t->scale;
    p.zeroPoint = t->zp;
    return success();
  }
  auto pa = dyn_cast<qt::UniformQuantizedPerAxisType>(et);
  unsigned bits = pa ? pa.getStorageTypeIntegralWidth() : 0;
  if (!pa || !pa.isSigned() || (bits != 8 && (quantize || bits != 32))) {
    error = quantize ? "per-axis quantization exists for signed int8 "
                       "storage only"
                     : "per-axis dequantization exists for signed int8 and "
                       "int32 storage only";
    return failure();
  }
  p.q32 = bits == 32;
  p.perAxis = true;
  for (double s : pa.getScales())
    p.scales.push_back(static_cast<float>(s));
  for (int64_t z : pa.getZeroPoints())
    p.zeroPoints.push_back(static_cast<int32_t>(z));
  perAxisLayout(q, pa.getQuantizedDimension(), p);
  return success();
}

bool isDataMovement(Operation *op) {
  // edge.concat of quantized tensors has identical parameters (verifier):
  // a copy.
  return isa<edge::ConstantOp, edge::ReshapeOp, edge::TransposeOp,
             edge::ConcatOp, edge::SliceOp, edge::SplitOp, edge::TileOp, edge::BroadcastToOp,
             edge::GatherOp, edge::DepthToSpaceOp, edge::SpaceToDepthOp>(op);
}

} // namespace

bool hasQuantizedTypes(Operation *op) {
  if (isa<edge::QuantizeOp, edge::DequantizeOp, edge::RequantizeOp>(op))
    return true;
  return llvm::any_of(op->getOperands(), isQuant) ||
         llvm::any_of(op->getResults(), isQuant);
}

LogicalResult getOpParams(Operation *op, OpParams &p, std::string &error) {
  p = OpParams();
  if (!hasQuantizedTypes(op))
    return success();

  if (isDataMovement(op) || isa<edge::ResizeOp>(op)) {
    if (auto r = dyn_cast<edge::ResizeOp>(op);
        r && r.getMode() != edge::ResizeMode::nearest) {
      error = "only nearest resize works on quantized values";
      return failure();
    }
    // Results carry the data operand's type (the indices of gather are
    // plain integers); the stored integers are moved unchanged.
    if (!isa<edge::ConstantOp>(op)) {
      Type data = elementTypeOf(op->getOperand(0));
      for (Value v : op->getOperands().drop_front())
        if (isQuant(v) && elementTypeOf(v) != data) {
          error = "data movement needs identical quantization parameters";
          return failure();
        }
      for (Value r : op->getResults())
        if (elementTypeOf(r) != data) {
          error = "data movement must keep the quantized type unchanged";
          return failure();
        }
    }
    p.kind = Kind::DataMovement;
    return success();
  }
  if (auto pad = dyn_cast<edge::PadOp>(op)) {
    TensorQ t;
    if (failed(sameParams(op, t, error)))
      return failure();
    p.q16 = t.bits == 16;
    p.padValue = edgert_quantize_value(
        static_cast<float>(pad.getValue().convertToDouble()), t.scale, t.zp,
        t.qmin, t.qmax);
    p.kind = Kind::Pad;
    return success();
  }
  if (auto q = dyn_cast<edge::QuantizeOp>(op)) {
    p.kind = Kind::Quantize;
    return conversion(q.getOutput(), true, p, error);
  }
  if (auto d = dyn_cast<edge::DequantizeOp>(op)) {
    p.kind = Kind::Dequantize;
    return conversion(d.getInput(), false, p, error);
  }
  if (auto r = dyn_cast<edge::RequantizeOp>(op)) {
    TensorQ in, out;
    if (failed(activation(r.getInput(), "the input", in, error)) ||
        failed(activation(r.getOutput(), "the result", out, error)))
      return failure();
    edgert_rescale rs;
    edgert_rescale_init(in.scale, in.zp, out.scale, out.zp, &rs);
    p.rescales.push_back(rs);
    p.kind = Kind::Requantize;
    p.q16 = out.bits == 16;
    return success();
  }
  if (isa<edge::Conv2DOp>(op)) {
    if (failed(weighted(op, 0, p, error)))
      return failure();
    p.kind = Kind::Conv2D;
    return success();
  }
  if (isa<edge::DepthwiseConv2DOp>(op)) {
    if (failed(weighted(op, 3, p, error)))
      return failure();
    p.kind = Kind::DepthwiseConv2D;
    return success();
  }
  if (isa<edge::FullyConnectedOp>(op)) {
    if (failed(weighted(op, 0, p, error)))
      return failure();
    p.kind = Kind::FullyConnected;
    return success();
  }
  if (auto mm = dyn_cast<edge::MatMulOp>(op))
    return matmul(mm, p, error);
  if (isa<edge::AddOp, edge::SubOp, edge::MulOp>(op))
    return binary(op, p, error);
  if (isa<edge::MaxPool2DOp, edge::AvgPool2DOp>(op)) {
    TensorQ t;
    if (failed(sameParams(op, t, error)) ||
        failed(actRange(op, t, p.actMin, p.actMax, error)))
      return failure();
    p.q16 = t.bits == 16;
    p.outputZp = t.zp;
    bool max = isa<edge::MaxPool2DOp>(op);
    p.kind = max ? Kind::MaxPool2D : Kind::AvgPool2D;
    return success();
  }
  if (isa<edge::ActivationOp, edge::UnaryOp>(op))
    return table(op, p, error);
  if (auto s = dyn_cast<edge::SoftmaxOp>(op))
    return softmax(s, p, error);
  error = "no quantized kernel for this op";
  return failure();
}

} // namespace edgec::qkernel
