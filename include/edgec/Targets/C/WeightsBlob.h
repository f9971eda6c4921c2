//===- WeightsBlob.h - the verified weights blob, host side -----*- C++ -*-===//
//
// `edgec compile --weights separate` writes every weight into one blob with a
// header binding it to the generated code (format: docs/ota.md; the device
// side is runtime/src/blob.c). This is the compiler's side: building the
// blob and the model hash, and an independent parser/checker for
// `edgec inspect-blob`. It uses LLVM's SHA-256 and CRC-32, so the tests can
// cross-check the runtime's own implementations against them.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_TARGETS_C_WEIGHTSBLOB_H
#define EDGEC_TARGETS_C_WEIGHTSBLOB_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace edgec::ctarget {

/// Format constants (the same values as runtime/include/edgert/blob.h).
constexpr uint32_t kBlobVersion = 1;
constexpr uint64_t kBlobFixedSize = 128;
constexpr uint64_t kBlobSectionSize = 32;
constexpr uint32_t kBlobMaxSections = 65536;
constexpr uint32_t kBlobMinAlign = 16, kBlobMaxAlign = 4096;
/// What the compiler writes: base alignment 16, payload at a multiple of 64.
constexpr uint32_t kBlobAlign = 16;
constexpr uint64_t kBlobPayloadAlign = 64;

/// Section kinds (edgert_blob_kind): the element type of the tensor.
enum class BlobKind : uint32_t {
  F32 = 1,
  Bool = 2,
  I8 = 3,
  U8 = 4,
  I16 = 5,
  I32 = 6,
  I64 = 7
};
/// "f32", ...; "?" for an unknown kind. Element bytes: 0 for unknown.
llvm::StringRef blobKindName(uint32_t kind);
uint32_t blobKindBytes(uint32_t kind);

struct BlobSection {
  uint64_t offset = 0; // relative to the payload start
  uint64_t size = 0;
  uint32_t align = 0;
  uint32_t kind = 0;
};

using Sha256 = std::array<uint8_t, 32>;

/// The header + table + CRC + padding + payload, as docs/ota.md lays it out.
std::vector<char> buildWeightsBlob(llvm::ArrayRef<char> payload,
                                   llvm::ArrayRef<BlobSection> sections,
                                   const Sha256 &modelHash);

/// Bytes of the blob buildWeightsBlob makes for `numSections` sections and
/// `payloadSize` payload bytes (fixed by the layout alone).
uint64_t weightsBlobSize(size_t numSections, uint64_t payloadSize);

/// The text the generated source carries in place of the model hash's 32
/// initializer bytes until the hash is known.
constexpr llvm::StringLiteral kModelHashPlaceholder = "@EDGEC_MODEL_HASH@";

/// SHA-256 over what the generated code is: a domain string, the edgec
/// version, the header and the source (with kModelHashPlaceholder where the
/// hash goes). With --weights separate the code holds no weight values, so
/// the hash changes exactly when the code would read a blob differently
/// (layout, shapes, types, quantization parameters, kernels), and not when
/// only the weight values change.
Sha256 computeModelHash(llvm::StringRef compilerVersion, llvm::StringRef header,
                        llvm::StringRef source);

/// "{0x12, 0x34, ...}" (a C initializer) and lowercase hex of a hash.
std::string hashInitializer(const Sha256 &h);
std::string hashHex(const Sha256 &h);

/// A parsed weights blob (every field, also of a broken one when the header
/// could be read).
struct BlobHeader {
  uint32_t version = 0, headerSize = 0, flags = 0, sectionCount = 0, align = 0;
  uint64_t payloadOffset = 0, payloadSize = 0;
  uint32_t payloadCrc = 0, headerCrc = 0;
  Sha256 modelHash{}, payloadSha{};
  std::vector<BlobSection> sections;
};

/// The checks of edgert_blob_verify, in its order, with LLVM's CRC-32 and
/// SHA-256. Returns "" when the blob is sound, else the edgert_blob_status
/// name ("EDGERT_BLOB_BAD_CRC") with `why` a sentence naming the field and
/// the values. The base-address check does not apply to a file.
std::string checkWeightsBlob(llvm::ArrayRef<uint8_t> blob, BlobHeader &header,
                             std::string &why);

} // namespace edgec::ctarget

#endif // EDGEC_TARGETS_C_WEIGHTSBLOB_H
