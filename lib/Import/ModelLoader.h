//===- ModelLoader.h - read, validate and normalize an ONNX model -*- C++ -*-===//
//
// Internal to lib/Import: everything that happens to the ModelProto before it
// becomes MLIR. Reading (binary or text format), inlining external data,
// topological sorting, the supported-op scan, opset checks and conversion,
// the ONNX checker, `--input-shape` overrides and shape inference.
//
// Every function returns false and sets `error` to a complete one-line message
// that starts with the model path.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_LIB_IMPORT_MODELLOADER_H
#define EDGEC_LIB_IMPORT_MODELLOADER_H

#include "edgec/Import/OnnxImporter.h"

#include "llvm/ADT/StringRef.h"

#include "onnx/onnx_pb.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace edgec::import {

/// A model ready for import: converted to the target opset, checked, with
/// static input shapes and inferred value types.
struct PreparedModel {
  ::onnx::ModelProto model;
  /// The default-domain opset the file declared.
  int64_t sourceOpset = 0;
  /// The default-domain opset after conversion.
  int64_t opset = 0;
  /// Version bumps accepted without an ONNX adapter because the operator's
  /// schemas are equivalent ("Op 9->10"), for diagnostics and docs.
  std::vector<std::string> compatibleBumps;
};

/// Runs the whole pipeline on the model at `path`, or, when `contents` is
/// given, on those bytes under the name `path` (external data is still
/// resolved relative to its directory).
bool prepareModel(llvm::StringRef path, mlir::MLIRContext &ctx,
                  const ImportOptions &options, PreparedModel &prepared,
                  std::string &error,
                  std::optional<llvm::StringRef> contents = std::nullopt);

/// Escapes control characters and non-ASCII bytes (names in broken models
/// may hold newlines) so that an error message stays on one line
/// (edgec::escapeNonPrintable).
std::string escapeControls(llvm::StringRef text);

} // namespace edgec::import

#endif // EDGEC_LIB_IMPORT_MODELLOADER_H
