/* edgert — verified weight blobs: CRC-32, SHA-256 and the blob verifier.
 * Format: docs/ota.md. Declared in edgert/blob.h. */
#include "edgert/blob.h"

/* ---- little helpers (byte-wise: any alignment, any endianness) ---------- */

static uint32_t rd32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
         ((uint32_t)p[3] << 24);
}

static uint64_t rd64(const uint8_t *p) {
  return (uint64_t)rd32(p) | ((uint64_t)rd32(p + 4) << 32);
}

static int all_zero(const uint8_t *p, uint64_t n) {
  uint64_t i;
  uint8_t acc = 0;
  for (i = 0; i < n; ++i)
    acc |= p[i];
  return acc == 0;
}

static int is_pow2(uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

/* Bytes of one element of a section kind; 0 for an unknown kind. */
static uint32_t kind_bytes(uint32_t kind) {
  switch (kind) {
  case EDGERT_BLOB_KIND_F32:
  case EDGERT_BLOB_KIND_I32:
    return 4;
  case EDGERT_BLOB_KIND_BOOL:
  case EDGERT_BLOB_KIND_I8:
  case EDGERT_BLOB_KIND_U8:
    return 1;
  case EDGERT_BLOB_KIND_I16:
    return 2;
  case EDGERT_BLOB_KIND_I64:
    return 8;
  default:
    return 0;
  }
}

/* ---- CRC-32 (IEEE 802.3, reflected 0xEDB88320) -------------------------- */

/* CRC of each 4-bit value, processed low bit first: table[n] is n shifted
 * through the reflected polynomial four times. 16 words instead of 256
 * keeps flash use small; two lookups per byte. */
static const uint32_t crc_nibble[16] = {
    0x00000000u, 0x1db71064u, 0x3b6e20c8u, 0x26d930acu,
    0x76dc4190u, 0x6b6b51f4u, 0x4db26158u, 0x5005713cu,
    0xedb88320u, 0xf00f9344u, 0xd6d6a3e8u, 0xcb61b38cu,
    0x9b64c2b0u, 0x86d3d2d4u, 0xa00ae278u, 0xbdbdf21cu};

uint32_t edgert_crc32(uint32_t crc, const void *data, size_t n) {
  const uint8_t *p = (const uint8_t *)data;
  size_t i;
  crc = ~crc;
  for (i = 0; i < n; ++i) {
    crc ^= p[i];
    crc = (crc >> 4) ^ crc_nibble[crc & 15u];
    crc = (crc >> 4) ^ crc_nibble[crc & 15u];
  }
  return ~crc;
}

/* ---- SHA-256 (FIPS 180-4) ------------------------------------------------ */

/* 4.2.2: the first 32 bits of the fractional parts of the cube roots of the
 * first 64 primes. */
static const uint32_t sha_k[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu,
    0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u, 0xd807aa98u, 0x12835b01u,
    0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u,
    0xc19bf174u, 0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu,
    0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau, 0x983e5152u,
    0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u,
    0x06ca6351u, 0x14292967u, 0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu,
    0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u,
    0xd6990624u, 0xf40e3585u, 0x106aa070u, 0x19a4c116u, 0x1e376c08u,
    0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu,
    0x682e6ff3u, 0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u,
    0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u};

static uint32_t rotr(uint32_t x, unsigned n) {
  return (x >> n) | (x << (32u - n));
}

/* 6.2.2: one 512-bit block. */
static void sha_block(uint32_t h[8], const uint8_t *m) {
  uint32_t w[64];
  uint32_t a, b, c, d, e, f, g, hh;
  unsigned t;
  for (t = 0; t < 16; ++t)
    w[t] = ((uint32_t)m[4 * t] << 24) | ((uint32_t)m[4 * t + 1] << 16) |
           ((uint32_t)m[4 * t + 2] << 8) | (uint32_t)m[4 * t + 3];
  for (t = 16; t < 64; ++t) {
    uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
    uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = s1 + w[t - 7] + s0 + w[t - 16];
  }
  a = h[0];
  b = h[1];
  c = h[2];
  d = h[3];
  e = h[4];
  f = h[5];
  g = h[6];
  hh = h[7];
  for (t = 0; t < 64; ++t) {
    uint32_t big1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    uint32_t ch = (e & f) ^ (~e & g);
    uint32_t t1 = hh + big1 + ch + sha_k[t] + w[t];
    uint32_t big0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
    uint32_t t2 = big0 + maj;
    hh = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += hh;
}

void edgert_sha256_init(edgert_sha256_ctx *ctx) {
  /* 5.3.3: the first 32 bits of the fractional parts of the square roots of
   * the first 8 primes. */
  ctx->state[0] = 0x6a09e667u;
  ctx->state[1] = 0xbb67ae85u;
  ctx->state[2] = 0x3c6ef372u;
  ctx->state[3] = 0xa54ff53au;
  ctx->state[4] = 0x510e527fu;
  ctx->state[5] = 0x9b05688cu;
  ctx->state[6] = 0x1f83d9abu;
  ctx->state[7] = 0x5be0cd19u;
  ctx->length = 0;
  ctx->fill = 0;
}

void edgert_sha256_update(edgert_sha256_ctx *ctx, const void *data,
                          size_t n) {
  const uint8_t *p = (const uint8_t *)data;
  ctx->length += n;
  while (n > 0) {
    if (ctx->fill == 0 && n >= 64) {
      sha_block(ctx->state, p);
      p += 64;
      n -= 64;
      continue;
    }
    ctx->block[ctx->fill++] = *p++;
    --n;
    if (ctx->fill == 64) {
      sha_block(ctx->state, ctx->block);
      ctx->fill = 0;
    }
  }
}

void edgert_sha256_final(edgert_sha256_ctx *ctx, uint8_t digest[32]) {
  /* 5.1.1: a 1 bit, zeros up to 448 mod 512 bits, the length in bits as a
   * 64-bit big-endian number. */
  uint64_t bits = ctx->length * 8u;
  unsigned i;
  ctx->block[ctx->fill++] = 0x80u;
  if (ctx->fill > 56) {
    while (ctx->fill < 64)
      ctx->block[ctx->fill++] = 0;
    sha_block(ctx->state, ctx->block);
    ctx->fill = 0;
  }
  while (ctx->fill < 56)
    ctx->block[ctx->fill++] = 0;
  for (i = 0; i < 8; ++i)
    ctx->block[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
  sha_block(ctx->state, ctx->block);
  for (i = 0; i < 32; ++i)
    digest[i] = (uint8_t)(ctx->state[i / 4] >> (24 - 8 * (i % 4)));
}

void edgert_sha256(const void *data, size_t n, uint8_t digest[32]) {
  edgert_sha256_ctx ctx;
  edgert_sha256_init(&ctx);
  edgert_sha256_update(&ctx, data, n);
  edgert_sha256_final(&ctx, digest);
}

/* ---- the verifier -------------------------------------------------------- */

/* Field offsets of the fixed header (docs/ota.md). */
enum {
  OFF_MAGIC = 0,
  OFF_VERSION = 4,
  OFF_HEADER_SIZE = 8,
  OFF_FLAGS = 12,
  OFF_SECTION_COUNT = 16,
  OFF_ALIGN = 20,
  OFF_PAYLOAD_OFFSET = 24,
  OFF_PAYLOAD_SIZE = 32,
  OFF_PAYLOAD_CRC = 40,
  OFF_RESERVED0 = 44,
  OFF_MODEL_HASH = 48,
  OFF_PAYLOAD_SHA = 80,
  OFF_RESERVED1 = 112
};

edgert_blob_status edgert_blob_verify(const void *blob, size_t size,
                                      edgert_blob_info *info) {
  const uint8_t *b = (const uint8_t *)blob;
  uint64_t n = (uint64_t)size;
  uint32_t count, align, i;
  uint64_t header_size, table_end, payload_offset, payload_size, end;
  uint64_t prev_end = 0;
  uint8_t digest[32];
  unsigned k;
  uint8_t diff = 0;

  if (!b)
    return EDGERT_BLOB_NULL;
  if (n < EDGERT_BLOB_FIXED_SIZE)
    return EDGERT_BLOB_TRUNCATED;
  if (b[0] != EDGERT_BLOB_MAGIC0 || b[1] != EDGERT_BLOB_MAGIC1 ||
      b[2] != EDGERT_BLOB_MAGIC2 || b[3] != EDGERT_BLOB_MAGIC3)
    return EDGERT_BLOB_BAD_MAGIC;
  if (rd32(b + OFF_VERSION) != EDGERT_BLOB_VERSION)
    return EDGERT_BLOB_BAD_VERSION;
  /* The header's extent comes from the section count; the stored size must
   * agree before the header CRC can be located. 64-bit: no overflow. */
  count = rd32(b + OFF_SECTION_COUNT);
  header_size = rd32(b + OFF_HEADER_SIZE);
  if (count > EDGERT_BLOB_MAX_SECTIONS)
    return EDGERT_BLOB_BAD_HEADER;
  table_end = EDGERT_BLOB_FIXED_SIZE +
              (uint64_t)count * EDGERT_BLOB_SECTION_SIZE;
  if (header_size != table_end + 4)
    return EDGERT_BLOB_BAD_HEADER;
  if (n < header_size)
    return EDGERT_BLOB_TRUNCATED;
  if (edgert_crc32(0, b, (size_t)table_end) != rd32(b + table_end))
    return EDGERT_BLOB_BAD_HEADER_CRC;

  /* Every other header field. */
  align = rd32(b + OFF_ALIGN);
  payload_offset = rd64(b + OFF_PAYLOAD_OFFSET);
  payload_size = rd64(b + OFF_PAYLOAD_SIZE);
  if (rd32(b + OFF_FLAGS) != 0 || rd32(b + OFF_RESERVED0) != 0 ||
      !all_zero(b + OFF_RESERVED1, EDGERT_BLOB_FIXED_SIZE - OFF_RESERVED1))
    return EDGERT_BLOB_BAD_HEADER;
  if (!is_pow2(align) || align < EDGERT_BLOB_MIN_ALIGN ||
      align > EDGERT_BLOB_MAX_ALIGN)
    return EDGERT_BLOB_BAD_HEADER;
  if (payload_offset < header_size || payload_offset % align != 0)
    return EDGERT_BLOB_BAD_HEADER;
  /* Sections: in order, inside the payload, not overlapping, aligned, of a
   * known kind and a whole number of elements. */
  for (i = 0; i < count; ++i) {
    const uint8_t *e = b + EDGERT_BLOB_FIXED_SIZE +
                       (uint64_t)i * EDGERT_BLOB_SECTION_SIZE;
    uint64_t off = rd64(e), sz = rd64(e + 8);
    uint32_t sa = rd32(e + 16), kind = rd32(e + 20);
    uint32_t eb = kind_bytes(kind);
    if (eb == 0 || !all_zero(e + 24, 8))
      return EDGERT_BLOB_BAD_HEADER;
    if (!is_pow2(sa) || sa > align || off % sa != 0 || sa < eb ||
        sz % eb != 0)
      return EDGERT_BLOB_BAD_HEADER;
    if (off < prev_end || sz > payload_size || off > payload_size - sz)
      return EDGERT_BLOB_BAD_HEADER;
    prev_end = off + sz;
  }
  /* The address: in-place use needs the declared alignment. */
  if ((uintptr_t)b % align != 0)
    return EDGERT_BLOB_MISALIGNED;
  /* Total length. payload_offset and payload_size are each at most 2^64-1:
   * compare without adding first. */
  if (payload_offset > n || payload_size > n - payload_offset)
    return EDGERT_BLOB_TRUNCATED;
  end = payload_offset + payload_size;
  if (n > end)
    return EDGERT_BLOB_TRAILING_DATA;
  /* The padding between the header and the payload is covered by neither
   * CRC: it must be zero. */
  if (!all_zero(b + header_size, payload_offset - header_size))
    return EDGERT_BLOB_BAD_HEADER;
  if (edgert_crc32(0, b + payload_offset, (size_t)payload_size) !=
      rd32(b + OFF_PAYLOAD_CRC))
    return EDGERT_BLOB_BAD_CRC;
  edgert_sha256(b + payload_offset, (size_t)payload_size, digest);
  for (k = 0; k < 32; ++k)
    diff |= (uint8_t)(digest[k] ^ b[OFF_PAYLOAD_SHA + k]);
  if (diff != 0)
    return EDGERT_BLOB_BAD_SHA256;

  if (info) {
    info->version = EDGERT_BLOB_VERSION;
    info->flags = 0;
    info->section_count = count;
    info->align = align;
    info->header_size = header_size;
    info->payload_offset = payload_offset;
    info->payload_size = payload_size;
    info->payload_crc32 = rd32(b + OFF_PAYLOAD_CRC);
    info->model_hash = b + OFF_MODEL_HASH;
    info->payload_sha256 = b + OFF_PAYLOAD_SHA;
    info->sections = b + EDGERT_BLOB_FIXED_SIZE;
    info->payload = b + payload_offset;
  }
  return EDGERT_BLOB_OK;
}

void edgert_blob_get_section(const edgert_blob_info *info, uint32_t index,
                             edgert_blob_section *out) {
  const uint8_t *e =
      info->sections + (uint64_t)index * EDGERT_BLOB_SECTION_SIZE;
  out->offset = rd64(e);
  out->size = rd64(e + 8);
  out->align = rd32(e + 16);
  out->kind = rd32(e + 20);
}

edgert_blob_status edgert_blob_check_model(const void *blob, size_t size,
                                           const uint8_t model_hash[32],
                                           const edgert_blob_section *expected,
                                           uint32_t count,
                                           const uint8_t **payload) {
  edgert_blob_info info;
  edgert_blob_status s = edgert_blob_verify(blob, size, &info);
  uint32_t i;
  unsigned k;
  uint8_t diff = 0;
  if (s != EDGERT_BLOB_OK)
    return s;
  for (k = 0; k < 32; ++k)
    diff |= (uint8_t)(info.model_hash[k] ^ model_hash[k]);
  if (diff != 0)
    return EDGERT_BLOB_MODEL_MISMATCH;
  if (info.section_count != count)
    return EDGERT_BLOB_LAYOUT_MISMATCH;
  for (i = 0; i < count; ++i) {
    edgert_blob_section got;
    edgert_blob_get_section(&info, i, &got);
    if (got.offset != expected[i].offset || got.size != expected[i].size ||
        got.align != expected[i].align || got.kind != expected[i].kind)
      return EDGERT_BLOB_LAYOUT_MISMATCH;
  }
  if (payload)
    *payload = info.payload;
  return EDGERT_BLOB_OK;
}

const char *edgert_blob_status_name(int status) {
  switch (status) {
  case EDGERT_BLOB_OK:
    return "EDGERT_BLOB_OK";
  case 1:
    return "EDGERT_ERR_INVALID";
  case 2:
    return "EDGERT_ERR_UNSUPPORTED";
  case 3:
    return "EDGERT_ERR_NO_WEIGHTS";
  case EDGERT_BLOB_NULL:
    return "EDGERT_BLOB_NULL";
  case EDGERT_BLOB_TRUNCATED:
    return "EDGERT_BLOB_TRUNCATED";
  case EDGERT_BLOB_BAD_MAGIC:
    return "EDGERT_BLOB_BAD_MAGIC";
  case EDGERT_BLOB_BAD_VERSION:
    return "EDGERT_BLOB_BAD_VERSION";
  case EDGERT_BLOB_BAD_HEADER:
    return "EDGERT_BLOB_BAD_HEADER";
  case EDGERT_BLOB_BAD_HEADER_CRC:
    return "EDGERT_BLOB_BAD_HEADER_CRC";
  case EDGERT_BLOB_MISALIGNED:
    return "EDGERT_BLOB_MISALIGNED";
  case EDGERT_BLOB_TRAILING_DATA:
    return "EDGERT_BLOB_TRAILING_DATA";
  case EDGERT_BLOB_BAD_CRC:
    return "EDGERT_BLOB_BAD_CRC";
  case EDGERT_BLOB_BAD_SHA256:
    return "EDGERT_BLOB_BAD_SHA256";
  case EDGERT_BLOB_MODEL_MISMATCH:
    return "EDGERT_BLOB_MODEL_MISMATCH";
  case EDGERT_BLOB_LAYOUT_MISMATCH:
    return "EDGERT_BLOB_LAYOUT_MISMATCH";
  default:
    return "unknown status";
  }
}
