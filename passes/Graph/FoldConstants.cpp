//===- FoldConstants.cpp - onnx-fold-constants ----------------------------===//
//
// Evaluates onnx ops whose operands are all constants into onnx.Constant,
// with the static type the value has (the op's own folders only fold into the
// op's declared type, which PyTorch's shape arithmetic often leaves dynamic),
// refines dynamic result types from operand types, and removes no-op
// Expand/Tile/Slice/Pad. See Passes.td for the op set.
//
//===----------------------------------------------------------------------===//
#include "edgec/Passes/Graph/Passes.h"

#include "GraphUtils.h"
#include "edgec/Support/ConstantTensor.h"

#include "edgec/Dialect/Onnx/ConstantEval.h"

#include "edgec/Dialect/Onnx/OnnxDialect.h"
#include "edgec/Dialect/Onnx/OnnxOps.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace edgec {
#define GEN_PASS_DEF_ONNXFOLDCONSTANTS
#include "edgec/Passes/Graph/Passes.h.inc"
} // namespace edgec

using namespace mlir;
using namespace edgec;
using namespace edgec::graph;
namespace onnx = edgec::onnx;
using onnx::Literal;

namespace {

/// Non-splat results larger than this (and than all operands together) are
/// not folded.
constexpr int64_t kFoldElementLimit = int64_t(1) << 16;

using Shape = SmallVector<int64_t>;

bool isNone(Value v) { return isa<NoneType>(v.getType()); }

std::optional<onnx::BinaryKind> binaryKind(Operation *op) {
  using onnx::BinaryKind;
  if (isa<onnx::AddOp>(op)) return BinaryKind::Add;
  if (isa<onnx::SubOp>(op)) return BinaryKind::Sub;
  if (isa<onnx::MulOp>(op)) return BinaryKind::Mul;
  if (isa<onnx::DivOp>(op)) return BinaryKind::Div;
  if (isa<onnx::MaxOp>(op)) return BinaryKind::Max;
  if (isa<onnx::MinOp>(op)) return BinaryKind::Min;
  if (isa<onnx::EqualOp>(op)) return BinaryKind::Equal;
  if (isa<onnx::LessOp>(op)) return BinaryKind::Less;
  if (isa<onnx::GreaterOp>(op)) return BinaryKind::Greater;
  if (isa<onnx::AndOp>(op)) return BinaryKind::And;
  if (isa<onnx::OrOp>(op)) return BinaryKind::Or;
  return std::nullopt;
}

/// The constant operands of one op (nullopt for `none`).
using Operands = SmallVector<std::optional<Literal>>;

/// Integer elements of constant operand `i`; nullopt when absent or float.
std::optional<SmallVector<int64_t>> getInts(const Operands &in, unsigned i) {
  if (i >= in.size() || !in[i] || in[i]->isFloat())
    return std::nullopt;
  return in[i]->getInt64s();
}

/// Evaluates `op` on its constant operands `in` with ConstantEval's
/// evaluators; non-splat results are limited to `limit` elements.
std::optional<Literal> evaluate(Operation *op, const Operands &in,
                                int64_t limit) {
  auto has = [&](unsigned i) { return i < in.size() && in[i].has_value(); };
  auto all = [&] {
    return llvm::all_of(in, [](const auto &l) { return l.has_value(); });
  };
  if (isa<onnx::ReshapeOp, onnx::SqueezeOp, onnx::UnsqueezeOp,
          onnx::FlattenOp, onnx::IdentityOp>(op)) {
    // Only the shape changes: the data's elements in order, shaped as
    // inferred.
    if (!has(0))
      return std::nullopt;
    std::optional<Shape> shape = inferResultShape(op, 0);
    if (!shape || llvm::any_of(*shape, ShapedType::isDynamic) ||
        onnx::numElements(*shape) != in[0]->size())
      return std::nullopt;
    Literal out = *in[0];
    out.setShape(*shape);
    return out;
  }
  if (auto gather = dyn_cast<onnx::GatherOp>(op)) {
    if (!has(0) || !has(1))
      return std::nullopt;
    return onnx::evaluateGather(*in[0], *in[1], gather.getAxis(), limit);
  }
  if (auto concat = dyn_cast<onnx::ConcatOp>(op)) {
    if (!all())
      return std::nullopt;
    SmallVector<const Literal *> inputs;
    for (const auto &l : in)
      inputs.push_back(&*l);
    return onnx::evaluateConcat(inputs, concat.getAxis(), limit);
  }
  if (auto transpose = dyn_cast<onnx::TransposeOp>(op)) {
    if (!has(0))
      return std::nullopt;
    SmallVector<int64_t> perm =
        onnx::getTransposePerm(transpose, in[0]->getShape().size());
    return onnx::evaluateTranspose(*in[0], perm, limit);
  }
  if (auto slice = dyn_cast<onnx::SliceOp>(op)) {
    std::optional<SmallVector<int64_t>> starts = getInts(in, 1);
    std::optional<SmallVector<int64_t>> ends = getInts(in, 2);
    if (!has(0) || !starts || !ends)
      return std::nullopt;
    // Absent axes / steps take their defaults; present ones must be
    // constant integers.
    std::optional<SmallVector<int64_t>> axes = getInts(in, 3);
    std::optional<SmallVector<int64_t>> steps = getInts(in, 4);
    if ((!axes && !isNone(slice.getAxes())) ||
        (!steps && !isNone(slice.getSteps())))
      return std::nullopt;
    std::optional<ArrayRef<int64_t>> axesRef, stepsRef;
    if (axes)
      axesRef = *axes;
    if (steps)
      stepsRef = *steps;
    return onnx::evaluateSlice(*in[0], *starts, *ends, axesRef, stepsRef,
                               limit);
  }
  if (auto cast = dyn_cast<onnx::CastOp>(op)) {
    if (!has(0))
      return std::nullopt;
    Type to = cast.getType().getElementType();
    return onnx::evaluateCast(
        *in[0], to, onnx::isUnsignedOnnxDataType(cast.getTo()));
  }
  if (isa<onnx::ExpandOp>(op)) {
    std::optional<SmallVector<int64_t>> shape = getInts(in, 1);
    if (!has(0) || !shape)
      return std::nullopt;
    return onnx::evaluateExpand(*in[0], *shape, limit);
  }
  if (isa<onnx::TileOp>(op)) {
    std::optional<SmallVector<int64_t>> repeats = getInts(in, 1);
    if (!has(0) || !repeats)
      return std::nullopt;
    return onnx::evaluateTile(*in[0], *repeats, limit);
  }
  if (isa<onnx::RangeOp>(op)) {
    if (!has(0) || !has(1) || !has(2))
      return std::nullopt;
    return onnx::evaluateRange(*in[0], *in[1], *in[2], limit);
  }
  if (isa<onnx::WhereOp>(op)) {
    if (!has(0) || !has(1) || !has(2))
      return std::nullopt;
    return onnx::evaluateWhere(*in[0], *in[1], *in[2], limit);
  }
  if (isa<onnx::NegOp>(op))
    return has(0) ? onnx::evaluateNeg(*in[0]) : std::nullopt;
  if (isa<onnx::NotOp>(op))
    return has(0) ? onnx::evaluateNot(*in[0]) : std::nullopt;
  if (std::optional<onnx::BinaryKind> kind = binaryKind(op)) {
    if (in.empty() || !all())
      return std::nullopt;
    if (in.size() == 1) { // one-input Max/Min
      if (*kind != onnx::BinaryKind::Max && *kind != onnx::BinaryKind::Min)
        return std::nullopt;
      return *in[0];
    }
    // Variadic Max/Min fold left to right; the others are binary.
    std::optional<Literal> acc = *in[0];
    for (size_t k = 1; k < in.size() && acc; ++k)
      acc = onnx::evaluateBinary(*kind, *acc, *in[k], limit);
    return acc;
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

/// Replaces `op`'s single result with `value`'s constant; fails when the
/// constant's type does not refine the declared type or users would not
/// accept the new type.
LogicalResult replaceWithLiteral(Operation *op, const Literal &value,
                                 PatternRewriter &rewriter) {
  Value result = op->getResult(0);
  auto declared = dyn_cast<TensorType>(result.getType());
  if (!declared || declared.getElementType() != value.getElementType())
    return failure();
  RankedTensorType type = value.getType();
  if (type != declared) {
    if (!refineType(declared, value.getShape()) || !usersAcceptRetype(result))
      return failure();
  }
  Value constant = buildConstant(rewriter, op->getLoc(), value);
  rewriter.replaceOp(op, constant);
  return success();
}

/// Evaluates an onnx op whose operands are all constants.
struct EvaluateConstantOp : RewritePattern {
  EvaluateConstantOp(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<onnx::OnnxDialect>(op->getDialect()) ||
        isa<onnx::ConstantOp, onnx::NoValueOp>(op) || op->getNumResults() != 1)
      return failure();
    auto resultType = dyn_cast<TensorType>(op->getResult(0).getType());
    if (!resultType)
      return failure();
    Type elementType = resultType.getElementType();
    if (!isa<IntegerType, FloatType>(elementType))
      return failure();

    if (auto shape = dyn_cast<onnx::ShapeOp>(op)) {
      std::optional<int64_t> end;
      if (shape.getEnd())
        end = *shape.getEnd();
      std::optional<Literal> value = onnx::evaluateShape(
          shape.getData().getType(), shape.getStart(), end, op->getContext());
      return value ? replaceWithLiteral(op, *value, rewriter) : failure();
    }
    if (auto cos = dyn_cast<onnx::ConstantOfShapeOp>(op))
      return foldConstantOfShape(cos, elementType, rewriter);

    Operands in;
    int64_t operandElements = 0;
    for (Value v : op->getOperands()) {
      if (isNone(v)) {
        in.push_back(std::nullopt);
        continue;
      }
      std::optional<Literal> lit = Literal::get(v);
      if (!lit)
        return failure();
      operandElements += lit->size();
      in.push_back(std::move(lit));
    }
    std::optional<Literal> value =
        evaluate(op, in, std::max(kFoldElementLimit, operandElements));
    if (!value)
      return failure();
    return replaceWithLiteral(op, *value, rewriter);
  }

  /// ConstantOfShape is a splat whatever its size: never expanded.
  static LogicalResult foldConstantOfShape(onnx::ConstantOfShapeOp op,
                                           Type elementType,
                                           PatternRewriter &rewriter) {
    std::optional<Literal> shapeLit = Literal::get(op.getInput());
    if (!shapeLit || shapeLit->isFloat())
      return failure();
    Shape shape(shapeLit->getInt64s());
    if (llvm::any_of(shape, [](int64_t d) { return d < 0; }))
      return failure();
    Literal one({}, elementType);
    if (std::optional<Attribute> value = op.getValue()) {
      std::optional<Literal> v = Literal::get(*value);
      if (!v || v->size() != 1 || v->getElementType() != elementType)
        return failure();
      one.setBits(0, v->getBits(0));
    } // else the default, float 0.0: all bits zero.
    auto type = RankedTensorType::get(shape, elementType);
    auto declared = cast<TensorType>(op.getType());
    if (type != declared &&
        (!refineType(declared, shape) || !usersAcceptRetype(op.getResult())))
      return failure();
    ElementsAttr attr = buildElementsAttr(type, one.getRawData(), "onnx_folded",
                                          ConstantForm::Inline);
    rewriter.replaceOp(
        op, onnx::ConstantOp::create(rewriter, op.getLoc(), type, attr)
                .getResult());
    return success();
  }
};

/// Gives an onnx op's results the more static type inferred from its
/// operands.
struct RefineResultTypes : RewritePattern {
  RefineResultTypes(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/2, ctx) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<onnx::OnnxDialect>(op->getDialect()) ||
        isa<onnx::ConstantOp, onnx::NoValueOp>(op))
      return failure();
    SmallVector<std::pair<unsigned, RankedTensorType>> updates;
    for (auto [i, result] : llvm::enumerate(op->getResults())) {
      auto type = dyn_cast<TensorType>(result.getType());
      if (!type || type.hasStaticShape())
        continue;
      std::optional<Shape> shape = inferResultShape(op, i);
      if (!shape)
        continue;
      RankedTensorType refined = refineType(type, *shape);
      if (refined && usersAcceptRetype(result))
        updates.push_back({static_cast<unsigned>(i), refined});
    }
    if (updates.empty())
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      for (auto [i, type] : updates)
        op->getResult(i).setType(type);
    });
    return success();
  }
};

/// Whether `v` is `none` or a constant whose elements all equal `value`.
bool allEqualTo(Value v, int64_t value) {
  std::optional<Literal> lit = Literal::get(v);
  if (!lit || lit->isFloat())
    return false;
  return llvm::all_of(lit->getInt64s(),
                      [&](int64_t x) { return x == value; });
}

/// Expand/Tile/Slice/Pad that return their input unchanged.
struct RemoveNoOps : RewritePattern {
  RemoveNoOps(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<onnx::ExpandOp, onnx::TileOp, onnx::SliceOp, onnx::PadOp>(op))
      return failure();
    Value input = op->getOperand(0), result = op->getResult(0);
    auto type = dyn_cast<RankedTensorType>(input.getType());
    if (!type || !type.hasStaticShape() || type != result.getType())
      return failure();
    bool noOp = false;
    if (auto expand = dyn_cast<onnx::ExpandOp>(op)) {
      // The result type equals the input's, so the shape did not broadcast.
      noOp = Literal::get(expand.getShape()).has_value();
    } else if (auto tile = dyn_cast<onnx::TileOp>(op)) {
      noOp = allEqualTo(tile.getRepeats(), 1);
    } else if (auto slice = dyn_cast<onnx::SliceOp>(op)) {
      // Same static type: every sliced axis kept all its elements; with
      // positive steps that is the whole axis in order.
      noOp = (isNone(slice.getSteps()) || allEqualTo(slice.getSteps(), 1)) &&
             Literal::get(slice.getStarts()) && Literal::get(slice.getEnds());
    } else if (auto pad = dyn_cast<onnx::PadOp>(op)) {
      noOp = allEqualTo(pad.getPads(), 0);
    }
    if (!noOp)
      return failure();
    rewriter.replaceOp(op, input);
    return success();
  }
};

struct OnnxFoldConstantsPass
    : edgec::impl::OnnxFoldConstantsBase<OnnxFoldConstantsPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<EvaluateConstantOp, RefineResultTypes, RemoveNoOps>(ctx);
    GreedyRewriteConfig config;
    config.setMaxIterations(32);
    // Not converging within the bound is no error: every step kept the IR
    // valid.
    (void)applyPatternsGreedily(getOperation(), std::move(patterns), config);
    updateFunctionResultTypes(getOperation());
  }
};

} // namespace
