//===- FreezeInputs.cpp - graph inputs replaced by constants --------------===//
#include "edgec/Pipeline/FreezeInputs.h"

#include "edgec/Dialect/Onnx/OnnxOps.h"
#include "edgec/Support/ConstantTensor.h"
#include "edgec/Support/GraphSignature.h"
#include "edgec/Support/GraphInputs.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinDialect.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <map>

using namespace mlir;

namespace edgec {

std::string parseFreezeInputSpec(llvm::StringRef spec, std::string &name,
                                 std::string &file) {
  auto [n, f] = spec.split('=');
  if (!spec.contains('=') || n.trim().empty() || f.empty())
    return "--freeze-input expects NAME=FILE, got '" + spec.str() + "'";
  name = n.trim().str();
  file = f.str();
  return "";
}

static std::string typeString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  type.print(os);
  return s;
}

LogicalResult freezeInputs(ModuleOp module,
                           const std::vector<FrozenInput> &inputs,
                           std::string &error) {
  if (inputs.empty())
    return success();
  func::FuncOp func = getGraphFunction(module, error);
  if (!func) {
    error = "--freeze-input: " + error;
    return failure();
  }
  auto argName = [&](unsigned i) {
    if (auto n = func.getArgAttrOfType<StringAttr>(i, "onnx.name"))
      return n.str();
    return "input_" + std::to_string(i);
  };

  // Check everything before changing anything.
  std::map<unsigned, const FrozenInput *> byArg;
  for (const FrozenInput &in : inputs) {
    int found = -1;
    for (unsigned i = 0; i < func.getNumArguments(); ++i)
      if (argName(i) == in.name) {
        found = static_cast<int>(i);
        break;
      }
    if (found < 0) {
      std::string names;
      for (unsigned i = 0; i < func.getNumArguments(); ++i)
        names += (names.empty() ? "'" : ", '") + argName(i) + "'";
      error = "--freeze-input " + in.name + "=" + in.file +
              ": the model has no graph input '" + in.name + "' (inputs: " +
              (names.empty() ? std::string("none") : names) + ")";
      return failure();
    }
    if (byArg.count(found)) {
      error = "--freeze-input: graph input '" + in.name +
              "' is frozen twice";
      return failure();
    }
    auto type = dyn_cast<RankedTensorType>(func.getArgument(found).getType());
    ElemType elem;
    if (!type || !type.hasStaticShape() ||
        !getElemType(type.getElementType(), elem)) {
      error = in.file + ": graph input '" + in.name + "' has type " +
              typeString(func.getArgument(found).getType()) +
              ", which cannot be frozen from a tensor file";
      return failure();
    }
    GraphTensorInfo info{in.name, elem,
                         std::vector<int64_t>(type.getShape().begin(),
                                              type.getShape().end())};
    if (!checkGraphInput(info, in.value, in.file, error))
      return failure();
    byArg[found] = &in;
  }

  Block &body = func.getBody().front();
  OpBuilder b(module.getContext());
  b.setInsertionPointToStart(&body);
  llvm::BitVector erase(func.getNumArguments());
  for (auto [index, in] : byArg) {
    BlockArgument arg = func.getArgument(index);
    auto type = cast<RankedTensorType>(arg.getType());
    Location loc = NameLoc::get(
        b.getStringAttr(in->name),
        FileLineColLoc::get(b.getStringAttr(in->file), 0, 0));
    std::string key = "frozen_";
    for (char c : in->name)
      key += (llvm::isAlnum(c) || c == '_' || c == '.') ? c : '_';
    // HostTensor data is ConstantTensor's packed form (bools one byte each).
    // Small tensors stay inline (the folders read them either way), others
    // become dense_resource blobs, as the importer's initializers are.
    ElementsAttr value = buildElementsAttr(type, ArrayRef<char>(in->value.data),
                                           key, ConstantForm::InlineIfSmall);
    auto constant = onnx::ConstantOp::create(b, loc, type, value);
    arg.replaceAllUsesWith(constant.getResult());
    erase.set(index);
  }
  if (failed(func.eraseArguments(erase))) {
    error = "--freeze-input: cannot remove the frozen graph inputs";
    return failure();
  }
  return success();
}

} // namespace edgec
