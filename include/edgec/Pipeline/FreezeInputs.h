//===- FreezeInputs.h - graph inputs replaced by constants ------*- C++ -*-===//
//
// `--freeze-input NAME=FILE`: after import and before lowering, a graph input
// is replaced by a constant holding a tensor file's contents, so that
// onnx-fold-constants can take shape-like inputs (Reshape's shape, Slice's
// starts, Pad's pads, TopK's K, ...) out of the way.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_PIPELINE_FREEZEINPUTS_H
#define EDGEC_PIPELINE_FREEZEINPUTS_H

#include "edgec/Support/TensorIO.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <string>
#include <vector>

namespace edgec {

/// One graph input to freeze: its ONNX name, the file the value came from
/// (for messages and the constant's location) and the value.
struct FrozenInput {
  std::string name;
  std::string file;
  HostTensor value;
};

/// Splits one `NAME=FILE` value; returns an error message, empty on success.
std::string parseFreezeInputSpec(llvm::StringRef spec, std::string &name,
                                 std::string &file);

/// Replaces each named graph input of the module's (single) function by an
/// `onnx.Constant` with the tensor's contents and removes the argument. The
/// tensor's element type and shape must be the input's declared ones. Errors
/// (unknown input, an input frozen twice, dtype or shape mismatch) name the
/// input and the file; on failure the module is unchanged.
mlir::LogicalResult freezeInputs(mlir::ModuleOp module,
                                 const std::vector<FrozenInput> &inputs,
                                 std::string &error);

} // namespace edgec

#endif // EDGEC_PIPELINE_FREEZEINPUTS_H
