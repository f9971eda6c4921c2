//===- BlobFuzzer.cpp - libFuzzer target: the weights-blob verifiers ------===//
//
// Bytes -> edgert_blob_verify (the device's check, runtime/src/blob.c) and
// checkWeightsBlob (the host's independent check behind `edgec
// inspect-blob`, targets/C/WeightsBlob.cpp). Neither may crash or read out
// of bounds, and both must reach the same verdict: a blob one of them
// accepts and the other refuses is a bug in one of the two.
//
// Random bytes rarely get past the header CRC, so the first input byte picks
// a mode:
//   even: the rest of the input is the blob, as is;
//   odd:  the rest describes a blob that buildWeightsBlob writes (section
//         count and sizes, payload bytes, model hash), and then changes to
//         it: byte flips at chosen offsets, a truncation or appended bytes,
//         and optionally a header CRC recomputed after the flips (so the
//         checks behind the CRC see forged fields).
//
//===----------------------------------------------------------------------===//
#include "edgec/Targets/C/WeightsBlob.h"

#include "edgert/blob.h"

#include "llvm/Support/CRC.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace edgec::ctarget;

namespace {

/// Reads the fuzzer's bytes in order; zero once they run out.
struct Reader {
  const uint8_t *data;
  size_t size;
  size_t pos = 0;
  uint32_t byte() { return pos < size ? data[pos++] : 0; }
  uint32_t u16() { return byte() | (byte() << 8); }
  bool empty() const { return pos >= size; }
};

std::vector<uint8_t> constructed(Reader &in) {
  // Sections: up to 8, each up to 1 KiB, kinds 1..7.
  uint32_t count = in.byte() % 9;
  std::vector<BlobSection> sections;
  uint64_t offset = 0;
  for (uint32_t i = 0; i < count; ++i) {
    BlobSection s;
    s.kind = 1 + in.byte() % 7;
    s.size = in.u16() % 1025;
    s.align = kBlobAlign;
    offset = (offset + kBlobAlign - 1) / kBlobAlign * kBlobAlign;
    s.offset = offset;
    offset += s.size;
    sections.push_back(s);
  }
  std::vector<char> payload(offset);
  for (char &c : payload)
    c = static_cast<char>(in.byte());
  Sha256 hash;
  for (uint8_t &b : hash)
    b = static_cast<uint8_t>(in.byte());
  std::vector<char> built = buildWeightsBlob(payload, sections, hash);
  std::vector<uint8_t> blob(built.begin(), built.end());

  // Flips: up to 4 (offset, xor mask) pairs.
  uint32_t flips = in.byte() % 5;
  for (uint32_t i = 0; i < flips && !blob.empty(); ++i) {
    size_t at = in.u16() % blob.size();
    blob[at] ^= static_cast<uint8_t>(in.byte() | 1);
  }
  // Repair the header CRC so forged fields reach the later checks.
  if (in.byte() & 1) {
    // Header size field at offset 8 (docs/ota.md); the CRC sits in its
    // last four bytes.
    uint32_t headerSize = blob.size() >= 12 ? blob[8] | blob[9] << 8 |
                                                  blob[10] << 16 |
                                                  uint32_t(blob[11]) << 24
                                            : 0;
    if (headerSize >= 4 && headerSize <= blob.size()) {
      uint32_t crc = llvm::crc32(llvm::ArrayRef<uint8_t>(blob.data(),
                                                         headerSize - 4));
      for (int k = 0; k < 4; ++k)
        blob[headerSize - 4 + k] = static_cast<uint8_t>(crc >> (8 * k));
    }
  }
  // Truncate or append.
  switch (in.byte() % 4) {
  case 1:
    blob.resize(blob.empty() ? 0 : in.u16() % blob.size());
    break;
  case 2:
    for (uint32_t i = 0, n = 1 + in.byte() % 64; i < n; ++i)
      blob.push_back(static_cast<uint8_t>(in.byte()));
    break;
  default:
    break;
  }
  return blob;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  Reader in{data + 1, size - 1};
  std::vector<uint8_t> blob =
      (data[0] & 1) ? constructed(in)
                    : std::vector<uint8_t>(data + 1, data + size);

  // The device reads the blob in place: give it an allocation of exactly
  // the blob's length (so ASan reports any read past its end) at an address
  // aligned for any alignment the format allows (so the address check, which
  // inspect-blob does not make for a file, passes).
  size_t n = blob.size();
  void *memory = nullptr;
  if (posix_memalign(&memory, kBlobMaxAlign, n ? n : 1) != 0)
    return 0;
  uint8_t *exact = static_cast<uint8_t *>(memory);
  if (n)
    std::memcpy(exact, blob.data(), n);

  edgert_blob_info info;
  std::memset(&info, 0xa5, sizeof(info));
  edgert_blob_status device = edgert_blob_verify(exact, n, &info);

  BlobHeader header;
  std::string why;
  std::string host = checkWeightsBlob(blob, header, why);
  std::string deviceName = edgert_blob_status_name(device);
  bool hostOk = host.empty();
  if (hostOk != (device == EDGERT_BLOB_OK) ||
      (!hostOk && host != deviceName)) {
    fprintf(stderr, "verdicts differ: device %s, host %s (%s)\n",
            deviceName.c_str(), hostOk ? "OK" : host.c_str(), why.c_str());
    abort();
  }
  if (device == EDGERT_BLOB_OK) {
    // Every section of a sound blob lies inside its payload.
    for (uint32_t i = 0; i < info.section_count; ++i) {
      edgert_blob_section s;
      edgert_blob_get_section(&info, i, &s);
      if (s.offset > info.payload_size ||
          s.size > info.payload_size - s.offset) {
        fprintf(stderr, "section %u out of the payload\n", i);
        abort();
      }
    }
    // And the model check accepts its own hash and table.
    std::vector<edgert_blob_section> table(info.section_count);
    for (uint32_t i = 0; i < info.section_count; ++i)
      edgert_blob_get_section(&info, i, &table[i]);
    const uint8_t *payload = nullptr;
    if (edgert_blob_check_model(exact, n, info.model_hash, table.data(),
                                info.section_count,
                                &payload) != EDGERT_BLOB_OK ||
        payload != info.payload) {
      fprintf(stderr, "check_model refuses a verified blob\n");
      abort();
    }
  }
  std::free(exact);
  return 0;
}
