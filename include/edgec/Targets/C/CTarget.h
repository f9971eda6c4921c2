//===- CTarget.h - edge -> EmitC -> C ----------------------------*- C++ -*-===//
//
// The C target: lowers a planned func.func of edge ops (after
// edge-plan-memory) into the EmitC dialect -- one `emitc.file "header"` and
// one `emitc.file "source"` -- which MLIR's upstream translator
// (mlir::emitc::translateToCpp with a file id) prints as <name>.h / <name>.c.
// The generated code calls the edgert runtime. See docs/c-target.md.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_TARGETS_C_CTARGET_H
#define EDGEC_TARGETS_C_CTARGET_H

#include "edgec/Targets/C/WeightsBlob.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Support/LLVM.h"

#include <cstdint>
#include <string>
#include <vector>

namespace edgec::ctarget {

struct CTargetOptions {
  /// Model name: the C prefix (<name>_run, <NAME>_ARENA_SIZE, file names).
  /// Empty = the function's name. Sanitized to a C identifier.
  std::string name;
  /// When the weights take more than this many bytes in total, all of them go
  /// to a binary blob (<name>.weights.bin + an .incbin stub) instead of
  /// static const arrays.
  int64_t weightsThreshold = 64 * 1024;
  /// `--weights separate`: every weight goes to a verified blob
  /// (<name>.weights.bin with a header, docs/ota.md) that the application
  /// binds at run time with <name>_bind_weights; no .incbin stub. Overrides
  /// weightsThreshold.
  bool separateWeights = false;
  /// The compiler's version, part of the model hash of separate weights.
  std::string compilerVersion;
};

/// What the lowering produced besides the EmitC files.
struct CTargetInfo {
  std::string name;               // sanitized model name
  int64_t arenaSize = 0;          // edge.arena_size
  int64_t arenaLowerBound = 0;    // edge.arena_lower_bound
  int64_t weightBytes = 0;        // bytes of all weights
  std::vector<char> weightsBlob;  // non-empty when the weights use the blob
  /// With separateWeights: the sections of the blob's payload (weightsBlob
  /// is the payload then; writeCModel adds the header), one per weight
  /// tensor, in payload order.
  bool separateWeights = false;
  std::vector<BlobSection> blobSections;
  /// With separateWeights: the model hash (hex), once writeCModel computed
  /// it; the size of the whole blob file.
  std::string modelHash;
  uint64_t blobSize = 0;
  /// One entry per kernel call, in schedule order: "edgert_conv2d_f32".
  std::vector<std::string> kernels;
  /// Runtime families (runtime/src/<family>.c) of the kernels the code
  /// calls, sorted. RuntimeFamilies.h turns them into headers and files
  /// (adding the families they need).
  std::vector<std::string> families;
};

/// Builds the EmitC files for `func` at the end of `into`'s body. Errors are
/// reported at the offending op's location (the ONNX node name).
mlir::LogicalResult buildCModule(mlir::func::FuncOp func,
                                 const CTargetOptions &options,
                                 mlir::ModuleOp into, CTargetInfo &info);

/// The assembler stub that embeds `<blobFile>` as the 16-byte aligned global
/// symbol `<name>_weights` in .rodata.
std::string makeWeightsAsmStub(llvm::StringRef name, llvm::StringRef blobFile);

#define GEN_PASS_DECL
#include "edgec/Targets/Passes.h.inc"

// registerTargetPasses(): the passes declared in
// include/edgec/Targets/Passes.td (edge-to-emitc).
#define GEN_PASS_REGISTRATION
#include "edgec/Targets/Passes.h.inc"

} // namespace edgec::ctarget

#endif // EDGEC_TARGETS_C_CTARGET_H
