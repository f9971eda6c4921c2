//===- OnnxImporter.cpp - ONNX graph to the onnx dialect ------------------===//
//
// Builds one func.func per model from a PreparedModel (see ModelLoader.h):
// graph inputs become arguments, initializers `onnx.Constant` ops holding
// dense resources, every node the `onnx.<OpType>` op of the same name with
// operands in ONNX's formal input order (absent optional inputs are the one
// shared `onnx.NoValue`) and results typed from shape inference.
//
//===----------------------------------------------------------------------===//
#include "edgec/Import/OnnxImporter.h"

#include "ModelLoader.h"
#include "TensorConversion.h"

#include "edgec/Dialect/Onnx/OnnxDialect.h"
#include "edgec/Dialect/Onnx/OnnxOps.h"
#include "edgec/Support/NodeName.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"

#include "onnx/defs/schema.h"

#include <algorithm>
#include <map>
#include <set>

using namespace mlir;
using llvm::StringRef;
using llvm::Twine;

namespace edgec {

std::string parseInputShape(StringRef spec, ImportOptions &options) {
  auto bad = [&](const Twine &why) {
    return ("invalid --input-shape '" + spec + "': " + why +
            " (expected name=1x3x224x224)")
        .str();
  };
  size_t eq = spec.rfind('=');
  if (eq == StringRef::npos || eq == 0)
    return bad("no 'name=' prefix");
  StringRef name = spec.take_front(eq);
  StringRef dimsText = spec.drop_front(eq + 1).trim();
  // A scalar input has nothing to make static, so an empty shape is a typo
  // (or an empty shell variable), not a request for rank 0.
  if (dimsText.empty())
    return bad("no dimensions after '='");
  if (dimsText.contains(',')) {
    std::string fixed = (name + "=" + dimsText).str();
    std::replace(fixed.begin(), fixed.end(), ',', 'x');
    return ("invalid --input-shape '" + spec +
            "': dimensions are separated by 'x', not ',' (expected " + fixed +
            ")")
        .str();
  }
  llvm::SmallVector<int64_t, 4> dims;
  llvm::SmallVector<StringRef> parts;
  dimsText.split(parts, 'x');
  uint64_t elements = 1;
  for (StringRef part : parts) {
    part = part.trim();
    unsigned long long d = 0;
    bool digits = !part.empty() && llvm::all_of(part, llvm::isDigit);
    if (!digits)
      return bad("dimension '" + part + "' is not a positive integer");
    // A dimension the runtime's int32_t sizes cannot hold.
    if (part.getAsInteger(10, d) ||
        d > static_cast<unsigned long long>(INT32_MAX))
      return bad("dimension '" + part + "' is too large (at most " +
                 Twine(INT32_MAX) + ")");
    if (d == 0)
      return bad("dimension 0 would make the input empty");
    if (elements > static_cast<uint64_t>(INT64_MAX) / d)
      return bad("the shape has more than 2^63 elements");
    elements *= d;
    dims.push_back(static_cast<int64_t>(d));
  }
  if (!options.inputShapes.emplace(name.str(), dims).second)
    return bad("input '" + name + "' is given twice");
  return "";
}

namespace {

using import::convertElementType;
using import::convertTensor;

class GraphImporter {
public:
  GraphImporter(MLIRContext &ctx, StringRef path,
                const import::PreparedModel &prepared, std::string &error)
      : ctx(ctx), b(&ctx), path(path), prepared(prepared),
        graph(prepared.model.graph()), error(error) {}

  OwningOpRef<ModuleOp> run();

private:
  bool fail(const Twine &message) {
    error = import::escapeControls((path + ": " + message).str());
    return false;
  }
  static std::string describe(const ::onnx::NodeProto &node) {
    return "node '" + node.name() + "' (" + node.op_type() + ")";
  }
  Location fileLoc() { return FileLineColLoc::get(&ctx, path, 0, 0); }
  Location nodeLoc(const ::onnx::NodeProto &node) {
    return NameLoc::get(StringAttr::get(&ctx, node.name()), fileLoc());
  }

  Type convertType(const ::onnx::TypeProto &type, StringRef what);
  /// The type of value `name` from the model's (inferred) value infos.
  Type valueType(const std::string &name, StringRef what);
  Value getNoValue();
  bool importInitializers(const std::set<std::string> &used);
  bool importNode(const ::onnx::NodeProto &node);
  bool importConstantNode(const ::onnx::NodeProto &node);
  bool convertAttribute(const ::onnx::NodeProto &node,
                        const ::onnx::AttributeProto &attr,
                        const ::onnx::OpSchema::Attribute &formal,
                        NamedAttribute &out);

  MLIRContext &ctx;
  OpBuilder b;
  std::string path;
  const import::PreparedModel &prepared;
  const ::onnx::GraphProto &graph;
  std::string &error;

  std::map<std::string, const ::onnx::TypeProto *> types;
  llvm::StringMap<Value> values;
  Block *entry = nullptr;
  Value noValue;
};

Type GraphImporter::convertType(const ::onnx::TypeProto &type, StringRef what) {
  if (!type.has_tensor_type()) {
    fail(what + " is not a tensor (sequence, map, optional and sparse "
                "values are not supported)");
    return {};
  }
  const auto &tt = type.tensor_type();
  std::string typeError;
  Type element = convertElementType(tt.elem_type(), ctx, what, typeError);
  if (!element) {
    fail(typeError);
    return {};
  }
  if (!tt.has_shape())
    return UnrankedTensorType::get(element);
  SmallVector<int64_t> dims;
  for (const auto &d : tt.shape().dim())
    dims.push_back(d.has_dim_value() && d.dim_value() >= 0 ? d.dim_value()
                                                           : ShapedType::kDynamic);
  return RankedTensorType::get(dims, element);
}

Type GraphImporter::valueType(const std::string &name, StringRef what) {
  auto it = types.find(name);
  if (it == types.end()) {
    fail("shape inference found no type for " + what);
    return {};
  }
  return convertType(*it->second, what);
}

Value GraphImporter::getNoValue() {
  if (!noValue) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(entry);
    noValue = edgec::onnx::NoValueOp::create(b, fileLoc());
  }
  return noValue;
}

bool GraphImporter::importInitializers(const std::set<std::string> &used) {
  for (const auto &t : graph.initializer()) {
    if (!used.count(t.name()) || values.count(t.name()))
      continue;
    std::string tensorError;
    ElementsAttr value =
        convertTensor(t, ctx, ConstantForm::Resource,
                      "initializer '" + t.name() + "'", t.name(), tensorError);
    if (!value)
      return fail(tensorError);
    Location loc = NameLoc::get(StringAttr::get(&ctx, t.name()), fileLoc());
    auto op = edgec::onnx::ConstantOp::create(b, loc, value.getType(), value);
    values[t.name()] = op.getResult();
  }
  return true;
}

bool GraphImporter::importConstantNode(const ::onnx::NodeProto &node) {
  if (node.attribute_size() != 1 || node.output_size() != 1)
    return fail(describe(node) +
                " must have exactly one value attribute and one output");
  const auto &attr = node.attribute(0);
  const std::string &name = attr.name();
  ::onnx::TensorProto tensor;
  if (name == "value") {
    tensor = attr.t();
  } else if (name == "value_float" || name == "value_floats") {
    tensor.set_data_type(::onnx::TensorProto::FLOAT);
    if (name == "value_float") {
      tensor.add_float_data(attr.f());
    } else {
      tensor.add_dims(attr.floats_size());
      for (float f : attr.floats())
        tensor.add_float_data(f);
    }
  } else if (name == "value_int" || name == "value_ints") {
    tensor.set_data_type(::onnx::TensorProto::INT64);
    if (name == "value_int") {
      tensor.add_int64_data(attr.i());
    } else {
      tensor.add_dims(attr.ints_size());
      for (int64_t i : attr.ints())
        tensor.add_int64_data(i);
    }
  } else {
    return fail(describe(node) + " has a '" + name +
                "' value, which edgec does not support (string and sparse "
                "constants)");
  }
  std::string tensorError;
  ElementsAttr value =
      convertTensor(tensor, ctx, ConstantForm::InlineIfSmall,
                    "tensor '" + name + "' of " + describe(node),
                    node.output(0), tensorError);
  if (!value)
    return fail(tensorError);
  auto op =
      edgec::onnx::ConstantOp::create(b, nodeLoc(node), value.getType(), value);
  values[node.output(0)] = op.getResult();
  return true;
}

bool GraphImporter::convertAttribute(const ::onnx::NodeProto &node,
                                     const ::onnx::AttributeProto &attr,
                                     const ::onnx::OpSchema::Attribute &formal,
                                     NamedAttribute &out) {
  using AP = ::onnx::AttributeProto;
  std::string what =
      "attribute '" + attr.name() + "' of " + describe(node);
  if (!attr.ref_attr_name().empty())
    return fail(what + " refers to a function attribute, which is not "
                       "supported outside functions");
  if (attr.type() != formal.type)
    return fail(what + " has type " + AP::AttributeType_Name(attr.type()) +
                " but ONNX " + node.op_type() + " defines it as " +
                AP::AttributeType_Name(formal.type));
  Attribute value;
  switch (formal.type) {
  case AP::INT:
    value = b.getI64IntegerAttr(attr.i());
    break;
  case AP::FLOAT:
    value = b.getF32FloatAttr(attr.f());
    break;
  case AP::STRING:
    value = b.getStringAttr(attr.s());
    break;
  case AP::INTS: {
    SmallVector<int64_t> v(attr.ints().begin(), attr.ints().end());
    value = b.getDenseI64ArrayAttr(v);
    break;
  }
  case AP::FLOATS: {
    SmallVector<float> v(attr.floats().begin(), attr.floats().end());
    value = b.getDenseF32ArrayAttr(v);
    break;
  }
  case AP::STRINGS: {
    SmallVector<StringRef> v;
    for (const auto &s : attr.strings())
      v.push_back(s);
    value = b.getStrArrayAttr(v);
    break;
  }
  case AP::TENSOR: {
    std::string tensorError;
    value = convertTensor(attr.t(), ctx, ConstantForm::InlineIfSmall,
                          "tensor " + what, node.name() + "." + attr.name(),
                          tensorError);
    if (!value)
      return fail(tensorError);
    break;
  }
  default:
    return fail(what + " has type " + AP::AttributeType_Name(formal.type) +
                ", which edgec does not support");
  }
  out = b.getNamedAttr(attr.name(), value);
  return true;
}

bool GraphImporter::importNode(const ::onnx::NodeProto &node) {
  if (node.op_type() == "Constant")
    return importConstantNode(node);
  const ::onnx::OpSchema *schema = ::onnx::OpSchemaRegistry::Schema(
      node.op_type(), static_cast<int>(prepared.opset), "");
  if (!schema)
    return fail(describe(node) + " has no ONNX schema at opset " +
                Twine(prepared.opset));
  OperationState state(nodeLoc(node), "onnx." + node.op_type());

  // Operands in formal order; absent optional inputs are the shared NoValue.
  const auto &formalIns = schema->inputs();
  bool variadicIn = !formalIns.empty() &&
                    formalIns.back().GetOption() ==
                        ::onnx::OpSchema::FormalParameterOption::Variadic;
  size_t fixedIns = formalIns.size() - (variadicIn ? 1 : 0);
  if (!variadicIn && static_cast<size_t>(node.input_size()) > fixedIns)
    return fail(describe(node) + " has " + Twine(node.input_size()) +
                " inputs but ONNX " + node.op_type() + " takes at most " +
                Twine(fixedIns));
  for (const std::string &in : node.input()) {
    if (in.empty()) {
      state.operands.push_back(getNoValue());
      continue;
    }
    auto it = values.find(in);
    if (it == values.end())
      return fail(describe(node) + " reads '" + in +
                  "', which no earlier node, input or initializer defines");
    state.operands.push_back(it->second);
  }
  for (size_t i = node.input_size(); i < fixedIns; ++i)
    state.operands.push_back(getNoValue());

  // One result per formal output (per node output for a variadic one).
  const auto &formalOuts = schema->outputs();
  for (size_t i = 0; i < formalOuts.size(); ++i) {
    bool variadic = formalOuts[i].GetOption() ==
                    ::onnx::OpSchema::FormalParameterOption::Variadic;
    size_t end = variadic ? std::max<size_t>(node.output_size(), i) : i + 1;
    for (size_t j = i; j < end; ++j) {
      bool present =
          j < static_cast<size_t>(node.output_size()) && !node.output(j).empty();
      if (!present) {
        if (formalOuts[i].GetOption() !=
            ::onnx::OpSchema::FormalParameterOption::Optional)
          return fail(describe(node) + " lacks its required output '" +
                      formalOuts[i].GetName() + "'");
        state.types.push_back(b.getNoneType());
        continue;
      }
      Type t = valueType(node.output(j), "'" + node.output(j) +
                                             "' (output of " + describe(node) +
                                             ")");
      if (!t)
        return false;
      state.types.push_back(t);
    }
  }
  if (static_cast<size_t>(node.output_size()) > formalOuts.size() &&
      !(formalOuts.size() &&
        formalOuts.back().GetOption() ==
            ::onnx::OpSchema::FormalParameterOption::Variadic))
    return fail(describe(node) + " has " + Twine(node.output_size()) +
                " outputs but ONNX " + node.op_type() + " has at most " +
                Twine(formalOuts.size()));

  for (const auto &attr : node.attribute()) {
    auto formal = schema->attributes().find(attr.name());
    if (formal == schema->attributes().end())
      return fail(describe(node) + " has attribute '" + attr.name() +
                  "', which ONNX " + node.op_type() + " does not define");
    NamedAttribute named(b.getStringAttr(attr.name()), b.getUnitAttr());
    if (!convertAttribute(node, attr, formal->second, named))
      return false;
    state.attributes.push_back(named);
  }

  Operation *op = b.create(state);
  for (int j = 0; j < node.output_size(); ++j)
    if (!node.output(j).empty())
      values[node.output(j)] = op->getResult(j);
  return true;
}

OwningOpRef<ModuleOp> GraphImporter::run() {
  for (const auto &vi : graph.input())
    types[vi.name()] = &vi.type();
  for (const auto &vi : graph.value_info())
    types[vi.name()] = &vi.type();
  for (const auto &vi : graph.output())
    types[vi.name()] = &vi.type();

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc());
  const ::onnx::ModelProto &model = prepared.model;
  (*module)->setAttr("onnx.opset", b.getI64IntegerAttr(prepared.opset));
  (*module)->setAttr("onnx.source_opset",
                     b.getI64IntegerAttr(prepared.sourceOpset));
  std::string producer = model.producer_name();
  if (!model.producer_version().empty())
    producer += (producer.empty() ? "" : " ") + model.producer_version();
  (*module)->setAttr("onnx.producer", b.getStringAttr(producer));
  (*module)->setAttr("onnx.model_file", b.getStringAttr(path));

  std::set<std::string> initializers;
  for (const auto &t : graph.initializer())
    initializers.insert(t.name());

  // Arguments: graph inputs that are not initializers.
  SmallVector<Type> argTypes;
  SmallVector<std::string> argNames;
  for (const auto &in : graph.input()) {
    if (initializers.count(in.name()))
      continue;
    Type t = convertType(in.type(), "input '" + in.name() + "'");
    if (!t)
      return nullptr;
    argTypes.push_back(t);
    argNames.push_back(in.name());
  }
  std::string funcName = graph.name().empty()
                             ? std::string("main_graph")
                             : import::sanitizeName(graph.name());
  b.setInsertionPointToEnd(module->getBody());
  auto func = func::FuncOp::create(b, fileLoc(), funcName,
                                   b.getFunctionType(argTypes, {}));
  entry = func.addEntryBlock();
  for (size_t i = 0; i < argNames.size(); ++i) {
    func.setArgAttr(i, "onnx.name", b.getStringAttr(argNames[i]));
    values[argNames[i]] = entry->getArgument(i);
  }
  b.setInsertionPointToEnd(entry);

  std::set<std::string> used;
  for (const auto &node : graph.node())
    used.insert(node.input().begin(), node.input().end());
  for (const auto &out : graph.output())
    used.insert(out.name());
  if (!importInitializers(used))
    return nullptr;
  for (const auto &node : graph.node())
    if (!importNode(node))
      return nullptr;

  SmallVector<Value> results;
  for (const auto &out : graph.output()) {
    auto it = values.find(out.name());
    if (it == values.end()) {
      fail("graph output '" + out.name() +
           "' is not produced by any node, input or initializer");
      return nullptr;
    }
    results.push_back(it->second);
  }
  func::ReturnOp::create(b, fileLoc(), results);
  func.setFunctionType(
      b.getFunctionType(argTypes, ValueRange(results).getTypes()));
  for (int i = 0; i < graph.output_size(); ++i)
    func.setResultAttr(i, "onnx.name", b.getStringAttr(graph.output(i).name()));
  return module;
}

/// Describes a diagnostic location: the node it names, else nothing.
std::string describeLocation(Location loc) {
  std::string node = getOnnxNodeName(loc);
  return node.empty() ? "" : "node '" + node + "': ";
}

} // namespace

namespace {

OwningOpRef<ModuleOp> importModel(StringRef path,
                                  std::optional<StringRef> contents,
                                  MLIRContext &context,
                                  const ImportOptions &options,
                                  std::string &error) {
  error.clear();
  context.loadDialect<edgec::onnx::OnnxDialect, func::FuncDialect>();

  // Capture diagnostics (verifier failures, attribute construction) into a
  // one-line error instead of letting them print.
  std::string diagnostic;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    if (diag.getSeverity() == DiagnosticSeverity::Error && diagnostic.empty())
      diagnostic = describeLocation(diag.getLocation()) + diag.str();
    return success();
  });

  import::PreparedModel prepared;
  if (!import::prepareModel(path, context, options, prepared, error,
                            contents))
    return nullptr;
  if (options.prepareOnly)
    return ModuleOp::create(FileLineColLoc::get(&context, path, 0, 0));

  OwningOpRef<ModuleOp> module;
  try {
    GraphImporter importer(context, path, prepared, error);
    module = importer.run();
  } catch (const std::exception &e) {
    error = (path + ": import failed: " + e.what()).str();
    return nullptr;
  }
  if (!module) {
    if (error.empty())
      error = (path + ": import failed: " + diagnostic).str();
    return nullptr;
  }
  if (failed(verify(*module))) {
    std::string message = diagnostic.empty() ? "unknown error" : diagnostic;
    std::replace(message.begin(), message.end(), '\n', ' ');
    error = import::escapeControls(
        (path + ": the imported IR does not verify: " + message).str());
    return nullptr;
  }
  return module;
}

} // namespace

OwningOpRef<ModuleOp> importOnnxModel(StringRef path, MLIRContext &context,
                                      const ImportOptions &options,
                                      std::string &error) {
  return importModel(path, std::nullopt, context, options, error);
}

OwningOpRef<ModuleOp> importOnnxModelFromBuffer(StringRef contents,
                                                StringRef name,
                                                MLIRContext &context,
                                                const ImportOptions &options,
                                                std::string &error) {
  return importModel(name, contents, context, options, error);
}

} // namespace edgec
