//===- ModelLoader.cpp - read, validate and normalize an ONNX model -------===//
//
// The steps, in order (each one reports a one-line error naming the file):
//   1. read the ModelProto (binary, or text format for .onnxtxt/.textproto/
//      .pbtxt) and sanity-check that it is one;
//   2. give unnamed nodes the name `<OpType>_<index>` so that every later
//      message can name them;
//   3. scan for ops edgec does not support (all types in one message);
//   4. check the default-domain opset range;
//   5. sort nodes topologically (ONNX requires it, exporters do not always
//      comply), reporting a cycle by naming a node on it, and require every
//      graph output to be defined (libonnx's converter crashes otherwise);
//   6. inline external data, refusing paths outside the model's directory;
//   7. run the ONNX checker;
//   8. apply --input-shape overrides and require static input shapes;
//   9. validate node attributes and known ranks (NodeValidator.h) before
//      libonnx's shape inference or converter can crash on them; convert to
//      the target opset with ONNX's version converter, node by node where
//      an adapter rewrites the node (see convertNodesLocally), with a
//      corrected Resize 10->11 adapter and a fix-up for missing adapters
//      between equivalent schemas (see convertOpset), then re-check and
//      re-validate;
//  10. rewrite value_int(s)/value_float(s) Constants as `value` tensors and
//      run strict shape inference with data propagation.
//
//===----------------------------------------------------------------------===//
#include "ModelLoader.h"
#include "NodeValidator.h"

#include "edgec/Support/Escape.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include "onnx/checker.h"
#include "onnx/defs/schema.h"
#include "onnx/shape_inference/implementation.h"
#include "onnx/version_converter/convert.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <climits>
#include <deque>
#include <map>
#include <queue>
#include <set>
#include <unordered_map>
#include <unordered_set>

using llvm::StringRef;
using llvm::Twine;

namespace edgec::import {
namespace {

/// Joins a multi-line libonnx message into one line.
std::string oneLine(StringRef message) {
  llvm::SmallVector<StringRef> lines;
  message.split(lines, '\n', -1, /*KeepEmpty=*/false);
  std::string out;
  for (StringRef line : lines) {
    line = line.trim();
    if (line.empty())
      continue;
    if (!out.empty())
      out += ' ';
    out += line.str();
  }
  return out;
}

bool fail(std::string &error, StringRef path, const Twine &message) {
  error = escapeControls((path + ": " + message).str());
  return false;
}

bool isTextFormatPath(StringRef path) {
  return path.ends_with(".onnxtxt") || path.ends_with(".textproto") ||
         path.ends_with(".pbtxt");
}

bool isDefaultDomain(StringRef domain) {
  return domain.empty() || domain == "ai.onnx";
}

std::string graphName(const ::onnx::GraphProto &g) {
  return g.name().empty() ? std::string("main_graph") : g.name();
}

std::string describeNode(const ::onnx::NodeProto &node) {
  return "node '" + node.name() + "' (" + node.op_type() + ")";
}

//===----------------------------------------------------------------------===//
// 1. Reading
//===----------------------------------------------------------------------===//

class TextErrorCollector : public google::protobuf::io::ErrorCollector {
public:
  std::string first;
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string &message) override {
    if (first.empty())
      first = std::to_string(line + 1) + ":" + std::to_string(column + 1) +
              ": " + message;
  }
  void AddWarning(int, google::protobuf::io::ColumnNumber,
                  const std::string &) override {}
};

/// Parses the model bytes `data` (read from `path`, or handed over in memory
/// under that name).
bool parseModel(StringRef path, StringRef data, ::onnx::ModelProto &model,
                std::string &error) {
  if (isTextFormatPath(path)) {
    google::protobuf::TextFormat::Parser parser;
    TextErrorCollector collector;
    parser.RecordErrorsTo(&collector);
    google::protobuf::io::ArrayInputStream stream(
        data.data(), static_cast<int>(std::min<size_t>(data.size(), INT_MAX)));
    if (!parser.Parse(&stream, &model))
      return fail(error, path,
                  "cannot parse the text-format ONNX model: " +
                      oneLine(collector.first));
  } else {
    if (data.empty())
      return fail(error, path, "is empty, not an ONNX model");
    if (data.size() > static_cast<size_t>(INT_MAX))
      return fail(error, path,
                  "is larger than 2 GB; store the weights as external data");
    if (!model.ParseFromArray(data.data(), static_cast<int>(data.size()))) {
      // Every exporter writes ir_version (field 1, varint: tag byte 0x08)
      // first, so a file that starts like a model but does not parse is
      // almost certainly cut short.
      if (static_cast<unsigned char>(data[0]) == 0x08)
        return fail(error, path,
                    "is truncated or corrupt: the ONNX ModelProto protobuf "
                    "does not parse");
      return fail(error, path,
                  "is not an ONNX model: it does not parse as a ModelProto "
                  "protobuf");
    }
  }
  if (!model.has_graph() || model.ir_version() <= 0)
    return fail(error, path,
                Twine("is not an ONNX model: ") +
                    (model.has_graph() ? "it declares no ir_version"
                                       : "it has no graph"));
  return true;
}

bool readModel(StringRef path, ::onnx::ModelProto &model, std::string &error) {
  if (llvm::sys::fs::is_directory(path))
    return fail(error, path, "is a directory, not an ONNX model file");
  // Only regular files are read: opening a FIFO or a device would block or
  // never end.
  llvm::sys::fs::file_status status;
  if (!llvm::sys::fs::status(path, status) &&
      status.type() != llvm::sys::fs::file_type::regular_file)
    return fail(error, path, "is not a regular file");
  auto bufferOr = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
  if (std::error_code ec = bufferOr.getError())
    return fail(error, path, "cannot read the model: " + ec.message());
  return parseModel(path, (*bufferOr)->getBuffer(), model, error);
}

//===----------------------------------------------------------------------===//
// 2./3. Node names and the supported-op scan
//===----------------------------------------------------------------------===//

/// Names unnamed nodes `<OpType>_<index>` (index in the file's node list),
/// adding a suffix if that name is taken.
void nameNodes(::onnx::GraphProto &graph) {
  llvm::StringSet<> used;
  for (const auto &node : graph.node())
    if (!node.name().empty())
      used.insert(node.name());
  for (int i = 0; i < graph.node_size(); ++i) {
    ::onnx::NodeProto *node = graph.mutable_node(i);
    if (!node->name().empty())
      continue;
    std::string base = node->op_type() + "_" + std::to_string(i);
    std::string name = base;
    for (int k = 1; used.contains(name); ++k)
      name = base + "_" + std::to_string(k);
    used.insert(name);
    node->set_name(name);
  }
}

bool isSupportedOp(const ::onnx::NodeProto &node, mlir::MLIRContext &ctx,
                   int64_t targetOpset) {
  if (!isDefaultDomain(node.domain()))
    return false;
  if (!mlir::RegisteredOperationName::lookup("onnx." + node.op_type(), &ctx))
    return false;
  // Our dialect has helper ops (onnx.NoValue) that are no ONNX operators.
  return ::onnx::OpSchemaRegistry::Schema(node.op_type(), targetOpset, "") !=
         nullptr;
}

bool checkSupportedOps(StringRef path, const ::onnx::GraphProto &graph,
                       mlir::MLIRContext &ctx, int64_t targetOpset,
                       std::string &error) {
  // Op type (with its domain when not the default one) -> node names, in
  // order of first appearance.
  std::vector<std::pair<std::string, std::vector<std::string>>> unsupported;
  std::map<std::string, size_t> index;
  for (const auto &node : graph.node()) {
    if (isSupportedOp(node, ctx, targetOpset))
      continue;
    std::string type = isDefaultDomain(node.domain())
                           ? node.op_type()
                           : node.domain() + "." + node.op_type();
    auto [it, inserted] = index.try_emplace(type, unsupported.size());
    if (inserted)
      unsupported.push_back({type, {}});
    unsupported[it->second].second.push_back(node.name());
  }
  if (unsupported.empty())
    return true;
  constexpr size_t kShownNames = 3;
  // One line, also for several op types:
  //   P: unsupported ONNX op 'A' (1 node: a)
  //   P: 2 unsupported ONNX ops: 'A' (1 node: a); 'B' (2 nodes: b, c)
  std::string message = escapeControls(path.str()) + ": ";
  if (unsupported.size() == 1)
    message += "unsupported ONNX op ";
  else
    message += std::to_string(unsupported.size()) + " unsupported ONNX ops: ";
  for (const auto &[type, names] : unsupported) {
    if (&type != &unsupported.front().first)
      message += "; ";
    message += "'" + escapeControls(type) + "' (" +
               std::to_string(names.size()) +
               (names.size() == 1 ? " node: " : " nodes: ");
    for (size_t i = 0; i < names.size() && i < kShownNames; ++i)
      message += (i ? ", " : "") + escapeControls(names[i]);
    if (names.size() > kShownNames)
      message += ", ...";
    message += ")";
  }
  error = message;
  return false;
}

//===----------------------------------------------------------------------===//
// 4. Opset
//===----------------------------------------------------------------------===//

bool getDefaultOpset(StringRef path, const ::onnx::ModelProto &model,
                     int64_t target, int64_t &opset, std::string &error) {
  opset = 0;
  for (const auto &imp : model.opset_import())
    if (isDefaultDomain(imp.domain()))
      opset = std::max<int64_t>(opset, imp.version());
  if (opset == 0)
    return fail(error, path,
                "imports no default-domain ('ai.onnx') opset in opset_import");
  if (opset > target)
    return fail(error, path,
                "opset " + Twine(opset) + " is newer than the " +
                    Twine(target) +
                    " this build of edgec supports; re-export the model "
                    "with opset " +
                    Twine(target) + " or older");
  return true;
}

//===----------------------------------------------------------------------===//
// 5. Topological sort
//===----------------------------------------------------------------------===//

/// Every value name a subgraph reads (including ones it defines itself, which
/// cannot match an outer producer unless they shadow it).
void collectSubgraphInputs(const ::onnx::GraphProto &g,
                           std::set<std::string> &names) {
  for (const auto &node : g.node()) {
    for (const auto &in : node.input())
      names.insert(in);
    for (const auto &attr : node.attribute()) {
      if (attr.has_g())
        collectSubgraphInputs(attr.g(), names);
      for (const auto &sub : attr.graphs())
        collectSubgraphInputs(sub, names);
    }
  }
}

bool sortNodes(StringRef path, ::onnx::GraphProto &graph, std::string &error) {
  const int n = graph.node_size();
  std::map<std::string, int> producer;
  for (int i = 0; i < n; ++i)
    for (const auto &out : graph.node(i).output())
      if (!out.empty())
        producer.try_emplace(out, i);

  std::vector<std::set<int>> preds(n);
  std::vector<std::vector<int>> succs(n);
  for (int i = 0; i < n; ++i) {
    const auto &node = graph.node(i);
    std::set<std::string> reads(node.input().begin(), node.input().end());
    for (const auto &attr : node.attribute()) {
      if (attr.has_g())
        collectSubgraphInputs(attr.g(), reads);
      for (const auto &sub : attr.graphs())
        collectSubgraphInputs(sub, reads);
    }
    for (const auto &name : reads) {
      auto it = producer.find(name);
      if (it != producer.end() && preds[i].insert(it->second).second)
        succs[it->second].push_back(i);
    }
  }

  // Kahn's algorithm, always taking the lowest original index that is ready,
  // so an already sorted graph keeps its order.
  std::vector<int> indegree(n);
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (int i = 0; i < n; ++i)
    if ((indegree[i] = static_cast<int>(preds[i].size())) == 0)
      ready.push(i);
  std::vector<int> order;
  order.reserve(n);
  std::vector<bool> placed(n, false);
  while (!ready.empty()) {
    int i = ready.top();
    ready.pop();
    order.push_back(i);
    placed[i] = true;
    for (int s : succs[i])
      if (--indegree[s] == 0)
        ready.push(s);
  }

  if (static_cast<int>(order.size()) != n) {
    // Walk unplaced predecessors from the first unplaced node until a node
    // repeats: that node and the ones after it on the walk form a cycle.
    int start = 0;
    while (placed[start])
      ++start;
    std::vector<int> walk;
    std::map<int, size_t> seenAt;
    int cur = start;
    while (!seenAt.count(cur)) {
      seenAt[cur] = walk.size();
      walk.push_back(cur);
      int next = -1;
      for (int p : preds[cur])
        if (!placed[p]) {
          next = p;
          break;
        }
      cur = next; // never -1: an unplaced node has an unplaced predecessor
    }
    int onCycle = cur;
    for (size_t k = seenAt[cur]; k < walk.size(); ++k)
      onCycle = std::min(onCycle, walk[k]);
    return fail(error, path,
                "graph '" + graphName(graph) + "' has a cycle through " +
                    describeNode(graph.node(onCycle)));
  }

  // libonnx 1.12's checker does not verify this, and its version converter
  // dereferences a null producer when it does not hold.
  std::set<std::string> defined;
  for (const auto &in : graph.input())
    defined.insert(in.name());
  for (const auto &t : graph.initializer())
    defined.insert(t.name());
  for (const auto &out : graph.output())
    if (!defined.count(out.name()) && !producer.count(out.name()))
      return fail(error, path,
                  "graph '" + graphName(graph) + "' output '" + out.name() +
                      "' is not produced by any node, input or initializer");

  bool sorted = true;
  for (int i = 0; i < n; ++i)
    sorted &= order[i] == i;
  if (sorted)
    return true;
  std::vector<::onnx::NodeProto> nodes(n);
  for (int i = 0; i < n; ++i)
    nodes[i].Swap(graph.mutable_node(order[i]));
  for (int i = 0; i < n; ++i)
    graph.mutable_node(i)->Swap(&nodes[i]);
  return true;
}

//===----------------------------------------------------------------------===//
// 6. External data
//===----------------------------------------------------------------------===//

bool inlineExternalTensor(StringRef path, StringRef modelDir,
                          ::onnx::TensorProto &t, const std::string &what,
                          std::string &error) {
  std::string location;
  int64_t offset = 0, length = -1;
  for (const auto &kv : t.external_data()) {
    const std::string &key = kv.key();
    if (key == "location") {
      location = kv.value();
    } else if (key == "offset" || key == "length") {
      long long v = 0;
      if (StringRef(kv.value()).getAsInteger(10, v) || v < 0)
        return fail(error, path,
                    what + " has an invalid external data " + key + " '" +
                        kv.value() + "'");
      (key == "offset" ? offset : length) = v;
    }
  }
  if (location.empty())
    return fail(error, path,
                what + " has external data without a 'location'");
  if (!t.raw_data().empty())
    return fail(error, path,
                what + " has both external data and inline raw_data");

  // The location must stay inside the model's directory: relative, without
  // `..` escaping it (checked lexically and again after resolving links).
  StringRef loc(location);
  auto outside = [&]() {
    return fail(error, path,
                what + " has external data at '" + location +
                    "', outside the model's directory");
  };
  if (llvm::sys::path::is_absolute(loc) ||
      llvm::sys::path::is_absolute(loc, llvm::sys::path::Style::windows) ||
      loc.contains('\\') || loc.contains(':'))
    return outside();
  llvm::SmallString<256> normalized(loc);
  llvm::sys::path::remove_dots(normalized, /*remove_dot_dot=*/true);
  if (normalized.empty() || StringRef(normalized).starts_with(".."))
    return outside();
  llvm::SmallString<256> file(modelDir);
  llvm::sys::path::append(file, normalized);
  llvm::SmallString<256> realDir, realFile;
  if (!llvm::sys::fs::real_path(modelDir, realDir) &&
      !llvm::sys::fs::real_path(file, realFile)) {
    llvm::SmallString<256> prefix(realDir);
    llvm::sys::path::append(prefix, "");
    if (!StringRef(realFile).starts_with(prefix))
      return outside();
  }

  // Only regular files (a FIFO would block in open(), a device never end).
  llvm::sys::fs::file_status status;
  if (!llvm::sys::fs::status(file, status) &&
      status.type() != llvm::sys::fs::file_type::regular_file)
    return fail(error, path,
                what + " has external data in '" + location +
                    "', which is not a regular file");
  auto bufferOr = llvm::MemoryBuffer::getFile(file, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
  if (std::error_code ec = bufferOr.getError())
    return fail(error, path,
                what + " has external data in '" + location +
                    "', which cannot be read: " + ec.message());
  StringRef data = (*bufferOr)->getBuffer();
  int64_t size = static_cast<int64_t>(data.size());
  if (length < 0)
    length = offset <= size ? size - offset : 0;
  if (offset > size || length > size - offset)
    return fail(error, path,
                what + " reads bytes [" + Twine(offset) + ", " +
                    Twine(offset + length) + ") of '" + location +
                    "', which holds only " + Twine(size) + " bytes");
  t.set_raw_data(data.data() + offset, static_cast<size_t>(length));
  t.clear_external_data();
  t.set_data_location(::onnx::TensorProto::DEFAULT);
  return true;
}

bool inlineExternalData(StringRef path, ::onnx::GraphProto &graph,
                        std::string &error) {
  StringRef dir = llvm::sys::path::parent_path(path);
  std::string modelDir = dir.empty() ? "." : dir.str();
  for (auto &t : *graph.mutable_initializer())
    if (t.data_location() == ::onnx::TensorProto::EXTERNAL &&
        !inlineExternalTensor(path, modelDir, t,
                              "initializer '" + t.name() + "'", error))
      return false;
  for (auto &node : *graph.mutable_node())
    for (auto &attr : *node.mutable_attribute()) {
      if (attr.has_t() &&
          attr.t().data_location() == ::onnx::TensorProto::EXTERNAL &&
          !inlineExternalTensor(path, modelDir, *attr.mutable_t(),
                                "tensor attribute '" + attr.name() + "' of " +
                                    describeNode(node),
                                error))
        return false;
    }
  return true;
}

//===----------------------------------------------------------------------===//
// 7. Checker
//===----------------------------------------------------------------------===//

bool runChecker(StringRef path, const ::onnx::ModelProto &model,
                StringRef stage, std::string &error) {
  try {
    ::onnx::checker::check_model(model);
  } catch (const std::exception &e) {
    return fail(error, path,
                "invalid ONNX model" + (stage.empty() ? "" : " " + stage) +
                    ": " + oneLine(e.what()));
  }
  return true;
}

//===----------------------------------------------------------------------===//
// 8. Opset conversion
//===----------------------------------------------------------------------===//

/// Resize 10 -> 11 keeping Resize-10's (and Upsample's) sampling: libonnx
/// 1.12's adapter only inserts the new `roi` input, which silently switches
/// the op to opset 11's defaults (half_pixel coordinates, round_prefer_floor
/// nearest). Resize-10 sampled at x_out / scale and took the floor.
class Resize10To11 final : public ::onnx::version_conversion::Adapter {
public:
  Resize10To11()
      : Adapter("Resize", ::onnx::OpSetID(10), ::onnx::OpSetID(11)) {}
  ::onnx::Node *adapt(std::shared_ptr<::onnx::Graph> graph,
                      ::onnx::Node *node) const override {
    node = ::onnx::version_conversion::Resize_10_11().adapt(graph, node);
    node->s_(::onnx::Symbol("coordinate_transformation_mode"), "asymmetric");
    ::onnx::Symbol mode("mode");
    if (!node->hasAttribute(mode) || node->s(mode) == "nearest")
      node->s_(::onnx::Symbol("nearest_mode"), "floor");
    return node;
  }
};

/// Pad 10 -> 11 for a constant-mode Pad without a `value` attribute: libonnx
/// 1.12's adapter reads `value` unconditionally and fails ("required
/// undefined attribute 'value'"); Pad-2's default is 0.
class Pad10To11 final : public ::onnx::version_conversion::Adapter {
public:
  Pad10To11() : Adapter("Pad", ::onnx::OpSetID(10), ::onnx::OpSetID(11)) {}
  ::onnx::Node *adapt(std::shared_ptr<::onnx::Graph> graph,
                      ::onnx::Node *node) const override {
    ::onnx::Symbol value("value"), mode("mode");
    bool constant = !node->hasAttribute(mode) || node->s(mode) == "constant";
    if (constant && !node->hasAttribute(value))
      node->f_(value, 0.0);
    return ::onnx::version_conversion::Pad_10_11().adapt(graph, node);
  }
};

/// ONNX's default converter with edgec's corrections: Resize 10 -> 11 keeps
/// its sampling, a Pad without `value` converts, and adapters for version bumps libonnx lacks where the two
/// schemas are equivalent (see convertOpset).
class Converter : public ::onnx::version_conversion::DefaultVersionConverter {
public:
  Converter() {
    registerAdapter(std::make_unique<Resize10To11>());
    registerAdapter(std::make_unique<Pad10To11>());
  }
  bool hasAdapter(const std::string &op, int64_t from, int64_t to) const {
    auto ops = adapters.find(op);
    if (ops == adapters.end())
      return false;
    auto froms = ops->second.find(::onnx::OpSetID(from).toString());
    return froms != ops->second.end() &&
           froms->second.count(::onnx::OpSetID(to).toString());
  }
  void addCompatible(const std::string &op, int64_t from, int64_t to) {
    registerAdapter(
        std::make_unique<::onnx::version_conversion::CompatibleAdapter>(
            op, ::onnx::OpSetID(from), ::onnx::OpSetID(to)));
  }
  /// Whether the adapter registered for `op` from `from` to `to` leaves the
  /// node as it is (ONNX's CompatibleAdapter).
  bool isCompatible(const std::string &op, int64_t from, int64_t to) const {
    auto ops = adapters.find(op);
    if (ops == adapters.end())
      return false;
    auto froms = ops->second.find(::onnx::OpSetID(from).toString());
    if (froms == ops->second.end())
      return false;
    auto it = froms->second.find(::onnx::OpSetID(to).toString());
    return it != froms->second.end() &&
           dynamic_cast<const ::onnx::version_conversion::CompatibleAdapter *>(
               it->second.get()) != nullptr;
  }
};

/// The set of types a formal parameter's type string allows.
std::set<std::string> allowedTypes(const ::onnx::OpSchema &s,
                                   const std::string &typeStr) {
  for (const auto &tc : s.typeConstraintParams())
    if (tc.type_param_str == typeStr)
      return {tc.allowed_type_strs.begin(), tc.allowed_type_strs.end()};
  return {typeStr}; // a concrete type such as tensor(int64)
}

bool sameParams(const ::onnx::OpSchema &a,
                const std::vector<::onnx::OpSchema::FormalParameter> &pa,
                const ::onnx::OpSchema &b,
                const std::vector<::onnx::OpSchema::FormalParameter> &pb) {
  if (pa.size() != pb.size())
    return false;
  for (size_t i = 0; i < pa.size(); ++i) {
    if (pa[i].GetOption() != pb[i].GetOption())
      return false;
    // The newer version may accept more types, never fewer.
    std::set<std::string> ta = allowedTypes(a, pa[i].GetTypeStr());
    std::set<std::string> tb = allowedTypes(b, pb[i].GetTypeStr());
    if (!std::includes(tb.begin(), tb.end(), ta.begin(), ta.end()))
      return false;
  }
  return true;
}

/// Whether `newer` only widens `older`: same inputs and outputs (arity,
/// optionality, a superset of types) and the same attributes (type,
/// requiredness and default value).
bool schemasEquivalent(const ::onnx::OpSchema &older,
                       const ::onnx::OpSchema &newer) {
  if (older.min_input() != newer.min_input() ||
      older.max_input() != newer.max_input() ||
      older.min_output() != newer.min_output() ||
      older.max_output() != newer.max_output())
    return false;
  if (!sameParams(older, older.inputs(), newer, newer.inputs()) ||
      !sameParams(older, older.outputs(), newer, newer.outputs()))
    return false;
  const auto &aa = older.attributes();
  const auto &ab = newer.attributes();
  if (aa.size() != ab.size())
    return false;
  for (const auto &[name, attr] : aa) {
    auto it = ab.find(name);
    if (it == ab.end() || it->second.type != attr.type ||
        it->second.required != attr.required ||
        it->second.default_value.SerializeAsString() !=
            attr.default_value.SerializeAsString())
      return false;
  }
  return true;
}

/// Converts the nodes of `model` whose op is in `rewritten` one at a time,
/// each as a one-node model, and bumps the default-domain opset import.
///
/// libonnx 1.12's converter round-trips the whole model through its IR, and
/// the IR gives every new value a unique number by scanning all nodes
/// (Graph::getNextUnique -> isNameUnique), so converting a model takes time
/// quadratic in its node count (a 30k-node chain took minutes). Forward
/// adapters only read the node, its attributes and the types and shapes of
/// its inputs, so converting each node that needs it on its own gives the
/// same nodes in linear time; nodes whose op needs no adapter are not
/// touched at all. Values and initializers the adapters add are renamed
/// where their names are already taken in the model.
void convertNodesLocally(::onnx::ModelProto &model, const Converter &converter,
                         const std::set<std::string> &rewritten, int64_t from,
                         int64_t to) {
  ::onnx::GraphProto &graph = *model.mutable_graph();
  for (auto &imp : *model.mutable_opset_import())
    if (isDefaultDomain(imp.domain()))
      imp.set_version(to);
  // Adapters add initializers (Pad-11's pads) without a graph input, which
  // IR version 3 required; state the IR version opset 17 came with (8), as
  // the whole-model path does.
  if (model.ir_version() < 8)
    model.set_ir_version(8);
  if (rewritten.empty())
    return;

  std::unordered_map<std::string, const ::onnx::TypeProto *> types;
  std::deque<::onnx::TypeProto> initializerTypes;
  for (const auto &t : graph.initializer()) {
    ::onnx::TypeProto &type = initializerTypes.emplace_back();
    auto *tt = type.mutable_tensor_type();
    tt->set_elem_type(t.data_type());
    auto *shape = tt->mutable_shape();
    for (int64_t d : t.dims())
      shape->add_dim()->set_dim_value(d);
    types[t.name()] = &type;
  }
  for (const auto *list : {&graph.input(), &graph.output(), &graph.value_info()})
    for (const auto &vi : *list)
      if (vi.has_type())
        types[vi.name()] = &vi.type();

  std::unordered_set<std::string> taken;
  for (const auto &vi : graph.input())
    taken.insert(vi.name());
  for (const auto &t : graph.initializer())
    taken.insert(t.name());
  for (const auto &node : graph.node()) {
    taken.insert(node.input().begin(), node.input().end());
    taken.insert(node.output().begin(), node.output().end());
  }

  google::protobuf::RepeatedPtrField<::onnx::NodeProto> nodes;
  nodes.Reserve(graph.node_size());
  for (auto &node : *graph.mutable_node()) {
    if (!rewritten.count(node.op_type())) {
      *nodes.Add() = std::move(node);
      continue;
    }
    ::onnx::ModelProto single;
    single.set_ir_version(model.ir_version());
    auto *imp = single.add_opset_import();
    imp->set_domain("");
    imp->set_version(from);
    ::onnx::GraphProto &g = *single.mutable_graph();
    g.set_name("node");
    std::set<std::string> inputs;
    for (const auto &in : node.input()) {
      if (in.empty() || !inputs.insert(in).second)
        continue;
      auto *vi = g.add_input();
      vi->set_name(in);
      if (auto it = types.find(in); it != types.end())
        *vi->mutable_type() = *it->second;
    }
    std::vector<std::string> outputs;
    for (const auto &out : node.output()) {
      if (out.empty())
        continue;
      outputs.push_back(out);
      auto *vi = g.add_output();
      vi->set_name(out);
      if (auto it = types.find(out); it != types.end())
        *vi->mutable_type() = *it->second;
    }
    *g.add_node() = node;
    ::onnx::ModelProto converted = converter.convert_version(
        single, ::onnx::OpSetID(from), ::onnx::OpSetID(to));
    ::onnx::GraphProto &cg = *converted.mutable_graph();

    // The converted graph's outputs are the node's outputs, in order; every
    // other value it defines is new and must not clash with the model's.
    std::map<std::string, std::string> rename;
    std::set<std::string> finalOutputs;
    for (int i = 0; i < cg.output_size() && i < static_cast<int>(outputs.size());
         ++i) {
      if (cg.output(i).name() != outputs[i])
        rename[cg.output(i).name()] = outputs[i];
      else
        finalOutputs.insert(outputs[i]);
    }
    auto renameNew = [&](const std::string &name) {
      if (name.empty() || rename.count(name) || finalOutputs.count(name) ||
          inputs.count(name))
        return;
      std::string fresh = name;
      for (int k = 1; taken.count(fresh); ++k)
        fresh = node.name() + "_" + name + "_" + std::to_string(k);
      taken.insert(fresh);
      rename[name] = fresh;
    };
    for (const auto &n : cg.node())
      for (const auto &out : n.output())
        renameNew(out);
    for (const auto &t : cg.initializer())
      renameNew(t.name());
    auto apply = [&](std::string *name) {
      if (auto it = rename.find(*name); it != rename.end())
        *name = it->second;
    };
    for (auto &t : *cg.mutable_initializer()) {
      apply(t.mutable_name());
      *graph.add_initializer() = std::move(t);
    }
    for (auto &n : *cg.mutable_node()) {
      for (auto &in : *n.mutable_input())
        apply(&in);
      for (auto &out : *n.mutable_output())
        apply(&out);
      *nodes.Add() = std::move(n);
    }
  }
  graph.mutable_node()->Swap(&nodes);
}

/// Converts `model` from opset `from` to `to` with ONNX's version converter.
///
/// libonnx 1.12's converter throws for any op whose schema changed between
/// two consecutive opsets unless it has an adapter for that step, even when
/// the change only widened the accepted types. Before converting, each such
/// missing step of an op the model uses is compared schema to schema; if the
/// newer schema only widens the older one, a pass-through adapter is
/// registered for it. Any other missing adapter is reported by name.
bool convertOpset(StringRef path, ::onnx::ModelProto &model, int64_t from,
                  int64_t to, std::vector<std::string> &compatibleBumps,
                  std::string &error) {
  if (from == to)
    return true;
  try {
    Converter converter;
    std::set<std::string> opTypes;
    std::map<std::string, std::string> firstNode;
    for (const auto &node : model.graph().node()) {
      opTypes.insert(node.op_type());
      firstNode.try_emplace(node.op_type(), node.name());
    }
    for (const std::string &op : opTypes) {
      for (int64_t v = from; v < to; ++v) {
        const ::onnx::OpSchema *newer =
            ::onnx::OpSchemaRegistry::Schema(op, static_cast<int>(v + 1), "");
        if (!newer || newer->since_version() != v + 1 ||
            converter.hasAdapter(op, v, v + 1))
          continue;
        const ::onnx::OpSchema *older =
            ::onnx::OpSchemaRegistry::Schema(op, static_cast<int>(v), "");
        if (older && schemasEquivalent(*older, *newer)) {
          converter.addCompatible(op, v, v + 1);
          compatibleBumps.push_back(op + " " + std::to_string(v) + "->" +
                                    std::to_string(v + 1));
          continue;
        }
        return fail(error, path,
                    "cannot convert from opset " + Twine(from) + " to " +
                        Twine(to) + ": ONNX's version converter has no "
                        "adapter for " + op + " from opset " + Twine(v) +
                        " to " + Twine(v + 1) + " (node '" + firstNode[op] +
                        "'); re-export the model with opset " + Twine(to));
      }
    }
    // Ops with a step whose adapter rewrites the node; every other op's
    // nodes stay as they are (their schemas are the same or only widened).
    std::set<std::string> rewritten;
    for (const std::string &op : opTypes)
      for (int64_t v = from; v < to; ++v) {
        const ::onnx::OpSchema *newer =
            ::onnx::OpSchemaRegistry::Schema(op, static_cast<int>(v + 1), "");
        if (newer && newer->since_version() == v + 1 &&
            !converter.isCompatible(op, v, v + 1)) {
          rewritten.insert(op);
          break;
        }
      }
    bool local = true;
    for (const auto &node : model.graph().node()) {
      local &= isDefaultDomain(node.domain());
      for (const auto &attr : node.attribute())
        local &= !attr.has_g() && attr.graphs_size() == 0;
    }
    if (local) {
      convertNodesLocally(model, converter, rewritten, from, to);
      return true;
    }
    ::onnx::ModelProto converted = converter.convert_version(
        model, ::onnx::OpSetID(from), ::onnx::OpSetID(to));
    // libonnx 1.12's converter round-trips through its IR, which drops the
    // types of non-tensor values (sequences, optionals). Restore graph input
    // and output types from the original and drop value_info left typeless,
    // so the checker does not reject what the file stated correctly.
    std::map<std::string, const ::onnx::TypeProto *> declared;
    for (const auto &vi : model.graph().input())
      declared[vi.name()] = &vi.type();
    for (const auto &vi : model.graph().output())
      declared[vi.name()] = &vi.type();
    ::onnx::GraphProto &g = *converted.mutable_graph();
    for (auto *list : {g.mutable_input(), g.mutable_output()})
      for (auto &vi : *list)
        if (!vi.has_type() && declared.count(vi.name()))
          *vi.mutable_type() = *declared[vi.name()];
    auto *infos = g.mutable_value_info();
    infos->erase(std::remove_if(infos->begin(), infos->end(),
                                [](const ::onnx::ValueInfoProto &vi) {
                                  return !vi.has_type();
                                }),
                 infos->end());
    // IR version 3 required every initializer to be a graph input too; the
    // converter drops such inputs, so state the IR version opset 17 came
    // with (8) or the checker rejects the converted model.
    if (converted.ir_version() < 8)
      converted.set_ir_version(8);
    model.Swap(&converted);
  } catch (const std::exception &e) {
    return fail(error, path,
                "cannot convert from opset " + Twine(from) + " to " +
                    Twine(to) + ": " + oneLine(e.what()));
  }
  return true;
}

//===----------------------------------------------------------------------===//
// 9. Input shapes
//===----------------------------------------------------------------------===//

std::string formatShape(const ::onnx::TensorShapeProto &shape) {
  std::string s = "[";
  for (int i = 0; i < shape.dim_size(); ++i) {
    if (i)
      s += ", ";
    const auto &d = shape.dim(i);
    s += d.has_dim_value() ? std::to_string(d.dim_value())
                           : (d.has_dim_param() ? d.dim_param() : "?");
  }
  return s + "]";
}

bool applyInputShapes(StringRef path, ::onnx::GraphProto &graph,
                      const ImportOptions &options, std::string &error) {
  if (options.inputShapes.empty())
    return true;
  std::set<std::string> initializers;
  for (const auto &t : graph.initializer())
    initializers.insert(t.name());
  for (const auto &[name, dims] : options.inputShapes) {
    ::onnx::ValueInfoProto *input = nullptr;
    for (auto &in : *graph.mutable_input())
      if (in.name() == name)
        input = &in;
    std::string spec = name + "=" +
                       llvm::join(llvm::map_range(dims,
                                                  [](int64_t d) {
                                                    return std::to_string(d);
                                                  }),
                                  "x");
    if (!input || initializers.count(name)) {
      std::string inputs;
      for (const auto &in : graph.input())
        if (!initializers.count(in.name()))
          inputs += (inputs.empty() ? "" : ", ") + in.name();
      return fail(error, path,
                  "--input-shape " + spec + ": graph '" + graphName(graph) +
                      "' has no input '" + name + "' (its inputs: " +
                      (inputs.empty() ? "none" : inputs) + ")");
    }
    if (!input->type().has_tensor_type())
      return fail(error, path,
                  "--input-shape " + spec + ": input '" + name +
                      "' is not a tensor");
    auto *tensorType = input->mutable_type()->mutable_tensor_type();
    if (tensorType->has_shape() &&
        tensorType->shape().dim_size() != static_cast<int>(dims.size()))
      return fail(error, path,
                  "--input-shape " + spec + " has rank " +
                      Twine(dims.size()) + " but input '" + name +
                      "' has rank " + Twine(tensorType->shape().dim_size()) +
                      " " + formatShape(tensorType->shape()));
    auto *shape = tensorType->mutable_shape();
    shape->clear_dim();
    for (int64_t d : dims)
      shape->add_dim()->set_dim_value(d);
  }
  // Declared intermediate and output shapes describe the old input shapes:
  // drop them (keeping element types) and let shape inference recompute.
  graph.clear_value_info();
  for (auto &out : *graph.mutable_output())
    if (out.type().has_tensor_type())
      out.mutable_type()->mutable_tensor_type()->clear_shape();
  return true;
}

bool checkStaticInputs(StringRef path, const ::onnx::GraphProto &graph,
                       std::string &error) {
  std::set<std::string> initializers;
  for (const auto &t : graph.initializer())
    initializers.insert(t.name());
  for (const auto &in : graph.input()) {
    if (initializers.count(in.name()))
      continue;
    if (!in.type().has_tensor_type())
      return fail(error, path,
                  "input '" + in.name() +
                      "' is not a tensor; edgec supports tensor inputs only");
    const auto &tt = in.type().tensor_type();
    if (!tt.has_shape())
      return fail(error, path,
                  "input '" + in.name() +
                      "' has no shape; give a static shape with "
                      "--input-shape " + in.name() + "=<d0>x<d1>x...");
    std::string example;
    int firstDynamic = -1;
    std::string dynamicName;
    for (int i = 0; i < tt.shape().dim_size(); ++i) {
      const auto &d = tt.shape().dim(i);
      if (i)
        example += "x";
      if (d.has_dim_value() && d.dim_value() >= 0) {
        example += std::to_string(d.dim_value());
        continue;
      }
      example += "1";
      if (firstDynamic < 0) {
        firstDynamic = i;
        dynamicName = d.has_dim_param() ? d.dim_param() : "";
      }
    }
    if (firstDynamic >= 0)
      return fail(error, path,
                  "input '" + in.name() + "' has dynamic dimension " +
                      Twine(firstDynamic) +
                      (dynamicName.empty() ? "" : " ('" + dynamicName + "')") +
                      "; give a static shape with --input-shape " +
                      in.name() + "=" + example);
  }
  return true;
}

//===----------------------------------------------------------------------===//
// 10. Shape inference
//===----------------------------------------------------------------------===//

/// Rewrites Constant nodes given by value_float(s) / value_int(s) into the
/// equivalent `value` tensor: ONNX's data propagation only reads `value`, so
/// without this a Reshape fed by `value_ints` would lose its output shape.
void normalizeConstantNodes(::onnx::GraphProto &graph) {
  for (auto &node : *graph.mutable_node()) {
    if (node.op_type() != "Constant" || !isDefaultDomain(node.domain()) ||
        node.attribute_size() != 1)
      continue;
    const ::onnx::AttributeProto &attr = node.attribute(0);
    ::onnx::TensorProto t;
    const std::string &name = attr.name();
    if (name == "value_float") {
      t.set_data_type(::onnx::TensorProto::FLOAT);
      t.add_float_data(attr.f());
    } else if (name == "value_floats") {
      t.set_data_type(::onnx::TensorProto::FLOAT);
      t.add_dims(attr.floats_size());
      t.mutable_float_data()->CopyFrom(attr.floats());
    } else if (name == "value_int") {
      t.set_data_type(::onnx::TensorProto::INT64);
      t.add_int64_data(attr.i());
    } else if (name == "value_ints") {
      t.set_data_type(::onnx::TensorProto::INT64);
      t.add_dims(attr.ints_size());
      t.mutable_int64_data()->CopyFrom(attr.ints());
    } else {
      continue;
    }
    ::onnx::AttributeProto value;
    value.set_name("value");
    value.set_type(::onnx::AttributeProto::TENSOR);
    *value.mutable_t() = std::move(t);
    node.clear_attribute();
    *node.add_attribute() = std::move(value);
  }
}

void annotateShapesLeniently(::onnx::ModelProto &model) {
  ::onnx::ModelProto annotated = model;
  GuardedInference guarded;
  try {
    ::onnx::ShapeInferenceOptions options(/*check_type_val=*/false,
                                        /*strict_mode_val=*/0,
                                        /*data_prop_val=*/true);
    ::onnx::shape_inference::InferShapes(
        annotated, ::onnx::OpSchemaRegistry::Instance(), options);
  } catch (const std::exception &) {
    return; // the strict run after conversion reports what is wrong
  }
  model.Swap(&annotated);
}

bool inferShapes(StringRef path, ::onnx::ModelProto &model, std::string &error) {
  GuardedInference guarded;
  try {
    ::onnx::ShapeInferenceOptions options(/*check_type_val=*/true,
                                        /*strict_mode_val=*/1,
                                        /*data_prop_val=*/true);
    ::onnx::shape_inference::InferShapes(
        model, ::onnx::OpSchemaRegistry::Instance(), options);
  } catch (const std::exception &e) {
    if (guardError(path, e.what(), error))
      return false;
    return fail(error, path, "shape inference failed: " + oneLine(e.what()));
  }
  return true;
}

} // namespace

std::string escapeControls(StringRef text) { return escapeNonPrintable(text); }

bool prepareModel(StringRef path, mlir::MLIRContext &ctx,
                  const ImportOptions &options, PreparedModel &prepared,
                  std::string &error, std::optional<StringRef> contents) {
  ::onnx::ModelProto &model = prepared.model;
  installInferenceGuards();
  try {
    if (contents ? !parseModel(path, *contents, model, error)
                 : !readModel(path, model, error))
      return false;
    ::onnx::GraphProto &graph = *model.mutable_graph();
    nameNodes(graph);
    if (!options.prepareOnly &&
        !checkSupportedOps(path, graph, ctx, options.targetOpset, error))
      return false;
    if (!getDefaultOpset(path, model, options.targetOpset,
                         prepared.sourceOpset, error))
      return false;
    if (graph.sparse_initializer_size() > 0)
      return fail(error, path,
                  "sparse initializer '" + graph.sparse_initializer(0).values().name() +
                      "' is not supported");
    if (!sortNodes(path, graph, error) ||
        !inlineExternalData(path, graph, error) ||
        !runChecker(path, model, "", error))
      return false;
    if (!applyInputShapes(path, *model.mutable_graph(), options, error) ||
        !checkStaticInputs(path, model.graph(), error))
      return false;
    // Before anything runs libonnx's shape inference (the lenient pass
    // below, the converter's adapters, the strict pass): it crashes on
    // attribute values it does not expect.
    if (!validateNodes(path, model.graph(), prepared.sourceOpset, error))
      return false;
    if (prepared.sourceOpset != options.targetOpset) {
      // Some adapters (Softmax 12->13, Reshape 4->5, ...) need input shapes:
      // annotate what shape inference can tell at the source opset, leniently
      // (strict inference runs after conversion).
      annotateShapesLeniently(model);
      // With the ranks inference derived (the guards kept it from crashing
      // on nodes it could not process).
      if (!validateNodes(path, model.graph(), prepared.sourceOpset, error))
        return false;
      if (!convertOpset(path, model, prepared.sourceOpset,
                        options.targetOpset, prepared.compatibleBumps, error))
        return false;
      // Adapters may add nodes (e.g. Constant axes); name them too.
      nameNodes(*model.mutable_graph());
      if (!runChecker(path, model,
                      "after conversion to opset " +
                          std::to_string(options.targetOpset),
                      error))
        return false;
      if (!validateNodes(path, model.graph(), options.targetOpset, error))
        return false;
    }
    prepared.opset = options.targetOpset;
    normalizeConstantNodes(*model.mutable_graph());
    if (!inferShapes(path, model, error))
      return false;
  } catch (const std::exception &e) {
    return fail(error, path, "cannot load the model: " + oneLine(e.what()));
  }
  return true;
}

} // namespace edgec::import
