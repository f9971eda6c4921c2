//===- EdgeOps.cpp - verifiers of the edge dialect's ops ------------------===//
//
// Shape arithmetic, layout and quantization rules of the kernel level. Shapes
// may have dynamic dimensions; every rule that involves a size is checked
// where the sizes are static.
//
//===----------------------------------------------------------------------===//
#include "edgec/Dialect/Edge/EdgeOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallBitVector.h"

#include <cmath>

using namespace mlir;
using namespace edgec::edge;
namespace qt = mlir::quant;

#include "edgec/Dialect/Edge/EdgeInterfaces.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {
/// The arithmetic domain of an element type.
enum class Domain { Float, Int, Quant, Other };
} // namespace

static Type elementOf(Value v) { return getElementTypeOrSelf(v.getType()); }
static RankedTensorType tensorOf(Value v) {
  return llvm::cast<RankedTensorType>(v.getType());
}
static ArrayRef<int64_t> shapeOf(Value v) { return tensorOf(v).getShape(); }

static Domain domainOf(Type t) {
  if (t.isF32())
    return Domain::Float;
  if (isEdgeQuantType(t))
    return Domain::Quant;
  if (t.isSignlessInteger())
    return Domain::Int;
  return Domain::Other;
}

static bool isStatic(int64_t d) { return !ShapedType::isDynamic(d); }
static bool compatible(int64_t a, int64_t b) {
  return !isStatic(a) || !isStatic(b) || a == b;
}

static std::string dimStr(int64_t d) {
  return isStatic(d) ? std::to_string(d) : std::string("?");
}

/// Checks that result dimension `index` matches `expected` (when both are
/// static).
static LogicalResult checkDim(Operation *op, StringRef what, unsigned index,
                              int64_t actual, int64_t expected) {
  if (compatible(actual, expected))
    return success();
  return op->emitOpError() << what << " dimension " << index << " is "
                           << actual << ", expected " << expected;
}

/// Quantized element types have the same storage type (width, signedness).
static bool sameStorage(Type a, Type b) {
  auto qa = llvm::dyn_cast<qt::QuantizedType>(a);
  auto qb = llvm::dyn_cast<qt::QuantizedType>(b);
  return qa && qb && qa.getStorageType() == qb.getStorageType() &&
         qa.isSigned() == qb.isSigned();
}

static LogicalResult checkAxis(Operation *op, int64_t axis, int64_t rank,
                               StringRef name = "axis") {
  if (axis < 0 || axis >= rank)
    return op->emitOpError() << name << " " << axis << " is out of range [0, "
                             << rank << ")";
  return success();
}

/// Element types of an elementwise op: all f32, all the same integer type,
/// or all per-tensor quantized with one storage type (identical parameters
/// if `sameParams`).
static LogicalResult verifyElementwiseTypes(Operation *op, ArrayRef<Type> types,
                                            bool sameParams) {
  Type first = types.front();
  Domain d = domainOf(first);
  for (Type t : types) {
    if (domainOf(t) != d)
      return op->emitOpError()
             << "mixes element types " << first << " and " << t
             << " (use edge.cast, edge.quantize or edge.dequantize)";
    if (d == Domain::Quant) {
      if (!llvm::isa<qt::UniformQuantizedType>(t))
        return op->emitOpError()
               << "expects per-tensor quantized operands, got " << t;
      if (!sameStorage(first, t))
        return op->emitOpError() << "mixes quantized storage types of "
                                 << first << " and " << t;
      if (sameParams && t != first)
        return op->emitOpError()
               << "expects identical quantization parameters, got " << first
               << " and " << t;
    } else if (t != first) {
      return op->emitOpError()
             << "mixes element types " << first << " and " << t;
    }
  }
  return success();
}

/// Numpy broadcasting of `operands` must give `result`'s shape.
static LogicalResult verifyBroadcast(Operation *op, ValueRange operands,
                                     Value result) {
  ArrayRef<int64_t> out = shapeOf(result);
  size_t rank = 0;
  for (Value v : operands)
    rank = std::max<size_t>(rank, shapeOf(v).size());
  if (out.size() != rank)
    return op->emitOpError() << "result rank " << out.size()
                             << " differs from the broadcast rank " << rank;
  for (size_t i = 0; i < rank; ++i) {
    // Walk dimension i counted from the innermost one.
    int64_t known = 1;
    bool dynamic = false;
    for (Value v : operands) {
      ArrayRef<int64_t> s = shapeOf(v);
      if (i >= s.size())
        continue;
      int64_t d = s[s.size() - 1 - i];
      if (!isStatic(d)) {
        dynamic = true;
        continue;
      }
      if (d == 1)
        continue;
      if (known != 1 && known != d)
        return op->emitOpError()
               << "operand shapes are not broadcast-compatible (" << known
               << " vs " << d << " in dimension " << rank - 1 - i << ")";
      known = d;
    }
    int64_t r = out[rank - 1 - i];
    if (!isStatic(r))
      continue;
    if (known != 1 ? r != known : (!dynamic && r != 1))
      return op->emitOpError()
             << "result dimension " << rank - 1 - i << " is " << r
             << ", expected " << known << " from broadcasting";
  }
  return success();
}

static LogicalResult verifySameShape(Operation *op, Value a, Value b) {
  ArrayRef<int64_t> sa = shapeOf(a), sb = shapeOf(b);
  if (sa.size() != sb.size())
    return op->emitOpError() << "result rank " << sb.size()
                             << " differs from input rank " << sa.size();
  for (auto [i, pair] : llvm::enumerate(llvm::zip(sa, sb)))
    if (failed(checkDim(op, "result", i, std::get<1>(pair),
                        std::get<0>(pair))))
      return failure();
  return success();
}

static LogicalResult checkRank(Operation *op, Value v, StringRef name,
                               int64_t rank, StringRef layout = "") {
  int64_t actual = tensorOf(v).getRank();
  if (actual == rank)
    return success();
  auto diag = op->emitOpError() << "expects " << name << " of rank " << rank;
  if (!layout.empty())
    diag << " (" << layout << ")";
  return diag << ", got rank " << actual;
}

/// Quantized ops implement the fused activation as a clamp of the integer
/// output range; only clamp-like activations can be fused there.
static LogicalResult verifyFusedActivation(Operation *op, Type outElement) {
  auto act = op->getAttrOfType<ActivationAttr>("fused_activation");
  if (!act || outElement.isF32() || act.getClampRange())
    return success();
  return op->emitOpError() << "fused activation '"
                           << stringifyActivationKind(act.getKind())
                           << "' needs a float result; quantized and integer "
                              "kernels fuse only clamping activations";
}

//===----------------------------------------------------------------------===//
// Quantization rules of weighted ops (conv, depthwise, transpose conv, FC)
//===----------------------------------------------------------------------===//

static bool closeRel(double a, double b, double tol = 1e-5) {
  return std::abs(a - b) <= tol * std::max(std::abs(a), std::abs(b));
}

/// Scales and zero points of a quantized type, per channel along `axis`
/// (a per-tensor type yields one entry).
static void scalesOf(qt::QuantizedType t, SmallVectorImpl<double> &scales,
                     SmallVectorImpl<int64_t> &zeroPoints) {
  if (auto pt = llvm::dyn_cast<qt::UniformQuantizedType>(t)) {
    scales.push_back(pt.getScale());
    zeroPoints.push_back(pt.getZeroPoint());
    return;
  }
  auto pa = llvm::cast<qt::UniformQuantizedPerAxisType>(t);
  scales.append(pa.getScales().begin(), pa.getScales().end());
  zeroPoints.append(pa.getZeroPoints().begin(), pa.getZeroPoints().end());
}

/// Checks a quantized tensor's per-axis dimension against its shape.
static LogicalResult verifyPerAxis(Operation *op, Value v, StringRef name) {
  auto pa = llvm::dyn_cast<qt::UniformQuantizedPerAxisType>(elementOf(v));
  if (!pa)
    return success();
  ArrayRef<int64_t> shape = shapeOf(v);
  int64_t axis = pa.getQuantizedDimension();
  if (axis >= static_cast<int64_t>(shape.size()))
    return op->emitOpError()
           << name << " is quantized along dimension " << axis
           << ", beyond its rank " << shape.size();
  if (isStatic(shape[axis]) &&
      static_cast<int64_t>(pa.getScales().size()) != shape[axis])
    return op->emitOpError()
           << name << " has " << pa.getScales().size()
           << " quantization scales for dimension " << axis << " of size "
           << shape[axis];
  return success();
}

static LogicalResult verifyWeightedTypes(Operation *op, Value input,
                                         Value weights, Value bias,
                                         Value output, StringRef weightName,
                                         int64_t channelAxis,
                                         int64_t numChannels) {
  Type inT = elementOf(input), wT = elementOf(weights), outT = elementOf(output);
  if (bias) {
    ArrayRef<int64_t> bs = shapeOf(bias);
    if (bs.size() != 1)
      return op->emitOpError() << "expects a bias of rank 1, got rank "
                               << bs.size();
    if (!compatible(bs[0], numChannels))
      return op->emitOpError() << "bias has " << bs[0] << " elements, expected "
                               << numChannels << " (output channels)";
  }

  if (inT.isF32()) {
    if (!wT.isF32() || !outT.isF32())
      return op->emitOpError() << "with f32 input expects f32 " << weightName
                               << " and result (dequantize quantized "
                               << weightName << " first)";
    if (bias && !elementOf(bias).isF32())
      return op->emitOpError() << "with f32 input expects an f32 bias";
    return success();
  }

  // Quantized (TFLite) rules.
  auto inQ = llvm::dyn_cast<qt::UniformQuantizedType>(inT);
  auto outQ = llvm::dyn_cast<qt::UniformQuantizedType>(outT);
  if (!inQ)
    return op->emitOpError() << "expects a per-tensor quantized input, got "
                             << inT;
  if (!outQ)
    return op->emitOpError()
           << "with quantized input expects a per-tensor quantized result, got "
           << outT;
  if (!sameStorage(inQ, outQ))
    return op->emitOpError() << "input and result storage types differ ("
                             << inQ.getStorageType() << " vs "
                             << outQ.getStorageType() << ")";
  auto wQ = llvm::dyn_cast<qt::QuantizedType>(wT);
  if (!wQ)
    return op->emitOpError() << "with quantized input expects quantized "
                             << weightName << ", got " << wT;
  if (wQ.getStorageTypeIntegralWidth() > 8)
    return op->emitOpError() << weightName
                             << " storage must be at most 8 bits, got "
                             << wQ.getStorageType();
  if (auto pa = llvm::dyn_cast<qt::UniformQuantizedPerAxisType>(wQ)) {
    if (pa.getQuantizedDimension() != channelAxis)
      return op->emitOpError()
             << "per-axis " << weightName << " quantization must be along "
             << "the output-channel dimension " << channelAxis << ", got "
             << pa.getQuantizedDimension();
    if (isStatic(numChannels) &&
        static_cast<int64_t>(pa.getScales().size()) != numChannels)
      return op->emitOpError()
             << weightName << " has " << pa.getScales().size()
             << " quantization scales for " << numChannels
             << " output channels";
  }
  SmallVector<double> wScales;
  SmallVector<int64_t> wZps;
  scalesOf(wQ, wScales, wZps);
  if (llvm::any_of(wZps, [](int64_t z) { return z != 0; }))
    return op->emitOpError() << weightName
                             << " must be symmetrically quantized (zero point "
                                "0)";
  if (!bias)
    return success();

  Type bT = elementOf(bias);
  unsigned inBits = inQ.getStorageTypeIntegralWidth();
  if (auto bInt = llvm::dyn_cast<IntegerType>(bT)) {
    if (bInt.getWidth() == 32 || (bInt.getWidth() == 64 && inBits == 16))
      return success();
    return op->emitOpError() << "bias must be i32 (or i64 with 16-bit "
                                "activations), got "
                             << bT;
  }
  auto bQ = llvm::dyn_cast<qt::QuantizedType>(bT);
  if (!bQ)
    return op->emitOpError() << "with quantized input expects an integer or "
                                "quantized bias, got "
                             << bT;
  if (bQ.getStorageTypeIntegralWidth() != 32)
    return op->emitOpError() << "quantized bias must have i32 storage, got "
                             << bQ.getStorageType();
  if (auto pa = llvm::dyn_cast<qt::UniformQuantizedPerAxisType>(bQ))
    if (pa.getQuantizedDimension() != 0)
      return op->emitOpError() << "per-axis bias quantization must be along "
                                  "dimension 0";
  SmallVector<double> bScales;
  SmallVector<int64_t> bZps;
  scalesOf(bQ, bScales, bZps);
  if (llvm::any_of(bZps, [](int64_t z) { return z != 0; }))
    return op->emitOpError() << "quantized bias must have zero point 0";
  size_t n = std::max(bScales.size(), wScales.size());
  if (bScales.size() != n && bScales.size() != 1)
    return op->emitOpError() << "bias has " << bScales.size()
                             << " scales, expected " << n;
  for (size_t i = 0; i < n; ++i) {
    double expected = inQ.getScale() * wScales[wScales.size() == 1 ? 0 : i];
    double actual = bScales[bScales.size() == 1 ? 0 : i];
    if (!closeRel(actual, expected))
      return op->emitOpError()
             << "bias scale " << actual << " (channel " << i
             << ") must equal input scale * " << weightName << " scale = "
             << expected;
  }
  return success();
}

/// out = floor((in + before + after - dilation * (k - 1) - 1) / stride) + 1
static LogicalResult verifyWindowDim(Operation *op, unsigned resultDim,
                                     int64_t in, int64_t out, int64_t k,
                                     int64_t stride, int64_t dilation,
                                     int64_t before, int64_t after) {
  if (!isStatic(in) || !isStatic(k))
    return success();
  int64_t span = dilation * (k - 1) + 1;
  int64_t padded = in + before + after;
  if (padded < span)
    return op->emitOpError()
           << "window of extent " << span << " does not fit the padded input "
           << "of size " << padded << " (dimension " << resultDim << ")";
  int64_t expected = (padded - span) / stride + 1;
  return checkDim(op, "result", resultDim, out, expected);
}

/// verifyWindowDim for H and W of an NHWC window op whose window extents are
/// `k[1]`, `k[2]` (OHWI and 1HWC filters alike); pads are [top, left, bottom,
/// right].
static LogicalResult verifyWindows2D(Operation *op, ArrayRef<int64_t> in,
                                     ArrayRef<int64_t> out, ArrayRef<int64_t> k,
                                     ArrayRef<int64_t> stride,
                                     ArrayRef<int64_t> dilation,
                                     ArrayRef<int64_t> pad) {
  for (int i = 0; i < 2; ++i)
    if (failed(verifyWindowDim(op, i + 1, in[i + 1], out[i + 1], k[i + 1],
                               stride[i], dilation[i], pad[i], pad[i + 2])))
      return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

void ConstantOp::getAsmResultNames(
    function_ref<void(Value, StringRef)> setNameFn) {
  setNameFn(getResult(), "cst");
}

// edge.constant <elements-attr> (-> <tensor-type>)?
ParseResult ConstantOp::parse(OpAsmParser &parser, OperationState &result) {
  Attribute value;
  if (parser.parseOptionalAttrDict(result.attributes) ||
      parser.parseAttribute(value))
    return failure();
  auto elements = llvm::dyn_cast<ElementsAttr>(value);
  if (!elements)
    return parser.emitError(parser.getNameLoc(),
                            "expects an elements attribute");
  Type type = elements.getType();
  if (succeeded(parser.parseOptionalArrow()) && parser.parseType(type))
    return failure();
  result.addAttribute(getValueAttrName(result.name), elements);
  result.addTypes(type);
  return success();
}

void ConstantOp::print(OpAsmPrinter &p) {
  p.printOptionalAttrDict((*this)->getAttrs(), {getValueAttrName()});
  p << ' ';
  p.printAttribute(getValue());
  if (getValue().getType() != getType())
    p << " -> " << getType();
}

LogicalResult ConstantOp::verify() {
  auto valueType = llvm::dyn_cast<ShapedType>(getValue().getType());
  RankedTensorType type = getType();
  if (!valueType || valueType.getShape() != type.getShape())
    return emitOpError() << "value type " << getValue().getType()
                         << " does not match the result shape " << type;
  Type vt = valueType.getElementType(), rt = type.getElementType();
  if (vt == rt)
    return success();
  auto q = llvm::dyn_cast<qt::QuantizedType>(rt);
  auto storage = llvm::dyn_cast<IntegerType>(vt);
  if (!q)
    return emitOpError() << "value element type " << vt
                         << " differs from the result element type " << rt;
  if (!storage || storage.getWidth() != q.getStorageTypeIntegralWidth())
    return emitOpError() << "quantized constant must hold its storage values "
                            "(integers of "
                         << q.getStorageTypeIntegralWidth()
                         << " bits), got " << vt;
  return verifyPerAxis(*this, getOutput(), "result");
}

//===----------------------------------------------------------------------===//
// Convolutions and matrix products
//===----------------------------------------------------------------------===//

/// The plain integer form of conv2d (ONNX ConvInteger / QLinearConv after
/// zero-point subtraction): i16 x i16 (+ i32 bias) -> i32, no activation.
static LogicalResult verifyIntegerConvTypes(Conv2DOp op, int64_t channels) {
  if (!elementOf(op.getFilter()).isInteger(16) ||
      !elementOf(op.getOutput()).isInteger(32))
    return op.emitOpError()
           << "with i16 input expects an i16 filter and an i32 result";
  if (Value b = op.getBias()) {
    ArrayRef<int64_t> bs = shapeOf(b);
    if (bs.size() != 1 || !compatible(bs[0], channels) ||
        !elementOf(b).isInteger(32))
      return op.emitOpError() << "with i16 input expects an i32 bias of "
                              << channels << " elements";
  }
  if (auto act = op.getFusedActivationAttr();
      act && act.getKind() != ActivationKind::none)
    return op.emitOpError()
           << "integer convolution takes no fused activation";
  return success();
}

LogicalResult Conv2DOp::verify() {
  if (failed(checkRank(*this, getInput(), "input", 4, "NHWC")) ||
      failed(checkRank(*this, getFilter(), "filter", 4, "OHWI")) ||
      failed(checkRank(*this, getOutput(), "result", 4, "NHWC")))
    return failure();
  ArrayRef<int64_t> in = shapeOf(getInput()), f = shapeOf(getFilter()),
                    out = shapeOf(getOutput());
  int64_t groups = getGroups();
  if (isStatic(in[3]) && isStatic(f[3]) && in[3] != f[3] * groups)
    return emitOpError() << "input has " << in[3] << " channels, expected "
                         << "filter input channels (" << f[3]
                         << ") * groups (" << groups << ")";
  if (isStatic(f[0]) && f[0] % groups != 0)
    return emitOpError() << "output channels " << f[0]
                         << " are not divisible by groups " << groups;
  if (failed(checkDim(*this, "result", 0, out[0], in[0])) ||
      failed(checkDim(*this, "result", 3, out[3], f[0])))
    return failure();
  if (failed(verifyWindows2D(*this, in, out, f, getStride(), getDilation(),
                             getPad())))
    return failure();
  if (elementOf(getInput()).isInteger(16))
    return verifyIntegerConvTypes(*this, f[0]);
  if (failed(verifyWeightedTypes(*this, getInput(), getFilter(), getBias(),
                                 getOutput(), "filter", 0, f[0])))
    return failure();
  return verifyFusedActivation(*this, elementOf(getOutput()));
}

LogicalResult DepthwiseConv2DOp::verify() {
  if (failed(checkRank(*this, getInput(), "input", 4, "NHWC")) ||
      failed(checkRank(*this, getFilter(), "filter", 4, "1HWC")) ||
      failed(checkRank(*this, getOutput(), "result", 4, "NHWC")))
    return failure();
  ArrayRef<int64_t> in = shapeOf(getInput()), f = shapeOf(getFilter()),
                    out = shapeOf(getOutput());
  if (isStatic(f[0]) && f[0] != 1)
    return emitOpError() << "expects filter dimension 0 to be 1, got " << f[0];
  int64_t m = getDepthMultiplier();
  int64_t channels = isStatic(in[3]) ? in[3] * m : ShapedType::kDynamic;
  if (!compatible(f[3], channels))
    return emitOpError() << "filter has " << f[3] << " channels, expected "
                         << "input channels (" << in[3]
                         << ") * depth_multiplier (" << m << ")";
  if (failed(checkDim(*this, "result", 0, out[0], in[0])) ||
      failed(checkDim(*this, "result", 3, out[3], f[3])))
    return failure();
  if (failed(verifyWindows2D(*this, in, out, f, getStride(), getDilation(),
                             getPad())))
    return failure();
  if (failed(verifyWeightedTypes(*this, getInput(), getFilter(), getBias(),
                                 getOutput(), "filter", 3, f[3])))
    return failure();
  return verifyFusedActivation(*this, elementOf(getOutput()));
}

LogicalResult TransposeConv2DOp::verify() {
  if (failed(checkRank(*this, getInput(), "input", 4, "NHWC")) ||
      failed(checkRank(*this, getFilter(), "filter", 4, "OHWI")) ||
      failed(checkRank(*this, getOutput(), "result", 4, "NHWC")))
    return failure();
  ArrayRef<int64_t> in = shapeOf(getInput()), f = shapeOf(getFilter()),
                    out = shapeOf(getOutput());
  if (!compatible(in[3], f[3]))
    return emitOpError() << "input has " << in[3]
                         << " channels, filter expects " << f[3];
  if (failed(checkDim(*this, "result", 0, out[0], in[0])) ||
      failed(checkDim(*this, "result", 3, out[3], f[0])))
    return failure();
  ArrayRef<int64_t> s = getStride(), d = getDilation(), p = getPad();
  for (int i = 0; i < 2; ++i) {
    int64_t h = in[i + 1], k = f[i + 1], o = out[i + 1];
    if (!isStatic(h) || !isStatic(k) || !isStatic(o))
      continue;
    int64_t base = (h - 1) * s[i] + d[i] * (k - 1) + 1 - p[i] - p[i + 2];
    if (o < base || o >= base + s[i])
      return emitOpError() << "result dimension " << i + 1 << " is " << o
                           << ", expected " << base << " plus an output "
                           << "padding below the stride " << s[i];
  }
  if (failed(verifyWeightedTypes(*this, getInput(), getFilter(), getBias(),
                                 getOutput(), "filter", 0, f[0])))
    return failure();
  return verifyFusedActivation(*this, elementOf(getOutput()));
}

LogicalResult FullyConnectedOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), w = shapeOf(getWeights()),
                    out = shapeOf(getOutput());
  if (in.empty())
    return emitOpError() << "expects an input of rank >= 1";
  if (failed(checkRank(*this, getWeights(), "weights", 2, "[N, K]")))
    return failure();
  if (!compatible(in.back(), w[1]))
    return emitOpError() << "input has K = " << in.back()
                         << " but weights have K = " << w[1];
  if (out.size() != in.size())
    return emitOpError() << "result rank " << out.size()
                         << " differs from input rank " << in.size();
  for (size_t i = 0; i + 1 < in.size(); ++i)
    if (failed(checkDim(*this, "result", i, out[i], in[i])))
      return failure();
  if (failed(checkDim(*this, "result", out.size() - 1, out.back(), w[0])))
    return failure();
  if (failed(verifyWeightedTypes(*this, getInput(), getWeights(), getBias(),
                                 getOutput(), "weights", 0, w[0])))
    return failure();
  return verifyFusedActivation(*this, elementOf(getOutput()));
}

LogicalResult MatMulOp::verify() {
  ArrayRef<int64_t> a = shapeOf(getLhs()), b = shapeOf(getRhs()),
                    out = shapeOf(getOutput());
  if (a.size() < 2 || b.size() < 2)
    return emitOpError() << "expects operands of rank >= 2";
  if (!compatible(a.back(), b[b.size() - 2]))
    return emitOpError() << "contraction sizes differ: lhs K = " << a.back()
                         << ", rhs K = " << b[b.size() - 2];
  size_t rank = std::max(a.size(), b.size());
  if (out.size() != rank)
    return emitOpError() << "result rank " << out.size() << ", expected "
                         << rank;
  // Batch dimensions broadcast.
  for (size_t i = 2; i < rank; ++i) {
    int64_t da = i < a.size() ? a[a.size() - 1 - i] : 1;
    int64_t db = i < b.size() ? b[b.size() - 1 - i] : 1;
    if (isStatic(da) && isStatic(db) && da != db && da != 1 && db != 1)
      return emitOpError() << "batch dimensions " << da << " and " << db
                           << " do not broadcast";
    int64_t expected = (isStatic(da) && isStatic(db))
                           ? std::max(da, db)
                           : ShapedType::kDynamic;
    if (failed(checkDim(*this, "result", rank - 1 - i, out[rank - 1 - i],
                        expected)))
      return failure();
  }
  if (failed(checkDim(*this, "result", rank - 2, out[rank - 2],
                      a[a.size() - 2])) ||
      failed(checkDim(*this, "result", rank - 1, out[rank - 1], b.back())))
    return failure();

  Type at = elementOf(getLhs()), bt = elementOf(getRhs()),
       ot = elementOf(getOutput());
  Domain d = domainOf(at);
  if (d == Domain::Float) {
    if (!bt.isF32() || !ot.isF32())
      return emitOpError() << "with f32 lhs expects f32 rhs and result";
  } else if (d == Domain::Int) {
    if (bt != at)
      return emitOpError() << "integer operands must have the same type, got "
                           << at << " and " << bt;
    if (!ot.isSignlessInteger(32))
      return emitOpError() << "integer matmul accumulates into i32, got "
                           << ot;
  } else {
    if (!llvm::isa<qt::UniformQuantizedType>(at) ||
        !llvm::isa<qt::UniformQuantizedType>(ot))
      return emitOpError() << "quantized lhs and result must be per-tensor "
                              "quantized";
    auto bq = llvm::dyn_cast<qt::QuantizedType>(bt);
    if (!bq)
      return emitOpError() << "with quantized lhs expects quantized rhs, got "
                           << bt;
    if (!sameStorage(at, ot))
      return emitOpError() << "lhs and result storage types differ";
    if (auto pa = llvm::dyn_cast<qt::UniformQuantizedPerAxisType>(bq)) {
      if (pa.getQuantizedDimension() != static_cast<int64_t>(b.size()) - 1)
        return emitOpError() << "per-axis rhs quantization must be along its "
                                "last (N) dimension";
      if (llvm::any_of(pa.getZeroPoints(), [](int64_t z) { return z != 0; }))
        return emitOpError() << "per-axis rhs must be symmetrically quantized";
      if (failed(verifyPerAxis(*this, getRhs(), "rhs")))
        return failure();
    }
  }
  return verifyFusedActivation(*this, ot);
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

static LogicalResult verifyBinary(Operation *op, bool sameParams,
                                  bool allowQuant = true,
                                  bool allowFloat = true) {
  Value lhs = op->getOperand(0), rhs = op->getOperand(1),
        out = op->getResult(0);
  if (failed(verifyBroadcast(op, {lhs, rhs}, out)) ||
      failed(verifyElementwiseTypes(
          op, {elementOf(lhs), elementOf(rhs), elementOf(out)}, sameParams)))
    return failure();
  Domain d = domainOf(elementOf(out));
  if (d == Domain::Quant && !allowQuant)
    return op->emitOpError() << "has no quantized form";
  if (d == Domain::Float && !allowFloat)
    return op->emitOpError() << "has no float form";
  return verifyFusedActivation(op, elementOf(out));
}

LogicalResult AddOp::verify() { return verifyBinary(*this, false); }
LogicalResult SubOp::verify() { return verifyBinary(*this, false); }
LogicalResult MulOp::verify() { return verifyBinary(*this, false); }
LogicalResult DivOp::verify() { return verifyBinary(*this, false); }
LogicalResult MaximumOp::verify() { return verifyBinary(*this, true); }
LogicalResult MinimumOp::verify() { return verifyBinary(*this, true); }
LogicalResult PowOp::verify() { return verifyBinary(*this, false); }
LogicalResult ModOp::verify() {
  return verifyBinary(*this, false, /*allowQuant=*/false);
}

LogicalResult UnaryOp::verify() {
  Type in = elementOf(getInput()), out = elementOf(getOutput());
  if (failed(verifyElementwiseTypes(*this, {in, out}, false)))
    return failure();
  UnaryKind k = getKind();
  if (domainOf(in) == Domain::Int && k != UnaryKind::abs &&
      k != UnaryKind::neg && k != UnaryKind::sign)
    return emitOpError() << "'" << stringifyUnaryKind(k)
                         << "' has no integer form (only abs, neg, sign)";
  return success();
}

LogicalResult ActivationOp::verify() {
  return verifyElementwiseTypes(
      *this, {elementOf(getInput()), elementOf(getOutput())}, false);
}

LogicalResult PReluOp::verify() {
  if (failed(verifySameShape(*this, getInput(), getOutput())))
    return failure();
  // alpha broadcasts to the input: broadcasting both gives the input shape.
  if (failed(verifyBroadcast(*this, {getInput(), getAlpha()}, getOutput())))
    return failure();
  return verifyElementwiseTypes(*this,
                                {elementOf(getInput()), elementOf(getAlpha()),
                                 elementOf(getOutput())},
                                false);
}

LogicalResult CompareOp::verify() {
  if (elementOf(getLhs()) != elementOf(getRhs()))
    return emitOpError() << "compares different element types "
                         << elementOf(getLhs()) << " and "
                         << elementOf(getRhs());
  if (isEdgeQuantType(elementOf(getLhs())) &&
      !llvm::isa<qt::UniformQuantizedType>(elementOf(getLhs())))
    return emitOpError() << "expects per-tensor quantized operands";
  return verifyBroadcast(*this, {getLhs(), getRhs()}, getOutput());
}

LogicalResult LogicalOp::verify() {
  return verifyBroadcast(*this, {getLhs(), getRhs()}, getOutput());
}

LogicalResult SelectOp::verify() {
  Type t = elementOf(getOnTrue());
  if (elementOf(getOnFalse()) != t || elementOf(getOutput()) != t)
    return emitOpError() << "expects the same element type for both values "
                            "and the result";
  return verifyBroadcast(*this, {getCondition(), getOnTrue(), getOnFalse()},
                         getOutput());
}

//===----------------------------------------------------------------------===//
// Pooling, reductions, normalization
//===----------------------------------------------------------------------===//

template <typename PoolOp>
static LogicalResult verifyPool(PoolOp op) {
  if (failed(checkRank(op, op.getInput(), "input", 4, "NHWC")) ||
      failed(checkRank(op, op.getOutput(), "result", 4, "NHWC")))
    return failure();
  ArrayRef<int64_t> in = shapeOf(op.getInput()), out = shapeOf(op.getOutput());
  if (failed(checkDim(op, "result", 0, out[0], in[0])) ||
      failed(checkDim(op, "result", 3, out[3], in[3])))
    return failure();
  ArrayRef<int64_t> k = op.getKernel(), s = op.getStride(), p = op.getPad();
  for (int i = 0; i < 2; ++i)
    if (failed(verifyWindowDim(op, i + 1, in[i + 1], out[i + 1], k[i], s[i], 1,
                               p[i], p[i + 2])))
      return failure();
  Type inT = elementOf(op.getInput()), outT = elementOf(op.getOutput());
  if (failed(verifyElementwiseTypes(op, {inT, outT}, /*sameParams=*/true)))
    return failure();
  return verifyFusedActivation(op, outT);
}

LogicalResult MaxPool2DOp::verify() { return verifyPool(*this); }
LogicalResult AvgPool2DOp::verify() { return verifyPool(*this); }

LogicalResult ReduceOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  int64_t rank = in.size();
  llvm::SmallBitVector reduced(rank);
  if (getAxes().empty())
    return emitOpError() << "expects at least one axis";
  for (int64_t a : getAxes()) {
    if (failed(checkAxis(*this, a, rank)))
      return failure();
    if (reduced.test(a))
      return emitOpError() << "reduces axis " << a << " twice";
    reduced.set(a);
  }
  SmallVector<int64_t> expected;
  for (int64_t i = 0; i < rank; ++i) {
    if (!reduced.test(i))
      expected.push_back(in[i]);
    else if (getKeepDims())
      expected.push_back(1);
  }
  if (out.size() != expected.size())
    return emitOpError() << "result rank " << out.size() << ", expected "
                         << expected.size();
  for (auto [i, e] : llvm::enumerate(expected))
    if (failed(checkDim(*this, "result", i, out[i], e)))
      return failure();
  bool sameParams =
      getKind() == ReduceKind::max || getKind() == ReduceKind::min;
  return verifyElementwiseTypes(
      *this, {elementOf(getInput()), elementOf(getOutput())}, sameParams);
}

LogicalResult ArgOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  int64_t rank = in.size(), axis = getAxis();
  if (failed(checkAxis(*this, axis, rank)))
    return failure();
  SmallVector<int64_t> expected(in);
  if (getKeepDims())
    expected[axis] = 1;
  else
    expected.erase(expected.begin() + axis);
  if (out.size() != expected.size())
    return emitOpError() << "result rank " << out.size() << ", expected "
                         << expected.size();
  for (auto [i, e] : llvm::enumerate(expected))
    if (failed(checkDim(*this, "result", i, out[i], e)))
      return failure();
  return success();
}

LogicalResult CumSumOp::verify() {
  return checkAxis(*this, getAxis(), getInput().getType().getRank());
}

template <typename SoftmaxOp>
static LogicalResult verifySoftmax(SoftmaxOp op) {
  if (failed(checkAxis(op, op.getAxis(), tensorOf(op.getInput()).getRank())))
    return failure();
  if (op.getBeta().isZero())
    return op.emitOpError() << "beta must be non-zero";
  return verifyElementwiseTypes(
      op, {elementOf(op.getInput()), elementOf(op.getOutput())}, false);
}
LogicalResult SoftmaxOp::verify() { return verifySoftmax(*this); }
LogicalResult LogSoftmaxOp::verify() { return verifySoftmax(*this); }

LogicalResult LayerNormOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  int64_t axis = getAxis();
  if (failed(checkAxis(*this, axis, in.size())) ||
      failed(verifySameShape(*this, getInput(), getOutput())))
    return failure();
  if (getEpsilon().isNegative())
    return emitOpError() << "epsilon must be non-negative";
  ArrayRef<int64_t> normalized = in.drop_front(axis);
  for (auto [name, v] : {std::pair<StringRef, Value>{"scale", getScale()},
                         std::pair<StringRef, Value>{"bias", getBias()}}) {
    if (!v)
      continue;
    ArrayRef<int64_t> s = shapeOf(v);
    if (s.size() != normalized.size() ||
        !llvm::all_of(llvm::zip(s, normalized), [](auto p) {
          return compatible(std::get<0>(p), std::get<1>(p));
        }))
      return emitOpError() << name << " shape must equal the normalized "
                              "shape input.shape["
                           << axis << ":]";
  }
  return success();
}

LogicalResult InstanceNormOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  if (in.size() < 3)
    return emitOpError() << "expects an input of rank >= 3 (N, spatial..., C)";
  if (failed(verifySameShape(*this, getInput(), getOutput())))
    return failure();
  if (getEpsilon().isNegative())
    return emitOpError() << "epsilon must be non-negative";
  for (auto [name, v] : {std::pair<StringRef, Value>{"scale", getScale()},
                         std::pair<StringRef, Value>{"bias", getBias()}}) {
    ArrayRef<int64_t> s = shapeOf(v);
    if (s.size() != 1 || !compatible(s[0], in.back()))
      return emitOpError() << name << " must have shape [C] = ["
                           << dimStr(in.back()) << "]";
  }
  return success();
}

LogicalResult LRNOp::verify() {
  if (getInput().getType().getRank() < 2)
    return emitOpError() << "expects an input of rank >= 2 (channels last)";
  return success();
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

static LogicalResult verifySameElementType(Operation *op, Value in,
                                           Value out) {
  if (elementOf(in) == elementOf(out))
    return success();
  return op->emitOpError() << "element type changes from " << elementOf(in)
                           << " to " << elementOf(out);
}

LogicalResult ReshapeOp::verify() {
  auto in = getInput().getType();
  auto out = getOutput().getType();
  if (failed(verifySameElementType(*this, getInput(), getOutput())))
    return failure();
  if (in.hasStaticShape() && out.hasStaticShape() &&
      in.getNumElements() != out.getNumElements())
    return emitOpError("element count changes from ")
           << in.getNumElements() << " to " << out.getNumElements();
  return verifyPerAxis(*this, getOutput(), "result");
}

LogicalResult TransposeOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  ArrayRef<int64_t> perm = getPerm();
  if (failed(verifySameElementType(*this, getInput(), getOutput())))
    return failure();
  if (perm.size() != in.size())
    return emitOpError() << "perm has " << perm.size()
                         << " entries for an input of rank " << in.size();
  llvm::SmallBitVector seen(in.size());
  for (int64_t p : perm) {
    if (p < 0 || p >= static_cast<int64_t>(in.size()) || seen.test(p))
      return emitOpError() << "perm is not a permutation of [0, " << in.size()
                           << ")";
    seen.set(p);
  }
  if (out.size() != in.size())
    return emitOpError() << "result rank " << out.size()
                         << " differs from input rank " << in.size();
  for (size_t i = 0; i < perm.size(); ++i)
    if (failed(checkDim(*this, "result", i, out[i], in[perm[i]])))
      return failure();
  if (llvm::isa<qt::UniformQuantizedPerAxisType>(elementOf(getInput())))
    return emitOpError() << "cannot transpose a per-axis quantized tensor "
                            "without changing its quantized dimension";
  return success();
}

LogicalResult ConcatOp::verify() {
  if (getInputs().empty())
    return emitOpError() << "expects at least one input";
  Value first = getInputs().front();
  int64_t rank = tensorOf(first).getRank(), axis = getAxis();
  if (failed(checkAxis(*this, axis, rank)))
    return failure();
  ArrayRef<int64_t> out = shapeOf(getOutput());
  if (static_cast<int64_t>(out.size()) != rank)
    return emitOpError() << "result rank " << out.size()
                         << " differs from input rank " << rank;
  int64_t total = 0;
  for (auto [idx, v] : llvm::enumerate(getInputs())) {
    if (failed(verifySameElementType(*this, v, getOutput())))
      return failure();
    ArrayRef<int64_t> s = shapeOf(v);
    if (static_cast<int64_t>(s.size()) != rank)
      return emitOpError() << "input " << idx << " has rank " << s.size()
                           << ", expected " << rank;
    for (int64_t d = 0; d < rank; ++d) {
      if (d == axis)
        continue;
      if (!compatible(s[d], out[d]))
        return emitOpError() << "input " << idx << " has size " << s[d]
                             << " in dimension " << d << ", expected "
                             << out[d];
    }
    total = (isStatic(total) && isStatic(s[axis])) ? total + s[axis]
                                                   : ShapedType::kDynamic;
  }
  return checkDim(*this, "result", axis, out[axis], total);
}

LogicalResult SplitOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  int64_t axis = getAxis();
  if (failed(checkAxis(*this, axis, in.size())))
    return failure();
  ArrayRef<int64_t> sizes = getSizes();
  if (sizes.size() != getOutputs().size())
    return emitOpError() << "has " << sizes.size() << " sizes for "
                         << getOutputs().size() << " results";
  int64_t sum = 0;
  for (int64_t s : sizes)
    sum += s;
  if (isStatic(in[axis]) && sum != in[axis])
    return emitOpError() << "sizes sum to " << sum << ", expected "
                         << in[axis] << " (input size along axis " << axis
                         << ")";
  for (auto [idx, v] : llvm::enumerate(getOutputs())) {
    if (failed(verifySameElementType(*this, getInput(), v)))
      return failure();
    ArrayRef<int64_t> s = shapeOf(v);
    if (s.size() != in.size())
      return emitOpError() << "result " << idx << " has rank " << s.size()
                           << ", expected " << in.size();
    for (size_t d = 0; d < in.size(); ++d) {
      int64_t expected = static_cast<int64_t>(d) == axis ? sizes[idx] : in[d];
      if (!compatible(s[d], expected))
        return emitOpError() << "result " << idx << " dimension " << d
                             << " is " << s[d] << ", expected " << expected;
    }
  }
  return success();
}

LogicalResult SliceOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  ArrayRef<int64_t> offsets = getOffsets(), sizes = getSizes(),
                    strides = getStrides();
  if (failed(verifySameElementType(*this, getInput(), getOutput())))
    return failure();
  size_t rank = in.size();
  if (offsets.size() != rank || sizes.size() != rank ||
      strides.size() != rank)
    return emitOpError() << "offsets, sizes and strides need " << rank
                         << " entries each";
  if (out.size() != rank)
    return emitOpError() << "result rank " << out.size()
                         << " differs from input rank " << rank;
  for (size_t d = 0; d < rank; ++d) {
    if (strides[d] == 0)
      return emitOpError() << "stride of dimension " << d << " is 0";
    if (sizes[d] < 0)
      return emitOpError() << "size of dimension " << d << " is negative";
    if (failed(checkDim(*this, "result", d, out[d], sizes[d])))
      return failure();
    if (sizes[d] == 0 || !isStatic(in[d]))
      continue;
    int64_t last = offsets[d] + (sizes[d] - 1) * strides[d];
    if (offsets[d] < 0 || offsets[d] >= in[d] || last < 0 || last >= in[d])
      return emitOpError() << "dimension " << d << " reads indices "
                           << offsets[d] << ".." << last
                           << " outside [0, " << in[d] << ")";
  }
  return success();
}

LogicalResult PadOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  ArrayRef<int64_t> before = getBefore(), after = getAfter();
  if (failed(verifySameElementType(*this, getInput(), getOutput())))
    return failure();
  size_t rank = in.size();
  if (before.size() != rank || after.size() != rank)
    return emitOpError() << "before and after need " << rank
                         << " entries each";
  if (out.size() != rank)
    return emitOpError() << "result rank " << out.size()
                         << " differs from input rank " << rank;
  PadMode mode = getMode();
  for (size_t d = 0; d < rank; ++d) {
    int64_t expected =
        isStatic(in[d]) ? in[d] + before[d] + after[d] : ShapedType::kDynamic;
    if (failed(checkDim(*this, "result", d, out[d], expected)))
      return failure();
    if (!isStatic(in[d]) || (before[d] == 0 && after[d] == 0))
      continue;
    if (mode == PadMode::reflect &&
        (before[d] >= in[d] || after[d] >= in[d]))
      return emitOpError() << "reflect padding of dimension " << d
                           << " must be smaller than its size " << in[d];
    if ((mode == PadMode::edge || mode == PadMode::wrap) && in[d] == 0)
      return emitOpError() << stringifyPadMode(mode)
                           << " padding of empty dimension " << d;
    if (mode == PadMode::wrap && (before[d] > in[d] || after[d] > in[d]))
      return emitOpError() << "wrap padding of dimension " << d
                           << " must not exceed its size " << in[d];
  }
  double value = getValue().convertToDouble();
  if (mode != PadMode::constant && value != 0.0)
    return emitOpError() << "a pad value only applies to constant mode";
  Type t = elementOf(getInput());
  if (t.isInteger() && value != std::trunc(value))
    return emitOpError() << "pad value " << value << " is not an integer ("
                         << t << " tensor)";
  if (t.isInteger(1) && value != 0.0 && value != 1.0)
    return emitOpError() << "pad value of an i1 tensor must be 0 or 1";
  return success();
}

LogicalResult TileOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  ArrayRef<int64_t> m = getMultiples();
  if (failed(verifySameElementType(*this, getInput(), getOutput())))
    return failure();
  if (m.size() != in.size())
    return emitOpError() << "multiples has " << m.size()
                         << " entries for an input of rank " << in.size();
  if (out.size() != in.size())
    return emitOpError() << "result rank " << out.size()
                         << " differs from input rank " << in.size();
  for (size_t d = 0; d < in.size(); ++d)
    if (failed(checkDim(*this, "result", d, out[d],
                        isStatic(in[d]) ? in[d] * m[d] : ShapedType::kDynamic)))
      return failure();
  return success();
}

LogicalResult BroadcastToOp::verify() {
  if (failed(verifySameElementType(*this, getInput(), getOutput())))
    return failure();
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  if (out.size() < in.size())
    return emitOpError() << "cannot broadcast rank " << in.size()
                         << " to rank " << out.size();
  size_t shift = out.size() - in.size();
  for (size_t i = 0; i < in.size(); ++i)
    if (in[i] != 1 && !compatible(in[i], out[i + shift]))
      return emitOpError() << "input dimension " << i << " (" << in[i]
                           << ") does not broadcast to " << out[i + shift];
  return success();
}

LogicalResult GatherOp::verify() {
  ArrayRef<int64_t> data = shapeOf(getData()), idx = shapeOf(getIndices()),
                    out = shapeOf(getOutput());
  int64_t axis = getAxis();
  if (failed(verifySameElementType(*this, getData(), getOutput())) ||
      failed(checkAxis(*this, axis, data.size())))
    return failure();
  SmallVector<int64_t> expected(data.begin(), data.begin() + axis);
  expected.append(idx.begin(), idx.end());
  expected.append(data.begin() + axis + 1, data.end());
  if (out.size() != expected.size())
    return emitOpError() << "result rank " << out.size() << ", expected "
                         << expected.size();
  for (auto [i, e] : llvm::enumerate(expected))
    if (failed(checkDim(*this, "result", i, out[i], e)))
      return failure();
  return success();
}

LogicalResult ResizeOp::verify() {
  if (failed(checkRank(*this, getInput(), "input", 4, "NHWC")) ||
      failed(checkRank(*this, getOutput(), "result", 4, "NHWC")))
    return failure();
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  if (failed(checkDim(*this, "result", 0, out[0], in[0])) ||
      failed(checkDim(*this, "result", 3, out[3], in[3])))
    return failure();
  if (getNearestMode() && getMode() != ResizeMode::nearest)
    return emitOpError() << "nearest_mode only applies to nearest resize";
  if ((getCubicCoeffA() || getExcludeOutside()) &&
      getMode() != ResizeMode::bicubic)
    return emitOpError()
           << "cubic_coeff_a and exclude_outside only apply to bicubic resize";
  if (getMode() == ResizeMode::bicubic && !elementOf(getInput()).isF32())
    return emitOpError() << "bicubic resize is f32 only";
  if (auto s = getScale()) {
    if (s->size() != 2)
      return emitOpError() << "scale must have 2 entries [h, w], got "
                           << s->size();
    for (float v : *s)
      if (!(v > 0.0f) || std::isinf(v))
        return emitOpError() << "scale entries must be positive and finite";
  }
  return verifyElementwiseTypes(
      *this, {elementOf(getInput()), elementOf(getOutput())}, true);
}

LogicalResult DepthToSpaceOp::verify() {
  if (failed(checkRank(*this, getInput(), "input", 4, "NHWC")) ||
      failed(checkRank(*this, getOutput(), "result", 4, "NHWC")) ||
      failed(verifySameElementType(*this, getInput(), getOutput())))
    return failure();
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  int64_t b = getBlockSize();
  if (isStatic(in[3]) && in[3] % (b * b) != 0)
    return emitOpError() << "input channels " << in[3]
                         << " are not divisible by block_size^2 = " << b * b;
  auto mul = [](int64_t d, int64_t f) {
    return isStatic(d) ? d * f : ShapedType::kDynamic;
  };
  int64_t c = isStatic(in[3]) ? in[3] / (b * b) : ShapedType::kDynamic;
  if (failed(checkDim(*this, "result", 0, out[0], in[0])) ||
      failed(checkDim(*this, "result", 1, out[1], mul(in[1], b))) ||
      failed(checkDim(*this, "result", 2, out[2], mul(in[2], b))) ||
      failed(checkDim(*this, "result", 3, out[3], c)))
    return failure();
  return success();
}

LogicalResult SpaceToDepthOp::verify() {
  if (failed(checkRank(*this, getInput(), "input", 4, "NHWC")) ||
      failed(checkRank(*this, getOutput(), "result", 4, "NHWC")) ||
      failed(verifySameElementType(*this, getInput(), getOutput())))
    return failure();
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  int64_t b = getBlockSize();
  for (int d = 1; d <= 2; ++d)
    if (isStatic(in[d]) && in[d] % b != 0)
      return emitOpError() << "input dimension " << d << " (" << in[d]
                           << ") is not divisible by block_size " << b;
  auto div = [](int64_t d, int64_t f) {
    return isStatic(d) ? d / f : ShapedType::kDynamic;
  };
  if (failed(checkDim(*this, "result", 0, out[0], in[0])) ||
      failed(checkDim(*this, "result", 1, out[1], div(in[1], b))) ||
      failed(checkDim(*this, "result", 2, out[2], div(in[2], b))) ||
      failed(checkDim(*this, "result", 3, out[3],
                      isStatic(in[3]) ? in[3] * b * b : ShapedType::kDynamic)))
    return failure();
  return success();
}

LogicalResult TopKOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  int64_t axis = getAxis(), k = getK();
  if (failed(checkAxis(*this, axis, in.size())) ||
      failed(verifySameElementType(*this, getInput(), getValues())))
    return failure();
  if (isStatic(in[axis]) && k > in[axis])
    return emitOpError() << "k = " << k << " exceeds the axis size "
                         << in[axis];
  SmallVector<int64_t> expected(in);
  expected[axis] = k;
  for (Value v : {getValues(), getIndices()}) {
    ArrayRef<int64_t> s = shapeOf(v);
    if (s.size() != expected.size())
      return emitOpError() << "results must have rank " << expected.size();
    for (auto [i, e] : llvm::enumerate(expected))
      if (failed(checkDim(*this, "result", i, s[i], e)))
        return failure();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Quantization
//===----------------------------------------------------------------------===//

LogicalResult QuantizeOp::verify() {
  return verifyPerAxis(*this, getOutput(), "result");
}

LogicalResult DequantizeOp::verify() {
  return verifyPerAxis(*this, getInput(), "input");
}

LogicalResult RequantizeOp::verify() {
  if (!llvm::isa<qt::UniformQuantizedType>(elementOf(getInput())) ||
      !llvm::isa<qt::UniformQuantizedType>(elementOf(getOutput())))
    return emitOpError() << "expects per-tensor quantized input and result";
  return success();
}

#define GET_OP_CLASSES
#include "edgec/Dialect/Edge/EdgeOps.cpp.inc"
