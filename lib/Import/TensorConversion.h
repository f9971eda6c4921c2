//===- TensorConversion.h - ONNX TensorProto to MLIR attributes --*- C++ -*-===//
//
// Internal to lib/Import. Turns ONNX element types into MLIR types and
// TensorProto payloads (raw_data or the typed repeated fields) into elements
// attributes, validating that the payload matches the declared dims.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_LIB_IMPORT_TENSORCONVERSION_H
#define EDGEC_LIB_IMPORT_TENSORCONVERSION_H

#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include "onnx/onnx_pb.h"

#include <cstdint>
#include <string>
#include <vector>

namespace edgec::import {

/// Elements at or below this count are printed inline (ONNX Constant nodes and
/// tensor attributes); larger ones and all initializers become resources.
constexpr int64_t kMaxInlineElements = 16;

/// Name of an ONNX TensorProto data type ("FLOAT", "STRING", ...).
std::string onnxTypeName(int32_t dataType);

/// The MLIR element type of an ONNX data type: f32, f16, bf16, f64, signless
/// i1/i8/i16/i32/i64 for bool and signed integers, unsigned ui8/ui16/ui32/ui64.
/// Returns null (and sets `error` to a sentence fragment naming `what`) for
/// string, complex and unknown types.
mlir::Type convertElementType(int32_t dataType, mlir::MLIRContext &ctx,
                              llvm::StringRef what, std::string &error);

/// Formats dims as `[3, 4]`.
std::string formatDims(llvm::ArrayRef<int64_t> dims);

enum class TensorForm {
  /// Always a dense resource (never printed inline): initializers.
  Resource,
  /// Inline dense elements when small (<= kMaxInlineElements), else resource.
  InlineIfSmall,
};

/// Converts `tensor` (whose data must already be inline, not external) to an
/// elements attribute. `what` names the tensor in errors ("initializer 'W'");
/// `resourceKey` is the hint for the resource's key. Returns null and sets
/// `error` (without the file prefix) on failure.
mlir::ElementsAttr convertTensor(const ::onnx::TensorProto &tensor,
                                 mlir::MLIRContext &ctx, TensorForm form,
                                 llvm::StringRef what,
                                 llvm::StringRef resourceKey,
                                 std::string &error);

/// Turns an arbitrary ONNX name into a resource key / symbol-friendly string.
std::string sanitizeName(llvm::StringRef name);

} // namespace edgec::import

#endif // EDGEC_LIB_IMPORT_TENSORCONVERSION_H
