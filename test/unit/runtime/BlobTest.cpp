//===- BlobTest.cpp - edgert's CRC-32, SHA-256 and blob verifier ----------===//
//
// runtime/src/blob.c against published test vectors (FIPS 180-4's SHA-256
// examples, the CRC-32 check value of the CRC catalogue) and against LLVM's
// independent implementations (llvm::SHA256, llvm::crc32) on every length
// around the block boundaries and on random data; then the verifier on blobs
// built by the compiler's writer (targets/C/WeightsBlob.cpp).
//
//===----------------------------------------------------------------------===//
#include "edgert/blob.h"
#include "edgec/Targets/C/WeightsBlob.h"

#include "llvm/Support/CRC.h"
#include "llvm/Support/SHA256.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace edgec::ctarget;

namespace {

std::string hex(const uint8_t *d, size_t n) {
  static const char *digits = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    s += digits[d[i] >> 4];
    s += digits[d[i] & 15];
  }
  return s;
}

std::string sha(const std::string &m) {
  uint8_t d[32];
  edgert_sha256(m.data(), m.size(), d);
  return hex(d, 32);
}

uint32_t crc(const std::string &m) {
  return edgert_crc32(0, m.data(), m.size());
}

TEST(RuntimeBlobHash, Sha256Fips180Vectors) {
  // FIPS 180-4 / 180-2 appendix examples.
  EXPECT_EQ(sha("abc"), "ba7816bf8f01cfea414140de5dae2223"
                        "b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha(""), "e3b0c44298fc1c149afbf4c8996fb924"
                     "27ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039"
            "a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67"
                                            "f1809a48a497200e046d39ccc7112cd0");
}

TEST(RuntimeBlobHash, Sha256OneMillionAIncrementally) {
  // The same message in uneven pieces through the incremental API.
  edgert_sha256_ctx ctx;
  edgert_sha256_init(&ctx);
  std::string a(1000, 'a');
  size_t done = 0, step = 1;
  while (done < 1000000) {
    size_t n = std::min<size_t>({step, 1000000 - done, a.size()});
    edgert_sha256_update(&ctx, a.data(), n);
    done += n;
    step = step * 7 % 997 + 1;
  }
  uint8_t d[32];
  edgert_sha256_final(&ctx, d);
  EXPECT_EQ(hex(d, 32), "cdc76e5c9914fb9281a1c7e284d73e67"
                        "f1809a48a497200e046d39ccc7112cd0");
}

TEST(RuntimeBlobHash, Crc32Vectors) {
  EXPECT_EQ(crc(""), 0u);
  EXPECT_EQ(crc("123456789"), 0xCBF43926u); // the catalogue's check value
  EXPECT_EQ(crc("The quick brown fox jumps over the lazy dog"), 0x414FA339u);
  // Chaining as zlib's crc32().
  std::string m = "The quick brown fox jumps over the lazy dog";
  for (size_t cut = 0; cut <= m.size(); ++cut)
    EXPECT_EQ(edgert_crc32(edgert_crc32(0, m.data(), cut), m.data() + cut,
                           m.size() - cut),
              0x414FA339u);
}

/// Every length from 0 to 300 (all padding cases: 55, 56, 63, 64, 119,
/// 120, ...) against LLVM, one-shot and split at every point.
TEST(RuntimeBlobHash, MatchesLlvmAtEveryLength) {
  std::mt19937 rng(1234);
  std::vector<uint8_t> data(300);
  for (uint8_t &b : data)
    b = static_cast<uint8_t>(rng());
  for (size_t n = 0; n <= data.size(); ++n) {
    llvm::ArrayRef<uint8_t> ref(data.data(), n);
    std::array<uint8_t, 32> want = llvm::SHA256::hash(ref);
    uint8_t got[32];
    edgert_sha256(data.data(), n, got);
    ASSERT_EQ(hex(got, 32), hex(want.data(), 32)) << "length " << n;
    ASSERT_EQ(edgert_crc32(0, data.data(), n), llvm::crc32(ref))
        << "length " << n;
    for (size_t cut = 0; cut <= n; cut += 13) {
      edgert_sha256_ctx ctx;
      edgert_sha256_init(&ctx);
      edgert_sha256_update(&ctx, data.data(), cut);
      edgert_sha256_update(&ctx, data.data() + cut, n - cut);
      edgert_sha256_final(&ctx, got);
      ASSERT_EQ(hex(got, 32), hex(want.data(), 32))
          << "length " << n << " split at " << cut;
    }
  }
}

TEST(RuntimeBlobHash, MatchesLlvmOnRandomData) {
  std::mt19937 rng(42);
  for (int iter = 0; iter < 200; ++iter) {
    std::vector<uint8_t> data(rng() % 20000);
    for (uint8_t &b : data)
      b = static_cast<uint8_t>(rng());
    std::array<uint8_t, 32> want = llvm::SHA256::hash(data);
    uint8_t got[32];
    edgert_sha256(data.data(), data.size(), got);
    ASSERT_EQ(hex(got, 32), hex(want.data(), 32)) << "size " << data.size();
    ASSERT_EQ(edgert_crc32(0, data.data(), data.size()), llvm::crc32(data));
  }
}

// --- the verifier on blobs from the compiler's writer ----------------------

struct Blob {
  std::vector<BlobSection> sections;
  std::vector<char> payload;
  Sha256 model{};
  std::vector<char> bytes;
};

Blob makeBlob() {
  Blob b;
  std::mt19937 rng(7);
  b.sections = {{0, 40, 16, uint32_t(BlobKind::F32)},
                {48, 6, 16, uint32_t(BlobKind::I8)},
                {64, 16, 16, uint32_t(BlobKind::I64)}};
  b.payload.resize(80);
  for (char &c : b.payload)
    c = static_cast<char>(rng());
  std::fill(b.payload.begin() + 40, b.payload.begin() + 48, 0);
  std::fill(b.payload.begin() + 54, b.payload.begin() + 64, 0);
  for (size_t i = 0; i < 32; ++i)
    b.model[i] = static_cast<uint8_t>(i * 3 + 1);
  b.bytes = buildWeightsBlob(b.payload, b.sections, b.model);
  return b;
}

/// `bytes` copied to an address `misalign` bytes past a 64-byte boundary.
struct Placed {
  std::vector<uint8_t> storage;
  uint8_t *p;
  Placed(const std::vector<char> &bytes, size_t misalign = 0)
      : storage(bytes.size() + 128) {
    p = storage.data();
    while (reinterpret_cast<uintptr_t>(p) % 64)
      ++p;
    p += misalign;
    if (!bytes.empty()) // memcpy from an empty vector's null data() is UB
      std::memcpy(p, bytes.data(), bytes.size());
  }
};

TEST(RuntimeBlobVerify, SoundBlobFromTheWriter) {
  Blob b = makeBlob();
  ASSERT_EQ(b.bytes.size(), weightsBlobSize(3, 80));
  Placed at(b.bytes);
  edgert_blob_info info;
  ASSERT_EQ(edgert_blob_verify(at.p, b.bytes.size(), &info), EDGERT_BLOB_OK);
  EXPECT_EQ(info.version, 1u);
  EXPECT_EQ(info.section_count, 3u);
  EXPECT_EQ(info.align, 16u);
  EXPECT_EQ(info.header_size, 128u + 3 * 32 + 4);
  EXPECT_EQ(info.payload_offset, 256u); // 228 rounded up to 64
  EXPECT_EQ(info.payload_size, 80u);
  EXPECT_EQ(info.payload, at.p + 256);
  EXPECT_EQ(std::memcmp(info.payload, b.payload.data(), 80), 0);
  EXPECT_EQ(std::memcmp(info.model_hash, b.model.data(), 32), 0);
  for (uint32_t i = 0; i < 3; ++i) {
    edgert_blob_section s;
    edgert_blob_get_section(&info, i, &s);
    EXPECT_EQ(s.offset, b.sections[i].offset);
    EXPECT_EQ(s.size, b.sections[i].size);
    EXPECT_EQ(s.align, b.sections[i].align);
    EXPECT_EQ(s.kind, b.sections[i].kind);
  }
  // The host checker agrees.
  BlobHeader h;
  std::string why;
  EXPECT_EQ(
      checkWeightsBlob(llvm::ArrayRef<uint8_t>(at.p, b.bytes.size()), h, why),
      "")
      << why;
}

TEST(RuntimeBlobVerify, EmptyPayload) {
  std::vector<char> bytes = buildWeightsBlob({}, {}, Sha256{});
  Placed at(bytes);
  const uint8_t *payload = nullptr;
  uint8_t zero[32] = {0};
  EXPECT_EQ(
      edgert_blob_check_model(at.p, bytes.size(), zero, nullptr, 0, &payload),
      EDGERT_BLOB_OK);
  EXPECT_EQ(payload, at.p + 192);
}

TEST(RuntimeBlobVerify, ModelAndLayout) {
  Blob b = makeBlob();
  Placed at(b.bytes);
  edgert_blob_section expected[3];
  for (int i = 0; i < 3; ++i)
    expected[i] = {b.sections[i].offset, b.sections[i].size,
                   b.sections[i].align, b.sections[i].kind};
  const uint8_t *payload = nullptr;
  EXPECT_EQ(edgert_blob_check_model(at.p, b.bytes.size(), b.model.data(),
                                    expected, 3, &payload),
            EDGERT_BLOB_OK);
  EXPECT_EQ(payload, at.p + 256);
  // Failures leave *payload alone.
  const uint8_t *untouched = reinterpret_cast<const uint8_t *>(&b);
  payload = untouched;
  Sha256 other = b.model;
  other[31] ^= 1;
  EXPECT_EQ(edgert_blob_check_model(at.p, b.bytes.size(), other.data(),
                                    expected, 3, &payload),
            EDGERT_BLOB_MODEL_MISMATCH);
  EXPECT_EQ(edgert_blob_check_model(at.p, b.bytes.size(), b.model.data(),
                                    expected, 2, &payload),
            EDGERT_BLOB_LAYOUT_MISMATCH);
  expected[1].kind = EDGERT_BLOB_KIND_U8;
  EXPECT_EQ(edgert_blob_check_model(at.p, b.bytes.size(), b.model.data(),
                                    expected, 3, &payload),
            EDGERT_BLOB_LAYOUT_MISMATCH);
  EXPECT_EQ(payload, untouched);
}

TEST(RuntimeBlobVerify, FailuresLeaveInfoUntouched) {
  Blob b = makeBlob();
  Placed at(b.bytes);
  edgert_blob_info info;
  std::memset(&info, 0xab, sizeof info);
  edgert_blob_info copy = info;
  at.p[300] ^= 1; // payload
  EXPECT_EQ(edgert_blob_verify(at.p, b.bytes.size(), &info),
            EDGERT_BLOB_BAD_CRC);
  EXPECT_EQ(std::memcmp(&info, &copy, sizeof info), 0);
  EXPECT_EQ(edgert_blob_verify(nullptr, 0, &info), EDGERT_BLOB_NULL);
}

TEST(RuntimeBlobVerify, Alignment) {
  Blob b = makeBlob();
  for (size_t m : {0, 16, 32, 48})
    EXPECT_EQ(edgert_blob_verify(Placed(b.bytes, m).p, b.bytes.size(), nullptr),
              EDGERT_BLOB_OK)
        << m;
  for (size_t m : {1, 2, 4, 8, 12, 15})
    EXPECT_EQ(edgert_blob_verify(Placed(b.bytes, m).p, b.bytes.size(), nullptr),
              EDGERT_BLOB_MISALIGNED)
        << m;
}

/// Every truncation and every single-bit flip of a whole blob: the runtime
/// and the host checker (independent code, LLVM's hashes) always agree, and
/// no damaged blob passes.
TEST(RuntimeBlobVerify, EveryBitFlipAndLengthAgreesWithHost) {
  Blob b = makeBlob();
  for (size_t n = 0; n < b.bytes.size() + 8; ++n) {
    std::vector<char> cut(b.bytes.begin(),
                          b.bytes.begin() + std::min(n, b.bytes.size()));
    cut.resize(n, 0);
    Placed at(cut);
    edgert_blob_status s = edgert_blob_verify(at.p, n, nullptr);
    BlobHeader h;
    std::string why;
    std::string host =
        checkWeightsBlob(llvm::ArrayRef<uint8_t>(at.p, n), h, why);
    ASSERT_EQ(std::string(edgert_blob_status_name(s)),
              host.empty() ? "EDGERT_BLOB_OK" : host)
        << "length " << n;
    if (n == b.bytes.size())
      EXPECT_EQ(s, EDGERT_BLOB_OK);
    else
      EXPECT_EQ(s, n < b.bytes.size() ? EDGERT_BLOB_TRUNCATED
                                      : EDGERT_BLOB_TRAILING_DATA)
          << "length " << n;
  }
  for (size_t i = 0; i < b.bytes.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::vector<char> bad = b.bytes;
      bad[i] ^= static_cast<char>(1 << bit);
      Placed at(bad);
      edgert_blob_status s = edgert_blob_verify(at.p, bad.size(), nullptr);
      BlobHeader h;
      std::string why;
      std::string host =
          checkWeightsBlob(llvm::ArrayRef<uint8_t>(at.p, bad.size()), h, why);
      ASSERT_NE(s, EDGERT_BLOB_OK) << "byte " << i << " bit " << bit;
      ASSERT_EQ(std::string(edgert_blob_status_name(s)), host)
          << "byte " << i << " bit " << bit;
    }
  }
}

TEST(RuntimeBlobVerify, StatusNames) {
  EXPECT_STREQ(edgert_blob_status_name(EDGERT_BLOB_BAD_SHA256),
               "EDGERT_BLOB_BAD_SHA256");
  EXPECT_STREQ(edgert_blob_status_name(3), "EDGERT_ERR_NO_WEIGHTS");
  EXPECT_STREQ(edgert_blob_status_name(-1), "unknown status");
  // Distinct values, none shared with edgert_status.
  std::set<std::string> names;
  for (int s = 0; s < 64; ++s)
    names.insert(edgert_blob_status_name(s));
  EXPECT_EQ(names.size(), 4u + 12u + 1u); // 0..3, 16..27, "unknown status"
}

} // namespace
