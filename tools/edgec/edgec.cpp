//===- edgec.cpp - the edgec compiler driver ------------------------------===//
//
// edgec import  MODEL [-o OUT.mlir] [--input-shape NAME=DIMS]...
// edgec inspect MODEL [--input-shape NAME=DIMS]... [--json]
// edgec compile MODEL --target c -o OUTDIR [--force] [--name NAME]
//               [--io-layout L] [--weights-threshold BYTES]
//               [--input-shape NAME=DIMS]... [--freeze-input NAME=FILE]...
// edgec run     MODEL [--backend interp|c] -i IN [-i IN]... -o OUTDIR
//               [--input-shape NAME=DIMS]... [--io-layout nchw|nhwc]
//               [--freeze-input NAME=FILE]... [--weights-threshold BYTES]
// edgec export  MODEL --format onnx-qdq --quantize int8 --calibration DATA
//               -o OUT.onnx
// edgec --version
//
// Exit codes: 0 on success (also --help, --version); 1 for every error: a
// model that cannot be imported, an output that cannot be written, no
// subcommand, and command-line usage errors (one line, usageError).
//
//===----------------------------------------------------------------------===//
#include "Quantize.h"

#include "edgec/Analysis/ModelStats.h"
#include "edgec/Export/QDQExport.h"
#include "edgec/Import/OnnxImporter.h"
#include "edgec/Interpreter/Interpreter.h"
#include "edgec/Passes/Memory/Passes.h"
#include "edgec/Pipeline/FreezeInputs.h"
#include "edgec/Pipeline/Pipeline.h"
#include "edgec/Runner/CRunner.h"
#include "edgec/Support/Escape.h"
#include "edgec/Support/FileOutput.h"
#include "edgec/Support/GraphSignature.h"
#include "edgec/Support/GraphInputs.h"
#include "edgec/Support/InitAll.h"
#include "edgec/Targets/C/CModelWriter.h"
#include "edgec/Support/TensorIO.h"
#include "edgec/Targets/C/CTarget.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/Cpp/CppEmitter.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "CLI/CLI.hpp"

#include <algorithm>
#include <csignal>
#include <optional>
#include <iostream>
#include <string>
#include <vector>

#ifndef EDGEC_RUNTIME_DIR
#define EDGEC_RUNTIME_DIR ""
#endif

#ifndef EDGEC_VERSION_STRING
#define EDGEC_VERSION_STRING "unknown"
#endif

namespace {

/// Options shared by the subcommands that read a model.
struct ModelArgs {
  std::string model;
  std::vector<std::string> inputShapes;
  /// --freeze-input NAME=FILE (run and compile only).
  std::vector<std::string> freezeInputs;
};

int fail(const llvm::Twine &message) {
  llvm::outs().flush();
  llvm::errs() << "edgec: error: " << message << "\n";
  return 1;
}

/// A CLI11 check that the value is a decimal integer in [lo, hi], with a
/// message saying so (CLI11's NonNegativeNumber prints DBL_MAX in full).
CLI::Validator integerIn(int64_t lo, int64_t hi) {
  return CLI::Validator(
      [lo, hi](std::string &text) -> std::string {
        long long v = 0;
        if (llvm::StringRef(text).trim().getAsInteger(10, v) || v < lo ||
            v > hi)
          return "expected an integer from " + std::to_string(lo) + " to " +
                 std::to_string(hi) + ", got '" +
                 edgec::escapeNonPrintable(text) + "'";
        return "";
      },
      "");
}

/// Prints a command-line usage error as one line, `edgec: error: MESSAGE
/// (see 'edgec [SUBCOMMAND] --help')`: CLI11's messages may span lines and
/// end in a "Run with --help" line of their own.
int usageError(const CLI::App &app, const CLI::ParseError &e) {
  std::string message;
  bool space = false;
  for (char c : std::string(e.what())) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !message.empty();
      continue;
    }
    if (space)
      message += ' ';
    space = false;
    message += c;
  }
  std::string command = "edgec";
  for (const CLI::App *sub : app.get_subcommands({}))
    if (sub->parsed())
      command += " " + sub->get_name();
  llvm::outs().flush();
  llvm::errs() << "edgec: error: " << edgec::escapeNonPrintable(message)
               << " (see '" << command << " --help')\n";
  return 1;
}

/// Why `output` may not be written for a command reading `model`, or empty:
/// edgec never replaces what it did not create -- not the input model, not
/// an existing non-regular file (a device, a FIFO).
std::string checkOutputFile(const std::string &output,
                            const std::string &model) {
  namespace fs = llvm::sys::fs;
  fs::file_status status;
  if (fs::status(output, status))
    return ""; // does not exist (or cannot be examined: writing will say)
  if (status.type() == fs::file_type::directory_file)
    return ""; // reported by the writer ("it is a directory")
  if (status.type() != fs::file_type::regular_file)
    return "output '" + output + "' exists and is not a regular file";
  bool same = false;
  if (!fs::equivalent(output, model, same) && same)
    return "output '" + output + "' is the input model; choose another -o";
  return "";
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
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void addFreezeOption(CLI::App *cmd, ModelArgs &args) {
  cmd->add_option("--freeze-input", args.freezeInputs,
                  "Replace graph input NAME by a constant with FILE's "
                  "contents (.npy or .pb; dtype and shape must match the "
                  "input) before lowering, e.g. a Reshape's shape "
                  "(repeatable)")
      ->type_name("NAME=FILE")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

/// Reads the --freeze-input files (before any other work, so that a bad
/// spec or file fails fast); prints the error and returns false on failure.
bool readFrozenInputs(const ModelArgs &args,
                      std::vector<edgec::FrozenInput> &frozen) {
  for (const std::string &spec : args.freezeInputs) {
    edgec::FrozenInput in;
    std::string error = edgec::parseFreezeInputSpec(spec, in.name, in.file);
    if (error.empty() && !edgec::readTensorFile(in.file, in.value, error))
      error = "--freeze-input " + in.name + ": " + error;
    if (!error.empty()) {
      fail(error);
      return false;
    }
    frozen.push_back(std::move(in));
  }
  return true;
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

/// importModel, then --freeze-input: the frozen inputs become constants.
mlir::OwningOpRef<mlir::ModuleOp>
importAndFreeze(const ModelArgs &args,
                const std::vector<edgec::FrozenInput> &frozen,
                mlir::MLIRContext &context) {
  mlir::OwningOpRef<mlir::ModuleOp> module = importModel(args, context);
  if (!module)
    return nullptr;
  std::string error;
  if (mlir::failed(edgec::freezeInputs(*module, frozen, error))) {
    fail(args.model + ": " + error);
    return nullptr;
  }
  return module;
}

/// --freeze-input files, import, freeze, and the onnx -> edge pipeline every
/// front end shares: the edge-level module, or null after printing the error.
mlir::OwningOpRef<mlir::ModuleOp> importAndLower(const ModelArgs &args,
                                                 const std::string &ioLayout,
                                                 mlir::MLIRContext &context) {
  std::vector<edgec::FrozenInput> frozen;
  if (!readFrozenInputs(args, frozen))
    return nullptr;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      importAndFreeze(args, frozen, context);
  if (!module)
    return nullptr;
  edgec::PipelineOptions lowering;
  lowering.ioLayout = ioLayout;
  std::string error;
  if (mlir::failed(edgec::lowerToEdge(*module, lowering, error))) {
    fail(args.model + ": " + error);
    return nullptr;
  }
  return module;
}

int runImport(const ModelArgs &args, const std::string &output,
              mlir::MLIRContext &context) {
  if (output != "-")
    if (std::string why = checkOutputFile(output, args.model); !why.empty())
      return fail(why);
  mlir::OwningOpRef<mlir::ModuleOp> module = importModel(args, context);
  if (!module)
    return 1;
  if (output == "-") {
    module->print(llvm::outs());
    llvm::outs() << "\n";
    llvm::outs().flush();
    return 0;
  }
  // The file is only created once the import succeeded, atomically.
  std::string text, error;
  llvm::raw_string_ostream os(text);
  module->print(os);
  os << "\n";
  if (!edgec::writeFileAtomically(output, text, error))
    return fail(error);
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


/// Options of `edgec run`.
struct RunArgs {
  ModelArgs model;
  std::string backend = "interp";
  std::vector<std::string> inputs;
  std::string outputDir;
  std::string ioLayout = "nchw";
  int64_t weightsThreshold = 64 * 1024;
  edgec::driver::QuantArgs quant;
};

/// Runs the lowered function with the host interpreter.
bool executeInterp(mlir::func::FuncOp func,
                   const std::vector<edgec::HostTensor> &args,
                   std::vector<edgec::HostTensor> &results,
                   std::string &error) {
  std::unique_ptr<edgec::Interpreter> interp =
      edgec::Interpreter::create(func, error);
  if (!interp)
    return false;
  return mlir::succeeded(interp->run(args, results, error));
}

/// Compiles the lowered module to C exactly as `edgec compile --target c`
/// does, builds it with a generated driver main using the host C compiler
/// ($CC, default cc) in a temporary directory, and runs it.
bool executeC(mlir::ModuleOp module, const RunArgs &runArgs,
              const std::vector<edgec::HostTensor> &args,
              std::vector<edgec::HostTensor> &results, std::string &error) {
  llvm::SmallString<256> work;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("edgec-run", work)) {
    error = "cannot create a temporary directory: " + ec.message();
    return false;
  }
  // The work directory goes away whatever happens.
  struct Remove {
    std::string dir;
    ~Remove() { llvm::sys::fs::remove_directories(dir); }
  } remove{work.str().str()};
  edgec::CProgramOptions options;
  options.workDir = work.str().str();
  options.runtimeDir = EDGEC_RUNTIME_DIR;
  options.weightsThreshold = runArgs.weightsThreshold;
  std::unique_ptr<edgec::CProgram> program =
      edgec::CProgram::build(module, options, error);
  if (!program)
    return false;
  return mlir::succeeded(program->run(args, results, error));
}

int runRun(const RunArgs &args, mlir::MLIRContext &context) {
  if (std::string why = edgec::driver::validateQuantizeOptions(args.quant);
      !why.empty())
    return fail(why);
  // Read every input file first: a bad file fails before any work is done.
  std::vector<edgec::HostTensor> tensors(args.inputs.size());
  for (size_t i = 0; i < args.inputs.size(); ++i) {
    std::string error;
    if (!edgec::readTensorFile(args.inputs[i], tensors[i], error))
      return fail(error);
  }
  mlir::OwningOpRef<mlir::ModuleOp> module =
      importAndLower(args.model, args.ioLayout, context);
  if (!module)
    return 1;
  std::string error;
  if (args.quant.enabled() &&
      !edgec::driver::quantizeEdgeModule(args.quant, *module, args.model.model,
                                         error))
    return fail(error);
  mlir::func::FuncOp func = edgec::getGraphFunction(*module, error);
  if (!func)
    return fail(args.model.model + ": " + error);

  std::vector<edgec::GraphTensorInfo> graphInputs, graphOutputs;
  if (!edgec::getFunctionSignature(func, graphInputs, graphOutputs, error))
    return fail(args.model.model + ": " + error);
  std::vector<edgec::HostTensor> inputs;
  if (!edgec::matchGraphInputs(graphInputs, tensors, args.inputs, inputs,
                               error))
    return fail(error);

  std::vector<edgec::HostTensor> outputs;
  bool ok = false;
  if (args.backend == "interp")
    ok = executeInterp(func, inputs, outputs, error);
  else if (args.backend == "c")
    ok = executeC(*module, args, inputs, outputs, error);
  else
    error = "unknown backend '" + args.backend + "'";
  if (!ok)
    return fail(args.model.model + ": " + error);

  // Outputs exist only once the whole run succeeded.
  if (std::error_code ec = llvm::sys::fs::create_directories(args.outputDir))
    return fail("cannot create '" + args.outputDir + "': " + ec.message());
  std::vector<std::string> written;
  for (size_t i = 0; i < outputs.size(); ++i) {
    std::string base = edgec::sanitizeFileName(outputs[i].name);
    // Two outputs whose names sanitize alike keep distinct files.
    std::string name = base;
    for (int n = 1; std::find(written.begin(), written.end(), name) !=
                    written.end();
         ++n)
      name = base + "_" + std::to_string(n);
    written.push_back(name);
    std::string path = edgec::joinPath(args.outputDir, name + ".npy");
    if (!edgec::writeFileAtomically(path, edgec::toNpy(outputs[i]), error)) {
      for (size_t j = 0; j + 1 < written.size(); ++j) {
        llvm::SmallString<256> p(args.outputDir);
        llvm::sys::path::append(p, written[j] + ".npy");
        llvm::sys::fs::remove(p);
      }
      return fail(error);
    }
  }
  return 0;
}


/// Options of `edgec compile`.
struct CompileArgs {
  ModelArgs model;
  std::string target = "c";
  std::string outDir;
  std::string name;
  std::string ioLayout = "nchw";
  int64_t weightsThreshold = 64 * 1024;
  bool force = false;
  std::string weights = "embedded";
  edgec::driver::QuantArgs quant;
};

/// The files `edgec compile` reads: the output directory never replaces
/// them.
std::vector<std::string> compileInputs(const CompileArgs &args) {
  std::vector<std::string> inputs{args.model.model};
  if (!args.quant.calibration.empty())
    inputs.push_back(args.quant.calibration);
  for (const std::string &spec : args.model.freezeInputs)
    if (size_t eq = spec.find('='); eq != std::string::npos)
      inputs.push_back(spec.substr(eq + 1));
  return inputs;
}

/// edgec compile --target c: import, lower to edge, plan memory, lower to
/// EmitC, print <name>.h / <name>.c (+ the weights blob and its .incbin
/// stub) and the runtime into OUTDIR. Everything is written to a temporary
/// directory next to OUTDIR, which is renamed into place at the end, so a
/// failure leaves no partial output.
int runCompile(const CompileArgs &args, mlir::MLIRContext &context) {
  if (args.target != "c")
    return fail("unknown target '" + args.target + "' (available: c)");
  if (std::string why = edgec::driver::validateQuantizeOptions(args.quant);
      !why.empty())
    return fail(why);
  if (args.ioLayout != "nchw" && args.ioLayout != "nhwc")
    return fail("--io-layout must be nchw or nhwc, got '" + args.ioLayout +
                "'");
  if (args.weights != "embedded" && args.weights != "separate")
    return fail("--weights must be embedded or separate, got '" + args.weights +
                "'");
  // Everything is written into a staging directory; OUTDIR is only replaced
  // (or written into, with --force) once all of it was written. Checked
  // first: a refused OUTDIR fails before any work.
  std::string error;
  edgec::OutputDirectory::Options outOptions;
  outOptions.force = args.force;
  outOptions.inputs = compileInputs(args);
  std::unique_ptr<edgec::OutputDirectory> out =
      edgec::OutputDirectory::create(args.outDir, outOptions, error);
  if (!out)
    return fail(error);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      importAndLower(args.model, args.ioLayout, context);
  if (!module)
    return 1;

  // With --quantize the report puts the float build beside the quantized
  // one: the float model is planned and emitted (into a scratch directory,
  // removed) before quantizing.
  std::optional<edgec::ctarget::CTargetInfo> floatInfo;
  if (args.quant.enabled()) {
    llvm::SmallString<256> scratch;
    if (std::error_code ec = llvm::sys::fs::createUniqueDirectory(
            "edgec-float", scratch))
      return fail("cannot create a temporary directory: " + ec.message());
    mlir::OwningOpRef<mlir::ModuleOp> floatModule = module->clone();
    edgec::ctarget::CTargetOptions floatOptions;
    floatOptions.name = "float_model";
    floatOptions.weightsThreshold = args.weightsThreshold;
    floatInfo.emplace();
    edgec::ctarget::CModelFiles floatFiles;
    mlir::LogicalResult written = edgec::ctarget::writeCModel(
        *floatModule, floatOptions, scratch, "", *floatInfo, floatFiles,
        error);
    llvm::sys::fs::remove_directories(scratch);
    if (mlir::failed(written))
      return fail(args.model.model + ": " + error);
    if (!edgec::driver::quantizeEdgeModule(args.quant, *module,
                                           args.model.model, error))
      return fail(error);
  }

  // Memory plan, C target, files and runtime (shared with run --backend c).
  edgec::ctarget::CTargetOptions options;
  options.name = args.name.empty()
                     ? llvm::sys::path::stem(args.model.model).str()
                     : args.name;
  options.weightsThreshold = args.weightsThreshold;
  options.separateWeights = args.weights == "separate";
  options.compilerVersion = EDGEC_VERSION_STRING;
  edgec::ctarget::CTargetInfo info;
  edgec::ctarget::CModelFiles files;
  if (mlir::failed(edgec::ctarget::writeCModel(
          *module, options, out->path(), EDGEC_RUNTIME_DIR, info, files,
          error)))
    // Lowering errors name the node; file errors name the file.
    return fail(llvm::StringRef(error).starts_with("cannot ")
                    ? error
                    : args.model.model + ": " + error);
  const std::string &name = info.name;
  if (!out->commit(error))
    return fail(error);
  std::string outDir = args.outDir;
  while (outDir.size() > 1 && outDir.back() == '/')
    outDir.pop_back();

  // The compile report.
  llvm::raw_ostream &os = llvm::outs();
  os << "edgec: compiled " << args.model.model << " -> " << outDir << "/"
     << name << ".{h,c}\n";
  double ratio = info.arenaLowerBound
                     ? double(info.arenaSize) / info.arenaLowerBound
                     : 1.0;
  if (floatInfo) {
    os << llvm::formatv("  {0,-9} {1,12} {2,12}\n", "", "float",
                        args.quant.quantize + "/" + args.quant.activations);
    os << llvm::formatv("  {0,-9} {1,12} {2,12}   bytes\n", "weights:",
                        floatInfo->weightBytes, info.weightBytes);
    os << llvm::formatv("  {0,-9} {1,12} {2,12}   bytes\n", "arena:",
                        floatInfo->arenaSize, info.arenaSize);
    os << "  ops kept in float:\n";
    edgec::driver::printFallbacks(edgec::collectFallbacks(*module), os,
                                  "    ");
  }
  os << llvm::formatv("  arena:   {0} bytes (lower bound {1}, {2:f3}x)\n",
                      info.arenaSize, info.arenaLowerBound, ratio);
  if (info.separateWeights)
    os << llvm::formatv("  weights: {0} bytes ({1}.weights.bin: {2} bytes, "
                        "{3} sections, bound with {1}_bind_weights)\n"
                        "  model hash: {4}\n",
                        info.weightBytes, name, info.blobSize,
                        info.blobSections.size(), info.modelHash);
  else
    os << llvm::formatv("  weights: {0} bytes ({1})\n", info.weightBytes,
                        info.weightsBlob.empty()
                            ? std::string("static const arrays in ") + name +
                                  ".c"
                            : name + ".weights.bin + " + name + "_weights.S");
  os << "  kernels: " << info.kernels.size() << "\n";
  for (auto [i, k] : llvm::enumerate(info.kernels))
    os << "    " << i << "  " << k << "\n";
  os << "  runtime: " << outDir << "/" << files.runtimeIncludeDir << "/ (";
  llvm::interleaveComma(files.runtimeSources, os, [&](const std::string &f) {
    os << llvm::sys::path::filename(f);
  });
  os << ")\n";
  os.flush();
  return 0;
}

/// The model hash a --expect-model argument names: 64 hex digits, or an
/// `edgec compile` output directory whose header defines <NAME>_MODEL_HASH.
/// Empty (and `error` set) when it names none.
std::string expectedModelHash(const std::string &arg, std::string &error) {
  if (arg.size() == 64 &&
      llvm::all_of(arg, [](char c) { return llvm::isHexDigit(c); }))
    return llvm::StringRef(arg).lower();
  if (!llvm::sys::fs::is_directory(arg)) {
    error =
        "--expect-model '" + arg + "' is neither 64 hex digits nor a directory";
    return "";
  }
  std::error_code ec;
  std::vector<std::string> headers;
  for (llvm::sys::fs::directory_iterator it(arg, ec), e; !ec && it != e;
       it.increment(ec))
    if (llvm::StringRef(it->path()).ends_with(".h"))
      headers.push_back(it->path());
  llvm::sort(headers);
  for (const std::string &h : headers) {
    auto buffer = llvm::MemoryBuffer::getFile(h);
    if (!buffer)
      continue;
    llvm::StringRef text = (*buffer)->getBuffer();
    size_t at = text.find("_MODEL_HASH \"");
    if (at == llvm::StringRef::npos)
      continue;
    llvm::StringRef hex = text.substr(at + 13, 64);
    if (hex.size() == 64 &&
        llvm::all_of(hex, [](char c) { return llvm::isHexDigit(c); }))
      return hex.lower();
  }
  error = "--expect-model '" + arg +
          "': no header with a <NAME>_MODEL_HASH (compiled with --weights "
          "separate?)";
  return "";
}

/// edgec inspect-blob: prints a weights blob's header and section table and
/// checks it as the runtime does (edgert_blob_verify), with LLVM's CRC-32
/// and SHA-256; with --expect-model also the model hash.
int runInspectBlob(const std::string &file, bool json,
                   const std::string &expectModel) {
  namespace ct = edgec::ctarget;
  std::string expected, error;
  if (!expectModel.empty()) {
    expected = expectedModelHash(expectModel, error);
    if (expected.empty())
      return fail(error);
  }
  auto buffer = llvm::MemoryBuffer::getFile(file, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fail("cannot read '" + file + "': " + buffer.getError().message());
  llvm::ArrayRef<uint8_t> bytes(
      reinterpret_cast<const uint8_t *>((*buffer)->getBufferStart()),
      (*buffer)->getBufferSize());
  ct::BlobHeader h;
  std::string why;
  std::string status = ct::checkWeightsBlob(bytes, h, why);
  if (!status.empty())
    return fail(file + ": " + why + " (" + status + ")");
  std::string model = ct::hashHex(h.modelHash);
  if (!expected.empty() && model != expected)
    return fail(file + ": model hash " + model + " is not the expected " +
                expected + " (EDGERT_BLOB_MODEL_MISMATCH)");
  llvm::raw_ostream &os = llvm::outs();
  if (json) {
    llvm::json::Array sections;
    for (const ct::BlobSection &s : h.sections)
      sections.push_back(
          llvm::json::Object{{"offset", static_cast<int64_t>(s.offset)},
                             {"size", static_cast<int64_t>(s.size)},
                             {"align", static_cast<int64_t>(s.align)},
                             {"kind", ct::blobKindName(s.kind)}});
    llvm::json::Object root{
        {"file", file},
        {"size", static_cast<int64_t>(bytes.size())},
        {"version", static_cast<int64_t>(h.version)},
        {"header_size", static_cast<int64_t>(h.headerSize)},
        {"flags", static_cast<int64_t>(h.flags)},
        {"align", static_cast<int64_t>(h.align)},
        {"payload_offset", static_cast<int64_t>(h.payloadOffset)},
        {"payload_size", static_cast<int64_t>(h.payloadSize)},
        {"payload_crc32", static_cast<int64_t>(h.payloadCrc)},
        {"payload_sha256", ct::hashHex(h.payloadSha)},
        {"header_crc32", static_cast<int64_t>(h.headerCrc)},
        {"model_hash", model},
        {"sections", std::move(sections)},
        {"status", "ok"}};
    os << llvm::formatv("{0:2}", llvm::json::Value(std::move(root))) << "\n";
    return 0;
  }
  os << "edgec: " << file << ": valid weights blob (EDGW version " << h.version
     << ")\n";
  os << llvm::formatv("  size:     {0} bytes\n", bytes.size());
  os << llvm::formatv("  header:   {0} bytes, flags {1:x8}, header CRC-32 "
                      "{2:x8} (ok)\n",
                      h.headerSize, h.flags, h.headerCrc);
  os << llvm::formatv("  payload:  {0} bytes at offset {1}, base alignment "
                      "{2}\n",
                      h.payloadSize, h.payloadOffset, h.align);
  os << llvm::formatv("  CRC-32:   {0:x8} (ok)\n", h.payloadCrc);
  os << "  SHA-256:  " << ct::hashHex(h.payloadSha) << " (ok)\n";
  os << "  model:    " << model << (expected.empty() ? "" : " (expected)")
     << "\n";
  os << "  sections: " << h.sections.size() << "\n";
  if (!h.sections.empty())
    os << llvm::formatv("    {0,4} {1,10} {2,10} {3,6}  {4}\n", "#", "offset",
                        "size", "align", "kind");
  for (auto [i, s] : llvm::enumerate(h.sections))
    os << llvm::formatv("    {0,4} {1,10} {2,10} {3,6}  {4}\n", i, s.offset,
                        s.size, s.align, ct::blobKindName(s.kind));
  return 0;
}

/// Options of `edgec verify`.
struct VerifyArgs {
  ModelArgs model;
  std::string ioLayout = "nchw";
  edgec::driver::QuantArgs quant;
  std::string inputs;
  int top = 0;
  bool json = false;
};

/// edgec verify: the float model against its quantized form, tensor by
/// tensor, on the given inputs. Prints nothing unless the whole comparison
/// succeeded.
int runVerify(const VerifyArgs &args, mlir::MLIRContext &context) {
  if (!args.quant.enabled())
    return fail("verify needs --quantize int8 and --calibration DATA");
  if (std::string why = edgec::driver::validateQuantizeOptions(args.quant);
      !why.empty())
    return fail(why);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      importAndLower(args.model, args.ioLayout, context);
  if (!module)
    return 1;
  std::string error;
  std::string report;
  llvm::raw_string_ostream os(report);
  if (!edgec::driver::verifyQuantization(args.quant, *module,
                                         args.model.model, args.inputs,
                                         args.top, args.json, os, error))
    return fail(error);
  llvm::outs() << report;
  llvm::outs().flush();
  return 0;
}

/// Options of `edgec export`.
struct ExportArgs {
  ModelArgs model;
  std::string format;
  std::string output;
  edgec::driver::QuantArgs quant;
};

/// edgec export --format onnx-qdq: the model quantized by edgec as a QDQ
/// ONNX file (edgec/Export/QDQExport.h). Nothing is written on failure.
int runExport(const ExportArgs &args, mlir::MLIRContext &context) {
  if (args.format != "onnx-qdq")
    return fail("unknown export format '" + args.format +
                "' (available: onnx-qdq)");
  if (!args.quant.enabled())
    return fail("export --format onnx-qdq needs --quantize int8 and "
                "--calibration DATA (it writes edgec's quantization)");
  if (std::string why = edgec::driver::validateQuantizeOptions(args.quant);
      !why.empty())
    return fail(why);
  if (args.quant.activations != "int8")
    return fail("--format onnx-qdq exports int8 activations only (ONNX opset "
                "17 has no int16 QuantizeLinear); got --activations " +
                args.quant.activations);
  if (std::string why = checkOutputFile(args.output, args.model.model);
      !why.empty())
    return fail(why);
  std::vector<edgec::FrozenInput> frozen;
  if (!readFrozenInputs(args.model, frozen))
    return 1;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      importAndFreeze(args.model, frozen, context);
  if (!module)
    return 1;
  std::string error;
  edgec::QDQExportOptions options;
  options.calibration = args.quant.calibration;
  options.modelPath = args.model.model;
  if (!edgec::driver::getQuantizeOptions(args.quant, options.quantize, error))
    return fail(error);
  if (mlir::failed(
          edgec::exportQDQModel(*module, options, args.output, error)))
    return fail(error);
  llvm::outs() << "edgec: exported " << args.model.model << " -> "
               << args.output << " (QDQ ONNX, " << args.quant.quantize
               << ")\n";
  llvm::outs().flush();
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  // A file size limit (ulimit -f) or quota makes write() fail with EFBIG
  // and raise SIGXFSZ, which InitLLVM's handlers treat as a crash (stack
  // dump). Ignored, the failing write is reported like any other write
  // error ("cannot write 'F': File too large").
  ::signal(SIGXFSZ, SIG_IGN);

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

  RunArgs runArgs;
  CLI::App *runCmd = app.add_subcommand(
      "run", "Compile a model and run it on the given inputs, writing each "
             "graph output as OUTDIR/<output name>.npy");
  runCmd->footer("Example: edgec run model.onnx --backend c -i x.npy "
                 "-o out/\nInputs are .npy (float32, int64, int32, int8, "
                 "uint8, bool; C order) or ONNX TensorProto .pb files, "
                 "matched to graph inputs by name (file stem or TensorProto "
                 "name), else in order.");
  addModelOptions(runCmd, runArgs.model);
  runCmd
      ->add_option("--backend", runArgs.backend,
                   "Where to run: interp (the host interpreter over the "
                   "edgert kernels) or c (compiled to C as by 'compile "
                   "--target c', built with the host compiler $CC, default "
                   "cc, and executed)")
      ->check(CLI::IsMember({"interp", "c"}))
      ->capture_default_str();
  runCmd
      ->add_option("-i,--input", runArgs.inputs,
                   "Input tensor file (.npy or .pb); repeat -i for each "
                   "input: -i a.npy -i b.npy")
      ->type_name("FILE")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  runCmd->add_option("-o,--output-dir", runArgs.outputDir,
                     "Directory for the outputs (created if missing)")
      ->required()
      ->type_name("OUTDIR");
  runCmd
      ->add_option("--io-layout", runArgs.ioLayout,
                   "Layout of rank-4 inputs and outputs: nchw (ONNX's) or "
                   "nhwc")
      ->check(CLI::IsMember({"nchw", "nhwc"}))
      ->capture_default_str();
  addFreezeOption(runCmd, runArgs.model);
  runCmd
      ->add_option("--weights-threshold", runArgs.weightsThreshold,
                   "--backend c: total weight bytes above which weights go "
                   "to a binary blob with an .incbin stub")
      ->check(integerIn(0, INT64_MAX))
      ->capture_default_str();
  edgec::driver::addQuantizeOptions(runCmd, runArgs.quant);

  CompileArgs compileArgs;
  CLI::App *compileCmd = app.add_subcommand(
      "compile", "Compile an ONNX model to C (EmitC) calling the edgert "
                 "runtime: OUTDIR/<name>.h, <name>.c, the runtime sources "
                 "in OUTDIR/edgert/, and for large models a weights blob");
  compileCmd->footer("Example: edgec compile model.onnx --target c -o out "
                     "--name net");
  addModelOptions(compileCmd, compileArgs.model);
  compileCmd->add_option("--target", compileArgs.target, "Target: c")
      ->capture_default_str();
  compileCmd
      ->add_option("-o,--output", compileArgs.outDir,
                   "Output directory: created, or replaced when it holds "
                   "only a previous edgec output (listed in its "
                   ".edgec-manifest); not changed on failure")
      ->required()
      ->type_name("OUTDIR");
  compileCmd->add_flag(
      "--force", compileArgs.force,
      "Write into an existing OUTDIR that holds other files: edgec's files "
      "are overwritten, nothing else is touched");
  compileCmd->add_option("--name", compileArgs.name,
                         "C prefix and file name (default: the model file's "
                         "stem)");
  compileCmd
      ->add_option("--io-layout", compileArgs.ioLayout,
                   "Layout of rank-4 inputs/outputs: nchw (ONNX's) or nhwc")
      ->capture_default_str();
  compileCmd
      ->add_option("--weights-threshold", compileArgs.weightsThreshold,
                   "Total weight bytes above which weights go to a binary "
                   "blob with an .incbin stub")
      ->check(integerIn(0, INT64_MAX))
      ->capture_default_str();
  compileCmd
      ->add_option("--weights", compileArgs.weights,
                   "embedded: weights in the C (or an .incbin blob above "
                   "--weights-threshold); separate: every weight in a "
                   "verified blob <name>.weights.bin bound at run time with "
                   "<name>_bind_weights (docs/ota.md)")
      ->capture_default_str()
      ->type_name("embedded|separate");
  addFreezeOption(compileCmd, compileArgs.model);
  edgec::driver::addQuantizeOptions(compileCmd, compileArgs.quant);

  VerifyArgs verifyArgs;
  CLI::App *verifyCmd = app.add_subcommand(
      "verify", "Quantize a model and compare it with the float model tensor "
                "by tensor on the given inputs: SQNR, cosine similarity and "
                "max abs error per tensor, worst first, with the ONNX node "
                "names");
  verifyCmd->footer(
      "Example: edgec verify model.onnx --quantize int8 --calibration "
      "calib/ -i test.npy\n-i takes what --calibration takes (a batched "
      ".npy, an .npz, a directory).");
  addModelOptions(verifyCmd, verifyArgs.model);
  addFreezeOption(verifyCmd, verifyArgs.model);
  edgec::driver::addQuantizeOptions(verifyCmd, verifyArgs.quant);
  verifyCmd
      ->add_option("-i,--inputs", verifyArgs.inputs,
                   "Inputs to compare on (read like --calibration data)")
      ->required()
      ->type_name("DATA");
  verifyCmd
      ->add_option("--io-layout", verifyArgs.ioLayout,
                   "Layout of rank-4 inputs and outputs: nchw or nhwc")
      ->check(CLI::IsMember({"nchw", "nhwc"}))
      ->capture_default_str();
  verifyCmd->add_option("--top", verifyArgs.top,
                        "Show only the N worst tensors (0: all)")
      ->check(integerIn(0, INT32_MAX));
  verifyCmd->add_flag("--json", verifyArgs.json, "Print the report as JSON");

  ExportArgs exportArgs;
  CLI::App *exportCmd = app.add_subcommand(
      "export", "Write the model quantized by edgec in a standard format: "
                "onnx-qdq (QuantizeLinear/DequantizeLinear pairs with "
                "edgec's scales and zero points, int8 weights)");
  exportCmd->footer("Example: edgec export model.onnx --format onnx-qdq "
                    "--quantize int8 --calibration calib/ -o model.qdq.onnx");
  addModelOptions(exportCmd, exportArgs.model);
  exportCmd->add_option("--format", exportArgs.format, "Format: onnx-qdq")
      ->required();
  exportCmd
      ->add_option("-o,--output", exportArgs.output,
                   "Output file (written atomically; not created on failure)")
      ->required()
      ->type_name("FILE");
  addFreezeOption(exportCmd, exportArgs.model);
  edgec::driver::addQuantizeOptions(exportCmd, exportArgs.quant);

  std::string blobFile, blobExpect;
  bool blobJson = false;
  CLI::App *inspectBlobCmd = app.add_subcommand(
      "inspect-blob", "Print a weights blob's header and section table "
                      "(edgec compile --weights separate) and check it as "
                      "the runtime does: structure, CRC-32, SHA-256");
  inspectBlobCmd->footer("Example: edgec inspect-blob out/net.weights.bin "
                         "--expect-model out");
  inspectBlobCmd->add_option("file", blobFile, "The blob")
      ->required()
      ->type_name("FILE");
  inspectBlobCmd->add_flag("--json", blobJson, "Print the report as JSON");
  inspectBlobCmd->add_option(
      "--expect-model", blobExpect,
      "Also require this model hash: 64 hex digits, or the output directory "
      "of the edgec compile the firmware was built from");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    // --help and --version print and exit 0; every usage error is one line
    // and exits 1, like every other edgec failure (CLI11's own codes vary by
    // error kind).
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success))
      return app.exit(e);
    return usageError(app, e);
  }

  if (inspectBlobCmd->parsed())
    return runInspectBlob(blobFile, blobJson, blobExpect);
  if (!importCmd->parsed() && !inspectCmd->parsed() && !runCmd->parsed() &&
      !compileCmd->parsed() && !verifyCmd->parsed() &&
      !exportCmd->parsed()) {
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
  if (compileCmd->parsed())
    return runCompile(compileArgs, context);
  if (runCmd->parsed())
    return runRun(runArgs, context);
  if (verifyCmd->parsed())
    return runVerify(verifyArgs, context);
  if (exportCmd->parsed())
    return runExport(exportArgs, context);
  return runInspect(inspectArgs, json, context);
}
