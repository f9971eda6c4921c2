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
#include "edgec/Targets/C/RuntimeFamilies.h"

#include "edgec/Dialect/Edge/EdgeAttrs.h"
#include "edgec/Dialect/Edge/EdgeDialect.h"
#include "edgec/Dialect/Edge/EdgeOps.h"
#include "edgec/Support/ConstantTensor.h"
#include "edgec/Support/GraphSignature.h"
#include "edgec/Support/NodeName.h"

#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Pass/Pass.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdio>
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

/// An error at `op` starting with describeOp(op): `node 'name' (edge.op): `.
InFlightDiagnostic nodeError(Operation *op) {
  InFlightDiagnostic d = op->emitError();
  d << describeOp(op) << ": ";
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

/// The blob section kind of a C element type.
BlobKind blobKindOf(const CElem &e) {
  StringRef s = e.suffix;
  if (s == "f32")
    return BlobKind::F32;
  if (s == "bool")
    return BlobKind::Bool;
  if (s == "u8")
    return BlobKind::U8;
  if (s == "i8")
    return BlobKind::I8;
  if (s == "i16")
    return BlobKind::I16;
  if (s == "i32")
    return BlobKind::I32;
  assert(s == "i64" && "unexpected C element");
  return BlobKind::I64;
}

/// Raw little-endian bytes of a constant (dense or dense_resource).
std::optional<std::vector<char>> constantBytes(ElementsAttr attr,
                                               int64_t elemBytes) {
  std::optional<ConstantTensor> ct = ConstantTensor::get(attr);
  if (!ct || ct->getElementBytes() != elemBytes)
    return std::nullopt;
  return ct->getExpandedData();
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
  void emitBlobBinding(Operation *headerAnchor);
  std::string tableGlobal(Type elem, ArrayRef<char> bytes, int64_t n);
  std::string structInit(const edge::ParamStruct &s);

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
  info.separateWeights = options.separateWeights;
  bool useBlob = options.separateWeights || total > options.weightsThreshold;
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
      if (options.separateWeights)
        info.blobSections.push_back({info.weightsBlob.size(), bytes.size(), 16,
                                     static_cast<uint32_t>(blobKindOf(elem))});
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

/// A static const 1-D array (lookup tables, per-axis scales, a pad value)
/// of `n` elements of `elem` from raw bytes; returns its name.
std::string Lowering::tableGlobal(Type elem, ArrayRef<char> bytes, int64_t n) {
  std::string sym = info.name + "_t" + std::to_string(numTables++);
  OpBuilder::InsertionGuard g(b);
  b.setInsertionPoint(globalsAnchor);
  Type cType = elem.isInteger(1) ? emitc::OpaqueType::get(ctx, "bool") : elem;
  emitc::GlobalOp::create(b, b.getUnknownLoc(), sym,
                          emitc::ArrayType::get({n}, cType),
                          flatInitializer(ctx, bytes, elem, n, needsMath),
                          false, true, true);
  return sym;
}

/// --weights separate: the blob API in the header (after `headerAnchor`)
/// and in the source the bound payload pointer, the model hash (a
/// placeholder writeCModel replaces), the expected section table and
/// <name>_verify_weights / <name>_bind_weights. Function bodies are
/// emitc.verbatim: they only forward to edgert_blob_check_model.
void Lowering::emitBlobBinding(Operation *headerAnchor) {
  const std::string &name = info.name;
  const std::string NAME = upper(name);
  Location loc = func.getLoc();
  auto verbatim = [&](const llvm::Twine &s) {
    emitc::VerbatimOp::create(b, loc, b.getStringAttr(s.str()));
  };
  families.insert("blob");
  uint64_t payloadSize = info.weightsBlob.size();
  size_t n = info.blobSections.size();
  {
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPointAfter(headerAnchor);
    verbatim("/* Weights: " + name +
             ".weights.bin (--weights separate, "
             "docs/ota.md). Bind a verified copy before " +
             name +
             "_run; it is used in place (flash is fine) and must stay "
             "readable and unchanged while bound. */");
    verbatim("#define " + NAME + "_WEIGHTS_BLOB_SIZE " +
             std::to_string(weightsBlobSize(n, payloadSize)) +
             " /* bytes of the blob: fixed by the model */");
    verbatim("#define " + NAME + "_WEIGHTS_BLOB_ALIGN " +
             std::to_string(kBlobAlign) +
             " /* its address must be a "
             "multiple of this */");
    verbatim("#define " + NAME + "_MODEL_HASH \"" +
             std::string(kModelHashPlaceholder) + "_HEX\"");
    verbatim(
        "/* Checks a blob completely (structure, CRC-32, SHA-256, model "
        "hash, layout) without binding it: 0 or an edgert_blob_status. */");
    verbatim("int " + name + "_verify_weights(const void *blob, size_t size);");
    verbatim("/* The same checks, then uses the blob's weights in place from "
             "now on; on failure the previous binding (or none) is kept. "
             "Not to be called while " +
             name + "_run is running. */");
    verbatim("int " + name + "_bind_weights(const void *blob, size_t size);");
  }
  OpBuilder::InsertionGuard g(b);
  b.setInsertionPoint(globalsAnchor);
  verbatim("/* The bound payload (" + name +
           "_bind_weights); NULL until "
           "then. */");
  verbatim("static const uint8_t *" + name + "_weights = NULL;");
  verbatim("static const uint8_t " + name +
           "_model_hash[32] = " + std::string(kModelHashPlaceholder) + ";");
  std::string table = "NULL";
  if (n) {
    std::string rows;
    for (const BlobSection &s : info.blobSections)
      rows += (rows.empty() ? "\n    {" : ",\n    {") +
              std::to_string(s.offset) + "u, " + std::to_string(s.size) +
              "u, " + std::to_string(s.align) + "u, " + std::to_string(s.kind) +
              "u}";
    verbatim("static const edgert_blob_section " + name + "_sections[" +
             std::to_string(n) + "] = {" + rows + "};");
    table = name + "_sections";
  }
  std::string args = "blob, size, " + name + "_model_hash, " + table + ", " +
                     std::to_string(n) + "u";
  verbatim("int " + name +
           "_verify_weights(const void *blob, size_t size) "
           "{\n  return (int)edgert_blob_check_model(" +
           args + ", NULL);\n}");
  verbatim("int " + name +
           "_bind_weights(const void *blob, size_t size) {\n"
           "  const uint8_t *payload = NULL;\n"
           "  int status = (int)edgert_blob_check_model(" +
           args +
           ", &payload);\n"
           "  if (status == 0)\n    " +
           name +
           "_weights = payload;\n"
           "  return status;\n}");
}

/// The initializer of a parameter struct, fields in declaration order.
std::string Lowering::structInit(const edge::ParamStruct &s) {
  std::string init;
  for (const edge::ParamStruct::Field &f : s.fields) {
    init += init.empty() ? "{" : ", ";
    using Kind = edge::ParamStruct::Field::Kind;
    switch (f.kind) {
    case Kind::I32:
      init += intLiteral(f.i, 32);
      break;
    case Kind::Bool:
      init += f.i ? "1" : "0";
      break;
    case Kind::Enum:
      init += "(" + std::string(f.cType) + ")" + std::to_string(f.i);
      break;
    case Kind::F32:
      init += floatLit(f.f);
      break;
    case Kind::Struct:
      init += structInit(*f.nested);
      break;
    case Kind::I32Array:
      init += i32Array(SmallVector<int64_t>(f.array.begin(), f.array.end()));
      break;
    }
  }
  return init + "}";
}

/// One call per op, from the op->kernel description
/// (edge::KernelOpInterface): constant arguments become static const data,
/// tensors pointers into the arena, the weights or the caller's buffers.
LogicalResult Lowering::lowerOp(Operation *op) {
  edge::KernelCall kernel;
  std::string why;
  if (failed(edge::getKernelCall(op, kernel, why)))
    return nodeError(op) << "'" << op->getName() << "' op " << why;
  if (kernel.kind != edge::KernelCall::Kind::Kernel)
    return success(); // constants and reshapes are bound, not computed
  Args a(*this);
  for (const edge::KernelArg &arg : kernel.args) {
    switch (arg.kind) {
    case edge::KernelArg::Kind::Buffer:
      a.bufOrNull(arg.value);
      break;
    case edge::KernelArg::Kind::BufferList:
      a.raw(pointerList(op,
                        (kernel.name().drop_front(strlen("edgert_")) +
                         (arg.writable ? "_outputs" : "_inputs"))
                            .str(),
                        !arg.writable, arg.values));
      break;
    case edge::KernelArg::Kind::Int:
      a.raw(intLiteral(arg.i, 32));
      break;
    case edge::KernelArg::Kind::Bool:
      a.boolean(arg.i != 0);
      break;
    case edge::KernelArg::Kind::Enum:
      a.raw("(" + llvm::Twine(arg.cType) + ")" + llvm::Twine(arg.i));
      break;
    case edge::KernelArg::Kind::Float:
      a.f(arg.f);
      break;
    case edge::KernelArg::Kind::Ints:
      a.ints(SmallVector<int64_t>(arg.ints.begin(), arg.ints.end()));
      break;
    case edge::KernelArg::Kind::Table: {
      int64_t elemBytes =
          arg.elemType.isInteger(1) ? 1 : arg.elemType.getIntOrFloatBitWidth() / 8;
      a.raw(tableGlobal(arg.elemType, arg.bytes,
                        static_cast<int64_t>(arg.bytes.size()) / elemBytes));
      break;
    }
    case edge::KernelArg::Kind::Struct:
      a.raw(arg.param ? "&" + structGlobal(arg.param->cType,
                                           structInit(*arg.param))
                      : std::string("NULL"));
      break;
    }
  }
  call(op->getLoc(), kernel.name(), kernel.family(), a);
  return success();
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
  // The blob API goes after the prototype once the layout is known.
  Operation *headerBlobAnchor = decl;
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
  if (options.separateWeights) {
    emitBlobBinding(headerBlobAnchor);
  } else if (!info.weightsBlob.empty()) {
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPoint(familyAnchor);
    verbatim("/* The weights blob (" + name + ".weights.bin, linked by " +
             name + "_weights.S), 16-byte aligned. */");
    verbatim("extern const uint8_t " + name + "_weights[];");
  }
  b.setInsertionPointToStart(entry);
  if (options.separateWeights)
    verbatim("if (" + name + "_weights == NULL) return EDGERT_ERR_NO_WEIGHTS;");
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
  info.families.assign(families.begin(), families.end());
  {
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPoint(familyAnchor);
    for (const std::string &h : getRuntimeHeaders(info.families))
      emitc::IncludeOp::create(b, loc, "edgert/" + h + ".h", false);
    if (needsMath) // NAN / INFINITY in weights or parameters
      emitc::IncludeOp::create(b, loc, "math.h", true);
  }
  return success();
}

struct EdgeToEmitCPass : impl::EdgeToEmitCBase<EdgeToEmitCPass> {
  using EdgeToEmitCBase::EdgeToEmitCBase;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::string error;
    func::FuncOp func = getGraphFunction(module, error);
    if (!func) {
      module.emitError("edge-to-emitc: ") << error;
      return signalPassFailure();
    }
    CTargetOptions options;
    options.name = name;
    options.weightsThreshold = weightsThreshold;
    CTargetInfo info;
    if (failed(buildCModule(func, options, module, info)))
      return signalPassFailure();
    func.erase();
    if (!info.weightsBlob.empty()) {
      auto type = RankedTensorType::get({(int64_t)info.weightsBlob.size()},
                                        IntegerType::get(&getContext(), 8));
      module->setAttr("edge.c.weights_blob",
                      buildElementsAttr(type, info.weightsBlob,
                                        info.name + "_weights",
                                        ConstantForm::Resource));
    }
  }
};

} // namespace

LogicalResult buildCModule(func::FuncOp func, const CTargetOptions &options,
                           ModuleOp into, CTargetInfo &info) {
  func.getContext()->getOrLoadDialect<emitc::EmitCDialect>();
  return Lowering(func, options, into, info).run();
}

/// `s` as the body of an assembler string literal: `"` and `\` escaped,
/// every byte outside printable ASCII as an octal escape, so a path (the
/// user's $TMPDIR, an output directory) cannot end the string or the line
/// and inject directives.
static std::string asmStringBody(StringRef s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c > 0x7e) {
      char buf[5];
      std::snprintf(buf, sizeof(buf), "\\%03o", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string makeWeightsAsmStub(StringRef name, StringRef blobFile) {
  std::string s;
  llvm::raw_string_ostream os(s);
  // `name` is a C identifier (sanitized); the path appears only inside the
  // escaped string.
  os << "/* " << name << "_weights.S -- generated by edgec: embeds the "
     << "weights blob as " << name << "_weights. */\n"
     << "    .section .rodata." << name << "_weights, \"a\"\n"
     << "    .global " << name << "_weights\n"
     << "    .type " << name << "_weights, %object\n"
     << "    .balign 16\n"
     << name << "_weights:\n"
     << "    .incbin \"" << asmStringBody(blobFile) << "\"\n"
     << "    .size " << name << "_weights, . - " << name << "_weights\n"
     << "    .section .note.GNU-stack, \"\", %progbits\n";
  return s;
}

} // namespace edgec::ctarget
