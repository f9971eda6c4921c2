//===- ConstantTensor.h - reading and building tensor constants -*- C++ -*-===//
//
// Constants of every level (onnx.Constant, edge.constant, anything
// ConstantLike) hold either a DenseElementsAttr (small constants written
// inline, results of folds) or a DenseResourceElementsAttr (weights, as the
// importer produces them). ConstantTensor reads either kind into one form, the
// elements' bits packed little-endian at a byte-rounded width, so folders,
// verifiers, the interpreter and the targets need not care which kind they
// were given. buildElementsAttr is the one way back: packed elements to an
// inline or dense_resource attribute, decided by one threshold.
//
// Dialect-neutral: builtin attributes and types only.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_SUPPORT_CONSTANTTENSOR_H
#define EDGEC_SUPPORT_CONSTANTTENSOR_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace edgec {

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
  /// All elements packed (a splat's element repeated for every element).
  std::vector<char> getExpandedData() const;
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
  std::vector<char> owned;    // the data when it had to be converted
  llvm::ArrayRef<char> bytes; // one element when splat, else all of them
};

/// Bytes per element in ConstantTensor's packed form (i1 takes a byte).
unsigned getPackedElementBytes(mlir::Type elementType);

/// Constants with more elements than this are stored as dense_resource
/// blobs (ConstantForm::InlineIfSmall): weights stay out of the printed IR,
/// while small constants -- typically shape arithmetic, scalars, per-channel
/// parameters of small layers -- stay inline DenseElementsAttrs that patterns
/// and readers of the textual IR can see.
constexpr int64_t kInlineElementLimit = 64;

/// How buildElementsAttr stores a constant that is not a splat.
enum class ConstantForm {
  /// Always a DenseElementsAttr.
  Inline,
  /// A DenseResourceElementsAttr when it has more than kInlineElementLimit
  /// elements, else a DenseElementsAttr.
  InlineIfSmall,
  /// Always a DenseResourceElementsAttr (initializers, whose size must not
  /// decide their form).
  Resource,
};

/// Builds a constant of `type` from packed little-endian elements as
/// ConstantTensor::getRawData() returns them: `data` holds one element for a
/// splat (of a type with other than one element), else all of them; i1
/// takes one byte (0 or 1) per element. Splats and empty constants are
/// always DenseElementsAttrs; others follow `form`. A resource gets the name
/// `key` (MLIR makes it unique) and a blob aligned to the element size.
mlir::ElementsAttr buildElementsAttr(mlir::ShapedType type,
                                     llvm::ArrayRef<char> data,
                                     llvm::StringRef key, ConstantForm form);

} // namespace edgec

#endif // EDGEC_SUPPORT_CONSTANTTENSOR_H
