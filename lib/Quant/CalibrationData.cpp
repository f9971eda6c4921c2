//===- CalibrationData.cpp - reading calibration samples ------------------===//
//
// Directory walking, .npz (zip) reading with zlib for deflated entries,
// float64 -> float32 conversion, and the sample/batch rules of
// docs/quantization.md.
//
//===----------------------------------------------------------------------===//
#include "edgec/Quant/CalibrationData.h"

#include "onnx/onnx_pb.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

namespace edgec {

namespace {

/// A tensor read from a file or an .npz entry. float64 data (which
/// HostTensor has no type for) is kept as raw doubles with `isF64` set and
/// converted once the input it feeds is known.
struct SourceTensor {
  HostTensor tensor;
  bool isF64 = false;
  /// The file or `file['entry']`, for messages.
  std::string what;
  /// The file's stem (ONNX test data sets: output_0 for outputs).
  std::string stem;
};

std::string quoteList(const std::vector<GraphTensorInfo> &inputs) {
  std::string s;
  for (size_t i = 0; i < inputs.size(); ++i)
    s += (i ? ", '" : "'") + inputs[i].name + "'";
  return s;
}

std::string extensionOf(llvm::StringRef path) {
  return llvm::sys::path::extension(path).lower();
}

bool isTensorFile(llvm::StringRef path) {
  std::string ext = extensionOf(path);
  return ext == ".npy" || ext == ".pb";
}

/// Orders "a2" before "a10" (test_data_set_9 before test_data_set_10).
bool naturalLess(const std::string &a, const std::string &b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) &&
        std::isdigit(static_cast<unsigned char>(b[j]))) {
      size_t ie = i, je = j;
      while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie])))
        ++ie;
      while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je])))
        ++je;
      llvm::StringRef na = llvm::StringRef(a).slice(i, ie).ltrim('0');
      llvm::StringRef nb = llvm::StringRef(b).slice(j, je).ltrim('0');
      if (na.size() != nb.size())
        return na.size() < nb.size();
      if (int c = na.compare(nb))
        return c < 0;
      i = ie;
      j = je;
      continue;
    }
    if (a[i] != b[j])
      return a[i] < b[j];
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

uint32_t rd16(const unsigned char *p) { return p[0] | (p[1] << 8); }
uint32_t rd32(const unsigned char *p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) |
         (static_cast<uint32_t>(p[3]) << 24);
}
uint64_t rd64(const unsigned char *p) {
  return static_cast<uint64_t>(rd32(p)) |
         (static_cast<uint64_t>(rd32(p + 4)) << 32);
}

/// Parses .npy bytes, accepting little-endian float64 as well (numpy's
/// default float type, which TensorIO does not read): its header is
/// relabelled '<i8' (same element size), so that parseNpy checks the shape
/// and the data size, and the result is marked as float64.
bool parseNpyOrF64(std::string bytes, const std::string &what,
                   SourceTensor &out, std::string &error) {
  out.isF64 = false;
  if (bytes.size() >= 12 && bytes.compare(0, 6, "\x93NUMPY") == 0) {
    const auto *u = reinterpret_cast<const unsigned char *>(bytes.data());
    size_t start = u[6] == 1 ? 10 : 12;
    size_t len = u[6] == 1 ? rd16(u + 8) : rd32(u + 8);
    llvm::StringRef header =
        llvm::StringRef(bytes).slice(start, std::min(bytes.size(), start + len));
    // The value of the 'descr' key, found as parseNpy finds it (the first
    // 'descr', else the first "descr"); a '<f8' elsewhere in the header
    // (another key, padding) must not relabel an array of another dtype.
    for (llvm::StringRef key : {"'descr'", "\"descr\""}) {
      size_t pos = header.find(key);
      if (pos == llvm::StringRef::npos)
        continue;
      pos = header.find(':', pos + key.size());
      if (pos == llvm::StringRef::npos)
        break;
      ++pos;
      while (pos < header.size() && header[pos] == ' ')
        ++pos;
      llvm::StringRef value = header.substr(pos);
      if (value.starts_with("'<f8'") || value.starts_with("\"<f8\"")) {
        bytes[start + pos + 2] = 'i';
        out.isF64 = true;
      }
      break;
    }
  }
  if (!parseNpy(bytes, what, out.tensor, error)) {
    if (out.isF64) // the messages talk about the relabelled type
      for (size_t pos; (pos = error.find("int64")) != std::string::npos;)
        error.replace(pos, 5, "float64");
    return false;
  }
  return true;
}

/// Parses a TensorProto, accepting DOUBLE (raw or typed data) as float64.
bool parseTensorProtoOrF64(const std::string &bytes, const std::string &what,
                           SourceTensor &out, std::string &error) {
  out.isF64 = false;
  onnx::TensorProto proto;
  if (!proto.ParseFromString(bytes) ||
      proto.data_type() != onnx::TensorProto::DOUBLE)
    return parseTensorProto(bytes, what, out.tensor, error);
  HostTensor &t = out.tensor;
  t.name = proto.name();
  t.type = ElemType::I64; // raw doubles, see SourceTensor
  t.shape.assign(proto.dims().begin(), proto.dims().end());
  for (int64_t d : t.shape)
    if (d < 0) {
      error = what + ": negative dimension in the TensorProto";
      return false;
    }
  if (proto.data_location() == onnx::TensorProto::EXTERNAL) {
    error = what + ": external tensor data is not supported";
    return false;
  }
  if (checkedByteSize(t.shape, ElemType::I64) < 0) {
    error = what + ": shape " + shapeToString(t.shape) +
            " of float64 has too many elements";
    return false;
  }
  size_t n = static_cast<size_t>(t.numElements());
  if (proto.has_raw_data()) {
    if (proto.raw_data().size() != n * 8) {
      error = what + ": raw_data has " +
              std::to_string(proto.raw_data().size()) + " bytes, shape " +
              shapeToString(t.shape) + " of float64 needs " +
              std::to_string(n * 8);
      return false;
    }
    t.data.assign(proto.raw_data().begin(), proto.raw_data().end());
  } else {
    if (static_cast<size_t>(proto.double_data_size()) != n) {
      error = what + ": holds " + std::to_string(proto.double_data_size()) +
              " elements, shape " + shapeToString(t.shape) + " needs " +
              std::to_string(n);
      return false;
    }
    t.data.resize(n * 8);
    for (size_t i = 0; i < n; ++i) {
      double v = proto.double_data(static_cast<int>(i));
      std::memcpy(t.data.data() + i * 8, &v, 8);
    }
  }
  out.isF64 = true;
  return true;
}

/// One member of a zip archive, from the central directory.
struct ZipEntry {
  std::string name;
  unsigned method = 0;
  uint32_t crc = 0;
  uint64_t compressedSize = 0, size = 0, localOffset = 0;
};

/// Reads the arrays of an .npz (a zip archive of .npy members, stored or
/// deflated), in archive order.
bool readNpz(const std::string &path, const std::string &bytes,
             std::vector<SourceTensor> &out, std::string &error) {
  auto fail = [&](const std::string &msg) {
    error = path + ": " + msg;
    return false;
  };
  const auto *u = reinterpret_cast<const unsigned char *>(bytes.data());
  size_t n = bytes.size();
  // The end-of-central-directory record: 22 bytes + a comment of < 64 KiB.
  size_t eocd = std::string::npos;
  if (n >= 22)
    for (size_t i = n - 22;; --i) {
      if (rd32(u + i) == 0x06054b50 && i + 22 + rd16(u + i + 20) == n) {
        eocd = i;
        break;
      }
      if (i == 0 || n - i > 22 + 0xffff)
        break;
    }
  if (eocd == std::string::npos)
    return fail("not an .npz file (bad zip: no end-of-central-directory "
                "record; is the file truncated?)");
  uint64_t entries = rd16(u + eocd + 10);
  uint64_t cdOffset = rd32(u + eocd + 16);
  if (eocd >= 20 && rd32(u + eocd - 20) == 0x07064b50) { // zip64 locator
    uint64_t rec = rd64(u + eocd - 20 + 8);
    if (rec > n || n - rec < 56 || rd32(u + rec) != 0x06064b50)
      return fail("bad zip: broken zip64 end-of-central-directory record");
    entries = rd64(u + rec + 32);
    cdOffset = rd64(u + rec + 48);
  }
  if (cdOffset > n)
    return fail("bad zip: central directory outside the file");

  std::vector<ZipEntry> members;
  size_t pos = cdOffset;
  for (uint64_t e = 0; e < entries; ++e) {
    if (n - pos < 46 || rd32(u + pos) != 0x02014b50)
      return fail("bad zip: broken central directory");
    ZipEntry z;
    unsigned flags = rd16(u + pos + 8);
    z.method = rd16(u + pos + 10);
    z.crc = rd32(u + pos + 16);
    z.compressedSize = rd32(u + pos + 20);
    z.size = rd32(u + pos + 24);
    size_t nameLen = rd16(u + pos + 28), extraLen = rd16(u + pos + 30),
           commentLen = rd16(u + pos + 32);
    z.localOffset = rd32(u + pos + 42);
    if (n - pos - 46 < nameLen + extraLen + commentLen)
      return fail("bad zip: broken central directory");
    z.name = bytes.substr(pos + 46, nameLen);
    // zip64 extra field: the 64-bit values of the fields saturated above.
    for (size_t x = pos + 46 + nameLen, xe = x + extraLen; x + 4 <= xe;) {
      unsigned id = rd16(u + x), len = rd16(u + x + 2);
      if (x + 4 + len > xe)
        break;
      if (id == 0x0001) {
        size_t f = x + 4, fe = f + len;
        if (z.size == 0xffffffffu && f + 8 <= fe)
          z.size = rd64(u + f), f += 8;
        if (z.compressedSize == 0xffffffffu && f + 8 <= fe)
          z.compressedSize = rd64(u + f), f += 8;
        if (z.localOffset == 0xffffffffu && f + 8 <= fe)
          z.localOffset = rd64(u + f);
      }
      x += 4 + len;
    }
    if (flags & 1)
      return fail("bad zip: entry '" + z.name + "' is encrypted");
    pos += 46 + nameLen + extraLen + commentLen;
    if (!z.name.empty() && z.name.back() == '/')
      continue; // a directory member
    members.push_back(std::move(z));
  }
  if (members.empty())
    return fail("empty .npz archive (no arrays)");

  for (const ZipEntry &z : members) {
    std::string entry = path + "['" +
                        (llvm::StringRef(z.name).ends_with(".npy")
                             ? z.name.substr(0, z.name.size() - 4)
                             : z.name) +
                        "']";
    if (!llvm::StringRef(z.name).ends_with(".npy"))
      return fail("entry '" + z.name + "' is not a .npy array");
    size_t lh = z.localOffset;
    if (lh > n || n - lh < 30 || rd32(u + lh) != 0x04034b50)
      return fail("bad zip: broken local header of entry '" + z.name + "'");
    size_t dataStart = lh + 30 + rd16(u + lh + 26) + rd16(u + lh + 28);
    if (dataStart > n || n - dataStart < z.compressedSize)
      return fail("bad zip: entry '" + z.name + "' is truncated");
    const char *src = bytes.data() + dataStart;
    std::string data;
    if (z.method == 0) {
      if (z.compressedSize != z.size)
        return fail("bad zip: stored entry '" + z.name +
                    "' has inconsistent sizes");
      data.assign(src, z.size);
    } else if (z.method == 8) {
      // Deflate expands at most ~1032:1; refuse absurd sizes before
      // allocating them.
      if (z.size > z.compressedSize * 1032 + 1024)
        return fail("bad zip: entry '" + z.name +
                    "' claims an impossible uncompressed size");
      data.resize(z.size);
      z_stream zs;
      std::memset(&zs, 0, sizeof(zs));
      if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
        return fail("cannot initialize zlib");
      zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(src));
      zs.avail_in = static_cast<uInt>(z.compressedSize);
      zs.next_out = reinterpret_cast<Bytef *>(data.data());
      zs.avail_out = static_cast<uInt>(z.size);
      int rc = inflate(&zs, Z_FINISH);
      uint64_t produced = zs.total_out;
      inflateEnd(&zs);
      if (rc != Z_STREAM_END || produced != z.size)
        return fail("bad zip: cannot inflate entry '" + z.name +
                    "' (corrupt deflate data)");
    } else {
      return fail("entry '" + z.name + "' uses zip compression method " +
                  std::to_string(z.method) +
                  " (supported: stored and deflate, as np.savez and "
                  "np.savez_compressed write)");
    }
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, reinterpret_cast<const Bytef *>(data.data()),
                static_cast<uInt>(data.size()));
    if (static_cast<uint32_t>(crc) != z.crc)
      return fail("bad zip: CRC mismatch in entry '" + z.name + "'");
    SourceTensor t;
    t.what = entry;
    t.stem = z.name.substr(0, z.name.size() - 4);
    if (!parseNpyOrF64(std::move(data), entry, t, error))
      return false;
    t.tensor.name = t.stem;
    out.push_back(std::move(t));
  }
  return true;
}

} // namespace

/// Reads the sources and fills a CalibrationData (see docs/quantization.md
/// for the rules it implements).
class CalibrationDataLoader {
public:
  CalibrationDataLoader(CalibrationData &data, std::string &error)
      : data(data), error(error) {}

  bool load(const std::string &path);
  /// load() of one file already in memory.
  bool loadFileContents(const std::string &path, std::string bytes);

private:
  CalibrationData &data;
  std::string &error;

  bool fail(const std::string &msg) {
    error = msg;
    return false;
  }
  const std::vector<GraphTensorInfo> &inputs() const { return data.inputs; }

  bool readFile(const std::string &path, std::vector<SourceTensor> &out);
  /// The tensors of the file `path` holding `bytes` (.npy, .pb or .npz, by
  /// the extension).
  bool parseFile(const std::string &path, std::string bytes,
                 std::vector<SourceTensor> &out);
  /// The samples of one file's tensors.
  bool addFileTensors(const std::string &path,
                      std::vector<SourceTensor> &tensors);
  bool listDirectory(const std::string &dir, std::vector<std::string> &files,
                     std::vector<std::string> &subdirs);
  bool loadDirectory(const std::string &dir);
  bool loadSampleDirectory(const std::string &dir);
  bool addGroup(std::vector<SourceTensor> &tensors, const std::string &where);
  bool countSamples(const SourceTensor &t, const GraphTensorInfo &input,
                    int64_t &count);
};

bool CalibrationDataLoader::readFile(const std::string &path,
                                     std::vector<SourceTensor> &out) {
  std::string ext = extensionOf(path);
  if (ext != ".npy" && ext != ".pb" && ext != ".npz")
    return fail(path + ": not a calibration file (expected .npy, .pb or "
                       ".npz, or a directory)");
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fail(path + ": cannot read the file (" +
                buffer.getError().message() + ")");
  return parseFile(path, (*buffer)->getBuffer().str(), out);
}

bool CalibrationDataLoader::parseFile(const std::string &path,
                                      std::string bytes,
                                      std::vector<SourceTensor> &out) {
  std::string ext = extensionOf(path);
  if (ext == ".npz")
    return readNpz(path, bytes, out, error);
  SourceTensor t;
  t.what = path;
  t.stem = llvm::sys::path::stem(path).str();
  if (ext == ".npy") {
    if (!parseNpyOrF64(std::move(bytes), path, t, error))
      return false;
    t.tensor.name = t.stem;
  } else {
    if (!parseTensorProtoOrF64(bytes, path, t, error))
      return false;
    if (t.tensor.name.empty())
      t.tensor.name = t.stem;
  }
  out.push_back(std::move(t));
  return true;
}

bool CalibrationDataLoader::listDirectory(const std::string &dir,
                                          std::vector<std::string> &files,
                                          std::vector<std::string> &subdirs) {
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec)) {
    std::string p = it->path();
    if (llvm::sys::path::filename(p).starts_with("."))
      continue; // hidden files (.DS_Store, editor droppings)
    if (llvm::sys::fs::is_directory(p))
      subdirs.push_back(p);
    else
      files.push_back(p);
  }
  if (ec)
    return fail(dir + ": cannot read the directory (" + ec.message() + ")");
  std::sort(files.begin(), files.end(), naturalLess);
  std::sort(subdirs.begin(), subdirs.end(), naturalLess);
  return true;
}

bool CalibrationDataLoader::load(const std::string &path) {
  if (inputs().empty())
    return fail(path + ": the model has no inputs to calibrate");
  if (!llvm::sys::fs::exists(path))
    return fail(path + ": no such file or directory");
  if (llvm::sys::fs::is_directory(path)) {
    if (!loadDirectory(path))
      return false;
  } else {
    std::vector<SourceTensor> tensors;
    if (!readFile(path, tensors) || !addFileTensors(path, tensors))
      return false;
  }
  if (data.size() == 0)
    return fail(path + ": no calibration samples");
  return true;
}

bool CalibrationDataLoader::loadFileContents(const std::string &path,
                                             std::string bytes) {
  if (inputs().empty())
    return fail(path + ": the model has no inputs to calibrate");
  std::string ext = extensionOf(path);
  if (ext != ".npy" && ext != ".pb" && ext != ".npz")
    return fail(path + ": not a calibration file (expected .npy, .pb or "
                       ".npz)");
  std::vector<SourceTensor> tensors;
  if (!parseFile(path, std::move(bytes), tensors) ||
      !addFileTensors(path, tensors))
    return false;
  if (data.size() == 0)
    return fail(path + ": no calibration samples");
  return true;
}

bool CalibrationDataLoader::addFileTensors(const std::string &path,
                                           std::vector<SourceTensor> &tensors) {
  if (extensionOf(path) == ".npz" && inputs().size() > 1)
    return addGroup(tensors, path);
  if (inputs().size() > 1)
    return fail(path + ": one tensor file cannot feed the model's " +
                std::to_string(inputs().size()) + " inputs (" +
                quoteList(inputs()) +
                "): give an .npz with one array per input or a directory");
  for (SourceTensor &t : tensors) {
    std::vector<SourceTensor> one{std::move(t)};
    if (!addGroup(one, one.front().what))
      return false;
  }
  return true;
}

bool CalibrationDataLoader::loadDirectory(const std::string &dir) {
  std::vector<std::string> files, subdirs;
  if (!listDirectory(dir, files, subdirs))
    return false;
  if (files.empty() && subdirs.empty())
    return fail(dir + ": empty directory (no .npy, .pb or .npz files)");
  if (!subdirs.empty()) {
    if (!files.empty())
      return fail(dir + ": holds both files (" +
                  llvm::sys::path::filename(files.front()).str() +
                  ") and subdirectories (" +
                  llvm::sys::path::filename(subdirs.front()).str() +
                  "): give either tensor files or one subdirectory per "
                  "sample");
    for (const std::string &sub : subdirs)
      if (!loadSampleDirectory(sub))
        return false;
    return true;
  }
  for (const std::string &f : files)
    if (!isTensorFile(f) && extensionOf(f) != ".npz")
      return fail(f + ": not a calibration file (expected .npy, .pb or .npz)");

  if (inputs().size() == 1) {
    // Every file (every .npz entry) is a sample or a batch.
    for (const std::string &f : files) {
      std::vector<SourceTensor> tensors;
      if (!readFile(f, tensors))
        return false;
      for (SourceTensor &t : tensors) {
        std::vector<SourceTensor> one{std::move(t)};
        if (!addGroup(one, one.front().what))
          return false;
      }
    }
    return true;
  }
  // Several inputs: one .npz per sample/batch, or one file per input.
  size_t npz = llvm::count_if(
      files, [](const std::string &f) { return extensionOf(f) == ".npz"; });
  if (npz && npz != files.size())
    return fail(dir + ": mixes .npz archives with .npy/.pb files; for a "
                      "model with several inputs give one .npz per sample "
                      "or batch, or one .npy/.pb file per input");
  if (npz) {
    for (const std::string &f : files) {
      std::vector<SourceTensor> tensors;
      if (!readFile(f, tensors) || !addGroup(tensors, f))
        return false;
    }
    return true;
  }
  std::vector<SourceTensor> tensors;
  for (const std::string &f : files)
    if (!readFile(f, tensors))
      return false;
  return addGroup(tensors, dir);
}

bool CalibrationDataLoader::loadSampleDirectory(const std::string &dir) {
  std::vector<std::string> files, subdirs;
  if (!listDirectory(dir, files, subdirs))
    return false;
  if (!subdirs.empty())
    return fail(subdirs.front() +
                ": nested directory in a sample directory (a sample "
                "directory holds one .npy or .pb file per input)");
  std::vector<SourceTensor> tensors;
  for (const std::string &f : files) {
    if (!isTensorFile(f))
      return fail(f + ": not a tensor file (a sample directory holds one "
                      ".npy or .pb file per input)");
    if (!readFile(f, tensors))
      return false;
  }
  // ONNX test data sets keep the expected outputs (output_<n>.pb) beside
  // the inputs: skip those that name no input.
  llvm::erase_if(tensors, [&](const SourceTensor &t) {
    llvm::StringRef stem(t.stem);
    if (!stem.consume_front("output_") || stem.empty() ||
        !llvm::all_of(stem, llvm::isDigit))
      return false;
    return llvm::none_of(inputs(), [&](const GraphTensorInfo &in) {
      return in.name == t.tensor.name;
    });
  });
  if (tensors.empty())
    return fail(dir + ": empty sample directory (no .npy or .pb files)");
  return addGroup(tensors, dir);
}

bool CalibrationDataLoader::countSamples(const SourceTensor &t,
                                         const GraphTensorInfo &input,
                                         int64_t &count) {
  const std::vector<int64_t> &s = input.shape, &f = t.tensor.shape;
  std::string forInput = " for input '" + input.name + "' (" +
                         shapeToString(s) + " " + elemTypeName(input.type) +
                         ")";
  count = -1;
  if (f == s) {
    count = 1;
  } else if (f.size() == s.size() + 1 &&
             std::equal(s.begin(), s.end(), f.begin() + 1)) {
    count = f[0];
  } else if (!s.empty() && f.size() == s.size() && s[0] > 0 &&
             f[0] % s[0] == 0 &&
             std::equal(s.begin() + 1, s.end(), f.begin() + 1)) {
    count = f[0] / s[0];
  }
  if (count < 0) {
    std::string expected = shapeToString(s) + " (one sample) or N";
    if (!s.empty())
      expected += "x" + shapeToString(s);
    if (!s.empty() && s[0] != 1) {
      std::vector<int64_t> rest(s.begin() + 1, s.end());
      expected += " or (N*" + std::to_string(s[0]) + ")";
      if (!rest.empty())
        expected += "x" + shapeToString(rest);
    }
    return fail(t.what + ": shape mismatch" + forInput + ": the data is " +
                shapeToString(f) + "; expected " + expected + " (N samples)");
  }
  if (count == 0)
    return fail(t.what + ": holds no samples (shape " + shapeToString(f) +
                ")" + forInput);
  return true;
}

bool CalibrationDataLoader::addGroup(std::vector<SourceTensor> &tensors,
                                     const std::string &where) {
  const std::vector<GraphTensorInfo> &ins = inputs();
  // Match by name, then the rest in order.
  std::vector<SourceTensor *> byInput(ins.size(), nullptr);
  std::vector<bool> used(tensors.size(), false);
  if (ins.size() > 1 || tensors.size() > 1)
    for (size_t i = 0; i < ins.size(); ++i)
      for (size_t k = 0; k < tensors.size(); ++k)
        if (!used[k] && tensors[k].tensor.name == ins[i].name) {
          byInput[i] = &tensors[k];
          used[k] = true;
          break;
        }
  size_t next = 0;
  for (size_t i = 0; i < ins.size(); ++i) {
    if (byInput[i])
      continue;
    while (next < tensors.size() && used[next])
      ++next;
    if (next == tensors.size())
      return fail(where + ": no data for graph input '" + ins[i].name +
                  "' (inputs: " + quoteList(ins) +
                  "; name each file or .npz entry after its input)");
    byInput[i] = &tensors[next];
    used[next] = true;
  }
  for (size_t k = 0; k < tensors.size(); ++k)
    if (!used[k])
      return fail(tensors[k].what + ": matches no graph input (the model has " +
                  std::to_string(ins.size()) + ": " + quoteList(ins) + ")");

  int64_t count = 0;
  const SourceTensor *first = nullptr;
  for (size_t i = 0; i < ins.size(); ++i) {
    const SourceTensor &t = *byInput[i];
    int64_t n;
    if (!countSamples(t, ins[i], n))
      return false;
    if (first && n != count)
      return fail(where + ": " + first->what + " holds " +
                  std::to_string(count) + " samples but " + t.what +
                  " holds " + std::to_string(n) +
                  " (every input needs as many)");
    if (!first) {
      first = &t;
      count = n;
    }
    bool typeOk = t.isF64 ? ins[i].type == ElemType::F32
                          : t.tensor.type == ins[i].type;
    if (!typeOk)
      return fail(t.what + ": dtype mismatch for input '" + ins[i].name +
                  "': the model takes " + elemTypeName(ins[i].type) +
                  ", the data is " +
                  (t.isF64 ? "float64" : elemTypeName(t.tensor.type)));
  }

  if (data.chunks.empty())
    data.chunks.resize(ins.size());
  for (size_t i = 0; i < ins.size(); ++i) {
    SourceTensor &t = *byInput[i];
    std::vector<char> bytes;
    if (t.isF64 && ins[i].type == ElemType::F32) {
      size_t n = t.tensor.data.size() / 8;
      bytes.resize(n * 4);
      for (size_t e = 0; e < n; ++e) {
        double d;
        std::memcpy(&d, t.tensor.data.data() + e * 8, 8);
        float v = static_cast<float>(d);
        std::memcpy(bytes.data() + e * 4, &v, 4);
      }
    } else {
      bytes = std::move(t.tensor.data);
    }
    data.chunks[i].push_back(std::move(bytes));
  }
  data.offsets.push_back(data.size() + count);
  data.origins.push_back(tensors.size() == 1 ? tensors.front().what : where);
  return true;
}

bool CalibrationData::load(const std::string &path,
                           const std::vector<GraphTensorInfo> &graphInputs,
                           std::string &error) {
  inputs = graphInputs;
  chunks.clear();
  offsets.clear();
  origins.clear();
  CalibrationDataLoader loader(*this, error);
  if (loader.load(path) && checkFinite(error))
    return true;
  chunks.clear();
  offsets.clear();
  origins.clear();
  return false;
}

bool CalibrationData::loadFileContents(
    const std::string &path, std::string bytes,
    const std::vector<GraphTensorInfo> &graphInputs, std::string &error) {
  inputs = graphInputs;
  chunks.clear();
  offsets.clear();
  origins.clear();
  CalibrationDataLoader loader(*this, error);
  if (loader.loadFileContents(path, std::move(bytes)) && checkFinite(error))
    return true;
  chunks.clear();
  offsets.clear();
  origins.clear();
  return false;
}

bool CalibrationData::checkFinite(std::string &error) const {
  // Ranges are computed from these values: a NaN or an infinity would give
  // every tensor downstream a meaningless scale (and exit 0).
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].type != ElemType::F32)
      continue;
    int64_t perSample = 1;
    for (int64_t d : inputs[i].shape)
      perSample *= d;
    for (size_t c = 0; c < chunks[i].size(); ++c) {
      const std::vector<char> &bytes = chunks[i][c];
      for (size_t e = 0; e * sizeof(float) < bytes.size(); ++e) {
        float v;
        std::memcpy(&v, bytes.data() + e * sizeof(float), sizeof(float));
        if (std::isfinite(v))
          continue;
        int64_t first = c == 0 ? 0 : offsets[c - 1];
        int64_t sample =
            first + (perSample ? static_cast<int64_t>(e) / perSample : 0);
        error = describeSample(sample) + ": input '" + inputs[i].name +
                "' holds " + (std::isnan(v) ? "a NaN" : "an infinity") +
                " (element " +
                std::to_string(perSample ? static_cast<int64_t>(e) % perSample
                                         : 0) +
                "); calibration data must be finite";
        return false;
      }
    }
  }
  return true;
}

void CalibrationData::getSample(int64_t index,
                                std::vector<HostTensor> &out) const {
  size_t c = std::upper_bound(offsets.begin(), offsets.end(), index) -
             offsets.begin();
  int64_t first = c == 0 ? 0 : offsets[c - 1];
  out.resize(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    HostTensor &t = out[i];
    t.name = inputs[i].name;
    t.type = inputs[i].type;
    t.shape = inputs[i].shape;
    size_t bytes = static_cast<size_t>(t.numElements()) * elemTypeSize(t.type);
    const char *src = chunks[i][c].data() + (index - first) * bytes;
    t.data.assign(src, src + bytes);
  }
}

std::string CalibrationData::describeSample(int64_t index) const {
  size_t c = std::upper_bound(offsets.begin(), offsets.end(), index) -
             offsets.begin();
  if (c >= offsets.size())
    return "sample " + std::to_string(index);
  int64_t first = c == 0 ? 0 : offsets[c - 1];
  if (offsets[c] - first == 1)
    return origins[c];
  return origins[c] + "[" + std::to_string(index - first) + "]";
}

} // namespace edgec
