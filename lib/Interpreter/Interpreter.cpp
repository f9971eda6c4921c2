//===- Interpreter.cpp - host execution of edge IR ------------------------===//
#include "edgec/Interpreter/Interpreter.h"

#include "edgec/Dialect/Edge/EdgeOps.h"
#include "edgec/Support/ConstantTensor.h"
#include "edgec/Support/NodeName.h"
#include "edgec/Support/GraphInputs.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/DenseMap.h"

#include "edgert/edgert.h"

#include <cstring>

using namespace mlir;

namespace edgec {


std::string Interpreter::describeOp(Operation *op) {
  return edgec::describeOp(op);
}

namespace {

/// A tensor value during execution.
struct Buffer {
  ElemType type = ElemType::F32;
  SmallVector<int32_t, 6> shape;
  std::vector<char> data;
  int32_t count() const {
    int64_t n = 1;
    for (int32_t d : shape)
      n *= d;
    return static_cast<int32_t>(n);
  }
};

SmallVector<int32_t, 6> toI32(ArrayRef<int64_t> v) {
  SmallVector<int32_t, 6> r;
  for (int64_t x : v)
    r.push_back(static_cast<int32_t>(x));
  return r;
}

/// Every kernel of EdgeKernels.def, callable with materialized arguments.
constexpr edge::KernelThunk kThunks[] = {
#define EDGE_KERNEL(NAME, FAMILY) &edge::kernelThunk<&edgert_##NAME>,
#include "edgec/Dialect/Edge/EdgeKernels.def"
};
static_assert(std::size(kThunks) == edge::kNumKernels);

} // namespace

/// An op ready to run: its kernel call with every constant argument
/// (shapes, tables, parameter structs) materialized once, by create().
struct Interpreter::PreparedOp {
  Operation *op = nullptr;
  edge::KernelCall call;
  /// One per kernel parameter; Buffer / BufferList entries are filled at
  /// run time.
  SmallVector<edge::RawKernelArg, 12> raw;
  /// Bytes the constant arguments point into (moving a vector keeps its
  /// data where it is).
  std::vector<std::vector<char>> storage;
};

namespace {

template <typename T> const void *keep(std::vector<std::vector<char>> &storage,
                                       ArrayRef<T> values) {
  if (values.empty())
    return nullptr;
  std::vector<char> bytes(values.size() * sizeof(T));
  std::memcpy(bytes.data(), values.data(), bytes.size());
  storage.push_back(std::move(bytes));
  return storage.back().data();
}

/// Lays out `s` by the host's C ABI (checked against the runtime's sizeof)
/// into storage; returns its address.
const void *materialize(const edge::ParamStruct &s,
                        std::vector<std::vector<char>> &storage,
                        std::string &error) {
  SmallVector<size_t> offsets;
  size_t size = edge::layoutParamStruct(s, &offsets);
  if (size != s.cSize) {
    error = std::string("internal error: laid out ") + s.cType + " in " +
            std::to_string(size) + " bytes, the runtime's has " +
            std::to_string(s.cSize);
    return nullptr;
  }
  std::vector<char> bytes(size, 0);
  for (auto [field, offset] : llvm::zip(s.fields, offsets)) {
    char *at = bytes.data() + offset;
    using Kind = edge::ParamStruct::Field::Kind;
    switch (field.kind) {
    case Kind::I32:
    case Kind::Enum: {
      int32_t v = static_cast<int32_t>(field.i);
      std::memcpy(at, &v, sizeof(v));
      break;
    }
    case Kind::F32: {
      float v = static_cast<float>(field.f);
      std::memcpy(at, &v, sizeof(v));
      break;
    }
    case Kind::Bool: {
      bool v = field.i != 0;
      std::memcpy(at, &v, sizeof(v));
      break;
    }
    case Kind::Struct: {
      std::vector<std::vector<char>> nested;
      const void *n = materialize(*field.nested, nested, error);
      if (!n)
        return nullptr;
      std::memcpy(at, n, field.nested->cSize);
      for (auto &b : nested)
        storage.push_back(std::move(b));
      break;
    }
    case Kind::I32Array: {
      const void *p = keep(storage, ArrayRef<int32_t>(field.array));
      std::memcpy(at, &p, sizeof(p));
      break;
    }
    }
  }
  storage.push_back(std::move(bytes));
  return storage.back().data();
}

/// One execution of a function.
class Executor {
public:
  std::string error;
  llvm::DenseMap<Value, Buffer> values;

  const Buffer &get(Value v) { return values[v]; }
  /// Allocates the result buffer of `v` from its type.
  Buffer &alloc(Value v) {
    auto type = cast<RankedTensorType>(v.getType());
    Buffer &b = values[v];
    getElemType(type.getElementType(), b.type);
    b.shape = toI32(type.getShape());
    b.data.assign(static_cast<size_t>(b.count()) * elemTypeSize(b.type), 0);
    return b;
  }

  LogicalResult fail(Operation *op, const std::string &msg) {
    error = Interpreter::describeOp(op) + ": " + msg;
    return failure();
  }

  LogicalResult execute(Interpreter::PreparedOp &p);
  LogicalResult constant(edge::ConstantOp op);
};

LogicalResult Executor::constant(edge::ConstantOp op) {
  std::optional<ConstantTensor> ct =
      ConstantTensor::get(cast<Attribute>(op.getValue()));
  if (!ct)
    return fail(op, "cannot read the constant's value (elided or malformed "
                    "resource blob?)");
  Buffer &b = alloc(op.getResult());
  size_t elem = elemTypeSize(b.type);
  if (ct->getElementBytes() != elem)
    return fail(op, "constant element width does not match its type");
  std::vector<char> data = ct->getExpandedData();
  if (data.size() != b.data.size())
    return fail(op, "constant data size does not match its type");
  b.data = std::move(data);
  return success();
}

LogicalResult Executor::execute(Interpreter::PreparedOp &p) {
  Operation *op = p.op;
  switch (p.call.kind) {
  case edge::KernelCall::Kind::Constant:
    return constant(cast<edge::ConstantOp>(op));
  case edge::KernelCall::Kind::Alias: {
    std::vector<char> data = get(op->getOperand(0)).data;
    Buffer &ob = alloc(op->getResult(0));
    if (data.size() != ob.data.size())
      return fail(op, "element counts differ");
    ob.data = std::move(data);
    return success();
  }
  case edge::KernelCall::Kind::Kernel:
    break;
  }
  for (Value r : op->getResults())
    alloc(r);
  // Buffers are known now; pointer lists live until the call returns.
  SmallVector<SmallVector<const void *, 4>, 2> lists;
  for (auto [arg, raw] : llvm::zip(p.call.args, p.raw)) {
    if (arg.kind == edge::KernelArg::Kind::Buffer) {
      raw.p = arg.value ? values[arg.value].data.data() : nullptr;
    } else if (arg.kind == edge::KernelArg::Kind::BufferList) {
      auto &list = lists.emplace_back();
      for (Value v : arg.values)
        list.push_back(values[v].data.data());
      raw.p = list.data();
    }
  }
  edgert_status status =
      kThunks[static_cast<unsigned>(p.call.kernel)](p.raw.data());
  if (status == EDGERT_OK)
    return success();
  return fail(op, p.call.name().str() +
                      (status == EDGERT_ERR_UNSUPPORTED
                           ? " does not support these operands"
                           : " rejected its operands (invalid arguments)"));
}

} // namespace

std::string Interpreter::checkSupported(Operation *op,
                                        edge::KernelCall *call) {
  if (isa<func::ReturnOp>(op))
    return "";
  if (op->getNumRegions())
    return describeOp(op) + ": ops with regions are not supported";
  if (op->getDialect() == nullptr ||
      op->getName().getDialectNamespace() != "edge")
    return describeOp(op) + ": op is not supported by the interpreter";
  std::string why;
  for (Type t : op->getOperandTypes())
    if (!isHostTensorType(t, why))
      return describeOp(op) + ": " + why;
  for (Type t : op->getResultTypes())
    if (!isHostTensorType(t, why))
      return describeOp(op) + ": " + why;
  edge::KernelCall local;
  if (failed(edge::getKernelCall(op, call ? *call : local, why)))
    return describeOp(op) + ": '" + op->getName().getStringRef().str() +
           "' op " + why;
  return "";
}

Interpreter::Interpreter(func::FuncOp func) : func(func) {}
Interpreter::~Interpreter() = default;

std::unique_ptr<Interpreter> Interpreter::create(func::FuncOp func,
                                                 std::string &error) {
  if (func.isExternal()) {
    error = "function '" + func.getName().str() + "' has no body";
    return nullptr;
  }
  if (!func.getBody().hasOneBlock()) {
    error = "function '" + func.getName().str() + "' has several blocks";
    return nullptr;
  }
  std::unique_ptr<Interpreter> interp(new Interpreter(func));
  if (!getFunctionSignature(func, interp->inputs, interp->outputs, error))
    return nullptr;
  for (Operation &op : func.getBody().front()) {
    if (isa<func::ReturnOp>(op))
      continue;
    // The kernel call, its constant arguments materialized once.
    PreparedOp &p = *interp->ops.emplace_back(std::make_unique<PreparedOp>());
    p.op = &op;
    std::string why = checkSupported(&op, &p.call);
    if (!why.empty()) {
      error = why;
      return nullptr;
    }
    if (p.call.kind != edge::KernelCall::Kind::Kernel)
      continue;
    if (p.call.args.size() != edge::getKernelArity(p.call.kernel)) {
      error = describeOp(&op) + ": internal error: " + p.call.name().str() +
              " described with a wrong argument count";
      return nullptr;
    }
    for (const edge::KernelArg &arg : p.call.args) {
      edge::RawKernelArg &raw = p.raw.emplace_back();
      raw.p = nullptr;
      switch (arg.kind) {
      case edge::KernelArg::Kind::Buffer:
      case edge::KernelArg::Kind::BufferList:
        break; // at run time
      case edge::KernelArg::Kind::Int:
      case edge::KernelArg::Kind::Bool:
      case edge::KernelArg::Kind::Enum:
        raw.i = arg.i;
        break;
      case edge::KernelArg::Kind::Float:
        raw.f = arg.f;
        break;
      case edge::KernelArg::Kind::Ints:
        raw.p = keep(p.storage, ArrayRef<int32_t>(arg.ints));
        break;
      case edge::KernelArg::Kind::Table:
        raw.p = keep(p.storage, ArrayRef<char>(arg.bytes));
        break;
      case edge::KernelArg::Kind::Struct:
        if (arg.param && !(raw.p = materialize(*arg.param, p.storage, why))) {
          error = describeOp(&op) + ": " + why;
          return nullptr;
        }
        break;
      }
    }
  }
  return interp;
}

LogicalResult Interpreter::run(const std::vector<HostTensor> &args,
                               std::vector<HostTensor> &results,
                               std::string &error, Observer observer) {
  if (!checkGraphInputs(inputs, args, error))
    return failure();
  Executor ex;
  Block &body = func.getBody().front();
  for (unsigned i = 0; i < args.size(); ++i) {
    const GraphTensorInfo &ti = inputs[i];
    const HostTensor &t = args[i];
    Buffer &b = ex.alloc(body.getArgument(i));
    if (b.data.size() != t.data.size()) {
      error = "input '" + ti.name + "': wrong data size";
      return failure();
    }
    b.data = t.data;
  }
  // The observer sees each tensor through one reused HostTensor.
  HostTensor seen;
  auto observe = [&](Value v) {
    const Buffer &b = ex.get(v);
    seen.type = b.type;
    seen.shape.assign(b.shape.begin(), b.shape.end());
    seen.data = b.data;
    observer(v, seen);
  };
  if (observer)
    for (BlockArgument arg : body.getArguments())
      observe(arg);
  auto prepared = ops.begin();
  for (Operation &op : body) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      results.clear();
      for (unsigned i = 0; i < ret.getNumOperands(); ++i) {
        const Buffer &b = ex.get(ret.getOperand(i));
        HostTensor t;
        t.name = outputs[i].name;
        t.type = b.type;
        t.shape.assign(b.shape.begin(), b.shape.end());
        t.data = b.data;
        results.push_back(std::move(t));
      }
      return success();
    }
    if (failed(ex.execute(**prepared++))) {
      error = ex.error;
      return failure();
    }
    if (observer)
      for (Value result : op.getResults())
        observe(result);
  }
  error = "function has no return";
  return failure();
}

} // namespace edgec
