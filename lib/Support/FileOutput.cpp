//===- FileOutput.cpp - writing files and output directories safely -------===//
#include "edgec/Support/FileOutput.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace edgec {

std::string joinPath(llvm::StringRef a, llvm::StringRef b) {
  llvm::SmallString<256> p(a);
  path::append(p, b);
  return p.str().str();
}

namespace {

/// The status of `p` itself (a link is not followed); false if it does not
/// exist or cannot be examined.
bool linkStatus(const llvm::Twine &p, fs::file_status &status) {
  return !fs::status(p, status, /*follow=*/false);
}

bool isOneOf(const std::string &file, llvm::ArrayRef<std::string> inputs) {
  for (const std::string &in : inputs) {
    bool same = false;
    if (!fs::equivalent(file, in, same) && same)
      return true;
  }
  return false;
}

constexpr llvm::StringLiteral kManifestHeader =
    "# edgec output manifest v1: the files and directories (ending in '/') "
    "edgec wrote here";

} // namespace

std::string checkReplaceableFile(llvm::StringRef p) {
  fs::file_status status;
  if (!linkStatus(p, status))
    return ""; // missing (or unreadable: creating it will say why)
  if (status.type() == fs::file_type::symlink_file &&
      fs::status(p, status, /*follow=*/true))
    return "it is a symbolic link to a missing file";
  if (status.type() == fs::file_type::directory_file)
    return "it is a directory";
  if (status.type() != fs::file_type::regular_file)
    return "it exists and is not a regular file";
  return "";
}

bool writeFileAtomically(llvm::StringRef p, llvm::StringRef data,
                         std::string &error) {
  auto failWith = [&](const llvm::Twine &why) {
    error = ("cannot write '" + p + "': " + why).str();
    return false;
  };
  if (std::string why = checkReplaceableFile(p); !why.empty())
    return failWith(why);
  // Through a link, the file it names is replaced (the link stays).
  llvm::SmallString<256> target(p);
  fs::file_status status;
  if (linkStatus(p, status) &&
      status.type() == fs::file_type::symlink_file)
    if (std::error_code ec = fs::real_path(p, target))
      return failWith(ec.message());
  llvm::SmallString<256> model(target);
  path::remove_filename(model);
  if (model.empty())
    model = ".";
  path::append(model, "." + path::filename(target) + ".edgec-%%%%%%.tmp");
  int fd;
  llvm::SmallString<256> tmp;
  if (std::error_code ec = fs::createUniqueFile(model, fd, tmp))
    return failWith(ec.message());
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << data;
    os.close();
    if (os.has_error()) {
      std::string msg = os.error().message();
      os.clear_error();
      fs::remove(tmp);
      return failWith(msg);
    }
  }
  if (std::error_code ec = fs::rename(tmp, target)) {
    fs::remove(tmp);
    return failWith(ec.message());
  }
  return true;
}

bool parseManifest(llvm::StringRef text, std::vector<std::string> &entries,
                   std::string &error) {
  entries.clear();
  llvm::SmallVector<llvm::StringRef> lines;
  text.split(lines, '\n', -1, /*KeepEmpty=*/false);
  if (lines.empty() || lines.front() != kManifestHeader) {
    error = "its first line is not edgec's manifest header";
    return false;
  }
  for (llvm::StringRef line : llvm::ArrayRef(lines).drop_front()) {
    if (line.starts_with("#"))
      continue;
    llvm::StringRef rel = line;
    if (rel.ends_with("/"))
      rel = rel.drop_back();
    bool ok = !rel.empty() && !rel.starts_with("/");
    llvm::SmallVector<llvm::StringRef> parts;
    rel.split(parts, '/', -1, /*KeepEmpty=*/true);
    for (llvm::StringRef part : parts)
      ok = ok && !part.empty() && part != "." && part != ".." &&
           !part.contains('\0');
    if (!ok) {
      std::string shown;
      for (char c : line)
        shown += llvm::isPrint(c) ? std::string(1, c) : "?";
      error = "it lists '" + shown + "', which is not a path inside the "
              "directory";
      return false;
    }
    entries.push_back(line.str());
  }
  return true;
}

std::unique_ptr<OutputDirectory>
OutputDirectory::create(llvm::StringRef dirArg, const Options &options,
                        std::string &error) {
  std::string dir = dirArg.str();
  while (dir.size() > 1 && dir.back() == '/')
    dir.pop_back();
  if (dir.empty()) {
    error = "the output directory name is empty";
    return nullptr;
  }
  std::unique_ptr<OutputDirectory> out(new OutputDirectory());
  out->target = dir;
  out->options = options;

  fs::file_status status;
  if (!linkStatus(dir, status)) {
    // A new directory: staged beside it (same file system), renamed into
    // place by commit().
    llvm::SmallString<256> parent(dir);
    path::remove_filename(parent);
    if (parent.empty())
      parent = ".";
    // Absolute: createUniqueDirectory puts relative names in the system
    // temporary directory.
    fs::make_absolute(parent);
    llvm::SmallString<256> staging;
    if (std::error_code ec =
            fs::createUniqueDirectory(parent + "/.edgec-tmp", staging)) {
      error = "cannot create a directory in '" + parent.str().str() +
              "': " + ec.message();
      return nullptr;
    }
    out->staging = staging.str().str();
    return out;
  }
  if (status.type() == fs::file_type::symlink_file) {
    error = "output directory '" + dir +
            "' is a symbolic link; give the directory it points to";
    return nullptr;
  }
  if (status.type() != fs::file_type::directory_file) {
    error = "output '" + dir + "' exists and is not a directory";
    return nullptr;
  }
  out->exists = true;

  // The manifest of a previous edgec output, if any.
  std::string manifest = joinPath(dir, kManifestName);
  fs::file_status manifestStatus;
  bool hasManifest = linkStatus(manifest, manifestStatus);
  if (hasManifest) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
        manifestStatus.type() == fs::file_type::regular_file
            ? llvm::MemoryBuffer::getFile(manifest)
            : std::make_error_code(std::errc::invalid_argument);
    std::string why;
    if (!buffer)
      why = manifestStatus.type() == fs::file_type::regular_file
                ? buffer.getError().message()
                : "it is not a regular file";
    else
      parseManifest((*buffer)->getBuffer(), out->oldEntries, why);
    if (!why.empty()) {
      error = "'" + manifest + "' is not a valid edgec manifest (" + why +
              "); remove it to write into '" + dir + "'";
      return nullptr;
    }
  }

  // Everything in the directory must be listed, as the kind it was listed
  // as (a link where a file was is not edgec's).
  llvm::StringSet<> listed;
  for (const std::string &e : out->oldEntries)
    listed.insert(e);
  std::string unlisted;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec, /*follow=*/false), end;
       !ec && it != end; it.increment(ec)) {
    llvm::StringRef full = it->path();
    std::string rel = full.drop_front(dir.size()).ltrim('/').str();
    if (rel == kManifestName)
      continue;
    fs::file_status s;
    bool known = linkStatus(full, s);
    if (known && s.type() == fs::file_type::directory_file) {
      if (listed.contains(rel + "/"))
        continue;
      // An unlisted directory is not descended into.
      it.no_push();
    } else if (known && s.type() == fs::file_type::regular_file &&
               listed.contains(rel)) {
      continue;
    }
    if (unlisted.empty())
      unlisted = rel;
    if (!options.force)
      break;
  }
  if (ec) {
    error = "cannot read output directory '" + dir + "': " + ec.message();
    return nullptr;
  }
  if (!unlisted.empty() && !options.force) {
    error = "output directory '" + dir + "' holds '" + unlisted + "', " +
            (hasManifest ? "which its .edgec-manifest does not list"
                         : "and no .edgec-manifest says edgec wrote it") +
            "; choose another -o, or pass --force to write into it "
            "(replacing only edgec's own files)";
    return nullptr;
  }

  // Inside the directory (same file system: its files are renamed into
  // place); absolute, or createUniqueDirectory would use the system
  // temporary directory.
  llvm::SmallString<256> prefix(joinPath(dir, ".edgec-tmp")), staging;
  fs::make_absolute(prefix);
  if ((ec = fs::createUniqueDirectory(prefix, staging))) {
    error = "cannot create a directory in '" + dir + "': " + ec.message();
    return nullptr;
  }
  out->staging = staging.str().str();
  return out;
}

OutputDirectory::~OutputDirectory() {
  if (!staging.empty())
    fs::remove_directories(staging);
}

bool OutputDirectory::commit(std::string &error) {
  // Everything staged, in pre-order (parents before their contents).
  std::vector<std::string> entries;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(staging, ec, /*follow=*/false),
       end;
       !ec && it != end; it.increment(ec)) {
    std::string rel =
        llvm::StringRef(it->path()).drop_front(staging.size()).ltrim('/').str();
    fs::file_status s;
    if (linkStatus(it->path(), s) &&
        s.type() == fs::file_type::directory_file)
      rel += "/";
    entries.push_back(rel);
  }
  if (ec) {
    error = "cannot read '" + staging + "': " + ec.message();
    return false;
  }
  std::sort(entries.begin(), entries.end());
  std::string text = kManifestHeader.str() + "\n";
  for (const std::string &e : entries)
    text += e + "\n";
  if (!writeFileAtomically(joinPath(staging, kManifestName), text, error))
    return false;

  if (!exists) {
    if ((ec = fs::rename(staging, target))) {
      error = "cannot create '" + target + "': " + ec.message();
      return false;
    }
    staging.clear();
    committed = true;
    return true;
  }
  if (!installInto(entries, error))
    return false;
  fs::remove_directories(staging);
  staging.clear();
  committed = true;
  return true;
}

bool OutputDirectory::installInto(const std::vector<std::string> &entries,
                                  std::string &error) {
  // Check everything before changing anything.
  llvm::StringSet<> written;
  for (const std::string &e : entries) {
    written.insert(e);
    bool isDir = llvm::StringRef(e).ends_with("/");
    std::string t = joinPath(target, isDir ? e.substr(0, e.size() - 1) : e);
    fs::file_status s;
    if (!linkStatus(t, s))
      continue;
    if (isDir ? s.type() != fs::file_type::directory_file
              : s.type() != fs::file_type::regular_file) {
      error = "cannot write '" + t + "': something other than a " +
              (isDir ? "directory" : "regular file") +
              " of that name is in the way";
      return false;
    }
    if (!isDir && isOneOf(t, options.inputs)) {
      error = "cannot write '" + t + "': it is an input of this command";
      return false;
    }
  }
  std::vector<std::string> stale;
  for (const std::string &e : oldEntries) {
    if (written.contains(e))
      continue;
    bool isDir = llvm::StringRef(e).ends_with("/");
    std::string t = joinPath(target, isDir ? e.substr(0, e.size() - 1) : e);
    fs::file_status s;
    // Only what is still the kind edgec wrote is removed.
    if (!linkStatus(t, s) ||
        s.type() != (isDir ? fs::file_type::directory_file
                           : fs::file_type::regular_file))
      continue;
    if (!isDir && isOneOf(t, options.inputs)) {
      error = "cannot remove '" + t + "' (listed in " + target + "/" +
              kManifestName.str() + "): it is an input of this command";
      return false;
    }
    stale.push_back(t);
  }

  // Directories first (pre-order), then files; the manifest last.
  for (const std::string &e : entries) {
    if (!llvm::StringRef(e).ends_with("/"))
      continue;
    std::string t = joinPath(target, e.substr(0, e.size() - 1));
    std::error_code ec = fs::create_directory(t, /*IgnoreExisting=*/true);
    if (ec) {
      error = "cannot create '" + t + "': " + ec.message();
      return false;
    }
  }
  for (const std::string &e : entries) {
    if (llvm::StringRef(e).ends_with("/"))
      continue;
    std::string t = joinPath(target, e);
    if (std::error_code ec = fs::rename(joinPath(staging, e), t)) {
      error = "cannot write '" + t + "': " + ec.message();
      return false;
    }
  }
  if (std::error_code ec = fs::rename(joinPath(staging, kManifestName),
                                      joinPath(target, kManifestName))) {
    error = "cannot write '" + joinPath(target, kManifestName) +
            "': " + ec.message();
    return false;
  }
  // Files a previous edgec output had and this one has not; then its
  // directories, deepest first, and only when empty (fs::remove does not
  // remove a non-empty directory).
  std::sort(stale.begin(), stale.end(),
            [](const std::string &a, const std::string &b) { return a > b; });
  for (const std::string &t : stale)
    fs::remove(t);
  return true;
}

} // namespace edgec
