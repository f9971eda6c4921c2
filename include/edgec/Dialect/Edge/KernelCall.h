//===- KernelCall.h - the op->kernel description of edge ops -----*- C++ -*-===//
//
// Every edge op describes the runtime call that executes it, through
// KernelOpInterface::describeKernel (declared on all edge ops by the Edge_Op
// base class in ODS, implemented per op in lib/Dialect/Edge/EdgeKernels.cpp):
// which edgert kernel, and its ordered arguments -- tensors, constant int32
// arrays (shapes, axes), scalars, enum values, lookup tables and parameter
// structs. Parameter structs are built there, once, from the op's attributes
// and quantization parameters.
//
// Back ends only decide *how* to call: the interpreter materializes the
// arguments and calls the C function through a thunk (kernelThunk), the C
// target emits `status = edgert_x(...)` with the constants as static data,
// later back ends emit the call in their own IR. An entry names its kernel
// with `call<&edgert_x>(args...)`: the compiler checks the argument list
// against the prototype in runtime/include/edgert (arity; pointer, integer,
// float, bool, enum and struct kinds), so a description cannot drift from
// the runtime. The edge op verifier runs describeKernel: IR whose element
// types have no kernel is invalid, not a run-time "not supported".
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_DIALECT_EDGE_KERNELCALL_H
#define EDGEC_DIALECT_EDGE_KERNELCALL_H

#include "mlir/IR/Types.h"
#include "mlir/IR/Value.h"
#include "mlir/IR/ValueRange.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include "edgert/edgert.h"

#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace edgec::edge {

//===----------------------------------------------------------------------===//
// The kernel vocabulary (EdgeKernels.def)
//===----------------------------------------------------------------------===//

enum class KernelId : unsigned {
#define EDGE_KERNEL(NAME, FAMILY) NAME,
#include "edgec/Dialect/Edge/EdgeKernels.def"
};

inline constexpr unsigned kNumKernels = 0
#define EDGE_KERNEL(NAME, FAMILY) +1
#include "edgec/Dialect/Edge/EdgeKernels.def"
    ;

/// The C function name ("edgert_conv2d_f32") of a kernel.
llvm::StringRef getKernelName(KernelId id);
/// The runtime family of a kernel: it is defined in runtime/src/<family>.c
/// and declared in runtime/include/edgert/<header>.h.
llvm::StringRef getKernelFamily(KernelId id);
/// Every runtime family (in EdgeKernels.def order).
llvm::ArrayRef<llvm::StringRef> getRuntimeFamilies();
/// The families whose code `family` calls (transitively, `common` included),
/// not including `family` itself. Empty for an unknown family.
llvm::SmallVector<llvm::StringRef> getFamilyDependencies(llvm::StringRef family);

/// Maps a kernel's function to its id; specialized for every EDGE_KERNEL.
template <auto Fn> struct KernelOf;
#define EDGE_KERNEL(NAME, FAMILY)                                              \
  template <> struct KernelOf<&edgert_##NAME> {                                \
    static constexpr KernelId id = KernelId::NAME;                             \
  };
#include "edgec/Dialect/Edge/EdgeKernels.def"

/// The C spelling of the enum and struct types kernel arguments name.
template <typename T> struct CTypeName;
#define EDGE_C_ENUM(TYPE)                                                      \
  template <> struct CTypeName<TYPE> {                                         \
    static constexpr const char *value = #TYPE;                                \
  };
#define EDGE_C_STRUCT(TYPE) EDGE_C_ENUM(TYPE)
#include "edgec/Dialect/Edge/EdgeKernels.def"

//===----------------------------------------------------------------------===//
// Parameter structs
//===----------------------------------------------------------------------===//

/// A constant C parameter struct (edgert_conv2d_params, edgert_qparams, ...)
/// as its fields in declaration order. Back ends lay it out (the
/// interpreter, by the C ABI rules of the host; checked against sizeof) or
/// print it (the C target: a static const initializer).
struct ParamStruct {
  struct Field {
    enum class Kind { I32, F32, Bool, Enum, Struct, I32Array };
    Kind kind = Kind::I32;
    int64_t i = 0;                           ///< I32, Bool, Enum
    double f = 0;                            ///< F32
    const char *cType = nullptr;             ///< Enum: the C enum type
    std::shared_ptr<const ParamStruct> nested; ///< Struct
    std::vector<int32_t> array;              ///< I32Array (`const int32_t *`)
  };
  const char *cType = nullptr;
  /// sizeof / alignof of the C struct, recorded by the builder so that a back
  /// end laying out the fields can check its result.
  size_t cSize = 0, cAlign = 0;
  std::vector<Field> fields;
};

/// Builds a ParamStruct for the C struct `T`, field by field, in the order
/// the runtime header declares them.
template <typename T> class ParamStructBuilder {
public:
  ParamStructBuilder() : s(std::make_shared<ParamStruct>()) {
    s->cType = CTypeName<T>::value;
    s->cSize = sizeof(T);
    s->cAlign = alignof(T);
  }
  ParamStructBuilder &i32(int64_t v) { return add(Kind::I32, v); }
  ParamStructBuilder &f32(double v) {
    ParamStruct::Field f;
    f.kind = Kind::F32;
    f.f = static_cast<float>(v);
    s->fields.push_back(std::move(f));
    return *this;
  }
  ParamStructBuilder &boolean(bool v) { return add(Kind::Bool, v ? 1 : 0); }
  template <typename E> ParamStructBuilder &enumValue(int64_t v) {
    static_assert(std::is_enum_v<E>, "enumValue needs a C enum type");
    ParamStruct::Field f;
    f.kind = Kind::Enum;
    f.i = v;
    f.cType = CTypeName<E>::value;
    s->fields.push_back(std::move(f));
    return *this;
  }
  ParamStructBuilder &nested(std::shared_ptr<const ParamStruct> n) {
    ParamStruct::Field f;
    f.kind = Kind::Struct;
    f.nested = std::move(n);
    s->fields.push_back(std::move(f));
    return *this;
  }
  ParamStructBuilder &i32Array(llvm::ArrayRef<int32_t> v) {
    ParamStruct::Field f;
    f.kind = Kind::I32Array;
    f.array.assign(v.begin(), v.end());
    s->fields.push_back(std::move(f));
    return *this;
  }
  std::shared_ptr<const ParamStruct> get() { return s; }

private:
  using Kind = ParamStruct::Field::Kind;
  ParamStructBuilder &add(Kind k, int64_t v) {
    ParamStruct::Field f;
    f.kind = k;
    f.i = v;
    s->fields.push_back(std::move(f));
    return *this;
  }
  std::shared_ptr<ParamStruct> s;
};

/// Field offsets and the size of `s` laid out by the C ABI rules of the host
/// (naturally aligned scalars and pointers, structs aligned to their widest
/// member); `offsets` gets one entry per field.
size_t layoutParamStruct(const ParamStruct &s,
                         llvm::SmallVectorImpl<size_t> *offsets = nullptr);

//===----------------------------------------------------------------------===//
// Kernel arguments
//===----------------------------------------------------------------------===//

/// One argument of a kernel call.
struct KernelArg {
  enum class Kind {
    Buffer,     ///< the data of a tensor value (`value`; null value = NULL)
    BufferList, ///< an array of tensor data pointers (`values`)
    Int,        ///< an int32_t scalar (`i`)
    Bool,       ///< a bool scalar (`i`)
    Enum,       ///< a C enum value (`i`, `cType`)
    Float,      ///< a float scalar (`f`)
    Ints,       ///< a constant int32_t array (`ints`; empty = NULL)
    Table,      ///< a constant array of `elemType` (`bytes`)
    Struct,     ///< a constant parameter struct (`param`; null = NULL)
  };
  Kind kind = Kind::Int;
  mlir::Value value;
  llvm::SmallVector<mlir::Value, 4> values;
  bool writable = false; ///< BufferList: `void *const *` (outputs)
  int64_t i = 0;
  double f = 0;
  const char *cType = nullptr;
  llvm::SmallVector<int32_t, 6> ints;
  /// Ints: a value did not fit int32_t (getKernelCall rejects the call).
  bool intsOverflow = false;
  /// Table: a builtin element type (f32, i1, i8, i16, i32, i64).
  mlir::Type elemType;
  std::vector<char> bytes;
  std::shared_ptr<const ParamStruct> param;
};

/// The argument builders. Each returns a KernelArg tagged with the C
/// parameter type it may be passed as, for call<>'s compile-time check.
namespace kargs {

/// Any data pointer parameter.
struct AnyPointer {};
/// `const void *const *` or `void *const *`.
struct PointerList {};

template <typename CType> struct Arg {
  KernelArg arg;
};

Arg<AnyPointer> buf(mlir::Value v);
/// The buffer of `v`, or NULL when `v` is null (optional operands).
Arg<AnyPointer> optBuf(mlir::Value v);
Arg<AnyPointer> null();
Arg<PointerList> inputs(mlir::ValueRange values);
Arg<PointerList> outputs(mlir::ValueRange values);
Arg<const int32_t *> ints(llvm::ArrayRef<int64_t> values);
/// The static shape of a ranked tensor value.
Arg<const int32_t *> shape(mlir::Value v);
Arg<int32_t> i32(int64_t v);
Arg<int32_t> rank(mlir::Value v);
/// The number of elements of a statically shaped tensor value.
Arg<int32_t> count(mlir::Value v);
/// The bytes of one stored element of `v` (storage type of quantized types).
Arg<int32_t> elemSize(mlir::Value v);
/// An axis attribute made non-negative for a tensor of `v`'s rank.
Arg<int32_t> axis(int64_t axis, mlir::Value v);
Arg<float> f32(double v);
Arg<bool> boolean(bool v);
template <typename E> Arg<E> enumValue(int64_t v) {
  static_assert(std::is_enum_v<E>, "enumValue needs a C enum type");
  Arg<E> a;
  a.arg.kind = KernelArg::Kind::Enum;
  a.arg.i = v;
  a.arg.cType = CTypeName<E>::value;
  return a;
}
/// A constant array of `elemType` elements (lookup tables, per-axis scales,
/// a pad value), `T` being its C element type.
template <typename T>
Arg<const T *> table(mlir::Type elemType, std::vector<char> bytes) {
  Arg<const T *> a;
  a.arg.kind = KernelArg::Kind::Table;
  a.arg.elemType = elemType;
  a.arg.bytes = std::move(bytes);
  return a;
}
template <typename T>
Arg<const T *> param(std::shared_ptr<const ParamStruct> s) {
  Arg<const T *> a;
  a.arg.kind = KernelArg::Kind::Struct;
  a.arg.param = std::move(s);
  return a;
}

} // namespace kargs

//===----------------------------------------------------------------------===//
// Kernel calls
//===----------------------------------------------------------------------===//

/// How an op executes.
struct KernelCall {
  enum class Kind {
    /// A call of `kernel` with `args`.
    Kernel,
    /// No code: the result is a constant (edge.constant).
    Constant,
    /// No code: result 0 is operand 0's buffer seen with another shape
    /// (edge.reshape).
    Alias,
  };
  Kind kind = Kind::Kernel;
  KernelId kernel{};
  llvm::SmallVector<KernelArg, 12> args;

  llvm::StringRef name() const { return getKernelName(kernel); }
  llvm::StringRef family() const { return getKernelFamily(kernel); }

  static KernelCall constant() {
    KernelCall c;
    c.kind = Kind::Constant;
    return c;
  }
  static KernelCall alias() {
    KernelCall c;
    c.kind = Kind::Alias;
    return c;
  }
};

namespace detail {
template <typename F> struct FunctionTraits;
template <typename R, typename... Ps> struct FunctionTraits<R (*)(Ps...)> {
  using Params = std::tuple<Ps...>;
  static constexpr size_t arity = sizeof...(Ps);
};

template <typename P, typename C> constexpr bool accepts() {
  if constexpr (std::is_same_v<C, kargs::AnyPointer>)
    return std::is_pointer_v<P>;
  else if constexpr (std::is_same_v<C, kargs::PointerList>)
    return std::is_same_v<P, const void *const *> ||
           std::is_same_v<P, void *const *>;
  else
    return std::is_same_v<P, C>;
}

template <typename Params, typename... Cs, size_t... I>
constexpr bool allAccepted(std::index_sequence<I...>) {
  return (accepts<std::tuple_element_t<I, Params>, Cs>() && ...);
}
} // namespace detail

/// The call of kernel `Fn` with `args`, checked at compile time against
/// Fn's prototype.
template <auto Fn, typename... Cs> KernelCall call(kargs::Arg<Cs>... args) {
  using Traits = detail::FunctionTraits<decltype(Fn)>;
  static_assert(Traits::arity == sizeof...(Cs),
                "argument count differs from the kernel's prototype");
  static_assert(detail::allAccepted<typename Traits::Params, Cs...>(
                    std::index_sequence_for<Cs...>{}),
                "an argument's kind differs from the kernel's prototype");
  KernelCall c;
  c.kernel = KernelOf<Fn>::id;
  (c.args.push_back(std::move(args.arg)), ...);
  return c;
}

//===----------------------------------------------------------------------===//
// Calling kernels in-process
//===----------------------------------------------------------------------===//

/// A materialized argument: a pointer, an integer (int, bool, enum) or a
/// floating-point value.
union RawKernelArg {
  const void *p;
  int64_t i;
  double f;
};

/// Calls a kernel with materialized arguments (one per parameter).
using KernelThunk = edgert_status (*)(const RawKernelArg *args);

namespace detail {
template <typename P> P fromRaw(const RawKernelArg &a) {
  if constexpr (std::is_pointer_v<P>)
    return (P)(const_cast<void *>(a.p));
  else if constexpr (std::is_floating_point_v<P>)
    return static_cast<P>(a.f);
  else if constexpr (std::is_same_v<P, bool>)
    return a.i != 0;
  else
    return static_cast<P>(a.i);
}
template <auto Fn, size_t... I>
edgert_status invoke(const RawKernelArg *args, std::index_sequence<I...>) {
  using Params = typename FunctionTraits<decltype(Fn)>::Params;
  return Fn(fromRaw<std::tuple_element_t<I, Params>>(args[I])...);
}
} // namespace detail

template <auto Fn> edgert_status kernelThunk(const RawKernelArg *args) {
  return detail::invoke<Fn>(
      args, std::make_index_sequence<
                detail::FunctionTraits<decltype(Fn)>::arity>{});
}

/// The number of parameters of a kernel's C prototype.
unsigned getKernelArity(KernelId id);

/// The kernel call of `op` (KernelOpInterface::describeKernel), checked to
/// be expressible in the runtime's types: every count, size, shape dimension
/// and integer parameter fits the int32_t the kernels take (a 2^31-element
/// tensor would otherwise become a count of 0). What back ends call.
mlir::LogicalResult getKernelCall(mlir::Operation *op, KernelCall &call,
                                  std::string &why);

/// The verifier hook of KernelOpInterface: an error naming why `op` has no
/// kernel (getKernelCall's reason).
mlir::LogicalResult verifyKernelDescription(mlir::Operation *op);

} // namespace edgec::edge

#endif // EDGEC_DIALECT_EDGE_KERNELCALL_H
