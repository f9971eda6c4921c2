//===- CModelWriter.cpp - a model as C files ------------------------------===//
#include "edgec/Targets/C/CModelWriter.h"

#include "edgec/Passes/Memory/Passes.h"
#include "edgec/Support/FileOutput.h"
#include "edgec/Support/GraphSignature.h"
#include "edgec/Targets/C/RuntimeFamilies.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/Cpp/CppEmitter.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace edgec::ctarget {

namespace {

/// Copies `from` to `to` (written atomically, every error reported).
bool copyFile(const std::string &from, const std::string &to,
              std::string &error) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(from, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer) {
    error = "cannot read '" + from + "': " + buffer.getError().message();
    return false;
  }
  return writeFileAtomically(to, (*buffer)->getBuffer(), error);
}

/// Copies every public header of the runtime in `rt` and the sources and
/// private headers of the families `used` needs to `dir`/edgert/.
bool copyRuntime(llvm::StringRef rt, llvm::StringRef dir,
                 llvm::ArrayRef<std::string> used, CModelFiles &files,
                 std::string &error) {
  std::string out = joinPath(dir, "edgert");
  if (std::error_code ec =
          llvm::sys::fs::create_directories(joinPath(out, "edgert"))) {
    error = "cannot create '" + joinPath(out, "edgert") + "': " + ec.message();
    return false;
  }
  // Every public header (they are small; users may include edgert.h).
  std::error_code ec;
  std::string include = joinPath(rt, "include/edgert");
  for (llvm::sys::fs::directory_iterator it(include, ec), e; !ec && it != e;
       it.increment(ec)) {
    std::string name = llvm::sys::path::filename(it->path()).str();
    if (!copyFile(it->path(), joinPath(out, "edgert/" + name), error))
      return false;
  }
  if (ec) {
    error = "cannot read the runtime in '" + rt.str() + "': " + ec.message();
    return false;
  }
  RuntimeSources sources = getRuntimeSources(used);
  std::string src = joinPath(rt, "src");
  for (const std::string &h : sources.privateHeaders)
    if (!copyFile(joinPath(src, h), joinPath(out, h), error))
      return false;
  for (const std::string &s : sources.sources) {
    if (!copyFile(joinPath(src, s), joinPath(out, s), error))
      return false;
    files.runtimeSources.push_back("edgert/" + s);
  }
  files.runtimeIncludeDir = "edgert";
  return true;
}

} // namespace

LogicalResult writeCModel(ModuleOp module, const CTargetOptions &options,
                          llvm::StringRef dir, llvm::StringRef runtimeDir,
                          CTargetInfo &info, CModelFiles &files,
                          std::string &error) {
  MLIRContext *ctx = module.getContext();
  files = CModelFiles();
  // The first error diagnostic becomes the message (it names the ONNX node:
  // the importer's locations are NameLocs).
  std::string firstError;
  ScopedDiagnosticHandler handler(ctx, [&](Diagnostic &d) {
    if (d.getSeverity() == DiagnosticSeverity::Error && firstError.empty())
      firstError = d.str();
    return success();
  });
  auto failWith = [&](llvm::StringRef fallback) {
    error = firstError.empty() ? fallback.str() : firstError;
    return failure();
  };

  PassManager pm(ctx, ModuleOp::getOperationName());
  pm.addNestedPass<func::FuncOp>(createEdgePlanMemory());
  if (failed(pm.run(module)))
    return failWith("memory planning failed");

  std::string why;
  func::FuncOp func = getGraphFunction(module, why);
  if (!func)
    return failWith(why);
  OwningOpRef<ModuleOp> cModule = ModuleOp::create(UnknownLoc::get(ctx));
  if (failed(buildCModule(func, options, *cModule, info)))
    return failWith("lowering to C failed");

  std::string header, source;
  {
    llvm::raw_string_ostream hs(header), ss(source);
    if (failed(emitc::translateToCpp(*cModule, hs, false, "header")) ||
        failed(emitc::translateToCpp(*cModule, ss, false, "source")))
      return failWith("printing C failed");
  }

  const std::string &name = info.name;
  std::vector<char> blob;
  if (info.separateWeights) {
    // The model hash covers the code as printed (with the placeholders),
    // then replaces them: header as hex text, source as bytes.
    Sha256 hash = computeModelHash(options.compilerVersion, header, source);
    info.modelHash = hashHex(hash);
    auto replaceAll = [](std::string &text, llvm::StringRef from,
                         const std::string &to) {
      for (size_t at = text.find(from); at != std::string::npos;
           at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    };
    replaceAll(header, (kModelHashPlaceholder + "_HEX").str(), info.modelHash);
    replaceAll(source, kModelHashPlaceholder, hashInitializer(hash));
    blob = buildWeightsBlob(info.weightsBlob, info.blobSections, hash);
    info.blobSize = blob.size();
  }
  files.header = name + ".h";
  files.source = name + ".c";
  if (!writeFileAtomically(joinPath(dir, files.header), header, error) ||
      !writeFileAtomically(joinPath(dir, files.source), source, error))
    return failure();
  if (info.separateWeights) {
    files.weightsBlob = name + ".weights.bin";
    if (!writeFileAtomically(joinPath(dir, files.weightsBlob),
                             llvm::StringRef(blob.data(), blob.size()),
                             error))
      return failure();
  } else if (!info.weightsBlob.empty()) {
    files.weightsBlob = name + ".weights.bin";
    files.weightsAsm = name + "_weights.S";
    if (!writeFileAtomically(joinPath(dir, files.weightsBlob),
                             llvm::StringRef(info.weightsBlob.data(),
                                             info.weightsBlob.size()),
                             error) ||
        !writeFileAtomically(joinPath(dir, files.weightsAsm),
                             makeWeightsAsmStub(name, files.weightsBlob),
                             error))
      return failure();
  }
  if (!runtimeDir.empty() &&
      !copyRuntime(runtimeDir, dir, info.families, files, error))
    return failure();
  return success();
}

} // namespace edgec::ctarget
