//===- EdgeBuilders.cpp - building edge constants and layouts -------------===//
#include "edgec/Passes/Edge/EdgeBuilders.h"

#include "edgec/Dialect/Edge/EdgeOps.h"
#include "edgec/Support/ConstantTensor.h"
#include "edgec/Support/NodeName.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

using namespace mlir;
using namespace edgec;

std::string edgec::getNodeName(Operation *op) {
  std::string name = getOnnxNodeName(op->getLoc());
  return name.empty() ? op->getName().stripDialect().str() : name;
}

std::string edgec::deriveName(Value source, Operation *node, StringRef suffix) {
  std::string base;
  if (source)
    if (Operation *def = source.getDefiningOp())
      if (auto attr = def->getAttrOfType<DenseResourceElementsAttr>("value"))
        base = attr.getRawHandle().getKey().str();
  if (base.empty())
    base = getNodeName(node);
  return base + "." + suffix.str();
}

std::vector<char> edgec::permuteElements(const ConstantTensor &c,
                                        ArrayRef<int64_t> perm,
                                        ArrayRef<int64_t> shape) {
  ArrayRef<int64_t> in = shape.empty() ? c.getShape() : shape;
  int64_t rank = in.size();
  unsigned eb = c.getElementBytes();
  if (c.isSplat()) {
    ArrayRef<char> e = c.getElementData(0);
    return std::vector<char>(e.begin(), e.end());
  }
  SmallVector<int64_t> inStride(rank, 1), out(rank);
  for (int64_t i = rank - 2; i >= 0; --i)
    inStride[i] = inStride[i + 1] * in[i + 1];
  for (int64_t i = 0; i < rank; ++i)
    out[i] = in[perm[i]];
  std::vector<char> result(c.size() * eb);
  SmallVector<int64_t> idx(rank, 0);
  for (int64_t linear = 0; linear < c.size(); ++linear) {
    int64_t src = 0;
    for (int64_t i = 0; i < rank; ++i)
      src += idx[i] * inStride[perm[i]];
    ArrayRef<char> e = c.getElementData(src);
    std::copy(e.begin(), e.end(), result.begin() + linear * eb);
    for (int64_t i = rank - 1; i >= 0; --i) {
      if (++idx[i] < out[i])
        break;
      idx[i] = 0;
    }
  }
  return result;
}

Value edgec::createPermutedConstant(OpBuilder &b, Location loc,
                                   const ConstantTensor &c,
                                   ArrayRef<int64_t> perm, StringRef name) {
  auto type = permuteType(cast<RankedTensorType>(c.getType()), perm);
  std::vector<char> data = permuteElements(c, perm);
  return edge::ConstantOp::create(b, loc, buildElementsAttr(type, data, name, ConstantForm::InlineIfSmall));
}

RankedTensorType edgec::permuteType(RankedTensorType type,
                                   ArrayRef<int64_t> perm) {
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(type.getDimSize(p));
  return RankedTensorType::get(shape, type.getElementType());
}

SmallVector<int64_t> edgec::invertPermutation(ArrayRef<int64_t> perm) {
  SmallVector<int64_t> inv(perm.size());
  for (auto [i, p] : llvm::enumerate(perm))
    inv[p] = i;
  return inv;
}

Value edgec::createTranspose(OpBuilder &b, Location loc, Value v,
                            ArrayRef<int64_t> perm) {
  auto type = permuteType(cast<RankedTensorType>(v.getType()), perm);
  return edge::TransposeOp::create(b, loc, type, v, perm);
}

