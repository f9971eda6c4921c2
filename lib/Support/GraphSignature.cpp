//===- GraphSignature.cpp - the graph function of a module ----------------===//
#include "edgec/Support/GraphSignature.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"

#include "edgert/common.h"

#include <cstdint>

using namespace mlir;

namespace edgec {

func::FuncOp getGraphFunction(ModuleOp module, std::string &error) {
  func::FuncOp found;
  for (auto f : module.getOps<func::FuncOp>()) {
    if (f.isExternal())
      continue;
    if (found) {
      error = "the module has more than one graph function ('" +
              found.getName().str() + "', '" + f.getName().str() +
              "'; expected one func.func with a body)";
      return nullptr;
    }
    found = f;
  }
  if (!found)
    error = "the module has no graph function (no func.func with a body)";
  return found;
}

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

bool isHostTensorType(Type type, std::string &why) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked || !ranked.hasStaticShape()) {
    why = "tensor type " + typeString(type) + " is not statically shaped";
    return false;
  }
  ElemType e;
  if (!getElemType(ranked.getElementType(), e)) {
    why = "element type " + typeString(ranked.getElementType()) +
          " is not supported (f32, i1, i8, i16, i32, i64, ui8 or a quantized "
          "type stored in one of them)";
    return false;
  }
  if (ranked.getRank() > EDGERT_MAX_RANK) {
    why = "rank " + std::to_string(ranked.getRank()) +
          " exceeds the runtime's " + std::to_string(EDGERT_MAX_RANK);
    return false;
  }
  if (ranked.getNumElements() > INT32_MAX / 8) {
    why = "tensor of " + std::to_string(ranked.getNumElements()) +
          " elements is too large";
    return false;
  }
  return true;
}

bool getFunctionSignature(func::FuncOp func,
                          std::vector<GraphTensorInfo> &inputs,
                          std::vector<GraphTensorInfo> &outputs,
                          std::string &error) {
  auto info = [&](Type t, DictionaryAttr attrs, const char *kind, unsigned i,
                  std::vector<GraphTensorInfo> &into) -> bool {
    GraphTensorInfo out;
    out.name = std::string(kind) + "_" + std::to_string(i);
    if (attrs)
      if (auto name = attrs.getAs<StringAttr>("onnx.name"))
        out.name = name.str();
    std::string why;
    if (!isHostTensorType(t, why)) {
      error = "graph " + std::string(kind) + " '" + out.name + "': " + why;
      return false;
    }
    auto ranked = cast<RankedTensorType>(t);
    getElemType(ranked.getElementType(), out.type);
    out.shape.assign(ranked.getShape().begin(), ranked.getShape().end());
    into.push_back(std::move(out));
    return true;
  };
  inputs.clear();
  outputs.clear();
  FunctionType type = func.getFunctionType();
  for (unsigned i = 0; i < type.getNumInputs(); ++i)
    if (!info(type.getInput(i), func.getArgAttrDict(i), "input", i, inputs))
      return false;
  for (unsigned i = 0; i < type.getNumResults(); ++i)
    if (!info(type.getResult(i), func.getResultAttrDict(i), "output", i,
              outputs))
      return false;
  return true;
}

} // namespace edgec
