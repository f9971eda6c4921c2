//===- FileOutputTest.cpp - edgec/Support/FileOutput.h --------------------===//
//
// The manifest parser's refusals (every path that could name something
// outside the output directory), writeFileAtomically's refusals and
// replacement through a link, and OutputDirectory's staging cleanup.
//
//===----------------------------------------------------------------------===//
#include "edgec/Support/FileOutput.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

using namespace edgec;
namespace fs = llvm::sys::fs;

namespace {

const std::string kHeader =
    "# edgec output manifest v1: the files and directories (ending in '/') "
    "edgec wrote here\n";

bool parses(const std::string &body, std::vector<std::string> &entries) {
  std::string error;
  return parseManifest(kHeader + body, entries, error);
}

TEST(Manifest, AcceptsRelativePaths) {
  std::vector<std::string> entries;
  ASSERT_TRUE(parses("edgert/\nedgert/common.c\n# comment\nnet.c\n", entries));
  EXPECT_EQ(entries,
            (std::vector<std::string>{"edgert/", "edgert/common.c", "net.c"}));
}

TEST(Manifest, RejectsPathsLeavingTheDirectory) {
  for (const char *bad : {"../x", "/etc/passwd", "a/../../b", "a/..", "..",
                          "./a", "a/./b", "a//b", "/", "//", "a/b/../c"}) {
    std::vector<std::string> entries;
    std::string error;
    EXPECT_FALSE(parseManifest(kHeader + bad + "\n", entries, error)) << bad;
    EXPECT_NE(error.find("not a path inside the directory"),
              std::string::npos)
        << error;
  }
}

TEST(Manifest, RejectsAFileWithoutTheHeader) {
  std::vector<std::string> entries;
  std::string error;
  EXPECT_FALSE(parseManifest("net.c\nnet.h\n", entries, error));
  EXPECT_FALSE(parseManifest("", entries, error));
}

/// A fresh temporary directory, removed at the end.
struct TempDir {
  llvm::SmallString<128> path;
  TempDir() {
    EXPECT_FALSE(fs::createUniqueDirectory("edgec-fileoutput-test", path));
  }
  // std::filesystem: llvm::sys::fs::remove_directories leaves FIFOs behind.
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path.str().str(), ec);
  }
  std::string operator/(const std::string &name) const {
    return joinPath(path, name);
  }
};

std::string contents(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  return buffer ? (*buffer)->getBuffer().str() : "<unreadable>";
}

TEST(WriteFileAtomically, CreatesAndReplacesRegularFiles) {
  TempDir dir;
  std::string error;
  ASSERT_TRUE(writeFileAtomically(dir / "a.txt", "one", error)) << error;
  EXPECT_EQ(contents(dir / "a.txt"), "one");
  ASSERT_TRUE(writeFileAtomically(dir / "a.txt", "two", error)) << error;
  EXPECT_EQ(contents(dir / "a.txt"), "two");
  // No temporary file is left beside it.
  std::error_code ec;
  int n = 0;
  for (fs::directory_iterator it(dir.path, ec), e; !ec && it != e;
       it.increment(ec))
    ++n;
  EXPECT_EQ(n, 1);
}

TEST(WriteFileAtomically, ThroughALinkReplacesTheTargetKeepsTheLink) {
  TempDir dir;
  std::string error;
  ASSERT_TRUE(writeFileAtomically(dir / "target", "old", error));
  ASSERT_EQ(::symlink("target", (dir / "link").c_str()), 0);
  ASSERT_TRUE(writeFileAtomically(dir / "link", "new", error)) << error;
  EXPECT_EQ(contents(dir / "target"), "new");
  fs::file_status st;
  ASSERT_FALSE(fs::status(dir / "link", st, /*follow=*/false));
  EXPECT_EQ(st.type(), fs::file_type::symlink_file);
}

TEST(WriteFileAtomically, RefusesDirectoriesFifosAndDanglingLinks) {
  TempDir dir;
  std::string error;
  ASSERT_FALSE(fs::create_directory(dir / "d"));
  EXPECT_FALSE(writeFileAtomically(dir / "d", "x", error));
  EXPECT_NE(error.find("it is a directory"), std::string::npos) << error;
  ASSERT_EQ(::mkfifo((dir / "f").c_str(), 0600), 0);
  EXPECT_FALSE(writeFileAtomically(dir / "f", "x", error));
  EXPECT_NE(error.find("not a regular file"), std::string::npos) << error;
  ASSERT_EQ(::symlink("missing", (dir / "dangling").c_str()), 0);
  EXPECT_FALSE(writeFileAtomically(dir / "dangling", "x", error));
  EXPECT_FALSE(fs::exists(dir / "missing"));
}

TEST(WriteFileAtomically, ReportsAMissingDirectory) {
  TempDir dir;
  std::string error;
  EXPECT_FALSE(writeFileAtomically(dir / "no/such/file", "x", error));
  EXPECT_EQ(error.rfind("cannot write '", 0), 0u) << error;
}

TEST(OutputDirectory, UncommittedLeavesNothing) {
  TempDir dir;
  std::string error;
  {
    auto out = OutputDirectory::create(dir / "out", {}, error);
    ASSERT_TRUE(out) << error;
    ASSERT_TRUE(writeFileAtomically(joinPath(out->path(), "a.c"), "x", error));
  }
  std::error_code ec;
  fs::directory_iterator it(dir.path, ec);
  EXPECT_TRUE(!ec && it == fs::directory_iterator());
}

TEST(OutputDirectory, CommitWritesTheManifest) {
  TempDir dir;
  std::string error;
  auto out = OutputDirectory::create(dir / "out", {}, error);
  ASSERT_TRUE(out) << error;
  ASSERT_FALSE(fs::create_directory(joinPath(out->path(), "sub")));
  ASSERT_TRUE(
      writeFileAtomically(joinPath(out->path(), "sub/b.c"), "b", error));
  ASSERT_TRUE(writeFileAtomically(joinPath(out->path(), "a.c"), "a", error));
  ASSERT_TRUE(out->commit(error)) << error;
  EXPECT_EQ(contents(dir / "out/.edgec-manifest"),
            kHeader + "a.c\nsub/\nsub/b.c\n");
  EXPECT_EQ(contents(dir / "out/sub/b.c"), "b");
}

} // namespace
