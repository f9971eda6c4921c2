//===- TensorIO.h - host tensors and their files ----------------*- C++ -*-===//
//
// HostTensor is a dense row-major tensor in host memory (bytes + element type
// + shape), the currency of the interpreter and of `edgec run`. TensorIO reads
// them from .npy files (format versions 1-3, little-endian, C order) and ONNX
// TensorProto .pb files, and writes .npy files. Free of MLIR types so that
// anything can use it; built with exceptions (protobuf).
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_SUPPORT_TENSORIO_H
#define EDGEC_SUPPORT_TENSORIO_H

#include <cstdint>
#include <string>
#include <vector>

namespace edgec {

/// Element types a host tensor can hold (booleans take one byte, 0 or 1).
enum class ElemType { F32, Bool, I8, I16, I32, I64, U8 };

/// numpy-style name: float32, bool, int8, ..., uint8.
const char *elemTypeName(ElemType type);
unsigned elemTypeSize(ElemType type);

struct HostTensor {
  /// The graph input/output name this tensor is for (may be empty).
  std::string name;
  ElemType type = ElemType::F32;
  std::vector<int64_t> shape;
  std::vector<char> data;

  int64_t numElements() const;
};

/// The number of bytes a dense tensor of `shape` and `type` takes, or -1
/// when a dimension is negative or the product of the nonzero dimensions
/// times the element size does not fit in int64_t. The readers refuse such
/// shapes, so numElements() of a tensor they return does not overflow.
int64_t checkedByteSize(const std::vector<int64_t> &shape, ElemType type);

/// A graph input or output: its ONNX name, element type and static shape
/// (see getFunctionSignature in edgec/Support/GraphSignature.h).
struct GraphTensorInfo {
  std::string name;
  ElemType type = ElemType::F32;
  std::vector<int64_t> shape;
};

/// "1x3x8x8" (a scalar prints as "scalar").
std::string shapeToString(const std::vector<int64_t> &shape);

/// Reads a .npy file or a TensorProto .pb file (told apart by the npy magic
/// for files ending in .npy, else by the extension .pb). `out.name` becomes
/// the TensorProto's name, or the file's stem when that is empty (always the
/// stem for .npy). On failure returns false and sets `error` to one message
/// naming the file and the problem.
bool readTensorFile(const std::string &path, HostTensor &out,
                    std::string &error);

/// Parses .npy bytes (`what` names the source in messages).
bool parseNpy(const std::string &bytes, const std::string &what,
              HostTensor &out, std::string &error);
/// Parses a serialized onnx.TensorProto.
bool parseTensorProto(const std::string &bytes, const std::string &what,
                      HostTensor &out, std::string &error);

/// Serializes `t` as a version 1.0 .npy file.
std::string toNpy(const HostTensor &t);
/// Writes `t` to `path` as .npy; false with `error` set on failure.
bool writeNpy(const std::string &path, const HostTensor &t,
              std::string &error);

/// A file name made of [A-Za-z0-9._-] from a tensor name (other characters
/// become '_'; empty, "." and ".." become "_").
std::string sanitizeFileName(const std::string &name);

} // namespace edgec

#endif // EDGEC_SUPPORT_TENSORIO_H
