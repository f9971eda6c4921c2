//===- TensorIO.cpp - .npy and TensorProto reading, .npy writing -----------===//
#include "edgec/Support/TensorIO.h"

#include <cstdint>

#include "onnx/onnx_pb.h"

#include <cctype>
#include <cstring>
#include <fstream>
#include <sstream>

namespace edgec {

const char *elemTypeName(ElemType type) {
  switch (type) {
  case ElemType::F32: return "float32";
  case ElemType::Bool: return "bool";
  case ElemType::I8: return "int8";
  case ElemType::I16: return "int16";
  case ElemType::I32: return "int32";
  case ElemType::I64: return "int64";
  case ElemType::U8: return "uint8";
  }
  return "?";
}

unsigned elemTypeSize(ElemType type) {
  switch (type) {
  case ElemType::F32: case ElemType::I32: return 4;
  case ElemType::Bool: case ElemType::I8: case ElemType::U8: return 1;
  case ElemType::I16: return 2;
  case ElemType::I64: return 8;
  }
  return 0;
}

int64_t HostTensor::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

int64_t checkedByteSize(const std::vector<int64_t> &shape, ElemType type) {
  int64_t bytes = elemTypeSize(type);
  bool empty = false;
  for (int64_t d : shape) {
    if (d < 0)
      return -1;
    if (d == 0) {
      empty = true;
      continue;
    }
    if (bytes > INT64_MAX / d)
      return -1;
    bytes *= d;
  }
  return empty ? 0 : bytes;
}

std::string shapeToString(const std::vector<int64_t> &shape) {
  if (shape.empty())
    return "scalar";
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "x" : "") + std::to_string(shape[i]);
  return s;
}

static std::string stemOf(const std::string &path) {
  size_t slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = base.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

static bool endsWith(const std::string &s, const char *suffix) {
  size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

static const char kNpyMagic[] = "\x93NUMPY";

bool readTensorFile(const std::string &path, HostTensor &out,
                    std::string &error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open the file";
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string bytes = ss.str();
  bool isNpy = endsWith(path, ".npy");
  bool looksNpy = bytes.size() >= 6 && bytes.compare(0, 6, kNpyMagic) == 0;
  if (isNpy || (looksNpy && !endsWith(path, ".pb"))) {
    if (!parseNpy(bytes, path, out, error))
      return false;
    out.name = stemOf(path);
    return true;
  }
  if (!parseTensorProto(bytes, path, out, error))
    return false;
  if (out.name.empty())
    out.name = stemOf(path);
  return true;
}

/// Finds `'key':` in a npy header dict and returns the text after the colon.
static bool npyField(const std::string &header, const std::string &key,
                     std::string &rest) {
  for (const char *q : {"'", "\""}) {
    std::string pattern = std::string(q) + key + q;
    size_t pos = header.find(pattern);
    if (pos == std::string::npos)
      continue;
    pos = header.find(':', pos + pattern.size());
    if (pos == std::string::npos)
      return false;
    ++pos;
    while (pos < header.size() && header[pos] == ' ')
      ++pos;
    rest = header.substr(pos);
    return true;
  }
  return false;
}

bool parseNpy(const std::string &bytes, const std::string &what,
              HostTensor &out, std::string &error) {
  auto fail = [&](const std::string &msg) {
    error = what + ": " + msg;
    return false;
  };
  if (bytes.size() < 10 || bytes.compare(0, 6, kNpyMagic) != 0)
    return fail("not a .npy file (bad magic; expected \\x93NUMPY)");
  unsigned major = static_cast<unsigned char>(bytes[6]);
  size_t headerLen, headerStart;
  const auto *u = reinterpret_cast<const unsigned char *>(bytes.data());
  if (major == 1) {
    headerLen = u[8] | (u[9] << 8);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return fail("truncated .npy header");
    headerLen = static_cast<size_t>(u[8]) | (static_cast<size_t>(u[9]) << 8) |
                (static_cast<size_t>(u[10]) << 16) |
                (static_cast<size_t>(u[11]) << 24);
    headerStart = 12;
  } else {
    return fail("unsupported .npy format version " + std::to_string(major));
  }
  if (bytes.size() < headerStart + headerLen)
    return fail("truncated .npy header");
  std::string header = bytes.substr(headerStart, headerLen);

  std::string rest;
  if (!npyField(header, "descr", rest) || rest.size() < 2 ||
      (rest[0] != '\'' && rest[0] != '"'))
    return fail("malformed .npy header (no 'descr')");
  size_t close = rest.find(rest[0], 1);
  if (close == std::string::npos)
    return fail("malformed .npy header ('descr')");
  std::string descr = rest.substr(1, close - 1);
  struct {
    const char *descr;
    ElemType type;
  } known[] = {{"<f4", ElemType::F32}, {"<i8", ElemType::I64},
               {"<i4", ElemType::I32}, {"<i2", ElemType::I16},
               {"|i1", ElemType::I8},  {"<i1", ElemType::I8},
               {"|u1", ElemType::U8},  {"<u1", ElemType::U8},
               {"|b1", ElemType::Bool}, {"<b1", ElemType::Bool}};
  bool found = false;
  for (const auto &k : known)
    if (descr == k.descr) {
      out.type = k.type;
      found = true;
    }
  if (!found)
    return fail("unsupported dtype '" + descr +
                "' (supported: little-endian f4, i8, i4, i2, i1, u1, b1)");

  if (!npyField(header, "fortran_order", rest))
    return fail("malformed .npy header (no 'fortran_order')");
  if (rest.compare(0, 4, "True") == 0)
    return fail("Fortran-order arrays are not supported (save in C order)");
  if (rest.compare(0, 5, "False") != 0)
    return fail("malformed .npy header ('fortran_order')");

  if (!npyField(header, "shape", rest) || rest.empty() || rest[0] != '(')
    return fail("malformed .npy header (no 'shape')");
  size_t end = rest.find(')');
  if (end == std::string::npos)
    return fail("malformed .npy header ('shape')");
  out.shape.clear();
  std::string dims = rest.substr(1, end - 1);
  size_t pos = 0;
  while (pos < dims.size()) {
    while (pos < dims.size() && (dims[pos] == ' ' || dims[pos] == ','))
      ++pos;
    if (pos >= dims.size())
      break;
    size_t start = pos;
    int64_t dim = 0;
    for (; pos < dims.size() &&
           std::isdigit(static_cast<unsigned char>(dims[pos]));
         ++pos) {
      int digit = dims[pos] - '0';
      if (dim > (INT64_MAX - digit) / 10)
        return fail("malformed .npy header ('shape': a dimension does not "
                    "fit in 64 bits)");
      dim = dim * 10 + digit;
    }
    if (start == pos)
      return fail("malformed .npy header ('shape')");
    out.shape.push_back(dim);
  }
  int64_t byteSize = checkedByteSize(out.shape, out.type);
  if (byteSize < 0)
    return fail("shape " + shapeToString(out.shape) + " of " +
                elemTypeName(out.type) + " has too many elements");
  size_t need = static_cast<size_t>(byteSize);
  size_t have = bytes.size() - headerStart - headerLen;
  if (have < need)
    return fail("truncated data: shape " + shapeToString(out.shape) + " of " +
                elemTypeName(out.type) + " needs " + std::to_string(need) +
                " bytes, the file has " + std::to_string(have));
  if (have > need)
    return fail("unexpected " + std::to_string(have - need) +
                " bytes after the data of shape " + shapeToString(out.shape));
  out.data.assign(bytes.begin() + headerStart + headerLen, bytes.end());
  if (out.type == ElemType::Bool)
    for (char &c : out.data)
      if (c != 0 && c != 1)
        return fail("boolean data holds a value other than 0 or 1");
  return true;
}

template <typename T>
static void appendLE(std::vector<char> &data, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T)); // host is little-endian (x86-64, arm)
  data.insert(data.end(), buf, buf + sizeof(T));
}

bool parseTensorProto(const std::string &bytes, const std::string &what,
                      HostTensor &out, std::string &error) {
  auto fail = [&](const std::string &msg) {
    error = what + ": " + msg;
    return false;
  };
  onnx::TensorProto proto;
  if (!proto.ParseFromString(bytes))
    return fail("not a valid ONNX TensorProto (.pb) file");
  out.name = proto.name();
  out.shape.assign(proto.dims().begin(), proto.dims().end());
  for (int64_t d : out.shape)
    if (d < 0)
      return fail("negative dimension in the TensorProto");
  if (proto.data_location() == onnx::TensorProto::EXTERNAL)
    return fail("external tensor data is not supported");
  if (proto.has_segment())
    return fail("segmented tensors (TensorProto.segment) are not supported");
  out.data.clear();
  auto dt = proto.data_type();
  using TP = onnx::TensorProto;
  switch (dt) {
  case TP::FLOAT: out.type = ElemType::F32; break;
  case TP::BOOL: out.type = ElemType::Bool; break;
  case TP::INT8: out.type = ElemType::I8; break;
  case TP::INT16: out.type = ElemType::I16; break;
  case TP::INT32: out.type = ElemType::I32; break;
  case TP::INT64: out.type = ElemType::I64; break;
  case TP::UINT8: out.type = ElemType::U8; break;
  default: {
    std::string name = TP::DataType_IsValid(dt)
                           ? TP::DataType_Name(static_cast<TP::DataType>(dt))
                           : "unknown";
    return fail("unsupported TensorProto data type " + std::to_string(dt) +
                " (" + name +
                "; supported: float, bool, int8, int16, int32, int64, uint8)");
  }
  }
  int64_t byteSize = checkedByteSize(out.shape, out.type);
  if (byteSize < 0)
    return fail("shape " + shapeToString(out.shape) + " of " +
                elemTypeName(out.type) + " has too many elements");
  int64_t n = out.numElements();
  size_t need = static_cast<size_t>(byteSize);
  if (proto.has_raw_data()) {
    if (proto.raw_data().size() != need)
      return fail("raw_data has " + std::to_string(proto.raw_data().size()) +
                  " bytes, shape " + shapeToString(out.shape) + " of " +
                  elemTypeName(out.type) + " needs " + std::to_string(need));
    out.data.assign(proto.raw_data().begin(), proto.raw_data().end());
  } else {
    int64_t have = 0;
    switch (dt) {
    case TP::FLOAT:
      have = proto.float_data_size();
      for (float v : proto.float_data())
        appendLE(out.data, v);
      break;
    case TP::INT64:
      have = proto.int64_data_size();
      for (int64_t v : proto.int64_data())
        appendLE(out.data, v);
      break;
    default:
      have = proto.int32_data_size();
      for (int32_t v : proto.int32_data()) {
        switch (out.type) {
        case ElemType::Bool: appendLE<uint8_t>(out.data, v != 0); break;
        case ElemType::I8: appendLE<int8_t>(out.data, static_cast<int8_t>(v)); break;
        case ElemType::U8: appendLE<uint8_t>(out.data, static_cast<uint8_t>(v)); break;
        case ElemType::I16: appendLE<int16_t>(out.data, static_cast<int16_t>(v)); break;
        default: appendLE<int32_t>(out.data, v); break;
        }
      }
      break;
    }
    if (have != n)
      return fail("holds " + std::to_string(have) + " elements, shape " +
                  shapeToString(out.shape) + " needs " + std::to_string(n));
  }
  if (out.type == ElemType::Bool)
    for (char &c : out.data)
      c = c != 0;
  return true;
}

std::string toNpy(const HostTensor &t) {
  const char *descr = "<f4";
  switch (t.type) {
  case ElemType::F32: descr = "<f4"; break;
  case ElemType::Bool: descr = "|b1"; break;
  case ElemType::I8: descr = "|i1"; break;
  case ElemType::I16: descr = "<i2"; break;
  case ElemType::I32: descr = "<i4"; break;
  case ElemType::I64: descr = "<i8"; break;
  case ElemType::U8: descr = "|u1"; break;
  }
  std::string shape = "(";
  for (size_t i = 0; i < t.shape.size(); ++i)
    shape += (i ? ", " : "") + std::to_string(t.shape[i]);
  shape += t.shape.size() == 1 ? ",)" : ")";
  std::string header = std::string("{'descr': '") + descr +
                       "', 'fortran_order': False, 'shape': " + shape + ", }";
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string out(kNpyMagic, 6);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>((header.size() >> 8) & 0xff);
  out += header;
  out.append(t.data.begin(), t.data.end());
  return out;
}

bool writeNpy(const std::string &path, const HostTensor &t,
              std::string &error) {
  std::ofstream os(path, std::ios::binary | std::ios::trunc);
  if (!os) {
    error = "cannot write '" + path + "'";
    return false;
  }
  std::string bytes = toNpy(t);
  os.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  os.close();
  if (!os) {
    error = "cannot write '" + path + "'";
    return false;
  }
  return true;
}

std::string sanitizeFileName(const std::string &name) {
  std::string s;
  for (char c : name)
    s += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' ||
          c == '-')
             ? c
             : '_';
  if (s.empty() || s == "." || s == "..")
    s = "_" + s;
  return s;
}

} // namespace edgec
