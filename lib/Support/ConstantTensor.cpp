//===- ConstantTensor.cpp - reading and building tensor constants ---------===//
#include "edgec/Support/ConstantTensor.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

#include <cstring>

using namespace mlir;
using namespace edgec;

unsigned edgec::getPackedElementBytes(Type elementType) {
  return (elementType.getIntOrFloatBitWidth() + 7) / 8;
}

static void storeBits(const APInt &bits, char *dst, unsigned numBytes) {
  APInt wide = bits.zextOrTrunc(numBytes * 8);
  llvm::StoreIntToMemory(wide, reinterpret_cast<uint8_t *>(dst), numBytes);
}

std::optional<ConstantTensor> ConstantTensor::get(Attribute attr) {
  auto elements = dyn_cast_or_null<ElementsAttr>(attr);
  if (!elements)
    return std::nullopt;
  auto type = dyn_cast<ShapedType>(elements.getType());
  if (!type || !type.hasStaticShape())
    return std::nullopt;
  Type elementType = type.getElementType();
  if (!isa<IntegerType, FloatType>(elementType))
    return std::nullopt;

  ConstantTensor result;
  result.type = type;
  result.numElements = type.getNumElements();
  result.elementBytes = getPackedElementBytes(elementType);

  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    result.splat = dense.isSplat();
    int64_t count = result.splat ? 1 : result.numElements;
    result.owned.resize(count * result.elementBytes);
    char *dst = result.owned.data();
    auto store = [&](const APInt &bits) {
      storeBits(bits, dst, result.elementBytes);
      dst += result.elementBytes;
    };
    if (isa<FloatType>(elementType)) {
      if (result.splat)
        store(dense.getSplatValue<APFloat>().bitcastToAPInt());
      else
        for (const APFloat &value : dense.getValues<APFloat>())
          store(value.bitcastToAPInt());
    } else {
      if (result.splat)
        store(dense.getSplatValue<APInt>());
      else
        for (const APInt &value : dense.getValues<APInt>())
          store(value);
    }
    result.bytes = result.owned;
    return result;
  }

  if (auto dense = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = dense.getRawHandle().getBlob();
    // Elided, e.g. printed with --mlir-elide-resource-strings-if-larger.
    if (!blob)
      return std::nullopt;
    ArrayRef<char> data = blob->getData();
    if (static_cast<int64_t>(data.size()) !=
        result.numElements * result.elementBytes)
      return std::nullopt;
    result.resource = true;
    result.bytes = data;
    return result;
  }
  return std::nullopt;
}

std::optional<ConstantTensor> ConstantTensor::get(Value value) {
  Attribute attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  return get(attr);
}

bool ConstantTensor::isUnsigned() const {
  auto intType = dyn_cast<IntegerType>(getElementType());
  return intType && (intType.isUnsigned() || intType.getWidth() == 1);
}

APInt ConstantTensor::getBits(int64_t i) const {
  ArrayRef<char> data = getElementData(i);
  APInt wide(elementBytes * 8, 0);
  llvm::LoadIntFromMemory(wide, reinterpret_cast<const uint8_t *>(data.data()),
                          elementBytes);
  return wide.trunc(getElementType().getIntOrFloatBitWidth());
}

APFloat ConstantTensor::getFloat(int64_t i) const {
  auto floatType = cast<FloatType>(getElementType());
  return APFloat(floatType.getFloatSemantics(), getBits(i));
}

int64_t ConstantTensor::getInt64(int64_t i) const {
  APInt bits = getBits(i);
  return isUnsigned() ? static_cast<int64_t>(bits.getZExtValue())
                      : bits.getSExtValue();
}

std::vector<char> ConstantTensor::getExpandedData() const {
  if (!splat)
    return std::vector<char>(bytes.begin(), bytes.end());
  std::vector<char> out;
  out.reserve(numElements * elementBytes);
  for (int64_t i = 0; i < numElements; ++i)
    out.insert(out.end(), bytes.begin(), bytes.end());
  return out;
}

SmallVector<int64_t> ConstantTensor::getInt64s() const {
  SmallVector<int64_t> values;
  values.reserve(numElements);
  for (int64_t i = 0; i < numElements; ++i)
    values.push_back(getInt64(i));
  return values;
}

ElementsAttr edgec::buildElementsAttr(ShapedType type, ArrayRef<char> data,
                                      StringRef key, ConstantForm form) {
  Type elementType = type.getElementType();
  unsigned elementBytes = getPackedElementBytes(elementType);
  int64_t numElements = type.getNumElements();
  bool splat =
      static_cast<int64_t>(data.size()) == elementBytes && numElements != 1;
  assert((splat ||
          static_cast<int64_t>(data.size()) == numElements * elementBytes) &&
         "packed data does not match the type");

  bool asResource =
      !splat && numElements > 0 &&
      (form == ConstantForm::Resource || (form == ConstantForm::InlineIfSmall &&
                                          numElements > kInlineElementLimit));
  if (asResource) {
    // Aligned to the element size, as the textual form's blobs are. A
    // DenseResourceElementsAttr of i1 holds a byte per element, as the
    // packed form does.
    AsmResourceBlob blob = HeapAsmResourceBlob::allocateAndCopyWithAlign(
        data, elementBytes, /*dataIsMutable=*/false);
    return DenseResourceElementsAttr::get(type, key, std::move(blob));
  }
  if (elementType.isInteger(1)) {
    // DenseElementsAttr packs i1 as bits: go through bools.
    SmallVector<bool> values;
    for (int64_t i = 0, e = splat ? 1 : numElements; i < e; ++i)
      values.push_back(data[i] != 0);
    // A single value is a splat.
    return DenseElementsAttr::get(type, ArrayRef<bool>(values));
  }
  return DenseElementsAttr::getFromRawBuffer(type, data);
}
