//===- PlanMemory.cpp - edge-plan-memory ----------------------------------===//
//
// Builds BufferInfos for the intermediate tensors of a func.func of edge ops
// (schedule = op order in the block), runs the arena planner and records the
// offsets as discardable attributes. See docs/memory-planning.md.
//
//===----------------------------------------------------------------------===//
#include "edgec/Dialect/Edge/EdgeOps.h"
#include "edgec/Passes/Memory/ArenaPlanner.h"
#include "edgec/Passes/Memory/Passes.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace edgec {
#define GEN_PASS_DEF_EDGEPLANMEMORY
#include "edgec/Passes/Memory/Passes.h.inc"
} // namespace edgec

using namespace mlir;
using namespace edgec;
using memory::BufferInfo;

namespace {

constexpr llvm::StringLiteral kOffsetAttr = "edge.arena_offset";
constexpr llvm::StringLiteral kOffsetsAttr = "edge.arena_offsets";
constexpr llvm::StringLiteral kSizeAttr = "edge.arena_size";
constexpr llvm::StringLiteral kBoundAttr = "edge.arena_lower_bound";
constexpr llvm::StringLiteral kAlgorithmAttr = "edge.arena_algorithm";

/// Bytes per element as stored: quantized types by their storage width, i1
/// as one byte. std::nullopt for types kernels do not store.
std::optional<int64_t> getElementBytes(Type type) {
  if (auto quantType = dyn_cast<quant::QuantizedType>(type))
    return (quantType.getStorageTypeIntegralWidth() + 7) / 8;
  if (type.isIntOrFloat())
    return (type.getIntOrFloatBitWidth() + 7) / 8;
  return std::nullopt;
}

/// Ops whose kernel may write its result over operand `operandIndex`
/// (element i is read before element i of the result is written).
bool mayWriteInPlace(Operation *op, unsigned operandIndex) {
  if (isa<edge::UnaryOp, edge::ActivationOp>(op))
    return true; // the only tensor operand
  if (isa<edge::PReluOp>(op))
    return operandIndex == 0; // the input, not the slopes
  return isa<edge::AddOp, edge::SubOp, edge::MulOp, edge::DivOp,
             edge::MaximumOp, edge::MinimumOp, edge::PowOp, edge::ModOp>(op);
}

/// A tensor buffer: a value and the reshape results that alias it.
struct BufferClass {
  Value root;
  int64_t firstUse = 0;
  int64_t lastUse = 0;
  int64_t size = 0;
  /// Caller-owned (a function argument, or one member is returned).
  bool external = false;
  /// A constant (lives in flash) or a reshape of one.
  bool constant = false;
  std::optional<int64_t> inPlaceOf;
};

struct EdgePlanMemoryPass
    : edgec::impl::EdgePlanMemoryBase<EdgePlanMemoryPass> {
  using Base::Base;

  void runOnOperation() override;
};

void EdgePlanMemoryPass::runOnOperation() {
  func::FuncOp func = getOperation();
  if (func.isExternal())
    return;
  if (!func.getBody().hasOneBlock()) {
    func.emitError("edge-plan-memory needs a single-block function");
    return signalPassFailure();
  }
  if (alignment < 1 || (alignment & (alignment - 1)) != 0) {
    func.emitError("edge-plan-memory: alignment ")
        << alignment.getValue() << " is not a power of two";
    return signalPassFailure();
  }
  std::optional<memory::PlanAlgorithm> planAlgorithm =
      memory::parseAlgorithmName(algorithm);
  if (!planAlgorithm) {
    func.emitError("edge-plan-memory: unknown algorithm '")
        << algorithm.getValue()
        << "' (expected greedy-by-size, greedy-by-conflicts, first-fit or best)";
    return signalPassFailure();
  }

  Block &block = func.getBody().front();
  Operation *terminator = block.getTerminator();

  // The schedule: op order in the block.
  llvm::DenseMap<Operation *, int64_t> step;
  for (auto [index, op] : llvm::enumerate(block))
    step[&op] = index;

  // Alias classes: a reshape result belongs to its input's class.
  llvm::DenseMap<Value, size_t> classOf;
  std::vector<BufferClass> classes;
  for (BlockArgument arg : block.getArguments()) {
    classOf[arg] = classes.size();
    BufferClass c;
    c.root = arg;
    c.external = true;
    classes.push_back(c);
  }
  bool failed = false;
  for (Operation &op : block) {
    if (&op == terminator)
      break;
    if (auto reshape = dyn_cast<edge::ReshapeOp>(op)) {
      auto source = classOf.find(reshape.getInput());
      if (source != classOf.end())
        classOf[reshape.getResult()] = source->second;
      continue;
    }
    bool constant = op.hasTrait<OpTrait::ConstantLike>();
    for (OpResult result : op.getResults()) {
      auto type = dyn_cast<TensorType>(result.getType());
      if (!type)
        continue;
      classOf[result] = classes.size();
      BufferClass c;
      c.root = result;
      c.constant = constant;
      c.firstUse = c.lastUse = step[&op];
      classes.push_back(c);
    }
  }
  // Function results are caller-owned: so is everything that aliases them.
  for (Value returned : terminator->getOperands())
    if (classOf.count(returned))
      classes[classOf[returned]].external = true;

  // Liveness and sizes of the planned classes.
  auto isPlanned = [&](Value value) {
    auto it = classOf.find(value);
    if (it == classOf.end())
      return false;
    const BufferClass &c = classes[it->second];
    return !c.external && !c.constant;
  };
  for (auto &[value, index] : classOf) {
    BufferClass &c = classes[index];
    if (c.external || c.constant)
      continue;
    for (Operation *user : value.getUsers())
      c.lastUse = std::max(c.lastUse, step.lookup(
                                          block.findAncestorOpInBlock(*user)));
  }
  for (Operation &op : block) {
    for (OpResult result : op.getResults()) {
      if (!isPlanned(result))
        continue;
      auto type = cast<TensorType>(result.getType());
      std::optional<int64_t> bytes = getElementBytes(type.getElementType());
      if (!type.hasStaticShape()) {
        op.emitOpError("edge-plan-memory needs static shapes: result #")
            << result.getResultNumber() << " has type " << type;
        failed = true;
        continue;
      }
      if (!bytes) {
        op.emitOpError("edge-plan-memory cannot size element type ")
            << type.getElementType() << " of result #"
            << result.getResultNumber();
        failed = true;
        continue;
      }
      BufferClass &c = classes[classOf[result]];
      if (c.root == result)
        c.size = type.getNumElements() * *bytes;
    }
  }
  if (failed)
    return signalPassFailure();

  // In-place hints: an elementwise op may write over an operand whose buffer
  // dies at it, when sizes and element layout agree.
  if (inPlace) {
    for (Operation &op : block) {
      if (op.getNumResults() != 1 || !isPlanned(op.getResult(0)))
        continue;
      auto resultType = cast<ShapedType>(op.getResult(0).getType());
      BufferClass &out = classes[classOf[op.getResult(0)]];
      for (OpOperand &operand : op.getOpOperands()) {
        Value input = operand.get();
        if (!mayWriteInPlace(&op, operand.getOperandNumber()) ||
            !isPlanned(input))
          continue;
        size_t inClass = classOf[input];
        auto inputType = cast<ShapedType>(input.getType());
        if (classes[inClass].lastUse != step[&op] ||
            inputType.getShape() != resultType.getShape() ||
            getElementBytes(inputType.getElementType()) !=
                getElementBytes(resultType.getElementType()))
          continue;
        // Another operand reading the same buffer through a reshape of a
        // different element count would see overwritten elements.
        bool hazard = llvm::any_of(op.getOperands(), [&](Value other) {
          return other != input && classOf.count(other) &&
                 classOf[other] == inClass &&
                 cast<ShapedType>(other.getType()).getNumElements() !=
                     inputType.getNumElements();
        });
        if (hazard)
          continue;
        out.inPlaceOf = static_cast<int64_t>(inClass);
        break;
      }
    }
  }

  std::vector<BufferInfo> buffers;
  for (auto [index, c] : llvm::enumerate(classes)) {
    if (c.external || c.constant)
      continue;
    BufferInfo info;
    info.id = static_cast<int64_t>(index);
    info.size = c.size;
    info.alignment = alignment;
    info.firstUse = c.firstUse;
    info.lastUse = c.lastUse;
    info.inPlaceOf = c.inPlaceOf;
    buffers.push_back(info);
  }
  std::string problem = memory::validateBuffers(buffers);
  memory::ArenaPlan plan;
  if (problem.empty()) {
    plan = memory::planArena(buffers, *planAlgorithm);
    problem = memory::verifyPlan(buffers, plan);
  }
  if (!problem.empty()) {
    func.emitError("edge-plan-memory: internal error: ") << problem;
    return signalPassFailure();
  }
  llvm::DenseMap<size_t, int64_t> offsetOfClass;
  for (auto [info, offset] : llvm::zip(buffers, plan.offsets))
    offsetOfClass[static_cast<size_t>(info.id)] = offset;

  // Record the plan.
  Builder builder(&getContext());
  for (Operation &op : block) {
    op.removeAttr(kOffsetAttr);
    op.removeAttr(kOffsetsAttr);
    SmallVector<int64_t> offsets;
    bool any = false;
    for (OpResult result : op.getResults()) {
      int64_t offset = -1;
      if (isPlanned(result)) {
        offset = offsetOfClass.lookup(classOf[result]);
        any = true;
      }
      offsets.push_back(offset);
    }
    if (!any)
      continue;
    if (offsets.size() == 1)
      op.setAttr(kOffsetAttr, builder.getI64IntegerAttr(offsets.front()));
    else
      op.setAttr(kOffsetsAttr, builder.getDenseI64ArrayAttr(offsets));
  }
  func->setAttr(kSizeAttr, builder.getI64IntegerAttr(plan.arenaSize));
  func->setAttr(kBoundAttr,
                builder.getI64IntegerAttr(memory::computeLowerBound(buffers)));
  func->setAttr(kAlgorithmAttr,
                builder.getStringAttr(memory::getAlgorithmName(plan.algorithm)));
}

} // namespace
