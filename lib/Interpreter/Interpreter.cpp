//===- Interpreter.cpp - host execution of edge IR ------------------------===//
#include "edgec/Interpreter/Interpreter.h"

#include "../Dialect/Onnx/ConstantTensor.h"
#include "edgec/Dialect/Edge/EdgeOps.h"
#include "edgec/Quant/KernelParams.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"

#include "edgert/edgert.h"

#include <cstring>

using namespace mlir;

namespace edgec {

bool getElemType(Type type, ElemType &out) {
  // Quantized tensors hold their storage integers.
  if (auto q = dyn_cast<quant::QuantizedType>(type))
    type = q.getStorageType();
  if (type.isF32())
    out = ElemType::F32;
  else if (type.isInteger(1))
    out = ElemType::Bool;
  else if (type.isSignlessInteger(8) || type.isSignedInteger(8))
    out = ElemType::I8;
  else if (type.isSignlessInteger(16) || type.isSignedInteger(16))
    out = ElemType::I16;
  else if (type.isSignlessInteger(32) || type.isSignedInteger(32))
    out = ElemType::I32;
  else if (type.isSignlessInteger(64) || type.isSignedInteger(64))
    out = ElemType::I64;
  else if (type.isUnsignedInteger(8))
    out = ElemType::U8;
  else
    return false;
  return true;
}

static std::string typeString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  type.print(os);
  return s;
}

std::string Interpreter::describeOp(Operation *op) {
  std::string node;
  op->getLoc()->walk([&](Location l) {
    if (auto nameLoc = dyn_cast<NameLoc>(l)) {
      node = nameLoc.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  std::string opName = op->getName().getStringRef().str();
  if (node.empty())
    return "op '" + opName + "'";
  return "node '" + node + "' (" + opName + ")";
}

namespace {

/// A tensor value during execution.
struct Buffer {
  ElemType type = ElemType::F32;
  SmallVector<int32_t, 6> shape;
  std::vector<char> data;
  int32_t count() const {
    int64_t n = 1;
    for (int32_t d : shape)
      n *= d;
    return static_cast<int32_t>(n);
  }
};

bool isSupportedTensorType(Type type, std::string &why) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked || !ranked.hasStaticShape()) {
    why = "tensor type " + typeString(type) + " is not statically shaped";
    return false;
  }
  ElemType e;
  if (!getElemType(ranked.getElementType(), e)) {
    why = "element type " + typeString(ranked.getElementType()) +
          " is not supported by the interpreter";
    return false;
  }
  if (ranked.getRank() > EDGERT_MAX_RANK) {
    why = "rank " + std::to_string(ranked.getRank()) + " exceeds the runtime's " +
          std::to_string(EDGERT_MAX_RANK);
    return false;
  }
  if (ranked.getNumElements() > INT32_MAX / 8) {
    why = "tensor of " + std::to_string(ranked.getNumElements()) +
          " elements is too large";
    return false;
  }
  return true;
}

edgert_act toAct(edge::ActivationAttr attr) {
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

edgert_act fusedAct(Operation *op) {
  if (auto fused = dyn_cast<edge::FusedActivationOpInterface>(op))
    return toAct(fused.getActivation());
  return toAct(op->getAttrOfType<edge::ActivationAttr>("fused_activation"));
}

edgert_dtype toDType(ElemType t) {
  switch (t) {
  case ElemType::F32: return EDGERT_DTYPE_F32;
  case ElemType::Bool: return EDGERT_DTYPE_BOOL;
  case ElemType::I8: return EDGERT_DTYPE_I8;
  case ElemType::I16: return EDGERT_DTYPE_I16;
  case ElemType::I32: return EDGERT_DTYPE_I32;
  case ElemType::I64: return EDGERT_DTYPE_I64;
  case ElemType::U8: return EDGERT_DTYPE_U8;
  }
  return EDGERT_DTYPE_F32;
}

int32_t normAxis(int64_t axis, size_t rank) {
  return static_cast<int32_t>(axis < 0 ? axis + static_cast<int64_t>(rank)
                                       : axis);
}

SmallVector<int32_t, 6> toI32(ArrayRef<int64_t> v) {
  SmallVector<int32_t, 6> r;
  for (int64_t x : v)
    r.push_back(static_cast<int32_t>(x));
  return r;
}

using QuantParamMap = llvm::DenseMap<Operation *, qkernel::OpParams>;

/// One execution of a function.
class Executor {
public:
  explicit Executor(const QuantParamMap &quant) : quant(quant) {}
  std::string error;
  llvm::DenseMap<Value, Buffer> values;
  const QuantParamMap &quant;

  const Buffer &get(Value v) { return values[v]; }
  template <typename T> const T *in(Value v) {
    return reinterpret_cast<const T *>(values[v].data.data());
  }
  /// Allocates the result buffer of `v` from its type.
  Buffer &alloc(Value v) {
    auto type = cast<RankedTensorType>(v.getType());
    Buffer &b = values[v];
    getElemType(type.getElementType(), b.type);
    b.shape = toI32(type.getShape());
    b.data.assign(static_cast<size_t>(b.count()) * elemTypeSize(b.type), 0);
    return b;
  }
  template <typename T> T *out(Value v) {
    return reinterpret_cast<T *>(alloc(v).data.data());
  }

  LogicalResult fail(Operation *op, const std::string &msg) {
    error = Interpreter::describeOp(op) + ": " + msg;
    return failure();
  }
  LogicalResult check(Operation *op, edgert_status status, const char *kernel) {
    if (status == EDGERT_OK)
      return success();
    return fail(op, std::string(kernel) +
                        (status == EDGERT_ERR_UNSUPPORTED
                             ? " does not support these operands"
                             : " rejected its operands (invalid arguments)"));
  }
  LogicalResult unsupportedType(Operation *op, Value v) {
    return fail(op, "element type " +
                        typeString(cast<ShapedType>(v.getType())
                                       .getElementType()) +
                        " is not supported for this op by the interpreter");
  }

  LogicalResult execute(Operation *op);
  LogicalResult executeQuant(Operation *op, const qkernel::OpParams &q);
  LogicalResult constant(edge::ConstantOp op);
  LogicalResult conv(Operation *op, int which);
  LogicalResult integerConv(Operation *op);
  LogicalResult binary(Operation *op, edgert_binary_kind kind, bool fused);
};

LogicalResult Executor::constant(edge::ConstantOp op) {
  std::optional<onnx::ConstantTensor> ct =
      onnx::ConstantTensor::get(cast<Attribute>(op.getValue()));
  if (!ct)
    return fail(op, "cannot read the constant's value (elided or malformed "
                    "resource blob?)");
  Buffer &b = alloc(op.getResult());
  size_t elem = elemTypeSize(b.type);
  if (ct->getElementBytes() != elem)
    return fail(op, "constant element width does not match its type");
  ArrayRef<char> raw = ct->getRawData();
  if (ct->isSplat()) {
    for (size_t i = 0; i < b.data.size(); i += elem)
      std::memcpy(b.data.data() + i, raw.data(), elem);
  } else {
    if (raw.size() != b.data.size())
      return fail(op, "constant data size does not match its type");
    std::memcpy(b.data.data(), raw.data(), raw.size());
  }
  return success();
}

/// which: 0 conv2d, 1 depthwise, 2 transpose.
LogicalResult Executor::conv(Operation *op, int which) {
  Value input = op->getOperand(0), filter = op->getOperand(1);
  Value bias = op->getNumOperands() > 2 ? op->getOperand(2) : Value();
  Value result = op->getResult(0);
  if (which == 0 && get(input).type == ElemType::I16)
    return integerConv(op);
  for (Value v : {input, filter})
    if (get(v).type != ElemType::F32)
      return unsupportedType(op, v);
  if (!cast<ShapedType>(result.getType()).getElementType().isF32())
    return unsupportedType(op, result);
  if (bias && !cast<ShapedType>(bias.getType()).getElementType().isF32())
    return unsupportedType(op, bias);
  auto stride = op->getAttrOfType<DenseI64ArrayAttr>("stride").asArrayRef();
  auto dilation = op->getAttrOfType<DenseI64ArrayAttr>("dilation").asArrayRef();
  auto pad = op->getAttrOfType<DenseI64ArrayAttr>("pad").asArrayRef();
  edgert_conv2d_params p;
  p.stride_h = stride[0];
  p.stride_w = stride[1];
  p.dilation_h = dilation[0];
  p.dilation_w = dilation[1];
  p.pad_top = pad[0];
  p.pad_left = pad[1];
  p.pad_bottom = pad[2];
  p.pad_right = pad[3];
  p.act = fusedAct(op);
  auto inShape = get(input).shape, fShape = get(filter).shape;
  const float *b = bias ? in<float>(bias) : nullptr;
  float *o = out<float>(result);
  auto oShape = get(result).shape;
  edgert_status s;
  const char *name;
  if (which == 0) {
    s = edgert_conv2d_f32(&p, inShape.data(), in<float>(input), fShape.data(),
                          in<float>(filter), b, oShape.data(), o);
    name = "edgert_conv2d_f32";
  } else if (which == 1) {
    s = edgert_depthwise_conv2d_f32(&p, inShape.data(), in<float>(input),
                                    fShape.data(), in<float>(filter), b,
                                    oShape.data(), o);
    name = "edgert_depthwise_conv2d_f32";
  } else {
    s = edgert_transpose_conv2d_f32(&p, inShape.data(), in<float>(input),
                                    fShape.data(), in<float>(filter), b,
                                    oShape.data(), o);
    name = "edgert_transpose_conv2d_f32";
  }
  return check(op, s, name);
}

/// The plain integer conv2d (i16 x i16 + i32 bias -> i32; ONNX ConvInteger /
/// QLinearConv after zero-point subtraction).
LogicalResult Executor::integerConv(Operation *op) {
  Value input = op->getOperand(0), filter = op->getOperand(1);
  Value bias = op->getNumOperands() > 2 ? op->getOperand(2) : Value();
  Value result = op->getResult(0);
  if (get(filter).type != ElemType::I16)
    return unsupportedType(op, filter);
  if (bias && get(bias).type != ElemType::I32)
    return unsupportedType(op, bias);
  auto stride = op->getAttrOfType<DenseI64ArrayAttr>("stride").asArrayRef();
  auto dilation = op->getAttrOfType<DenseI64ArrayAttr>("dilation").asArrayRef();
  auto pad = op->getAttrOfType<DenseI64ArrayAttr>("pad").asArrayRef();
  edgert_conv2d_params p;
  p.stride_h = stride[0];
  p.stride_w = stride[1];
  p.dilation_h = dilation[0];
  p.dilation_w = dilation[1];
  p.pad_top = pad[0];
  p.pad_left = pad[1];
  p.pad_bottom = pad[2];
  p.pad_right = pad[3];
  p.act = fusedAct(op);
  Buffer &ob = alloc(result);
  if (ob.type != ElemType::I32)
    return unsupportedType(op, result);
  auto inShape = get(input).shape, fShape = get(filter).shape;
  auto oShape = ob.shape;
  return check(op,
               edgert_conv2d_i16_i32(
                   &p, inShape.data(), in<int16_t>(input), fShape.data(),
                   in<int16_t>(filter), bias ? in<int32_t>(bias) : nullptr,
                   oShape.data(), reinterpret_cast<int32_t *>(ob.data.data())),
               "edgert_conv2d_i16_i32");
}

LogicalResult Executor::binary(Operation *op, edgert_binary_kind kind,
                               bool fused) {
  Value a = op->getOperand(0), b = op->getOperand(1), r = op->getResult(0);
  edgert_act act = fused ? fusedAct(op) : toAct(nullptr);
  const edgert_act *actp = act.kind == EDGERT_ACT_NONE ? nullptr : &act;
  auto as = get(a).shape, bs = get(b).shape;
  ElemType t = get(a).type;
  // Mixed operand types (edge.pow with an integer exponent): the rhs is
  // converted to the lhs type first, as ONNX Pow computes in the base's type.
  std::vector<char> converted;
  const char *bdata = get(b).data.data();
  if (get(b).type != t) {
    converted.resize(static_cast<size_t>(get(b).count()) * elemTypeSize(t));
    if (failed(check(op,
                     edgert_cast(toDType(get(b).type), toDType(t),
                                 get(b).count(), bdata, converted.data()),
                     "edgert_cast")))
      return failure();
    bdata = converted.data();
  }
  Buffer &ob = alloc(r);
  auto os = ob.shape;
  void *o = ob.data.data();
  int32_t ar = as.size(), br = bs.size(), orank = os.size();
  edgert_status s;
  // One call shape for every element type's kernel.
  auto call = [&](auto kernel, auto tag) {
    using T = decltype(tag);
    return kernel(kind, actp, as.data(), ar, in<T>(a), bs.data(), br,
                  reinterpret_cast<const T *>(bdata), os.data(), orank,
                  static_cast<T *>(o));
  };
  switch (t) {
  case ElemType::F32:
    s = call(edgert_binary_f32, float());
    break;
  case ElemType::I8:
    s = call(edgert_binary_i8, int8_t());
    break;
  case ElemType::I16:
    s = call(edgert_binary_i16, int16_t());
    break;
  case ElemType::I32:
    s = call(edgert_binary_i32, int32_t());
    break;
  case ElemType::I64:
    s = call(edgert_binary_i64, int64_t());
    break;
  default:
    return unsupportedType(op, a);
  }
  return check(op, s, "edgert_binary");
}

edgert_conv2d_params convParams(Operation *op) {
  auto stride = op->getAttrOfType<DenseI64ArrayAttr>("stride").asArrayRef();
  auto dilation = op->getAttrOfType<DenseI64ArrayAttr>("dilation").asArrayRef();
  auto pad = op->getAttrOfType<DenseI64ArrayAttr>("pad").asArrayRef();
  edgert_conv2d_params p;
  p.stride_h = stride[0];
  p.stride_w = stride[1];
  p.dilation_h = dilation[0];
  p.dilation_w = dilation[1];
  p.pad_top = pad[0];
  p.pad_left = pad[1];
  p.pad_bottom = pad[2];
  p.pad_right = pad[3];
  p.act = fusedAct(op); // ignored by the quantized kernels
  return p;
}

edgert_pool2d_params poolParams(Operation *op) {
  auto kernel = op->getAttrOfType<DenseI64ArrayAttr>("kernel").asArrayRef();
  auto stride = op->getAttrOfType<DenseI64ArrayAttr>("stride").asArrayRef();
  auto pad = op->getAttrOfType<DenseI64ArrayAttr>("pad").asArrayRef();
  edgert_pool2d_params p;
  p.kernel_h = kernel[0];
  p.kernel_w = kernel[1];
  p.stride_h = stride[0];
  p.stride_w = stride[1];
  p.pad_top = pad[0];
  p.pad_left = pad[1];
  p.pad_bottom = pad[2];
  p.pad_right = pad[3];
  p.count_include_pad = op->hasAttr("count_include_pad");
  p.act = fusedAct(op);
  return p;
}

/// Quantized ops: the _q8 / _q16 kernels with the parameters lib/Quant's
/// KernelParams derived from the types (the same values the C target emits).
LogicalResult Executor::executeQuant(Operation *op, const qkernel::OpParams &q) {
  using qkernel::Kind;
  const char *kernel = q.kernel.c_str();
  Value x = op->getOperand(0);
  Value r = op->getResult(0);
  auto xs = get(x).shape;
  int32_t n = get(x).count();
  const void *xd = get(x).data.data();
  switch (q.kind) {
  case Kind::NotQuantized:
  case Kind::DataMovement:
    break;
  case Kind::Pad: {
    auto p = cast<edge::PadOp>(op);
    auto before = toI32(p.getBefore()), after = toI32(p.getAfter());
    int8_t v8 = static_cast<int8_t>(q.padValue);
    int16_t v16 = static_cast<int16_t>(q.padValue);
    const void *value = q.q16 ? static_cast<const void *>(&v16)
                              : static_cast<const void *>(&v8);
    return check(op,
                 edgert_pad(q.elemBytes(),
                            static_cast<edgert_pad_mode>(p.getMode()),
                            xs.data(), xs.size(), before.data(), after.data(),
                            value, xd, alloc(r).data.data()),
                 "edgert_pad");
  }
  case Kind::Quantize: {
    const float *in = static_cast<const float *>(xd);
    void *o = alloc(r).data.data();
    edgert_status s;
    if (q.perAxis)
      s = edgert_quantize_per_axis_f32_q8(n, q.channels, q.inner,
                                          q.scales.data(), q.zeroPoints.data(),
                                          in, static_cast<int8_t *>(o));
    else if (q.q16)
      s = edgert_quantize_f32_q16(n, q.scale, q.zeroPoint, in,
                                  static_cast<int16_t *>(o));
    else
      s = edgert_quantize_f32_q8(n, q.scale, q.zeroPoint, in,
                                 static_cast<int8_t *>(o));
    return check(op, s, kernel);
  }
  case Kind::Dequantize: {
    float *o = out<float>(r);
    edgert_status s;
    if (q.perAxis)
      s = edgert_dequantize_per_axis_q8_f32(
          n, q.channels, q.inner, q.scales.data(), q.zeroPoints.data(),
          static_cast<const int8_t *>(xd), o);
    else if (q.q16)
      s = edgert_dequantize_q16_f32(n, q.scale, q.zeroPoint,
                                    static_cast<const int16_t *>(xd), o);
    else
      s = edgert_dequantize_q8_f32(n, q.scale, q.zeroPoint,
                                   static_cast<const int8_t *>(xd), o);
    return check(op, s, kernel);
  }
  case Kind::Requantize: {
    bool in16 = get(x).type == ElemType::I16;
    void *o = alloc(r).data.data();
    const edgert_rescale *rs = &q.rescales[0];
    edgert_status s;
    if (!in16 && !q.q16)
      s = edgert_requantize_q8_q8(rs, n, static_cast<const int8_t *>(xd),
                                  static_cast<int8_t *>(o));
    else if (!in16)
      s = edgert_requantize_q8_q16(rs, n, static_cast<const int8_t *>(xd),
                                   static_cast<int16_t *>(o));
    else if (!q.q16)
      s = edgert_requantize_q16_q8(rs, n, static_cast<const int16_t *>(xd),
                                   static_cast<int8_t *>(o));
    else
      s = edgert_requantize_q16_q16(rs, n, static_cast<const int16_t *>(xd),
                                    static_cast<int16_t *>(o));
    return check(op, s, kernel);
  }
  case Kind::Conv2D:
  case Kind::DepthwiseConv2D: {
    Value filter = op->getOperand(1);
    Value bias = op->getNumOperands() > 2 ? op->getOperand(2) : Value();
    edgert_conv2d_params p = convParams(op);
    edgert_qparams qp = q.qparams();
    auto fs = get(filter).shape;
    const void *bd = bias ? get(bias).data.data() : nullptr;
    Buffer &ob = alloc(r);
    bool dw = q.kind == Kind::DepthwiseConv2D;
    edgert_status s;
    if (q.q16)
      s = (dw ? edgert_depthwise_conv2d_q16 : edgert_conv2d_q16)(
          &p, &qp, xs.data(), static_cast<const int16_t *>(xd), fs.data(),
          in<int8_t>(filter), static_cast<const int64_t *>(bd),
          ob.shape.data(), reinterpret_cast<int16_t *>(ob.data.data()));
    else
      s = (dw ? edgert_depthwise_conv2d_q8 : edgert_conv2d_q8)(
          &p, &qp, xs.data(), static_cast<const int8_t *>(xd), fs.data(),
          in<int8_t>(filter), static_cast<const int32_t *>(bd),
          ob.shape.data(), reinterpret_cast<int8_t *>(ob.data.data()));
    return check(op, s, kernel);
  }
  case Kind::FullyConnected: {
    Value w = op->getOperand(1);
    Value bias = op->getNumOperands() > 2 ? op->getOperand(2) : Value();
    auto ws = get(w).shape;
    int32_t outFeatures = ws[0], k = ws[1];
    int32_t batches = k ? n / k : 0;
    edgert_qparams qp = q.qparams();
    const void *bd = bias ? get(bias).data.data() : nullptr;
    void *o = alloc(r).data.data();
    edgert_status s =
        q.q16 ? edgert_fully_connected_q16(
                    &qp, batches, k, outFeatures,
                    static_cast<const int16_t *>(xd), in<int8_t>(w),
                    static_cast<const int64_t *>(bd), static_cast<int16_t *>(o))
              : edgert_fully_connected_q8(
                    &qp, batches, k, outFeatures,
                    static_cast<const int8_t *>(xd), in<int8_t>(w),
                    static_cast<const int32_t *>(bd), static_cast<int8_t *>(o));
    return check(op, s, kernel);
  }
  case Kind::MatMul: {
    Value b = op->getOperand(1);
    auto bs = get(b).shape;
    edgert_qparams qp = q.qparams();
    Buffer &ob = alloc(r);
    return check(op,
                 edgert_matmul_q8(&qp, xs.data(), xs.size(),
                                  static_cast<const int8_t *>(xd), bs.data(),
                                  bs.size(), in<int8_t>(b), ob.shape.data(),
                                  ob.shape.size(),
                                  reinterpret_cast<int8_t *>(ob.data.data())),
                 kernel);
  }
  case Kind::Add:
  case Kind::Sub:
  case Kind::Mul: {
    Value b = op->getOperand(1);
    auto bs = get(b).shape;
    Buffer &ob = alloc(r);
    int32_t ar = xs.size(), br = bs.size(), orank = ob.shape.size();
    edgert_status s;
#define QBIN(T, FN, P)                                                         \
  FN(P, xs.data(), ar, static_cast<const T *>(xd), bs.data(), br, in<T>(b),    \
     ob.shape.data(), orank, reinterpret_cast<T *>(ob.data.data()))
    if (q.kind == Kind::Mul)
      s = q.q16 ? QBIN(int16_t, edgert_mul_q16, &q.mul)
                : QBIN(int8_t, edgert_mul_q8, &q.mul);
    else if (q.kind == Kind::Add)
      s = q.q16 ? QBIN(int16_t, edgert_add_q16, &q.add)
                : QBIN(int8_t, edgert_add_q8, &q.add);
    else
      s = q.q16 ? QBIN(int16_t, edgert_sub_q16, &q.add)
                : QBIN(int8_t, edgert_sub_q8, &q.add);
#undef QBIN
    return check(op, s, kernel);
  }
  case Kind::MaxPool2D:
  case Kind::AvgPool2D: {
    edgert_pool2d_params p = poolParams(op);
    Buffer &ob = alloc(r);
    bool max = q.kind == Kind::MaxPool2D;
    edgert_status s;
    if (q.q16)
      s = (max ? edgert_max_pool2d_q16 : edgert_avg_pool2d_q16)(
          &p, q.outputZp, q.actMin, q.actMax, xs.data(),
          static_cast<const int16_t *>(xd), ob.shape.data(),
          reinterpret_cast<int16_t *>(ob.data.data()));
    else
      s = (max ? edgert_max_pool2d_q8 : edgert_avg_pool2d_q8)(
          &p, q.outputZp, q.actMin, q.actMax, xs.data(),
          static_cast<const int8_t *>(xd), ob.shape.data(),
          reinterpret_cast<int8_t *>(ob.data.data()));
    return check(op, s, kernel);
  }
  case Kind::Lut:
    return check(op,
                 edgert_lut_q8(q.lut.data(), n, static_cast<const int8_t *>(xd),
                               out<int8_t>(r)),
                 kernel);
  case Kind::Softmax:
    return check(op,
                 edgert_softmax_q8(q.softmaxTable.data(), xs.data(), xs.size(),
                                   q.axis, static_cast<const int8_t *>(xd),
                                   out<int8_t>(r)),
                 kernel);
  }
  return fail(op, "internal error: unhandled quantized kernel");
}

LogicalResult Executor::execute(Operation *op) {
  using namespace edge;
  auto qit = quant.find(op);
  if (qit != quant.end() && qit->second.kind != qkernel::Kind::NotQuantized &&
      qit->second.kind != qkernel::Kind::DataMovement)
    return executeQuant(op, qit->second);
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case<ConstantOp>([&](auto c) { return constant(c); })
      .Case<Conv2DOp>([&](auto) { return conv(op, 0); })
      .Case<DepthwiseConv2DOp>([&](auto) { return conv(op, 1); })
      .Case<TransposeConv2DOp>([&](auto) { return conv(op, 2); })
      .Case<FullyConnectedOp>([&](FullyConnectedOp fc) -> LogicalResult {
        Value x = fc.getInput(), w = fc.getWeights(), b = fc.getBias();
        if (get(x).type != ElemType::F32 || get(w).type != ElemType::F32 ||
            (b && get(b).type != ElemType::F32))
          return unsupportedType(op, x);
        auto ws = get(w).shape;
        int32_t n = ws[0], k = ws[1];
        int32_t batches = k ? get(x).count() / k : 0;
        edgert_act act = fusedAct(op);
        float *o = out<float>(fc.getResult());
        return check(op,
                     edgert_fully_connected_f32(
                         act.kind ? &act : nullptr, batches, k, n,
                         in<float>(x), in<float>(w),
                         b ? in<float>(b) : nullptr, o),
                     "edgert_fully_connected_f32");
      })
      .Case<MatMulOp>([&](MatMulOp mm) -> LogicalResult {
        Value a = op->getOperand(0), b = op->getOperand(1), r = op->getResult(0);
        auto as = get(a).shape, bs = get(b).shape;
        Buffer &ob = alloc(r);
        auto os = ob.shape;
        ElemType t = get(a).type;
        if (t == ElemType::F32) {
          edgert_act act = fusedAct(op);
          return check(op,
                       edgert_matmul_f32(act.kind ? &act : nullptr, as.data(),
                                         as.size(), in<float>(a), bs.data(),
                                         bs.size(), in<float>(b), os.data(),
                                         os.size(),
                                         reinterpret_cast<float *>(ob.data.data())),
                       "edgert_matmul_f32");
        }
        if (ob.type != ElemType::I32 || get(b).type != t)
          return unsupportedType(op, a);
        int32_t *o = reinterpret_cast<int32_t *>(ob.data.data());
        edgert_status s;
        if (t == ElemType::I8)
          s = edgert_matmul_i8_i32(as.data(), as.size(), in<int8_t>(a),
                                   bs.data(), bs.size(), in<int8_t>(b),
                                   os.data(), os.size(), o);
        else if (t == ElemType::I16)
          s = edgert_matmul_i16_i32(as.data(), as.size(), in<int16_t>(a),
                                    bs.data(), bs.size(), in<int16_t>(b),
                                    os.data(), os.size(), o);
        else if (t == ElemType::I32)
          s = edgert_matmul_i32_i32(as.data(), as.size(), in<int32_t>(a),
                                    bs.data(), bs.size(), in<int32_t>(b),
                                    os.data(), os.size(), o);
        else
          return unsupportedType(op, a);
        (void)mm;
        return check(op, s, "edgert_matmul");
      })
      .Case<AddOp>([&](auto) { return binary(op, EDGERT_BINARY_ADD, true); })
      .Case<SubOp>([&](auto) { return binary(op, EDGERT_BINARY_SUB, true); })
      .Case<MulOp>([&](auto) { return binary(op, EDGERT_BINARY_MUL, true); })
      .Case<DivOp>([&](auto) { return binary(op, EDGERT_BINARY_DIV, true); })
      .Case<MaximumOp>([&](auto) { return binary(op, EDGERT_BINARY_MAX, false); })
      .Case<MinimumOp>([&](auto) { return binary(op, EDGERT_BINARY_MIN, false); })
      .Case<PowOp>([&](auto) { return binary(op, EDGERT_BINARY_POW, false); })
      .Case<ModOp>([&](auto) { return binary(op, EDGERT_BINARY_MOD, false); })
      .Case<UnaryOp>([&](UnaryOp u) -> LogicalResult {
        Value x = u.getInput();
        auto kind = static_cast<edgert_unary_kind>(u.getKind());
        int32_t n = get(x).count();
        Buffer &ob = alloc(u.getResult());
        void *o = ob.data.data();
        edgert_status s;
        switch (get(x).type) {
        case ElemType::F32:
          s = edgert_unary_f32(kind, n, in<float>(x), static_cast<float *>(o));
          break;
        case ElemType::I8:
          s = edgert_unary_i8(kind, n, in<int8_t>(x), static_cast<int8_t *>(o));
          break;
        case ElemType::I16:
          s = edgert_unary_i16(kind, n, in<int16_t>(x),
                               static_cast<int16_t *>(o));
          break;
        case ElemType::I32:
          s = edgert_unary_i32(kind, n, in<int32_t>(x),
                               static_cast<int32_t *>(o));
          break;
        case ElemType::I64:
          s = edgert_unary_i64(kind, n, in<int64_t>(x),
                               static_cast<int64_t *>(o));
          break;
        default:
          return unsupportedType(op, x);
        }
        return check(op, s, "edgert_unary");
      })
      .Case<ActivationOp>([&](ActivationOp a) -> LogicalResult {
        Value x = a.getInput();
        if (get(x).type != ElemType::F32)
          return unsupportedType(op, x);
        edgert_act act = toAct(a.getAct());
        int32_t n = get(x).count();
        return check(op,
                     edgert_activation_f32(&act, n, in<float>(x),
                                           out<float>(a.getResult())),
                     "edgert_activation_f32");
      })
      .Case<PReluOp>([&](PReluOp p) -> LogicalResult {
        Value x = p.getInput(), al = p.getAlpha();
        if (get(x).type != ElemType::F32 || get(al).type != ElemType::F32)
          return unsupportedType(op, x);
        auto xs = get(x).shape, as = get(al).shape;
        return check(op,
                     edgert_prelu_f32(xs.data(), xs.size(), in<float>(x),
                                      as.data(), as.size(), in<float>(al),
                                      out<float>(p.getResult())),
                     "edgert_prelu_f32");
      })
      .Case<MaxPool2DOp, AvgPool2DOp>([&](auto pool) -> LogicalResult {
        Value x = op->getOperand(0);
        if (get(x).type != ElemType::F32)
          return unsupportedType(op, x);
        auto kernel = op->getAttrOfType<DenseI64ArrayAttr>("kernel").asArrayRef();
        auto stride = op->getAttrOfType<DenseI64ArrayAttr>("stride").asArrayRef();
        auto pad = op->getAttrOfType<DenseI64ArrayAttr>("pad").asArrayRef();
        edgert_pool2d_params p;
        p.kernel_h = kernel[0];
        p.kernel_w = kernel[1];
        p.stride_h = stride[0];
        p.stride_w = stride[1];
        p.pad_top = pad[0];
        p.pad_left = pad[1];
        p.pad_bottom = pad[2];
        p.pad_right = pad[3];
        p.count_include_pad = op->hasAttr("count_include_pad");
        p.act = fusedAct(op);
        auto xs = get(x).shape;
        Buffer &ob = alloc(op->getResult(0));
        float *o = reinterpret_cast<float *>(ob.data.data());
        if (isa<MaxPool2DOp>(op))
          return check(op,
                       edgert_max_pool2d_f32(&p, xs.data(), in<float>(x),
                                             ob.shape.data(), o),
                       "edgert_max_pool2d_f32");
        (void)pool;
        return check(op,
                     edgert_avg_pool2d_f32(&p, xs.data(), in<float>(x),
                                           ob.shape.data(), o),
                     "edgert_avg_pool2d_f32");
      })
      .Case<ReduceOp>([&](ReduceOp r) -> LogicalResult {
        Value x = r.getInput();
        auto xs = get(x).shape;
        SmallVector<int32_t, 6> axes;
        for (int64_t a : r.getAxes())
          axes.push_back(normAxis(a, xs.size()));
        auto kind = static_cast<edgert_reduce_kind>(r.getKind());
        Buffer &ob = alloc(r.getResult());
        void *o = ob.data.data();
        edgert_status s;
        switch (get(x).type) {
        case ElemType::F32:
          s = edgert_reduce_f32(kind, xs.data(), xs.size(), in<float>(x),
                                axes.data(), axes.size(),
                                static_cast<float *>(o));
          break;
        case ElemType::I32:
          s = edgert_reduce_i32(kind, xs.data(), xs.size(), in<int32_t>(x),
                                axes.data(), axes.size(),
                                static_cast<int32_t *>(o));
          break;
        case ElemType::I64:
          s = edgert_reduce_i64(kind, xs.data(), xs.size(), in<int64_t>(x),
                                axes.data(), axes.size(),
                                static_cast<int64_t *>(o));
          break;
        default:
          return unsupportedType(op, x);
        }
        return check(op, s, "edgert_reduce");
      })
      .Case<ArgOp>([&](ArgOp a) -> LogicalResult {
        Value x = a.getInput();
        auto xs = get(x).shape;
        auto kind = static_cast<edgert_arg_kind>(a.getKind());
        int32_t axis = normAxis(a.getAxis(), xs.size());
        bool last = a.getSelectLastIndex();
        Buffer &ob = alloc(a.getResult());
        bool i64 = ob.type == ElemType::I64;
        void *o = ob.data.data();
        edgert_status s;
#define ARG_CASE(ET, T, S)                                                     \
  case ElemType::ET:                                                           \
    s = i64 ? edgert_arg_##S##_i64(kind, xs.data(), xs.size(), in<T>(x), axis, \
                                   last, static_cast<int64_t *>(o))            \
            : edgert_arg_##S##_i32(kind, xs.data(), xs.size(), in<T>(x), axis, \
                                   last, static_cast<int32_t *>(o));           \
    break;
        switch (get(x).type) {
          ARG_CASE(F32, float, f32)
          ARG_CASE(I8, int8_t, i8)
          ARG_CASE(I16, int16_t, i16)
          ARG_CASE(I32, int32_t, i32)
        default:
          return unsupportedType(op, x);
        }
#undef ARG_CASE
        return check(op, s, "edgert_arg");
      })
      .Case<SoftmaxOp, LogSoftmaxOp>([&](auto sm) -> LogicalResult {
        Value x = sm.getInput();
        if (get(x).type != ElemType::F32)
          return unsupportedType(op, x);
        auto xs = get(x).shape;
        int32_t axis = normAxis(sm.getAxis(), xs.size());
        float beta = sm.getBeta().convertToFloat();
        float *o = out<float>(sm.getResult());
        if (isa<SoftmaxOp>(op))
          return check(op,
                       edgert_softmax_f32(xs.data(), xs.size(), axis, beta,
                                          in<float>(x), o),
                       "edgert_softmax_f32");
        return check(op,
                     edgert_log_softmax_f32(xs.data(), xs.size(), axis, beta,
                                            in<float>(x), o),
                     "edgert_log_softmax_f32");
      })
      .Case<LayerNormOp>([&](LayerNormOp ln) -> LogicalResult {
        Value x = ln.getInput();
        auto xs = get(x).shape;
        int32_t axis = normAxis(ln.getAxis(), xs.size());
        const float *bias = ln.getBias() ? in<float>(ln.getBias()) : nullptr;
        return check(op,
                     edgert_layer_norm_f32(
                         xs.data(), xs.size(), axis,
                         ln.getEpsilon().convertToFloat(), in<float>(x),
                         in<float>(ln.getScale()), bias,
                         out<float>(ln.getResult())),
                     "edgert_layer_norm_f32");
      })
      .Case<InstanceNormOp>([&](InstanceNormOp n) -> LogicalResult {
        Value x = n.getInput();
        auto xs = get(x).shape;
        return check(op,
                     edgert_instance_norm_f32(
                         xs.data(), xs.size(), n.getEpsilon().convertToFloat(),
                         in<float>(x), in<float>(n.getScale()),
                         in<float>(n.getBias()), out<float>(n.getResult())),
                     "edgert_instance_norm_f32");
      })
      .Case<LRNOp>([&](LRNOp n) -> LogicalResult {
        Value x = n.getInput();
        auto xs = get(x).shape;
        return check(op,
                     edgert_lrn_f32(xs.data(), xs.size(), n.getSize(),
                                    n.getAlpha().convertToFloat(),
                                    n.getBeta().convertToFloat(),
                                    n.getBias().convertToFloat(), in<float>(x),
                                    out<float>(n.getResult())),
                     "edgert_lrn_f32");
      })
      .Case<ReshapeOp>([&](ReshapeOp r) -> LogicalResult {
        std::vector<char> data = get(r.getInput()).data;
        Buffer &ob = alloc(r.getResult());
        if (data.size() != ob.data.size())
          return fail(op, "element counts differ");
        ob.data = std::move(data);
        return success();
      })
      .Case<TransposeOp>([&](TransposeOp t) -> LogicalResult {
        Value x = t.getInput();
        auto xs = get(x).shape;
        auto perm = toI32(t.getPerm());
        int32_t es = elemTypeSize(get(x).type);
        return check(op,
                     edgert_transpose(es, xs.data(), xs.size(), perm.data(),
                                      get(x).data.data(),
                                      alloc(t.getResult()).data.data()),
                     "edgert_transpose");
      })
      .Case<ConcatOp>([&](ConcatOp c) -> LogicalResult {
        Buffer &ob = alloc(c.getResult());
        int32_t axis = normAxis(c.getAxis(), ob.shape.size());
        SmallVector<int32_t> sizes;
        SmallVector<const void *> ptrs;
        for (Value v : c.getInputs()) {
          sizes.push_back(get(v).shape[axis]);
          ptrs.push_back(get(v).data.data());
        }
        return check(op,
                     edgert_concat(elemTypeSize(ob.type), ob.shape.data(),
                                   ob.shape.size(), axis, ptrs.size(),
                                   sizes.data(), ptrs.data(), ob.data.data()),
                     "edgert_concat");
      })
      .Case<SplitOp>([&](SplitOp s) -> LogicalResult {
        Value x = s.getInput();
        auto xs = get(x).shape;
        int32_t axis = normAxis(s.getAxis(), xs.size());
        auto sizes = toI32(s.getSizes());
        SmallVector<void *> ptrs;
        for (Value r : s.getOutputs())
          ptrs.push_back(alloc(r).data.data());
        return check(op,
                     edgert_split(elemTypeSize(get(x).type), xs.data(),
                                  xs.size(), axis, ptrs.size(), sizes.data(),
                                  get(x).data.data(), ptrs.data()),
                     "edgert_split");
      })
      .Case<SliceOp>([&](SliceOp s) -> LogicalResult {
        Value x = s.getInput();
        auto xs = get(x).shape;
        auto offsets = toI32(s.getOffsets()), strides = toI32(s.getStrides());
        Buffer &ob = alloc(s.getResult());
        return check(op,
                     edgert_slice(elemTypeSize(ob.type), xs.data(), xs.size(),
                                  offsets.data(), strides.data(),
                                  ob.shape.data(), get(x).data.data(),
                                  ob.data.data()),
                     "edgert_slice");
      })
      .Case<PadOp>([&](PadOp p) -> LogicalResult {
        Value x = p.getInput();
        auto xs = get(x).shape;
        auto before = toI32(p.getBefore()), after = toI32(p.getAfter());
        double v = p.getValue().convertToDouble();
        char value[8] = {0};
        switch (get(x).type) {
        case ElemType::F32: { float f = v; std::memcpy(value, &f, 4); break; }
        case ElemType::Bool: value[0] = v != 0; break;
        case ElemType::I8: { int8_t i = (int8_t)v; std::memcpy(value, &i, 1); break; }
        case ElemType::U8: { uint8_t i = (uint8_t)v; std::memcpy(value, &i, 1); break; }
        case ElemType::I16: { int16_t i = (int16_t)v; std::memcpy(value, &i, 2); break; }
        case ElemType::I32: { int32_t i = (int32_t)v; std::memcpy(value, &i, 4); break; }
        case ElemType::I64: { int64_t i = (int64_t)v; std::memcpy(value, &i, 8); break; }
        }
        return check(op,
                     edgert_pad(elemTypeSize(get(x).type),
                                static_cast<edgert_pad_mode>(p.getMode()),
                                xs.data(), xs.size(), before.data(),
                                after.data(), value, get(x).data.data(),
                                alloc(p.getResult()).data.data()),
                     "edgert_pad");
      })
      .Case<TileOp>([&](TileOp t) -> LogicalResult {
        Value x = t.getInput();
        auto xs = get(x).shape;
        auto mult = toI32(t.getMultiples());
        return check(op,
                     edgert_tile(elemTypeSize(get(x).type), xs.data(),
                                 xs.size(), mult.data(), get(x).data.data(),
                                 alloc(t.getResult()).data.data()),
                     "edgert_tile");
      })
      .Case<BroadcastToOp>([&](BroadcastToOp b) -> LogicalResult {
        Value x = b.getInput();
        auto xs = get(x).shape;
        Buffer &ob = alloc(b.getResult());
        return check(op,
                     edgert_broadcast_to(elemTypeSize(ob.type), xs.data(),
                                         xs.size(), get(x).data.data(),
                                         ob.shape.data(), ob.shape.size(),
                                         ob.data.data()),
                     "edgert_broadcast_to");
      })
      .Case<GatherOp>([&](GatherOp g) -> LogicalResult {
        Value d = g.getData(), idx = g.getIndices();
        auto ds = get(d).shape;
        int32_t axis = normAxis(g.getAxis(), ds.size());
        int32_t n = get(idx).count();
        void *o = alloc(g.getResult()).data.data();
        int32_t es = elemTypeSize(get(d).type);
        if (get(idx).type == ElemType::I64)
          return check(op,
                       edgert_gather_i64(es, ds.data(), ds.size(), axis,
                                         get(d).data.data(), n,
                                         in<int64_t>(idx), o),
                       "edgert_gather_i64");
        if (get(idx).type == ElemType::I32)
          return check(op,
                       edgert_gather_i32(es, ds.data(), ds.size(), axis,
                                         get(d).data.data(), n,
                                         in<int32_t>(idx), o),
                       "edgert_gather_i32");
        return unsupportedType(op, idx);
      })
      .Case<ResizeOp>([&](ResizeOp r) -> LogicalResult {
        Value x = r.getInput();
        auto xs = get(x).shape;
        Buffer &ob = alloc(r.getResult());
        auto coord = static_cast<edgert_coord_mode>(r.getCoordinateMode());
        auto nearestMode = static_cast<edgert_nearest_mode>(
            r.getNearestMode().value_or(NearestMode::round_prefer_floor));
        if (r.getMode() == ResizeMode::bicubic || r.getScale()) {
          // The general kernel: bicubic, or coordinate scales given.
          edgert_resize_params p;
          p.mode = static_cast<edgert_resize_mode>(r.getMode());
          p.coord = coord;
          p.nearest = nearestMode;
          p.scale_h = p.scale_w = 0.0f;
          if (auto s = r.getScale()) {
            p.scale_h = (*s)[0];
            p.scale_w = (*s)[1];
          }
          p.cubic_a = r.getCubicCoeffA() ? r.getCubicCoeffA()->convertToFloat()
                                         : -0.75f;
          p.exclude_outside = r.getExcludeOutside() ? 1 : 0;
          if (p.mode != EDGERT_RESIZE_NEAREST && get(x).type != ElemType::F32)
            return unsupportedType(op, x);
          return check(op,
                       edgert_resize(elemTypeSize(ob.type), &p, xs.data(),
                                     get(x).data.data(), ob.shape.data(),
                                     ob.data.data()),
                       "edgert_resize");
        }
        if (r.getMode() == ResizeMode::nearest) {
          auto nearest = static_cast<edgert_nearest_mode>(
              r.getNearestMode().value_or(NearestMode::round_prefer_floor));
          return check(op,
                       edgert_resize_nearest(elemTypeSize(ob.type), coord,
                                             nearest, xs.data(),
                                             get(x).data.data(),
                                             ob.shape.data(), ob.data.data()),
                       "edgert_resize_nearest");
        }
        if (get(x).type != ElemType::F32)
          return unsupportedType(op, x);
        return check(op,
                     edgert_resize_bilinear_f32(
                         coord, xs.data(), in<float>(x), ob.shape.data(),
                         reinterpret_cast<float *>(ob.data.data())),
                     "edgert_resize_bilinear_f32");
      })
      .Case<DepthToSpaceOp>([&](DepthToSpaceOp d) -> LogicalResult {
        Value x = d.getInput();
        auto xs = get(x).shape;
        return check(op,
                     edgert_depth_to_space(
                         elemTypeSize(get(x).type),
                         static_cast<edgert_d2s_mode>(d.getMode()), xs.data(),
                         d.getBlockSize(), get(x).data.data(),
                         alloc(d.getResult()).data.data()),
                     "edgert_depth_to_space");
      })
      .Case<SpaceToDepthOp>([&](SpaceToDepthOp d) -> LogicalResult {
        Value x = d.getInput();
        auto xs = get(x).shape;
        return check(op,
                     edgert_space_to_depth(elemTypeSize(get(x).type),
                                           xs.data(), d.getBlockSize(),
                                           get(x).data.data(),
                                           alloc(d.getResult()).data.data()),
                     "edgert_space_to_depth");
      })
      .Case<CompareOp>([&](CompareOp c) -> LogicalResult {
        Value a = c.getLhs(), b = c.getRhs();
        auto as = get(a).shape, bs = get(b).shape;
        Buffer &ob = alloc(c.getResult());
        bool *o = reinterpret_cast<bool *>(ob.data.data());
        auto kind = static_cast<edgert_compare_kind>(c.getKind());
        edgert_status s;
#define CMP_CASE(ET, T, S)                                                     \
  case ElemType::ET:                                                           \
    s = edgert_compare_##S(kind, as.data(), as.size(), in<T>(a), bs.data(),    \
                           bs.size(), in<T>(b), ob.shape.data(),               \
                           ob.shape.size(), o);                                \
    break;
        switch (get(a).type) {
          CMP_CASE(F32, float, f32)
          CMP_CASE(I8, int8_t, i8)
          CMP_CASE(I16, int16_t, i16)
          CMP_CASE(I32, int32_t, i32)
          CMP_CASE(I64, int64_t, i64)
          CMP_CASE(Bool, bool, bool)
        default:
          return unsupportedType(op, a);
        }
#undef CMP_CASE
        return check(op, s, "edgert_compare");
      })
      .Case<LogicalOp>([&](LogicalOp l) -> LogicalResult {
        Value a = l.getLhs(), b = l.getRhs();
        auto as = get(a).shape, bs = get(b).shape;
        Buffer &ob = alloc(l.getResult());
        return check(op,
                     edgert_logical(static_cast<edgert_logical_kind>(l.getKind()),
                                    as.data(), as.size(), in<bool>(a),
                                    bs.data(), bs.size(), in<bool>(b),
                                    ob.shape.data(), ob.shape.size(),
                                    reinterpret_cast<bool *>(ob.data.data())),
                     "edgert_logical");
      })
      .Case<LogicalNotOp>([&](LogicalNotOp l) -> LogicalResult {
        Value x = l.getInput();
        int32_t n = get(x).count();
        return check(op,
                     edgert_logical_not(n, in<bool>(x),
                                        out<bool>(l.getResult())),
                     "edgert_logical_not");
      })
      .Case<SelectOp>([&](SelectOp s) -> LogicalResult {
        Value c = op->getOperand(0), t = op->getOperand(1),
              f = op->getOperand(2);
        auto cs = get(c).shape, ts = get(t).shape, fs = get(f).shape;
        Buffer &ob = alloc(s.getResult());
        return check(op,
                     edgert_select(elemTypeSize(ob.type), cs.data(), cs.size(),
                                   in<bool>(c), ts.data(), ts.size(),
                                   get(t).data.data(), fs.data(), fs.size(),
                                   get(f).data.data(), ob.shape.data(),
                                   ob.shape.size(), ob.data.data()),
                     "edgert_select");
      })
      .Case<TopKOp>([&](TopKOp t) -> LogicalResult {
        Value x = t.getInput();
        auto xs = get(x).shape;
        int32_t axis = normAxis(t.getAxis(), xs.size());
        int32_t k = t.getK();
        bool largest = t.getLargest();
        void *vals = alloc(t.getValues()).data.data();
        Buffer &ib = alloc(t.getIndices());
        bool i64 = ib.type == ElemType::I64;
        void *idx = ib.data.data();
        edgert_status s;
        switch (get(x).type) {
        case ElemType::F32:
          s = i64 ? edgert_topk_f32_i64(xs.data(), xs.size(), axis, k, largest,
                                        in<float>(x), (float *)vals,
                                        (int64_t *)idx)
                  : edgert_topk_f32_i32(xs.data(), xs.size(), axis, k, largest,
                                        in<float>(x), (float *)vals,
                                        (int32_t *)idx);
          break;
        case ElemType::I32:
          s = i64 ? edgert_topk_i32_i64(xs.data(), xs.size(), axis, k, largest,
                                        in<int32_t>(x), (int32_t *)vals,
                                        (int64_t *)idx)
                  : edgert_topk_i32_i32(xs.data(), xs.size(), axis, k, largest,
                                        in<int32_t>(x), (int32_t *)vals,
                                        (int32_t *)idx);
          break;
        case ElemType::I64:
          if (!i64)
            return unsupportedType(op, t.getIndices());
          s = edgert_topk_i64_i64(xs.data(), xs.size(), axis, k, largest,
                                  in<int64_t>(x), (int64_t *)vals,
                                  (int64_t *)idx);
          break;
        default:
          return unsupportedType(op, x);
        }
        return check(op, s, "edgert_topk");
      })
      .Case<CastOp>([&](CastOp c) -> LogicalResult {
        Value x = c.getInput();
        int32_t n = get(x).count();
        ElemType from = get(x).type;
        Buffer &ob = alloc(c.getResult());
        return check(op,
                     edgert_cast(toDType(from), toDType(ob.type), n,
                                 get(x).data.data(), ob.data.data()),
                     "edgert_cast");
      })
      .Default([&](Operation *) {
        return fail(op, "op is not supported by the interpreter");
      });
}

} // namespace

std::string Interpreter::checkSupported(Operation *op) {
  if (isa<func::ReturnOp>(op))
    return "";
  if (op->getNumRegions())
    return describeOp(op) + ": ops with regions are not supported";
  if (op->getDialect() == nullptr ||
      op->getName().getDialectNamespace() != "edge")
    return describeOp(op) + ": op is not supported by the interpreter";
  std::string why;
  for (Type t : op->getOperandTypes())
    if (!isSupportedTensorType(t, why))
      return describeOp(op) + ": " + why;
  for (Type t : op->getResultTypes())
    if (!isSupportedTensorType(t, why))
      return describeOp(op) + ": " + why;
  qkernel::OpParams params;
  if (failed(qkernel::getOpParams(op, params, why)))
    return describeOp(op) + ": " + why;
  return "";
}

struct Interpreter::QuantParams {
  QuantParamMap ops;
};

Interpreter::Interpreter(func::FuncOp func)
    : func(func), quant(std::make_unique<QuantParams>()) {}
Interpreter::~Interpreter() = default;

bool getFunctionSignature(func::FuncOp func, std::vector<GraphTensorInfo> &inputs,
                          std::vector<GraphTensorInfo> &outputs,
                          std::string &error) {
  FunctionType type = func.getFunctionType();
  auto info = [&](Type t, DictionaryAttr attrs, const std::string &fallback,
                  GraphTensorInfo &out) -> bool {
    out.name = fallback;
    if (attrs)
      if (auto name = attrs.getAs<StringAttr>("onnx.name"))
        out.name = name.str();
    std::string why;
    if (!isSupportedTensorType(t, why)) {
      error = "graph " + fallback.substr(0, fallback.find('_')) + " '" +
              out.name + "': " + why;
      return false;
    }
    auto ranked = cast<RankedTensorType>(t);
    getElemType(ranked.getElementType(), out.type);
    out.shape.assign(ranked.getShape().begin(), ranked.getShape().end());
    return true;
  };
  inputs.clear();
  outputs.clear();
  for (unsigned i = 0; i < type.getNumInputs(); ++i) {
    GraphTensorInfo ti;
    if (!info(type.getInput(i), func.getArgAttrDict(i),
              "input_" + std::to_string(i), ti))
      return false;
    inputs.push_back(ti);
  }
  for (unsigned i = 0; i < type.getNumResults(); ++i) {
    GraphTensorInfo ti;
    if (!info(type.getResult(i), func.getResultAttrDict(i),
              "output_" + std::to_string(i), ti))
      return false;
    outputs.push_back(ti);
  }
  return true;
}

std::unique_ptr<Interpreter> Interpreter::create(func::FuncOp func,
                                                 std::string &error) {
  if (func.isExternal()) {
    error = "function '" + func.getName().str() + "' has no body";
    return nullptr;
  }
  if (!func.getBody().hasOneBlock()) {
    error = "function '" + func.getName().str() + "' has several blocks";
    return nullptr;
  }
  std::unique_ptr<Interpreter> interp(new Interpreter(func));
  if (!getFunctionSignature(func, interp->inputs, interp->outputs, error))
    return nullptr;
  for (Operation &op : func.getBody().front()) {
    std::string why = checkSupported(&op);
    if (!why.empty()) {
      error = why;
      return nullptr;
    }
    if (!isa<func::ReturnOp>(op) && qkernel::hasQuantizedTypes(&op)) {
      qkernel::OpParams &params = interp->quant->ops[&op];
      if (failed(qkernel::getOpParams(&op, params, why))) {
        error = describeOp(&op) + ": " + why;
        return nullptr;
      }
    }
  }
  return interp;
}

LogicalResult Interpreter::run(const std::vector<HostTensor> &args,
                               std::vector<HostTensor> &results,
                               std::string &error, Observer observer) {
  if (args.size() != inputs.size()) {
    error = "expected " + std::to_string(inputs.size()) + " inputs, got " +
            std::to_string(args.size());
    return failure();
  }
  Executor ex(quant->ops);
  Block &body = func.getBody().front();
  for (unsigned i = 0; i < args.size(); ++i) {
    const GraphTensorInfo &ti = inputs[i];
    const HostTensor &t = args[i];
    if (t.type != ti.type || t.shape != ti.shape) {
      error = "input '" + ti.name + "': expected " + shapeToString(ti.shape) +
              " " + elemTypeName(ti.type) + ", got " + shapeToString(t.shape) +
              " " + elemTypeName(t.type);
      return failure();
    }
    Buffer &b = ex.alloc(body.getArgument(i));
    if (b.data.size() != t.data.size()) {
      error = "input '" + ti.name + "': wrong data size";
      return failure();
    }
    b.data = t.data;
  }
  // The observer sees each tensor through one reused HostTensor.
  HostTensor seen;
  auto observe = [&](Value v) {
    const Buffer &b = ex.get(v);
    seen.type = b.type;
    seen.shape.assign(b.shape.begin(), b.shape.end());
    seen.data = b.data;
    observer(v, seen);
  };
  if (observer)
    for (BlockArgument arg : body.getArguments())
      observe(arg);
  for (Operation &op : body) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      results.clear();
      for (unsigned i = 0; i < ret.getNumOperands(); ++i) {
        const Buffer &b = ex.get(ret.getOperand(i));
        HostTensor t;
        t.name = outputs[i].name;
        t.type = b.type;
        t.shape.assign(b.shape.begin(), b.shape.end());
        t.data = b.data;
        results.push_back(std::move(t));
      }
      return success();
    }
    if (failed(ex.execute(&op))) {
      error = ex.error;
      return failure();
    }
    if (observer)
      for (Value result : op.getResults())
        observe(result);
  }
  error = "function has no return";
  return failure();
}

} // namespace edgec
