//===- ImporterFuzzer.cpp - libFuzzer target: ONNX bytes -> onnx dialect --===//
//
// Feeds arbitrary bytes to the whole importer as a binary ModelProto:
// parsing, node naming, the supported-op scan, topological sort, external
// data checks, the ONNX checker, opset conversion, shape inference, MLIR
// generation and the verifier (edgec::importOnnxModelFromBuffer). Any result
// is fine as long as a failure comes back as one error line; crashes, ASan
// reports, UB and leaks are findings. See docs/fuzzing.md.
//
//===----------------------------------------------------------------------===//
#include "edgec/Import/OnnxImporter.h"

#include "mlir/IR/MLIRContext.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace {

// The importer's messages start with this name; it also decides the format
// (binary) and is the directory external data would be read from. The
// directory does not exist, so external data is rejected after edgec's own
// checks of the reference, without touching real files.
constexpr const char *kModelName = "/nonexistent-edgec-fuzz/model.onnx";

// One context serves many inputs (creating one per input would dominate the
// run time), but every imported initializer leaves a dense_resource blob and
// every name a uniqued attribute in it, so it is renewed now and then.
constexpr unsigned kInputsPerContext = 256;

std::unique_ptr<mlir::MLIRContext> context;
unsigned inputsInContext = 0;

} // namespace

// LLVM's BumpPtrAllocator poisons slab memory in instrumented code (this
// harness, lib/Import) but Debian's uninstrumented libMLIR allocates from the
// same slabs without unpoisoning; manual poisoning would report false
// use-after-poison errors (docs/testing.md). Heap checks are unaffected.
extern "C" const char *__asan_default_options() {
  return "allow_user_poisoning=0";
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!context || ++inputsInContext >= kInputsPerContext) {
    context = std::make_unique<mlir::MLIRContext>(
        mlir::MLIRContext::Threading::DISABLED);
    inputsInContext = 0;
  }
  std::string error;
  edgec::ImportOptions options;
  mlir::OwningOpRef<mlir::ModuleOp> module = edgec::importOnnxModelFromBuffer(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), kModelName,
      *context, options, error);
  if (!module && error.empty()) {
    std::fprintf(stderr, "import failed without an error message\n");
    std::abort();
  }
  if (module && !error.empty()) {
    std::fprintf(stderr, "import succeeded with an error: %s\n",
                 error.c_str());
    std::abort();
  }
  return 0;
}
