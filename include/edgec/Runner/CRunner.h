//===- CRunner.h - generated C, built and run on the host -------*- C++ -*-===//
//
// CProgram writes a model as C (ctarget::writeCModel, the C target's
// `edgec compile --target c`), builds it with the host C compiler together
// with a small generated driver (main) and runs the executable on
// HostTensors: `edgec run --backend c` and the onnx-node-c conformance suite
// use it.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_RUNNER_CRUNNER_H
#define EDGEC_RUNNER_CRUNNER_H

#include "edgec/Support/TensorIO.h"
#include "edgec/Targets/C/CTarget.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <memory>
#include <string>
#include <vector>

namespace edgec {

/// The host C compiler command: $CC split at spaces, else "cc".
std::vector<std::string> hostCCompiler();

struct CProgramOptions {
  /// An existing scratch directory for the sources, the executable and the
  /// I/O files (the caller removes it).
  std::string workDir;
  /// edgert's source tree (include/, src/).
  std::string runtimeDir;
  /// A prebuilt edgert static library: linked instead of compiling the
  /// runtime sources (the conformance suite builds the runtime once).
  std::string runtimeLibrary;
  /// C compiler command; empty = hostCCompiler().
  std::vector<std::string> cc;
  /// Optimization and other flags for the compile.
  std::vector<std::string> cflags = {"-std=c99", "-O1"};
  int64_t weightsThreshold = 64 * 1024;
  /// Seconds before the compiler / one run is stopped (0 = no limit).
  unsigned compileTimeout = 300;
  unsigned runTimeout = 120;
};

/// A model compiled to C and built as a host executable.
class CProgram {
public:
  /// Emits `module` (edge level, see ctarget::writeCModel) as C into the work
  /// directory, generates the driver and builds it. Errors: the C target's
  /// (naming the node), or "the host C compiler '<cc>' failed ...: <its
  /// first error line>".
  static std::unique_ptr<CProgram> build(mlir::ModuleOp module,
                                         const CProgramOptions &options,
                                         std::string &error);

  const std::vector<GraphTensorInfo> &getInputs() const { return inputs; }
  const std::vector<GraphTensorInfo> &getOutputs() const { return outputs; }
  const ctarget::CTargetInfo &getInfo() const { return info; }

  /// Runs the executable on `args` (one per input, in order, with the
  /// input's type and shape); fills `results` in output order.
  mlir::LogicalResult run(const std::vector<HostTensor> &args,
                          std::vector<HostTensor> &results,
                          std::string &error);

private:
  CProgram() = default;
  CProgramOptions options;
  std::string executable;
  std::vector<GraphTensorInfo> inputs, outputs;
  ctarget::CTargetInfo info;
};

} // namespace edgec

#endif // EDGEC_RUNNER_CRUNNER_H
