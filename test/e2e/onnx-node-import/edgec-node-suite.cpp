//===- edgec-node-suite.cpp - import the ONNX backend node tests ----------===//
//
// edgec-node-suite NODE_DIR [--expected FILE] [--roundtrip] [--no-fork]
//                  [--filter SUBSTRING] [--list-in-set]
//                  [--run-interp [--write-expected FILE]]
//
// For each test directory under NODE_DIR (the ONNX backend node tests, e.g.
// /usr/share/libonnx-testdata/data/node) reads model.onnx and decides whether
// every node's op type is in edgec's op set: a default-domain op registered
// in the MLIR context as `onnx.<OpType>`. Those models are imported with
// edgec::importOnnxModel (which verifies the IR) and verified again here;
// with --roundtrip the IR is also printed and parsed back.
//
// Each import runs in a forked child so that a crash or a hang (60 s) in the
// importer is reported as that test's failure instead of ending the suite.
//
// Prints `node tests: N total, M in the op set, K imported, F failed` and
// every failure with its reason. With --expected, compares the failures with
// the list in FILE (one `test_name  # reason` per line) and exits non-zero if
// a test not on the list fails or if K/M < 95%; tests on the list that now
// pass are printed as a reminder to shorten it.
//
//===----------------------------------------------------------------------===//
#include "edgec/Import/OnnxImporter.h"
#include "edgec/Interpreter/Interpreter.h"
#include "edgec/Pipeline/Pipeline.h"
#include "edgec/Support/InitAll.h"
#include "edgec/Support/TensorIO.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
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
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
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
  std::string writeExpected;
  unsigned timeoutSeconds = 60;
};

void usage(llvm::raw_ostream &os) {
  os << "usage: edgec-node-suite NODE_DIR [--expected FILE] [--roundtrip] "
        "[--no-fork] [--filter SUBSTRING] [--list-in-set] "
        "[--run-interp [--write-expected FILE]]\n";
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

/// Returns an error message, empty on success.
std::string importOne(const std::string &path,
                      const mlir::DialectRegistry &registry, bool roundtrip) {
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  edgec::ImportOptions options;
  std::string error;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      edgec::importOnnxModel(path, context, options, error);
  if (!module)
    return error.empty() ? std::string("import failed without a message")
                         : error;

  // Capture verifier diagnostics instead of printing them.
  std::string diagnostic;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &diag) {
    if (diagnostic.empty())
      diagnostic = diag.str();
    return mlir::success();
  });
  if (mlir::failed(mlir::verify(*module)))
    return "imported IR does not verify: " + diagnostic;
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
    return "printed IR does not parse back: " + parseDiagnostic;
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

/// Runs one node test through the interpreter. Returns "" when it passes,
/// "U:<reason>" when unsupported, "F:<reason>" when it fails.
std::string interpOne(const std::string &testDir,
                      const mlir::DialectRegistry &registry) {
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  context.printOpOnDiagnostic(false);
  mlir::ScopedDiagnosticHandler quiet(&context, [](mlir::Diagnostic &) {
    return mlir::success();
  });
  llvm::SmallString<256> modelPath(testDir);
  llvm::sys::path::append(modelPath, "model.onnx");
  edgec::ImportOptions options;
  std::string error;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      edgec::importOnnxModel(modelPath.str().str(), context, options, error);
  if (!module)
    return "U:import: " + error;
  if (mlir::failed(edgec::lowerToEdge(*module, edgec::PipelineOptions(),
                                      error)))
    return "U:lowering: " + error;
  mlir::func::FuncOp func;
  for (auto f : module->getOps<mlir::func::FuncOp>())
    if (!f.isExternal()) {
      func = f;
      break;
    }
  if (!func)
    return "U:no function";
  std::unique_ptr<edgec::Interpreter> interp =
      edgec::Interpreter::create(func, error);
  if (!interp)
    return "U:" + error;

  std::vector<std::string> sets;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(testDir, ec), end;
       it != end && !ec; it.increment(ec)) {
    std::string name = llvm::sys::path::filename(it->path()).str();
    if (llvm::StringRef(name).starts_with("test_data_set_"))
      sets.push_back(it->path());
  }
  std::sort(sets.begin(), sets.end());
  if (sets.empty())
    return "F:no test_data_set_* directories";
  auto readAll = [&](const std::string &dir, const char *prefix,
                     std::vector<edgec::HostTensor> &out) -> bool {
    for (unsigned i = 0;; ++i) {
      llvm::SmallString<256> p(dir);
      llvm::sys::path::append(p, std::string(prefix) + std::to_string(i) +
                                     ".pb");
      if (!llvm::sys::fs::exists(p))
        return true;
      edgec::HostTensor t;
      if (!edgec::readTensorFile(p.str().str(), t, error))
        return false;
      out.push_back(std::move(t));
    }
  };
  for (const std::string &set : sets) {
    std::vector<edgec::HostTensor> ins, wants, args, gots;
    if (!readAll(set, "input_", ins) || !readAll(set, "output_", wants))
      return "U:test data: " + error;
    const auto &infos = interp->getInputs();
    if (ins.size() != infos.size())
      return "U:" + std::to_string(ins.size()) + " input files for " +
             std::to_string(infos.size()) + " graph inputs";
    for (size_t i = 0; i < infos.size(); ++i) {
      const edgec::HostTensor *match = &ins[i];
      for (const edgec::HostTensor &t : ins)
        if (t.name == infos[i].name)
          match = &t;
      args.push_back(*match);
    }
    if (mlir::failed(interp->run(args, gots, error)))
      return "F:" + error;
    if (gots.size() != wants.size())
      return "F:" + std::to_string(gots.size()) + " outputs, expected " +
             std::to_string(wants.size());
    for (size_t i = 0; i < gots.size(); ++i) {
      std::string diff = compareTensor(gots[i], wants[i]);
      if (!diff.empty())
        return "F:" + llvm::sys::path::filename(set).str() + " output " +
               std::to_string(i) + " ('" + gots[i].name + "'): " + diff;
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

/// Runs importOne in a child process; returns its error message.
std::string importIsolated(const std::string &path,
                           const mlir::DialectRegistry &registry,
                           const Options &opts) {
  auto work = [&]() {
    if (opts.runInterp)
      return interpOne(llvm::sys::path::parent_path(path).str(), registry);
    return importOne(path, registry, opts.roundtrip);
  };
  if (!opts.fork)
    return oneLine(work());
  int fds[2];
  if (pipe(fds) != 0)
    return std::string("pipe() failed: ") + strerror(errno);
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return std::string("fork() failed: ") + strerror(errno);
  }
  if (pid == 0) {
    close(fds[0]);
    alarm(opts.timeoutSeconds);
    std::string error = oneLine(work());
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
  std::string error;
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof(buf))) > 0)
    error.append(buf, n);
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    if (sig == SIGALRM)
      return std::string(opts.runInterp ? "F:" : "") + "timed out after " +
             std::to_string(opts.timeoutSeconds) + " s";
    return std::string(opts.runInterp ? "F:crashed (signal "
                                      : "importer crashed (signal ") + std::to_string(sig) +
           ", " + strsignal(sig) + ")";
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
    return "";
  return error.empty() ? "child exited with status " +
                             std::to_string(WEXITSTATUS(status))
                       : error;
}

/// Reads `name  # reason` lines; returns false if the file cannot be read.
bool readExpected(const std::string &path,
                  std::map<std::string, std::string> &expected) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return false;
  llvm::SmallVector<llvm::StringRef> lines;
  (*buffer)->getBuffer().split(lines, '\n');
  for (llvm::StringRef line : lines) {
    auto [name, reason] = line.split('#');
    name = name.trim();
    if (name.empty())
      continue;
    expected[name.str()] = reason.trim().str();
  }
  return true;
}


/// --run-interp's summary, expected-failure check and --write-expected.
int reportInterp(const Options &opts, unsigned inSet,
                 const std::vector<std::pair<std::string, std::string>> &results) {
  unsigned failed = 0, unsupported = 0;
  for (const auto &[name, reason] : results)
    (llvm::StringRef(reason).starts_with("U:") ? unsupported : failed)++;
  unsigned passed = inSet - failed - unsupported;
  llvm::outs() << "interp: " << inSet << " node tests in the op set, "
               << passed << " passed, " << failed << " failed, " << unsupported
               << " unsupported\n";
  for (const auto &[name, reason] : results)
    llvm::outs() << "  "
                 << (llvm::StringRef(reason).starts_with("U:") ? "UNSUPPORTED "
                                                                : "FAILED ")
                 << name << ": " << llvm::StringRef(reason).drop_front(2)
                 << "\n";
  if (!opts.writeExpected.empty()) {
    std::error_code ec;
    llvm::raw_fd_ostream os(opts.writeExpected, ec);
    if (ec) {
      llvm::errs() << "edgec-node-suite: cannot write '" << opts.writeExpected
                   << "'\n";
      return 2;
    }
    os << "# ONNX backend node tests (libonnx-testdata 1.12) in edgec's op set that\n"
          "# do not pass through the interpreter (edgec-node-suite --run-interp),\n"
          "# with the reason. Format: `test_name  # reason`. Written by\n"
          "# --write-expected; the ctest onnx-node-interp fails on any other test\n"
          "# that does not pass.\n";
    for (const auto &[name, reason] : results) {
      std::string why = llvm::StringRef(reason).starts_with("U:")
                            ? "unsupported: "
                            : "fails: ";
      std::string text = reason.substr(2);
      if (text.size() > 160)
        text = text.substr(0, 157) + "...";
      os << name << "  # " << why << text << "\n";
    }
  }
  if (opts.expectedFile.empty())
    return 0;
  std::map<std::string, std::string> expected;
  if (!readExpected(opts.expectedFile, expected)) {
    llvm::errs() << "edgec-node-suite: cannot read '" << opts.expectedFile
                 << "'\n";
    return 2;
  }
  std::set<std::string> bad;
  unsigned unexpected = 0;
  for (const auto &[name, reason] : results) {
    bad.insert(name);
    if (expected.count(name))
      continue;
    if (!unexpected++)
      llvm::outs() << "\nunexpected failures (not in " << opts.expectedFile
                   << "):\n";
    llvm::outs() << "  " << name << ": " << reason << "\n";
  }
  bool header = false;
  for (const auto &[name, reason] : expected) {
    if (bad.count(name) || (!opts.filter.empty() &&
                            name.find(opts.filter) == std::string::npos))
      continue;
    if (!header) {
      llvm::outs() << "\nexpected failures that now pass or are no longer "
                      "run (remove them from "
                   << opts.expectedFile << "):\n";
      header = true;
    }
    llvm::outs() << "  " << name << "\n";
  }
  if (unexpected) {
    llvm::outs() << "error: " << unexpected << " unexpected failure"
                 << (unexpected == 1 ? "" : "s") << "\n";
    return 1;
  }
  return 0;
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
  std::set<std::string> inSetTests;
  llvm::StringMap<unsigned> missingOps;
  for (const std::string &name : tests) {
    ++total;
    llvm::SmallString<256> path(opts.nodeDir);
    llvm::sys::path::append(path, name, "model.onnx");

    onnx::ModelProto model;
    {
      std::ifstream in(path.c_str(), std::ios::binary);
      if (!in || !model.ParseFromIstream(&in)) {
        failures.push_back({name, "cannot read " + path.str().str()});
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

    std::string error = importIsolated(path.str().str(), registry, opts);
    if (error.empty())
      ++imported;
    else
      failures.push_back({name, error});
  }

  if (opts.runInterp)
    return reportInterp(opts, inSet, failures);

  llvm::outs() << "node tests: " << total << " total, " << inSet
               << " in the op set, " << imported << " imported, "
               << failures.size() << " failed\n";
  for (const auto &[name, reason] : failures)
    llvm::outs() << "  FAILED " << name << ": " << reason << "\n";

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

  int status = 0;
  double ratio = inSet ? static_cast<double>(imported) / inSet : 1.0;
  llvm::outs() << llvm::format("imported %.1f%% of the in-set tests\n",
                               ratio * 100.0);
  if (ratio < 0.95) {
    llvm::outs() << "error: fewer than 95% of the in-set tests import\n";
    status = 1;
  }

  if (!opts.expectedFile.empty()) {
    std::map<std::string, std::string> expected;
    if (!readExpected(opts.expectedFile, expected)) {
      llvm::errs() << "edgec-node-suite: cannot read '" << opts.expectedFile
                   << "'\n";
      return 2;
    }
    std::set<std::string> failed;
    unsigned unexpected = 0;
    for (const auto &[name, reason] : failures) {
      failed.insert(name);
      if (!expected.count(name)) {
        if (!unexpected++)
          llvm::outs() << "\nunexpected failures (not in "
                       << opts.expectedFile << "):\n";
        llvm::outs() << "  " << name << ": " << reason << "\n";
      }
    }
    bool headerPrinted = false;
    for (const auto &[name, reason] : expected) {
      // Only tests that were run can be said to pass now.
      if (failed.count(name) || !inSetTests.count(name))
        continue;
      if (!headerPrinted) {
        llvm::outs() << "\nexpected failures that now pass (remove them from "
                     << opts.expectedFile << "):\n";
        headerPrinted = true;
      }
      llvm::outs() << "  " << name << "\n";
    }
    if (unexpected) {
      llvm::outs() << "error: " << unexpected << " unexpected failure"
                   << (unexpected == 1 ? "" : "s") << "\n";
      status = 1;
    }
  }
  return status;
}
