//===- EdgeToEmitC.cpp - planned edge IR -> EmitC files -------------------===//
//
// Builds, from one func.func of edge ops after edge-plan-memory, an
// `emitc.file "header"` and an `emitc.file "source"`:
//
//   header: include guard, <stdint.h>/<stddef.h>, <NAME>_ARENA_SIZE and the
//           I/O size/shape macros, the prototype of <name>_run;
//   source: the edgert headers, weights as static const 1-D arrays (or offsets
//           into the external <name>_weights blob), shapes as static const
//           int32_t arrays, kernel parameters as static const structs, and
//           <name>_run, which calls one edgert kernel per op on pointers into
//           the caller's arena, the I/O buffers and the weights.
//
// Values are bound to C pointers by buffer: function arguments are the input
// pointers, returned values (and reshape groups containing one) the output
// pointers, planned values `(T *)(arena + edge.arena_offset)`, constants the
// weight arrays; edge.reshape is a view and emits nothing.
//
//===----------------------------------------------------------------------===//
#include "edgec/Targets/C/CTarget.h"

#include "edgec/Dialect/Edge/EdgeAttrs.h"
#include "edgec/Dialect/Edge/EdgeDialect.h"
#include "edgec/Dialect/Edge/EdgeOps.h"
#include "edgec/Quant/KernelParams.h"

#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/Pass/Pass.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstring>
#include <set>

using namespace mlir;

namespace edgec::ctarget {

#define GEN_PASS_DEF_EDGETOEMITC
#include "edgec/Targets/Passes.h.inc"

namespace {

std::string sanitize(StringRef s) {
  std::string out;
  for (char c : s)
    out += llvm::isAlnum(c) ? c : '_';
  if (out.empty() || llvm::isDigit(out[0]))
    out = "m_" + out;
  return out;
}

/// An error at `op` naming its ONNX node (the NameLoc the importer set).
InFlightDiagnostic nodeError(Operation *op) {
  Location loc = op->getLoc();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location l : fused.getLocations())
      if (isa<NameLoc>(l)) {
        loc = l;
        break;
      }
  InFlightDiagnostic d = op->emitError();
  if (auto name = dyn_cast<NameLoc>(loc))
    d << "node '" << name.getName().getValue() << "': ";
  return d;
}

Block *fileBlock(emitc::FileOp file) {
  Region &r = file.getBodyRegion();
  return r.empty() ? &r.emplaceBlock() : &r.front();
}

std::string upper(StringRef s) { return StringRef(s).upper(); }

/// A C float literal that round-trips f32.
std::string floatLiteral(double v) {
  if (std::isnan(v))
    return "(0.0f / 0.0f)";
  if (std::isinf(v))
    return v > 0 ? "(1.0f / 0.0f)" : "(-1.0f / 0.0f)";
  std::string s;
  llvm::raw_string_ostream os(s);
  os << llvm::format("%.9g", v);
  if (s.find_first_of(".eE") == std::string::npos)
    s += ".0";
  return s + "f";
}

/// C element type name and byte size of a tensor element type.
struct CElem {
  const char *cName = nullptr; // "float", "int8_t", ...
  const char *suffix = nullptr; // "f32", "i8", ...
  int64_t bytes = 0;
};

std::optional<CElem> getCElem(Type type) {
  if (auto q = dyn_cast<quant::QuantizedType>(type))
    type = q.getStorageType();
  if (type.isF32())
    return CElem{"float", "f32", 4};
  if (type.isInteger(1))
    return CElem{"bool", "bool", 1};
  if (type.isUnsignedInteger(8)) // ONNX uint8 at the boundary (edge.cast)
    return CElem{"uint8_t", "u8", 1};
  if (type.isInteger(8))
    return CElem{"int8_t", "i8", 1};
  if (type.isInteger(16))
    return CElem{"int16_t", "i16", 2};
  if (type.isInteger(32))
    return CElem{"int32_t", "i32", 4};
  if (type.isInteger(64))
    return CElem{"int64_t", "i64", 8};
  return std::nullopt;
}

/// Raw little-endian bytes of a constant (dense or dense_resource).
std::optional<std::vector<char>> constantBytes(ElementsAttr attr,
                                               int64_t elemBytes) {
  std::vector<char> out;
  if (auto res = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = res.getRawHandle().getBlob();
    if (!blob)
      return std::nullopt;
    ArrayRef<char> data = blob->getData();
    int64_t n = res.getType().getNumElements();
    if (static_cast<int64_t>(data.size()) != n * elemBytes)
      return std::nullopt;
    out.assign(data.begin(), data.end());
    return out;
  }
  auto dense = dyn_cast<DenseElementsAttr>(attr);
  if (!dense)
    return std::nullopt;
  Type et = dense.getElementType();
  auto push = [&](uint64_t bits) {
    for (int64_t i = 0; i < elemBytes; ++i)
      out.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
  };
  if (isa<FloatType>(et)) {
    for (const APFloat &v : dense.getValues<APFloat>())
      push(v.bitcastToAPInt().getZExtValue());
  } else if (isa<IntegerType>(et)) {
    for (const APInt &v : dense.getValues<APInt>())
      push(et.isInteger(1) ? v.getZExtValue() & 1 : v.getZExtValue());
  } else {
    return std::nullopt;
  }
  return out;
}

/// Rebuilds a DenseElementsAttr of a 1-D tensor from raw bytes, for the
/// emitc.global initializer.
Attribute flatInitializer(ArrayRef<char> bytes, Type elemType, int64_t n) {
  auto type = RankedTensorType::get({n}, elemType);
  if (elemType.isInteger(1)) {
    SmallVector<bool> bits;
    for (char c : bytes)
      bits.push_back(c != 0);
    return DenseElementsAttr::get(type, ArrayRef<bool>(bits));
  }
  return DenseElementsAttr::getFromRawBuffer(type, bytes);
}

class Lowering {
public:
  Lowering(func::FuncOp func, const CTargetOptions &options, ModuleOp into,
           CTargetInfo &info)
      : func(func), options(options), into(into), info(info),
        ctx(func.getContext()), b(func.getContext()) {}

  LogicalResult run();

private:
  // --- symbols in the source file -------------------------------------------
  std::string newSym(StringRef prefix) {
    return (prefix + llvm::Twine(counter++)).str();
  }
  /// A static const int32_t array (shapes, axes); returns its name, or NULL
  /// for an empty list.
  std::string i32Array(ArrayRef<int64_t> values) {
    if (values.empty())
      return "NULL";
    std::string key;
    for (int64_t v : values)
      key += std::to_string(v) + ",";
    auto it = i32Arrays.find(key);
    if (it != i32Arrays.end())
      return it->second;
    std::string sym = info.name + "_s" + std::to_string(i32Arrays.size());
    SmallVector<int32_t> v32(values.begin(), values.end());
    auto type = RankedTensorType::get({(int64_t)v32.size()}, b.getI32Type());
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPoint(globalsAnchor);
    emitc::GlobalOp::create(
        b, b.getUnknownLoc(), sym,
        emitc::ArrayType::get({(int64_t)v32.size()}, b.getI32Type()),
        DenseElementsAttr::get(type, ArrayRef<int32_t>(v32)),
        /*extern*/ false, /*static*/ true, /*const*/ true);
    i32Arrays[key] = sym;
    return sym;
  }
  /// A static const struct of opaque type with an opaque initializer.
  std::string structGlobal(StringRef cType, StringRef init) {
    std::string sym = info.name + "_p" + std::to_string(numParams++);
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPoint(globalsAnchor);
    emitc::GlobalOp::create(b, b.getUnknownLoc(), sym,
                            emitc::OpaqueType::get(ctx, cType),
                            emitc::OpaqueAttr::get(ctx, init), false, true,
                            true);
    return sym;
  }
  std::string actInit(edge::ActivationAttr act) {
    auto f = [](FloatAttr a) {
      return floatLiteral(a ? a.getValueAsDouble() : 0.0);
    };
    int kind = act ? static_cast<int>(act.getKind()) : 0;
    return "{(edgert_act_kind)" + std::to_string(kind) + ", " +
           f(act ? act.getMin() : nullptr) + ", " +
           f(act ? act.getMax() : nullptr) + ", " +
           f(act ? act.getAlpha() : nullptr) + "}";
  }
  /// `&<global edgert_act>` or NULL for none.
  std::string actPtr(edge::ActivationAttr act) {
    if (!act || act.isIdentity())
      return "NULL";
    return "&" + structGlobal("edgert_act", actInit(act));
  }

  // --- values ---------------------------------------------------------------
  LogicalResult bindValues();
  LogicalResult bindConstants();
  /// The C expression of a value's buffer for a call argument: an SSA
  /// operand index or an opaque expression.
  Attribute arg(Value v, SmallVectorImpl<Value> &operands) {
    auto it = bound.find(v);
    if (it->second.ssa) {
      operands.push_back(it->second.ssa);
      return b.getIndexAttr(operands.size() - 1);
    }
    return emitc::OpaqueAttr::get(ctx, it->second.expr);
  }
  Attribute opaque(const llvm::Twine &s) {
    return emitc::OpaqueAttr::get(ctx, s.str());
  }
  Attribute intArg(int64_t v) { return opaque(llvm::Twine(v)); }
  Attribute shapeArg(Value v) {
    return opaque(i32Array(cast<ShapedType>(v.getType()).getShape()));
  }
  Attribute rankArg(Value v) {
    return intArg(cast<ShapedType>(v.getType()).getRank());
  }
  Attribute countArg(Value v) {
    return intArg(cast<ShapedType>(v.getType()).getNumElements());
  }

  /// Emits `status = kernel(args); if (status) return status;`.
  void call(Operation *op, StringRef kernel, ArrayRef<Attribute> args,
            ArrayRef<Value> operands) {
    Location loc = op->getLoc();
    auto statusType = emitc::OpaqueType::get(ctx, "int");
    auto callOp = emitc::CallOpaqueOp::create(
        b, loc, TypeRange{statusType}, kernel, operands, b.getArrayAttr(args),
        ArrayAttr());
    emitc::VerbatimOp::create(b, loc, b.getStringAttr("if ({} != 0) return {};"),
                              ValueRange{callOp.getResult(0),
                                         callOp.getResult(0)});
    info.kernels.push_back(kernel.str());
  }

  LogicalResult lowerOp(Operation *op);
  template <typename ConvOp>
  LogicalResult lowerConv(ConvOp op, StringRef kernel);
  LogicalResult lowerIntegerConv(edge::Conv2DOp op);
  template <typename PoolOp>
  LogicalResult lowerPool(PoolOp op, StringRef kernel, bool countIncludePad);
  LogicalResult lowerBinary(Operation *op, int kind,
                            edge::ActivationAttr act);
  LogicalResult requireF32(Operation *op) {
    for (Type t : llvm::concat<Type>(op->getOperandTypes(),
                                     op->getResultTypes()))
      if (!cast<ShapedType>(t).getElementType().isF32())
        return nodeError(op)
               << "the C target supports only f32 for this op yet, got " << t;
    return success();
  }
  void useFamily(StringRef family) { families.insert(family.str()); }
  LogicalResult lowerQuant(Operation *op, const qkernel::OpParams &q);
  std::string tableGlobal(Type elem, ArrayRef<char> bytes, int64_t n);

  struct Binding {
    Value ssa;        // an emitc value (pointer), or
    std::string expr; // an opaque C expression
  };

  func::FuncOp func;
  const CTargetOptions &options;
  ModuleOp into;
  CTargetInfo &info;
  MLIRContext *ctx;
  OpBuilder b;
  int counter = 0;
  int numParams = 0;
  int numTables = 0;
  Operation *globalsAnchor = nullptr; // globals go before this op
  llvm::DenseMap<Value, Binding> bound;
  std::map<std::string, std::string> i32Arrays;
  std::set<std::string> families;
  // run-function state
  emitc::FuncOp runFunc;
  Value arenaArg;
  llvm::DenseMap<std::pair<int64_t, Type>, Value> arenaPtrs;
};

LogicalResult Lowering::bindConstants() {
  // Collect the constants, decide static arrays vs. blob.
  SmallVector<std::pair<edge::ConstantOp, std::vector<char>>> consts;
  int64_t total = 0;
  for (auto cst : func.getOps<edge::ConstantOp>()) {
    auto type = cast<RankedTensorType>(cst.getType());
    std::optional<CElem> elem = getCElem(type.getElementType());
    if (!elem)
      return nodeError(cst) << "the C target cannot store constants of type "
                             << type;
    std::optional<std::vector<char>> bytes =
        constantBytes(cst.getValue(), elem->bytes);
    if (!bytes)
      return nodeError(cst)
             << "cannot read the constant's data (elided resource?)";
    total += bytes->size();
    consts.emplace_back(cst, std::move(*bytes));
  }
  info.weightBytes = total;
  bool useBlob = total > options.weightsThreshold;
  int idx = 0;
  for (auto &[cst, bytes] : consts) {
    auto type = cast<RankedTensorType>(cst.getType());
    CElem elem = *getCElem(type.getElementType());
    std::string sym = info.name + "_w" + std::to_string(idx++);
    if (cst.use_empty())
      continue;
    if (bytes.empty()) {
      bound[cst.getResult()] = {Value(), "NULL"};
      continue;
    }
    if (useBlob) {
      while (info.weightsBlob.size() % 16)
        info.weightsBlob.push_back(0);
      std::string expr = "((const " + std::string(elem.cName) + " *)(" +
                         info.name + "_weights + " +
                         std::to_string(info.weightsBlob.size()) + "))";
      info.weightsBlob.insert(info.weightsBlob.end(), bytes.begin(),
                              bytes.end());
      bound[cst.getResult()] = {Value(), expr};
      continue;
    }
    Type storage = type.getElementType();
    if (auto q = dyn_cast<quant::QuantizedType>(storage))
      storage = q.getStorageType();
    Type cElemType = storage.isInteger(1)
                         ? Type(emitc::OpaqueType::get(ctx, "bool"))
                         : storage;
    int64_t n = type.getNumElements();
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPoint(globalsAnchor);
    Attribute init = flatInitializer(bytes, storage, n);
    if (storage.isInteger(1)) {
      std::string s = "{";
      for (size_t i = 0; i < bytes.size(); ++i)
        s += (i ? ", " : "") + std::string(bytes[i] ? "1" : "0");
      init = emitc::OpaqueAttr::get(ctx, s + "}");
    }
    emitc::GlobalOp::create(b, cst.getLoc(), sym,
                            emitc::ArrayType::get({n}, cElemType), init,
                            false, true, true);
    bound[cst.getResult()] = {Value(), sym};
  }
  return success();
}

LogicalResult Lowering::bindValues() {
  // Reshape groups: a reshape's result is its input's buffer.
  llvm::EquivalenceClasses<Value> groups;
  func.walk([&](edge::ReshapeOp r) {
    groups.unionSets(r.getInput(), r.getResult());
  });
  auto leaderOf = [&](Value v) -> Value {
    return groups.getOrInsertLeaderValue(v);
  };

  llvm::DenseMap<Value, Binding> byLeader;
  Block &body = func.getBody().front();
  auto args = runFunc.getArguments();
  unsigned numInputs = func.getNumArguments();
  for (auto [i, a] : llvm::enumerate(body.getArguments())) {
    Value leader = leaderOf(a);
    byLeader[leader] = {args[i], ""};
  }
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
    Value leader = leaderOf(v);
    if (byLeader.count(leader))
      return func.emitError()
             << "the C target cannot return a function argument or the same "
                "value twice (result #"
             << i << ")";
    if (v.getDefiningOp<edge::ConstantOp>())
      return func.emitError()
             << "the C target cannot return a constant (result #" << i << ")";
    byLeader[leader] = {args[numInputs + i], ""};
  }
  // Planned results.
  for (Operation &op : body.without_terminator()) {
    if (isa<edge::ConstantOp>(op))
      continue;
    SmallVector<int64_t> offsets;
    if (auto a = op.getAttrOfType<IntegerAttr>("edge.arena_offset"))
      offsets.push_back(a.getInt());
    else if (auto arr = op.getAttrOfType<DenseI64ArrayAttr>(
                 "edge.arena_offsets"))
      offsets.assign(arr.asArrayRef().begin(), arr.asArrayRef().end());
    for (auto [i, res] : llvm::enumerate(op.getResults())) {
      Value leader = leaderOf(res);
      if (byLeader.count(leader))
        continue;
      if (i >= offsets.size() || offsets[i] < 0) {
        if (res.use_empty() || isa<edge::ReshapeOp>(op))
          continue;
        return nodeError(&op) << "result #" << i
                              << " has no arena offset: run edge-plan-memory "
                                 "before the C target";
      }
      auto elemType = cast<ShapedType>(res.getType()).getElementType();
      std::optional<CElem> elem = getCElem(elemType);
      if (!elem)
        return nodeError(&op) << "unsupported element type " << elemType;
      Type cType = elemType;
      if (auto q = dyn_cast<quant::QuantizedType>(cType))
        cType = q.getStorageType();
      if (cType.isInteger(1))
        cType = emitc::OpaqueType::get(ctx, "bool");
      auto key = std::make_pair(offsets[i], cType);
      Value ptr = arenaPtrs.lookup(key);
      if (!ptr) {
        Location loc = op.getLoc();
        auto u8ptr = emitc::PointerType::get(b.getIntegerType(8, false));
        Value off = emitc::LiteralOp::create(
            b, loc, emitc::OpaqueType::get(ctx, "size_t"),
                                             std::to_string(offsets[i]));
        Value bytePtr = emitc::AddOp::create(b, loc, u8ptr, arenaArg, off);
        ptr = emitc::CastOp::create(b, loc, emitc::PointerType::get(cType),
                                    bytePtr);
        arenaPtrs[key] = ptr;
      }
      byLeader[leader] = {ptr, ""};
    }
  }
  // Every non-constant value gets its group's binding.
  auto bindValue = [&](Value v) {
    auto it = byLeader.find(leaderOf(v));
    if (it != byLeader.end())
      bound[v] = it->second;
  };
  for (BlockArgument a : body.getArguments())
    bindValue(a);
  for (Operation &op : body.without_terminator())
    if (!isa<edge::ConstantOp>(op))
      for (Value r : op.getResults())
        bindValue(r);
  return success();
}

template <typename ConvOp>
LogicalResult Lowering::lowerConv(ConvOp op, StringRef kernel) {
  if (failed(requireF32(op)))
    return failure();
  ArrayRef<int64_t> s = op.getStride(), d = op.getDilation(), p = op.getPad();
  std::string init = "{" + std::to_string(s[0]) + ", " + std::to_string(s[1]) +
                     ", " + std::to_string(d[0]) + ", " +
                     std::to_string(d[1]) + ", " + std::to_string(p[0]) +
                     ", " + std::to_string(p[1]) + ", " +
                     std::to_string(p[2]) + ", " + std::to_string(p[3]) +
                     ", " + actInit(op.getFusedActivationAttr()) + "}";
  std::string params = structGlobal("edgert_conv2d_params", init);
  SmallVector<Value> operands;
  SmallVector<Attribute> args{opaque("&" + params), shapeArg(op.getInput()),
                              arg(op.getInput(), operands),
                              shapeArg(op.getFilter()),
                              arg(op.getFilter(), operands)};
  args.push_back(op.getBias() ? arg(op.getBias(), operands) : opaque("NULL"));
  args.push_back(shapeArg(op.getOutput()));
  args.push_back(arg(op.getOutput(), operands));
  useFamily("conv");
  call(op, kernel, args, operands);
  return success();
}

/// The plain integer conv2d (i16 x i16 + i32 bias -> i32; ONNX ConvInteger /
/// QLinearConv after zero-point subtraction): edgert_conv2d_i16_i32.
LogicalResult Lowering::lowerIntegerConv(edge::Conv2DOp op) {
  ArrayRef<int64_t> s = op.getStride(), d = op.getDilation(), p = op.getPad();
  std::string init = "{" + std::to_string(s[0]) + ", " + std::to_string(s[1]) +
                     ", " + std::to_string(d[0]) + ", " +
                     std::to_string(d[1]) + ", " + std::to_string(p[0]) +
                     ", " + std::to_string(p[1]) + ", " +
                     std::to_string(p[2]) + ", " + std::to_string(p[3]) +
                     ", " + actInit(op.getFusedActivationAttr()) + "}";
  std::string params = structGlobal("edgert_conv2d_params", init);
  SmallVector<Value> operands;
  SmallVector<Attribute> args{opaque("&" + params), shapeArg(op.getInput()),
                              arg(op.getInput(), operands),
                              shapeArg(op.getFilter()),
                              arg(op.getFilter(), operands)};
  args.push_back(op.getBias() ? arg(op.getBias(), operands) : opaque("NULL"));
  args.push_back(shapeArg(op.getOutput()));
  args.push_back(arg(op.getOutput(), operands));
  useFamily("conv");
  call(op, "edgert_conv2d_i16_i32", args, operands);
  return success();
}

template <typename PoolOp>
LogicalResult Lowering::lowerPool(PoolOp op, StringRef kernel,
                                  bool countIncludePad) {
  if (failed(requireF32(op)))
    return failure();
  ArrayRef<int64_t> k = op.getKernel(), s = op.getStride(), p = op.getPad();
  std::string init = "{" + std::to_string(k[0]) + ", " + std::to_string(k[1]) +
                     ", " + std::to_string(s[0]) + ", " +
                     std::to_string(s[1]) + ", " + std::to_string(p[0]) +
                     ", " + std::to_string(p[1]) + ", " +
                     std::to_string(p[2]) + ", " + std::to_string(p[3]) +
                     ", " + (countIncludePad ? "1" : "0") + ", " +
                     actInit(op.getFusedActivationAttr()) + "}";
  std::string params = structGlobal("edgert_pool2d_params", init);
  SmallVector<Value> operands;
  SmallVector<Attribute> args{opaque("&" + params), shapeArg(op.getInput()),
                              arg(op.getInput(), operands),
                              shapeArg(op.getOutput()),
                              arg(op.getOutput(), operands)};
  useFamily("pooling");
  call(op, kernel, args, operands);
  return success();
}

LogicalResult Lowering::lowerBinary(Operation *op, int kind,
                                    edge::ActivationAttr act) {
  if (failed(requireF32(op)))
    return failure();
  Value lhs = op->getOperand(0), rhs = op->getOperand(1),
        out = op->getResult(0);
  SmallVector<Value> operands;
  SmallVector<Attribute> args{
      opaque("(edgert_binary_kind)" + std::to_string(kind)), opaque(actPtr(act)),
      shapeArg(lhs), rankArg(lhs), arg(lhs, operands), shapeArg(rhs),
      rankArg(rhs), arg(rhs, operands), shapeArg(out), rankArg(out),
      arg(out, operands)};
  useFamily("elementwise");
  call(op, "edgert_binary_f32", args, operands);
  return success();
}

/// A static const 1-D array (lookup tables, per-axis scales) of `n`
/// elements of `elem` from raw bytes; returns its name.
std::string Lowering::tableGlobal(Type elem, ArrayRef<char> bytes, int64_t n) {
  std::string sym = info.name + "_t" + std::to_string(numTables++);
  OpBuilder::InsertionGuard g(b);
  b.setInsertionPoint(globalsAnchor);
  emitc::GlobalOp::create(b, b.getUnknownLoc(), sym,
                          emitc::ArrayType::get({n}, elem),
                          flatInitializer(bytes, elem, n), false, true, true);
  return sym;
}

/// Quantized ops: the kernel and the integer parameters lib/Quant's
/// KernelParams derived from the types -- the very values the interpreter
/// passes -- printed as static const structs and tables.
LogicalResult Lowering::lowerQuant(Operation *op, const qkernel::OpParams &q) {
  using qkernel::Kind;
  Value in = op->getOperand(0), out = op->getResult(0);
  auto list = [](std::initializer_list<int64_t> values) {
    std::string s;
    for (int64_t v : values)
      s += (s.empty() ? "" : ", ") + std::to_string(v);
    return s;
  };
  auto ints = [&](ArrayRef<int32_t> v) {
    return opaque(i32Array(SmallVector<int64_t>(v.begin(), v.end())));
  };
  auto qparams = [&]() {
    std::string init =
        "{" +
        list({q.inputZp, q.filterZp, q.outputZp, q.actMin, q.actMax,
              (int64_t)q.multiplier.size()}) +
        ", " +
        i32Array(SmallVector<int64_t>(q.multiplier.begin(), q.multiplier.end())) +
        ", " + i32Array(SmallVector<int64_t>(q.shift.begin(), q.shift.end())) +
        "}";
    return opaque("&" + structGlobal("edgert_qparams", init));
  };
  // quant.c holds the fixed-point helpers every quantized kernel calls; it
  // refers to elementwise.c (the table builders' float functions).
  useFamily("quant");
  useFamily("elementwise");
  SmallVector<Value> operands;
  SmallVector<Attribute> args;
  auto finish = [&](StringRef family) {
    useFamily(family);
    call(op, q.kernel, args, operands);
    return success();
  };
  switch (q.kind) {
  case Kind::NotQuantized:
  case Kind::DataMovement:
    break;
  case Kind::Pad: {
    auto p = cast<edge::PadOp>(op);
    std::string value = structGlobal(getCElem(cast<ShapedType>(in.getType())
                                                  .getElementType())
                                         ->cName,
                                     std::to_string(q.padValue));
    args = {intArg(q.elemBytes()),
            opaque("(edgert_pad_mode)" +
                   llvm::Twine(static_cast<int>(p.getMode()))),
            shapeArg(in),
            rankArg(in),
            opaque(i32Array(p.getBefore())),
            opaque(i32Array(p.getAfter())),
            opaque("&" + value),
            arg(in, operands),
            arg(out, operands)};
    call(op, "edgert_pad", args, operands);
    useFamily("data");
    return success();
  }
  case Kind::Quantize:
  case Kind::Dequantize:
    args.push_back(countArg(in));
    if (q.perAxis) {
      std::vector<char> scales(q.scales.size() * 4);
      std::memcpy(scales.data(), q.scales.data(), scales.size());
      args.append({intArg(q.channels), intArg(q.inner),
                   opaque(tableGlobal(b.getF32Type(), scales, q.scales.size())),
                   ints(q.zeroPoints)});
    } else {
      args.append({opaque(floatLiteral(q.scale)), intArg(q.zeroPoint)});
    }
    args.push_back(arg(in, operands));
    args.push_back(arg(out, operands));
    return finish("quant");
  case Kind::Requantize: {
    const edgert_rescale &r = q.rescales[0];
    args = {opaque("&" + structGlobal("edgert_rescale",
                                      "{" + list({r.in_zp, r.multiplier,
                                                  r.shift, r.out_zp}) +
                                          "}")),
            countArg(in), arg(in, operands), arg(out, operands)};
    return finish("quant");
  }
  case Kind::Conv2D:
  case Kind::DepthwiseConv2D: {
    auto s = op->getAttrOfType<DenseI64ArrayAttr>("stride").asArrayRef();
    auto d = op->getAttrOfType<DenseI64ArrayAttr>("dilation").asArrayRef();
    auto p = op->getAttrOfType<DenseI64ArrayAttr>("pad").asArrayRef();
    std::string conv = structGlobal(
        "edgert_conv2d_params",
        "{" + list({s[0], s[1], d[0], d[1], p[0], p[1], p[2], p[3]}) + ", " +
            actInit(nullptr) + "}");
    Value filter = op->getOperand(1);
    Value bias = op->getNumOperands() > 2 ? op->getOperand(2) : Value();
    args = {opaque("&" + conv), qparams(), shapeArg(in), arg(in, operands),
            shapeArg(filter), arg(filter, operands)};
    args.push_back(bias ? arg(bias, operands) : opaque("NULL"));
    args.push_back(shapeArg(out));
    args.push_back(arg(out, operands));
    return finish("q_conv");
  }
  case Kind::FullyConnected: {
    Value w = op->getOperand(1);
    Value bias = op->getNumOperands() > 2 ? op->getOperand(2) : Value();
    auto wType = cast<ShapedType>(w.getType());
    int64_t n = wType.getDimSize(0), k = wType.getDimSize(1);
    int64_t count = cast<ShapedType>(in.getType()).getNumElements();
    args = {qparams(), intArg(k ? count / k : 0), intArg(k), intArg(n),
            arg(in, operands), arg(w, operands)};
    args.push_back(bias ? arg(bias, operands) : opaque("NULL"));
    args.push_back(arg(out, operands));
    return finish("q_fully_connected");
  }
  case Kind::MatMul: {
    Value r = op->getOperand(1);
    args = {qparams(),        shapeArg(in),     rankArg(in),
            arg(in, operands), shapeArg(r),     rankArg(r),
            arg(r, operands), shapeArg(out),    rankArg(out),
            arg(out, operands)};
    return finish("q_fully_connected");
  }
  case Kind::Add:
  case Kind::Sub:
  case Kind::Mul: {
    std::string params;
    if (q.kind == Kind::Mul) {
      const edgert_qmul_params &m = q.mul;
      params = structGlobal(
          "edgert_qmul_params",
          "{" + list({m.in1_zp, m.in2_zp, m.out_zp, m.multiplier, m.shift,
                      m.act_min, m.act_max}) +
              "}");
    } else {
      const edgert_qadd_params &p = q.add;
      params = structGlobal(
          "edgert_qadd_params",
          "{" + list({p.left_shift, p.in1_zp, p.in1_multiplier, p.in1_shift,
                      p.in2_zp, p.in2_multiplier, p.in2_shift, p.out_zp,
                      p.out_multiplier, p.out_shift, p.act_min, p.act_max}) +
              "}");
    }
    Value r = op->getOperand(1);
    args = {opaque("&" + params), shapeArg(in),     rankArg(in),
            arg(in, operands),    shapeArg(r),      rankArg(r),
            arg(r, operands),     shapeArg(out),    rankArg(out),
            arg(out, operands)};
    return finish("q_elementwise");
  }
  case Kind::MaxPool2D:
  case Kind::AvgPool2D: {
    auto k = op->getAttrOfType<DenseI64ArrayAttr>("kernel").asArrayRef();
    auto s = op->getAttrOfType<DenseI64ArrayAttr>("stride").asArrayRef();
    auto p = op->getAttrOfType<DenseI64ArrayAttr>("pad").asArrayRef();
    std::string pool = structGlobal(
        "edgert_pool2d_params",
        "{" + list({k[0], k[1], s[0], s[1], p[0], p[1], p[2], p[3],
                    op->hasAttr("count_include_pad") ? 1 : 0}) +
            ", " + actInit(nullptr) + "}");
    args = {opaque("&" + pool), intArg(q.outputZp), intArg(q.actMin),
            intArg(q.actMax),   shapeArg(in),       arg(in, operands),
            shapeArg(out),      arg(out, operands)};
    return finish("q_pooling");
  }
  case Kind::Lut: {
    std::vector<char> bytes(q.lut.size());
    std::memcpy(bytes.data(), q.lut.data(), bytes.size());
    args = {opaque(tableGlobal(b.getIntegerType(8), bytes, 256)),
            countArg(in), arg(in, operands), arg(out, operands)};
    return finish("quant");
  }
  case Kind::Softmax: {
    std::vector<char> bytes(q.softmaxTable.size() * 4);
    std::memcpy(bytes.data(), q.softmaxTable.data(), bytes.size());
    args = {opaque(tableGlobal(b.getI32Type(), bytes, 256)),
            shapeArg(in),
            rankArg(in),
            intArg(q.axis),
            arg(in, operands),
            arg(out, operands)};
    return finish("quant");
  }
  }
  return nodeError(op) << "internal error: unhandled quantized kernel";
}

LogicalResult Lowering::lowerOp(Operation *op) {
  if (isa<edge::ConstantOp, edge::ReshapeOp>(op))
    return success();
  if (qkernel::hasQuantizedTypes(op)) {
    qkernel::OpParams q;
    std::string why;
    if (failed(qkernel::getOpParams(op, q, why)))
      return nodeError(op) << why;
    if (q.kind != qkernel::Kind::DataMovement)
      return lowerQuant(op, q);
  }
  if (auto conv = dyn_cast<edge::Conv2DOp>(op);
      conv && conv.getOutput().getType().getElementType().isInteger(32))
    return lowerIntegerConv(conv);
  if (auto conv = dyn_cast<edge::Conv2DOp>(op))
    return lowerConv(conv, "edgert_conv2d_f32");
  if (auto conv = dyn_cast<edge::DepthwiseConv2DOp>(op))
    return lowerConv(conv, "edgert_depthwise_conv2d_f32");
  if (auto conv = dyn_cast<edge::TransposeConv2DOp>(op))
    return lowerConv(conv, "edgert_transpose_conv2d_f32");
  if (auto pool = dyn_cast<edge::MaxPool2DOp>(op))
    return lowerPool(pool, "edgert_max_pool2d_f32", false);
  if (auto pool = dyn_cast<edge::AvgPool2DOp>(op))
    return lowerPool(pool, "edgert_avg_pool2d_f32",
                     pool.getCountIncludePad());
  if (auto fc = dyn_cast<edge::FullyConnectedOp>(op)) {
    if (failed(requireF32(op)))
      return failure();
    auto wType = cast<ShapedType>(fc.getWeights().getType());
    int64_t n = wType.getDimSize(0), k = wType.getDimSize(1);
    int64_t batches =
        cast<ShapedType>(fc.getInput().getType()).getNumElements() / k;
    SmallVector<Value> operands;
    SmallVector<Attribute> args{opaque(actPtr(fc.getFusedActivationAttr())),
                                intArg(batches), intArg(k), intArg(n),
                                arg(fc.getInput(), operands),
                                arg(fc.getWeights(), operands)};
    args.push_back(fc.getBias() ? arg(fc.getBias(), operands)
                                : opaque("NULL"));
    args.push_back(arg(fc.getOutput(), operands));
    useFamily("fully_connected");
    call(op, "edgert_fully_connected_f32", args, operands);
    return success();
  }
  if (auto mm = dyn_cast<edge::MatMulOp>(op)) {
    if (failed(requireF32(op)))
      return failure();
    SmallVector<Value> operands;
    SmallVector<Attribute> args{
        opaque(actPtr(mm.getFusedActivationAttr())), shapeArg(mm.getLhs()),
        rankArg(mm.getLhs()), arg(mm.getLhs(), operands),
        shapeArg(mm.getRhs()), rankArg(mm.getRhs()),
        arg(mm.getRhs(), operands), shapeArg(mm.getOutput()),
        rankArg(mm.getOutput()), arg(mm.getOutput(), operands)};
    useFamily("fully_connected");
    call(op, "edgert_matmul_f32", args, operands);
    return success();
  }
  if (auto o = dyn_cast<edge::AddOp>(op))
    return lowerBinary(op, 0, o.getFusedActivationAttr());
  if (auto o = dyn_cast<edge::SubOp>(op))
    return lowerBinary(op, 1, o.getFusedActivationAttr());
  if (auto o = dyn_cast<edge::MulOp>(op))
    return lowerBinary(op, 2, o.getFusedActivationAttr());
  if (auto o = dyn_cast<edge::DivOp>(op))
    return lowerBinary(op, 3, o.getFusedActivationAttr());
  if (isa<edge::MaximumOp>(op))
    return lowerBinary(op, 4, nullptr);
  if (isa<edge::MinimumOp>(op))
    return lowerBinary(op, 5, nullptr);
  if (isa<edge::PowOp>(op))
    return lowerBinary(op, 6, nullptr);
  if (isa<edge::ModOp>(op))
    return lowerBinary(op, 7, nullptr);
  if (auto u = dyn_cast<edge::UnaryOp>(op)) {
    if (failed(requireF32(op)))
      return failure();
    SmallVector<Value> operands;
    SmallVector<Attribute> args{
        opaque("(edgert_unary_kind)" +
               std::to_string(static_cast<int>(u.getKind()))),
        countArg(u.getInput()), arg(u.getInput(), operands),
        arg(u.getOutput(), operands)};
    useFamily("elementwise");
    call(op, "edgert_unary_f32", args, operands);
    return success();
  }
  if (auto a = dyn_cast<edge::ActivationOp>(op)) {
    if (failed(requireF32(op)))
      return failure();
    SmallVector<Value> operands;
    std::string act = actPtr(a.getAct());
    if (act == "NULL")
      act = "&" + structGlobal("edgert_act", actInit(a.getAct()));
    SmallVector<Attribute> args{opaque(act), countArg(a.getInput()),
                                arg(a.getInput(), operands),
                                arg(a.getOutput(), operands)};
    useFamily("elementwise");
    call(op, "edgert_activation_f32", args, operands);
    return success();
  }
  if (auto p = dyn_cast<edge::PReluOp>(op)) {
    if (failed(requireF32(op)))
      return failure();
    Value in = op->getOperand(0), slope = op->getOperand(1);
    SmallVector<Value> operands;
    SmallVector<Attribute> args{shapeArg(in),    rankArg(in),
                                arg(in, operands), shapeArg(slope),
                                rankArg(slope),  arg(slope, operands),
                                arg(p.getOutput(), operands)};
    useFamily("elementwise");
    call(op, "edgert_prelu_f32", args, operands);
    return success();
  }
  if (isa<edge::SoftmaxOp, edge::LogSoftmaxOp>(op)) {
    if (failed(requireF32(op)))
      return failure();
    Value in = op->getOperand(0), out = op->getResult(0);
    int64_t axis = op->getAttrOfType<IntegerAttr>("axis").getInt();
    auto betaAttr = op->getAttrOfType<FloatAttr>("beta");
    double beta = betaAttr ? betaAttr.getValueAsDouble() : 1.0;
    SmallVector<Value> operands;
    SmallVector<Attribute> args{shapeArg(in),       rankArg(in),
                                intArg(axis),       opaque(floatLiteral(beta)),
                                arg(in, operands), arg(out, operands)};
    useFamily("softmax");
    call(op,
         isa<edge::SoftmaxOp>(op) ? "edgert_softmax_f32"
                                  : "edgert_log_softmax_f32",
         args, operands);
    return success();
  }
  if (auto r = dyn_cast<edge::ReduceOp>(op)) {
    if (failed(requireF32(op)))
      return failure();
    SmallVector<Value> operands;
    SmallVector<Attribute> args{
        opaque("(edgert_reduce_kind)" +
               std::to_string(static_cast<int>(r.getKind()))),
        shapeArg(r.getInput()), rankArg(r.getInput()),
        arg(r.getInput(), operands), opaque(i32Array(r.getAxes())),
        intArg(r.getAxes().size()), arg(r.getOutput(), operands)};
    useFamily("reduce");
    call(op, "edgert_reduce_f32", args, operands);
    return success();
  }
  if (auto t = dyn_cast<edge::TransposeOp>(op)) {
    auto elem = getCElem(
        cast<ShapedType>(t.getInput().getType()).getElementType());
    if (!elem)
      return nodeError(op) << "unsupported element type";
    SmallVector<Value> operands;
    SmallVector<Attribute> args{intArg(elem->bytes), shapeArg(t.getInput()),
                                rankArg(t.getInput()),
                                opaque(i32Array(t.getPerm())),
                                arg(t.getInput(), operands),
                                arg(t.getOutput(), operands)};
    useFamily("data");
    call(op, "edgert_transpose", args, operands);
    return success();
  }
  if (auto c = dyn_cast<edge::ConcatOp>(op)) {
    auto outType = cast<ShapedType>(c.getOutput().getType());
    auto elem = getCElem(outType.getElementType());
    if (!elem)
      return nodeError(op) << "unsupported element type";
    int64_t axis = c.getAxis();
    if (axis < 0)
      axis += outType.getRank();
    // The input pointer array: a local `const void *const name[] = {...};`
    // (EmitC has no array-of-pointers initializer from values).
    SmallVector<Value> ptrOperands;
    SmallVector<int64_t> axisSizes;
    std::string list;
    for (Value in : c.getInputs()) {
      axisSizes.push_back(cast<ShapedType>(in.getType()).getDimSize(axis));
      auto it = bound.find(in);
      list += list.empty() ? "" : ", ";
      if (it->second.ssa) {
        ptrOperands.push_back(it->second.ssa);
        list += "{}";
      } else {
        list += it->second.expr;
      }
    }
    std::string arr = newSym("concat_inputs");
    emitc::VerbatimOp::create(
        b, op->getLoc(),
        b.getStringAttr("const void *const " + arr + "[] = {{" + list + "};"),
        ptrOperands);
    SmallVector<Value> operands;
    SmallVector<Attribute> args{intArg(elem->bytes), shapeArg(c.getOutput()),
                                rankArg(c.getOutput()), intArg(axis),
                                intArg(axisSizes.size()),
                                opaque(i32Array(axisSizes)), opaque(arr),
                                arg(c.getOutput(), operands)};
    useFamily("data");
    call(op, "edgert_concat", args, operands);
    return success();
  }
  return nodeError(op) << "the C target has no kernel for '"
                         << op->getName() << "' yet";
}

LogicalResult Lowering::run() {
  if (!func.getBody().hasOneBlock())
    return func.emitError("the C target needs a single-block function");
  info.name = sanitize(options.name.empty() ? func.getSymName().str()
                                            : options.name);
  if (auto a = func->getAttrOfType<IntegerAttr>("edge.arena_size"))
    info.arenaSize = a.getInt();
  else
    return func.emitError("no edge.arena_size: run edge-plan-memory before "
                          "the C target");
  if (auto a = func->getAttrOfType<IntegerAttr>("edge.arena_lower_bound"))
    info.arenaLowerBound = a.getInt();
  const std::string &name = info.name;
  const std::string NAME = upper(name);
  Location loc = func.getLoc();

  // Signature: const T *input<i>..., T *output<i>..., uint8_t *arena.
  SmallVector<Type> argTypes;
  SmallVector<std::string> ioMacros;
  auto addIO = [&](Type t, bool isInput, unsigned i) -> LogicalResult {
    auto shaped = dyn_cast<RankedTensorType>(t);
    if (!shaped || !shaped.hasStaticShape())
      return func.emitError() << "the C target needs static I/O shapes, got "
                              << t;
    std::optional<CElem> elem = getCElem(shaped.getElementType());
    if (!elem)
      return func.emitError() << "unsupported I/O element type " << t;
    std::string c = elem->cName;
    argTypes.push_back(emitc::PointerType::get(
        emitc::OpaqueType::get(ctx, isInput ? "const " + c : c)));
    std::string p = NAME + (isInput ? "_INPUT" : "_OUTPUT") +
                    std::to_string(i);
    std::string dims;
    for (int64_t d : shaped.getShape())
      dims += (dims.empty() ? "" : ", ") + std::to_string(d);
    ioMacros.push_back("#define " + p + "_SIZE " +
                       std::to_string(shaped.getNumElements()));
    ioMacros.push_back("#define " + p + "_BYTES " +
                       std::to_string(shaped.getNumElements() * elem->bytes));
    ioMacros.push_back("#define " + p + "_RANK " +
                       std::to_string(shaped.getRank()));
    ioMacros.push_back("#define " + p + "_SHAPE {" + dims + "}");
    return success();
  };
  for (auto [i, t] : llvm::enumerate(func.getArgumentTypes()))
    if (failed(addIO(t, true, i)))
      return failure();
  for (auto [i, t] : llvm::enumerate(func.getResultTypes()))
    if (failed(addIO(t, false, i)))
      return failure();
  argTypes.push_back(emitc::PointerType::get(b.getIntegerType(8, false)));
  auto runType = FunctionType::get(ctx, argTypes,
                                   {emitc::OpaqueType::get(ctx, "int")});

  // --- header ---------------------------------------------------------------
  b.setInsertionPointToEnd(into.getBody());
  auto header = emitc::FileOp::create(b, loc, "header");
  b.setInsertionPointToStart(fileBlock(header));
  auto verbatim = [&](const llvm::Twine &s) {
    emitc::VerbatimOp::create(b, loc, b.getStringAttr(s.str()));
  };
  verbatim("/* " + name +
           ".h -- generated by edgec (C target). Do not edit. */");
  verbatim("#ifndef " + NAME + "_H");
  verbatim("#define " + NAME + "_H");
  emitc::IncludeOp::create(b, loc, "stdint.h", /*is_standard_include=*/true);
  emitc::IncludeOp::create(b, loc, "stddef.h", true);
  verbatim("/* Bytes of scratch memory " + name +
           "_run needs (caller-provided, aligned to " + NAME +
           "_ARENA_ALIGN). */");
  verbatim("#define " + NAME + "_ARENA_SIZE " +
           std::to_string(info.arenaSize));
  verbatim("#define " + NAME + "_ARENA_ALIGN 16");
  verbatim("#define " + NAME + "_NUM_INPUTS " +
           std::to_string(func.getNumArguments()));
  verbatim("#define " + NAME + "_NUM_OUTPUTS " +
           std::to_string(func.getNumResults()));
  verbatim("/* Element counts, bytes, ranks and shapes of the inputs and "
           "outputs. */");
  for (const std::string &m : ioMacros)
    verbatim(m);
  verbatim("#ifdef __cplusplus\nextern \"C\" {\n#endif");
  verbatim("/* " + name + "_run(input0, ..., output0, ..., arena): runs the "
           "model; returns 0 or an edgert_status error code. */");
  auto decl = emitc::FuncOp::create(b, loc, name + "_run", runType);
  decl.setPrivate(); // a declaration: prints the prototype only
  verbatim("#ifdef __cplusplus\n}\n#endif");
  verbatim("#endif /* " + NAME + "_H */");

  // --- source ---------------------------------------------------------------
  b.setInsertionPointToEnd(into.getBody());
  auto source = emitc::FileOp::create(b, loc, "source");
  Block *srcBlock = fileBlock(source);
  b.setInsertionPointToStart(srcBlock);
  verbatim("/* " + name +
           ".c -- generated by edgec (C target). Do not edit. */");
  emitc::IncludeOp::create(b, loc, "stdbool.h", true);
  emitc::IncludeOp::create(b, loc, "stddef.h", true);
  emitc::IncludeOp::create(b, loc, "stdint.h", true);
  emitc::IncludeOp::create(b, loc, name + ".h", false);
  Operation *familyAnchor =
      emitc::VerbatimOp::create(b, loc, b.getStringAttr("/* weights */"));
  // Anchor for globals (weights, shapes, params), before the run function.
  globalsAnchor = emitc::VerbatimOp::create(
      b, loc, b.getStringAttr("/* entry point */"));
  runFunc = emitc::FuncOp::create(b, loc, name + "_run", runType);
  Block *entry = runFunc.addEntryBlock();
  arenaArg = entry->getArguments().back();

  if (failed(bindConstants()))
    return failure();
  if (!info.weightsBlob.empty()) {
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPoint(familyAnchor);
    verbatim("/* The weights blob (" + name + ".weights.bin, linked by " +
             name + "_weights.S), 16-byte aligned. */");
    verbatim("extern const uint8_t " + name + "_weights[];");
  }
  b.setInsertionPointToStart(entry);
  if (failed(bindValues()))
    return failure();
  for (Operation &op : func.getBody().front().without_terminator())
    if (failed(lowerOp(&op)))
      return failure();
  // Unused parameters (e.g. no arena) are cast to void for -Wextra.
  for (BlockArgument a : entry->getArguments())
    if (a.use_empty())
      emitc::VerbatimOp::create(b, loc, b.getStringAttr("(void){};"),
                                ValueRange{a});
  Value zero =
      emitc::LiteralOp::create(b, loc, emitc::OpaqueType::get(ctx, "int"), "0");
  emitc::ReturnOp::create(b, loc, zero);

  // Runtime headers of the families used.
  families.insert("common");
  {
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPoint(familyAnchor);
    for (const std::string &f : families)
      if (!StringRef(f).starts_with("q_")) // quantized kernels: quant.h
        emitc::IncludeOp::create(b, loc, "edgert/" + f + ".h", false);
  }
  info.families.assign(families.begin(), families.end());
  return success();
}

struct EdgeToEmitCPass : impl::EdgeToEmitCBase<EdgeToEmitCPass> {
  using EdgeToEmitCBase::EdgeToEmitCBase;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> funcs(module.getOps<func::FuncOp>());
    if (funcs.size() != 1) {
      module.emitError("edge-to-emitc expects exactly one func.func");
      return signalPassFailure();
    }
    CTargetOptions options;
    options.name = name;
    options.weightsThreshold = weightsThreshold;
    CTargetInfo info;
    if (failed(buildCModule(funcs[0], options, module, info)))
      return signalPassFailure();
    funcs[0].erase();
    if (!info.weightsBlob.empty()) {
      auto type = RankedTensorType::get({(int64_t)info.weightsBlob.size()},
                                        IntegerType::get(&getContext(), 8));
      module->setAttr("edge.c.weights_blob",
                      DenseResourceElementsAttr::get(
                          type, info.name + "_weights",
                          HeapAsmResourceBlob::allocateAndCopyWithAlign(
                              info.weightsBlob, 16)));
    }
  }
};

} // namespace

LogicalResult buildCModule(func::FuncOp func, const CTargetOptions &options,
                           ModuleOp into, CTargetInfo &info) {
  func.getContext()->getOrLoadDialect<emitc::EmitCDialect>();
  return Lowering(func, options, into, info).run();
}

std::string makeWeightsAsmStub(StringRef name, StringRef blobFile) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "/* " << name << "_weights.S -- generated by edgec: embeds "
     << blobFile << " as " << name << "_weights. */\n"
     << "    .section .rodata." << name << "_weights, \"a\"\n"
     << "    .global " << name << "_weights\n"
     << "    .type " << name << "_weights, %object\n"
     << "    .balign 16\n"
     << name << "_weights:\n"
     << "    .incbin \"" << blobFile << "\"\n"
     << "    .size " << name << "_weights, . - " << name << "_weights\n"
     << "    .section .note.GNU-stack, \"\", %progbits\n";
  return s;
}

void registerTargetPasses() {
  ::mlir::registerPass([] { return createEdgeToEmitC(); });
}

} // namespace edgec::ctarget
