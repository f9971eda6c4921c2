//===- NodeValidator.cpp - node checks before libonnx's inference ---------===//
//
// One table, rules(), says per op which attributes libonnx's shape inference
// divides by, indexes with or sizes from, and what it needs of them; the
// checks below interpret it. See NodeValidator.h.
//
//===----------------------------------------------------------------------===//
#include "NodeValidator.h"

#include "ModelLoader.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/Twine.h"

#include "onnx/defs/schema.h"
#include "onnx/defs/shape_inference.h"

#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <limits>
#include <set>
#include <unordered_map>

using llvm::StringRef;
using llvm::Twine;

namespace edgec::import {
namespace {

constexpr int64_t kI32Max = std::numeric_limits<int32_t>::max();
constexpr int kUnknownRank = -1;
constexpr const char *kGuardMarker = "edgec node check: ";

/// GuardedInference scopes open on this thread, and whether a guard has
/// refused a node in the current one.
thread_local int guardedRuns = 0;
thread_local bool guardFired = false;

/// How many values a list attribute must hold, given the rank of the node's
/// first input (only checked when that rank is known).
enum class Length {
  Any,          // no constraint
  Spatial,      // rank - 2 (Conv/Pool kernel_shape, strides, dilations, ...)
  TwiceSpatial, // 2 * (rank - 2) (Conv/Pool pads)
  Rank,         // rank (Transpose perm)
  TwiceRank,    // 2 * rank (Pad-2 pads)
  AtMostRank,   // at most rank (ConvTranspose output_shape)
};

/// An INT or INTS attribute whose values must lie in [min, max].
struct RangeRule {
  const char *attr;
  int64_t min, max;
  Length length = Length::Any;
};

/// An axis attribute (INT or INTS) indexing the rank of input `input` (plus
/// `extra`: Flatten's axis may equal the rank, Unsqueeze's axes index the
/// output rank, which grows by the number of axes when extra < 0).
struct AxisRule {
  const char *attr;
  int input = 0;
  int extra = 0;
  /// When >= 0, the axes are the constant input with this index (named
  /// `attr` in messages) rather than an attribute.
  int fromInput = -1;
};

/// Node-level checks that are not one attribute's range.
enum Check : unsigned {
  None = 0,
  ConvWeight = 1 << 0,    // weight rank == data rank, both >= 3
  SpatialInput = 1 << 1,  // data rank >= 3 (Conv/Pool)
  Rank4Input = 1 << 2,    // data rank == 4 (DepthToSpace/SpaceToDepth)
  ConstantValue = 1 << 3, // exactly one value attribute
  Permutation = 1 << 4,   // perm holds each axis once
  PositiveScales = 1 << 5,  // `scales` attribute values finite and > 0
  ScalesInput = 1 << 6,   // Resize/Upsample scales initializer finite, > 0
  NonNegativeData = 1 << 7, // Tile repeats / Split split initializer >= 0
  ReshapeShape = 1 << 8,  // Reshape shape initializer: >= -1, one -1 at most
  ExpandShape = 1 << 9,   // Expand / ConstantOfShape shape initializer >= 0
  MatrixInputs = 1 << 10, // inputs 0 and 1 have rank 2 (Gemm's A and B)
};

struct OpRules {
  std::vector<RangeRule> ranges;
  std::vector<AxisRule> axes;
  unsigned checks = None;
  /// Input index of the convolution weight (ConvWeight) or the checked
  /// initializer (ScalesInput, NonNegativeData, ReshapeShape, ExpandShape).
  int dataInput = -1;
  /// When not 0, the rules apply below this opset only (Pad-2's `pads`
  /// attribute became an input at opset 11).
  int64_t untilOpset = 0;
};

const std::vector<RangeRule> kConvRanges = {
    {"kernel_shape", 1, kI32Max, Length::Spatial},
    {"strides", 1, kI32Max, Length::Spatial},
    {"dilations", 1, kI32Max, Length::Spatial},
    {"pads", 0, kI32Max, Length::TwiceSpatial},
    {"group", 1, kI32Max},
};

const std::vector<RangeRule> kPoolRanges = {
    {"kernel_shape", 1, kI32Max, Length::Spatial},
    {"strides", 1, kI32Max, Length::Spatial},
    {"dilations", 1, kI32Max, Length::Spatial},
    {"pads", 0, kI32Max, Length::TwiceSpatial},
    {"ceil_mode", 0, 1},
    {"storage_order", 0, 1},
    {"count_include_pad", 0, 1},
    {"p", 1, kI32Max},
};

const llvm::StringMap<OpRules> &rules() {
  static const llvm::StringMap<OpRules> table = [] {
    llvm::StringMap<OpRules> t;
    // Axes given as an attribute (Reduce*-1..17, Squeeze/Unsqueeze-1..12)
    // or as a constant input (ReduceSum-13, Squeeze/Unsqueeze-13).
    auto reduce = OpRules{{}, {{"axes"}, {"axes", 0, 0, 1}}};
    t["Conv"] = {kConvRanges, {}, ConvWeight | SpatialInput, 1};
    t["ConvInteger"] = {kConvRanges, {}, ConvWeight | SpatialInput, 1};
    t["QLinearConv"] = {kConvRanges, {}, ConvWeight | SpatialInput, 3};
    auto convT = kConvRanges;
    convT.push_back({"output_padding", 0, kI32Max, Length::Spatial});
    convT.push_back({"output_shape", 0, kI32Max, Length::AtMostRank});
    t["ConvTranspose"] = {convT, {}, ConvWeight | SpatialInput, 1};
    for (const char *op : {"MaxPool", "AveragePool", "LpPool"})
      t[op] = {kPoolRanges, {}, SpatialInput};
    t["MaxRoiPool"] = {{{"pooled_shape", 1, kI32Max, Length::Spatial}}, {}};
    t["GlobalLpPool"] = {{{"p", 1, kI32Max}}, {}};
    t["DepthToSpace"] = {{{"blocksize", 1, kI32Max}}, {}, Rank4Input};
    t["SpaceToDepth"] = {{{"blocksize", 1, kI32Max}}, {}, Rank4Input};
    t["LRN"] = {{{"size", 1, kI32Max}}, {}};
    t["LayerNormalization"] = {{}, {{"axis"}}};
    for (const char *op : {"Softmax", "LogSoftmax", "Hardmax", "Concat",
                           "Gather", "GatherElements", "ScatterElements",
                           "Compress", "QuantizeLinear", "DequantizeLinear",
                           "ArgMax", "ArgMin", "TopK", "Split"})
      t[op] = {{}, {{"axis"}}};
    // OneHot's axis indexes the output, one rank more than the indices.
    t["OneHot"] = {{}, {{"axis", 0, -1}}};
    t["Split"].ranges = {{"split", 0, kI32Max}};
    t["Split"].checks = NonNegativeData;
    t["Split"].dataInput = 1;
    t["Flatten"] = {{}, {{"axis", 0, 1}}};
    t["Squeeze"] = {{}, {{"axes"}, {"axes", 0, 0, 1}}};
    t["Unsqueeze"] = {{}, {{"axes", 0, -1}, {"axes", 0, -1, 1}}};
    t["CumSum"] = {{}, {{"axis", 0, 0, 1}}};
    for (const char *op : {"ReduceMean", "ReduceMax", "ReduceMin", "ReduceSum",
                           "ReduceProd", "ReduceL1", "ReduceL2",
                           "ReduceLogSum", "ReduceLogSumExp",
                           "ReduceSumSquare"})
      t[op] = reduce;
    t["Transpose"] = {{{"perm", 0, kI32Max, Length::Rank}}, {}, Permutation};
    t["Pad"] = {{{"pads", -kI32Max, kI32Max, Length::TwiceRank}}, {}};
    t["Pad"].untilOpset = 11;
    t["Slice"] = {{}, {{"axes"}, {"axes", 0, 0, 3}}};
    t["Upsample"] = {{}, {}, PositiveScales | ScalesInput, 1};
    t["Resize"] = {{}, {}, ScalesInput, -1};
    t["Tile"] = {{}, {}, NonNegativeData, 1};
    t["Reshape"] = {{}, {}, ReshapeShape, 1};
    t["Expand"] = {{}, {}, ExpandShape, 1};
    t["ConstantOfShape"] = {{}, {}, ExpandShape, 0};
    t["Constant"] = {{}, {}, ConstantValue};
    // Gemm-1..6's inference and the 6->7 adapter read dim(1) of A and B
    // without checking their rank.
    t["Gemm"] = {{}, {}, MatrixInputs};
    return t;
  }();
  return table;
}

/// What is known about a node's inputs: their ranks and constant data.
class Facts {
public:
  virtual ~Facts() = default;
  virtual int rankOf(const ::onnx::NodeProto &node, int input) const = 0;
  virtual const ::onnx::TensorProto *
  constantOf(const ::onnx::NodeProto &node, int input) const = 0;
};

/// What the file states about value ranks and constant initializer data.
struct GraphFacts final : Facts {
  std::unordered_map<std::string, int> rank;
  std::unordered_map<std::string, const ::onnx::TensorProto *> constant;

  /// The first value declared twice with different ranks or element types
  /// (a graph input and its initializer, a value_info and an output, ...),
  /// as a sentence; empty when every declaration agrees. libonnx's IR and
  /// adapters take one declaration and index dimensions the other implies.
  std::string conflict;

  explicit GraphFacts(const ::onnx::GraphProto &g) {
    std::unordered_map<std::string, std::pair<int, const char *>> declared;
    std::unordered_map<std::string, std::pair<int, const char *>> declaredType;
    auto declare = [&](const std::string &name, int r, int elemType,
                       const char *where) {
      if (r != kUnknownRank) {
        auto [it, fresh] = declared.try_emplace(name, r, where);
        if (!fresh && it->second.first != r && conflict.empty())
          conflict = "value '" + name + "' is declared with rank " +
                     std::to_string(it->second.first) + " (" +
                     it->second.second + ") and rank " + std::to_string(r) +
                     " (" + where + ")";
        rank[name] = r;
      }
      if (elemType != 0) {
        auto [it, fresh] = declaredType.try_emplace(name, elemType, where);
        if (!fresh && it->second.first != elemType && conflict.empty())
          conflict = "value '" + name + "' is declared with element type " +
                     std::to_string(it->second.first) + " (" +
                     it->second.second + ") and element type " +
                     std::to_string(elemType) + " (" + where + ")";
      }
    };
    const std::pair<const google::protobuf::RepeatedPtrField<
                        ::onnx::ValueInfoProto> *,
                    const char *>
        lists[] = {{&g.input(), "graph input"},
                   {&g.value_info(), "value_info"},
                   {&g.output(), "graph output"}};
    for (const auto &[list, where] : lists)
      for (const auto &vi : *list) {
        if (!vi.type().has_tensor_type())
          continue;
        const auto &tt = vi.type().tensor_type();
        declare(vi.name(), tt.has_shape() ? tt.shape().dim_size() : kUnknownRank,
                tt.elem_type(), where);
      }
    for (const auto &t : g.initializer()) {
      declare(t.name(), t.dims_size(), t.data_type(), "initializer");
      constant[t.name()] = &t;
    }
    for (const auto &node : g.node())
      if (node.op_type() == "Constant" && node.output_size() == 1)
        for (const auto &a : node.attribute())
          if (a.name() == "value" && a.has_t()) {
            declare(node.output(0), a.t().dims_size(), a.t().data_type(),
                    "Constant node output");
            constant[node.output(0)] = &a.t();
          }
  }

  int rankOf(const ::onnx::NodeProto &node, int input) const override {
    if (input < 0 || input >= node.input_size() || node.input(input).empty())
      return kUnknownRank;
    auto it = rank.find(node.input(input));
    return it == rank.end() ? kUnknownRank : it->second;
  }

  const ::onnx::TensorProto *constantOf(const ::onnx::NodeProto &node,
                                        int input) const override {
    if (input < 0 || input >= node.input_size() || node.input(input).empty())
      return nullptr;
    auto it = constant.find(node.input(input));
    return it == constant.end() ? nullptr : it->second;
  }
};

/// What libonnx's shape inference knows about the inputs of the node it is
/// about to process (ranks inferred so far, constant inputs).
class ContextFacts final : public Facts {
public:
  explicit ContextFacts(::onnx::InferenceContext &ctx) : ctx(ctx) {}
  int rankOf(const ::onnx::NodeProto &, int input) const override {
    if (input < 0 || static_cast<size_t>(input) >= ctx.getNumInputs())
      return kUnknownRank;
    const ::onnx::TypeProto *type = ctx.getInputType(input);
    if (!type || !type->has_tensor_type() || !type->tensor_type().has_shape())
      return kUnknownRank;
    return type->tensor_type().shape().dim_size();
  }
  const ::onnx::TensorProto *constantOf(const ::onnx::NodeProto &,
                                        int input) const override {
    if (input < 0 || static_cast<size_t>(input) >= ctx.getNumInputs())
      return nullptr;
    return ctx.getInputData(input);
  }

private:
  ::onnx::InferenceContext &ctx;
};

std::string formatList(llvm::ArrayRef<int64_t> values) {
  constexpr size_t kShown = 8;
  std::string s = "[";
  for (size_t i = 0; i < values.size() && i < kShown; ++i)
    s += (i ? ", " : "") + std::to_string(values[i]);
  if (values.size() > kShown)
    s += ", ...";
  return s + "]";
}

/// An INT attribute's value, or an INTS attribute's list.
std::string formatAttr(const ::onnx::AttributeProto &a) {
  if (a.type() == ::onnx::AttributeProto::INT)
    return std::to_string(a.i());
  return formatList(std::vector<int64_t>(a.ints().begin(), a.ints().end()));
}

std::string formatFloat(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", static_cast<double>(v));
  return buf;
}

std::string inputName(const ::onnx::NodeProto &node, int input) {
  if (input < node.input_size() && !node.input(input).empty())
    return "input '" + node.input(input) + "'";
  return "input " + std::to_string(input);
}

std::string formatInputRank(const ::onnx::NodeProto &node, int input,
                            int rank) {
  return inputName(node, input) + " of rank " + std::to_string(rank);
}

/// The int64 payload of an INT64/INT32 tensor, if it holds its data inline.
bool tensorInts(const ::onnx::TensorProto &t, std::vector<int64_t> &out) {
  out.clear();
  if (t.data_type() == ::onnx::TensorProto::INT64) {
    if (!t.raw_data().empty()) {
      const std::string &raw = t.raw_data();
      for (size_t i = 0; i + 8 <= raw.size(); i += 8) {
        int64_t v;
        std::memcpy(&v, raw.data() + i, 8);
        out.push_back(v);
      }
    } else {
      out.assign(t.int64_data().begin(), t.int64_data().end());
    }
    return true;
  }
  if (t.data_type() == ::onnx::TensorProto::INT32) {
    if (!t.raw_data().empty()) {
      const std::string &raw = t.raw_data();
      for (size_t i = 0; i + 4 <= raw.size(); i += 4) {
        int32_t v;
        std::memcpy(&v, raw.data() + i, 4);
        out.push_back(v);
      }
    } else {
      out.assign(t.int32_data().begin(), t.int32_data().end());
    }
    return true;
  }
  return false;
}

/// The float payload of a FLOAT tensor, if it holds its data inline.
bool tensorFloats(const ::onnx::TensorProto &t, std::vector<float> &out) {
  out.clear();
  if (t.data_type() != ::onnx::TensorProto::FLOAT)
    return false;
  if (!t.raw_data().empty()) {
    const std::string &raw = t.raw_data();
    for (size_t i = 0; i + 4 <= raw.size(); i += 4) {
      float v;
      std::memcpy(&v, raw.data() + i, 4);
      out.push_back(v);
    }
  } else {
    out.assign(t.float_data().begin(), t.float_data().end());
  }
  return true;
}

class NodeChecker {
public:
  /// `prefix` starts every message (the file and the node).
  NodeChecker(std::string prefix, const ::onnx::NodeProto &node,
              const Facts &facts, std::string &error)
      : prefix(std::move(prefix)), node(node), facts(facts), error(error) {}

  bool fail(const Twine &what) {
    error = escapeControls((prefix + what).str());
    return false;
  }

  const ::onnx::AttributeProto *attr(StringRef name) const {
    for (const auto &a : node.attribute())
      if (a.name() == name)
        return &a;
    return nullptr;
  }

  static std::vector<int64_t> values(const ::onnx::AttributeProto &a) {
    if (a.type() == ::onnx::AttributeProto::INT)
      return {a.i()};
    return {a.ints().begin(), a.ints().end()};
  }

  static bool isIntAttr(const ::onnx::AttributeProto &a) {
    return a.type() == ::onnx::AttributeProto::INT ||
           a.type() == ::onnx::AttributeProto::INTS;
  }

  bool checkRange(const RangeRule &rule) {
    const ::onnx::AttributeProto *a = attr(rule.attr);
    if (!a || !isIntAttr(*a))
      return true;
    std::vector<int64_t> vals = values(*a);
    for (int64_t v : vals)
      if (v < rule.min || v > rule.max)
        return fail("attribute '" + Twine(rule.attr) + "' = " +
                    formatAttr(*a) + ": each value must be in [" +
                    Twine(rule.min) + ", " + Twine(rule.max) + "]");
    int rank = facts.rankOf(node, 0);
    if (rank == kUnknownRank || rule.length == Length::Any)
      return true;
    int64_t n = static_cast<int64_t>(vals.size());
    int64_t want = 0;
    const char *relation = "";
    switch (rule.length) {
    case Length::Any:
      return true;
    case Length::Spatial:
      want = rank - 2;
      relation = "one per spatial dimension, ";
      break;
    case Length::TwiceSpatial:
      want = 2 * (rank - 2);
      relation = "two per spatial dimension, ";
      break;
    case Length::Rank:
      want = rank;
      relation = "one per dimension, ";
      break;
    case Length::TwiceRank:
      want = 2 * rank;
      relation = "two per dimension, ";
      break;
    case Length::AtMostRank:
      if (n <= rank)
        return true;
      return fail("attribute '" + Twine(rule.attr) + "' has " + Twine(n) +
                  " values, more than the " + Twine(rank) + " of " +
                  formatInputRank(node, 0, rank));
    }
    if (n != want)
      return fail("attribute '" + Twine(rule.attr) + "' has " + Twine(n) +
                  " values but " + formatInputRank(node, 0, rank) +
                  " needs " + Twine(std::max<int64_t>(want, 0)) + " (" +
                  relation + "rank " + Twine(rank) + ")");
    return true;
  }

  bool checkAxis(const AxisRule &rule) {
    std::vector<int64_t> vals;
    std::string what;
    if (rule.fromInput >= 0) {
      const ::onnx::TensorProto *t = facts.constantOf(node, rule.fromInput);
      if (!t || !tensorInts(*t, vals))
        return true;
      what = inputName(node, rule.fromInput) + " (" + rule.attr + ") = " +
             formatList(vals);
    } else {
      const ::onnx::AttributeProto *a = attr(rule.attr);
      if (!a || !isIntAttr(*a))
        return true;
      vals = values(*a);
      what = "attribute '" + std::string(rule.attr) + "' = " + formatAttr(*a);
    }
    int rank = facts.rankOf(node, rule.input);
    if (rank == kUnknownRank) {
      for (int64_t v : vals)
        if (v < -kI32Max || v > kI32Max)
          return fail(what + ": each value must be in [" + Twine(-kI32Max) +
                      ", " + Twine(kI32Max) + "]");
      return true;
    }
    int64_t span = rank + (rule.extra < 0 ? static_cast<int64_t>(vals.size())
                                          : rule.extra);
    int64_t lo = -span, hi = span - 1;
    if (rule.extra > 0)
      lo = -rank; // Flatten: [-r, r]
    for (int64_t v : vals)
      if (v < lo || v > hi)
        return fail(what + ": each value must be in [" + Twine(lo) + ", " +
                    Twine(hi) + "] for " +
                    formatInputRank(node, rule.input, rank));
    return true;
  }

  bool checkConvWeight(int weightInput) {
    int dataRank = facts.rankOf(node, 0);
    int weightRank = facts.rankOf(node, weightInput);
    if (weightRank != kUnknownRank && weightRank < 3)
      return fail("weight " + formatInputRank(node, weightInput, weightRank) +
                  " must have rank 3 or more (out channels, in channels, "
                  "one or more spatial dimensions)");
    if (dataRank != kUnknownRank && weightRank != kUnknownRank &&
        dataRank != weightRank)
      return fail("weight " + formatInputRank(node, weightInput, weightRank) +
                  " must have the rank of " +
                  formatInputRank(node, 0, dataRank));
    return true;
  }

  bool checkSpatialInput() {
    int rank = facts.rankOf(node, 0);
    if (rank != kUnknownRank && rank < 3)
      return fail(formatInputRank(node, 0, rank) +
                  " must have rank 3 or more (batch, channels, one or more "
                  "spatial dimensions)");
    return true;
  }

  bool checkConstantValue() {
    static const std::set<std::string> kValueAttrs = {
        "value",      "value_float",  "value_floats",  "value_int",
        "value_ints", "value_string", "value_strings", "sparse_value"};
    std::vector<std::string> given;
    for (const auto &a : node.attribute())
      if (kValueAttrs.count(a.name()))
        given.push_back("'" + a.name() + "'");
    if (given.size() == 1)
      return true;
    if (given.empty())
      return fail("has no value: exactly one of the attributes 'value', "
                  "'value_float(s)', 'value_int(s)', 'value_string(s)' or "
                  "'sparse_value' must be given");
    return fail("has " + Twine(given.size()) + " values (" +
                llvm::join(given, ", ") +
                "): exactly one value attribute must be given");
  }

  bool checkPermutation() {
    const ::onnx::AttributeProto *a = attr("perm");
    if (!a)
      return true;
    std::vector<int64_t> vals = values(*a);
    int64_t n = static_cast<int64_t>(vals.size());
    std::vector<bool> seen(vals.size(), false);
    for (int64_t v : vals) {
      if (v < 0 || v >= n || seen[v])
        return fail("attribute 'perm' = " + formatAttr(*a) +
                    " is not a permutation of [0, " + Twine(n) + ")");
      seen[v] = true;
    }
    return true;
  }

  bool checkScales(const std::vector<float> &scales, const Twine &what) {
    for (float s : scales)
      if (!std::isfinite(s) || !(s > 0.0f))
        return fail(what + " holds " + formatFloat(s) +
                    ": each scale must be finite and greater than 0");
    return true;
  }

  bool checkInitializerData(unsigned checks, int input) {
    const ::onnx::TensorProto *t = facts.constantOf(node, input);
    if (!t)
      return true;
    std::string what = inputName(node, input);
    if (checks & ScalesInput) {
      std::vector<float> scales;
      if (tensorFloats(*t, scales) && !checkScales(scales, what))
        return false;
      return true;
    }
    std::vector<int64_t> ints;
    if (!tensorInts(*t, ints))
      return true;
    if (checks & (NonNegativeData | ExpandShape)) {
      for (int64_t v : ints)
        if (v < 0)
          return fail(what + " = " + formatList(ints) +
                      ": each value must be 0 or more");
    }
    if (checks & ReshapeShape) {
      int inferred = 0;
      for (int64_t v : ints) {
        if (v < -1)
          return fail(what + " = " + formatList(ints) +
                      ": each value must be -1 or more");
        inferred += v == -1;
      }
      if (inferred > 1)
        return fail(what + " = " + formatList(ints) +
                    ": at most one dimension may be -1");
    }
    return true;
  }

  bool run(const OpRules &r) {
    for (const RangeRule &rule : r.ranges)
      if (!checkRange(rule))
        return false;
    for (const AxisRule &rule : r.axes)
      if (!checkAxis(rule))
        return false;
    if ((r.checks & SpatialInput) && !checkSpatialInput())
      return false;
    if ((r.checks & ConvWeight) && !checkConvWeight(r.dataInput))
      return false;
    if (r.checks & Rank4Input) {
      int rank = facts.rankOf(node, 0);
      if (rank != kUnknownRank && rank != 4)
        return fail(formatInputRank(node, 0, rank) + " must have rank 4");
    }
    if (r.checks & MatrixInputs) {
      for (int input : {0, 1}) {
        int rank = facts.rankOf(node, input);
        if (rank != kUnknownRank && rank != 2)
          return fail(formatInputRank(node, input, rank) +
                      " must have rank 2 (a matrix)");
      }
    }
    if ((r.checks & ConstantValue) && !checkConstantValue())
      return false;
    if ((r.checks & Permutation) && !checkPermutation())
      return false;
    if (r.checks & PositiveScales) {
      if (const ::onnx::AttributeProto *a = attr("scales"))
        if (!checkScales({a->floats().begin(), a->floats().end()},
                         "attribute 'scales'"))
          return false;
    }
    if (r.checks & ScalesInput) {
      // Upsample-9: scales is input 1; Resize-10: input 1; Resize-11+:
      // input 2 (input 1 is roi).
      for (int input : {1, 2}) {
        if (input == 1 && node.op_type() == "Resize" && node.input_size() > 2)
          continue;
        if (!checkInitializerData(ScalesInput, input))
          return false;
      }
    }
    for (unsigned c : {NonNegativeData, ReshapeShape, ExpandShape})
      if ((r.checks & c) && !checkInitializerData(c, r.dataInput))
        return false;
    return true;
  }

private:
  std::string prefix;
  const ::onnx::NodeProto &node;
  const Facts &facts;
  std::string &error;
};

std::string describe(StringRef path, const ::onnx::NodeProto &node) {
  return (path + ": node '" + node.name() + "' (" + node.op_type() + "): ")
      .str();
}

/// Protobuf's parser already bounds subgraph nesting (100 messages deep).
bool validateGraph(StringRef path, const ::onnx::GraphProto &graph,
                   int64_t opset, std::string &error) {
  GraphFacts facts(graph);
  if (!facts.conflict.empty()) {
    error = escapeControls((path + ": " + facts.conflict).str());
    return false;
  }
  const auto &table = rules();
  for (const auto &node : graph.node()) {
    if (!node.domain().empty() && node.domain() != "ai.onnx")
      continue;
    NodeChecker checker(describe(path, node), node, facts, error);
    auto it = table.find(node.op_type());
    OpRules none;
    const OpRules &r = it == table.end() ? none : it->second;
    if ((!r.untilOpset || opset < r.untilOpset) && !checker.run(r))
      return false;
    for (const auto &a : node.attribute()) {
      if (a.has_g() && !validateGraph(path, a.g(), opset, error))
        return false;
      for (const auto &g : a.graphs())
        if (!validateGraph(path, g, opset, error))
          return false;
    }
  }
  return true;
}

/// Every attribute name a rule of `r` reads.
std::vector<std::string> ruleAttributes(const OpRules &r) {
  std::vector<std::string> names;
  for (const RangeRule &rule : r.ranges)
    names.push_back(rule.attr);
  for (const AxisRule &rule : r.axes)
    names.push_back(rule.attr);
  if (r.checks & Permutation)
    names.push_back("perm");
  if (r.checks & PositiveScales)
    names.push_back("scales");
  if (r.checks & ConstantValue)
    for (const char *n : {"value", "value_float", "value_floats", "value_int",
                          "value_ints", "value_string", "value_strings",
                          "sparse_value"})
      names.push_back(n);
  return names;
}

/// Checks the node libonnx's inference is about to process, with the input
/// ranks and constants inference knows at that point, and raises an
/// InferenceError carrying kGuardMarker instead of letting the original
/// function crash.
void guardNode(::onnx::InferenceContext &ctx, const std::string &op,
               const OpRules &r, const std::vector<std::string> &attrs) {
  ::onnx::NodeProto node;
  node.set_op_type(op);
  for (size_t i = 0; i < ctx.getNumInputs(); ++i)
    node.add_input("");
  for (const std::string &name : attrs)
    if (const ::onnx::AttributeProto *a = ctx.getAttribute(name))
      *node.add_attribute() = *a;
  ContextFacts facts(ctx);
  std::string error;
  NodeChecker checker("", node, facts, error);
  if (!checker.run(r)) {
    if (guardedRuns)
      guardFired = true;
    fail_shape_inference(kGuardMarker, error);
  }
}

} // namespace

void installInferenceGuards() {
  static std::once_flag once;
  std::call_once(once, [] {
    const int maxOpset = ::onnx::OpSchemaRegistry::DomainToVersionRange::
                             Instance()
                                 .Map()
                                 .at(::onnx::ONNX_DOMAIN)
                                 .second;
    for (const auto &entry : rules()) {
      const std::string op = entry.getKey().str();
      const OpRules &r = entry.getValue();
      std::vector<std::string> attrs = ruleAttributes(r);
      std::set<const ::onnx::OpSchema *> seen;
      for (int v = 1; v <= maxOpset; ++v) {
        const ::onnx::OpSchema *schema =
            ::onnx::OpSchemaRegistry::Schema(op, v, "");
        if (!schema || !seen.insert(schema).second)
          continue;
        // Rules for attributes that later became inputs apply up to that
        // opset only.
        if (r.untilOpset && schema->since_version() >= r.untilOpset)
          continue;
        auto original = schema->GetTypeAndShapeInferenceFunction();
        // The registry owns its schemas as mutable objects and hands out
        // const pointers only; replacing the inference function is the one
        // change made, once per process, before any inference runs.
        const_cast<::onnx::OpSchema *>(schema)->TypeAndShapeInferenceFunction(
            [original, op, r, attrs](::onnx::InferenceContext &ctx) {
              guardNode(ctx, op, r, attrs);
              if (original)
                original(ctx);
            });
      }
    }
    // After a refusal, nothing more runs in that inference run (see
    // GuardedInference). get_all_schemas_with_history hands out copies; the
    // registry's own objects are looked up by name, version and domain.
    for (const ::onnx::OpSchema &copy :
         ::onnx::OpSchemaRegistry::get_all_schemas_with_history()) {
      const ::onnx::OpSchema *schema = ::onnx::OpSchemaRegistry::Schema(
          copy.Name(), copy.SinceVersion(), copy.domain());
      if (!schema)
        continue;
      auto *mutableSchema = const_cast<::onnx::OpSchema *>(schema);
      if (schema->has_type_and_shape_inference_function()) {
        auto inner = schema->GetTypeAndShapeInferenceFunction();
        mutableSchema->TypeAndShapeInferenceFunction(
            [inner](::onnx::InferenceContext &ctx) {
              if (guardFired)
                return;
              // libonnx's own errors stop the run too: it would go on
              // with the failed node's outputs half-typed.
              try {
                inner(ctx);
              } catch (...) {
                if (guardedRuns)
                  guardFired = true;
                throw;
              }
            });
      }
      if (schema->has_data_propagation_function()) {
        auto inner = schema->GetDataPropagationFunction();
        mutableSchema->PartialDataPropagationFunction(
            [inner](::onnx::DataPropagationContext &ctx) {
              if (!guardFired)
                inner(ctx);
            });
      }
    }
  });
}

GuardedInference::GuardedInference() {
  if (guardedRuns++ == 0)
    guardFired = false;
}

GuardedInference::~GuardedInference() {
  if (--guardedRuns == 0)
    guardFired = false;
}

bool guardError(StringRef path, StringRef message, std::string &error) {
  size_t marker = message.find(kGuardMarker);
  if (marker == StringRef::npos)
    return false;
  StringRef what = message.substr(marker + strlen(kGuardMarker));
  what = what.take_until([](char c) { return c == '\n'; });
  // libonnx prefixes the error with "(op_type:OP, node name: NAME): " (its
  // GetErrorWithNodeInfo) and "[ShapeInferenceError] ".
  StringRef before = message.substr(0, marker);
  size_t start = before.rfind("(op_type:");
  std::string where;
  if (start != StringRef::npos) {
    StringRef info = before.substr(start + strlen("(op_type:"));
    info.consume_back("[ShapeInferenceError] ");
    info = info.rtrim();
    info.consume_back(":");
    info.consume_back(")");
    auto [op, name] = info.split(", node name: ");
    where = "node '" + name.str() + "' (" + op.str() + "): ";
  }
  error = escapeControls((path + ": " + where + what).str());
  return true;
}

bool validateNodes(StringRef path, const ::onnx::GraphProto &graph,
                   int64_t opset, std::string &error) {
  return validateGraph(path, graph, opset, error);
}

} // namespace edgec::import
