//===- RuntimeFamiliesTest.cpp - the C target's table of edgert files -----===//
//
// Checks targets/C/RuntimeFamilies.cpp against the runtime sources
// themselves: every runtime/src/*.c is a family, each family's source
// includes the header and private headers the table says, and each family
// links on its own with exactly the families the table says it needs (a
// shared object with --no-undefined; leaving any needed family out fails).
//
//===----------------------------------------------------------------------===//
#include "edgec/Dialect/Edge/KernelCall.h"
#include "edgec/Targets/C/RuntimeFamilies.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace edgec::ctarget;

#ifndef EDGEC_RUNTIME_DIR
#error "EDGEC_RUNTIME_DIR must name the runtime's source tree"
#endif

namespace {

std::string runtimePath(llvm::StringRef rel) {
  llvm::SmallString<256> p(EDGEC_RUNTIME_DIR);
  llvm::sys::path::append(p, rel);
  return p.str().str();
}

std::string readText(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  return buffer ? (*buffer)->getBuffer().str() : std::string();
}

/// The quoted includes of a file: `#include "x"`.
std::set<std::string> quotedIncludes(const std::string &text) {
  std::set<std::string> out;
  llvm::SmallVector<llvm::StringRef> lines;
  llvm::StringRef(text).split(lines, '\n');
  for (llvm::StringRef l : lines) {
    l = l.trim();
    if (!l.consume_front("#include"))
      continue;
    l = l.trim();
    if (l.consume_front("\"")) {
      size_t end = l.find('"');
      if (end != llvm::StringRef::npos)
        out.insert(l.take_front(end).str());
    }
  }
  return out;
}

TEST(RuntimeFamilies, EverySourceIsAFamily) {
  std::set<std::string> sources;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(runtimePath("src"), ec), e;
       !ec && it != e; it.increment(ec))
    if (llvm::sys::path::extension(it->path()) == ".c")
      sources.insert(llvm::sys::path::stem(it->path()).str());
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_FALSE(sources.empty());
  std::set<std::string> families;
  for (const RuntimeFamily &f : getRuntimeFamilies())
    families.insert(f.name.str());
  EXPECT_EQ(sources, families);
  // The op->kernel description knows the same families.
  std::set<std::string> described;
  for (llvm::StringRef f : edgec::edge::getRuntimeFamilies())
    described.insert(f.str());
  EXPECT_EQ(sources, described);
}

TEST(RuntimeFamilies, SourcesIncludeTheirHeaders) {
  for (const RuntimeFamily &f : getRuntimeFamilies()) {
    SCOPED_TRACE(f.name.str());
    std::string header = runtimePath("include/edgert/" + f.header.str() + ".h");
    EXPECT_TRUE(llvm::sys::fs::exists(header)) << header;
    // The private headers: the quoted includes of the source outside
    // edgert/, transitively.
    std::set<std::string> seen, all;
    std::vector<std::string> work = {f.name.str() + ".c"};
    while (!work.empty()) {
      std::string file = work.back();
      work.pop_back();
      if (!seen.insert(file).second)
        continue;
      std::string text = readText(runtimePath("src/" + file));
      ASSERT_FALSE(text.empty()) << file;
      for (const std::string &inc : quotedIncludes(text)) {
        all.insert(inc);
        if (!llvm::StringRef(inc).starts_with("edgert/"))
          work.push_back(inc);
      }
    }
    std::set<std::string> privateHeaders;
    for (const std::string &inc : all)
      if (!llvm::StringRef(inc).starts_with("edgert/"))
        privateHeaders.insert(inc);
    std::set<std::string> expected;
    for (llvm::StringLiteral h : f.privateHeaders)
      expected.insert(h.str());
    EXPECT_EQ(privateHeaders, expected);
    // The header declaring the kernels is included by the source or one of
    // its private headers.
    EXPECT_TRUE(all.count("edgert/" + f.header.str() + ".h"));
  }
}

TEST(RuntimeFamilies, Closure) {
  using V = std::vector<std::string>;
  EXPECT_EQ(closeRuntimeFamilies({}), V({"common"}));
  EXPECT_EQ(closeRuntimeFamilies({"conv", "softmax", "conv"}),
            V({"common", "conv", "softmax"}));
  // Quantized kernels call quant.c, whose tables use elementwise.c.
  EXPECT_EQ(closeRuntimeFamilies({"q_conv"}),
            V({"common", "elementwise", "q_conv", "quant"}));
  // logical.c is declared in compare.h, every q_* family in quant.h.
  EXPECT_EQ(getRuntimeHeaders({"logical", "q_pooling"}),
            V({"common", "compare", "elementwise", "quant"}));
  RuntimeSources s = getRuntimeSources({"q_elementwise", "data"});
  EXPECT_EQ(s.families,
            V({"common", "data", "elementwise", "q_elementwise", "quant"}));
  EXPECT_EQ(s.sources, V({"common.c", "data.c", "elementwise.c",
                          "q_elementwise.c", "quant.c"}));
  EXPECT_EQ(s.privateHeaders, V({"internal.h", "qinternal.h"}));
  EXPECT_EQ(getRuntimeSources({"pooling"}).privateHeaders,
            V({"internal.h"}));
}

/// Compiles every runtime source once, then links families into shared
/// objects with --no-undefined.
class RuntimeLink : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::ErrorOr<std::string> found = llvm::sys::findProgramByName("cc");
    // scripts/install-deps.sh installs one (g++ brings gcc): its absence is
    // a broken setup, not a reason to skip.
    ASSERT_TRUE(static_cast<bool>(found)) << "no host C compiler 'cc'";
    cc = *found;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("edgec-rtfam", dir));
    for (const RuntimeFamily &f : getRuntimeFamilies()) {
      std::string obj = object(f.name);
      ASSERT_EQ(run({cc, "-std=c99", "-O0", "-fPIC", "-c",
                     "-I" + runtimePath("include"),
                     runtimePath("src/" + f.name.str() + ".c"), "-o", obj}),
                0)
          << "compiling " << f.name.str();
    }
  }
  void TearDown() override {
    if (!dir.empty())
      llvm::sys::fs::remove_directories(dir);
  }
  std::string object(llvm::StringRef family) {
    return (dir + "/" + family + ".o").str();
  }
  int run(std::vector<std::string> argv) {
    std::vector<llvm::StringRef> args(argv.begin(), argv.end());
    std::string log = (dir + "/log").str();
    std::optional<llvm::StringRef> redirects[] = {
        llvm::StringRef(""), llvm::StringRef(log), llvm::StringRef(log)};
    return llvm::sys::ExecuteAndWait(argv[0], args, std::nullopt, redirects);
  }
  /// Links `families` into a shared object: 0 when every symbol resolves.
  int link(const std::vector<std::string> &families) {
    std::vector<std::string> argv = {cc, "-shared", "-Wl,--no-undefined"};
    for (const std::string &f : families)
      argv.push_back(object(f));
    argv.push_back("-lm");
    argv.push_back("-o");
    argv.push_back((dir + "/lib.so").str());
    return run(argv);
  }
  std::string cc;
  llvm::SmallString<128> dir;
};

TEST_F(RuntimeLink, EachFamilyLinksWithWhatItNeeds) {
  for (const RuntimeFamily &f : getRuntimeFamilies()) {
    SCOPED_TRACE(f.name.str());
    std::vector<std::string> closure = closeRuntimeFamilies({f.name.str()});
    EXPECT_EQ(link(closure), 0);
    // Every family it needs is needed: without it, the link fails.
    std::set<std::string> includes =
        quotedIncludes(readText(runtimePath("src/" + f.name.str() + ".c")));
    for (llvm::StringRef n : edgec::edge::getFamilyDependencies(f.name)) {
      // common is implied for every family (generated code always links
      // it); a family that does not include its header (blob.c, the
      // self-contained weights verifier) cannot call it.
      if (n == "common" && !includes.count("edgert/common.h") &&
          !includes.count("internal.h"))
        continue;
      std::vector<std::string> without;
      for (const std::string &c : closure)
        if (c != n)
          without.push_back(c);
      EXPECT_NE(link(without), 0) << "does not need " << n.str();
    }
  }
}

} // namespace
