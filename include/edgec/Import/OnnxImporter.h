//===- OnnxImporter.h - ONNX ModelProto to the onnx dialect -------*- C++ -*-===//
#ifndef EDGEC_IMPORT_ONNXIMPORTER_H
#define EDGEC_IMPORT_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <map>
#include <string>

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace edgec {

struct ImportOptions {
  /// Static shapes for graph inputs, by ONNX input name (`--input-shape`).
  /// They replace the model's declared (possibly dynamic) dimensions.
  std::map<std::string, llvm::SmallVector<int64_t, 4>> inputShapes;
  /// Opset the model is converted to before import (the `onnx` dialect's).
  int64_t targetOpset = 17;
  /// Diagnostics only: run reading, opset conversion, the checker and shape
  /// inference but neither the supported-op scan nor MLIR generation; the
  /// returned module is empty. Used to survey which models libonnx accepts.
  bool prepareOnly = false;
};

/// Parses one `--input-shape` value, `name=1x3x224x224`, into `options`.
/// Returns an error message, empty on success.
std::string parseInputShape(llvm::StringRef spec, ImportOptions &options);

/// Imports the ONNX model at `path` into a new module of the `onnx` dialect.
/// `path` holds a binary ModelProto, or a text-format one when it ends in
/// `.onnxtxt`, `.textproto` or `.pbtxt`; external data files are resolved
/// relative to the model's directory. On failure returns null and sets
/// `error` to a one-line diagnostic (several lines only to list every
/// unsupported op type), naming the file and the ONNX node or tensor.
mlir::OwningOpRef<mlir::ModuleOp> importOnnxModel(llvm::StringRef path,
                                                  mlir::MLIRContext &context,
                                                  const ImportOptions &options,
                                                  std::string &error);

/// Like importOnnxModel, for a model already in memory: `contents` are the
/// file's bytes and `name` stands for its path (in messages and locations,
/// to choose binary or text format by its extension, and as the directory
/// external data is resolved against). Used by the fuzzer (test/fuzz).
mlir::OwningOpRef<mlir::ModuleOp>
importOnnxModelFromBuffer(llvm::StringRef contents, llvm::StringRef name,
                          mlir::MLIRContext &context,
                          const ImportOptions &options, std::string &error);

} // namespace edgec

#endif // EDGEC_IMPORT_ONNXIMPORTER_H
