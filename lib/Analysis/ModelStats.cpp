//===- ModelStats.cpp - per-layer cost statistics of an onnx module -------===//
//
// See include/edgec/Analysis/ModelStats.h for the parameter and MAC rules.
//
//===----------------------------------------------------------------------===//
#include "edgec/Analysis/ModelStats.h"

#include "edgec/Support/Escape.h"
#include "edgec/Support/GraphSignature.h"
#include "edgec/Support/NodeName.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Format.h"

#include <algorithm>

using namespace mlir;

namespace edgec {

namespace {

constexpr llvm::StringLiteral kConstantOp = "onnx.Constant";
constexpr llvm::StringLiteral kNoValueOp = "onnx.NoValue";

/// a * b, or std::nullopt on overflow.
std::optional<uint64_t> mulChecked(std::optional<uint64_t> a,
                                   std::optional<uint64_t> b) {
  if (!a || !b)
    return std::nullopt;
  uint64_t r;
  if (__builtin_mul_overflow(*a, *b, &r))
    return std::nullopt;
  return r;
}

std::optional<uint64_t> addChecked(std::optional<uint64_t> a,
                                   std::optional<uint64_t> b) {
  if (!a || !b)
    return std::nullopt;
  uint64_t r;
  if (__builtin_add_overflow(*a, *b, &r))
    return std::nullopt;
  return r;
}

/// Product of dims [begin, end) of a ranked type; std::nullopt if one of them
/// is dynamic or the type is not a ranked tensor.
std::optional<uint64_t> productOfDims(Type type, int64_t begin,
                                      std::optional<int64_t> end = {}) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked)
    return std::nullopt;
  int64_t stop = end ? *end : ranked.getRank();
  if (begin < 0 || stop > ranked.getRank() || begin > stop)
    return std::nullopt;
  std::optional<uint64_t> product = 1;
  for (int64_t i = begin; i < stop; ++i) {
    int64_t dim = ranked.getDimSize(i);
    if (ShapedType::isDynamic(dim) || dim < 0)
      return std::nullopt;
    product = mulChecked(product, static_cast<uint64_t>(dim));
  }
  return product;
}

std::optional<uint64_t> numElements(Type type) {
  return productOfDims(type, 0);
}

/// Size of dim `i` (negative counts from the back), if static.
std::optional<uint64_t> dimSize(Type type, int64_t i) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked)
    return std::nullopt;
  if (i < 0)
    i += ranked.getRank();
  if (i < 0 || i >= ranked.getRank())
    return std::nullopt;
  int64_t dim = ranked.getDimSize(i);
  if (ShapedType::isDynamic(dim) || dim < 0)
    return std::nullopt;
  return static_cast<uint64_t>(dim);
}

std::string typeToString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  type.print(os);
  return s;
}

TensorInfo describeValue(Value value, std::string name) {
  TensorInfo info;
  info.name = std::move(name);
  Type type = value.getType();
  if (isa<NoneType>(type)) {
    info.elementType = "none";
    info.bytes = 0;
    return info;
  }
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped) {
    info.elementType = typeToString(type);
    return info;
  }
  info.elementType = typeToString(shaped.getElementType());
  if (!shaped.hasRank())
    return info;
  info.ranked = true;
  info.shape.assign(shaped.getShape().begin(), shaped.getShape().end());
  if (std::optional<uint64_t> n = numElements(type))
    info.bytes = elementBytes(shaped.getElementType(), *n);
  return info;
}

bool isFloatLike(Type elementType) {
  return isa<FloatType, quant::QuantizedType>(elementType);
}

/// int64 and bool tensors are shapes, indices, axes and masks in ONNX, never
/// weights (quantized weights are 8-bit, their biases int32).
bool isShapeLike(Type elementType) {
  return elementType.isInteger(64) || elementType.isInteger(1) ||
         isa<IndexType>(elementType);
}

/// The ONNX op type of `op`: the op name without the `onnx.` prefix.
std::string opTypeOf(Operation *op) {
  if (op->getDialect() && op->getDialect()->getNamespace() == "onnx")
    return op->getName().stripDialect().str();
  return op->getName().getStringRef().str();
}

std::optional<uint64_t> computeMacs(Operation *op, llvm::StringRef opType) {
  auto operandType = [&](unsigned i) -> Type {
    return i < op->getNumOperands() ? op->getOperand(i).getType() : Type();
  };
  Type resultType = op->getNumResults() ? op->getResult(0).getType() : Type();

  // elements(Y) * prod(W.shape[1:]).
  auto convLike = [&](unsigned wIndex) -> std::optional<uint64_t> {
    Type w = operandType(wIndex);
    if (!w || !resultType)
      return std::nullopt;
    return mulChecked(numElements(resultType), productOfDims(w, 1));
  };
  // elements(Y) * K, K = A.shape[-1] (or B.shape[-2], B.shape[0] for 1-D B).
  auto matmulLike = [&](unsigned aIndex,
                        unsigned bIndex) -> std::optional<uint64_t> {
    Type a = operandType(aIndex), b = operandType(bIndex);
    if (!a || !b || !resultType)
      return std::nullopt;
    std::optional<uint64_t> k = dimSize(a, -1);
    if (!k) {
      auto bRanked = dyn_cast<RankedTensorType>(b);
      if (bRanked)
        k = dimSize(b, bRanked.getRank() == 1 ? 0 : -2);
    }
    return mulChecked(numElements(resultType), k);
  };

  if (opType == "Conv" || opType == "ConvInteger")
    return convLike(1);
  if (opType == "QLinearConv")
    return convLike(3);
  if (opType == "ConvTranspose") {
    Type x = operandType(0), w = operandType(1);
    if (!x || !w)
      return std::nullopt;
    return mulChecked(numElements(x), productOfDims(w, 1));
  }
  if (opType == "Gemm") {
    Type a = operandType(0), b = operandType(1);
    if (!a || !b || !resultType)
      return std::nullopt;
    auto intAttr = [&](llvm::StringRef name) -> int64_t {
      if (auto attr = op->getAttrOfType<IntegerAttr>(name))
        return attr.getInt();
      return 0;
    };
    std::optional<uint64_t> k = dimSize(a, intAttr("transA") ? 0 : 1);
    if (!k)
      k = dimSize(b, intAttr("transB") ? 1 : 0);
    return mulChecked(numElements(resultType), k);
  }
  if (opType == "MatMul" || opType == "MatMulInteger")
    return matmulLike(0, 1);
  if (opType == "QLinearMatMul")
    return matmulLike(0, 3);
  return 0;
}

} // namespace

std::string TensorInfo::shapeString() const {
  if (elementType == "none" && !ranked)
    return "none";
  if (!ranked)
    return "*";
  if (shape.empty())
    return "scalar";
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += 'x';
    s += ShapedType::isDynamic(shape[i]) ? std::string("?")
                                         : std::to_string(shape[i]);
  }
  return s;
}

std::optional<llvm::ArrayRef<unsigned>>
weightOperandRoles(llvm::StringRef opType) {
  static const llvm::StringMap<llvm::SmallVector<unsigned, 4>> table = [] {
    llvm::StringMap<llvm::SmallVector<unsigned, 4>> t;
    // Compute ops: weights and biases.
    t["Conv"] = {1, 2};
    t["ConvTranspose"] = {1, 2};
    t["ConvInteger"] = {1};      // x, w, x_zero_point, w_zero_point
    t["QLinearConv"] = {3, 8};   // w, B (int32)
    t["Gemm"] = {0, 1, 2};
    t["MatMul"] = {0, 1};
    t["MatMulInteger"] = {0, 1};
    t["QLinearMatMul"] = {0, 3}; // a, b
    // Normalization and activation parameters.
    t["BatchNormalization"] = {1, 2, 3, 4};
    t["InstanceNormalization"] = {1, 2};
    t["LayerNormalization"] = {1, 2};
    t["PRelu"] = {1};
    // Quantized weights stored as constants ahead of their consumer (QDQ).
    t["DequantizeLinear"] = {0};
    t["QuantizeLinear"] = {0};
    // Embedding tables.
    t["Gather"] = {0};
    // Ops whose constant inputs are shapes, sizes, axes, indices, bounds.
    for (const char *op :
         {"Reshape", "Resize", "Upsample", "Pad", "Clip", "Slice", "Range",
          "Tile", "Expand", "Squeeze", "Unsqueeze", "Split", "TopK",
          "ConstantOfShape", "ReduceMax", "ReduceMean", "ReduceMin",
          "ReduceProd", "ReduceSum", "Shape", "Cast", "Dropout", "Identity"})
      t[op] = {};
    return t;
  }();
  auto it = table.find(opType);
  if (it == table.end())
    return std::nullopt;
  return llvm::ArrayRef<unsigned>(it->second);
}

std::optional<uint64_t> elementBytes(Type elementType, uint64_t count) {
  if (auto quantType = dyn_cast<quant::QuantizedType>(elementType))
    elementType = quantType.getStorageType();
  unsigned bits = 0;
  if (auto complex = dyn_cast<ComplexType>(elementType)) {
    std::optional<uint64_t> half = elementBytes(complex.getElementType(), count);
    return mulChecked(half, 2);
  }
  if (auto intType = dyn_cast<IntegerType>(elementType))
    bits = intType.getWidth() == 1 ? 8 : intType.getWidth();
  else if (auto floatType = dyn_cast<FloatType>(elementType))
    bits = floatType.getWidth();
  else if (isa<IndexType>(elementType))
    bits = 64;
  else
    return std::nullopt;
  std::optional<uint64_t> totalBits = mulChecked(count, bits);
  if (!totalBits)
    return std::nullopt;
  return (*totalBits + 7) / 8;
}

bool computeModelStats(ModuleOp module, ModelStats &stats, std::string &error) {
  stats = ModelStats();
  func::FuncOp func = getGraphFunction(module, error);
  if (!func)
    return false;

  auto stringAttr = [&](llvm::StringRef name) -> std::string {
    if (auto attr = module->getAttrOfType<StringAttr>(name))
      return attr.getValue().str();
    return {};
  };
  auto intAttr = [&](llvm::StringRef name) -> int64_t {
    if (auto attr = module->getAttrOfType<IntegerAttr>(name))
      return attr.getInt();
    return 0;
  };
  stats.modelFile = stringAttr("onnx.model_file");
  stats.producer = stringAttr("onnx.producer");
  stats.opset = intAttr("onnx.opset");
  stats.sourceOpset = intAttr("onnx.source_opset");
  if (!stats.sourceOpset)
    stats.sourceOpset = stats.opset;
  stats.functionName = func.getSymName().str();

  // Graph inputs.
  llvm::DenseMap<Value, std::string> names;
  for (auto [i, arg] : llvm::enumerate(func.getArguments())) {
    std::string name;
    if (auto attr = func.getArgAttrOfType<StringAttr>(i, "onnx.name"))
      name = attr.getValue().str();
    else
      name = "arg" + std::to_string(i);
    names[arg] = name;
    stats.inputs.push_back(describeValue(arg, name));
  }

  // Graph outputs: the operands of the terminator.
  Operation *terminator = func.getBody().front().getTerminator();
  llvm::DenseMap<Value, std::string> outputNames;
  if (terminator) {
    for (auto [i, value] : llvm::enumerate(terminator->getOperands())) {
      std::string name;
      if (auto attr = func.getResultAttrOfType<StringAttr>(i, "onnx.name"))
        name = attr.getValue().str();
      else
        name = "result" + std::to_string(i);
      outputNames.try_emplace(value, name);
    }
  }

  // Activations considered for the largest one, in program order.
  llvm::SmallVector<Value> activations(func.getArguments().begin(),
                                       func.getArguments().end());

  for (Operation &op : func.getBody().front()) {
    if (&op == terminator)
      continue;
    llvm::StringRef opName = op.getName().getStringRef();
    if (opName == kConstantOp) {
      ++stats.numConstants;
      if (op.getNumResults() == 1) {
        auto type = dyn_cast<ShapedType>(op.getResult(0).getType());
        if (type && type.hasStaticShape()) {
          if (std::optional<uint64_t> bytes = elementBytes(
                  type.getElementType(), type.getNumElements()))
            stats.weightBytes += *bytes;
        }
      }
      continue;
    }
    if (opName == kNoValueOp)
      continue;

    LayerStats layer;
    layer.index = stats.layers.size();
    layer.name = getOnnxNodeName(op.getLoc());
    layer.opType = opTypeOf(&op);
    std::string baseName =
        layer.name.empty() ? layer.opType + "#" + std::to_string(layer.index)
                           : layer.name;
    for (OpResult result : op.getResults()) {
      std::string name = op.getNumResults() == 1
                             ? baseName
                             : baseName + ":" +
                                   std::to_string(result.getResultNumber());
      auto out = outputNames.find(result);
      if (out != outputNames.end())
        name = out->second;
      names[result] = name;
      // Absent optional outputs (`none`) are no tensors.
      if (isa<NoneType>(result.getType()))
        continue;
      layer.outputs.push_back(describeValue(result, name));
      activations.push_back(result);
    }

    // Parameters: each distinct constant weight operand once.
    std::optional<llvm::ArrayRef<unsigned>> roles =
        weightOperandRoles(layer.opType);
    llvm::SmallPtrSet<Operation *, 4> counted;
    for (OpOperand &operand : op.getOpOperands()) {
      // Exporters share one initializer between layers through Identity
      // nodes (torch: identical zero biases), so look through them.
      Operation *def = operand.get().getDefiningOp();
      while (def && def->getName().getStringRef() == "onnx.Identity")
        def = def->getOperand(0).getDefiningOp();
      if (!def || def->getName().getStringRef() != kConstantOp)
        continue;
      auto type = dyn_cast<ShapedType>(operand.get().getType());
      if (!type || !type.hasStaticShape())
        continue;
      bool isWeight;
      if (roles)
        isWeight = llvm::is_contained(*roles, operand.getOperandNumber()) &&
                   !isShapeLike(type.getElementType());
      else
        isWeight = isFloatLike(type.getElementType()) &&
                   type.getNumElements() >= 2;
      if (isWeight && counted.insert(def).second)
        layer.params += type.getNumElements();
    }

    layer.macs = computeMacs(&op, layer.opType);
    stats.totalParams += layer.params;
    stats.totalMacs = addChecked(stats.totalMacs, layer.macs);
    stats.layers.push_back(std::move(layer));
  }

  // Graph outputs (after the layers, so their names are known).
  if (terminator) {
    for (auto [i, value] : llvm::enumerate(terminator->getOperands())) {
      std::string name = outputNames.lookup(value);
      if (auto attr = func.getResultAttrOfType<StringAttr>(i, "onnx.name"))
        name = attr.getValue().str();
      stats.outputs.push_back(describeValue(value, name));
    }
  }

  // Largest activation: first of the biggest, in program order.
  llvm::DenseSet<Value> seen;
  for (Value value : activations) {
    if (!seen.insert(value).second)
      continue;
    TensorInfo info = describeValue(value, names.lookup(value));
    if (!info.bytes) {
      ++stats.dynamicActivations;
      continue;
    }
    if (stats.largestActivationName.empty() ||
        *info.bytes > stats.largestActivationBytes) {
      stats.largestActivationBytes = *info.bytes;
      stats.largestActivationName = info.name;
      stats.largestActivationType = info.shapeString() + " " + info.elementType;
    }
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Formatting
//===----------------------------------------------------------------------===//

std::string formatBytes(uint64_t bytes) {
  static const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024)
    return std::to_string(bytes) + " B";
  double value = static_cast<double>(bytes);
  unsigned unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(units)) {
    value /= 1024.0;
    ++unit;
  }
  std::string s;
  llvm::raw_string_ostream os(s);
  os << llvm::format("%.1f", value) << ' ' << units[unit];
  return s;
}

std::string formatCount(uint64_t count) {
  std::string digits = std::to_string(count);
  std::string s;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0)
      s += ',';
    s += digits[i];
  }
  return s;
}

namespace {

std::string formatMacs(std::optional<uint64_t> macs) {
  return macs ? formatCount(*macs) : std::string("?");
}

std::string outputsString(const LayerStats &layer) {
  std::string s;
  for (const TensorInfo &out : layer.outputs) {
    if (!s.empty())
      s += ", ";
    s += out.shapeString();
  }
  return s.empty() ? std::string("-") : s;
}

void printTensorTable(llvm::raw_ostream &os, llvm::StringRef title,
                      const std::vector<TensorInfo> &tensors) {
  os << title << ":\n";
  if (tensors.empty()) {
    os << "  (none)\n";
    return;
  }
  size_t nameWidth = 4, shapeWidth = 5;
  for (const TensorInfo &t : tensors) {
    nameWidth = std::max(nameWidth, escapeNonPrintable(t.name).size());
    shapeWidth = std::max(shapeWidth, t.shapeString().size());
  }
  os << "  " << llvm::left_justify("name", nameWidth) << "  "
     << llvm::left_justify("shape", shapeWidth) << "  dtype\n";
  for (const TensorInfo &t : tensors)
    os << "  " << llvm::left_justify(escapeNonPrintable(t.name), nameWidth)
       << "  "
       << llvm::left_justify(t.shapeString(), shapeWidth) << "  "
       << t.elementType << "\n";
}

llvm::json::Value shapeToJSON(const TensorInfo &t) {
  if (!t.ranked)
    return nullptr;
  llvm::json::Array dims;
  for (int64_t d : t.shape) {
    if (ShapedType::isDynamic(d))
      dims.push_back(nullptr);
    else
      dims.push_back(d);
  }
  return std::move(dims);
}

llvm::json::Value optionalToJSON(std::optional<uint64_t> v) {
  if (!v)
    return nullptr;
  return static_cast<int64_t>(*v);
}

llvm::json::Object tensorToJSON(const TensorInfo &t, bool withName) {
  llvm::json::Object o;
  if (withName)
    o["name"] = t.name;
  o["shape"] = shapeToJSON(t);
  o["dtype"] = t.elementType;
  o["bytes"] = optionalToJSON(t.bytes);
  return o;
}

} // namespace

void printModelStats(const ModelStats &stats, llvm::raw_ostream &os) {
  // Names come from the model: escaped, so that each stays on its line.
  os << "Model:    "
     << (stats.modelFile.empty() ? "-" : escapeNonPrintable(stats.modelFile))
     << "\n";
  os << "Producer: "
     << (stats.producer.empty() ? "-" : escapeNonPrintable(stats.producer))
     << "\n";
  os << "Opset:    " << stats.sourceOpset;
  if (stats.sourceOpset != stats.opset)
    os << " -> " << stats.opset << " (converted on import)";
  os << "\n\n";

  printTensorTable(os, "Inputs", stats.inputs);
  os << "\n";
  printTensorTable(os, "Outputs", stats.outputs);
  os << "\n";

  // Layer table.
  size_t idxW = 1, nameW = 4, opW = 2, shapeW = 12, paramW = 6, macW = 4;
  for (const LayerStats &l : stats.layers) {
    idxW = std::max(idxW, std::to_string(l.index).size());
    nameW = std::max(nameW, l.name.empty()
                                ? 1
                                : escapeNonPrintable(l.name).size());
    opW = std::max(opW, escapeNonPrintable(l.opType).size());
    shapeW = std::max(shapeW, outputsString(l).size());
    paramW = std::max(paramW, formatCount(l.params).size());
    macW = std::max(macW, formatMacs(l.macs).size());
  }
  os << "Layers:\n";
  os << "  " << llvm::right_justify("#", idxW) << "  "
     << llvm::left_justify("node", nameW) << "  "
     << llvm::left_justify("op", opW) << "  "
     << llvm::left_justify("output shape", shapeW) << "  "
     << llvm::right_justify("params", paramW) << "  "
     << llvm::right_justify("MACs", macW) << "\n";
  for (const LayerStats &l : stats.layers)
    os << "  " << llvm::right_justify(std::to_string(l.index), idxW) << "  "
       << llvm::left_justify(
              l.name.empty() ? "-" : escapeNonPrintable(l.name), nameW)
       << "  " << llvm::left_justify(escapeNonPrintable(l.opType), opW)
       << "  "
       << llvm::left_justify(outputsString(l), shapeW) << "  "
       << llvm::right_justify(formatCount(l.params), paramW) << "  "
       << llvm::right_justify(formatMacs(l.macs), macW) << "\n";
  if (stats.layers.empty())
    os << "  (none)\n";
  os << "\n";

  os << "Totals:\n";
  os << "  layers:             " << stats.layers.size() << "\n";
  os << "  parameters:         " << formatCount(stats.totalParams) << "\n";
  os << "  MACs:               " << formatMacs(stats.totalMacs);
  if (!stats.totalMacs)
    os << " (depends on dynamic dimensions; give --input-shape)";
  os << "\n";
  os << "  weight bytes:       " << formatBytes(stats.weightBytes) << " ("
     << formatCount(stats.weightBytes) << " bytes in " << stats.numConstants
     << (stats.numConstants == 1 ? " constant" : " constants") << ")\n";
  os << "  largest activation: ";
  if (stats.largestActivationName.empty())
    os << "-";
  else
    os << formatBytes(stats.largestActivationBytes) << " ("
       << formatCount(stats.largestActivationBytes) << " bytes), '"
       << escapeNonPrintable(stats.largestActivationName) << "' ("
       << stats.largestActivationType
       << ")";
  if (stats.dynamicActivations)
    os << " (" << stats.dynamicActivations
       << " tensors of dynamic size not counted)";
  os << "\n";
}

llvm::json::Value modelStatsToJSON(const ModelStats &stats) {
  llvm::json::Array inputs, outputs, layers;
  for (const TensorInfo &t : stats.inputs)
    inputs.push_back(tensorToJSON(t, /*withName=*/true));
  for (const TensorInfo &t : stats.outputs)
    outputs.push_back(tensorToJSON(t, /*withName=*/true));
  for (const LayerStats &l : stats.layers) {
    llvm::json::Array outs;
    for (const TensorInfo &t : l.outputs)
      outs.push_back(tensorToJSON(t, /*withName=*/false));
    layers.push_back(llvm::json::Object{
        {"index", static_cast<int64_t>(l.index)},
        {"name", l.name},
        {"op", l.opType},
        {"outputs", std::move(outs)},
        {"params", static_cast<int64_t>(l.params)},
        {"macs", optionalToJSON(l.macs)},
    });
  }
  llvm::json::Value largest = nullptr;
  if (!stats.largestActivationName.empty())
    largest = llvm::json::Object{
        {"name", stats.largestActivationName},
        {"type", stats.largestActivationType},
        {"bytes", static_cast<int64_t>(stats.largestActivationBytes)}};
  return llvm::json::Object{
      {"model_file", stats.modelFile},
      {"producer", stats.producer},
      {"source_opset", stats.sourceOpset},
      {"opset", stats.opset},
      {"function", stats.functionName},
      {"inputs", std::move(inputs)},
      {"outputs", std::move(outputs)},
      {"layers", std::move(layers)},
      {"totals",
       llvm::json::Object{
           {"layers", static_cast<int64_t>(stats.layers.size())},
           {"params", static_cast<int64_t>(stats.totalParams)},
           {"macs", optionalToJSON(stats.totalMacs)},
           {"weight_bytes", static_cast<int64_t>(stats.weightBytes)},
           {"constants", static_cast<int64_t>(stats.numConstants)},
           {"largest_activation", std::move(largest)},
           {"dynamic_activations",
            static_cast<int64_t>(stats.dynamicActivations)},
       }},
  };
}

} // namespace edgec
