//===- GraphUtils.cpp - helpers shared by the Graph passes ----------------===//
#include "GraphUtils.h"

#include "edgec/Dialect/Onnx/OnnxDialect.h"
#include "edgec/Dialect/Onnx/OnnxOps.h"
#include "edgec/Support/ConstantTensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace edgec;
using namespace edgec::graph;
using onnx::broadcastShapes;
using onnx::fromDouble;
using onnx::normalizeSliceAxis;
using onnx::numElements;
namespace onnx = edgec::onnx;

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

RankedTensorType graph::refineType(Type declared, ArrayRef<int64_t> inferred) {
  auto shaped = dyn_cast<TensorType>(declared);
  if (!shaped)
    return {};
  Type elementType = shaped.getElementType();
  if (!shaped.hasRank())
    return RankedTensorType::get(inferred, elementType);
  auto ranked = cast<RankedTensorType>(declared);
  if (ranked.getRank() != static_cast<int64_t>(inferred.size()) ||
      ranked.getEncoding())
    return {};
  SmallVector<int64_t> shape(ranked.getShape());
  bool changed = false;
  for (auto [d, i] : llvm::zip(shape, inferred)) {
    if (ShapedType::isDynamic(i))
      continue;
    if (i < 0)
      return {};
    if (ShapedType::isDynamic(d)) {
      d = i;
      changed = true;
    } else if (d != i) {
      return {}; // conflicting: leave it to the verifier
    }
  }
  return changed ? RankedTensorType::get(shape, elementType)
                 : RankedTensorType();
}

bool graph::usersAcceptRetype(Value v) {
  for (Operation *user : v.getUsers()) {
    if (isa<func::ReturnOp>(user) &&
        isa_and_nonnull<func::FuncOp>(user->getParentOp()))
      continue;
    if (!isa<onnx::OnnxDialect>(user->getDialect()))
      return false;
  }
  return true;
}

void graph::updateFunctionResultTypes(Operation *root) {
  root->walk([](func::FuncOp func) {
    if (func.isExternal())
      return;
    SmallVector<func::ReturnOp> returns;
    for (Block &block : func.getBody())
      if (auto ret = dyn_cast<func::ReturnOp>(block.getTerminator()))
        returns.push_back(ret);
    FunctionType fnType = func.getFunctionType();
    bool differs = llvm::any_of(returns, [&](func::ReturnOp ret) {
      return TypeRange(ret.getOperandTypes()) != fnType.getResults();
    });
    if (!differs)
      return;
    // The refined types become the function's when nothing calls it and
    // every return agrees; otherwise an onnx.Identity casts back to the
    // declared type (onnx.Identity may refine or widen a type).
    bool consistent = llvm::all_of(returns, [&](func::ReturnOp ret) {
      return TypeRange(ret.getOperandTypes()) ==
             TypeRange(returns.front().getOperandTypes());
    });
    Operation *symbolTable =
        SymbolTable::getNearestSymbolTable(func->getParentOp());
    bool unused =
        symbolTable && SymbolTable::symbolKnownUseEmpty(func, symbolTable);
    if (consistent && unused) {
      func.setFunctionType(FunctionType::get(
          func.getContext(), fnType.getInputs(),
          returns.front().getOperandTypes()));
      return;
    }
    for (func::ReturnOp ret : returns) {
      OpBuilder b(ret);
      for (OpOperand &operand : ret->getOpOperands()) {
        Type declared = fnType.getResult(operand.getOperandNumber());
        if (operand.get().getType() != declared)
          operand.set(onnx::IdentityOp::create(b, ret.getLoc(), declared,
                                               operand.get())
                          .getResult());
      }
    }
  });
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

Value graph::buildConstant(OpBuilder &b, Location loc, const Literal &lit,
                           bool forceResource) {
  RankedTensorType type = lit.getType();
  int64_t n = lit.size();
  ElementsAttr attr;
  if (n > 1 && lit.allElementsEqual()) {
    attr = buildElementsAttr(
        type, lit.getRawData().take_front(lit.getElementBytes()),
        "onnx_folded", ConstantForm::Inline);
  } else if (forceResource && n > 1) {
    attr = buildElementsAttr(type, lit.getRawData(), "onnx_folded",
                             ConstantForm::Resource);
  } else {
    attr = lit.toElementsAttr();
  }
  return onnx::ConstantOp::create(b, loc, type, attr).getResult();
}

Value graph::buildFloatConstant(OpBuilder &b, Location loc, FloatType type,
                                ArrayRef<int64_t> shape, double value) {
  Literal lit(shape, type);
  APInt bits = fromDouble(value, type).bitcastToAPInt();
  for (int64_t i = 0, e = lit.size(); i < e; ++i)
    lit.setBits(i, bits);
  return buildConstant(b, loc, lit);
}

Value graph::buildI64Constant(OpBuilder &b, Location loc,
                              ArrayRef<int64_t> values) {
  Literal lit({static_cast<int64_t>(values.size())}, b.getIntegerType(64));
  for (auto [i, v] : llvm::enumerate(values))
    lit.setBits(i, APInt(64, v, /*isSigned=*/true));
  return buildConstant(b, loc, lit);
}

//===----------------------------------------------------------------------===//
// Result shape inference
//===----------------------------------------------------------------------===//

namespace {

using Shape = SmallVector<int64_t>;
constexpr int64_t kDyn = ShapedType::kDynamic;

std::optional<Shape> shapeOf(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  if (!t)
    return std::nullopt;
  return Shape(t.getShape());
}

std::optional<SmallVector<int64_t>> constInts(Value v) {
  std::optional<Literal> lit = Literal::get(v);
  if (!lit || lit->isFloat())
    return std::nullopt;
  return lit->getInt64s();
}

int64_t mulDims(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) ? kDyn : a * b;
}

int64_t addDims(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) ? kDyn : a + b;
}

std::optional<Shape> inferReshape(onnx::ReshapeOp op) {
  std::optional<Shape> in = shapeOf(op.getData());
  std::optional<SmallVector<int64_t>> target = constInts(op.getShape());
  if (!target)
    return std::nullopt;
  Shape out;
  int64_t minusOne = -1;
  for (auto [i, d] : llvm::enumerate(*target)) {
    if (d == 0 && op.getAllowzero() == 0) {
      if (!in || i >= in->size())
        out.push_back(kDyn);
      else
        out.push_back((*in)[i]);
    } else if (d == -1) {
      minusOne = i;
      out.push_back(kDyn);
    } else if (d < -1) {
      return std::nullopt;
    } else {
      out.push_back(d);
    }
  }
  if (minusOne >= 0 && in && llvm::none_of(*in, ShapedType::isDynamic)) {
    int64_t known = 1;
    bool allKnown = true;
    for (auto [i, d] : llvm::enumerate(out))
      if (static_cast<int64_t>(i) != minusOne) {
        if (ShapedType::isDynamic(d))
          allKnown = false;
        else
          known *= d;
      }
    int64_t total = numElements(*in);
    if (allKnown && known != 0 && total % known == 0)
      out[minusOne] = total / known;
  }
  return out;
}

std::optional<Shape> inferSlice(onnx::SliceOp op) {
  std::optional<Shape> in = shapeOf(op.getData());
  std::optional<SmallVector<int64_t>> starts = constInts(op.getStarts());
  std::optional<SmallVector<int64_t>> ends = constInts(op.getEnds());
  if (!in || !starts || !ends || starts->size() != ends->size())
    return std::nullopt;
  int64_t rank = in->size();
  SmallVector<int64_t> axes, steps(starts->size(), 1);
  if (!isa<NoneType>(op.getAxes().getType())) {
    std::optional<SmallVector<int64_t>> a = constInts(op.getAxes());
    if (!a)
      return std::nullopt;
    axes = *a;
  } else {
    for (int64_t i = 0, e = starts->size(); i < e; ++i)
      axes.push_back(i);
  }
  if (!isa<NoneType>(op.getSteps().getType())) {
    std::optional<SmallVector<int64_t>> s = constInts(op.getSteps());
    if (!s)
      return std::nullopt;
    steps = *s;
  }
  if (axes.size() != starts->size() || steps.size() != starts->size())
    return std::nullopt;
  Shape out = *in;
  for (size_t k = 0; k < axes.size(); ++k) {
    int64_t axis = axes[k] < 0 ? axes[k] + rank : axes[k];
    if (axis < 0 || axis >= rank || steps[k] == 0)
      return std::nullopt;
    int64_t dim = (*in)[axis];
    if (ShapedType::isDynamic(dim)) {
      out[axis] = kDyn;
      continue;
    }
    out[axis] =
        normalizeSliceAxis(dim, (*starts)[k], (*ends)[k], steps[k]).count;
  }
  return out;
}

/// Conv/pool output spatial sizes. `kernel` may hold kDynamic.
std::optional<Shape> inferWindowed(Operation *op, Shape x,
                                   ArrayRef<int64_t> kernel, int64_t channels,
                                   bool ceilMode) {
  int64_t spatial = kernel.size();
  if (static_cast<int64_t>(x.size()) != spatial + 2)
    return std::nullopt;
  auto arrayAttr = [&](StringRef name, int64_t fill, int64_t count) {
    SmallVector<int64_t> v(count, fill);
    if (auto a = op->getAttrOfType<DenseI64ArrayAttr>(name))
      v.assign(a.asArrayRef().begin(), a.asArrayRef().end());
    return v;
  };
  SmallVector<int64_t> strides = arrayAttr("strides", 1, spatial);
  SmallVector<int64_t> dilations = arrayAttr("dilations", 1, spatial);
  SmallVector<int64_t> pads = arrayAttr("pads", 0, 2 * spatial);
  if (static_cast<int64_t>(strides.size()) != spatial ||
      static_cast<int64_t>(dilations.size()) != spatial ||
      static_cast<int64_t>(pads.size()) != 2 * spatial)
    return std::nullopt;
  StringRef autoPad = "NOTSET";
  if (auto a = op->getAttrOfType<StringAttr>("auto_pad"))
    autoPad = a.getValue();
  Shape out = {x[0], channels};
  for (int64_t i = 0; i < spatial; ++i) {
    int64_t in = x[i + 2], k = kernel[i], s = strides[i], d = dilations[i];
    if (ShapedType::isDynamic(in) || ShapedType::isDynamic(k) || s <= 0 ||
        d <= 0) {
      out.push_back(kDyn);
      continue;
    }
    int64_t extent = (k - 1) * d + 1;
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
      out.push_back((in + s - 1) / s);
      continue;
    }
    int64_t padded = in;
    if (autoPad == "NOTSET")
      padded += pads[i] + pads[i + spatial];
    else if (autoPad != "VALID")
      return std::nullopt;
    if (padded < extent)
      return std::nullopt;
    int64_t num = padded - extent;
    out.push_back((ceilMode ? (num + s - 1) / s : num / s) + 1);
  }
  return out;
}

bool isUnaryElementwise(StringRef name) {
  static const StringRef names[] = {
      "onnx.Abs",      "onnx.Ceil",        "onnx.Floor",
      "onnx.Exp",      "onnx.Log",         "onnx.Neg",
      "onnx.Relu",     "onnx.Sigmoid",     "onnx.Tanh",
      "onnx.Sqrt",     "onnx.Erf",         "onnx.Elu",
      "onnx.Selu",     "onnx.LeakyRelu",   "onnx.HardSigmoid",
      "onnx.HardSwish", "onnx.Softplus",   "onnx.Softsign",
      "onnx.Clip",     "onnx.Cast",        "onnx.Identity",
      "onnx.Softmax",  "onnx.LogSoftmax",  "onnx.Not",
      "onnx.LRN",      "onnx.InstanceNormalization",
      "onnx.LayerNormalization", "onnx.BatchNormalization", "onnx.Dropout"};
  return llvm::is_contained(names, name);
}

bool isBroadcasting(StringRef name) {
  static const StringRef names[] = {
      "onnx.Add",   "onnx.Sub",  "onnx.Mul",   "onnx.Div",  "onnx.Pow",
      "onnx.And",   "onnx.Or",   "onnx.Equal", "onnx.Less", "onnx.Greater",
      "onnx.PRelu", "onnx.Max",  "onnx.Min",   "onnx.Sum",  "onnx.Mean",
      "onnx.Where"};
  return llvm::is_contained(names, name);
}

} // namespace

std::optional<SmallVector<int64_t>> graph::inferResultShape(Operation *op,
                                                            unsigned index) {
  StringRef name = op->getName().getStringRef();
  if (index != 0 || op->getNumOperands() == 0)
    return std::nullopt;
  if (isUnaryElementwise(name))
    return shapeOf(op->getOperand(0));
  if (isBroadcasting(name)) {
    SmallVector<Shape> shapes;
    for (Value v : op->getOperands()) {
      std::optional<Shape> s = shapeOf(v);
      if (!s)
        return std::nullopt;
      shapes.push_back(*s);
    }
    return broadcastShapes(shapes);
  }
  if (auto reshape = dyn_cast<onnx::ReshapeOp>(op))
    return inferReshape(reshape);
  if (auto slice = dyn_cast<onnx::SliceOp>(op))
    return inferSlice(slice);
  if (auto shape = dyn_cast<onnx::ShapeOp>(op)) {
    std::optional<Shape> in = shapeOf(shape.getData());
    if (!in)
      return std::nullopt;
    int64_t rank = in->size();
    auto clampIndex = [&](int64_t i) {
      return std::clamp<int64_t>(i < 0 ? i + rank : i, 0, rank);
    };
    int64_t start = clampIndex(shape.getStart());
    int64_t end = shape.getEnd() ? clampIndex(*shape.getEnd()) : rank;
    return Shape{std::max<int64_t>(end - start, 0)};
  }
  if (auto flatten = dyn_cast<onnx::FlattenOp>(op)) {
    std::optional<Shape> in = shapeOf(flatten.getInput());
    if (!in)
      return std::nullopt;
    int64_t rank = in->size();
    int64_t axis = flatten.getAxis();
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis > rank)
      return std::nullopt;
    int64_t outer = 1, inner = 1;
    for (int64_t i = 0; i < rank; ++i)
      (i < axis ? outer : inner) = mulDims(i < axis ? outer : inner, (*in)[i]);
    return Shape{outer, inner};
  }
  if (auto transpose = dyn_cast<onnx::TransposeOp>(op)) {
    std::optional<Shape> in = shapeOf(transpose.getData());
    if (!in)
      return std::nullopt;
    int64_t rank = in->size();
    SmallVector<int64_t> perm = onnx::getTransposePerm(transpose, rank);
    if (static_cast<int64_t>(perm.size()) != rank)
      return std::nullopt;
    Shape out;
    for (int64_t p : perm) {
      if (p < 0 || p >= rank)
        return std::nullopt;
      out.push_back((*in)[p]);
    }
    return out;
  }
  if (auto squeeze = dyn_cast<onnx::SqueezeOp>(op)) {
    std::optional<Shape> in = shapeOf(squeeze.getData());
    if (!in)
      return std::nullopt;
    int64_t rank = in->size();
    SmallVector<bool> drop(rank, false);
    if (isa<NoneType>(squeeze.getAxes().getType())) {
      for (int64_t i = 0; i < rank; ++i) {
        if (ShapedType::isDynamic((*in)[i]))
          return std::nullopt;
        drop[i] = (*in)[i] == 1;
      }
    } else {
      std::optional<SmallVector<int64_t>> axes = constInts(squeeze.getAxes());
      if (!axes)
        return std::nullopt;
      for (int64_t a : *axes) {
        if (a < 0)
          a += rank;
        if (a < 0 || a >= rank)
          return std::nullopt;
        drop[a] = true;
      }
    }
    Shape out;
    for (int64_t i = 0; i < rank; ++i)
      if (!drop[i])
        out.push_back((*in)[i]);
    return out;
  }
  if (auto unsqueeze = dyn_cast<onnx::UnsqueezeOp>(op)) {
    std::optional<Shape> in = shapeOf(unsqueeze.getData());
    std::optional<SmallVector<int64_t>> axes = constInts(unsqueeze.getAxes());
    if (!in || !axes)
      return std::nullopt;
    int64_t rank = in->size() + axes->size();
    SmallVector<bool> inserted(rank, false);
    for (int64_t a : *axes) {
      if (a < 0)
        a += rank;
      if (a < 0 || a >= rank || inserted[a])
        return std::nullopt;
      inserted[a] = true;
    }
    Shape out;
    size_t next = 0;
    for (int64_t i = 0; i < rank; ++i)
      out.push_back(inserted[i] ? 1 : (*in)[next++]);
    return out;
  }
  if (auto concat = dyn_cast<onnx::ConcatOp>(op)) {
    std::optional<Shape> out;
    int64_t axis = concat.getAxis();
    for (Value v : concat.getInputs()) {
      std::optional<Shape> s = shapeOf(v);
      if (!s)
        return std::nullopt;
      int64_t rank = s->size();
      int64_t a = axis < 0 ? axis + rank : axis;
      if (a < 0 || a >= rank)
        return std::nullopt;
      if (!out) {
        out = *s;
        continue;
      }
      if (static_cast<int64_t>(out->size()) != rank)
        return std::nullopt;
      for (int64_t d = 0; d < rank; ++d) {
        if (d == a)
          (*out)[d] = addDims((*out)[d], (*s)[d]);
        else if (ShapedType::isDynamic((*out)[d]))
          (*out)[d] = (*s)[d];
      }
    }
    return out;
  }
  if (auto expand = dyn_cast<onnx::ExpandOp>(op)) {
    std::optional<Shape> in = shapeOf(expand.getInput());
    std::optional<SmallVector<int64_t>> target = constInts(expand.getShape());
    if (!in || !target)
      return std::nullopt;
    return broadcastShapes({*in, Shape(*target)});
  }
  if (auto tile = dyn_cast<onnx::TileOp>(op)) {
    std::optional<Shape> in = shapeOf(tile.getInput());
    std::optional<SmallVector<int64_t>> repeats = constInts(tile.getRepeats());
    if (!in || !repeats || repeats->size() != in->size())
      return std::nullopt;
    Shape out;
    for (auto [d, r] : llvm::zip(*in, *repeats))
      out.push_back(r < 0 ? kDyn : mulDims(d, r));
    return out;
  }
  if (auto gather = dyn_cast<onnx::GatherOp>(op)) {
    std::optional<Shape> data = shapeOf(gather.getData());
    std::optional<Shape> indices = shapeOf(gather.getIndices());
    if (!data || !indices)
      return std::nullopt;
    int64_t rank = data->size();
    int64_t axis = gather.getAxis();
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank)
      return std::nullopt;
    Shape out(data->begin(), data->begin() + axis);
    out.append(indices->begin(), indices->end());
    out.append(data->begin() + axis + 1, data->end());
    return out;
  }
  if (auto matmul = dyn_cast<onnx::MatMulOp>(op)) {
    std::optional<Shape> a = shapeOf(matmul.getA()), b = shapeOf(matmul.getB());
    if (!a || !b || a->empty() || b->empty())
      return std::nullopt;
    bool aVec = a->size() == 1, bVec = b->size() == 1;
    Shape aa = aVec ? Shape{1, (*a)[0]} : *a;
    Shape bb = bVec ? Shape{(*b)[0], 1} : *b;
    Shape aBatch(aa.begin(), aa.end() - 2), bBatch(bb.begin(), bb.end() - 2);
    std::optional<Shape> out = broadcastShapes({aBatch, bBatch});
    if (!out)
      return std::nullopt;
    if (!aVec)
      out->push_back(aa[aa.size() - 2]);
    if (!bVec)
      out->push_back(bb.back());
    return out;
  }
  if (auto gemm = dyn_cast<onnx::GemmOp>(op)) {
    std::optional<Shape> a = shapeOf(gemm.getA()), b = shapeOf(gemm.getB());
    if (!a || !b || a->size() != 2 || b->size() != 2)
      return std::nullopt;
    return Shape{(*a)[gemm.getTransA() ? 1 : 0], (*b)[gemm.getTransB() ? 0 : 1]};
  }
  if (auto conv = dyn_cast<onnx::ConvOp>(op)) {
    std::optional<Shape> x = shapeOf(conv.getX()), w = shapeOf(conv.getW());
    if (!x || !w || w->size() < 3)
      return std::nullopt;
    SmallVector<int64_t> kernel(w->begin() + 2, w->end());
    if (auto k = conv.getKernelShape())
      kernel.assign(k->begin(), k->end());
    return inferWindowed(op, *x, kernel, (*w)[0], /*ceilMode=*/false);
  }
  if (isa<onnx::MaxPoolOp, onnx::AveragePoolOp>(op)) {
    std::optional<Shape> x = shapeOf(op->getOperand(0));
    auto kernel = op->getAttrOfType<DenseI64ArrayAttr>("kernel_shape");
    auto ceil = op->getAttrOfType<IntegerAttr>("ceil_mode");
    // ceil_mode: ONNX and PyTorch disagree on windows starting in the
    // padding; leave those to the importer's shape inference.
    if (!x || x->size() < 2 || !kernel || (ceil && ceil.getInt() != 0))
      return std::nullopt;
    return inferWindowed(op, *x, kernel.asArrayRef(), (*x)[1], false);
  }
  if (isa<onnx::GlobalAveragePoolOp, onnx::GlobalMaxPoolOp>(op)) {
    std::optional<Shape> x = shapeOf(op->getOperand(0));
    if (!x || x->size() < 2)
      return std::nullopt;
    Shape out = {(*x)[0], (*x)[1]};
    out.append(x->size() - 2, 1);
    return out;
  }
  if (auto cos = dyn_cast<onnx::ConstantOfShapeOp>(op)) {
    std::optional<SmallVector<int64_t>> shape = constInts(cos.getInput());
    if (!shape || llvm::any_of(*shape, [](int64_t d) { return d < 0; }))
      return std::nullopt;
    return Shape(*shape);
  }
  return std::nullopt;
}
