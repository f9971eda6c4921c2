/* edgert — verified weight blobs (`edgec compile --weights separate`).
 *
 * A weights blob is one byte string: a little-endian header, a section table,
 * a CRC-32 of both, zero padding, then the payload (every weight tensor at an
 * aligned offset). The layout, byte by byte, is in docs/ota.md. Everything
 * here is pure: no allocation, no global state, no libc beyond <stdint.h> /
 * <stddef.h>; all reads are byte-wise, so the blob may sit at any address
 * (the verifier reports a base misaligned for in-place use) and in flash.
 *
 * CRC-32 is the IEEE 802.3 / zlib CRC (reflected polynomial 0xEDB88320,
 * initial value and final XOR 0xFFFFFFFF). SHA-256 follows FIPS 180-4.
 * Both are integrity checks against accidental damage (a torn download, a
 * bad flash page), not authenticity: anyone can build a blob that passes.
 * Signatures are the bootloader's job (docs/ota.md).
 */
#ifndef EDGERT_BLOB_H
#define EDGERT_BLOB_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** "EDGW" at offset 0. */
#define EDGERT_BLOB_MAGIC0 0x45u /* 'E' */
#define EDGERT_BLOB_MAGIC1 0x44u /* 'D' */
#define EDGERT_BLOB_MAGIC2 0x47u /* 'G' */
#define EDGERT_BLOB_MAGIC3 0x57u /* 'W' */
/** The only format version this runtime reads. */
#define EDGERT_BLOB_VERSION 1u
/** Bytes of the fixed part of the header (before the section table). */
#define EDGERT_BLOB_FIXED_SIZE 128u
/** Bytes of one section table entry. */
#define EDGERT_BLOB_SECTION_SIZE 32u
/** Most sections a blob may declare. */
#define EDGERT_BLOB_MAX_SECTIONS 65536u
/** Bounds of the base alignment a blob may ask for (powers of two). */
#define EDGERT_BLOB_MIN_ALIGN 16u
#define EDGERT_BLOB_MAX_ALIGN 4096u

/** Results of the checks, in the order they are made. The values do not
 *  overlap edgert_status (0..3), so one log line is unambiguous. */
typedef enum edgert_blob_status {
  EDGERT_BLOB_OK = 0,
  /** `blob` is NULL. */
  EDGERT_BLOB_NULL = 16,
  /** Fewer bytes than the fixed header, the header the blob declares, or
   *  header + payload. */
  EDGERT_BLOB_TRUNCATED = 17,
  /** The first four bytes are not "EDGW". */
  EDGERT_BLOB_BAD_MAGIC = 18,
  /** A format version other than EDGERT_BLOB_VERSION. */
  EDGERT_BLOB_BAD_VERSION = 19,
  /** Inconsistent structure: header size vs section count, unknown flags,
   *  non-zero reserved bytes or padding, payload offset, alignment, a
   *  section out of range, overlapping, misaligned or of an unknown kind. */
  EDGERT_BLOB_BAD_HEADER = 20,
  /** The CRC-32 of header + section table does not match. */
  EDGERT_BLOB_BAD_HEADER_CRC = 21,
  /** The blob's address is not a multiple of the alignment it declares. */
  EDGERT_BLOB_MISALIGNED = 22,
  /** More bytes than header + payload (junk appended, wrong length). */
  EDGERT_BLOB_TRAILING_DATA = 23,
  /** The CRC-32 of the payload does not match. */
  EDGERT_BLOB_BAD_CRC = 24,
  /** The SHA-256 of the payload does not match. */
  EDGERT_BLOB_BAD_SHA256 = 25,
  /** A sound blob compiled for another model (the model hash differs). */
  EDGERT_BLOB_MODEL_MISMATCH = 26,
  /** The model hash matches but the section table is not the one the code
   *  was compiled with (a hand-made or tampered blob). */
  EDGERT_BLOB_LAYOUT_MISMATCH = 27
} edgert_blob_status;

/** Section kinds: the element type of the tensor stored in the section. */
typedef enum edgert_blob_kind {
  EDGERT_BLOB_KIND_F32 = 1,
  EDGERT_BLOB_KIND_BOOL = 2,
  EDGERT_BLOB_KIND_I8 = 3,
  EDGERT_BLOB_KIND_U8 = 4,
  EDGERT_BLOB_KIND_I16 = 5,
  EDGERT_BLOB_KIND_I32 = 6,
  EDGERT_BLOB_KIND_I64 = 7
} edgert_blob_kind;

/** One section table entry. `offset` is relative to the payload start. */
typedef struct edgert_blob_section {
  uint64_t offset;
  uint64_t size;
  uint32_t align;
  uint32_t kind;
} edgert_blob_section;

/** What edgert_blob_verify read from a sound blob. Pointers point into the
 *  blob. */
typedef struct edgert_blob_info {
  uint32_t version;
  uint32_t flags;
  uint32_t section_count;
  uint32_t align;
  uint64_t header_size;
  uint64_t payload_offset;
  uint64_t payload_size;
  uint32_t payload_crc32;
  const uint8_t *model_hash;     /* 32 bytes */
  const uint8_t *payload_sha256; /* 32 bytes */
  const uint8_t *sections;       /* section_count raw table entries */
  const uint8_t *payload;        /* payload_size bytes */
} edgert_blob_info;

/** Checks everything that can be checked without knowing the model:
 *  structure, bounds, alignment of `blob`, both CRCs and the SHA-256 of the
 *  payload. `size` must be the blob's exact length. On EDGERT_BLOB_OK fills
 *  `*info` (may be NULL); on failure `*info` is left untouched. Reads only
 *  the `size` bytes at `blob`; no global state (safe from any context). */
edgert_blob_status edgert_blob_verify(const void *blob, size_t size,
                                      edgert_blob_info *info);

/** Entry `index` (< info->section_count) of a verified blob's table. */
void edgert_blob_get_section(const edgert_blob_info *info, uint32_t index,
                             edgert_blob_section *out);

/** edgert_blob_verify, then checks the blob belongs to the code: its model
 *  hash equals `model_hash` (else EDGERT_BLOB_MODEL_MISMATCH) and its table
 *  equals the `count` entries of `expected` (else
 *  EDGERT_BLOB_LAYOUT_MISMATCH). On EDGERT_BLOB_OK stores the payload's
 *  address in `*payload` (may be NULL); otherwise leaves it untouched. This
 *  is what generated `<name>_bind_weights` calls. */
edgert_blob_status edgert_blob_check_model(const void *blob, size_t size,
                                           const uint8_t model_hash[32],
                                           const edgert_blob_section *expected,
                                           uint32_t count,
                                           const uint8_t **payload);

/** "EDGERT_BLOB_BAD_CRC" etc. for a status value (edgert_status values and
 *  unknown values included), for logs. Never NULL. */
const char *edgert_blob_status_name(int status);

/** CRC-32 (IEEE) of `n` bytes, continuing from `crc` (0 to start), as
 *  zlib's crc32(): edgert_crc32(edgert_crc32(0, a, n), b, m) is the CRC of
 *  a followed by b. */
uint32_t edgert_crc32(uint32_t crc, const void *data, size_t n);

/** Incremental SHA-256 (FIPS 180-4). */
typedef struct edgert_sha256_ctx {
  uint32_t state[8];
  uint64_t length; /* bytes hashed so far */
  uint8_t block[64];
  uint32_t fill; /* bytes in block */
} edgert_sha256_ctx;
void edgert_sha256_init(edgert_sha256_ctx *ctx);
void edgert_sha256_update(edgert_sha256_ctx *ctx, const void *data, size_t n);
void edgert_sha256_final(edgert_sha256_ctx *ctx, uint8_t digest[32]);
/** One-shot SHA-256 of `n` bytes. */
void edgert_sha256(const void *data, size_t n, uint8_t digest[32]);

#ifdef __cplusplus
}
#endif

#endif /* EDGERT_BLOB_H */
