//===- CModelWriter.h - a model as C files ----------------------*- C++ -*-===//
//
// `edgec compile --target c` as a library call: memory planning, the C
// target and the files it writes, with the edgert runtime files the model
// needs (RuntimeFamilies.h).
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_TARGETS_C_CMODELWRITER_H
#define EDGEC_TARGETS_C_CMODELWRITER_H

#include "edgec/Targets/C/CTarget.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <string>
#include <vector>

namespace edgec::ctarget {

/// The files writeCModel wrote, relative to its directory.
struct CModelFiles {
  /// <name>.h and <name>.c.
  std::string header, source;
  /// <name>.weights.bin and <name>_weights.S; empty without a weights blob.
  /// With separate weights only weightsBlob (the verified blob, no stub).
  std::string weightsBlob, weightsAsm;
  /// edgert/<family>.c of the runtime families the model needs, sorted by
  /// family; empty when no runtime was copied.
  std::vector<std::string> runtimeSources;
  /// The include directory of the copied runtime ("edgert"; empty when no
  /// runtime was copied): its edgert/ subdirectory has every public header,
  /// the directory itself the private headers the sources include.
  std::string runtimeIncludeDir;
};

/// Plans memory on `module` (edge level: after lowerToEdge; one function),
/// lowers it to EmitC and writes `dir`/<name>.h, <name>.c and, when the
/// weights go to a blob, <name>.weights.bin and <name>_weights.S. With a
/// non-empty `runtimeDir` (edgert's source tree: include/, src/) the runtime
/// headers and the sources of the kernel families the model needs are copied
/// to `dir`/edgert/. `dir` must exist. On failure returns failure() with
/// `error` set to one message (naming the ONNX node for lowering errors,
/// "cannot ..." naming the file for file errors).
mlir::LogicalResult writeCModel(mlir::ModuleOp module,
                                const CTargetOptions &options,
                                llvm::StringRef dir, llvm::StringRef runtimeDir,
                                CTargetInfo &info, CModelFiles &files,
                                std::string &error);

} // namespace edgec::ctarget

#endif // EDGEC_TARGETS_C_CMODELWRITER_H
