//===- QuantRules.cpp - which edge ops have integer kernels ---------------===//
#include "edgec/Passes/Quantize/QuantRules.h"

#include "edgec/Dialect/Edge/EdgeOps.h"

#include "edgec/Support/ConstantTensor.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace edgec;

namespace {
bool isF32Tensor(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && t.getElementType().isF32();
}
} // namespace

bool quantization::hasClampOnlyActivation(Operation *op) {
  auto fused = dyn_cast<edge::FusedActivationOpInterface>(op);
  return !fused || fused.getActivation().getClampRange().has_value();
}

quantization::Decision quantization::decideRule(Operation *op, bool int16) {
  auto floatBecause = [](std::string why) {
    return Decision{Rule::Float, std::move(why)};
  };
  if (isa<edge::ConstantOp, edge::QuantizeOp, edge::DequantizeOp,
          edge::RequantizeOp, func::ReturnOp>(op))
    return {};
  // Only f32 computations are quantized.
  if (!llvm::any_of(op->getResults(), isF32Tensor))
    return {};
  if (!hasClampOnlyActivation(op))
    return floatBecause(
        "fused " +
        edge::stringifyActivationKind(
            cast<edge::FusedActivationOpInterface>(op).getActivation().getKind())
            .str() +
        " activation (integer kernels fuse clamps only)");

  // Data movement and window ops: results keep the input's parameters.
  bool sameAsInput =
      TypeSwitch<Operation *, bool>(op)
          .Case<edge::ReshapeOp, edge::TransposeOp, edge::SliceOp,
                edge::SplitOp, edge::TileOp, edge::BroadcastToOp,
                edge::DepthToSpaceOp, edge::SpaceToDepthOp, edge::GatherOp,
                edge::PadOp>([](auto) { return true; })
          // q8 and q16 pooling kernels; nearest resize moves data.
          .Case<edge::MaxPool2DOp, edge::AvgPool2DOp>(
              [](auto) { return true; })
          .Case<edge::ResizeOp>([](edge::ResizeOp r) {
            return r.getMode() == edge::ResizeMode::nearest;
          })
          .Default([](Operation *) { return false; });
  if (sameAsInput)
    return {Rule::SameAsInput, ""};
  if (isa<edge::Conv2DOp, edge::DepthwiseConv2DOp, edge::FullyConnectedOp>(
          op))
    return {Rule::Weighted, ""};
  if (isa<edge::AddOp>(op))
    return {Rule::Rescale, ""};
  if (isa<edge::MulOp>(op))
    return {Rule::Rescale, ""};
  if (isa<edge::MatMulOp>(op)) {
    if (int16)
      return floatBecause("no int16 kernel");
    return {Rule::Rescale, ""};
  }
  if (isa<edge::ConcatOp>(op))
    return {Rule::Concat, ""};
  if (int16)
    return floatBecause("no int16 kernel");
  if (auto s = dyn_cast<edge::SoftmaxOp>(op)) {
    if (s.getBeta().convertToDouble() != 1.0)
      return floatBecause("softmax with beta != 1 has no int8 kernel");
    return {Rule::FixedOutput, ""};
  }
  if (auto a = dyn_cast<edge::ActivationOp>(op)) {
    edge::ActivationKind k = a.getAct().getKind();
    if (k == edge::ActivationKind::sigmoid || k == edge::ActivationKind::tanh)
      return {Rule::FixedOutput, ""};
    return {Rule::Table, ""};
  }
  if (isa<edge::UnaryOp>(op))
    return {Rule::Table, ""};
  return floatBecause("no int8 kernel");
}

Value quantization::createStorageConstant(OpBuilder &builder, Location loc,
                                          RankedTensorType valueType,
                                          RankedTensorType resultType,
                                          ArrayRef<char> data, StringRef name) {
  ElementsAttr value =
      buildElementsAttr(valueType, data, name, ConstantForm::InlineIfSmall);
  return edge::ConstantOp::create(builder, loc, resultType, value);
}
