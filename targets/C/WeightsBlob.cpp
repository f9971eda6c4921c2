//===- WeightsBlob.cpp - the verified weights blob, host side -------------===//
#include "edgec/Targets/C/WeightsBlob.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CRC.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstring>

using namespace llvm::support::endian;

namespace edgec::ctarget {

namespace {
// Field offsets of the fixed header (docs/ota.md, runtime/src/blob.c).
constexpr size_t kOffMagic = 0, kOffVersion = 4, kOffHeaderSize = 8,
                 kOffFlags = 12, kOffSectionCount = 16, kOffAlign = 20,
                 kOffPayloadOffset = 24, kOffPayloadSize = 32,
                 kOffPayloadCrc = 40, kOffReserved0 = 44, kOffModelHash = 48,
                 kOffPayloadSha = 80, kOffReserved1 = 112;

uint64_t alignTo(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

bool isPow2(uint64_t v) { return v && !(v & (v - 1)); }

std::string hex32(uint32_t v) {
  std::string s;
  llvm::raw_string_ostream(s) << llvm::format("0x%08x", v);
  return s;
}
} // namespace

llvm::StringRef blobKindName(uint32_t kind) {
  switch (static_cast<BlobKind>(kind)) {
  case BlobKind::F32:
    return "f32";
  case BlobKind::Bool:
    return "bool";
  case BlobKind::I8:
    return "i8";
  case BlobKind::U8:
    return "u8";
  case BlobKind::I16:
    return "i16";
  case BlobKind::I32:
    return "i32";
  case BlobKind::I64:
    return "i64";
  }
  return "?";
}

uint32_t blobKindBytes(uint32_t kind) {
  switch (static_cast<BlobKind>(kind)) {
  case BlobKind::F32:
  case BlobKind::I32:
    return 4;
  case BlobKind::Bool:
  case BlobKind::I8:
  case BlobKind::U8:
    return 1;
  case BlobKind::I16:
    return 2;
  case BlobKind::I64:
    return 8;
  }
  return 0;
}

uint64_t weightsBlobSize(size_t numSections, uint64_t payloadSize) {
  uint64_t headerSize = kBlobFixedSize + numSections * kBlobSectionSize + 4;
  return alignTo(headerSize, kBlobPayloadAlign) + payloadSize;
}

std::vector<char> buildWeightsBlob(llvm::ArrayRef<char> payload,
                                   llvm::ArrayRef<BlobSection> sections,
                                   const Sha256 &modelHash) {
  uint64_t tableEnd = kBlobFixedSize + sections.size() * kBlobSectionSize;
  uint64_t headerSize = tableEnd + 4;
  uint64_t payloadOffset = alignTo(headerSize, kBlobPayloadAlign);
  std::vector<char> out(payloadOffset + payload.size(), 0);
  char *b = out.data();
  std::memcpy(b + kOffMagic, "EDGW", 4);
  write32le(b + kOffVersion, kBlobVersion);
  write32le(b + kOffHeaderSize, static_cast<uint32_t>(headerSize));
  write32le(b + kOffFlags, 0);
  write32le(b + kOffSectionCount, static_cast<uint32_t>(sections.size()));
  write32le(b + kOffAlign, kBlobAlign);
  write64le(b + kOffPayloadOffset, payloadOffset);
  write64le(b + kOffPayloadSize, payload.size());
  llvm::ArrayRef<uint8_t> bytes(
      reinterpret_cast<const uint8_t *>(payload.data()), payload.size());
  write32le(b + kOffPayloadCrc, llvm::crc32(bytes));
  std::copy(modelHash.begin(), modelHash.end(), b + kOffModelHash);
  Sha256 sha = llvm::SHA256::hash(bytes);
  std::copy(sha.begin(), sha.end(), b + kOffPayloadSha);
  for (auto [i, s] : llvm::enumerate(sections)) {
    char *e = b + kBlobFixedSize + i * kBlobSectionSize;
    write64le(e, s.offset);
    write64le(e + 8, s.size);
    write32le(e + 16, s.align);
    write32le(e + 20, s.kind);
  }
  write32le(b + tableEnd, llvm::crc32(llvm::ArrayRef<uint8_t>(
                              reinterpret_cast<const uint8_t *>(b), tableEnd)));
  std::copy(payload.begin(), payload.end(), b + payloadOffset);
  return out;
}

Sha256 computeModelHash(llvm::StringRef compilerVersion, llvm::StringRef header,
                        llvm::StringRef source) {
  llvm::SHA256 h;
  // NUL separators: no concatenation of different parts collides.
  h.update(llvm::StringRef("edgec weights model hash v1", 28));
  h.update(compilerVersion);
  h.update(llvm::StringRef("\0", 1));
  h.update(header);
  h.update(llvm::StringRef("\0", 1));
  h.update(source);
  return h.final();
}

std::string hashInitializer(const Sha256 &h) {
  std::string s = "{";
  for (auto [i, v] : llvm::enumerate(h)) {
    s += i ? ", " : "";
    llvm::raw_string_ostream(s) << llvm::format("0x%02x", v);
  }
  return s + "}";
}

std::string hashHex(const Sha256 &h) {
  return llvm::toHex(llvm::ArrayRef<uint8_t>(h.data(), h.size()),
                     /*LowerCase=*/true);
}

std::string checkWeightsBlob(llvm::ArrayRef<uint8_t> blob, BlobHeader &hd,
                             std::string &why) {
  const uint8_t *b = blob.data();
  uint64_t n = blob.size();
  hd = BlobHeader();
  if (n < kBlobFixedSize) {
    why = "truncated: " + std::to_string(n) + " bytes, less than the " +
          std::to_string(kBlobFixedSize) + "-byte header";
    return "EDGERT_BLOB_TRUNCATED";
  }
  if (std::memcmp(b + kOffMagic, "EDGW", 4) != 0) {
    why = "bad magic (not an edgec weights blob)";
    return "EDGERT_BLOB_BAD_MAGIC";
  }
  hd.version = read32le(b + kOffVersion);
  hd.headerSize = read32le(b + kOffHeaderSize);
  hd.flags = read32le(b + kOffFlags);
  hd.sectionCount = read32le(b + kOffSectionCount);
  hd.align = read32le(b + kOffAlign);
  hd.payloadOffset = read64le(b + kOffPayloadOffset);
  hd.payloadSize = read64le(b + kOffPayloadSize);
  hd.payloadCrc = read32le(b + kOffPayloadCrc);
  std::copy(b + kOffModelHash, b + kOffModelHash + 32, hd.modelHash.begin());
  std::copy(b + kOffPayloadSha, b + kOffPayloadSha + 32, hd.payloadSha.begin());
  if (hd.version != kBlobVersion) {
    why = "unsupported format version " + std::to_string(hd.version) +
          " (this edgec reads version " + std::to_string(kBlobVersion) + ")";
    return "EDGERT_BLOB_BAD_VERSION";
  }
  if (hd.sectionCount > kBlobMaxSections) {
    why = "section count " + std::to_string(hd.sectionCount) +
          " exceeds the maximum " + std::to_string(kBlobMaxSections);
    return "EDGERT_BLOB_BAD_HEADER";
  }
  uint64_t tableEnd = kBlobFixedSize + hd.sectionCount * kBlobSectionSize;
  if (hd.headerSize != tableEnd + 4) {
    why = "header size " + std::to_string(hd.headerSize) + " does not match " +
          std::to_string(hd.sectionCount) + " sections (expected " +
          std::to_string(tableEnd + 4) + ")";
    return "EDGERT_BLOB_BAD_HEADER";
  }
  if (n < hd.headerSize) {
    why = "truncated: " + std::to_string(n) + " bytes, less than the " +
          std::to_string(hd.headerSize) + "-byte header";
    return "EDGERT_BLOB_TRUNCATED";
  }
  for (uint32_t i = 0; i < hd.sectionCount; ++i) {
    const uint8_t *e = b + kBlobFixedSize + i * kBlobSectionSize;
    hd.sections.push_back(
        {read64le(e), read64le(e + 8), read32le(e + 16), read32le(e + 20)});
  }
  hd.headerCrc = read32le(b + tableEnd);
  uint32_t headerCrc = llvm::crc32(llvm::ArrayRef<uint8_t>(b, tableEnd));
  if (headerCrc != hd.headerCrc) {
    why = "header CRC-32 mismatch (stored " + hex32(hd.headerCrc) +
          ", computed " + hex32(headerCrc) + ")";
    return "EDGERT_BLOB_BAD_HEADER_CRC";
  }
  auto bad = [&](const std::string &w) {
    why = w;
    return std::string("EDGERT_BLOB_BAD_HEADER");
  };
  if (hd.flags)
    return bad("unknown flags " + hex32(hd.flags));
  if (read32le(b + kOffReserved0) ||
      !std::all_of(b + kOffReserved1, b + kBlobFixedSize,
                   [](uint8_t c) { return c == 0; }))
    return bad("reserved header bytes are not zero");
  if (!isPow2(hd.align) || hd.align < kBlobMinAlign || hd.align > kBlobMaxAlign)
    return bad("alignment " + std::to_string(hd.align) +
               " is not a power of two in [16, 4096]");
  if (hd.payloadOffset < hd.headerSize || hd.payloadOffset % hd.align)
    return bad("payload offset " + std::to_string(hd.payloadOffset) +
               " is inside the header or not a multiple of " +
               std::to_string(hd.align));
  uint64_t prevEnd = 0;
  for (auto [i, s] : llvm::enumerate(hd.sections)) {
    std::string at = "section " + std::to_string(i) + ": ";
    uint32_t eb = blobKindBytes(s.kind);
    const uint8_t *e = b + kBlobFixedSize + i * kBlobSectionSize;
    if (!eb)
      return bad(at + "unknown kind " + std::to_string(s.kind));
    if (read64le(e + 24))
      return bad(at + "reserved bytes are not zero");
    if (!isPow2(s.align) || s.align > hd.align || s.offset % s.align ||
        s.align < eb)
      return bad(at + "offset " + std::to_string(s.offset) + " / alignment " +
                 std::to_string(s.align) + " is invalid");
    if (s.size % eb)
      return bad(at + "size " + std::to_string(s.size) +
                 " is not a whole number of " + blobKindName(s.kind).str() +
                 " elements");
    if (s.offset < prevEnd)
      return bad(at + "overlaps the previous section or is out of order");
    if (s.size > hd.payloadSize || s.offset > hd.payloadSize - s.size)
      return bad(at + "ends past the payload (" +
                 std::to_string(hd.payloadSize) + " bytes)");
    prevEnd = s.offset + s.size;
  }
  if (hd.payloadOffset > n || hd.payloadSize > n - hd.payloadOffset) {
    why = "truncated: " + std::to_string(n) + " bytes, the header declares " +
          std::to_string(hd.payloadOffset) + " + " +
          std::to_string(hd.payloadSize);
    return "EDGERT_BLOB_TRUNCATED";
  }
  uint64_t end = hd.payloadOffset + hd.payloadSize;
  if (n > end) {
    why = std::to_string(n - end) + " bytes after the payload (the blob is " +
          std::to_string(end) + " bytes)";
    return "EDGERT_BLOB_TRAILING_DATA";
  }
  if (!std::all_of(b + hd.headerSize, b + hd.payloadOffset,
                   [](uint8_t c) { return c == 0; }))
    return bad("padding between header and payload is not zero");
  llvm::ArrayRef<uint8_t> payload(b + hd.payloadOffset, hd.payloadSize);
  uint32_t crc = llvm::crc32(payload);
  if (crc != hd.payloadCrc) {
    why = "payload CRC-32 mismatch (stored " + hex32(hd.payloadCrc) +
          ", computed " + hex32(crc) + ")";
    return "EDGERT_BLOB_BAD_CRC";
  }
  Sha256 sha = llvm::SHA256::hash(payload);
  if (sha != hd.payloadSha) {
    why = "payload SHA-256 mismatch (stored " + hashHex(hd.payloadSha) +
          ", computed " + hashHex(sha) + ")";
    return "EDGERT_BLOB_BAD_SHA256";
  }
  return "";
}

} // namespace edgec::ctarget
