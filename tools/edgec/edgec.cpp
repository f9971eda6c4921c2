//===- edgec.cpp - the edgec compiler driver ------------------------------===//
//
// edgec import  MODEL [-o OUT.mlir] [--input-shape NAME=DIMS]...
// edgec inspect MODEL [--input-shape NAME=DIMS]... [--json]
// edgec --version
//
// Exit codes: 0 on success; 1 when a model cannot be imported or an output
// cannot be written, and when no subcommand is given; CLI11's own codes
// (106 required, 109 extras, ...) for command-line usage errors.
//
//===----------------------------------------------------------------------===//
#include "edgec/Analysis/ModelStats.h"
#include "edgec/Import/OnnxImporter.h"
#include "edgec/Support/InitAll.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include "CLI/CLI.hpp"

#include <iostream>
#include <string>
#include <vector>

#ifndef EDGEC_VERSION_STRING
#define EDGEC_VERSION_STRING "unknown"
#endif

namespace {

/// Options shared by the subcommands that read a model.
struct ModelArgs {
  std::string model;
  std::vector<std::string> inputShapes;
};

int fail(const llvm::Twine &message) {
  llvm::outs().flush();
  llvm::errs() << "edgec: error: " << message << "\n";
  return 1;
}

void addModelOptions(CLI::App *cmd, ModelArgs &args) {
  cmd->add_option("model", args.model,
                  "ONNX model: binary protobuf, or text format when the name "
                  "ends in .onnxtxt, .textproto or .pbtxt")
      ->required()
      ->type_name("MODEL");
  cmd->add_option("--input-shape", args.inputShapes,
                  "Static shape for a graph input, e.g. "
                  "--input-shape input=1x3x224x224 (repeatable)")
      ->type_name("NAME=DIMS")
      ->allow_extra_args(false);
}

/// Imports `args.model` into `context`; on failure prints the error and
/// returns null.
mlir::OwningOpRef<mlir::ModuleOp> importModel(const ModelArgs &args,
                                              mlir::MLIRContext &context) {
  edgec::ImportOptions options;
  for (const std::string &spec : args.inputShapes) {
    std::string error = edgec::parseInputShape(spec, options);
    if (!error.empty()) {
      fail(error);
      return nullptr;
    }
  }
  std::string error;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      edgec::importOnnxModel(args.model, context, options, error);
  if (!module) {
    fail(error.empty() ? args.model + ": import failed" : error);
    return nullptr;
  }
  return module;
}

int runImport(const ModelArgs &args, const std::string &output,
              mlir::MLIRContext &context) {
  mlir::OwningOpRef<mlir::ModuleOp> module = importModel(args, context);
  if (!module)
    return 1;
  if (output == "-") {
    module->print(llvm::outs());
    llvm::outs() << "\n";
    llvm::outs().flush();
    return 0;
  }
  // The file is only created once the import succeeded, and removed again
  // (ToolOutputFile without keep()) if writing it fails.
  std::string openError;
  std::unique_ptr<llvm::ToolOutputFile> file =
      mlir::openOutputFile(output, &openError);
  if (!file)
    return fail(openError);
  module->print(file->os());
  file->os() << "\n";
  file->os().close();
  if (std::error_code ec = file->os().error()) {
    file->os().clear_error();
    return fail("cannot write '" + output + "': " + ec.message());
  }
  file->keep();
  return 0;
}

int runInspect(const ModelArgs &args, bool json, mlir::MLIRContext &context) {
  mlir::OwningOpRef<mlir::ModuleOp> module = importModel(args, context);
  if (!module)
    return 1;
  edgec::ModelStats stats;
  std::string error;
  if (!edgec::computeModelStats(*module, stats, error))
    return fail(args.model + ": " + error);
  if (json)
    llvm::outs() << llvm::formatv("{0:2}", edgec::modelStatsToJSON(stats))
                 << "\n";
  else
    edgec::printModelStats(stats, llvm::outs());
  llvm::outs().flush();
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);

  CLI::App app{"edgec: compiles ONNX models for microcontrollers", "edgec"};
  app.set_version_flag("--version", std::string("edgec ") +
                                        EDGEC_VERSION_STRING,
                       "Print the version and exit");
  app.require_subcommand(0, 1);
  app.footer("Run 'edgec SUBCOMMAND --help' for a subcommand's options.");

  ModelArgs importArgs;
  std::string output = "-";
  CLI::App *importCmd = app.add_subcommand(
      "import", "Import an ONNX model and write it as MLIR in the onnx "
                "dialect (weights as dense_resource blobs)");
  importCmd->footer("Example: edgec import model.onnx -o model.mlir "
                    "--input-shape input=1x3x224x224");
  addModelOptions(importCmd, importArgs);
  importCmd
      ->add_option("-o,--output", output,
                   "Output file ('-' for stdout, the default); not created "
                   "if the import fails")
      ->type_name("FILE");

  ModelArgs inspectArgs;
  bool json = false;
  CLI::App *inspectCmd = app.add_subcommand(
      "inspect", "Print a model's inputs, outputs and per-layer shapes, "
                 "parameters and MACs, with totals (weight bytes, largest "
                 "activation)");
  inspectCmd->footer("Example: edgec inspect model.onnx --input-shape "
                     "input=1x3x224x224 --json");
  addModelOptions(inspectCmd, inspectArgs);
  inspectCmd->add_flag("--json", json, "Print the report as JSON");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    // --help and --version exit 0; every usage error exits 1, like every
    // other edgec failure (CLI11's own codes vary by error kind).
    return app.exit(e) == 0 ? 0 : 1;
  }

  if (!importCmd->parsed() && !inspectCmd->parsed()) {
    std::cerr << app.help();
    std::cerr << "edgec: error: no subcommand given\n";
    return 1;
  }

  mlir::DialectRegistry registry;
  edgec::registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();

  if (importCmd->parsed())
    return runImport(importArgs, output, context);
  return runInspect(inspectArgs, json, context);
}
