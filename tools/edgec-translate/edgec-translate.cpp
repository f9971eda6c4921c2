//===- edgec-translate.cpp - ONNX models to MLIR --------------------------===//
//
//   edgec-translate --import-onnx model.onnx [-o out.mlir]
//                   [--input-shape name=1x3x224x224]...
//
// Prints the model as the `onnx` dialect. Failures print `error: <message>`
// on stderr (one line per message line), exit 1 and leave no output file.
//
//===----------------------------------------------------------------------===//
#include "edgec/Import/OnnxImporter.h"
#include "edgec/Support/InitAll.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

static cl::OptionCategory category("edgec-translate options");

static cl::opt<bool> importOnnx("import-onnx",
                                cl::desc("Import an ONNX model (binary, or "
                                         "text format for .onnxtxt/.textproto/"
                                         ".pbtxt) into the onnx dialect"),
                                cl::cat(category));

static cl::opt<std::string> inputFilename(cl::Positional,
                                          cl::desc("<model.onnx>"),
                                          cl::cat(category));

static cl::opt<std::string> outputFilename("o", cl::desc("Output file"),
                                           cl::value_desc("filename"),
                                           cl::init("-"), cl::cat(category));

static cl::list<std::string>
    inputShapes("input-shape",
                cl::desc("Static shape for a graph input, name=1x3x224x224 "
                         "(repeatable)"),
                cl::value_desc("name=dims"), cl::cat(category));

static cl::opt<bool> prepareOnly(
    "prepare-only",
    cl::desc("Only read, convert, check and shape-infer the model (no op "
             "support check, no MLIR); prints an empty module on success"),
    cl::Hidden, cl::cat(category));

static int reportError(StringRef message) {
  SmallVector<StringRef> lines;
  message.split(lines, '\n', -1, /*KeepEmpty=*/false);
  for (StringRef line : lines)
    errs() << "error: " << line << "\n";
  return 1;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  cl::ParseCommandLineOptions(argc, argv, "edgec ONNX translator\n");

  if (!importOnnx)
    return reportError("no translation given; use --import-onnx");
  if (inputFilename.empty())
    return reportError("no input model given");

  edgec::ImportOptions options;
  options.prepareOnly = prepareOnly;
  for (const std::string &spec : inputShapes) {
    std::string err = edgec::parseInputShape(spec, options);
    if (!err.empty())
      return reportError(err);
  }

  mlir::DialectRegistry registry;
  edgec::registerAllDialects(registry);
  mlir::MLIRContext context(registry);

  std::string error;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      edgec::importOnnxModel(inputFilename, context, options, error);
  if (!module)
    return reportError(error.empty() ? inputFilename + ": import failed"
                                     : error);

  // Open the output only now, so that a failed import leaves no file behind.
  std::string openError;
  auto output = mlir::openOutputFile(outputFilename, &openError);
  if (!output)
    return reportError(openError);
  module->print(output->os());
  output->os() << "\n";
  if (output->os().has_error())
    return reportError("cannot write '" + outputFilename + "'");
  output->keep();
  return 0;
}
