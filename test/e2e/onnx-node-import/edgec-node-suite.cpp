//===- edgec-node-suite.cpp - the ONNX backend node tests through edgec ---===//
//
// edgec-node-suite NODE_DIR [--expected FILE] [--roundtrip] [--no-fork]
//                  [--filter SUBSTRING] [--list-in-set] [-j N]
//                  [--run-interp | --run-c --runtime-dir DIR
//                   [--runtime-lib LIB]] [--no-freeze] [--write-expected FILE]
//
// For each test directory under NODE_DIR (the ONNX backend node tests, e.g.
// /usr/share/libonnx-testdata/data/node) reads model.onnx and decides whether
// every node's op type is in edgec's op set: a default-domain op registered
// in the MLIR context as `onnx.<OpType>`. Those models are imported with
// edgec::importOnnxModel (which verifies the IR) and verified again here;
// with --roundtrip the IR is also printed and parsed back.
//
// --run-interp and --run-c run each in-set test on its test_data_set_*
// inputs and compare with the expected outputs (rtol 1e-3, atol 1e-5), one
// code path for both: import, freeze the shape-like inputs (below), lower to
// edge, then either the host interpreter or the C target (edgec's C, a
// generated driver main, built with $CC against the runtime library
// --runtime-lib, built once by the build; else the runtime sources are
// compiled per test) executed as a program. Graph inputs that feed a
// parameter operand the lowering needs constant -- operands that older opsets
// carried as attributes: Reshape/Expand shape, Slice starts/ends/axes/steps,
// Pad pads/value/axes, reduction and (Un)Squeeze axes, TopK K, Tile repeats,
// Resize roi/scales/sizes, ... (kParameterOperands) -- are frozen with the
// test data's values, as `edgec run --freeze-input` does (not with
// --no-freeze). Tests using the
// quantized ops (QuantizeLinear, QLinearConv, ...) are counted apart.
//
// Each test runs in a forked child (-j N of them at a time) so that a crash
// or a hang in edgec is reported as that test's failure instead of ending
// the suite.
//
// Every test that does not pass gets a kind (kinds()): what refused it or
// went wrong. Some kinds are "unsupported" (edgec refuses the model or its
// test data with a clear message: importer, reader, lowering, backend), the
// others are failures (invalid IR, wrong results, crashes, ...).
//
// Prints the counts and every failure with its kind and reason. With
// --expected, compares them with the list in FILE (one
// `test_name  # kind: reason` per line) and exits non-zero if a test not on
// the list does not pass, if a listed test fails with another kind, if a
// listed test passes now or is no longer in the suite (stale entry), or if
// an entry has no known kind or no reason. --write-expected FILE writes that
// list (reasons are edgec's messages; edit them to say why).
//
//===----------------------------------------------------------------------===//
#include "edgec/Import/OnnxImporter.h"
#include "edgec/Interpreter/Interpreter.h"
#include "edgec/Pipeline/FreezeInputs.h"
#include "edgec/Pipeline/Pipeline.h"
#include "edgec/Runner/CRunner.h"
#include "edgec/Support/GraphSignature.h"
#include "edgec/Support/InitAll.h"
#include "edgec/Support/TensorIO.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "onnx/onnx_pb.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct Options {
  std::string nodeDir;
  std::string expectedFile;
  std::string filter;
  bool roundtrip = false;
  bool fork = true;
  bool listInSet = false;
  bool runInterp = false;
  bool runC = false;
  /// --no-freeze: run without freezing parameter inputs (to see what
  /// freezing gains).
  bool freeze = true;
  std::string runtimeDir;
  std::string runtimeLib;
  std::string writeExpected;
  unsigned jobs = 1;
  unsigned timeoutSeconds = 60;
  /// Scratch directory of the C mode (one subdirectory per compile).
  std::string workRoot;

  bool running() const { return runInterp || runC; }
  const char *mode() const { return runC ? "c" : "interp"; }
};

void usage(llvm::raw_ostream &os) {
  os << "usage: edgec-node-suite NODE_DIR [--expected FILE] [--roundtrip] "
        "[--no-fork] [--filter SUBSTRING] [--list-in-set] [-j N] "
        "[--run-interp | --run-c --runtime-dir DIR [--runtime-lib LIB]] "
        "[--no-freeze] [--write-expected FILE]\n";
}

/// Collects the op types of `graph` and of its subgraphs (If/Loop bodies),
/// with their domains.
void collectOps(const onnx::GraphProto &graph,
                std::set<std::pair<std::string, std::string>> &ops) {
  for (const onnx::NodeProto &node : graph.node()) {
    ops.insert({node.domain(), node.op_type()});
    for (const onnx::AttributeProto &attr : node.attribute()) {
      if (attr.has_g())
        collectOps(attr.g(), ops);
      for (const onnx::GraphProto &g : attr.graphs())
        collectOps(g, ops);
    }
  }
}

/// The kinds of not passing. A result string is `<kind>: <message>`, empty
/// when the test passes.
struct KindInfo {
  const char *name;
  bool unsupported;
  const char *meaning;
};
const std::vector<KindInfo> &kinds() {
  static const std::vector<KindInfo> table = {
      {"importer", true, "edgec's importer rejects the model"},
      {"reader", true, "the test data is not a tensor edgec reads"},
      {"lowering", true, "convert-onnx-to-edge or a pass refuses an op"},
      {"backend", true, "the interpreter or the C target refuses an op"},
      {"verifier", false, "edgec produced IR its verifier rejects"},
      {"roundtrip", false, "printed IR does not parse back"},
      {"compile", false, "the generated C does not compile"},
      {"runtime", false, "running the model reports an error"},
      {"wrong-result", false, "outputs differ from the reference"},
      {"crash", false, "edgec crashed"},
      {"timeout", false, "the test did not finish in time"},
      {"harness", false, "the test's files are not what the suite expects"},
  };
  return table;
}

const KindInfo *findKind(llvm::StringRef name) {
  for (const KindInfo &k : kinds())
    if (name == k.name)
      return &k;
  return nullptr;
}

std::string result(const char *kind, const std::string &message) {
  assert(findKind(kind) && "unknown kind");
  return std::string(kind) + ": " + message;
}

/// The kind of a result string (`<kind>: ...`).
llvm::StringRef kindOf(llvm::StringRef result) {
  return result.split(": ").first;
}

bool isUnsupported(llvm::StringRef result) {
  const KindInfo *k = findKind(kindOf(result));
  return k && k->unsupported;
}

/// ONNX's name of a TypeProto: tensor(float), sequence(tensor(int64)),
/// optional(...), map(int64,tensor(float)), sparse_tensor(float).
std::string typeString(const onnx::TypeProto &type) {
  auto elem = [](int32_t t) -> std::string {
    if (onnx::TensorProto_DataType_IsValid(t))
      return llvm::StringRef(onnx::TensorProto_DataType_Name(
                                 static_cast<onnx::TensorProto_DataType>(t)))
          .lower();
    return "type " + std::to_string(t);
  };
  if (type.has_tensor_type())
    return "tensor(" + elem(type.tensor_type().elem_type()) + ")";
  if (type.has_sequence_type())
    return "sequence(" + typeString(type.sequence_type().elem_type()) + ")";
  if (type.has_optional_type())
    return "optional(" + typeString(type.optional_type().elem_type()) + ")";
  if (type.has_map_type())
    return "map(" + elem(type.map_type().key_type()) + "," +
           typeString(type.map_type().value_type()) + ")";
  if (type.has_sparse_tensor_type())
    return "sparse_tensor(" + elem(type.sparse_tensor_type().elem_type()) +
           ")";
  return "an unknown type";
}

/// Returns a result string (`<kind>: <message>`), empty on success.
std::string importOne(const std::string &path,
                      const mlir::DialectRegistry &registry, bool roundtrip) {
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  edgec::ImportOptions options;
  std::string error;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      edgec::importOnnxModel(path, context, options, error);
  if (!module)
    return result("importer", error.empty()
                                  ? std::string("import failed without a message")
                                  : error);

  // Capture verifier diagnostics instead of printing them.
  std::string diagnostic;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &diag) {
    if (diagnostic.empty())
      diagnostic = diag.str();
    return mlir::success();
  });
  if (mlir::failed(mlir::verify(*module)))
    return result("verifier", "imported IR does not verify: " + diagnostic);
  if (!roundtrip)
    return "";

  std::string text;
  {
    llvm::raw_string_ostream os(text);
    module->print(os);
  }
  mlir::MLIRContext context2(registry);
  context2.loadAllAvailableDialects();
  std::string parseDiagnostic;
  mlir::ScopedDiagnosticHandler handler2(
      &context2, [&](mlir::Diagnostic &diag) {
        if (parseDiagnostic.empty())
          parseDiagnostic = diag.str();
        return mlir::success();
      });
  mlir::OwningOpRef<mlir::ModuleOp> parsed =
      mlir::parseSourceString<mlir::ModuleOp>(text, &context2);
  if (!parsed)
    return result("roundtrip",
                  "printed IR does not parse back: " + parseDiagnostic);
  return "";
}


/// Compares one output; returns an empty string when it matches.
std::string compareTensor(const edgec::HostTensor &got,
                          const edgec::HostTensor &want) {
  if (got.type != want.type)
    return std::string("output type ") + edgec::elemTypeName(got.type) +
           ", expected " + edgec::elemTypeName(want.type);
  if (got.shape != want.shape)
    return "output shape " + edgec::shapeToString(got.shape) + ", expected " +
           edgec::shapeToString(want.shape);
  if (got.data.size() != want.data.size())
    return "output size differs";
  if (got.type != edgec::ElemType::F32) {
    if (got.data != want.data)
      return "integer/boolean output differs";
    return "";
  }
  const float *g = reinterpret_cast<const float *>(got.data.data());
  const float *w = reinterpret_cast<const float *>(want.data.data());
  int64_t n = got.numElements(), bad = 0, first = -1;
  for (int64_t i = 0; i < n; ++i) {
    bool ok;
    if (std::isnan(w[i]))
      ok = std::isnan(g[i]);
    else if (std::isinf(w[i]))
      ok = g[i] == w[i];
    else
      ok = std::fabs(static_cast<double>(g[i]) - w[i]) <=
           1e-5 + 1e-3 * std::fabs(static_cast<double>(w[i]));
    if (!ok && !bad++)
      first = i;
  }
  if (!bad)
    return "";
  return std::to_string(bad) + " of " + std::to_string(n) +
         " elements differ (first at " + std::to_string(first) + ": got " +
         std::to_string(g[first]) + ", expected " + std::to_string(w[first]) +
         ")";
}

/// Operands that older opsets carried as attributes and that the lowering
/// needs as constants (shapes, axes, pads, starts/ends/steps, repeats, K,
/// scales, ...), by op type: the operand indices a graph input is frozen for.
const std::map<std::string, std::vector<int>> &parameterOperands() {
  static const std::map<std::string, std::vector<int>> table = {
      {"CenterCropPad", {1}},
      {"Clip", {1, 2}},
      {"ConstantOfShape", {0}},
      {"ConvInteger", {2, 3}},
      {"CumSum", {1}},
      {"DequantizeLinear", {1, 2}},
      {"Dropout", {1, 2}},
      {"Expand", {1}},
      {"MaxUnpool", {2}},
      {"MatMulInteger", {2, 3}},
      {"OneHot", {1}},
      {"Pad", {1, 2, 3}},
      {"QLinearConv", {1, 2, 4, 5, 6, 7}},
      {"QLinearMatMul", {1, 2, 4, 5, 6, 7}},
      {"QuantizeLinear", {1, 2}},
      {"Range", {0, 1, 2}},
      {"ReduceSum", {1}},
      {"Reshape", {1}},
      {"Resize", {1, 2, 3}},
      {"Slice", {1, 2, 3, 4}},
      {"Split", {1}},
      {"Squeeze", {1}},
      {"Tile", {1}},
      {"TopK", {1}},
      {"Trilu", {1}},
      {"Unsqueeze", {1}},
      {"Upsample", {1}},
  };
  return table;
}

/// The graph inputs (not initializers) of `graph` that feed a parameter
/// operand directly: the ones the suite freezes.
std::set<std::string> parameterInputs(const onnx::GraphProto &graph) {
  std::set<std::string> inputs, initializers, out;
  for (const auto &t : graph.initializer())
    initializers.insert(t.name());
  for (const auto &v : graph.input())
    if (!initializers.count(v.name()))
      inputs.insert(v.name());
  for (const onnx::NodeProto &node : graph.node()) {
    if (!node.domain().empty() && node.domain() != "ai.onnx")
      continue;
    auto it = parameterOperands().find(node.op_type());
    if (it == parameterOperands().end())
      continue;
    for (int i : it->second)
      if (i < node.input_size() && inputs.count(node.input(i)))
        out.insert(node.input(i));
  }
  return out;
}

/// The ops of issue 4 (quantization): tests using them are counted apart.
bool isQuantizedOp(const std::string &op) {
  static const std::set<std::string> ops = {
      "QuantizeLinear", "DequantizeLinear", "QLinearConv",
      "QLinearMatMul",  "ConvInteger",      "MatMulInteger"};
  return ops.count(op) != 0;
}

/// A graph input or output as the model declares it.
struct Declared {
  std::string name;
  onnx::TypeProto type;
};

/// What the suite knows about a test from its ModelProto.
struct TestInfo {
  std::string name;
  std::string dir;
  /// Graph inputs (without initializers), in order.
  std::vector<std::string> inputs;
  /// Their declared types, and the graph outputs': the test data files
  /// input_<i>.pb / output_<i>.pb hold values of these types (a TensorProto
  /// only for tensor types; SequenceProto, OptionalProto, ... otherwise).
  std::vector<Declared> declaredInputs, declaredOutputs;
  /// Inputs to freeze with the test data's values.
  std::set<std::string> frozen;
  bool quantized = false;
};

/// A test compiled for one backend: the interpreter or the built C program.
struct Compiled {
  std::unique_ptr<mlir::MLIRContext> context;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::unique_ptr<edgec::Interpreter> interp;
  std::unique_ptr<edgec::CProgram> program;

  const std::vector<edgec::GraphTensorInfo> &inputs() const {
    return interp ? interp->getInputs() : program->getInputs();
  }
  mlir::LogicalResult run(const std::vector<edgec::HostTensor> &args,
                          std::vector<edgec::HostTensor> &results,
                          std::string &error) {
    return interp ? interp->run(args, results, error)
                  : program->run(args, results, error);
  }
};

/// Imports, freezes, lowers and prepares the backend. Returns "" or a result
/// string (`<kind>: <reason>`).
std::string compileOne(const TestInfo &test,
                       const std::vector<edgec::FrozenInput> &frozen,
                       const mlir::DialectRegistry &registry,
                       const Options &opts, Compiled &out) {
  out.context = std::make_unique<mlir::MLIRContext>(registry);
  mlir::MLIRContext &context = *out.context;
  context.loadAllAvailableDialects();
  context.printOpOnDiagnostic(false);
  context.getDiagEngine().registerHandler(
      [](mlir::Diagnostic &) { return mlir::success(); });
  llvm::SmallString<256> modelPath(test.dir);
  llvm::sys::path::append(modelPath, "model.onnx");
  edgec::ImportOptions options;
  std::string error;
  out.module =
      edgec::importOnnxModel(modelPath.str().str(), context, options, error);
  if (!out.module)
    return result("importer", error);
  if (mlir::failed(edgec::freezeInputs(*out.module, frozen, error)))
    return result("harness", "freezing the parameter inputs: " + error);
  bool invalidIR = false;
  if (mlir::failed(edgec::lowerToEdge(*out.module, edgec::PipelineOptions(),
                                      error, &invalidIR)))
    return result(invalidIR ? "verifier" : "lowering", error);
  if (opts.runInterp) {
    mlir::func::FuncOp func = edgec::getGraphFunction(*out.module, error);
    if (!func)
      return result("harness", "the lowered module: " + error);
    out.interp = edgec::Interpreter::create(func, error);
    return out.interp ? "" : result("backend", error);
  }
  llvm::SmallString<256> work;
  if (std::error_code ec = llvm::sys::fs::createUniqueDirectory(
          opts.workRoot + "/" + test.name, work))
    return result("harness",
                  "cannot create a work directory: " + ec.message());
  edgec::CProgramOptions c;
  c.workDir = work.str().str();
  c.runtimeDir = opts.runtimeDir;
  c.runtimeLibrary = opts.runtimeLib;
  c.compileTimeout = 100;
  c.runTimeout = 30;
  out.program = edgec::CProgram::build(*out.module, c, error);
  if (out.program)
    return "";
  // The C target's refusals are unsupported; generated C that does not
  // compile is a failure.
  return result(llvm::StringRef(error).starts_with("the host C compiler")
                    ? "compile"
                    : "backend",
                error);
}

/// Runs one node test through the interpreter or the C target on each of
/// its test_data_set_* directories. Returns "" when it passes, else a result
/// string (`<kind>: <reason>`).
std::string runOne(const TestInfo &test,
                   const mlir::DialectRegistry &registry,
                   const Options &opts) {
  std::vector<std::string> sets;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(test.dir, ec), end;
       it != end && !ec; it.increment(ec)) {
    std::string name = llvm::sys::path::filename(it->path()).str();
    if (llvm::StringRef(name).starts_with("test_data_set_"))
      sets.push_back(it->path());
  }
  std::sort(sets.begin(), sets.end());
  if (sets.empty())
    return result("harness", "no test_data_set_* directories");
  std::string error;
  // Reads input_<i>.pb / output_<i>.pb. A file of a graph input or output
  // that is not a tensor holds another message (SequenceProto,
  // OptionalProto, ...), which a TensorProto parser would misread field by
  // field (a name's bytes as dims): only tensor types are read.
  auto readAll = [&](const std::string &dir, const char *prefix,
                     const std::vector<Declared> &declared,
                     std::vector<edgec::HostTensor> &out,
                     std::vector<std::string> *paths) -> bool {
    for (unsigned i = 0;; ++i) {
      llvm::SmallString<256> p(dir);
      llvm::sys::path::append(p, std::string(prefix) + std::to_string(i) +
                                     ".pb");
      if (!llvm::sys::fs::exists(p))
        return true;
      if (i < declared.size() && !declared[i].type.has_tensor_type()) {
        error = p.str().str() + ": graph " +
                (llvm::StringRef(prefix).starts_with("input") ? "input"
                                                               : "output") +
                " '" + declared[i].name + "' is " +
                typeString(declared[i].type) +
                ", not a tensor; edgec reads and compiles tensors only";
        return false;
      }
      edgec::HostTensor t;
      if (!edgec::readTensorFile(p.str().str(), t, error))
        return false;
      out.push_back(std::move(t));
      if (paths)
        paths->push_back(p.str().str());
    }
  };

  Compiled compiled;
  std::vector<edgec::FrozenInput> compiledWith;
  bool haveCompiled = false;
  for (const std::string &set : sets) {
    std::vector<edgec::HostTensor> ins, wants, args, gots;
    std::vector<std::string> paths;
    if (!readAll(set, "input_", test.declaredInputs, ins, &paths) ||
        !readAll(set, "output_", test.declaredOutputs, wants, nullptr))
      return result("reader", error);
    if (ins.size() != test.inputs.size())
      return result("harness", std::to_string(ins.size()) +
                                   " input files for " +
                                   std::to_string(test.inputs.size()) +
                                   " graph inputs");
    // input_<i>.pb is graph input i; its TensorProto name usually says so.
    for (size_t i = 0; i < ins.size(); ++i)
      if (std::find(test.inputs.begin(), test.inputs.end(), ins[i].name) ==
          test.inputs.end())
        ins[i].name = test.inputs[i];
    std::vector<edgec::FrozenInput> frozen;
    for (size_t i = 0; i < ins.size(); ++i)
      if (test.frozen.count(ins[i].name))
        frozen.push_back({ins[i].name, paths[i], ins[i]});

    // Compile once, again only when a frozen value changes between sets.
    bool same = haveCompiled && frozen.size() == compiledWith.size();
    for (size_t i = 0; same && i < frozen.size(); ++i)
      same = frozen[i].value.data == compiledWith[i].value.data;
    if (!same) {
      compiled = Compiled();
      std::string why = compileOne(test, frozen, registry, opts, compiled);
      if (!why.empty())
        return why;
      compiledWith = frozen;
      haveCompiled = true;
    }

    const auto &infos = compiled.inputs();
    for (size_t i = 0; i < infos.size(); ++i) {
      const edgec::HostTensor *match = nullptr;
      for (const edgec::HostTensor &t : ins)
        if (t.name == infos[i].name)
          match = &t;
      if (!match)
        return result("harness",
                      "no test data for graph input '" + infos[i].name + "'");
      args.push_back(*match);
    }
    if (mlir::failed(compiled.run(args, gots, error)))
      return result("runtime", error);
    if (gots.size() != wants.size())
      return result("wrong-result", std::to_string(gots.size()) +
                                        " outputs, expected " +
                                        std::to_string(wants.size()));
    for (size_t i = 0; i < gots.size(); ++i) {
      std::string diff = compareTensor(gots[i], wants[i]);
      if (!diff.empty())
        return result("wrong-result", llvm::sys::path::filename(set).str() +
                                          " output " + std::to_string(i) +
                                          " ('" + gots[i].name + "'): " +
                                          diff);
    }
  }
  return "";
}

std::string oneLine(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  while (!s.empty() && s.back() == ' ')
    s.pop_back();
  return s;
}

/// One test's work in the current process: the import check, or a run.
std::string work(const TestInfo &test, const mlir::DialectRegistry &registry,
                 const Options &opts) {
  if (opts.running())
    return oneLine(runOne(test, registry, opts));
  llvm::SmallString<256> path(test.dir);
  llvm::sys::path::append(path, "model.onnx");
  return oneLine(importOne(path.str().str(), registry, opts.roundtrip));
}

/// The message of a child that ended with `status` after writing `message`.
std::string childResult(int status, const std::string &message,
                        const Options &opts) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    if (sig == SIGALRM)
      return result("timeout", "timed out after " +
                                   std::to_string(opts.timeoutSeconds) + " s");
    return result("crash", "signal " + std::to_string(sig) + ", " +
                               strsignal(sig));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
    return "";
  return message.empty()
             ? result("crash", "child exited with status " +
                                   std::to_string(WEXITSTATUS(status)) +
                                   " without a message")
             : message;
}

/// Runs `work` for every test, each in a forked child (up to opts.jobs at a
/// time) unless --no-fork; returns the messages in test order.
std::vector<std::string> runAll(const std::vector<TestInfo> &tests,
                                const mlir::DialectRegistry &registry,
                                const Options &opts) {
  std::vector<std::string> results(tests.size());
  if (!opts.fork) {
    for (size_t i = 0; i < tests.size(); ++i)
      results[i] = work(tests[i], registry, opts);
    return results;
  }
  struct Child {
    pid_t pid;
    int fd;
    size_t index;
  };
  std::vector<Child> running;
  size_t next = 0;
  while (next < tests.size() || !running.empty()) {
    while (next < tests.size() && running.size() < std::max(1u, opts.jobs)) {
      size_t index = next++;
      int fds[2];
      if (pipe(fds) != 0) {
        results[index] =
            result("harness", std::string("pipe() failed: ") + strerror(errno));
        continue;
      }
      fflush(stdout);
      fflush(stderr);
      llvm::outs().flush();
      pid_t pid = fork();
      if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        results[index] =
            result("harness", std::string("fork() failed: ") + strerror(errno));
        continue;
      }
      if (pid == 0) {
        close(fds[0]);
        alarm(opts.timeoutSeconds);
        std::string error = work(tests[index], registry, opts);
        // Short enough for the pipe: the parent reads after the exit.
        if (error.size() > 4000)
          error = error.substr(0, 4000);
        const char *p = error.data();
        size_t left = error.size();
        while (left) {
          ssize_t n = write(fds[1], p, left);
          if (n <= 0)
            break;
          p += n;
          left -= n;
        }
        close(fds[1]);
        _exit(error.empty() ? 0 : 1);
      }
      close(fds[1]);
      running.push_back({pid, fds[0], index});
    }
    int status = 0;
    pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR)
        continue;
      for (const Child &c : running) {
        close(c.fd);
        results[c.index] = result("harness", "waitpid() failed");
      }
      break;
    }
    auto it = std::find_if(running.begin(), running.end(),
                           [&](const Child &c) { return c.pid == pid; });
    if (it == running.end())
      continue;
    std::string message;
    char buf[4096];
    ssize_t n;
    while ((n = read(it->fd, buf, sizeof(buf))) > 0)
      message.append(buf, n);
    close(it->fd);
    results[it->index] = childResult(status, message, opts);
    running.erase(it);
  }
  return results;
}

/// One entry of an expected-failure list.
struct Expected {
  std::string kind;
  std::string reason;
  unsigned line;
};

/// Reads `test_name  # kind: reason` lines (`#` lines and blank lines are
/// comments). Returns false with `error` set if the file cannot be read or an
/// entry has no known kind or no reason.
bool readExpected(const std::string &path,
                  std::map<std::string, Expected> &expected,
                  std::string &error) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer) {
    error = path + ": cannot read the file";
    return false;
  }
  llvm::SmallVector<llvm::StringRef> lines;
  (*buffer)->getBuffer().split(lines, '\n');
  for (auto [i, line] : llvm::enumerate(lines)) {
    auto [name, comment] = line.split('#');
    name = name.trim();
    if (name.empty())
      continue;
    std::string where = path + ":" + std::to_string(i + 1) + ": ";
    auto [kind, reason] = comment.split(':');
    kind = kind.trim();
    reason = reason.trim();
    if (!findKind(kind)) {
      std::string known;
      for (const KindInfo &k : kinds())
        known += std::string(known.empty() ? "" : ", ") + k.name;
      error = where + "'" + name.str() + "' has no known kind (`" +
              name.str() + "  # kind: reason`, kinds: " + known + ")";
      return false;
    }
    if (reason.empty()) {
      error = where + "'" + name.str() + "' gives no reason";
      return false;
    }
    if (!expected
             .insert({name.str(),
                      {kind.str(), reason.str(), static_cast<unsigned>(i + 1)}})
             .second) {
      error = where + "'" + name.str() + "' is listed twice";
      return false;
    }
  }
  return true;
}

/// Writes the expected-failure list of `failures` to opts.writeExpected.
bool writeExpected(const Options &opts, llvm::StringRef what,
                   const std::vector<std::pair<std::string, std::string>>
                       &failures) {
  std::error_code ec;
  llvm::raw_fd_ostream os(opts.writeExpected, ec);
  if (ec) {
    llvm::errs() << "edgec-node-suite: cannot write '" << opts.writeExpected
                 << "'\n";
    return false;
  }
  os << "# " << what << " (libonnx-testdata 1.12) that do not pass";
  if (opts.running())
    os << "\n# through " << (opts.runC ? "the C target (--run-c)"
                                       : "the interpreter (--run-interp)");
  os << ".\n# Format: `test_name  # kind: reason` (kinds: see "
        "edgec-node-suite.cpp).\n"
        "# The suite fails on a test that does not pass and is not listed, on "
        "a listed\n# test that fails with another kind, and on a listed test "
        "that passes now.\n";
  for (const auto &[name, res] : failures) {
    llvm::StringRef kind = kindOf(res);
    std::string text = llvm::StringRef(res).drop_front(kind.size() + 2).str();
    if (text.size() > 200)
      text = text.substr(0, 197) + "...";
    os << name << "  # " << kind << ": " << text << "\n";
  }
  return true;
}

/// Compares `failures` (test name, result string) with the list in
/// opts.expectedFile. `ran` holds the tests this run could have failed.
/// Returns 0, 1 (mismatch) or 2 (bad list).
int checkExpected(const Options &opts, const std::set<std::string> &ran,
                  const std::vector<std::pair<std::string, std::string>>
                      &failures) {
  std::map<std::string, Expected> expected;
  std::string error;
  if (!readExpected(opts.expectedFile, expected, error)) {
    llvm::outs() << "error: " << error << "\n";
    return 2;
  }
  unsigned unexpected = 0, otherKind = 0, stale = 0;
  std::set<std::string> failed;
  for (const auto &[name, res] : failures) {
    failed.insert(name);
    auto it = expected.find(name);
    if (it == expected.end()) {
      if (!unexpected++)
        llvm::outs() << "\nunexpected failures (not in " << opts.expectedFile
                     << "):\n";
      llvm::outs() << "  " << name << "  # " << res << "\n";
    }
  }
  for (const auto &[name, res] : failures) {
    auto it = expected.find(name);
    if (it == expected.end() || kindOf(res) == it->second.kind)
      continue;
    if (!otherKind++)
      llvm::outs() << "\nlisted failures that now fail with another kind "
                      "(update "
                   << opts.expectedFile << "):\n";
    llvm::outs() << "  " << name << ": listed as " << it->second.kind
                 << " (line " << it->second.line << "), now " << res << "\n";
  }
  for (const auto &[name, entry] : expected) {
    // With --filter only the selected tests ran.
    if (failed.count(name) || (!opts.filter.empty() &&
                               name.find(opts.filter) == std::string::npos))
      continue;
    if (!stale++)
      llvm::outs() << "\nstale entries: listed tests that "
                      "pass now or are not in the suite (remove them from "
                   << opts.expectedFile << "):\n";
    llvm::outs() << "  " << name << " (line " << entry.line << ", "
                 << (ran.count(name) ? "passes" : "not in the suite")
                 << ")\n";
  }
  if (!unexpected && !otherKind && !stale)
    return 0;
  llvm::outs() << "error: " << unexpected << " unexpected failure"
               << (unexpected == 1 ? "" : "s") << ", " << otherKind
               << " with another kind, " << stale << " stale entr"
               << (stale == 1 ? "y" : "ies") << "\n";
  return 1;
}

/// --run-interp's / --run-c's summary (tests with quantized ops counted
/// apart). `results` holds the tests that did not pass, `quantized` the
/// names of the tests with quantized ops.
void reportRun(const Options &opts, unsigned inSet,
               const std::set<std::string> &quantized,
               const std::vector<std::pair<std::string, std::string>> &results) {
  unsigned counts[2][2] = {{0, 0}, {0, 0}}; // [quantized][unsupported]
  for (const auto &[name, res] : results)
    ++counts[quantized.count(name)][isUnsupported(res) ? 1 : 0];
  unsigned plain = inSet - quantized.size();
  unsigned q = quantized.size();
  llvm::outs() << opts.mode() << ": " << inSet
               << " node tests in the op set; " << plain << " without "
               << "quantized ops: " << plain - counts[0][0] - counts[0][1]
               << " passed, " << counts[0][0] << " failed, " << counts[0][1]
               << " unsupported; " << q << " with quantized ops (issue 4): "
               << q - counts[1][0] - counts[1][1] << " passed, "
               << counts[1][0] << " failed, " << counts[1][1]
               << " unsupported\n";
  for (const auto &[name, res] : results)
    llvm::outs() << "  " << (isUnsupported(res) ? "UNSUPPORTED " : "FAILED ")
                 << name << (quantized.count(name) ? " (quantized)" : "")
                 << ": " << res << "\n";
}
} // namespace

int main(int argc, char **argv) {
  Options opts;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    if (arg == "--expected" && i + 1 < argc)
      opts.expectedFile = argv[++i];
    else if (arg == "--filter" && i + 1 < argc)
      opts.filter = argv[++i];
    else if (arg == "--roundtrip")
      opts.roundtrip = true;
    else if (arg == "--no-fork")
      opts.fork = false;
    else if (arg == "--list-in-set")
      opts.listInSet = true;
    else if (arg == "--run-interp")
      opts.runInterp = true;
    else if (arg == "--run-c")
      opts.runC = true;
    else if (arg == "--no-freeze")
      opts.freeze = false;
    else if (arg == "--runtime-dir" && i + 1 < argc)
      opts.runtimeDir = argv[++i];
    else if (arg == "--runtime-lib" && i + 1 < argc)
      opts.runtimeLib = argv[++i];
    else if (arg == "-j" && i + 1 < argc)
      opts.jobs = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--write-expected" && i + 1 < argc)
      opts.writeExpected = argv[++i];
    else if (arg == "-h" || arg == "--help") {
      usage(llvm::outs());
      return 0;
    } else if (!arg.starts_with("-") && opts.nodeDir.empty())
      opts.nodeDir = arg.str();
    else {
      usage(llvm::errs());
      return 2;
    }
  }
  if (opts.nodeDir.empty()) {
    usage(llvm::errs());
    return 2;
  }

  // Test directories, sorted.
  std::vector<std::string> tests;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(opts.nodeDir, ec), end;
       it != end && !ec; it.increment(ec)) {
    std::string name = llvm::sys::path::filename(it->path()).str();
    llvm::SmallString<256> model(it->path());
    llvm::sys::path::append(model, "model.onnx");
    if (!llvm::sys::fs::exists(model))
      continue;
    if (!opts.filter.empty() && name.find(opts.filter) == std::string::npos)
      continue;
    tests.push_back(name);
  }
  if (ec) {
    llvm::errs() << "edgec-node-suite: cannot read '" << opts.nodeDir
                 << "': " << ec.message() << "\n";
    return 2;
  }
  std::sort(tests.begin(), tests.end());

  mlir::DialectRegistry registry;
  edgec::registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();

  unsigned total = 0, inSet = 0, imported = 0;
  std::vector<std::pair<std::string, std::string>> failures;
  std::set<std::string> inSetTests, quantized;
  std::vector<TestInfo> toRun;
  llvm::StringMap<unsigned> missingOps;
  for (const std::string &name : tests) {
    ++total;
    llvm::SmallString<256> path(opts.nodeDir);
    llvm::sys::path::append(path, name, "model.onnx");

    onnx::ModelProto model;
    {
      std::ifstream in(path.c_str(), std::ios::binary);
      if (!in || !model.ParseFromIstream(&in)) {
        failures.push_back(
            {name, result("harness", "cannot read " + path.str().str())});
        continue;
      }
    }
    std::set<std::pair<std::string, std::string>> ops;
    collectOps(model.graph(), ops);
    bool all = true;
    for (const auto &[domain, opType] : ops) {
      bool known = (domain.empty() || domain == "ai.onnx") &&
                   mlir::RegisteredOperationName::lookup("onnx." + opType,
                                                         &context)
                       .has_value();
      if (!known) {
        all = false;
        ++missingOps[domain.empty() ? opType : domain + "." + opType];
      }
    }
    if (!all)
      continue;
    ++inSet;
    inSetTests.insert(name);
    if (opts.listInSet)
      llvm::outs() << "in set: " << name << "\n";

    TestInfo info;
    info.name = name;
    info.dir = llvm::sys::path::parent_path(path).str();
    std::set<std::string> initializers;
    for (const auto &t : model.graph().initializer())
      initializers.insert(t.name());
    for (const auto &v : model.graph().input())
      if (!initializers.count(v.name())) {
        info.inputs.push_back(v.name());
        info.declaredInputs.push_back({v.name(), v.type()});
      }
    for (const auto &v : model.graph().output())
      info.declaredOutputs.push_back({v.name(), v.type()});
    if (opts.freeze)
      info.frozen = parameterInputs(model.graph());
    for (const auto &op : ops)
      info.quantized |= isQuantizedOp(op.second);
    if (info.quantized)
      quantized.insert(name);
    toRun.push_back(std::move(info));
  }

  // The C mode's scratch directory, removed at the end.
  llvm::SmallString<256> workRoot;
  if (opts.runC) {
    if (opts.runtimeDir.empty()) {
      llvm::errs() << "edgec-node-suite: --run-c needs --runtime-dir\n";
      return 2;
    }
    if (std::error_code ec =
            llvm::sys::fs::createUniqueDirectory("edgec-node-c", workRoot)) {
      llvm::errs() << "edgec-node-suite: cannot create a temporary "
                      "directory: "
                   << ec.message() << "\n";
      return 2;
    }
    opts.workRoot = workRoot.str().str();
    opts.timeoutSeconds = 90;
  }
  std::vector<std::string> results = runAll(toRun, registry, opts);
  if (opts.runC)
    llvm::sys::fs::remove_directories(workRoot);
  for (size_t i = 0; i < toRun.size(); ++i) {
    if (results[i].empty())
      ++imported;
    else
      failures.push_back({toRun[i].name, results[i]});
  }
  std::sort(failures.begin(), failures.end());

  if (opts.running())
    reportRun(opts, inSet, quantized, failures);
  else {
    llvm::outs() << "node tests: " << total << " total, " << inSet
                 << " in the op set, " << imported << " imported, "
                 << failures.size() << " failed\n";
    for (const auto &[name, res] : failures)
      llvm::outs() << "  FAILED " << name << ": " << res << "\n";
  }

  if (opts.listInSet) {
    std::vector<std::pair<unsigned, std::string>> byCount;
    for (const auto &entry : missingOps)
      byCount.push_back({entry.second, entry.first().str()});
    std::sort(byCount.begin(), byCount.end(),
              [](const auto &a, const auto &b) {
                return a.first != b.first ? a.first > b.first
                                          : a.second < b.second;
              });
    llvm::outs() << "op types outside the op set (tests using them):";
    for (const auto &[count, op] : byCount)
      llvm::outs() << " " << op << "(" << count << ")";
    llvm::outs() << "\n";
  }

  if (!opts.writeExpected.empty() &&
      !writeExpected(opts,
                     opts.running() ? "ONNX backend node tests in edgec's op set"
                                    : "ONNX test models in edgec's op set",
                     failures))
    return 2;
  if (opts.expectedFile.empty())
    return 0;
  return checkExpected(opts, inSetTests, failures);
}
