//===- TensorConversion.cpp - ONNX TensorProto to MLIR attributes ---------===//
#include "TensorConversion.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MathExtras.h"

#include <cstring>

using namespace mlir;
using ::onnx::TensorProto;

namespace edgec::import {

std::string onnxTypeName(int32_t dataType) {
  if (::onnx::TensorProto_DataType_IsValid(dataType))
    return ::onnx::TensorProto_DataType_Name(
        static_cast<::onnx::TensorProto_DataType>(dataType));
  return "type " + std::to_string(dataType);
}

Type convertElementType(int32_t dataType, MLIRContext &ctx, StringRef what,
                        std::string &error) {
  Builder b(&ctx);
  switch (dataType) {
  case TensorProto::FLOAT:
    return b.getF32Type();
  case TensorProto::FLOAT16:
    return b.getF16Type();
  case TensorProto::BFLOAT16:
    return b.getBF16Type();
  case TensorProto::DOUBLE:
    return b.getF64Type();
  case TensorProto::BOOL:
    return b.getI1Type();
  case TensorProto::INT8:
    return b.getIntegerType(8);
  case TensorProto::INT16:
    return b.getIntegerType(16);
  case TensorProto::INT32:
    return b.getIntegerType(32);
  case TensorProto::INT64:
    return b.getIntegerType(64);
  case TensorProto::UINT8:
    return b.getIntegerType(8, /*isSigned=*/false);
  case TensorProto::UINT16:
    return b.getIntegerType(16, /*isSigned=*/false);
  case TensorProto::UINT32:
    return b.getIntegerType(32, /*isSigned=*/false);
  case TensorProto::UINT64:
    return b.getIntegerType(64, /*isSigned=*/false);
  case TensorProto::UNDEFINED:
    error = (what + " has no element type").str();
    return {};
  default:
    error = (what + " has element type " + onnxTypeName(dataType) +
             ", which edgec does not support")
                .str();
    return {};
  }
}

std::string formatDims(ArrayRef<int64_t> dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i)
      s += ", ";
    s += std::to_string(dims[i]);
  }
  return s + "]";
}

std::string sanitizeName(StringRef name) {
  std::string out;
  for (char c : name)
    out += (llvm::isAlnum(c) || c == '_' || c == '.') ? c : '_';
  if (out.empty() || llvm::isDigit(out[0]))
    out.insert(out.begin(), '_');
  return out;
}

namespace {

/// Bytes per element of the MLIR storage used for `dataType` (bool: 1 byte).
size_t elementSize(int32_t dataType) {
  switch (dataType) {
  case TensorProto::BOOL:
  case TensorProto::INT8:
  case TensorProto::UINT8:
    return 1;
  case TensorProto::INT16:
  case TensorProto::UINT16:
  case TensorProto::FLOAT16:
  case TensorProto::BFLOAT16:
    return 2;
  case TensorProto::INT32:
  case TensorProto::UINT32:
  case TensorProto::FLOAT:
    return 4;
  default:
    return 8;
  }
}

/// Appends `value` truncated to `size` little-endian bytes.
void appendInt(std::vector<char> &out, uint64_t value, size_t size) {
  for (size_t i = 0; i < size; ++i)
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

template <typename T>
void appendRaw(std::vector<char> &out, const T &value) {
  const char *p = reinterpret_cast<const char *>(&value);
  out.insert(out.end(), p, p + sizeof(T));
}

/// Collects the payload of `t` as little-endian bytes in MLIR's layout.
/// Returns the number of elements found (or -1 with `error` set).
bool extractPayload(const TensorProto &t, int64_t numElements,
                    ArrayRef<int64_t> dims, StringRef what,
                    std::vector<char> &out, std::string &error) {
  int32_t dt = t.data_type();
  size_t esize = elementSize(dt);
  auto mismatch = [&](int64_t have) {
    error = (what + " holds " + Twine(have) + " elements but its dims " +
             formatDims(dims) + " need " + Twine(numElements))
                .str();
    return false;
  };

  if (!t.raw_data().empty()) {
    const std::string &raw = t.raw_data();
    if (raw.size() % esize != 0) {
      error = (what + " holds " + Twine(raw.size()) + " bytes of raw data, " +
               "not a whole number of " + onnxTypeName(dt) + " elements")
                  .str();
      return false;
    }
    int64_t have = static_cast<int64_t>(raw.size() / esize);
    if (have != numElements)
      return mismatch(have);
    out.assign(raw.begin(), raw.end());
    if (dt == TensorProto::BOOL)
      for (char &c : out)
        c = c ? 1 : 0;
    return true;
  }

  // The typed fields are counted before anything is allocated: dims may
  // claim up to 2^40 elements that the file does not hold.
  int64_t have = 0;
  switch (dt) {
  case TensorProto::FLOAT:
    have = t.float_data_size();
    if (have != numElements)
      return mismatch(have);
    for (float v : t.float_data())
      appendRaw(out, v);
    return true;
  case TensorProto::DOUBLE:
    have = t.double_data_size();
    if (have != numElements)
      return mismatch(have);
    for (double v : t.double_data())
      appendRaw(out, v);
    return true;
  case TensorProto::INT64:
    have = t.int64_data_size();
    if (have != numElements)
      return mismatch(have);
    for (int64_t v : t.int64_data())
      appendRaw(out, v);
    return true;
  case TensorProto::UINT32:
  case TensorProto::UINT64:
    have = t.uint64_data_size();
    if (have != numElements)
      return mismatch(have);
    for (uint64_t v : t.uint64_data())
      appendInt(out, v, esize);
    return true;
  default:
    // int32_data carries INT32, INT16, INT8, UINT16, UINT8, BOOL and the bit
    // patterns of FLOAT16 / BFLOAT16.
    have = t.int32_data_size();
    if (have != numElements)
      return mismatch(have);
    for (int32_t v : t.int32_data()) {
      if (dt == TensorProto::BOOL)
        out.push_back(v ? 1 : 0);
      else
        appendInt(out, static_cast<uint64_t>(static_cast<int64_t>(v)), esize);
    }
    return true;
  }
}

} // namespace

ElementsAttr convertTensor(const TensorProto &t, MLIRContext &ctx,
                           ConstantForm form, StringRef what,
                           StringRef resourceKey, std::string &error) {
  if (t.data_type() == TensorProto::STRING) {
    error = (what + " is a string tensor; edgec does not support string "
                    "tensors")
                .str();
    return {};
  }
  if (t.data_location() == TensorProto::EXTERNAL) {
    error = (what + " still refers to external data").str();
    return {};
  }
  Type elementType = convertElementType(t.data_type(), ctx, what, error);
  if (!elementType)
    return {};

  SmallVector<int64_t> dims(t.dims().begin(), t.dims().end());
  int64_t numElements = 1;
  for (int64_t d : dims) {
    if (d < 0) {
      error = (what + " has a negative dimension in " + formatDims(dims)).str();
      return {};
    }
    if (d != 0 && numElements > (int64_t(1) << 40) / d) {
      error = (what + " is too large: dims " + formatDims(dims)).str();
      return {};
    }
    numElements *= d;
  }

  std::vector<char> bytes;
  if (!extractPayload(t, numElements, dims, what, bytes, error))
    return {};

  // The payload is little-endian at the element's byte width, booleans one
  // byte each: ConstantTensor's packed form.
  auto type = RankedTensorType::get(dims, elementType);
  return buildElementsAttr(type, bytes, sanitizeName(resourceKey), form);
}

} // namespace edgec::import
