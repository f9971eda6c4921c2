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

/// A C float literal that round-trips f32. NaN and infinities are <math.h>'s
/// NAN / INFINITY (constant expressions valid in static initializers, as the
/// upstream translator prints them in arrays); `needsMath` is set then.
std::string floatLiteral(double v, bool *needsMath = nullptr) {
  if (!std::isfinite(v)) {
    if (needsMath)
      *needsMath = true;
    if (std::isnan(v))
      return "NAN";
    return v > 0 ? "INFINITY" : "(-INFINITY)";
  }
  std::string s;
  llvm::raw_string_ostream os(s);
  os << llvm::format("%.9g", v);
  if (s.find_first_of(".eE") == std::string::npos)
    s += ".0";
  return s + "f";
}

/// A C integer literal of a `bits`-wide signed value that is valid in a
/// static initializer without warnings: the most negative values, whose
/// magnitude is no constant of any signed type, are INTn_MIN.
std::string intLiteral(int64_t v, unsigned bits) {
  if (bits == 64 && v == INT64_MIN)
    return "INT64_MIN";
  if (bits == 32 && v == INT32_MIN)
    return "INT32_MIN";
  return std::to_string(v);
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

/// The initializer of a flattened weight array from raw bytes. f32, i8 and
/// i16 are DenseElementsAttrs the translator prints (NaN and infinities as
/// NAN / INFINITY; `needsMath` is set); i1, i32 and i64 are opaque lists so
/// that bools print as 0/1 and the most negative integers as INTn_MIN
/// (`-2147483648` and `-9223372036854775808` are not signed constants in C).
Attribute flatInitializer(MLIRContext *ctx, ArrayRef<char> bytes,
                          Type elemType, int64_t n, bool &needsMath) {
  auto type = RankedTensorType::get({n}, elemType);
  if (elemType.isF32()) {
    for (int64_t i = 0; i < n; ++i) {
      float f;
      std::memcpy(&f, bytes.data() + 4 * i, 4);
      if (!std::isfinite(f))
        needsMath = true;
    }
  }
  unsigned bits = elemType.getIntOrFloatBitWidth();
  if (elemType.isF32() || bits == 8 || bits == 16)
    return DenseElementsAttr::getFromRawBuffer(type, bytes);
  int64_t width = bits == 1 ? 1 : bits / 8;
  std::string s = "{";
  for (int64_t i = 0; i < n; ++i) {
    s += i ? ", " : "";
    const char *p = bytes.data() + i * width;
    if (bits == 1) {
      s += *p ? "1" : "0";
    } else if (bits == 32) {
      int32_t v;
      std::memcpy(&v, p, 4);
      s += intLiteral(v, 32);
    } else {
      int64_t v;
      std::memcpy(&v, p, 8);
      s += intLiteral(v, 64);
    }
  }
  return emitc::OpaqueAttr::get(ctx, s + "}");
}

/// The edgert_dtype enumerator of an element type (edgert/cast.h).
const char *dtypeName(Type type) {
  if (type.isF32())
    return "EDGERT_DTYPE_F32";
  if (type.isUnsignedInteger(8))
    return "EDGERT_DTYPE_U8";
  switch (type.getIntOrFloatBitWidth()) {
  case 1:
    return "EDGERT_DTYPE_BOOL";
  case 8:
    return "EDGERT_DTYPE_I8";
  case 16:
    return "EDGERT_DTYPE_I16";
  case 32:
    return "EDGERT_DTYPE_I32";
  default:
    return "EDGERT_DTYPE_I64";
  }
}

/// The runtime header declaring a family's kernels (runtime/src/<family>.c).
StringRef familyHeader(StringRef family) {
  if (family.starts_with("q_")) // quantized kernels: all in quant.h
    return "quant";
  return family == "logical" ? "compare" : family;
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
  /// A static const struct (or scalar) of opaque type with an opaque
  /// initializer.
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
  std::string floatLit(double v) { return floatLiteral(v, &needsMath); }
  std::string floatLit(FloatAttr a) {
    return floatLit(a ? a.getValueAsDouble() : 0.0);
  }
  std::string actInit(edge::ActivationAttr act) {
    int kind = act ? static_cast<int>(act.getKind()) : 0;
    return "{(edgert_act_kind)" + std::to_string(kind) + ", " +
           floatLit(act ? act.getMin() : nullptr) + ", " +
           floatLit(act ? act.getMax() : nullptr) + ", " +
           floatLit(act ? act.getAlpha() : nullptr) + "}";
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

  static Type elemType(Value v) {
    Type t = cast<ShapedType>(v.getType()).getElementType();
    if (auto q = dyn_cast<quant::QuantizedType>(t))
      return q.getStorageType();
    return t;
  }
  /// The C element of a value (every value was checked when it was bound).
  static CElem elemOf(Value v) { return *getCElem(elemType(v)); }
  static int64_t countOf(Value v) {
    return cast<ShapedType>(v.getType()).getNumElements();
  }
  static int64_t rankOf(Value v) {
    return cast<ShapedType>(v.getType()).getRank();
  }
  /// An axis attribute made non-negative, as the interpreter passes it.
  static int64_t normAxis(int64_t axis, Value v) {
    return axis < 0 ? axis + rankOf(v) : axis;
  }
  /// The element type C sees for a value: bool for i1, the storage type for
  /// quantized types.
  Type cElemType(Value v) {
    Type t = elemType(v);
    if (t.isInteger(1))
      return emitc::OpaqueType::get(ctx, "bool");
    return t;
  }

  /// The arguments of one kernel call: attributes (an operand index for a
  /// bound SSA pointer, or an opaque C expression) and the SSA operands.
  struct Args {
    Lowering &l;
    SmallVector<Attribute> attrs;
    SmallVector<Value> operands;
    explicit Args(Lowering &l) : l(l) {}
    /// The buffer of a tensor value.
    Args &buf(Value v) {
      auto it = l.bound.find(v);
      assert(it != l.bound.end() && "value without a C binding");
      if (it->second.ssa) {
        operands.push_back(it->second.ssa);
        attrs.push_back(l.b.getIndexAttr(operands.size() - 1));
      } else {
        attrs.push_back(emitc::OpaqueAttr::get(l.ctx, it->second.expr));
      }
      return *this;
    }
    /// The buffer of an optional tensor value, or NULL.
    Args &bufOrNull(Value v) { return v ? buf(v) : raw("NULL"); }
    Args &raw(const llvm::Twine &s) {
      attrs.push_back(emitc::OpaqueAttr::get(l.ctx, s.str()));
      return *this;
    }
    Args &i(int64_t v) { return raw(llvm::Twine(v)); }
    Args &boolean(bool v) { return raw(v ? "true" : "false"); }
    Args &f(double v) { return raw(l.floatLit(v)); }
    Args &ints(ArrayRef<int64_t> v) { return raw(l.i32Array(v)); }
    Args &shape(Value v) {
      return ints(cast<ShapedType>(v.getType()).getShape());
    }
    Args &rank(Value v) { return i(rankOf(v)); }
    Args &count(Value v) { return i(countOf(v)); }
    Args &elemSize(Value v) { return i(elemOf(v).bytes); }
    /// `(<enum type>)<value>` for the edge kind enums (values match).
    template <typename E> Args &kind(StringRef cEnum, E e) {
      return raw("(" + cEnum + ")" + llvm::Twine(static_cast<int>(e)));
    }
  };

  /// Emits `status = kernel(args); if (status) return status;`.
  void call(Location loc, StringRef kernel, StringRef family,
            const Args &args) {
    auto statusType = emitc::OpaqueType::get(ctx, "int");
    auto callOp = emitc::CallOpaqueOp::create(
        b, loc, TypeRange{statusType}, kernel, args.operands,
        b.getArrayAttr(args.attrs), ArrayAttr());
    emitc::VerbatimOp::create(b, loc, b.getStringAttr("if ({} != 0) return {};"),
                              ValueRange{callOp.getResult(0),
                                         callOp.getResult(0)});
    info.kernels.push_back(kernel.str());
    families.insert(family.str());
  }
  LogicalResult call(Operation *op, const llvm::Twine &kernel,
                     StringRef family, const Args &args) {
    call(op->getLoc(), kernel.str(), family, args);
    return success();
  }

  /// A local `const void *const` (or `void *const`) array of buffer
  /// pointers (concat inputs, split outputs); returns its name. EmitC has no
  /// array-of-pointers initializer from values, hence emitc.verbatim.
  std::string pointerList(Operation *op, StringRef prefix, bool isConst,
                          ValueRange values);

  LogicalResult lowerOp(Operation *op);
  template <typename ConvOp>
  LogicalResult lowerConv(ConvOp op, StringRef kernel);
  LogicalResult lowerIntegerConv(edge::Conv2DOp op);
  template <typename PoolOp>
  LogicalResult lowerPool(PoolOp op, StringRef kernel, bool countIncludePad);
  LogicalResult lowerBinary(Operation *op, int kind,
                            edge::ActivationAttr act);
  LogicalResult lowerDataOp(Operation *op);
  LogicalResult lowerLogicOp(Operation *op);
  LogicalResult lowerReductionOp(Operation *op);
  LogicalResult lowerQuant(Operation *op, const qkernel::OpParams &q);
  std::string tableGlobal(Type elem, ArrayRef<char> bytes, int64_t n);

  /// The error for an op whose element types have no kernel (mirrors the
  /// interpreter's checks).
  InFlightDiagnostic unsupportedType(Operation *op, Value v) {
    return nodeError(op) << "the C target has no kernel for '"
                         << op->getName() << "' on element type "
                         << cast<ShapedType>(v.getType()).getElementType();
  }
  LogicalResult requireF32(Operation *op) {
    for (Value v : llvm::concat<Value>(op->getOperands(), op->getResults()))
      if (!cast<ShapedType>(v.getType()).getElementType().isF32())
        return unsupportedType(op, v);
    return success();
  }

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
  bool needsMath = false; // a NAN / INFINITY literal was printed
  Operation *globalsAnchor = nullptr; // globals go before this op
  llvm::DenseMap<Value, Binding> bound;
  std::map<std::string, std::string> i32Arrays;
  std::set<std::string> families;
  // run-function state
  emitc::FuncOp runFunc;
  Value arenaArg;
  llvm::DenseMap<std::pair<int64_t, Type>, Value> arenaPtrs;
  /// Results that are a function argument, a constant or a value returned
  /// before (or a reshape of one): (output index, value) copied at the end.
  SmallVector<std::pair<unsigned, Value>> outputCopies;
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
    Type storage = elemType(cst.getResult());
    int64_t n = type.getNumElements();
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPoint(globalsAnchor);
    Attribute init = flatInitializer(ctx, bytes, storage, n, needsMath);
    emitc::GlobalOp::create(b, cst.getLoc(), sym,
                            emitc::ArrayType::get({n}, cElemType(cst)), init,
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
  for (auto [i, a] : llvm::enumerate(body.getArguments()))
    byLeader[leaderOf(a)] = {args[i], ""};
  // Constants (and reshapes of them) are their weight arrays.
  for (auto cst : func.getOps<edge::ConstantOp>()) {
    auto it = bound.find(cst.getResult());
    if (it != bound.end())
      byLeader[leaderOf(cst.getResult())] = it->second;
  }
  // A returned value is computed straight into its output buffer, unless it
  // is an input, a constant or returned before: then it is copied there.
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
    Value leader = leaderOf(v);
    if (byLeader.count(leader)) {
      outputCopies.emplace_back(i, v);
      continue;
    }
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
        if (isa<edge::ReshapeOp>(op))
          continue;
        return nodeError(&op) << "result #" << i
                              << " has no arena offset: run edge-plan-memory "
                                 "before the C target";
      }
      Type et = cast<ShapedType>(res.getType()).getElementType();
      if (!getCElem(et))
        return nodeError(&op) << "unsupported element type " << et;
      Type cType = cElemType(res);
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
  // Every value gets its group's binding.
  auto bindValue = [&](Value v) {
    auto it = byLeader.find(leaderOf(v));
    if (it != byLeader.end())
      bound[v] = it->second;
  };
  for (BlockArgument a : body.getArguments())
    bindValue(a);
  for (Operation &op : body.without_terminator())
    for (Value r : op.getResults())
      bindValue(r);
  // Every operand of a kernel must have a buffer now.
  for (Operation &op : body.without_terminator()) {
    if (isa<edge::ReshapeOp, edge::ConstantOp>(op))
      continue;
    for (Value v : llvm::concat<Value>(op.getOperands(), op.getResults()))
      if (!bound.count(v))
        return nodeError(&op) << "a value of type " << v.getType()
                              << " has no buffer (unplanned IR?)";
  }
  return success();
}

std::string Lowering::pointerList(Operation *op, StringRef prefix,
                                  bool isConst, ValueRange values) {
  SmallVector<Value> ptrOperands;
  std::string list;
  for (Value v : values) {
    const Binding &bnd = bound.find(v)->second;
    list += list.empty() ? "" : ", ";
    if (bnd.ssa) {
      ptrOperands.push_back(bnd.ssa);
      list += "{}";
    } else {
      list += bnd.expr;
    }
  }
  std::string arr = newSym(prefix);
  emitc::VerbatimOp::create(
      b, op->getLoc(),
      b.getStringAttr((isConst ? "const void *const " : "void *const ") + arr +
                      "[] = {{" + list + "};"),
      ptrOperands);
  return arr;
}

template <typename ConvOp>
LogicalResult Lowering::lowerConv(ConvOp op, StringRef kernel) {
  std::string intKernel;
  if (isa<edge::Conv2DOp>(op) && elemType(op.getInput()).isInteger(16)) {
    // Plain integer conv (ONNX ConvInteger): i16 x i16 (+ i32 bias) -> i32.
    if (!elemType(op.getFilter()).isInteger(16))
      return unsupportedType(op, op.getFilter());
    if (op.getBias() && !elemType(op.getBias()).isInteger(32))
      return unsupportedType(op, op.getBias());
    if (!elemType(op.getOutput()).isInteger(32))
      return unsupportedType(op, op.getOutput());
    intKernel = "edgert_conv2d_i16_i32";
    kernel = intKernel;
  } else if (failed(requireF32(op))) {
    return failure();
  }
  ArrayRef<int64_t> s = op.getStride(), d = op.getDilation(), p = op.getPad();
  std::string init = "{" + std::to_string(s[0]) + ", " + std::to_string(s[1]) +
                     ", " + std::to_string(d[0]) + ", " +
                     std::to_string(d[1]) + ", " + std::to_string(p[0]) +
                     ", " + std::to_string(p[1]) + ", " +
                     std::to_string(p[2]) + ", " + std::to_string(p[3]) +
                     ", " + actInit(op.getFusedActivationAttr()) + "}";
  std::string params = structGlobal("edgert_conv2d_params", init);
  Args a(*this);
  a.raw("&" + params)
      .shape(op.getInput())
      .buf(op.getInput())
      .shape(op.getFilter())
      .buf(op.getFilter())
      .bufOrNull(op.getBias())
      .shape(op.getOutput())
      .buf(op.getOutput());
  return call(op, kernel, "conv", a);
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
  Args a(*this);
  a.raw("&" + params)
      .shape(op.getInput())
      .buf(op.getInput())
      .shape(op.getFilter())
      .buf(op.getFilter())
      .bufOrNull(op.getBias())
      .shape(op.getOutput())
      .buf(op.getOutput());
  return call(op, "edgert_conv2d_i16_i32", "conv", a);
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
  Args a(*this);
  a.raw("&" + params)
      .shape(op.getInput())
      .buf(op.getInput())
      .shape(op.getOutput())
      .buf(op.getOutput());
  return call(op, kernel, "pooling", a);
}

LogicalResult Lowering::lowerBinary(Operation *op, int kind,
                                    edge::ActivationAttr act) {
  Value lhs = op->getOperand(0), rhs = op->getOperand(1),
        out = op->getResult(0);
  Type t = elemType(lhs);
  if (!t.isF32() && (t.isInteger(1) || !t.isIntOrFloat()))
    return unsupportedType(op, lhs);
  // Operand types agree (the verifier rejects mixed types; the
  // interpreter's conversion of the rhs never triggers on verified IR).
  if (elemType(rhs) != t)
    return unsupportedType(op, rhs);
  Args a(*this);
  a.kind("edgert_binary_kind", kind)
      .raw(actPtr(act))
      .shape(lhs)
      .rank(lhs)
      .buf(lhs)
      .shape(rhs)
      .rank(rhs)
      .buf(rhs);
  a.shape(out).rank(out).buf(out);
  return call(op, "edgert_binary_" + llvm::Twine(elemOf(lhs).suffix),
              "elementwise", a);
}

/// Data movement: type-agnostic kernels of edgert/data.h.
LogicalResult Lowering::lowerDataOp(Operation *op) {
  if (auto t = dyn_cast<edge::TransposeOp>(op)) {
    Args a(*this);
    a.elemSize(t.getInput())
        .shape(t.getInput())
        .rank(t.getInput())
        .ints(t.getPerm())
        .buf(t.getInput())
        .buf(t.getOutput());
    return call(op, "edgert_transpose", "data", a);
  }
  if (auto c = dyn_cast<edge::ConcatOp>(op)) {
    Value out = c.getOutput();
    int64_t axis = normAxis(c.getAxis(), out);
    SmallVector<int64_t> axisSizes;
    for (Value in : c.getInputs())
      axisSizes.push_back(cast<ShapedType>(in.getType()).getDimSize(axis));
    std::string list = pointerList(op, "concat_inputs", true, c.getInputs());
    Args a(*this);
    a.elemSize(out)
        .shape(out)
        .rank(out)
        .i(axis)
        .i(axisSizes.size())
        .ints(axisSizes)
        .raw(list)
        .buf(out);
    return call(op, "edgert_concat", "data", a);
  }
  if (auto s = dyn_cast<edge::SplitOp>(op)) {
    Value in = s.getInput();
    std::string list = pointerList(op, "split_outputs", false, s.getOutputs());
    Args a(*this);
    a.elemSize(in)
        .shape(in)
        .rank(in)
        .i(normAxis(s.getAxis(), in))
        .i(s.getOutputs().size())
        .ints(s.getSizes())
        .buf(in)
        .raw(list);
    return call(op, "edgert_split", "data", a);
  }
  if (auto s = dyn_cast<edge::SliceOp>(op)) {
    Value in = s.getInput(), out = s.getResult();
    Args a(*this);
    a.elemSize(out)
        .shape(in)
        .rank(in)
        .ints(s.getOffsets())
        .ints(s.getStrides())
        .shape(out)
        .buf(in)
        .buf(out);
    return call(op, "edgert_slice", "data", a);
  }
  if (auto p = dyn_cast<edge::PadOp>(op)) {
    Value in = p.getInput();
    // The pad value: one static const element of the input's type,
    // converted as the interpreter does (C casts of the double).
    Type t = elemType(in);
    double v = p.getValue().convertToDouble();
    std::string lit;
    if (t.isF32())
      lit = floatLit(static_cast<float>(v));
    else if (t.isInteger(1))
      lit = v != 0 ? "1" : "0";
    else if (t.isInteger(8))
      lit = std::to_string(static_cast<int8_t>(v));
    else if (t.isInteger(16))
      lit = std::to_string(static_cast<int16_t>(v));
    else if (t.isInteger(32))
      lit = intLiteral(static_cast<int32_t>(v), 32);
    else
      lit = intLiteral(static_cast<int64_t>(v), 64);
    std::string value = structGlobal(elemOf(in).cName, lit);
    Args a(*this);
    a.elemSize(in)
        .kind("edgert_pad_mode", p.getMode())
        .shape(in)
        .rank(in)
        .ints(p.getBefore())
        .ints(p.getAfter())
        .raw("&" + value)
        .buf(in)
        .buf(p.getResult());
    return call(op, "edgert_pad", "data", a);
  }
  if (auto t = dyn_cast<edge::TileOp>(op)) {
    Value in = t.getInput();
    Args a(*this);
    a.elemSize(in)
        .shape(in)
        .rank(in)
        .ints(t.getMultiples())
        .buf(in)
        .buf(t.getResult());
    return call(op, "edgert_tile", "data", a);
  }
  if (auto bc = dyn_cast<edge::BroadcastToOp>(op)) {
    Value in = bc.getInput(), out = bc.getResult();
    Args a(*this);
    a.elemSize(out).shape(in).rank(in).buf(in).shape(out).rank(out).buf(out);
    return call(op, "edgert_broadcast_to", "data", a);
  }
  if (auto g = dyn_cast<edge::GatherOp>(op)) {
    Value d = g.getData(), idx = g.getIndices();
    Type it = elemType(idx);
    if (!it.isInteger(32) && !it.isInteger(64))
      return unsupportedType(op, idx);
    Args a(*this);
    a.elemSize(d)
        .shape(d)
        .rank(d)
        .i(normAxis(g.getAxis(), d))
        .buf(d)
        .count(idx)
        .buf(idx)
        .buf(g.getResult());
    return call(op, it.isInteger(64) ? "edgert_gather_i64" : "edgert_gather_i32",
                "data", a);
  }
  if (auto r = dyn_cast<edge::ResizeOp>(op)) {
    Value in = r.getInput(), out = r.getResult();
    Args a(*this);
    if (r.getMode() == edge::ResizeMode::bicubic || r.getScale()) {
      // The general kernel: bicubic, or coordinate scales given.
      if (r.getMode() != edge::ResizeMode::nearest && !elemType(in).isF32())
        return unsupportedType(op, in);
      float scaleH = 0.0f, scaleW = 0.0f;
      if (auto s = r.getScale()) {
        scaleH = (*s)[0];
        scaleW = (*s)[1];
      }
      float cubicA =
          r.getCubicCoeffA() ? r.getCubicCoeffA()->convertToFloat() : -0.75f;
      std::string init =
          "{(edgert_resize_mode)" +
          std::to_string(static_cast<int>(r.getMode())) +
          ", (edgert_coord_mode)" +
          std::to_string(static_cast<int>(r.getCoordinateMode())) +
          ", (edgert_nearest_mode)" +
          std::to_string(static_cast<int>(r.getNearestMode().value_or(
              edge::NearestMode::round_prefer_floor))) +
          ", " + floatLit(scaleH) + ", " + floatLit(scaleW) + ", " +
          floatLit(cubicA) + ", " + (r.getExcludeOutside() ? "1" : "0") + "}";
      a.elemSize(out)
          .raw("&" + structGlobal("edgert_resize_params", init))
          .shape(in)
          .buf(in)
          .shape(out)
          .buf(out);
      return call(op, "edgert_resize", "data", a);
    }
    if (r.getMode() == edge::ResizeMode::nearest) {
      a.elemSize(out)
          .kind("edgert_coord_mode", r.getCoordinateMode())
          .kind("edgert_nearest_mode",
                r.getNearestMode().value_or(
                    edge::NearestMode::round_prefer_floor))
          .shape(in)
          .buf(in)
          .shape(out)
          .buf(out);
      return call(op, "edgert_resize_nearest", "data", a);
    }
    if (!elemType(in).isF32())
      return unsupportedType(op, in);
    a.kind("edgert_coord_mode", r.getCoordinateMode())
        .shape(in)
        .buf(in)
        .shape(out)
        .buf(out);
    return call(op, "edgert_resize_bilinear_f32", "data", a);
  }
  if (auto d = dyn_cast<edge::DepthToSpaceOp>(op)) {
    Value in = d.getInput();
    Args a(*this);
    a.elemSize(in)
        .kind("edgert_d2s_mode", d.getMode())
        .shape(in)
        .i(d.getBlockSize())
        .buf(in)
        .buf(d.getResult());
    return call(op, "edgert_depth_to_space", "data", a);
  }
  if (auto d = dyn_cast<edge::SpaceToDepthOp>(op)) {
    Value in = d.getInput();
    Args a(*this);
    a.elemSize(in).shape(in).i(d.getBlockSize()).buf(in).buf(d.getResult());
    return call(op, "edgert_space_to_depth", "data", a);
  }
  llvm_unreachable("not a data movement op");
}

/// compare, logical, logical_not, select, cast.
LogicalResult Lowering::lowerLogicOp(Operation *op) {
  if (auto c = dyn_cast<edge::CompareOp>(op)) {
    Value l = c.getLhs(), r = c.getRhs(), out = c.getResult();
    Type t = elemType(l);
    if (!t.isF32() && !t.isIntOrIndex())
      return unsupportedType(op, l);
    Args a(*this);
    a.kind("edgert_compare_kind", c.getKind())
        .shape(l)
        .rank(l)
        .buf(l)
        .shape(r)
        .rank(r)
        .buf(r)
        .shape(out)
        .rank(out)
        .buf(out);
    return call(op, "edgert_compare_" + llvm::Twine(elemOf(l).suffix),
                "compare", a);
  }
  if (auto lg = dyn_cast<edge::LogicalOp>(op)) {
    Value l = lg.getLhs(), r = lg.getRhs(), out = lg.getResult();
    Args a(*this);
    a.kind("edgert_logical_kind", lg.getKind())
        .shape(l)
        .rank(l)
        .buf(l)
        .shape(r)
        .rank(r)
        .buf(r)
        .shape(out)
        .rank(out)
        .buf(out);
    return call(op, "edgert_logical", "logical", a);
  }
  if (auto n = dyn_cast<edge::LogicalNotOp>(op)) {
    Args a(*this);
    a.count(n.getInput()).buf(n.getInput()).buf(n.getResult());
    return call(op, "edgert_logical_not", "logical", a);
  }
  if (auto s = dyn_cast<edge::SelectOp>(op)) {
    Value c = op->getOperand(0), t = op->getOperand(1), f = op->getOperand(2);
    Value out = s.getResult();
    Args a(*this);
    a.elemSize(out)
        .shape(c)
        .rank(c)
        .buf(c)
        .shape(t)
        .rank(t)
        .buf(t)
        .shape(f)
        .rank(f)
        .buf(f)
        .shape(out)
        .rank(out)
        .buf(out);
    return call(op, "edgert_select", "logical", a);
  }
  if (auto c = dyn_cast<edge::CastOp>(op)) {
    Value in = c.getInput(), out = c.getResult();
    Args a(*this);
    a.raw(dtypeName(elemType(in)))
        .raw(dtypeName(elemType(out)))
        .count(in)
        .buf(in)
        .buf(out);
    return call(op, "edgert_cast", "cast", a);
  }
  llvm_unreachable("not a logic op");
}

/// reduce, arg, topk, softmax, log_softmax, layer_norm, instance_norm, lrn.
LogicalResult Lowering::lowerReductionOp(Operation *op) {
  if (auto r = dyn_cast<edge::ReduceOp>(op)) {
    Value in = r.getInput();
    Type t = elemType(in);
    if (!t.isF32() && !t.isInteger(32) && !t.isInteger(64))
      return unsupportedType(op, in);
    SmallVector<int64_t> axes;
    for (int64_t ax : r.getAxes())
      axes.push_back(normAxis(ax, in));
    Args a(*this);
    a.kind("edgert_reduce_kind", r.getKind())
        .shape(in)
        .rank(in)
        .buf(in)
        .ints(axes)
        .i(axes.size())
        .buf(r.getResult());
    return call(op, "edgert_reduce_" + llvm::Twine(elemOf(in).suffix),
                "reduce", a);
  }
  if (auto ag = dyn_cast<edge::ArgOp>(op)) {
    Value in = ag.getInput(), out = ag.getResult();
    Type t = elemType(in);
    if (!t.isF32() && !t.isInteger(8) && !t.isInteger(16) &&
        !t.isInteger(32))
      return unsupportedType(op, in);
    Args a(*this);
    a.kind("edgert_arg_kind", ag.getKind())
        .shape(in)
        .rank(in)
        .buf(in)
        .i(normAxis(ag.getAxis(), in))
        .boolean(ag.getSelectLastIndex())
        .buf(out);
    bool i64 = elemType(out).isInteger(64);
    return call(op,
                "edgert_arg_" + llvm::Twine(elemOf(in).suffix) +
                    (i64 ? "_i64" : "_i32"),
                "reduce", a);
  }
  if (auto tk = dyn_cast<edge::TopKOp>(op)) {
    Value in = tk.getInput();
    Type t = elemType(in);
    bool i64 = elemType(tk.getIndices()).isInteger(64);
    if (t.isInteger(64) && !i64)
      return unsupportedType(op, tk.getIndices());
    if (!t.isF32() && !t.isInteger(32) && !t.isInteger(64))
      return unsupportedType(op, in);
    Args a(*this);
    a.shape(in)
        .rank(in)
        .i(normAxis(tk.getAxis(), in))
        .i(tk.getK())
        .boolean(tk.getLargest())
        .buf(in)
        .buf(tk.getValues())
        .buf(tk.getIndices());
    return call(op,
                "edgert_topk_" + llvm::Twine(elemOf(in).suffix) +
                    (i64 ? "_i64" : "_i32"),
                "topk", a);
  }
  if (isa<edge::SoftmaxOp, edge::LogSoftmaxOp>(op)) {
    if (failed(requireF32(op)))
      return failure();
    Value in = op->getOperand(0), out = op->getResult(0);
    int64_t axis = op->getAttrOfType<IntegerAttr>("axis").getInt();
    auto betaAttr = op->getAttrOfType<FloatAttr>("beta");
    Args a(*this);
    a.shape(in)
        .rank(in)
        .i(normAxis(axis, in))
        .f(betaAttr ? static_cast<float>(betaAttr.getValueAsDouble()) : 1.0)
        .buf(in)
        .buf(out);
    return call(op,
                isa<edge::SoftmaxOp>(op) ? "edgert_softmax_f32"
                                         : "edgert_log_softmax_f32",
                "softmax", a);
  }
  if (auto ln = dyn_cast<edge::LayerNormOp>(op)) {
    if (failed(requireF32(op)))
      return failure();
    Value in = ln.getInput();
    Args a(*this);
    a.shape(in)
        .rank(in)
        .i(normAxis(ln.getAxis(), in))
        .f(ln.getEpsilon().convertToFloat())
        .buf(in)
        .buf(ln.getScale())
        .bufOrNull(ln.getBias())
        .buf(ln.getResult());
    return call(op, "edgert_layer_norm_f32", "normalization", a);
  }
  if (auto n = dyn_cast<edge::InstanceNormOp>(op)) {
    if (failed(requireF32(op)))
      return failure();
    Value in = n.getInput();
    Args a(*this);
    a.shape(in)
        .rank(in)
        .f(n.getEpsilon().convertToFloat())
        .buf(in)
        .buf(n.getScale())
        .buf(n.getBias())
        .buf(n.getResult());
    return call(op, "edgert_instance_norm_f32", "normalization", a);
  }
  if (auto n = dyn_cast<edge::LRNOp>(op)) {
    if (failed(requireF32(op)))
      return failure();
    Value in = n.getInput();
    Args a(*this);
    a.shape(in)
        .rank(in)
        .i(n.getSize())
        .f(n.getAlpha().convertToFloat())
        .f(n.getBeta().convertToFloat())
        .f(n.getBias().convertToFloat())
        .buf(in)
        .buf(n.getResult());
    return call(op, "edgert_lrn_f32", "normalization", a);
  }
  llvm_unreachable("not a reduction/normalization op");
}

/// A static const 1-D array (lookup tables, per-axis scales) of `n`
/// elements of `elem` from raw bytes; returns its name.
std::string Lowering::tableGlobal(Type elem, ArrayRef<char> bytes, int64_t n) {
  std::string sym = info.name + "_t" + std::to_string(numTables++);
  OpBuilder::InsertionGuard g(b);
  b.setInsertionPoint(globalsAnchor);
  emitc::GlobalOp::create(b, b.getUnknownLoc(), sym,
                          emitc::ArrayType::get({n}, elem),
                          flatInitializer(ctx, bytes, elem, n, needsMath),
                          false, true, true);
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
      s += (s.empty() ? "" : ", ") + intLiteral(v, 32);
    return s;
  };
  auto qparams = [&]() {
    std::string init = "{" +
                       list({q.inputZp, q.filterZp, q.outputZp, q.actMin,
                             q.actMax, (int64_t)q.multiplier.size()}) +
                       ", " +
                       i32Array(SmallVector<int64_t>(q.multiplier.begin(),
                                                     q.multiplier.end())) +
                       ", " +
                       i32Array(SmallVector<int64_t>(q.shift.begin(),
                                                     q.shift.end())) +
                       "}";
    return "&" + structGlobal("edgert_qparams", init);
  };
  // quant.c holds the fixed-point helpers every quantized kernel calls; it
  // refers to elementwise.c (the table builders' float functions).
  families.insert("quant");
  families.insert("elementwise");
  Args a(*this);
  switch (q.kind) {
  case Kind::NotQuantized:
  case Kind::DataMovement:
    break;
  case Kind::Pad: {
    auto p = cast<edge::PadOp>(op);
    std::string value =
        structGlobal(elemOf(in).cName, std::to_string(q.padValue));
    a.elemSize(in)
        .kind("edgert_pad_mode", p.getMode())
        .shape(in)
        .rank(in)
        .ints(p.getBefore())
        .ints(p.getAfter())
        .raw("&" + value)
        .buf(in)
        .buf(out);
    return call(op, "edgert_pad", "data", a);
  }
  case Kind::Quantize:
  case Kind::Dequantize:
    a.count(in);
    if (q.perAxis) {
      std::vector<char> scales(q.scales.size() * 4);
      std::memcpy(scales.data(), q.scales.data(), scales.size());
      a.i(q.channels)
          .i(q.inner)
          .raw(tableGlobal(b.getF32Type(), scales, q.scales.size()))
          .ints(SmallVector<int64_t>(q.zeroPoints.begin(),
                                     q.zeroPoints.end()));
    } else {
      a.f(q.scale).i(q.zeroPoint);
    }
    a.buf(in).buf(out);
    return call(op, q.kernel, "quant", a);
  case Kind::Requantize: {
    const edgert_rescale &r = q.rescales[0];
    a.raw("&" + structGlobal("edgert_rescale",
                             "{" + list({r.in_zp, r.multiplier, r.shift,
                                         r.out_zp}) +
                                 "}"))
        .count(in)
        .buf(in)
        .buf(out);
    return call(op, q.kernel, "quant", a);
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
    a.raw("&" + conv)
        .raw(qparams())
        .shape(in)
        .buf(in)
        .shape(filter)
        .buf(filter)
        .bufOrNull(op->getNumOperands() > 2 ? op->getOperand(2) : Value())
        .shape(out)
        .buf(out);
    return call(op, q.kernel, "q_conv", a);
  }
  case Kind::FullyConnected: {
    Value w = op->getOperand(1);
    auto wType = cast<ShapedType>(w.getType());
    int64_t n = wType.getDimSize(0), k = wType.getDimSize(1);
    a.raw(qparams())
        .i(k ? countOf(in) / k : 0)
        .i(k)
        .i(n)
        .buf(in)
        .buf(w)
        .bufOrNull(op->getNumOperands() > 2 ? op->getOperand(2) : Value())
        .buf(out);
    return call(op, q.kernel, "q_fully_connected", a);
  }
  case Kind::MatMul: {
    Value r = op->getOperand(1);
    a.raw(qparams()).shape(in).rank(in).buf(in).shape(r).rank(r).buf(r).shape(
        out).rank(out).buf(out);
    return call(op, q.kernel, "q_fully_connected", a);
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
    a.raw("&" + params).shape(in).rank(in).buf(in).shape(r).rank(r).buf(
        r).shape(out).rank(out).buf(out);
    return call(op, q.kernel, "q_elementwise", a);
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
    a.raw("&" + pool)
        .i(q.outputZp)
        .i(q.actMin)
        .i(q.actMax)
        .shape(in)
        .buf(in)
        .shape(out)
        .buf(out);
    return call(op, q.kernel, "q_pooling", a);
  }
  case Kind::Lut: {
    std::vector<char> bytes(q.lut.size());
    std::memcpy(bytes.data(), q.lut.data(), bytes.size());
    a.raw(tableGlobal(b.getIntegerType(8), bytes, 256))
        .count(in)
        .buf(in)
        .buf(out);
    return call(op, q.kernel, "quant", a);
  }
  case Kind::Softmax: {
    std::vector<char> bytes(q.softmaxTable.size() * 4);
    std::memcpy(bytes.data(), q.softmaxTable.data(), bytes.size());
    a.raw(tableGlobal(b.getI32Type(), bytes, 256))
        .shape(in)
        .rank(in)
        .i(q.axis)
        .buf(in)
        .buf(out);
    return call(op, q.kernel, "quant", a);
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
    int64_t batches = k ? countOf(fc.getInput()) / k : 0;
    Args a(*this);
    a.raw(actPtr(fc.getFusedActivationAttr()))
        .i(batches)
        .i(k)
        .i(n)
        .buf(fc.getInput())
        .buf(fc.getWeights())
        .bufOrNull(fc.getBias())
        .buf(fc.getOutput());
    return call(op, "edgert_fully_connected_f32", "fully_connected", a);
  }
  if (auto mm = dyn_cast<edge::MatMulOp>(op)) {
    Value l = mm.getLhs(), r = mm.getRhs(), out = mm.getOutput();
    Type t = elemType(l);
    Args a(*this);
    if (t.isF32()) {
      if (failed(requireF32(op)))
        return failure();
      a.raw(actPtr(mm.getFusedActivationAttr()));
    } else if (!elemType(out).isInteger(32) || elemType(r) != t ||
               !(t.isInteger(8) || t.isInteger(16) || t.isInteger(32))) {
      return unsupportedType(op, l);
    }
    a.shape(l).rank(l).buf(l).shape(r).rank(r).buf(r).shape(out).rank(out).buf(
        out);
    std::string kernel = t.isF32() ? std::string("edgert_matmul_f32")
                                   : std::string("edgert_matmul_") +
                                         elemOf(l).suffix + "_i32";
    return call(op, kernel, "fully_connected", a);
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
    Value in = u.getInput();
    Type t = elemType(in);
    if (!t.isF32() && (t.isInteger(1) || !t.isIntOrFloat()))
      return unsupportedType(op, in);
    Args a(*this);
    a.kind("edgert_unary_kind", u.getKind())
        .count(in)
        .buf(in)
        .buf(u.getOutput());
    return call(op, "edgert_unary_" + llvm::Twine(elemOf(in).suffix),
                "elementwise", a);
  }
  if (auto act = dyn_cast<edge::ActivationOp>(op)) {
    if (failed(requireF32(op)))
      return failure();
    std::string p = actPtr(act.getAct());
    if (p == "NULL")
      p = "&" + structGlobal("edgert_act", actInit(act.getAct()));
    Args a(*this);
    a.raw(p).count(act.getInput()).buf(act.getInput()).buf(act.getOutput());
    return call(op, "edgert_activation_f32", "elementwise", a);
  }
  if (auto p = dyn_cast<edge::PReluOp>(op)) {
    if (failed(requireF32(op)))
      return failure();
    Value in = op->getOperand(0), slope = op->getOperand(1);
    Args a(*this);
    a.shape(in).rank(in).buf(in).shape(slope).rank(slope).buf(slope).buf(
        p.getOutput());
    return call(op, "edgert_prelu_f32", "elementwise", a);
  }
  if (isa<edge::TransposeOp, edge::ConcatOp, edge::SplitOp, edge::SliceOp,
          edge::PadOp, edge::TileOp, edge::BroadcastToOp, edge::GatherOp,
          edge::ResizeOp, edge::DepthToSpaceOp, edge::SpaceToDepthOp>(op))
    return lowerDataOp(op);
  if (isa<edge::CompareOp, edge::LogicalOp, edge::LogicalNotOp, edge::SelectOp,
          edge::CastOp>(op))
    return lowerLogicOp(op);
  if (isa<edge::ReduceOp, edge::ArgOp, edge::TopKOp, edge::SoftmaxOp,
          edge::LogSoftmaxOp, edge::LayerNormOp, edge::InstanceNormOp,
          edge::LRNOp>(op))
    return lowerReductionOp(op);
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
  if (llvm::any_of(llvm::concat<const Type>(func.getArgumentTypes(),
                                            func.getResultTypes()),
                   [](Type t) {
                     return cast<ShapedType>(t).getElementType().isInteger(1);
                   }))
    emitc::IncludeOp::create(b, loc, "stdbool.h", true);
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
  // Outputs that are an input, a constant or another output: copied (a
  // rank-1 identity transpose is a byte copy of any element type).
  for (auto [i, v] : outputCopies) {
    if (countOf(v) == 0)
      continue;
    Args a(*this);
    a.elemSize(v).ints({countOf(v)}).i(1).ints({0}).buf(v);
    a.operands.push_back(entry->getArgument(func.getNumArguments() + i));
    a.attrs.push_back(b.getIndexAttr(a.operands.size() - 1));
    call(loc, "edgert_transpose", "data", a);
  }
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
      std::set<std::string> headers;
    for (const std::string &f : families)
      headers.insert(familyHeader(f).str());
    for (const std::string &h : headers)
      emitc::IncludeOp::create(b, loc, "edgert/" + h + ".h", false);
    if (needsMath) // NAN / INFINITY in weights or parameters
      emitc::IncludeOp::create(b, loc, "math.h", true);
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
