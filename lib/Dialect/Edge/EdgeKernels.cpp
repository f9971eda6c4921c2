//===- EdgeKernels.cpp - the op->kernel description of edge ops -----------===//
//
// One describeKernel per edge op: the runtime kernel for its element types
// and the ordered arguments, checked against the kernel's C prototype at
// compile time (call<&edgert_x>). Parameter structs are built here and
// nowhere else; quantized ops take their integer parameters from
// KernelParams (the one derivation of multipliers, clamps and tables).
// See include/edgec/Dialect/Edge/KernelCall.h and docs/architecture.md
// ("The op->kernel description").
//
//===----------------------------------------------------------------------===//
#include "edgec/Dialect/Edge/KernelCall.h"

#include "edgec/Dialect/Edge/EdgeOps.h"
#include "edgec/Dialect/Edge/KernelParams.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

#include <cstring>

using namespace mlir;

namespace edgec::edge {

//===----------------------------------------------------------------------===//
// Enums shared with the runtime: the edge enum's value is passed as is.
//===----------------------------------------------------------------------===//

#define EDGE_SAME(EDGE, EDGERT)                                                \
  static_assert(static_cast<int>(EDGE) == static_cast<int>(EDGERT),           \
                #EDGE " must equal " #EDGERT)
EDGE_SAME(ActivationKind::none, EDGERT_ACT_NONE);
EDGE_SAME(ActivationKind::relu, EDGERT_ACT_RELU);
EDGE_SAME(ActivationKind::relu6, EDGERT_ACT_RELU6);
EDGE_SAME(ActivationKind::relu_n1_to_1, EDGERT_ACT_RELU_N1_TO_1);
EDGE_SAME(ActivationKind::clip, EDGERT_ACT_CLIP);
EDGE_SAME(ActivationKind::leaky_relu, EDGERT_ACT_LEAKY_RELU);
EDGE_SAME(ActivationKind::hard_swish, EDGERT_ACT_HARD_SWISH);
EDGE_SAME(ActivationKind::sigmoid, EDGERT_ACT_SIGMOID);
EDGE_SAME(ActivationKind::tanh, EDGERT_ACT_TANH);
EDGE_SAME(getMaxEnumValForActivationKind(), EDGERT_ACT_TANH);
EDGE_SAME(UnaryKind::abs, EDGERT_UNARY_ABS);
EDGE_SAME(UnaryKind::neg, EDGERT_UNARY_NEG);
EDGE_SAME(UnaryKind::sign, EDGERT_UNARY_SIGN);
EDGE_SAME(UnaryKind::sqrt, EDGERT_UNARY_SQRT);
EDGE_SAME(UnaryKind::rsqrt, EDGERT_UNARY_RSQRT);
EDGE_SAME(UnaryKind::reciprocal, EDGERT_UNARY_RECIPROCAL);
EDGE_SAME(UnaryKind::exp, EDGERT_UNARY_EXP);
EDGE_SAME(UnaryKind::log, EDGERT_UNARY_LOG);
EDGE_SAME(UnaryKind::floor, EDGERT_UNARY_FLOOR);
EDGE_SAME(UnaryKind::ceil, EDGERT_UNARY_CEIL);
EDGE_SAME(UnaryKind::round, EDGERT_UNARY_ROUND);
EDGE_SAME(UnaryKind::erf, EDGERT_UNARY_ERF);
EDGE_SAME(UnaryKind::sin, EDGERT_UNARY_SIN);
EDGE_SAME(UnaryKind::cos, EDGERT_UNARY_COS);
EDGE_SAME(UnaryKind::softplus, EDGERT_UNARY_SOFTPLUS);
EDGE_SAME(UnaryKind::softsign, EDGERT_UNARY_SOFTSIGN);
EDGE_SAME(UnaryKind::gelu, EDGERT_UNARY_GELU);
EDGE_SAME(UnaryKind::gelu_tanh, EDGERT_UNARY_GELU_TANH);
EDGE_SAME(getMaxEnumValForUnaryKind(), EDGERT_UNARY_GELU_TANH);
EDGE_SAME(ReduceKind::sum, EDGERT_REDUCE_SUM);
EDGE_SAME(ReduceKind::mean, EDGERT_REDUCE_MEAN);
EDGE_SAME(ReduceKind::max, EDGERT_REDUCE_MAX);
EDGE_SAME(ReduceKind::min, EDGERT_REDUCE_MIN);
EDGE_SAME(ReduceKind::prod, EDGERT_REDUCE_PROD);
EDGE_SAME(getMaxEnumValForReduceKind(), EDGERT_REDUCE_PROD);
EDGE_SAME(ArgKind::argmax, EDGERT_ARG_MAX);
EDGE_SAME(ArgKind::argmin, EDGERT_ARG_MIN);
EDGE_SAME(getMaxEnumValForArgKind(), EDGERT_ARG_MIN);
EDGE_SAME(CompareKind::eq, EDGERT_CMP_EQ);
EDGE_SAME(CompareKind::ne, EDGERT_CMP_NE);
EDGE_SAME(CompareKind::lt, EDGERT_CMP_LT);
EDGE_SAME(CompareKind::le, EDGERT_CMP_LE);
EDGE_SAME(CompareKind::gt, EDGERT_CMP_GT);
EDGE_SAME(CompareKind::ge, EDGERT_CMP_GE);
EDGE_SAME(getMaxEnumValForCompareKind(), EDGERT_CMP_GE);
EDGE_SAME(LogicalKind::And, EDGERT_LOGICAL_AND);
EDGE_SAME(LogicalKind::Or, EDGERT_LOGICAL_OR);
EDGE_SAME(LogicalKind::Xor, EDGERT_LOGICAL_XOR);
EDGE_SAME(getMaxEnumValForLogicalKind(), EDGERT_LOGICAL_XOR);
EDGE_SAME(PadMode::constant, EDGERT_PAD_CONSTANT);
EDGE_SAME(PadMode::reflect, EDGERT_PAD_REFLECT);
EDGE_SAME(PadMode::edge, EDGERT_PAD_EDGE);
EDGE_SAME(PadMode::wrap, EDGERT_PAD_WRAP);
EDGE_SAME(getMaxEnumValForPadMode(), EDGERT_PAD_WRAP);
EDGE_SAME(ResizeMode::nearest, EDGERT_RESIZE_NEAREST);
EDGE_SAME(ResizeMode::bilinear, EDGERT_RESIZE_BILINEAR);
EDGE_SAME(ResizeMode::bicubic, EDGERT_RESIZE_BICUBIC);
EDGE_SAME(getMaxEnumValForResizeMode(), EDGERT_RESIZE_BICUBIC);
EDGE_SAME(CoordinateMode::asymmetric, EDGERT_COORD_ASYMMETRIC);
EDGE_SAME(CoordinateMode::align_corners, EDGERT_COORD_ALIGN_CORNERS);
EDGE_SAME(CoordinateMode::half_pixel, EDGERT_COORD_HALF_PIXEL);
EDGE_SAME(CoordinateMode::pytorch_half_pixel, EDGERT_COORD_PYTORCH_HALF_PIXEL);
EDGE_SAME(getMaxEnumValForCoordinateMode(), EDGERT_COORD_PYTORCH_HALF_PIXEL);
EDGE_SAME(NearestMode::round_prefer_floor, EDGERT_NEAREST_ROUND_PREFER_FLOOR);
EDGE_SAME(NearestMode::round_prefer_ceil, EDGERT_NEAREST_ROUND_PREFER_CEIL);
EDGE_SAME(NearestMode::floor, EDGERT_NEAREST_FLOOR);
EDGE_SAME(NearestMode::ceil, EDGERT_NEAREST_CEIL);
EDGE_SAME(getMaxEnumValForNearestMode(), EDGERT_NEAREST_CEIL);
EDGE_SAME(DepthToSpaceMode::dcr, EDGERT_D2S_DCR);
EDGE_SAME(DepthToSpaceMode::crd, EDGERT_D2S_CRD);
EDGE_SAME(getMaxEnumValForDepthToSpaceMode(), EDGERT_D2S_CRD);
#undef EDGE_SAME

// Parameter structs are laid out by layoutParamStruct with 4-byte enums.
static_assert(sizeof(edgert_act_kind) == 4 && sizeof(edgert_pad_mode) == 4,
              "C enums are expected to be int-sized");

//===----------------------------------------------------------------------===//
// The kernel table
//===----------------------------------------------------------------------===//

namespace {
struct KernelEntry {
  llvm::StringLiteral name, family;
  unsigned arity;
};
constexpr KernelEntry kKernels[] = {
#define EDGE_KERNEL(NAME, FAMILY)                                              \
  {"edgert_" #NAME, #FAMILY,                                                   \
   detail::FunctionTraits<decltype(&edgert_##NAME)>::arity},
#include "edgec/Dialect/Edge/EdgeKernels.def"
};
static_assert(std::size(kKernels) == kNumKernels);

struct FamilyEntry {
  llvm::StringLiteral name;
  llvm::SmallVector<llvm::StringRef, 2> deps;
};
const std::vector<FamilyEntry> &families() {
  static const std::vector<FamilyEntry> table = {
#define EDGE_FAMILY(FAMILY, ...) {#FAMILY, {__VA_ARGS__}},
#include "edgec/Dialect/Edge/EdgeKernels.def"
  };
  return table;
}
} // namespace

StringRef getKernelName(KernelId id) {
  return kKernels[static_cast<unsigned>(id)].name;
}
StringRef getKernelFamily(KernelId id) {
  return kKernels[static_cast<unsigned>(id)].family;
}
unsigned getKernelArity(KernelId id) {
  return kKernels[static_cast<unsigned>(id)].arity;
}

ArrayRef<StringRef> getRuntimeFamilies() {
  static const std::vector<StringRef> names = [] {
    std::vector<StringRef> v;
    for (const FamilyEntry &f : families())
      v.push_back(f.name);
    return v;
  }();
  return names;
}

SmallVector<StringRef> getFamilyDependencies(StringRef family) {
  SmallVector<StringRef> out;
  auto find = [](StringRef name) -> const FamilyEntry * {
    for (const FamilyEntry &f : families())
      if (f.name == name)
        return &f;
    return nullptr;
  };
  if (!find(family))
    return out;
  SmallVector<StringRef> work{family};
  while (!work.empty()) {
    const FamilyEntry *f = find(work.pop_back_val());
    for (StringRef d : f->deps)
      if (d != family && !llvm::is_contained(out, d)) {
        out.push_back(d);
        work.push_back(d);
      }
  }
  if (family != "common" && !llvm::is_contained(out, "common"))
    out.push_back("common");
  return out;
}

size_t layoutParamStruct(const ParamStruct &s,
                         SmallVectorImpl<size_t> *offsets) {
  size_t offset = 0, align = 1;
  for (const ParamStruct::Field &f : s.fields) {
    size_t size = 4, a = 4;
    switch (f.kind) {
    case ParamStruct::Field::Kind::I32:
    case ParamStruct::Field::Kind::F32:
    case ParamStruct::Field::Kind::Enum:
      break;
    case ParamStruct::Field::Kind::Bool:
      size = a = sizeof(bool);
      break;
    case ParamStruct::Field::Kind::Struct:
      size = layoutParamStruct(*f.nested);
      a = f.nested->cAlign;
      break;
    case ParamStruct::Field::Kind::I32Array:
      size = a = sizeof(const int32_t *);
      break;
    }
    offset = (offset + a - 1) / a * a;
    if (offsets)
      offsets->push_back(offset);
    offset += size;
    align = std::max(align, a);
  }
  return (offset + align - 1) / align * align;
}

//===----------------------------------------------------------------------===//
// Argument builders
//===----------------------------------------------------------------------===//

namespace kargs {
namespace {
template <typename C> Arg<C> scalar(KernelArg::Kind kind, int64_t v) {
  Arg<C> a;
  a.arg.kind = kind;
  a.arg.i = v;
  return a;
}
RankedTensorType rankedOf(Value v) {
  return cast<RankedTensorType>(v.getType());
}
} // namespace

Arg<AnyPointer> buf(Value v) {
  assert(v && "buf() of a null value; use optBuf");
  Arg<AnyPointer> a;
  a.arg.kind = KernelArg::Kind::Buffer;
  a.arg.value = v;
  return a;
}
Arg<AnyPointer> optBuf(Value v) {
  Arg<AnyPointer> a;
  a.arg.kind = KernelArg::Kind::Buffer;
  a.arg.value = v;
  return a;
}
Arg<AnyPointer> null() { return optBuf(Value()); }
static Arg<PointerList> list(ValueRange values, bool writable) {
  Arg<PointerList> a;
  a.arg.kind = KernelArg::Kind::BufferList;
  a.arg.values.assign(values.begin(), values.end());
  a.arg.writable = writable;
  return a;
}
Arg<PointerList> inputs(ValueRange values) { return list(values, false); }
Arg<PointerList> outputs(ValueRange values) { return list(values, true); }
Arg<const int32_t *> ints(ArrayRef<int64_t> values) {
  Arg<const int32_t *> a;
  a.arg.kind = KernelArg::Kind::Ints;
  for (int64_t v : values) {
    if (v < INT32_MIN || v > INT32_MAX)
      a.arg.intsOverflow = true;
    a.arg.ints.push_back(static_cast<int32_t>(v));
  }
  return a;
}
Arg<const int32_t *> shape(Value v) {
  // Dynamic dimensions (valid edge IR; back ends need static shapes and
  // check for them) are -1 here.
  SmallVector<int64_t> dims;
  for (int64_t d : rankedOf(v).getShape())
    dims.push_back(ShapedType::isDynamic(d) ? -1 : d);
  return ints(dims);
}
Arg<int32_t> i32(int64_t v) { return scalar<int32_t>(KernelArg::Kind::Int, v); }
Arg<int32_t> rank(Value v) { return i32(rankedOf(v).getRank()); }
Arg<int32_t> count(Value v) {
  RankedTensorType t = rankedOf(v);
  return i32(t.hasStaticShape() ? t.getNumElements() : 0);
}
Arg<int32_t> elemSize(Value v) {
  Type t = rankedOf(v).getElementType();
  if (auto q = dyn_cast<quant::QuantizedType>(t))
    t = q.getStorageType();
  return i32(t.isInteger(1) ? 1 : (t.getIntOrFloatBitWidth() + 7) / 8);
}
Arg<int32_t> axis(int64_t axis, Value v) {
  return i32(axis < 0 ? axis + rankedOf(v).getRank() : axis);
}
Arg<float> f32(double v) {
  Arg<float> a;
  a.arg.kind = KernelArg::Kind::Float;
  a.arg.f = static_cast<float>(v);
  return a;
}
Arg<bool> boolean(bool v) {
  return scalar<bool>(KernelArg::Kind::Bool, v ? 1 : 0);
}
} // namespace kargs

//===----------------------------------------------------------------------===//
// Shared pieces of the descriptions
//===----------------------------------------------------------------------===//

namespace {
using namespace kargs;

/// The element types kernels are selected by (quantized: storage type).
enum class ET { F32, Bool, I8, U8, I16, I32, I64, Other };

ET elemOf(Value v) {
  Type t = cast<ShapedType>(v.getType()).getElementType();
  if (auto q = dyn_cast<quant::QuantizedType>(t))
    t = q.getStorageType();
  if (t.isF32())
    return ET::F32;
  if (t.isInteger(1))
    return ET::Bool;
  if (t.isUnsignedInteger(8))
    return ET::U8;
  if (t.isInteger(8))
    return ET::I8;
  if (t.isInteger(16))
    return ET::I16;
  if (t.isInteger(32))
    return ET::I32;
  if (t.isInteger(64))
    return ET::I64;
  return ET::Other;
}

bool allF32(Operation *op) {
  return llvm::all_of(op->getOperands(),
                      [](Value v) { return elemOf(v) == ET::F32; }) &&
         llvm::all_of(op->getResults(),
                      [](Value v) { return elemOf(v) == ET::F32; });
}

/// "no runtime kernel for (f32, i8) -> (i32)".
LogicalResult noKernel(Operation *op, std::string &why) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "has no runtime kernel for element types (";
  llvm::interleaveComma(op->getOperands(), os, [&](Value v) {
    os << cast<ShapedType>(v.getType()).getElementType();
  });
  os << ") -> (";
  llvm::interleaveComma(op->getResults(), os, [&](Value v) {
    os << cast<ShapedType>(v.getType()).getElementType();
  });
  os << ")";
  why = s;
  return failure();
}

std::shared_ptr<const ParamStruct> actStruct(ActivationAttr act) {
  auto value = [](FloatAttr a) { return a ? a.getValueAsDouble() : 0.0; };
  ParamStructBuilder<edgert_act> b;
  b.enumValue<edgert_act_kind>(act ? static_cast<int>(act.getKind()) : 0);
  b.f32(act ? value(act.getMin()) : 0.0);
  b.f32(act ? value(act.getMax()) : 0.0);
  b.f32(act ? value(act.getAlpha()) : 0.0);
  return b.get();
}

/// `&act`, or NULL for no (or an identity) activation.
Arg<const edgert_act *> actOrNull(ActivationAttr act) {
  if (!act || act.isIdentity())
    return param<edgert_act>(nullptr);
  return param<edgert_act>(actStruct(act));
}

/// edgert_conv2d_params of a conv op; `act` null for the quantized kernels
/// (they clamp with their integer range instead).
Arg<const edgert_conv2d_params *> convParams(Operation *op,
                                             ActivationAttr act) {
  auto stride = op->getAttrOfType<DenseI64ArrayAttr>("stride").asArrayRef();
  auto dilation =
      op->getAttrOfType<DenseI64ArrayAttr>("dilation").asArrayRef();
  auto pad = op->getAttrOfType<DenseI64ArrayAttr>("pad").asArrayRef();
  ParamStructBuilder<edgert_conv2d_params> b;
  b.i32(stride[0]).i32(stride[1]).i32(dilation[0]).i32(dilation[1]);
  b.i32(pad[0]).i32(pad[1]).i32(pad[2]).i32(pad[3]);
  b.nested(actStruct(act));
  return param<edgert_conv2d_params>(b.get());
}

Arg<const edgert_pool2d_params *> poolParams(Operation *op,
                                             ActivationAttr act) {
  auto kernel = op->getAttrOfType<DenseI64ArrayAttr>("kernel").asArrayRef();
  auto stride = op->getAttrOfType<DenseI64ArrayAttr>("stride").asArrayRef();
  auto pad = op->getAttrOfType<DenseI64ArrayAttr>("pad").asArrayRef();
  ParamStructBuilder<edgert_pool2d_params> b;
  b.i32(kernel[0]).i32(kernel[1]).i32(stride[0]).i32(stride[1]);
  b.i32(pad[0]).i32(pad[1]).i32(pad[2]).i32(pad[3]);
  b.boolean(op->hasAttr("count_include_pad"));
  b.nested(actStruct(act));
  return param<edgert_pool2d_params>(b.get());
}

template <typename T> std::vector<char> bytesOf(ArrayRef<T> values) {
  std::vector<char> bytes(values.size() * sizeof(T));
  if (!values.empty())
    std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

Arg<const edgert_qparams *> qparams(const qkernel::OpParams &q) {
  ParamStructBuilder<edgert_qparams> b;
  b.i32(q.inputZp).i32(q.filterZp).i32(q.outputZp).i32(q.actMin);
  b.i32(q.actMax).i32(static_cast<int64_t>(q.multiplier.size()));
  b.i32Array(q.multiplier).i32Array(q.shift);
  return param<edgert_qparams>(b.get());
}

/// The kernel call of a quantized op from its integer parameters.
LogicalResult describeQuantized(Operation *op, const qkernel::OpParams &q,
                                KernelCall &call, std::string &why) {
  using qkernel::Kind;
  Value in = op->getOperand(0), out = op->getResult(0);
  MLIRContext *ctx = op->getContext();
  switch (q.kind) {
  case Kind::NotQuantized:
  case Kind::DataMovement:
  case Kind::Pad:
    break;
  case Kind::Quantize:
  case Kind::Dequantize: {
    bool quantize = q.kind == Kind::Quantize;
    if (q.perAxis) {
      auto scales = table<float>(Float32Type::get(ctx),
                                 bytesOf(ArrayRef<float>(q.scales)));
      SmallVector<int64_t> zps(q.zeroPoints.begin(), q.zeroPoints.end());
      auto args = std::make_tuple(count(in), i32(q.channels), i32(q.inner),
                                  scales, ints(zps), buf(in), buf(out));
      call = std::apply(
          [&](auto... a) {
            if (quantize)
              return edge::call<&edgert_quantize_per_axis_f32_q8>(a...);
            return q.q32 ? edge::call<&edgert_dequantize_per_axis_q32_f32>(a...)
                         : edge::call<&edgert_dequantize_per_axis_q8_f32>(a...);
          },
          args);
      return success();
    }
    auto args = std::make_tuple(count(in), f32(q.scale), i32(q.zeroPoint),
                                buf(in), buf(out));
    auto make = [&](auto fn) {
      return std::apply([&](auto... a) { return fn(a...); }, args);
    };
    if (quantize)
      call = q.q16 ? make([](auto... a) {
        return edge::call<&edgert_quantize_f32_q16>(a...);
      })
                   : make([](auto... a) {
                       return edge::call<&edgert_quantize_f32_q8>(a...);
                     });
    else if (q.q32)
      call = make([](auto... a) {
        return edge::call<&edgert_dequantize_q32_f32>(a...);
      });
    else
      call = q.q16 ? make([](auto... a) {
        return edge::call<&edgert_dequantize_q16_f32>(a...);
      })
                   : make([](auto... a) {
                       return edge::call<&edgert_dequantize_q8_f32>(a...);
                     });
    return success();
  }
  case Kind::Requantize: {
    const edgert_rescale &r = q.rescales[0];
    ParamStructBuilder<edgert_rescale> b;
    b.i32(r.in_zp).i32(r.multiplier).i32(r.shift).i32(r.out_zp);
    auto p = param<edgert_rescale>(b.get());
    bool in16 = elemOf(in) == ET::I16;
    if (!in16 && !q.q16)
      call = edge::call<&edgert_requantize_q8_q8>(p, count(in), buf(in),
                                                  buf(out));
    else if (!in16)
      call = edge::call<&edgert_requantize_q8_q16>(p, count(in), buf(in),
                                                   buf(out));
    else if (!q.q16)
      call = edge::call<&edgert_requantize_q16_q8>(p, count(in), buf(in),
                                                   buf(out));
    else
      call = edge::call<&edgert_requantize_q16_q16>(p, count(in), buf(in),
                                                    buf(out));
    return success();
  }
  case Kind::Conv2D:
  case Kind::DepthwiseConv2D: {
    Value filter = op->getOperand(1);
    Value bias = op->getNumOperands() > 2 ? op->getOperand(2) : Value();
    auto args = std::make_tuple(convParams(op, nullptr), qparams(q),
                                shape(in), buf(in), shape(filter), buf(filter),
                                optBuf(bias), shape(out), buf(out));
    auto make = [&](auto fn) {
      return std::apply([&](auto... a) { return fn(a...); }, args);
    };
    bool dw = q.kind == Kind::DepthwiseConv2D;
    if (q.q16)
      call = dw ? make([](auto... a) {
        return edge::call<&edgert_depthwise_conv2d_q16>(a...);
      })
                : make([](auto... a) {
                    return edge::call<&edgert_conv2d_q16>(a...);
                  });
    else
      call = dw ? make([](auto... a) {
        return edge::call<&edgert_depthwise_conv2d_q8>(a...);
      })
                : make([](auto... a) {
                    return edge::call<&edgert_conv2d_q8>(a...);
                  });
    return success();
  }
  case Kind::FullyConnected: {
    Value w = op->getOperand(1);
    Value bias = op->getNumOperands() > 2 ? op->getOperand(2) : Value();
    auto wType = cast<ShapedType>(w.getType());
    int64_t n = wType.getDimSize(0), k = wType.getDimSize(1);
    int64_t total = cast<ShapedType>(in.getType()).getNumElements();
    auto args = std::make_tuple(qparams(q), i32(k ? total / k : 0), i32(k),
                                i32(n), buf(in), buf(w), optBuf(bias),
                                buf(out));
    call = std::apply(
        [&](auto... a) {
          return q.q16 ? edge::call<&edgert_fully_connected_q16>(a...)
                       : edge::call<&edgert_fully_connected_q8>(a...);
        },
        args);
    return success();
  }
  case Kind::MatMul: {
    Value r = op->getOperand(1);
    call = edge::call<&edgert_matmul_q8>(qparams(q), shape(in), rank(in),
                                         buf(in), shape(r), rank(r), buf(r),
                                         shape(out), rank(out), buf(out));
    return success();
  }
  case Kind::Add:
  case Kind::Sub:
  case Kind::Mul: {
    Value r = op->getOperand(1);
    if (q.kind == Kind::Mul) {
      const edgert_qmul_params &m = q.mul;
      ParamStructBuilder<edgert_qmul_params> b;
      b.i32(m.in1_zp).i32(m.in2_zp).i32(m.out_zp).i32(m.multiplier);
      b.i32(m.shift).i32(m.act_min).i32(m.act_max);
      auto args = std::make_tuple(param<edgert_qmul_params>(b.get()),
                                  shape(in), rank(in), buf(in), shape(r),
                                  rank(r), buf(r), shape(out), rank(out),
                                  buf(out));
      call = std::apply(
          [&](auto... a) {
            return q.q16 ? edge::call<&edgert_mul_q16>(a...)
                         : edge::call<&edgert_mul_q8>(a...);
          },
          args);
      return success();
    }
    const edgert_qadd_params &p = q.add;
    ParamStructBuilder<edgert_qadd_params> b;
    b.i32(p.left_shift).i32(p.in1_zp).i32(p.in1_multiplier).i32(p.in1_shift);
    b.i32(p.in2_zp).i32(p.in2_multiplier).i32(p.in2_shift).i32(p.out_zp);
    b.i32(p.out_multiplier).i32(p.out_shift).i32(p.act_min).i32(p.act_max);
    auto args =
        std::make_tuple(param<edgert_qadd_params>(b.get()), shape(in),
                        rank(in), buf(in), shape(r), rank(r), buf(r),
                        shape(out), rank(out), buf(out));
    bool sub = q.kind == Kind::Sub;
    call = std::apply(
        [&](auto... a) {
          if (sub)
            return q.q16 ? edge::call<&edgert_sub_q16>(a...)
                         : edge::call<&edgert_sub_q8>(a...);
          return q.q16 ? edge::call<&edgert_add_q16>(a...)
                       : edge::call<&edgert_add_q8>(a...);
        },
        args);
    return success();
  }
  case Kind::MaxPool2D:
  case Kind::AvgPool2D: {
    auto args = std::make_tuple(poolParams(op, nullptr), i32(q.outputZp),
                                i32(q.actMin), i32(q.actMax), shape(in),
                                buf(in), shape(out), buf(out));
    bool max = q.kind == Kind::MaxPool2D;
    call = std::apply(
        [&](auto... a) {
          if (max)
            return q.q16 ? edge::call<&edgert_max_pool2d_q16>(a...)
                         : edge::call<&edgert_max_pool2d_q8>(a...);
          return q.q16 ? edge::call<&edgert_avg_pool2d_q16>(a...)
                       : edge::call<&edgert_avg_pool2d_q8>(a...);
        },
        args);
    return success();
  }
  case Kind::Lut:
    call = edge::call<&edgert_lut_q8>(
        table<int8_t>(IntegerType::get(ctx, 8),
                      bytesOf(ArrayRef<int8_t>(q.lut))),
        count(in), buf(in), buf(out));
    return success();
  case Kind::Softmax:
    call = edge::call<&edgert_softmax_q8>(
        table<int32_t>(IntegerType::get(ctx, 32),
                       bytesOf(ArrayRef<int32_t>(q.softmaxTable))),
        shape(in), rank(in), i32(q.axis), buf(in), buf(out));
    return success();
  }
  why = "internal error: unhandled quantized kernel kind";
  return failure();
}

/// For ops that have quantized kernels: nothing if `op` has no quantized
/// types (describe the float / integer kernel), else its quantized call or
/// why there is none.
std::optional<LogicalResult> describeIfQuantized(Operation *op,
                                                 KernelCall &call,
                                                 std::string &why) {
  if (!qkernel::hasQuantizedTypes(op))
    return std::nullopt;
  qkernel::OpParams q;
  if (failed(qkernel::getOpParams(op, q, why)))
    return failure();
  if (q.kind == qkernel::Kind::DataMovement || q.kind == qkernel::Kind::Pad)
    return std::nullopt; // the type-agnostic kernel, described by the op
  return describeQuantized(op, q, call, why);
}

/// Data movement ops: quantized operands must have identical parameters
/// (KernelParams checks); the stored integers move unchanged.
LogicalResult checkDataMovement(Operation *op, std::string &why) {
  if (!qkernel::hasQuantizedTypes(op))
    return success();
  qkernel::OpParams q;
  return qkernel::getOpParams(op, q, why);
}

/// The binary kernel of a float or plain integer op, by element type.
LogicalResult describeBinary(Operation *op, edgert_binary_kind kind,
                             ActivationAttr act, KernelCall &call,
                             std::string &why) {
  if (auto quantized = describeIfQuantized(op, call, why))
    return *quantized;
  Value a = op->getOperand(0), b = op->getOperand(1), r = op->getResult(0);
  ET t = elemOf(a);
  if (elemOf(b) != t || elemOf(r) != t)
    return noKernel(op, why);
  auto args = std::make_tuple(enumValue<edgert_binary_kind>(kind),
                              actOrNull(act), shape(a), rank(a), buf(a),
                              shape(b), rank(b), buf(b), shape(r), rank(r),
                              buf(r));
  auto make = [&](auto fn) {
    call = std::apply([&](auto... x) { return fn(x...); }, args);
    return success();
  };
  switch (t) {
  case ET::F32:
    return make([](auto... x) { return edge::call<&edgert_binary_f32>(x...); });
  case ET::I8:
    return make([](auto... x) { return edge::call<&edgert_binary_i8>(x...); });
  case ET::I16:
    return make([](auto... x) { return edge::call<&edgert_binary_i16>(x...); });
  case ET::I32:
    return make([](auto... x) { return edge::call<&edgert_binary_i32>(x...); });
  case ET::I64:
    return make([](auto... x) { return edge::call<&edgert_binary_i64>(x...); });
  default:
    return noKernel(op, why);
  }
}

/// A one-element table holding `v` converted to `x`'s element type (as a C
/// conversion of the double would), for edgert_pad's `value`.
Arg<const void *> padValue(Value x, double v) {
  Type et = cast<ShapedType>(x.getType()).getElementType();
  if (auto q = dyn_cast<quant::QuantizedType>(et))
    et = q.getStorageType();
  std::vector<char> bytes;
  auto put = [&](auto value) {
    bytes.resize(sizeof(value));
    std::memcpy(bytes.data(), &value, sizeof(value));
  };
  switch (elemOf(x)) {
  case ET::F32: put(static_cast<float>(v)); break;
  case ET::Bool: put(static_cast<uint8_t>(v != 0)); break;
  case ET::I8: put(static_cast<int8_t>(v)); break;
  case ET::U8: put(static_cast<uint8_t>(v)); break;
  case ET::I16: put(static_cast<int16_t>(v)); break;
  case ET::I32: put(static_cast<int32_t>(v)); break;
  default: put(static_cast<int64_t>(v)); break;
  }
  return table<void>(et, std::move(bytes));
}

} // namespace

//===----------------------------------------------------------------------===//
// The description entries, one per op
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::describeKernel(KernelCall &call, std::string &) {
  call = KernelCall::constant();
  return success();
}

LogicalResult ReshapeOp::describeKernel(KernelCall &call, std::string &why) {
  if (failed(checkDataMovement(*this, why)))
    return failure();
  call = KernelCall::alias();
  return success();
}

LogicalResult Conv2DOp::describeKernel(KernelCall &call, std::string &why) {
  if (auto quantized = describeIfQuantized(*this, call, why))
    return *quantized;
  Value in = getInput(), f = getFilter(), b = getBias(), out = getOutput();
  auto args = std::make_tuple(convParams(*this, getFusedActivationAttr()),
                              shape(in), buf(in), shape(f), buf(f), optBuf(b),
                              shape(out), buf(out));
  auto make = [&](auto fn) {
    call = std::apply([&](auto... x) { return fn(x...); }, args);
    return success();
  };
  if (allF32(*this))
    return make([](auto... x) { return edge::call<&edgert_conv2d_f32>(x...); });
  // Plain integer conv (ONNX ConvInteger / QLinearConv after zero-point
  // subtraction): i16 x i16 (+ i32 bias) -> i32.
  if (elemOf(in) == ET::I16 && elemOf(f) == ET::I16 &&
      (!b || elemOf(b) == ET::I32) && elemOf(out) == ET::I32)
    return make(
        [](auto... x) { return edge::call<&edgert_conv2d_i16_i32>(x...); });
  return noKernel(*this, why);
}

LogicalResult DepthwiseConv2DOp::describeKernel(KernelCall &call,
                                                std::string &why) {
  if (auto quantized = describeIfQuantized(*this, call, why))
    return *quantized;
  if (!allF32(*this))
    return noKernel(*this, why);
  Value in = getInput(), f = getFilter(), out = getOutput();
  call = edge::call<&edgert_depthwise_conv2d_f32>(
      convParams(*this, getFusedActivationAttr()), shape(in), buf(in),
      shape(f), buf(f), optBuf(getBias()), shape(out), buf(out));
  return success();
}

LogicalResult TransposeConv2DOp::describeKernel(KernelCall &call,
                                                std::string &why) {
  if (qkernel::hasQuantizedTypes(*this)) {
    why = "has no quantized kernel (transpose convolution runs in float)";
    return failure();
  }
  if (!allF32(*this))
    return noKernel(*this, why);
  Value in = getInput(), f = getFilter(), out = getOutput();
  call = edge::call<&edgert_transpose_conv2d_f32>(
      convParams(*this, getFusedActivationAttr()), shape(in), buf(in),
      shape(f), buf(f), optBuf(getBias()), shape(out), buf(out));
  return success();
}

LogicalResult FullyConnectedOp::describeKernel(KernelCall &call,
                                               std::string &why) {
  if (auto quantized = describeIfQuantized(*this, call, why))
    return *quantized;
  if (!allF32(*this))
    return noKernel(*this, why);
  Value x = getInput(), w = getWeights(), out = getOutput();
  auto wType = cast<ShapedType>(w.getType());
  int64_t n = wType.getDimSize(0), k = wType.getDimSize(1);
  auto xType = cast<ShapedType>(x.getType());
  int64_t total = xType.hasStaticShape() ? xType.getNumElements() : 0;
  call = edge::call<&edgert_fully_connected_f32>(
      actOrNull(getFusedActivationAttr()), i32(k ? total / k : 0), i32(k),
      i32(n), buf(x), buf(w), optBuf(getBias()), buf(out));
  return success();
}

LogicalResult MatMulOp::describeKernel(KernelCall &call, std::string &why) {
  if (auto quantized = describeIfQuantized(*this, call, why))
    return *quantized;
  Value l = getLhs(), r = getRhs(), out = getOutput();
  if (allF32(*this)) {
    call = edge::call<&edgert_matmul_f32>(
        actOrNull(getFusedActivationAttr()), shape(l), rank(l), buf(l),
        shape(r), rank(r), buf(r), shape(out), rank(out), buf(out));
    return success();
  }
  // Plain integer matmul (MatMulInteger): same-typed operands, i32 result.
  ET t = elemOf(l);
  if (elemOf(r) != t || elemOf(out) != ET::I32)
    return noKernel(*this, why);
  auto args = std::make_tuple(shape(l), rank(l), buf(l), shape(r), rank(r),
                              buf(r), shape(out), rank(out), buf(out));
  auto make = [&](auto fn) {
    call = std::apply([&](auto... x) { return fn(x...); }, args);
    return success();
  };
  switch (t) {
  case ET::I8:
    return make([](auto... x) { return edge::call<&edgert_matmul_i8_i32>(x...); });
  case ET::I16:
    return make(
        [](auto... x) { return edge::call<&edgert_matmul_i16_i32>(x...); });
  case ET::I32:
    return make(
        [](auto... x) { return edge::call<&edgert_matmul_i32_i32>(x...); });
  default:
    return noKernel(*this, why);
  }
}

LogicalResult AddOp::describeKernel(KernelCall &call, std::string &why) {
  return describeBinary(*this, EDGERT_BINARY_ADD, getFusedActivationAttr(),
                        call, why);
}
LogicalResult SubOp::describeKernel(KernelCall &call, std::string &why) {
  return describeBinary(*this, EDGERT_BINARY_SUB, getFusedActivationAttr(),
                        call, why);
}
LogicalResult MulOp::describeKernel(KernelCall &call, std::string &why) {
  return describeBinary(*this, EDGERT_BINARY_MUL, getFusedActivationAttr(),
                        call, why);
}
LogicalResult DivOp::describeKernel(KernelCall &call, std::string &why) {
  return describeBinary(*this, EDGERT_BINARY_DIV, getFusedActivationAttr(),
                        call, why);
}
LogicalResult MaximumOp::describeKernel(KernelCall &call, std::string &why) {
  return describeBinary(*this, EDGERT_BINARY_MAX, nullptr, call, why);
}
LogicalResult MinimumOp::describeKernel(KernelCall &call, std::string &why) {
  return describeBinary(*this, EDGERT_BINARY_MIN, nullptr, call, why);
}
LogicalResult PowOp::describeKernel(KernelCall &call, std::string &why) {
  return describeBinary(*this, EDGERT_BINARY_POW, nullptr, call, why);
}
LogicalResult ModOp::describeKernel(KernelCall &call, std::string &why) {
  return describeBinary(*this, EDGERT_BINARY_MOD, nullptr, call, why);
}

LogicalResult UnaryOp::describeKernel(KernelCall &call, std::string &why) {
  if (auto quantized = describeIfQuantized(*this, call, why))
    return *quantized;
  Value x = getInput(), out = getOutput();
  ET t = elemOf(x);
  if (elemOf(out) != t)
    return noKernel(*this, why);
  auto args =
      std::make_tuple(enumValue<edgert_unary_kind>(static_cast<int>(getKind())),
                      count(x), buf(x), buf(out));
  auto make = [&](auto fn) {
    call = std::apply([&](auto... a) { return fn(a...); }, args);
    return success();
  };
  switch (t) {
  case ET::F32:
    return make([](auto... a) { return edge::call<&edgert_unary_f32>(a...); });
  case ET::I8:
    return make([](auto... a) { return edge::call<&edgert_unary_i8>(a...); });
  case ET::I16:
    return make([](auto... a) { return edge::call<&edgert_unary_i16>(a...); });
  case ET::I32:
    return make([](auto... a) { return edge::call<&edgert_unary_i32>(a...); });
  case ET::I64:
    return make([](auto... a) { return edge::call<&edgert_unary_i64>(a...); });
  default:
    return noKernel(*this, why);
  }
}

LogicalResult ActivationOp::describeKernel(KernelCall &call,
                                           std::string &why) {
  if (auto quantized = describeIfQuantized(*this, call, why))
    return *quantized;
  if (!allF32(*this))
    return noKernel(*this, why);
  call = edge::call<&edgert_activation_f32>(param<edgert_act>(actStruct(getAct())),
                                            count(getInput()), buf(getInput()),
                                            buf(getOutput()));
  return success();
}

LogicalResult PReluOp::describeKernel(KernelCall &call, std::string &why) {
  if (!allF32(*this))
    return noKernel(*this, why);
  Value x = getInput(), a = getAlpha();
  call = edge::call<&edgert_prelu_f32>(shape(x), rank(x), buf(x), shape(a),
                                       rank(a), buf(a), buf(getOutput()));
  return success();
}

LogicalResult CompareOp::describeKernel(KernelCall &call, std::string &why) {
  Value l = getLhs(), r = getRhs(), out = getResult();
  ET t = elemOf(l);
  if (qkernel::hasQuantizedTypes(*this) || elemOf(r) != t)
    return noKernel(*this, why);
  auto args = std::make_tuple(
      enumValue<edgert_compare_kind>(static_cast<int>(getKind())), shape(l),
      rank(l), buf(l), shape(r), rank(r), buf(r), shape(out), rank(out),
      buf(out));
  auto make = [&](auto fn) {
    call = std::apply([&](auto... a) { return fn(a...); }, args);
    return success();
  };
  switch (t) {
  case ET::F32:
    return make([](auto... a) { return edge::call<&edgert_compare_f32>(a...); });
  case ET::I8:
    return make([](auto... a) { return edge::call<&edgert_compare_i8>(a...); });
  case ET::I16:
    return make([](auto... a) { return edge::call<&edgert_compare_i16>(a...); });
  case ET::I32:
    return make([](auto... a) { return edge::call<&edgert_compare_i32>(a...); });
  case ET::I64:
    return make([](auto... a) { return edge::call<&edgert_compare_i64>(a...); });
  case ET::Bool:
    return make(
        [](auto... a) { return edge::call<&edgert_compare_bool>(a...); });
  default:
    return noKernel(*this, why);
  }
}

LogicalResult LogicalOp::describeKernel(KernelCall &call, std::string &) {
  Value l = getLhs(), r = getRhs(), out = getResult();
  call = edge::call<&edgert_logical>(
      enumValue<edgert_logical_kind>(static_cast<int>(getKind())), shape(l),
      rank(l), buf(l), shape(r), rank(r), buf(r), shape(out), rank(out),
      buf(out));
  return success();
}

LogicalResult LogicalNotOp::describeKernel(KernelCall &call, std::string &) {
  call = edge::call<&edgert_logical_not>(count(getInput()), buf(getInput()),
                                         buf(getResult()));
  return success();
}

LogicalResult SelectOp::describeKernel(KernelCall &call, std::string &why) {
  if (failed(checkDataMovement(*this, why)))
    return failure();
  Value c = getOperand(0), t = getOperand(1), f = getOperand(2),
        out = getResult();
  call = edge::call<&edgert_select>(elemSize(out), shape(c), rank(c), buf(c),
                                    shape(t), rank(t), buf(t), shape(f),
                                    rank(f), buf(f), shape(out), rank(out),
                                    buf(out));
  return success();
}

LogicalResult MaxPool2DOp::describeKernel(KernelCall &call, std::string &why) {
  if (auto quantized = describeIfQuantized(*this, call, why))
    return *quantized;
  if (!allF32(*this))
    return noKernel(*this, why);
  call = edge::call<&edgert_max_pool2d_f32>(
      poolParams(*this, getFusedActivationAttr()), shape(getInput()),
      buf(getInput()), shape(getOutput()), buf(getOutput()));
  return success();
}

LogicalResult AvgPool2DOp::describeKernel(KernelCall &call, std::string &why) {
  if (auto quantized = describeIfQuantized(*this, call, why))
    return *quantized;
  if (!allF32(*this))
    return noKernel(*this, why);
  call = edge::call<&edgert_avg_pool2d_f32>(
      poolParams(*this, getFusedActivationAttr()), shape(getInput()),
      buf(getInput()), shape(getOutput()), buf(getOutput()));
  return success();
}

LogicalResult ReduceOp::describeKernel(KernelCall &call, std::string &why) {
  Value x = getInput(), out = getResult();
  ET t = elemOf(x);
  if (qkernel::hasQuantizedTypes(*this) || elemOf(out) != t)
    return noKernel(*this, why);
  SmallVector<int64_t> axes;
  int64_t r = cast<ShapedType>(x.getType()).getRank();
  for (int64_t a : getAxes())
    axes.push_back(a < 0 ? a + r : a);
  auto args = std::make_tuple(
      enumValue<edgert_reduce_kind>(static_cast<int>(getKind())), shape(x),
      rank(x), buf(x), ints(axes), i32(axes.size()), buf(out));
  auto make = [&](auto fn) {
    call = std::apply([&](auto... a) { return fn(a...); }, args);
    return success();
  };
  switch (t) {
  case ET::F32:
    return make([](auto... a) { return edge::call<&edgert_reduce_f32>(a...); });
  case ET::I32:
    return make([](auto... a) { return edge::call<&edgert_reduce_i32>(a...); });
  case ET::I64:
    return make([](auto... a) { return edge::call<&edgert_reduce_i64>(a...); });
  default:
    return noKernel(*this, why);
  }
}

LogicalResult ArgOp::describeKernel(KernelCall &call, std::string &why) {
  Value x = getInput(), out = getResult();
  if (qkernel::hasQuantizedTypes(*this))
    return noKernel(*this, why);
  auto args = std::make_tuple(
      enumValue<edgert_arg_kind>(static_cast<int>(getKind())), shape(x),
      rank(x), buf(x), axis(getAxis(), x), boolean(getSelectLastIndex()),
      buf(out));
  auto make = [&](auto fn) {
    call = std::apply([&](auto... a) { return fn(a...); }, args);
    return success();
  };
  bool i64 = elemOf(out) == ET::I64;
  if (!i64 && elemOf(out) != ET::I32)
    return noKernel(*this, why);
  switch (elemOf(x)) {
  case ET::F32:
    return i64 ? make([](auto... a) { return edge::call<&edgert_arg_f32_i64>(a...); })
               : make([](auto... a) { return edge::call<&edgert_arg_f32_i32>(a...); });
  case ET::I8:
    return i64 ? make([](auto... a) { return edge::call<&edgert_arg_i8_i64>(a...); })
               : make([](auto... a) { return edge::call<&edgert_arg_i8_i32>(a...); });
  case ET::I16:
    return i64 ? make([](auto... a) { return edge::call<&edgert_arg_i16_i64>(a...); })
               : make([](auto... a) { return edge::call<&edgert_arg_i16_i32>(a...); });
  case ET::I32:
    return i64 ? make([](auto... a) { return edge::call<&edgert_arg_i32_i64>(a...); })
               : make([](auto... a) { return edge::call<&edgert_arg_i32_i32>(a...); });
  default:
    return noKernel(*this, why);
  }
}

LogicalResult CumSumOp::describeKernel(KernelCall &call, std::string &why) {
  Value x = getInput();
  auto args = std::make_tuple(shape(x), rank(x), axis(getAxis(), x),
                              boolean(getExclusive()), boolean(getReverse()),
                              buf(x), buf(getOutput()));
  auto make = [&](auto fn) {
    call = std::apply([&](auto... a) { return fn(a...); }, args);
    return success();
  };
  switch (elemOf(x)) {
  case ET::F32:
    return make([](auto... a) { return edge::call<&edgert_cumsum_f32>(a...); });
  case ET::I32:
    return make([](auto... a) { return edge::call<&edgert_cumsum_i32>(a...); });
  case ET::I64:
    return make([](auto... a) { return edge::call<&edgert_cumsum_i64>(a...); });
  default:
    return noKernel(*this, why);
  }
}

LogicalResult SoftmaxOp::describeKernel(KernelCall &call, std::string &why) {
  if (auto quantized = describeIfQuantized(*this, call, why))
    return *quantized;
  if (!allF32(*this))
    return noKernel(*this, why);
  Value x = getInput();
  call = edge::call<&edgert_softmax_f32>(
      shape(x), rank(x), axis(getAxis(), x),
      f32(getBeta().convertToDouble()), buf(x), buf(getResult()));
  return success();
}

LogicalResult LogSoftmaxOp::describeKernel(KernelCall &call,
                                           std::string &why) {
  if (!allF32(*this))
    return noKernel(*this, why);
  Value x = getInput();
  call = edge::call<&edgert_log_softmax_f32>(
      shape(x), rank(x), axis(getAxis(), x),
      f32(getBeta().convertToDouble()), buf(x), buf(getResult()));
  return success();
}

LogicalResult LayerNormOp::describeKernel(KernelCall &call, std::string &why) {
  if (!allF32(*this))
    return noKernel(*this, why);
  Value x = getInput();
  call = edge::call<&edgert_layer_norm_f32>(
      shape(x), rank(x), axis(getAxis(), x),
      f32(getEpsilon().convertToDouble()), buf(x), buf(getScale()),
      optBuf(getBias()), buf(getResult()));
  return success();
}

LogicalResult InstanceNormOp::describeKernel(KernelCall &call,
                                             std::string &why) {
  if (!allF32(*this))
    return noKernel(*this, why);
  Value x = getInput();
  call = edge::call<&edgert_instance_norm_f32>(
      shape(x), rank(x), f32(getEpsilon().convertToDouble()), buf(x),
      buf(getScale()), buf(getBias()), buf(getResult()));
  return success();
}

LogicalResult LRNOp::describeKernel(KernelCall &call, std::string &why) {
  if (!allF32(*this))
    return noKernel(*this, why);
  Value x = getInput();
  call = edge::call<&edgert_lrn_f32>(
      shape(x), rank(x), i32(getSize()), f32(getAlpha().convertToDouble()),
      f32(getBeta().convertToDouble()), f32(getBias().convertToDouble()),
      buf(x), buf(getResult()));
  return success();
}

LogicalResult TransposeOp::describeKernel(KernelCall &call, std::string &why) {
  if (failed(checkDataMovement(*this, why)))
    return failure();
  Value x = getInput();
  call = edge::call<&edgert_transpose>(elemSize(x), shape(x), rank(x),
                                       ints(getPerm()), buf(x),
                                       buf(getOutput()));
  return success();
}

LogicalResult ConcatOp::describeKernel(KernelCall &call, std::string &why) {
  if (failed(checkDataMovement(*this, why)))
    return failure();
  Value out = getOutput();
  int64_t r = cast<ShapedType>(out.getType()).getRank();
  int64_t ax = getAxis() < 0 ? getAxis() + r : getAxis();
  SmallVector<int64_t> sizes;
  for (Value in : getInputs())
    sizes.push_back(cast<ShapedType>(in.getType()).getDimSize(ax));
  call = edge::call<&edgert_concat>(elemSize(out), shape(out), rank(out),
                                    i32(ax), i32(sizes.size()), ints(sizes),
                                    inputs(getInputs()), buf(out));
  return success();
}

LogicalResult SplitOp::describeKernel(KernelCall &call, std::string &why) {
  if (failed(checkDataMovement(*this, why)))
    return failure();
  Value x = getInput();
  call = edge::call<&edgert_split>(elemSize(x), shape(x), rank(x),
                                   axis(getAxis(), x),
                                   i32(getOutputs().size()), ints(getSizes()),
                                   buf(x), outputs(getOutputs()));
  return success();
}

LogicalResult SliceOp::describeKernel(KernelCall &call, std::string &why) {
  if (failed(checkDataMovement(*this, why)))
    return failure();
  Value x = getInput(), out = getResult();
  call = edge::call<&edgert_slice>(elemSize(out), shape(x), rank(x),
                                   ints(getOffsets()), ints(getStrides()),
                                   shape(out), buf(x), buf(out));
  return success();
}

LogicalResult PadOp::describeKernel(KernelCall &call, std::string &why) {
  Value x = getInput();
  double value = getValue().convertToDouble();
  if (qkernel::hasQuantizedTypes(*this)) {
    // The real pad value quantized with the input's parameters.
    qkernel::OpParams q;
    if (failed(qkernel::getOpParams(*this, q, why)))
      return failure();
    value = static_cast<double>(q.padValue);
  }
  call = edge::call<&edgert_pad>(
      elemSize(x), enumValue<edgert_pad_mode>(static_cast<int>(getMode())),
      shape(x), rank(x), ints(getBefore()), ints(getAfter()),
      padValue(x, value), buf(x), buf(getResult()));
  return success();
}

LogicalResult TileOp::describeKernel(KernelCall &call, std::string &why) {
  if (failed(checkDataMovement(*this, why)))
    return failure();
  Value x = getInput();
  call = edge::call<&edgert_tile>(elemSize(x), shape(x), rank(x),
                                  ints(getMultiples()), buf(x),
                                  buf(getResult()));
  return success();
}

LogicalResult BroadcastToOp::describeKernel(KernelCall &call,
                                            std::string &why) {
  if (failed(checkDataMovement(*this, why)))
    return failure();
  Value x = getInput(), out = getResult();
  call = edge::call<&edgert_broadcast_to>(elemSize(out), shape(x), rank(x),
                                          buf(x), shape(out), rank(out),
                                          buf(out));
  return success();
}

LogicalResult GatherOp::describeKernel(KernelCall &call, std::string &why) {
  if (failed(checkDataMovement(*this, why)))
    return failure();
  Value d = getData(), idx = getIndices();
  auto args = std::make_tuple(elemSize(d), shape(d), rank(d),
                              axis(getAxis(), d), buf(d), count(idx), buf(idx),
                              buf(getResult()));
  auto make = [&](auto fn) {
    call = std::apply([&](auto... a) { return fn(a...); }, args);
    return success();
  };
  switch (elemOf(idx)) {
  case ET::I32:
    return make([](auto... a) { return edge::call<&edgert_gather_i32>(a...); });
  case ET::I64:
    return make([](auto... a) { return edge::call<&edgert_gather_i64>(a...); });
  default:
    return noKernel(*this, why);
  }
}

LogicalResult ResizeOp::describeKernel(KernelCall &call, std::string &why) {
  if (failed(checkDataMovement(*this, why)))
    return failure();
  Value x = getInput(), out = getResult();
  NearestMode nearest =
      getNearestMode().value_or(NearestMode::round_prefer_floor);
  if (getMode() != ResizeMode::nearest && elemOf(x) != ET::F32)
    return noKernel(*this, why);
  if (getMode() == ResizeMode::bicubic || getScale()) {
    // The general kernel: bicubic, or coordinate scales given.
    ParamStructBuilder<edgert_resize_params> b;
    b.enumValue<edgert_resize_mode>(static_cast<int>(getMode()));
    b.enumValue<edgert_coord_mode>(static_cast<int>(getCoordinateMode()));
    b.enumValue<edgert_nearest_mode>(static_cast<int>(nearest));
    b.f32(getScale() ? (*getScale())[0] : 0.0);
    b.f32(getScale() ? (*getScale())[1] : 0.0);
    b.f32(getCubicCoeffA() ? getCubicCoeffA()->convertToDouble() : -0.75);
    b.i32(getExcludeOutside() ? 1 : 0);
    call = edge::call<&edgert_resize>(
        elemSize(out), param<edgert_resize_params>(b.get()), shape(x), buf(x),
        shape(out), buf(out));
    return success();
  }
  auto coord =
      enumValue<edgert_coord_mode>(static_cast<int>(getCoordinateMode()));
  if (getMode() == ResizeMode::nearest) {
    call = edge::call<&edgert_resize_nearest>(
        elemSize(out), coord,
        enumValue<edgert_nearest_mode>(static_cast<int>(nearest)), shape(x),
        buf(x), shape(out), buf(out));
    return success();
  }
  call = edge::call<&edgert_resize_bilinear_f32>(coord, shape(x), buf(x),
                                                 shape(out), buf(out));
  return success();
}

LogicalResult DepthToSpaceOp::describeKernel(KernelCall &call,
                                             std::string &why) {
  if (failed(checkDataMovement(*this, why)))
    return failure();
  Value x = getInput();
  call = edge::call<&edgert_depth_to_space>(
      elemSize(x), enumValue<edgert_d2s_mode>(static_cast<int>(getMode())),
      shape(x), i32(getBlockSize()), buf(x), buf(getResult()));
  return success();
}

LogicalResult SpaceToDepthOp::describeKernel(KernelCall &call,
                                             std::string &why) {
  if (failed(checkDataMovement(*this, why)))
    return failure();
  Value x = getInput();
  call = edge::call<&edgert_space_to_depth>(elemSize(x), shape(x),
                                            i32(getBlockSize()), buf(x),
                                            buf(getResult()));
  return success();
}

LogicalResult TopKOp::describeKernel(KernelCall &call, std::string &why) {
  Value x = getInput();
  if (qkernel::hasQuantizedTypes(*this))
    return noKernel(*this, why);
  auto args = std::make_tuple(shape(x), rank(x), axis(getAxis(), x),
                              i32(getK()), boolean(getLargest()), buf(x),
                              buf(getValues()), buf(getIndices()));
  auto make = [&](auto fn) {
    call = std::apply([&](auto... a) { return fn(a...); }, args);
    return success();
  };
  bool i64 = elemOf(getIndices()) == ET::I64;
  if (!i64 && elemOf(getIndices()) != ET::I32)
    return noKernel(*this, why);
  switch (elemOf(x)) {
  case ET::F32:
    return i64 ? make([](auto... a) { return edge::call<&edgert_topk_f32_i64>(a...); })
               : make([](auto... a) { return edge::call<&edgert_topk_f32_i32>(a...); });
  case ET::I32:
    return i64 ? make([](auto... a) { return edge::call<&edgert_topk_i32_i64>(a...); })
               : make([](auto... a) { return edge::call<&edgert_topk_i32_i32>(a...); });
  case ET::I64:
    if (i64)
      return make([](auto... a) { return edge::call<&edgert_topk_i64_i64>(a...); });
    return noKernel(*this, why);
  default:
    return noKernel(*this, why);
  }
}

LogicalResult CastOp::describeKernel(KernelCall &call, std::string &why) {
  auto dtype = [](Value v) -> std::optional<edgert_dtype> {
    switch (elemOf(v)) {
    case ET::F32: return EDGERT_DTYPE_F32;
    case ET::Bool: return EDGERT_DTYPE_BOOL;
    case ET::I8: return EDGERT_DTYPE_I8;
    case ET::U8: return EDGERT_DTYPE_U8;
    case ET::I16: return EDGERT_DTYPE_I16;
    case ET::I32: return EDGERT_DTYPE_I32;
    case ET::I64: return EDGERT_DTYPE_I64;
    case ET::Other: break;
    }
    return std::nullopt;
  };
  Value x = getInput(), out = getResult();
  auto from = dtype(x), to = dtype(out);
  if (!from || !to || qkernel::hasQuantizedTypes(*this))
    return noKernel(*this, why);
  call = edge::call<&edgert_cast>(enumValue<edgert_dtype>(*from),
                                  enumValue<edgert_dtype>(*to), count(x),
                                  buf(x), buf(out));
  return success();
}

LogicalResult QuantizeOp::describeKernel(KernelCall &call, std::string &why) {
  if (auto quantized = describeIfQuantized(*this, call, why))
    return *quantized;
  return noKernel(*this, why);
}
LogicalResult DequantizeOp::describeKernel(KernelCall &call,
                                           std::string &why) {
  if (auto quantized = describeIfQuantized(*this, call, why))
    return *quantized;
  return noKernel(*this, why);
}
LogicalResult RequantizeOp::describeKernel(KernelCall &call,
                                           std::string &why) {
  if (auto quantized = describeIfQuantized(*this, call, why))
    return *quantized;
  return noKernel(*this, why);
}

//===----------------------------------------------------------------------===//
// Verification
//===----------------------------------------------------------------------===//

LogicalResult getKernelCall(Operation *op, KernelCall &call,
                            std::string &why) {
  if (failed(cast<KernelOpInterface>(op).describeKernel(call, why)))
    return failure();
  for (const KernelArg &arg : call.args) {
    bool tooLarge = arg.kind == KernelArg::Kind::Ints ? arg.intsOverflow
                    : arg.kind == KernelArg::Kind::Int
                        ? arg.i < INT32_MIN || arg.i > INT32_MAX
                        : false;
    if (tooLarge) {
      why = "has a size, count or parameter beyond the 32-bit integers of "
            "the runtime's " +
            call.name().str() + " (a tensor of 2^31 or more elements?)";
      return failure();
    }
  }
  return success();
}

LogicalResult verifyKernelDescription(Operation *op) {
  KernelCall call;
  std::string why;
  if (failed(getKernelCall(op, call, why)))
    return op->emitOpError() << why;
  return success();
}

} // namespace edgec::edge
