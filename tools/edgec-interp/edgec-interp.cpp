//===- edgec-interp.cpp - run edge IR in the host interpreter -------------===//
//
//   edgec-interp FILE.mlir -i IN.npy [-i IN2.npy ...] -o OUTDIR [--raw]
//
// Parses a module holding one func.func of `edge` ops (float or quantized:
// the output of edgec-opt, e.g. --edge-quantize) and runs it with
// edgec::Interpreter on the given inputs, in order. Each output is written
// as OUTDIR/<name>.npy, or with --raw as OUTDIR/<name>.bin holding only the
// little-endian element bytes (what a C harness writes, so `cmp` can check
// that generated C is bit-identical to the interpreter). The developer and
// lit counterpart of `edgec run --backend interp`, which starts from ONNX.
//
//===----------------------------------------------------------------------===//
#include "edgec/Interpreter/Interpreter.h"
#include "edgec/Support/GraphSignature.h"
#include "edgec/Support/GraphInputs.h"
#include "edgec/Support/InitAll.h"
#include "edgec/Support/TensorIO.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<edge .mlir>"),
                                      cl::Required);
static cl::list<std::string> inputs("i", cl::desc("input tensor (.npy/.pb)"),
                                    cl::value_desc("file"));
static cl::opt<std::string> outDir("o", cl::desc("output directory"),
                                   cl::value_desc("dir"), cl::Required);
static cl::opt<bool> raw("raw",
                         cl::desc("write raw element bytes (.bin), not .npy"));

static int fail(const std::string &msg) {
  errs() << "edgec-interp: " << msg << "\n";
  return 1;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "edgec host interpreter for edge IR\n");

  mlir::DialectRegistry registry;
  edgec::registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  llvm::SourceMgr sourceMgr;
  auto file = MemoryBuffer::getFileOrSTDIN(inputFile);
  if (!file)
    return fail("cannot read '" + inputFile + "'");
  sourceMgr.AddNewSourceBuffer(std::move(*file), SMLoc());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
  if (!module)
    return 1; // the parser printed the diagnostic
  std::string error;
  mlir::func::FuncOp func = edgec::getGraphFunction(*module, error);
  if (!func)
    return fail(inputFile + ": " + error);
  auto interp = edgec::Interpreter::create(func, error);
  if (!interp)
    return fail(error);
  std::vector<edgec::HostTensor> tensors, args, results;
  for (const std::string &path : inputs) {
    edgec::HostTensor t;
    if (!edgec::readTensorFile(path, t, error))
      return fail(error);
    tensors.push_back(std::move(t));
  }
  if (!edgec::matchGraphInputs(interp->getInputs(), tensors, inputs, args,
                               error))
    return fail(error);
  if (mlir::failed(interp->run(args, results, error)))
    return fail(error);
  if (std::error_code ec = sys::fs::create_directories(outDir))
    return fail("cannot create '" + outDir + "': " + ec.message());
  for (const edgec::HostTensor &t : results) {
    std::string base = outDir + "/" + edgec::sanitizeFileName(t.name);
    if (!raw) {
      if (!edgec::writeNpy(base + ".npy", t, error))
        return fail(error);
      continue;
    }
    std::error_code ec;
    raw_fd_ostream os(base + ".bin", ec);
    if (ec)
      return fail("cannot write '" + base + ".bin': " + ec.message());
    os.write(t.data.data(), t.data.size());
  }
  return 0;
}
