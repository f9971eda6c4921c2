//===- FileOutput.h - files and output directories, safely -----*- C++ -*-===//
//
// Every file edgec writes goes through writeFileAtomically: the bytes go to a
// temporary file beside the target, which is renamed over it only once every
// write and the close succeeded, so a failure leaves the target as it was and
// every failing step (create, write, close, rename) is reported. An existing
// target that is not a regular file (a directory, FIFO, device, socket) is
// refused rather than replaced.
//
// `edgec compile -o OUTDIR` goes through OutputDirectory: the files are
// staged in a temporary directory and installed at the end, and OUTDIR
// records what edgec wrote in OUTDIR/.edgec-manifest. An existing OUTDIR is
// replaced only when it is empty or holds nothing but what its manifest
// lists; --force (OutputDirectory::Options::force) writes into any existing
// directory, overwriting only the files edgec writes and removing only
// files a valid manifest lists. Nothing is ever deleted through a symbolic
// link, and a file that is one of the command's inputs is never overwritten
// or deleted. See docs/c-target.md ("The output directory").
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_SUPPORT_FILEOUTPUT_H
#define EDGEC_SUPPORT_FILEOUTPUT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>
#include <vector>

namespace edgec {

/// `a`/`b` with the platform's separator.
std::string joinPath(llvm::StringRef a, llvm::StringRef b);

/// Writes `data` to `path` atomically (see above). A symbolic link is
/// followed: the file it names is replaced, the link kept. On failure
/// returns false with `error` = "cannot write '<path>': <reason>".
bool writeFileAtomically(llvm::StringRef path, llvm::StringRef data,
                         std::string &error);

/// Empty if `path` may be written by writeFileAtomically (it does not
/// exist, or is a regular file or a link to one), else why not ("it is a
/// directory", "it exists and is not a regular file", ...).
std::string checkReplaceableFile(llvm::StringRef path);

/// The manifest's name inside an output directory.
inline constexpr llvm::StringLiteral kManifestName = ".edgec-manifest";

/// Parses a manifest's text: one path relative to the directory per line,
/// directories ending in '/', '#' lines comments; the first line must be
/// the header writeManifest writes. A path that is absolute, empty, or has
/// an empty, '.' or '..' component is refused (it could name something
/// outside the directory). False with `error` on failure.
bool parseManifest(llvm::StringRef text, std::vector<std::string> &entries,
                   std::string &error);

/// An output directory being written: stage files in path(), then commit().
/// Destroying an uncommitted OutputDirectory removes the staging directory
/// and leaves the target as it was.
class OutputDirectory {
public:
  struct Options {
    /// Write into an existing directory that edgec's manifest does not
    /// account for (see above).
    bool force = false;
    /// Files the command reads (the model, data files): never overwritten
    /// or removed, and a directory containing one is never replaced.
    std::vector<std::string> inputs;
  };

  /// Checks that `dir` may be written and creates the staging directory.
  /// Null with `error` (one line naming `dir`) when it may not.
  static std::unique_ptr<OutputDirectory>
  create(llvm::StringRef dir, const Options &options, std::string &error);

  ~OutputDirectory();
  OutputDirectory(const OutputDirectory &) = delete;
  OutputDirectory &operator=(const OutputDirectory &) = delete;

  /// The staging directory to write into.
  const std::string &path() const { return staging; }

  /// Lists everything under path() in the manifest and installs it as the
  /// target directory. False with `error` if that fails.
  bool commit(std::string &error);

private:
  OutputDirectory() = default;
  bool installInto(const std::vector<std::string> &entries,
                   std::string &error);

  std::string target;
  std::string staging;
  Options options;
  /// The target existed (it is written into, not renamed into place).
  bool exists = false;
  /// Entries of the target's valid manifest (removed when not rewritten).
  std::vector<std::string> oldEntries;
  bool committed = false;
};

} // namespace edgec

#endif // EDGEC_SUPPORT_FILEOUTPUT_H
