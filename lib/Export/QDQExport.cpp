//===- QDQExport.cpp - edgec's quantization as a QDQ ONNX model ----------===//
//
// Design (docs/quantization.md, "Exporting QDQ ONNX"):
//
//  1. The imported model is cleaned (onnx-graph-cleanup: constants folded,
//     BatchNormalization folded into Conv/Gemm weights, decompositions). The
//     cleaned `onnx` graph is what gets exported, so its weights are exactly
//     the (folded) float weights edgec quantizes.
//  2. Every op of the cleaned graph gets a tag: its location is wrapped in a
//     FusedLoc whose metadata is "edgec.export#<k>". Lowering passes copy an
//     op's location onto every op they create from it, so after lowering
//     and quantization each edge op carries the tags of the ONNX ops it came
//     from (a fused activation keeps its producer's location).
//  3. The exported ONNX tensor produced by ONNX op k takes the quantization
//     parameters of the edge values that leave k's group of edge ops (used by
//     an op of another group or returned) and are computed inside it
//     (tracing back through layout transposes/reshapes and Q/DQ ops).
//     Quantization parameters are per tensor, so layout changes do not
//     matter. All such values must agree; an op with no edge value left
//     (fused Relu, folded transposes/reshapes, ...) inherits its input's
//     parameters when the op keeps parameters (data movement, max pooling,
//     clamping activations), and is an error otherwise.
//  4. Weights of Conv/Gemm/MatMul whose edge op has int8 weights are exported
//     as int8 initializers + DequantizeLinear with edgec's scales (per axis
//     on the ONNX output-channel axis); the integers are recomputed from the
//     ONNX float weights with edgec's rounding and checked, channel by
//     channel, against the integers of the edge constant. Biases are edgec's
//     int32 values + DequantizeLinear (scale input_scale * weight_scale[o]).
//
//===----------------------------------------------------------------------===//
#include "edgec/Export/QDQExport.h"

#include "edgec/Dialect/Edge/EdgeOps.h"
#include "edgec/Dialect/Onnx/OnnxOps.h"
#include "edgec/Passes/Graph/Passes.h"
#include "edgec/Passes/Quantize/QuantParams.h"
#include "edgec/Pipeline/Pipeline.h"
#include "edgec/Support/ConstantTensor.h"
#include "edgec/Support/FileOutput.h"
#include "edgec/Support/GraphSignature.h"
#include "edgec/Support/NodeName.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "onnx/checker.h"
#include "onnx/onnx_pb.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <unistd.h>

using namespace mlir;
using namespace edgec;

namespace {

constexpr llvm::StringLiteral kTagPrefix = "edgec.export#";

/// The export tags in `loc` (several after locations were fused).
SmallVector<int64_t> tagsOf(Location loc) {
  SmallVector<int64_t> tags;
  loc->walk([&](Location l) {
    if (auto f = dyn_cast<FusedLoc>(l))
      if (auto s = dyn_cast_or_null<StringAttr>(f.getMetadata()))
        if (s.getValue().starts_with(kTagPrefix)) {
          int64_t k;
          if (!s.getValue().drop_front(kTagPrefix.size()).getAsInteger(10, k))
            tags.push_back(k);
        }
    return WalkResult::advance();
  });
  return tags;
}

/// The raw little-endian bytes of a constant (every element, splats
/// expanded); booleans one byte each.
bool rawBytes(ElementsAttr attr, std::vector<char> &out, std::string &error) {
  std::optional<ConstantTensor> ct = ConstantTensor::get(attr);
  if (!ct) {
    error = "constant of an unsupported type, or whose resource blob is "
            "missing or does not match its type";
    return false;
  }
  out = ct->getExpandedData();
  return true;
}

std::optional<int> onnxDataType(Type t) {
  if (t.isF32())
    return ::onnx::TensorProto::FLOAT;
  if (t.isF64())
    return ::onnx::TensorProto::DOUBLE;
  if (t.isF16())
    return ::onnx::TensorProto::FLOAT16;
  if (t.isInteger(1))
    return ::onnx::TensorProto::BOOL;
  if (auto i = dyn_cast<IntegerType>(t)) {
    bool u = i.isUnsigned();
    switch (i.getWidth()) {
    case 8:
      return u ? ::onnx::TensorProto::UINT8 : ::onnx::TensorProto::INT8;
    case 16:
      return u ? ::onnx::TensorProto::UINT16 : ::onnx::TensorProto::INT16;
    case 32:
      return u ? ::onnx::TensorProto::UINT32 : ::onnx::TensorProto::INT32;
    case 64:
      return u ? ::onnx::TensorProto::UINT64 : ::onnx::TensorProto::INT64;
    }
  }
  return std::nullopt;
}

/// Edge ops that change only the layout of a value.
bool isLayoutOp(Operation *op) {
  return isa<edge::TransposeOp, edge::ReshapeOp>(op);
}

/// Edge ops through which an exported tensor is traced back: layout changes
/// and Q/DQ.
bool isTransparent(Operation *op) {
  return isLayoutOp(op) || isa<edge::QuantizeOp, edge::DequantizeOp>(op);
}

/// ONNX ops whose output has its input's parameters in edgec's integer
/// model (data movement, max pooling, clamping activations fused into their
/// producer): used when lowering left no edge value for the op.
bool keepsParameters(Operation *op) {
  namespace ox = edgec::onnx;
  return isa<ox::ReluOp, ox::ClipOp, ox::MaxPoolOp, ox::GlobalMaxPoolOp,
             ox::ReshapeOp, ox::FlattenOp, ox::TransposeOp, ox::SqueezeOp,
             ox::UnsqueezeOp, ox::IdentityOp, ox::DropoutOp, ox::SplitOp,
             ox::SliceOp, ox::PadOp, ox::GatherOp, ox::TileOp, ox::ExpandOp,
             ox::DepthToSpaceOp, ox::SpaceToDepthOp>(op);
}

/// Edge ops whose operand 1 is a weight edgec may store as int8 (and
/// operand 2 an int32 bias).
bool isWeightedEdgeOp(Operation *op) {
  return isa<edge::Conv2DOp, edge::DepthwiseConv2DOp, edge::FullyConnectedOp,
             edge::TransposeConv2DOp>(op);
}

/// Quantization parameters of one exported tensor (per tensor).
struct TensorParams {
  float scale = 1.0f;
  int64_t zeroPoint = 0;
  bool operator==(const TensorParams &o) const {
    return scale == o.scale && zeroPoint == o.zeroPoint;
  }
};

std::string describe(const TensorParams &p) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "scale " << p.scale << ", zero point " << p.zeroPoint;
  return s;
}

/// What edgec did with an f32 edge value: stored it as int8 (params), kept
/// it in float, or (conflict) both / several parameters.
struct EdgeValueInfo {
  enum Kind { Float, Quantized, Conflict, Unsupported } kind = Float;
  TensorParams params;
  std::string why;
};

class Exporter {
public:
  explicit Exporter(const QDQExportOptions &options)
      : options(options), modelPath(options.modelPath) {}

  bool run(ModuleOp module, std::string &bytes, std::string &error);

private:
  // --- edge side -----------------------------------------------------------
  void indexEdge(func::FuncOp func);
  bool hasTag(Operation *op, int64_t tag) const {
    auto it = opTags.find(op);
    return it != opTags.end() && llvm::is_contained(it->second, tag);
  }
  bool isExitOf(Value v, int64_t tag) const;
  void collectQuantTypes(Value v, bool up, bool down,
                         SmallVectorImpl<Type> &types) const;
  EdgeValueInfo infoOf(Value v) const;

  // --- matching --------------------------------------------------------------
  bool matchTensors(func::FuncOp onnxFunc, func::FuncOp edgeFunc,
                    std::string &error);
  bool matchWeights(func::FuncOp onnxFunc, std::string &error);

  // --- ONNX writing ----------------------------------------------------------
  std::string unique(StringRef base);
  bool addInitializer(StringRef name, Type elemType, ArrayRef<int64_t> shape,
                      ArrayRef<char> bytes, std::string &error);
  void addScalarFloat(StringRef name, float v);
  void addScalarInt8(StringRef name, int64_t v);
  bool buildGraph(func::FuncOp onnxFunc, std::string &error);

  std::string nodeError(Operation *op, const Twine &msg) const {
    return modelPath + ": " + describeOp(op) + ": " + msg.str();
  }

  const QDQExportOptions &options;
  std::string modelPath;

  DenseMap<Operation *, SmallVector<int64_t>> opTags;
  std::map<int64_t, SmallVector<Operation *>> groups;

  /// Parameters of the exported float tensors (cleaned-graph values).
  DenseMap<Value, TensorParams> params;

  /// A quantized weight (operand 1) and bias (operand 2) of an ONNX op.
  struct QuantWeights {
    std::vector<float> scales; // one, or one per channel
    int64_t axis = 0;          // ONNX axis of the channels (per axis)
    bool perAxis = false;
    std::vector<int8_t> weights;       // in the ONNX weight's layout
    std::vector<float> biasScales;     // per channel (or one)
    std::vector<int32_t> bias;         // empty: no int32 bias
  };
  DenseMap<Operation *, QuantWeights> quantWeights;

  ::onnx::ModelProto model;
  llvm::StringSet<> names;
};

void Exporter::indexEdge(func::FuncOp func) {
  func.walk([&](Operation *op) {
    if (op == func.getOperation())
      return;
    SmallVector<int64_t> tags = tagsOf(op->getLoc());
    if (tags.empty())
      return;
    opTags[op] = tags;
    for (int64_t t : tags)
      groups[t].push_back(op);
  });
}

bool Exporter::isExitOf(Value v, int64_t tag) const {
  Operation *def = v.getDefiningOp();
  if (!def || !hasTag(def, tag))
    return false;
  bool leaves = false;
  for (Operation *user : v.getUsers())
    if (isa<func::ReturnOp>(user) || !hasTag(user, tag))
      leaves = true;
  if (!leaves)
    return false;
  // Computed inside the group: back through layout and Q/DQ ops.
  Operation *p = def;
  while (p && isTransparent(p)) {
    if (!hasTag(p, tag))
      return false;
    p = p->getOperand(0).getDefiningOp();
  }
  return p && hasTag(p, tag);
}

void Exporter::collectQuantTypes(Value v, bool up, bool down,
                                 SmallVectorImpl<Type> &types) const {
  auto elemOf = [](Value x) {
    return cast<ShapedType>(x.getType()).getElementType();
  };
  if (up)
    if (Operation *def = v.getDefiningOp()) {
      if (isa<edge::DequantizeOp>(def))
        types.push_back(elemOf(def->getOperand(0)));
      else if (isLayoutOp(def) && elemOf(def->getOperand(0)).isF32())
        collectQuantTypes(def->getOperand(0), true, false, types);
    }
  if (down)
    for (Operation *user : v.getUsers()) {
      if (isa<edge::QuantizeOp>(user))
        types.push_back(elemOf(user->getResult(0)));
      else if (isLayoutOp(user) && elemOf(user->getResult(0)).isF32())
        collectQuantTypes(user->getResult(0), false, true, types);
    }
}

EdgeValueInfo Exporter::infoOf(Value v) const {
  EdgeValueInfo info;
  auto shaped = dyn_cast<ShapedType>(v.getType());
  if (!shaped) {
    info.kind = EdgeValueInfo::Unsupported;
    info.why = "not a tensor";
    return info;
  }
  SmallVector<Type> types;
  Type et = shaped.getElementType();
  if (isa<quant::QuantizedType>(et))
    types.push_back(et);
  else if (et.isF32())
    collectQuantTypes(v, true, true, types);
  else
    return info; // integer tensors are exported as they are
  bool first = true;
  for (Type t : types) {
    auto q = dyn_cast<quant::UniformQuantizedType>(t);
    if (!q) {
      info.kind = EdgeValueInfo::Unsupported;
      info.why = "edgec quantized it per axis";
      return info;
    }
    if (q.getStorageTypeIntegralWidth() != 8 || !q.isSigned()) {
      info.kind = EdgeValueInfo::Unsupported;
      info.why = "its storage type is not int8";
      return info;
    }
    TensorParams p{static_cast<float>(q.getScale()), q.getZeroPoint()};
    if (!first && !(p == info.params)) {
      info.kind = EdgeValueInfo::Conflict;
      info.why = describe(info.params) + " and " + describe(p);
      return info;
    }
    info.kind = EdgeValueInfo::Quantized;
    info.params = p;
    first = false;
  }
  return info;
}

bool Exporter::matchTensors(func::FuncOp onnxFunc, func::FuncOp edgeFunc,
                            std::string &error) {
  // Graph inputs: the edge function's arguments, in order.
  if (onnxFunc.getNumArguments() != edgeFunc.getNumArguments() ||
      onnxFunc.getNumResults() != edgeFunc.getNumResults()) {
    error = modelPath + ": the lowered function's signature does not match "
                        "the ONNX graph's";
    return false;
  }
  for (auto [a, e] :
       llvm::zip(onnxFunc.getArguments(), edgeFunc.getArguments())) {
    EdgeValueInfo info = infoOf(e);
    std::string name;
    if (auto n = onnxFunc.getArgAttrOfType<StringAttr>(a.getArgNumber(),
                                                       "onnx.name"))
      name = n.str();
    if (info.kind == EdgeValueInfo::Conflict ||
        info.kind == EdgeValueInfo::Unsupported) {
      error = modelPath + ": graph input '" + name + "': " + info.why +
              "; it cannot be exported as one QDQ pair";
      return false;
    }
    if (info.kind == EdgeValueInfo::Quantized)
      params[a] = info.params;
  }

  for (Operation &opRef : onnxFunc.getBody().front()) {
    Operation *op = &opRef;
    if (isa<func::ReturnOp, edgec::onnx::NoValueOp>(op))
      continue;
    SmallVector<int64_t> tags = tagsOf(op->getLoc());
    if (tags.size() != 1) {
      error = nodeError(op, "internal error: the op has no export tag");
      return false;
    }
    int64_t tag = tags.front();
    bool isConstant = isa<edgec::onnx::ConstantOp>(op);
    SmallVector<Value> exits;
    auto it = groups.find(tag);
    if (it != groups.end())
      for (Operation *e : it->second) {
        if (isConstant != e->hasTrait<OpTrait::ConstantLike>())
          continue;
        for (Value r : e->getResults())
          if (isExitOf(r, tag))
            exits.push_back(r);
      }

    SmallVector<Value> floatResults;
    for (Value r : op->getResults())
      if (auto t = dyn_cast<ShapedType>(r.getType()))
        if (t.getElementType().isF32())
          floatResults.push_back(r);
    if (floatResults.empty())
      continue;

    if (isConstant) {
      // A constant edgec stores as a per-tensor int8 tensor (not a weight,
      // handled by matchWeights) is exported quantized; otherwise float.
      std::optional<TensorParams> found;
      for (Value e : exits) {
        EdgeValueInfo info = infoOf(e);
        if (info.kind != EdgeValueInfo::Quantized) {
          found.reset();
          break;
        }
        if (found && !(*found == info.params)) {
          found.reset();
          break;
        }
        found = info.params;
      }
      if (found)
        params[floatResults.front()] = *found;
      continue;
    }

    auto inherit = [&]() -> bool {
      if (!keepsParameters(op) || op->getNumOperands() == 0) {
        error = nodeError(
            op, "edgec has no tensor for its output after lowering, and the "
                "op does not keep its input's quantization parameters; QDQ "
                "export cannot match it");
        return false;
      }
      auto in = params.find(op->getOperand(0));
      if (in != params.end())
        for (Value r : floatResults)
          params[r] = in->second;
      return true;
    };

    if (floatResults.size() > 1) {
      if (!inherit())
        return false;
      continue;
    }
    Value result = floatResults.front();
    if (exits.empty()) {
      if (!inherit())
        return false;
      continue;
    }
    std::optional<EdgeValueInfo> agreed;
    for (Value e : exits) {
      EdgeValueInfo info = infoOf(e);
      if (info.kind == EdgeValueInfo::Conflict ||
          info.kind == EdgeValueInfo::Unsupported) {
        error = nodeError(op, "its output maps to an edgec tensor that " +
                                  info.why + "; QDQ export needs one "
                                             "per-tensor int8 parameter set");
        return false;
      }
      if (!agreed) {
        agreed = info;
        continue;
      }
      if (agreed->kind != info.kind ||
          (info.kind == EdgeValueInfo::Quantized &&
           !(agreed->params == info.params))) {
        error = nodeError(
            op, "its output maps to several edgec tensors with different "
                "quantization (" +
                    (agreed->kind == EdgeValueInfo::Quantized
                         ? describe(agreed->params)
                         : std::string("float")) +
                    " vs " +
                    (info.kind == EdgeValueInfo::Quantized
                         ? describe(info.params)
                         : std::string("float")) +
                    "); QDQ export cannot represent that");
        return false;
      }
    }
    if (agreed->kind == EdgeValueInfo::Quantized)
      params[result] = agreed->params;
  }
  return true;
}

/// The ONNX output-channel axis of a weight operand, or -1.
int64_t weightAxis(Operation *op, Value w) {
  int64_t rank = cast<ShapedType>(w.getType()).getRank();
  if (isa<edgec::onnx::ConvOp>(op))
    return 0;
  if (auto gemm = dyn_cast<edgec::onnx::GemmOp>(op))
    return gemm.getTransB() != 0 ? 0 : 1;
  if (isa<edgec::onnx::MatMulOp>(op) && rank == 2)
    return 1;
  return -1;
}

bool Exporter::matchWeights(func::FuncOp onnxFunc, std::string &error) {
  for (Operation &opRef : onnxFunc.getBody().front()) {
    Operation *op = &opRef;
    SmallVector<int64_t> tags = tagsOf(op->getLoc());
    if (tags.size() != 1)
      continue;
    auto git = groups.find(tags.front());
    if (git == groups.end())
      continue;
    // The edge ops of this node with int8 weights.
    SmallVector<Operation *> weighted;
    for (Operation *e : git->second) {
      if (!isWeightedEdgeOp(e))
        continue;
      auto wt = cast<ShapedType>(e->getOperand(1).getType());
      if (isa<quant::QuantizedType>(wt.getElementType()))
        weighted.push_back(e);
    }
    if (weighted.empty())
      continue;
    if (!isa<edgec::onnx::ConvOp, edgec::onnx::GemmOp,
             edgec::onnx::MatMulOp>(op) ||
        weighted.size() != 1 ||
        isa<edge::TransposeConv2DOp>(weighted.front())) {
      error = nodeError(op, "edgec quantized its weights in a form QDQ export "
                            "does not support (int8 weights are exported for "
                            "Conv, Gemm and MatMul lowered to one edge "
                            "convolution or fully_connected op)");
      return false;
    }
    Operation *e = weighted.front();
    Value w = op->getOperand(1);
    auto wConst = w.getDefiningOp<edgec::onnx::ConstantOp>();
    int64_t axis = weightAxis(op, w);
    if (!wConst || axis < 0) {
      error = nodeError(op, "its weights are not a constant of rank 2 or 4; "
                            "QDQ export cannot write them as int8");
      return false;
    }
    auto wType = cast<ShapedType>(w.getType());
    Type eWType = cast<ShapedType>(e->getOperand(1).getType()).getElementType();
    QuantWeights qw;
    qw.axis = axis;
    int64_t qmin, qmax, channels = wType.getDimSize(axis);
    std::vector<double> scales;
    // edgec's per-axis weights: output channels on axis 0 (OHWI, [N, K]),
    // on axis 3 for depthwise filters (1HW(C*M)).
    int64_t edgeAxis = isa<edge::DepthwiseConv2DOp>(e) ? 3 : 0;
    if (auto pa = dyn_cast<quant::UniformQuantizedPerAxisType>(eWType)) {
      int64_t expectedAxis = edgeAxis;
      if (pa.getQuantizedDimension() != expectedAxis ||
          static_cast<int64_t>(pa.getScales().size()) != channels ||
          llvm::any_of(pa.getZeroPoints(), [](int64_t z) { return z != 0; })) {
        error = nodeError(op, "edgec's per-channel weight parameters do not "
                              "map onto the ONNX weight's output channels");
        return false;
      }
      scales.assign(pa.getScales().begin(), pa.getScales().end());
      qw.perAxis = true;
      qmin = pa.getStorageTypeMin();
      qmax = pa.getStorageTypeMax();
    } else {
      auto pt = cast<quant::UniformQuantizedType>(eWType);
      if (pt.getZeroPoint() != 0) {
        error = nodeError(op, "edgec's weights have a non-zero zero point");
        return false;
      }
      scales.push_back(pt.getScale());
      qmin = pt.getStorageTypeMin();
      qmax = pt.getStorageTypeMax();
    }
    if (cast<IntegerType>(cast<quant::QuantizedType>(eWType).getStorageType())
            .getWidth() != 8) {
      error = nodeError(op, "edgec's weights are not int8");
      return false;
    }
    for (double s : scales)
      qw.scales.push_back(static_cast<float>(s));

    // Recompute the integers from the ONNX float weights.
    std::vector<char> bytes;
    ElementsAttr wAttr = wConst.getValue();
    if (!wAttr || !wType.getElementType().isF32() ||
        !rawBytes(wAttr, bytes, error)) {
      error = nodeError(op, "cannot read its float weights" +
                                (error.empty() ? "" : ": " + error));
      return false;
    }
    int64_t n = wType.getNumElements();
    const float *wf = reinterpret_cast<const float *>(bytes.data());
    int64_t inner = 1;
    for (int64_t d = axis + 1; d < wType.getRank(); ++d)
      inner *= wType.getDimSize(d);
    qw.weights.resize(n);
    std::vector<std::vector<int8_t>> mine(qw.perAxis ? channels : 1);
    for (int64_t i = 0; i < n; ++i) {
      int64_t c = qw.perAxis ? (i / inner) % channels : 0;
      quantization::AffineParams p{scales[c], 0};
      qw.weights[i] = static_cast<int8_t>(
          quantization::quantizeValue(wf[i], p, qmin, qmax));
      mine[c].push_back(qw.weights[i]);
    }
    // ... and check them against edgec's, channel by channel (as
    // multisets: the edge constant is in the kernel's layout).
    auto eConst = e->getOperand(1).getDefiningOp<edge::ConstantOp>();
    ElementsAttr eAttr = eConst ? eConst.getValue() : ElementsAttr();
    std::vector<char> eBytes;
    std::string ignored;
    if (!eAttr || !rawBytes(eAttr, eBytes, ignored) ||
        static_cast<int64_t>(eBytes.size()) != n) {
      error = nodeError(op, "edgec's int8 weights are not a constant QDQ "
                            "export can read");
      return false;
    }
    {
      auto eShape = cast<ShapedType>(eAttr.getType()).getShape();
      int64_t eAxis = qw.perAxis ? edgeAxis : 0;
      int64_t eInner = 1;
      for (size_t d = eAxis + 1; d < eShape.size(); ++d)
        eInner *= eShape[d];
      std::vector<std::vector<int8_t>> theirs(mine.size());
      for (int64_t i = 0; i < n; ++i) {
        int64_t c = qw.perAxis ? (i / eInner) % channels : 0;
        theirs[c].push_back(static_cast<int8_t>(eBytes[i]));
      }
      for (size_t c = 0; c < mine.size(); ++c) {
        std::sort(mine[c].begin(), mine[c].end());
        std::sort(theirs[c].begin(), theirs[c].end());
        if (mine[c] != theirs[c]) {
          error = nodeError(
              op, "the ONNX weights quantized with edgec's scales differ from "
                  "edgec's int8 weights (channel " +
                      std::to_string(c) +
                      "); edgec transformed them in lowering (e.g. Gemm "
                      "alpha != 1), which QDQ export does not reproduce");
          return false;
        }
      }
    }

    // The bias: edgec's int32 values.
    if (e->getNumOperands() > 2 && op->getNumOperands() > 2 &&
        op->getOperand(2).getDefiningOp<edgec::onnx::ConstantOp>()) {
      Value eb = e->getOperand(2);
      auto ebType = cast<ShapedType>(eb.getType());
      Type ebElem = ebType.getElementType();
      unsigned width = 0;
      if (auto q = dyn_cast<quant::QuantizedType>(ebElem))
        width = q.getStorageTypeIntegralWidth();
      else if (auto i = dyn_cast<IntegerType>(ebElem))
        width = i.getWidth();
      auto inQ = dyn_cast<quant::UniformQuantizedType>(
          cast<ShapedType>(e->getOperand(0).getType()).getElementType());
      auto ebConst = eb.getDefiningOp<edge::ConstantOp>();
      ElementsAttr ebAttr = ebConst ? ebConst.getValue() : ElementsAttr();
      std::vector<char> bb;
      auto onnxBias = cast<ShapedType>(op->getOperand(2).getType());
      int64_t outChannels = isa<edge::FullyConnectedOp>(e)
                                ? cast<ShapedType>(e->getOperand(1).getType())
                                      .getDimSize(0)
                                : cast<ShapedType>(e->getResult(0).getType())
                                      .getShape()
                                      .back();
      if (width != 32 || !inQ || !ebAttr || !rawBytes(ebAttr, bb, ignored) ||
          ebType.getNumElements() != outChannels ||
          onnxBias.getNumElements() != outChannels ||
          (onnxBias.getRank() > 1 &&
           onnxBias.getDimSize(onnxBias.getRank() - 1) != outChannels)) {
        error = nodeError(op, "edgec's bias is not an int32 constant with one "
                              "value per output channel matching the ONNX "
                              "bias; QDQ export cannot write it");
        return false;
      }
      qw.bias.resize(outChannels);
      std::memcpy(qw.bias.data(), bb.data(), outChannels * 4);
      if (auto pa = dyn_cast<quant::UniformQuantizedPerAxisType>(ebElem)) {
        for (double s : pa.getScales())
          qw.biasScales.push_back(static_cast<float>(s));
      } else if (auto pt = dyn_cast<quant::UniformQuantizedType>(ebElem)) {
        qw.biasScales.push_back(static_cast<float>(pt.getScale()));
      } else {
        for (float s : qw.scales)
          qw.biasScales.push_back(
              static_cast<float>(static_cast<double>(
                                     static_cast<float>(inQ.getScale())) *
                                 static_cast<double>(s)));
      }
    }
    quantWeights[op] = std::move(qw);
  }
  return true;
}

std::string Exporter::unique(StringRef base) {
  std::string b = base.empty() ? std::string("t") : base.str();
  std::string name = b;
  for (int i = 1; names.contains(name); ++i)
    name = b + "_" + std::to_string(i);
  names.insert(name);
  return name;
}

bool Exporter::addInitializer(StringRef name, Type elemType,
                              ArrayRef<int64_t> shape, ArrayRef<char> bytes,
                              std::string &error) {
  std::optional<int> dt = onnxDataType(elemType);
  if (!dt) {
    error = "constant '" + name.str() + "' has an element type ONNX export "
                                        "does not support";
    return false;
  }
  ::onnx::TensorProto *t = model.mutable_graph()->add_initializer();
  t->set_name(name.str());
  t->set_data_type(*dt);
  for (int64_t d : shape)
    t->add_dims(d);
  t->set_raw_data(bytes.data(), bytes.size());
  return true;
}

void Exporter::addScalarFloat(StringRef name, float v) {
  ::onnx::TensorProto *t = model.mutable_graph()->add_initializer();
  t->set_name(name.str());
  t->set_data_type(::onnx::TensorProto::FLOAT);
  t->add_float_data(v);
}

void Exporter::addScalarInt8(StringRef name, int64_t v) {
  ::onnx::TensorProto *t = model.mutable_graph()->add_initializer();
  t->set_name(name.str());
  t->set_data_type(::onnx::TensorProto::INT8);
  t->add_int32_data(static_cast<int32_t>(v));
}

bool setTypeProto(Type type, ::onnx::TypeProto *tp) {
  auto t = dyn_cast<RankedTensorType>(type);
  if (!t)
    return false;
  std::optional<int> dt = onnxDataType(t.getElementType());
  if (!dt)
    return false;
  auto *tt = tp->mutable_tensor_type();
  tt->set_elem_type(*dt);
  auto *shape = tt->mutable_shape();
  for (int64_t d : t.getShape())
    shape->add_dim()->set_dim_value(d);
  return true;
}

bool convertAttribute(StringRef name, Attribute attr,
                      ::onnx::AttributeProto *a, std::string &error) {
  a->set_name(name.str());
  if (auto i = dyn_cast<IntegerAttr>(attr)) {
    a->set_type(::onnx::AttributeProto::INT);
    a->set_i(i.getValue().getSExtValue());
  } else if (auto f = dyn_cast<FloatAttr>(attr)) {
    a->set_type(::onnx::AttributeProto::FLOAT);
    a->set_f(static_cast<float>(f.getValueAsDouble()));
  } else if (auto s = dyn_cast<StringAttr>(attr)) {
    a->set_type(::onnx::AttributeProto::STRING);
    a->set_s(s.str());
  } else if (auto ints = dyn_cast<DenseI64ArrayAttr>(attr)) {
    a->set_type(::onnx::AttributeProto::INTS);
    for (int64_t v : ints.asArrayRef())
      a->add_ints(v);
  } else if (auto floats = dyn_cast<DenseF32ArrayAttr>(attr)) {
    a->set_type(::onnx::AttributeProto::FLOATS);
    for (float v : floats.asArrayRef())
      a->add_floats(v);
  } else if (auto arr = dyn_cast<ArrayAttr>(attr)) {
    if (arr.empty() || isa<IntegerAttr>(arr[0])) {
      a->set_type(::onnx::AttributeProto::INTS);
      for (Attribute e : arr) {
        auto i = dyn_cast<IntegerAttr>(e);
        if (!i)
          return error = "mixed array attribute '" + name.str() + "'", false;
        a->add_ints(i.getValue().getSExtValue());
      }
    } else if (isa<FloatAttr>(arr[0])) {
      a->set_type(::onnx::AttributeProto::FLOATS);
      for (Attribute e : arr) {
        auto f = dyn_cast<FloatAttr>(e);
        if (!f)
          return error = "mixed array attribute '" + name.str() + "'", false;
        a->add_floats(static_cast<float>(f.getValueAsDouble()));
      }
    } else if (isa<StringAttr>(arr[0])) {
      a->set_type(::onnx::AttributeProto::STRINGS);
      for (Attribute e : arr) {
        auto s = dyn_cast<StringAttr>(e);
        if (!s)
          return error = "mixed array attribute '" + name.str() + "'", false;
        a->add_strings(s.str());
      }
    } else {
      error = "array attribute '" + name.str() + "' of an unsupported kind";
      return false;
    }
  } else if (auto el = dyn_cast<ElementsAttr>(attr)) {
    a->set_type(::onnx::AttributeProto::TENSOR);
    std::vector<char> bytes;
    auto st = cast<ShapedType>(el.getType());
    std::optional<int> dt = onnxDataType(st.getElementType());
    if (!dt || !rawBytes(el, bytes, error)) {
      error = "tensor attribute '" + name.str() + "' cannot be exported";
      return false;
    }
    ::onnx::TensorProto *t = a->mutable_t();
    t->set_data_type(*dt);
    for (int64_t d : st.getShape())
      t->add_dims(d);
    t->set_raw_data(bytes.data(), bytes.size());
  } else if (auto ta = dyn_cast<TypeAttr>(attr)) {
    std::optional<int> dt = onnxDataType(ta.getValue());
    if (!dt) {
      error = "type attribute '" + name.str() + "' cannot be exported";
      return false;
    }
    a->set_type(::onnx::AttributeProto::INT);
    a->set_i(*dt);
  } else {
    error = "attribute '" + name.str() + "' of an unsupported kind";
    return false;
  }
  return true;
}

bool Exporter::buildGraph(func::FuncOp func, std::string &error) {
  ::onnx::GraphProto *g = model.mutable_graph();
  g->set_name(func.getSymName().str());
  model.set_ir_version(8);
  model.set_producer_name("edgec");
  model.set_producer_version(EDGEC_VERSION_STRING);
  auto *opset = model.add_opset_import();
  opset->set_domain("");
  opset->set_version(17);

  // Names: graph inputs and outputs keep theirs; everything else is named
  // after its node, made unique.
  auto returnOp = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  std::vector<std::string> outputNames;
  for (unsigned i = 0; i < func.getNumResults(); ++i) {
    auto n = func.getResultAttrOfType<StringAttr>(i, "onnx.name");
    outputNames.push_back(n ? n.str() : "output_" + std::to_string(i));
  }
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    auto n = func.getArgAttrOfType<StringAttr>(i, "onnx.name");
    names.insert(n ? n.str() : "input_" + std::to_string(i));
  }
  for (const std::string &n : outputNames)
    names.insert(n);

  DenseMap<Value, std::string> consumed; // the name consumers read
  // The first graph output a value is returned as (its producer, or its
  // DequantizeLinear, writes that name directly).
  DenseMap<Value, std::string> outputOf;
  for (unsigned i = 0; i < returnOp.getNumOperands(); ++i)
    if (!outputOf.count(returnOp.getOperand(i)) &&
        !isa<BlockArgument>(returnOp.getOperand(i)))
      outputOf[returnOp.getOperand(i)] = outputNames[i];

  auto addNode = [&](StringRef opType, StringRef nodeName,
                     ArrayRef<std::string> ins, ArrayRef<std::string> outs) {
    ::onnx::NodeProto *n = g->add_node();
    n->set_op_type(opType.str());
    n->set_name(nodeName.str());
    for (const std::string &i : ins)
      n->add_input(i);
    for (const std::string &o : outs)
      n->add_output(o);
    return n;
  };

  // Q + DQ after `value` (written as `produced`); returns the DQ's name.
  auto addQDQ = [&](Value value, const std::string &base,
                    const std::string &produced,
                    std::optional<std::string> finalName) {
    const TensorParams &p = params[value];
    std::string scale = unique(base + "_scale");
    std::string zp = unique(base + "_zero_point");
    addScalarFloat(scale, p.scale);
    addScalarInt8(zp, p.zeroPoint);
    std::string q = unique(base + "_quantized");
    std::string dq = finalName ? *finalName : unique(base + "_dequantized");
    addNode("QuantizeLinear", unique(base + "_QuantizeLinear"),
            {produced, scale, zp}, {q});
    addNode("DequantizeLinear", unique(base + "_DequantizeLinear"),
            {q, scale, zp}, {dq});
    return dq;
  };

  for (BlockArgument arg : func.getArguments()) {
    auto n = func.getArgAttrOfType<StringAttr>(arg.getArgNumber(), "onnx.name");
    std::string name = n ? n.str() : "input_" + std::to_string(arg.getArgNumber());
    ::onnx::ValueInfoProto *vi = g->add_input();
    vi->set_name(name);
    if (!setTypeProto(arg.getType(), vi->mutable_type())) {
      error = modelPath + ": graph input '" + name +
              "' has a type ONNX export does not support";
      return false;
    }
    consumed[arg] = params.count(arg) ? addQDQ(arg, name, name, std::nullopt)
                                      : name;
  }

  for (Operation &opRef : func.getBody().front()) {
    Operation *op = &opRef;
    if (isa<func::ReturnOp>(op))
      continue;
    if (isa<edgec::onnx::NoValueOp>(op)) {
      consumed[op->getResult(0)] = "";
      continue;
    }
    if (!isa<edgec::onnx::OnnxDialect>(op->getDialect())) {
      error = nodeError(op, "not an ONNX op; QDQ export cannot write it");
      return false;
    }
    std::string node = getOnnxNodeName(op->getLoc());
    if (auto constant = dyn_cast<edgec::onnx::ConstantOp>(op)) {
      Value v = constant.getResult();
      ElementsAttr attr = constant.getValue();
      std::vector<char> bytes;
      auto type = cast<ShapedType>(v.getType());
      if (!attr || !rawBytes(attr, bytes, error)) {
        error = nodeError(op, "cannot export the constant: " + error);
        return false;
      }
      std::string base = node.empty() ? "const" : node;
      // Weights and biases written as int8/int32 are not needed in float.
      bool needed = outputOf.count(v) != 0;
      for (OpOperand &use : v.getUses()) {
        auto qw = quantWeights.find(use.getOwner());
        bool replaced =
            qw != quantWeights.end() &&
            (use.getOperandNumber() == 1 ||
             (use.getOperandNumber() == 2 && !qw->second.bias.empty()));
        needed |= !replaced;
      }
      if (!needed)
        continue;
      auto po = params.find(v);
      if (po == params.end()) {
        std::string name = outputOf.count(v) ? outputOf[v] : unique(base);
        if (!addInitializer(name, type.getElementType(), type.getShape(),
                            bytes, error))
          return false;
        consumed[v] = name;
        continue;
      }
      // A constant edgec stores as int8: int8 initializer + DQ.
      const float *f = reinterpret_cast<const float *>(bytes.data());
      std::vector<char> q(type.getNumElements());
      quantization::AffineParams p{po->second.scale, po->second.zeroPoint};
      for (int64_t i = 0; i < type.getNumElements(); ++i)
        q[i] = static_cast<char>(quantization::quantizeValue(f[i], p, -128, 127));
      std::string qName = unique(base + "_quantized");
      addInitializer(qName, IntegerType::get(op->getContext(), 8),
                     type.getShape(), q, error);
      std::string scale = unique(base + "_scale");
      std::string zp = unique(base + "_zero_point");
      addScalarFloat(scale, p.scale);
      addScalarInt8(zp, p.zeroPoint);
      std::string dq =
          outputOf.count(v) ? outputOf[v] : unique(base + "_dequantized");
      addNode("DequantizeLinear", unique(base + "_DequantizeLinear"),
              {qName, scale, zp}, {dq});
      consumed[v] = dq;
      continue;
    }

    std::vector<std::string> ins;
    for (Value operand : op->getOperands())
      ins.push_back(consumed.lookup(operand));
    // int8 weights and int32 bias with their DequantizeLinear.
    auto qwIt = quantWeights.find(op);
    if (qwIt != quantWeights.end()) {
      const QuantWeights &qw = qwIt->second;
      auto wType = cast<ShapedType>(op->getOperand(1).getType());
      std::string base = node + "_weight";
      std::string wq = unique(base + "_quantized");
      addInitializer(wq, IntegerType::get(op->getContext(), 8),
                     wType.getShape(),
                     ArrayRef<char>(reinterpret_cast<const char *>(
                                        qw.weights.data()),
                                    qw.weights.size()),
                     error);
      auto addParams = [&](const std::string &b, ArrayRef<float> scales,
                           int zpType, int64_t count) {
        std::string s = unique(b + "_scale"), z = unique(b + "_zero_point");
        auto *st = g->add_initializer();
        st->set_name(s);
        st->set_data_type(::onnx::TensorProto::FLOAT);
        auto *zt = g->add_initializer();
        zt->set_name(z);
        zt->set_data_type(zpType);
        if (count > 0) {
          st->add_dims(count);
          zt->add_dims(count);
        }
        for (float v : scales)
          st->add_float_data(v);
        for (size_t i = 0; i < scales.size(); ++i)
          zt->add_int32_data(0);
        return std::make_pair(s, z);
      };
      auto [ws, wz] = addParams(base, qw.scales, ::onnx::TensorProto::INT8,
                                qw.perAxis ? (int64_t)qw.scales.size() : -1);
      std::string wdq = unique(base + "_dequantized");
      auto *n = addNode("DequantizeLinear", unique(base + "_DequantizeLinear"),
                        {wq, ws, wz}, {wdq});
      if (qw.perAxis) {
        auto *a = n->add_attribute();
        a->set_name("axis");
        a->set_type(::onnx::AttributeProto::INT);
        a->set_i(qw.axis);
      }
      ins[1] = wdq;
      if (!qw.bias.empty()) {
        auto bType = cast<ShapedType>(op->getOperand(2).getType());
        std::string bbase = node + "_bias";
        std::string bq = unique(bbase + "_quantized");
        addInitializer(bq, IntegerType::get(op->getContext(), 32),
                       bType.getShape(),
                       ArrayRef<char>(reinterpret_cast<const char *>(
                                          qw.bias.data()),
                                      qw.bias.size() * 4),
                       error);
        bool perAxis = qw.biasScales.size() > 1;
        auto [bs, bz] =
            addParams(bbase, qw.biasScales, ::onnx::TensorProto::INT32,
                      perAxis ? (int64_t)qw.biasScales.size() : -1);
        std::string bdq = unique(bbase + "_dequantized");
        auto *bn = addNode("DequantizeLinear",
                           unique(bbase + "_DequantizeLinear"), {bq, bs, bz},
                           {bdq});
        if (perAxis) {
          auto *a = bn->add_attribute();
          a->set_name("axis");
          a->set_type(::onnx::AttributeProto::INT);
          a->set_i(bType.getRank() - 1);
        }
        ins[2] = bdq;
      }
    }
    while (!ins.empty() && ins.back().empty())
      ins.pop_back();

    std::vector<std::string> outs;
    std::vector<std::pair<Value, std::string>> qdq;
    for (OpResult r : op->getResults()) {
      if (isa<NoneType>(r.getType())) {
        outs.push_back("");
        continue;
      }
      std::string base = node + "_output_" + std::to_string(r.getResultNumber());
      auto out = outputOf.find(r);
      bool quantized = params.count(r) != 0;
      std::string produced;
      if (out != outputOf.end() && !quantized)
        produced = out->second;
      else
        produced = unique(out != outputOf.end() ? out->second + "_float"
                                                : base);
      outs.push_back(produced);
      consumed[r] = produced;
      if (quantized)
        qdq.push_back({r, produced});
    }
    while (!outs.empty() && outs.back().empty())
      outs.pop_back();
    ::onnx::NodeProto *n =
        addNode(op->getName().stripDialect(), unique(node), ins, outs);
    for (NamedAttribute attr : op->getAttrDictionary()) {
      if (attr.getName().getValue().contains('.'))
        continue;
      if (!convertAttribute(attr.getName().getValue(), attr.getValue(),
                            n->add_attribute(), error)) {
        error = nodeError(op, error);
        return false;
      }
    }
    for (auto &[r, produced] : qdq) {
      auto out = outputOf.find(r);
      consumed[r] = addQDQ(r, produced, produced,
                           out != outputOf.end()
                               ? std::optional<std::string>(out->second)
                               : std::nullopt);
    }
  }

  for (unsigned i = 0; i < returnOp.getNumOperands(); ++i) {
    Value v = returnOp.getOperand(i);
    std::string name = consumed.lookup(v);
    if (name != outputNames[i]) {
      addNode("Identity", unique(outputNames[i] + "_Identity"), {name},
              {outputNames[i]});
    }
    ::onnx::ValueInfoProto *vi = g->add_output();
    vi->set_name(outputNames[i]);
    if (!setTypeProto(v.getType(), vi->mutable_type())) {
      error = modelPath + ": graph output '" + outputNames[i] +
              "' has a type ONNX export does not support";
      return false;
    }
  }
  return error.empty();
}

/// Checks early that `path` can be created (its directory exists and is
/// writable), so that a bad -o fails before calibration.
bool checkWritable(const std::string &path, std::string &error) {
  llvm::SmallString<256> dir(path);
  llvm::sys::path::remove_filename(dir);
  if (dir.empty())
    dir = ".";
  // Not a directory, FIFO or device (writeFileAtomically says so too, but
  // only after calibration).
  if (std::string why = checkReplaceableFile(path); !why.empty()) {
    error = "cannot write '" + path + "': " + why;
    return false;
  }
  if (!llvm::sys::fs::is_directory(dir)) {
    error = "cannot write '" + path + "': directory '" + dir.str().str() +
            "' does not exist";
    return false;
  }
  if (::access(dir.c_str(), W_OK) != 0) {
    error = "cannot write '" + path + "': directory '" + dir.str().str() +
            "' is not writable";
    return false;
  }
  return true;
}

bool Exporter::run(ModuleOp module, std::string &bytes, std::string &error) {
  MLIRContext *ctx = module.getContext();
  // 1. The cleaned ONNX graph.
  {
    PassManager pm(ctx, ModuleOp::getOperationName());
    buildGraphCleanupPipeline(pm);
    if (failed(runPassesReportingFirstError(pm, module,
                                            "graph cleanup failed", error))) {
      error = modelPath + ": " + error;
      return false;
    }
  }
  func::FuncOp onnxFunc = getGraphFunction(module, error);
  if (!onnxFunc) {
    error = modelPath + ": " + error;
    return false;
  }
  // 2. Tags.
  int64_t next = 0;
  for (Operation &op : onnxFunc.getBody().front()) {
    if (isa<func::ReturnOp>(&op))
      continue;
    op.setLoc(FusedLoc::get(
        ctx, {op.getLoc()},
        StringAttr::get(ctx, kTagPrefix + std::to_string(next++))));
  }
  OwningOpRef<ModuleOp> exported = module.clone();
  // 3. Lower and quantize exactly as `edgec compile --quantize` does.
  PipelineOptions lowering;
  if (failed(lowerToEdge(module, lowering, error))) {
    error = modelPath + ": " + error;
    return false;
  }
  CalibrationData data;
  if (!loadSamples(module, options.calibration, data, error))
    return false;
  if (failed(quantizeModule(module, data, options.quantize, error))) {
    error = modelPath + ": " + error;
    return false;
  }
  // Lowering and quantization keep the one graph function.
  func::FuncOp edgeFunc = getGraphFunction(module, error);
  func::FuncOp exportFunc = getGraphFunction(*exported, error);
  if (!edgeFunc || !exportFunc) {
    error = modelPath + ": " + error;
    return false;
  }
  indexEdge(edgeFunc);
  // 4. Match and write.
  if (!matchTensors(exportFunc, edgeFunc, error) ||
      !matchWeights(exportFunc, error) || !buildGraph(exportFunc, error))
    return false;
  try {
    ::onnx::checker::check_model(model);
  } catch (const std::exception &e) {
    error = modelPath + ": internal error: the exported model fails ONNX's "
                        "checker: " +
            std::string(e.what());
    return false;
  }
  if (!model.SerializeToString(&bytes)) {
    error = modelPath + ": cannot serialize the exported model";
    return false;
  }
  return true;
}

} // namespace

LogicalResult edgec::buildQDQModel(ModuleOp module,
                                   const QDQExportOptions &options,
                                   std::string &bytes, std::string &error) {
  if (options.quantize.activations != "int8") {
    error = options.modelPath +
            ": QDQ export writes int8 activations only (ONNX opset 17 has no "
            "int16 QuantizeLinear); got " +
            options.quantize.activations + " activations";
    return failure();
  }
  Exporter exporter(options);
  return success(exporter.run(module, bytes, error));
}

LogicalResult edgec::exportQDQModel(ModuleOp module,
                                    const QDQExportOptions &options,
                                    const std::string &outputPath,
                                    std::string &error) {
  std::string bytes;
  if (!checkWritable(outputPath, error) ||
      failed(buildQDQModel(module, options, bytes, error)))
    return failure();
  return success(writeFileAtomically(outputPath, bytes, error));
}
