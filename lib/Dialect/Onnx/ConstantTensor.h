//===- ConstantTensor.h - element access to onnx constants ------*- C++ -*-===//
//
// onnx.Constant holds either a DenseElementsAttr (small constants written
// inline, results of folds) or a DenseResourceElementsAttr (initializers, as
// the importer produces them). ConstantTensor reads either kind into one
// form, the elements' bits packed little-endian at a byte-rounded width, so
// folders and verifiers need not care which kind they were given.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_LIB_DIALECT_ONNX_CONSTANTTENSOR_H
#define EDGEC_LIB_DIALECT_ONNX_CONSTANTTENSOR_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace edgec::onnx {

class ConstantTensor {
public:
  /// Reads a statically shaped integer or float constant. Fails (nullopt) for
  /// other element types, elided or malformed resource blobs, and dynamic
  /// shapes.
  static std::optional<ConstantTensor> get(mlir::Attribute attr);
  /// The same for the constant a value is defined by (any ConstantLike op).
  static std::optional<ConstantTensor> get(mlir::Value value);

  ConstantTensor(ConstantTensor &&) = default;
  ConstantTensor &operator=(ConstantTensor &&) = default;
  ConstantTensor(const ConstantTensor &) = delete;
  ConstantTensor &operator=(const ConstantTensor &) = delete;

  mlir::ShapedType getType() const { return type; }
  mlir::Type getElementType() const { return type.getElementType(); }
  llvm::ArrayRef<int64_t> getShape() const { return type.getShape(); }
  int64_t size() const { return numElements; }
  bool isFloat() const { return llvm::isa<mlir::FloatType>(getElementType()); }
  /// Whether integer elements are read as unsigned (ui* and i1).
  bool isUnsigned() const;
  bool isSplat() const { return splat; }
  /// Whether the constant came from a DenseResourceElementsAttr.
  bool isResource() const { return resource; }
  unsigned getElementBytes() const { return elementBytes; }

  /// Element `i` (row-major) as bits of the element type's width.
  llvm::APInt getBits(int64_t i) const;
  /// Element `i` of a float constant.
  llvm::APFloat getFloat(int64_t i) const;
  /// Element `i` of an integer constant, sign- or zero-extended to 64 bits.
  int64_t getInt64(int64_t i) const;
  /// All elements of an integer constant as int64_t.
  llvm::SmallVector<int64_t> getInt64s() const;
  /// The packed elements: one element when splat, else all of them.
  llvm::ArrayRef<char> getRawData() const { return bytes; }
  /// The bytes of element `i`.
  llvm::ArrayRef<char> getElementData(int64_t i) const {
    return bytes.slice(splat ? 0 : i * elementBytes, elementBytes);
  }

private:
  ConstantTensor() = default;
  mlir::ShapedType type;
  int64_t numElements = 0;
  unsigned elementBytes = 0;
  bool splat = false;
  bool resource = false;
  std::vector<char> owned;      // the data when it had to be converted
  llvm::ArrayRef<char> bytes;   // one element when splat, else all of them
};

/// Bytes per element in ConstantTensor's packed form (i1 takes a byte).
unsigned getPackedElementBytes(mlir::Type elementType);

/// Builds a constant of `type` from packed elements (`data` holds one
/// element for a splat, else all of them). A DenseResourceElementsAttr when
/// `asResource` and the constant is neither a splat nor of i1, else a
/// DenseElementsAttr.
mlir::ElementsAttr buildElements(mlir::ShapedType type,
                                 llvm::ArrayRef<char> data, bool asResource);

/// Folded constants with more elements than this stay resources when an input
/// was one (weights stay out of the printed IR); smaller ones, typically shape
/// arithmetic, become inline DenseElementsAttrs that later patterns can read.
constexpr int64_t kInlineElementLimit = 64;

} // namespace edgec::onnx

#endif // EDGEC_LIB_DIALECT_ONNX_CONSTANTTENSOR_H
