//===- OnnxFolds.cpp - folders of the onnx dialect's ops ------------------===//
//
// Folders compute exactly what ONNX defines, and only into the op's own
// result type: a fold never fires when that type is not static (the importer
// runs ONNX shape inference, so real models have static types wherever a fold
// can apply), nor when it would have to change a type.
//
// Constants are evaluated by the dialect's constant evaluator
// (edgec/Dialect/Onnx/ConstantEval.h), which onnx-fold-constants uses too; it
// reads both the inline DenseElementsAttr and the DenseResourceElementsAttr of
// initializers.
//
//===----------------------------------------------------------------------===//
#include "edgec/Dialect/Onnx/OnnxOps.h"

#include "edgec/Dialect/Onnx/ConstantEval.h"
#include "edgec/Support/ConstantTensor.h"

using namespace mlir;
using namespace edgec;
using namespace edgec::onnx;
using edgec::ConstantForm;
using edgec::ConstantTensor;

OpFoldResult NoValueOp::fold(FoldAdaptor) { return UnitAttr::get(getContext()); }

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {

/// A folded constant from packed elements: a dense_resource blob when an
/// input was one and it is larger than kInlineElementLimit (weights stay out
/// of the printed IR), else an inline DenseElementsAttr.
ElementsAttr buildFolded(ShapedType type, ArrayRef<char> data,
                         bool fromResource) {
  return buildElementsAttr(type, data, "onnx_folded",
                           fromResource ? ConstantForm::InlineIfSmall
                                        : ConstantForm::Inline);
}

/// The result type when it is a statically shaped tensor, else null.
RankedTensorType staticType(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  return type && type.hasStaticShape() ? type : RankedTensorType();
}

/// `value` as an attribute of `type` when it has exactly that type (folders
/// never change a result type), else null.
Attribute asResult(const std::optional<Literal> &value, RankedTensorType type) {
  if (!value || !type || value->getType() != type)
    return {};
  return value->toElementsAttr();
}

/// A constant of `type` with the elements of the constant `attr` in the same
/// order (Reshape, Squeeze, Unsqueeze of a constant).
Attribute retype(Attribute attr, RankedTensorType type) {
  std::optional<Literal> input = Literal::get(attr);
  if (!input || !type || type.getElementType() != input->getElementType() ||
      type.getNumElements() != input->size())
    return {};
  input->setShape(type.getShape());
  return input->toElementsAttr();
}

/// Add/Sub/Mul/Div of two constants with multidirectional broadcasting,
/// into the result's own static type.
Attribute foldArithmetic(BinaryKind kind, Attribute lhsAttr, Attribute rhsAttr,
                         Value result) {
  RankedTensorType type = staticType(result);
  if (!type || !lhsAttr || !rhsAttr)
    return {};
  std::optional<Literal> lhs = Literal::get(lhsAttr);
  std::optional<Literal> rhs = Literal::get(rhsAttr);
  if (!lhs || !rhs)
    return {};
  return asResult(evaluateBinary(kind, *lhs, *rhs), type);
}

/// Whether every element of a constant equals `value` (bit-exactly for
/// floats, so -0.0 and +0.0 differ).
bool allEqual(const ConstantTensor &c, const APInt &bits) {
  for (int64_t i = 0, e = c.isSplat() ? 1 : c.size(); i < e; ++i)
    if (c.getBits(i) != bits)
      return false;
  return true;
}

/// `x op c` is x itself when c is all `neutral` and no broadcasting changes
/// the type.
bool isNeutral(Value x, Attribute c, Value result,
               llvm::function_ref<APInt(Type)> neutral) {
  if (!c || x.getType() != result.getType())
    return false;
  std::optional<ConstantTensor> constant = ConstantTensor::get(c);
  if (!constant)
    return false;
  auto type = dyn_cast<ShapedType>(result.getType());
  if (!type || constant->getElementType() != type.getElementType())
    return false;
  // The constant must not widen the result by broadcasting.
  if (type.hasRank() && constant->getShape().size() > static_cast<size_t>(type.getRank()))
    return false;
  if (type.hasRank()) {
    ArrayRef<int64_t> out = type.getShape();
    ArrayRef<int64_t> in = constant->getShape();
    for (size_t i = 0; i < in.size(); ++i) {
      int64_t o = out[out.size() - in.size() + i];
      if (in[i] != 1 && in[i] != o)
        return false;
    }
  } else if (constant->size() != 1) {
    return false;
  }
  return allEqual(*constant, neutral(constant->getElementType()));
}

APInt zeroOf(Type t) {
  return APInt::getZero(t.getIntOrFloatBitWidth());
}
APInt negZeroOf(Type t) {
  if (auto f = dyn_cast<FloatType>(t))
    return APFloat::getZero(f.getFloatSemantics(), /*Negative=*/true)
        .bitcastToAPInt();
  return zeroOf(t);
}
APInt oneOf(Type t) {
  if (auto f = dyn_cast<FloatType>(t))
    return APFloat::getOne(f.getFloatSemantics()).bitcastToAPInt();
  return APInt(t.getIntOrFloatBitWidth(), 1);
}

} // namespace

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

OpFoldResult IdentityOp::fold(FoldAdaptor) {
  if (getInput().getType() == getOutput().getType())
    return getInput();
  return {};
}

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  if (Attribute c = foldArithmetic(BinaryKind::Add, adaptor.getA(), adaptor.getB(),
                                   getC()))
    return c;
  // x + 0 is x for integers; for floats only x + (-0.0) is (-0.0 + 0.0 is
  // +0.0).
  if (isNeutral(getA(), adaptor.getB(), getC(), negZeroOf))
    return getA();
  if (isNeutral(getB(), adaptor.getA(), getC(), negZeroOf))
    return getB();
  return {};
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  if (Attribute c = foldArithmetic(BinaryKind::Sub, adaptor.getA(), adaptor.getB(),
                                   getC()))
    return c;
  // x - (+0.0) is x for every float x, -0.0 included.
  if (isNeutral(getA(), adaptor.getB(), getC(), zeroOf))
    return getA();
  return {};
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (Attribute c = foldArithmetic(BinaryKind::Mul, adaptor.getA(), adaptor.getB(),
                                   getC()))
    return c;
  if (isNeutral(getA(), adaptor.getB(), getC(), oneOf))
    return getA();
  if (isNeutral(getB(), adaptor.getA(), getC(), oneOf))
    return getB();
  return {};
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  if (Attribute c = foldArithmetic(BinaryKind::Div, adaptor.getA(), adaptor.getB(),
                                   getC()))
    return c;
  if (isNeutral(getA(), adaptor.getB(), getC(), oneOf))
    return getA();
  return {};
}

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  std::optional<Literal> x = Literal::get(adaptor.getX());
  if (!x)
    return {};
  return asResult(evaluateNeg(*x), staticType(getY()));
}

OpFoldResult SumOp::fold(FoldAdaptor) {
  if (getData_0().size() == 1 && getData_0()[0].getType() == getSum().getType())
    return getData_0()[0];
  return {};
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getOutput().getType())
    return getInput();
  RankedTensorType type = staticType(getOutput());
  std::optional<Literal> in = Literal::get(adaptor.getInput());
  if (!type || !in)
    return {};
  Type toType = type.getElementType();
  bool toUnsigned = isUnsignedOnnxDataType(static_cast<int64_t>(getTo()));
  return asResult(evaluateCast(*in, toType, toUnsigned), type);
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

OpFoldResult ShapeOp::fold(FoldAdaptor) {
  std::optional<int64_t> end;
  if (getEnd())
    end = static_cast<int64_t>(*getEnd());
  return asResult(evaluateShape(getData().getType(),
                                static_cast<int64_t>(getStart()), end,
                                getContext()),
                  staticType(getShape()));
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  RankedTensorType type = staticType(getReshaped());
  if (!type)
    return {};
  if (getData().getType() == type)
    return getData();
  return retype(adaptor.getData(), type);
}

OpFoldResult SqueezeOp::fold(FoldAdaptor adaptor) {
  return retype(adaptor.getData(), staticType(getSqueezed()));
}

OpFoldResult UnsqueezeOp::fold(FoldAdaptor adaptor) {
  return retype(adaptor.getData(), staticType(getExpanded()));
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  auto input = dyn_cast<RankedTensorType>(getData().getType());
  if (!input)
    return {};
  int64_t rank = input.getRank();
  SmallVector<int64_t> perm = getTransposePerm(*this, rank);
  if (static_cast<int64_t>(perm.size()) != rank)
    return {};
  bool identity = llvm::equal(perm, llvm::seq<int64_t>(0, rank));
  if (identity && getData().getType() == getTransposed().getType())
    return getData();
  std::optional<Literal> data = Literal::get(adaptor.getData());
  if (!data)
    return {};
  return asResult(evaluateTranspose(*data, perm), staticType(getTransposed()));
}

OpFoldResult ConcatOp::fold(FoldAdaptor adaptor) {
  RankedTensorType type = staticType(getConcatResult());
  if (!type)
    return {};
  if (getInputs().size() == 1 && getInputs()[0].getType() == type)
    return getInputs()[0];
  SmallVector<Literal> inputs;
  for (Attribute attr : adaptor.getInputs()) {
    std::optional<Literal> c = Literal::get(attr);
    if (!c)
      return {};
    inputs.push_back(std::move(*c));
  }
  SmallVector<const Literal *> operands;
  for (const Literal &c : inputs)
    operands.push_back(&c);
  return asResult(evaluateConcat(operands, static_cast<int64_t>(getAxis())),
                  type);
}

OpFoldResult GatherOp::fold(FoldAdaptor adaptor) {
  std::optional<Literal> data = Literal::get(adaptor.getData());
  std::optional<Literal> indices = Literal::get(adaptor.getIndices());
  if (!data || !indices)
    return {};
  return asResult(
      evaluateGather(*data, *indices, static_cast<int64_t>(getAxis())),
      staticType(getOutput()));
}
