//===- TensorConversion.h - ONNX TensorProto to MLIR attributes --*- C++ -*-===//
//
// Internal to lib/Import. Turns ONNX element types into MLIR types and
// TensorProto payloads (raw_data or the typed repeated fields) into elements
// attributes, validating that the payload matches the declared dims.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_LIB_IMPORT_TENSORCONVERSION_H
#define EDGEC_LIB_IMPORT_TENSORCONVERSION_H

#include "edgec/Support/ConstantTensor.h"

#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include "onnx/onnx_pb.h"

#include <cstdint>
#include <string>
#include <vector>

namespace edgec::import {

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

/// Converts `tensor` (whose data must already be inline, not external) to an
/// elements attribute built by edgec::buildElementsAttr in `form`
/// (initializers: ConstantForm::Resource; Constant nodes and tensor
/// attributes: ConstantForm::InlineIfSmall). `what` names the tensor in
/// errors ("initializer 'W'"); `resourceKey` is the hint for the resource's
/// key. Returns null and sets `error` (without the file prefix) on failure.
mlir::ElementsAttr convertTensor(const ::onnx::TensorProto &tensor,
                                 mlir::MLIRContext &ctx, ConstantForm form,
                                 llvm::StringRef what,
                                 llvm::StringRef resourceKey,
                                 std::string &error);

/// Turns an arbitrary ONNX name into a resource key / symbol-friendly string.
std::string sanitizeName(llvm::StringRef name);

} // namespace edgec::import

#endif // EDGEC_LIB_IMPORT_TENSORCONVERSION_H
