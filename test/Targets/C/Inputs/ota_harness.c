/* Host harness for the A/B-slot firmware example of docs/ota.md (extracted
 * into ota_example.c by ota-example.test): two simulated flash slots in RAM,
 * a persistent active-slot word, and a scenario.
 *
 *   ota_harness A.bin B.bin INPUT.bin
 * A and B: two sound blobs of the same model with different weights.
 *  1. A in slot 0, boot: slot 0, outputs OA.
 *  2. Update to B in 1000-byte chunks: verify, commit: slot 1 active,
 *     outputs differ from OA.
 *  3. Update with a damaged copy of A: verify and commit fail, slot 1 stays
 *     active and bound (outputs unchanged).
 *  4. An update of the wrong size is refused before erasing.
 *  5. Reboot with the active slot damaged: falls back to slot 0 (A), which
 *     becomes active; outputs OA again.
 *  6. Reboot with both slots damaged: -1.
 * Prints "ota flow: ok" or the failed step (exit 1). */
#include "net.h"
#include "edgert/blob.h"
#include "edgert/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOT_BYTES (NET_WEIGHTS_BLOB_SIZE + 4096)
static union {
  long double align;
  uint8_t bytes[2][SLOT_BYTES];
} flash;
static int persistent_active = 0;
static int erased[2];

const uint8_t *const weight_slot[2] = {flash.bytes[0], flash.bytes[1]};

int flash_erase_slot(int slot) {
  memset(flash.bytes[slot], 0xff, SLOT_BYTES);
  erased[slot] = 1;
  return 0;
}
int flash_write(int slot, uint32_t offset, const void *data, size_t n) {
  memcpy(flash.bytes[slot] + offset, data, n);
  return 0;
}
int load_active_slot(void) { return persistent_active; }
void store_active_slot(int slot) { persistent_active = slot; }

int weights_boot(void);
int weights_update_begin(size_t total_size);
int weights_update_write(uint32_t offset, const void *data, size_t n);
int weights_update_verify(void);
int weights_update_commit(void);

static float input0[NET_INPUT0_SIZE];
static float out_a[NET_OUTPUT0_SIZE], out_b[NET_OUTPUT0_SIZE],
    out[NET_OUTPUT0_SIZE];
static union {
  long double align;
  uint8_t bytes[NET_ARENA_SIZE > 0 ? NET_ARENA_SIZE : 1];
} arena;

static unsigned char *read_all(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  unsigned char *p;
  long len;
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  len = ftell(f);
  fseek(f, 0, SEEK_SET);
  p = (unsigned char *)malloc((size_t)len + 1);
  if (fread(p, 1, (size_t)len, f) != (size_t)len) {
    fclose(f);
    return NULL;
  }
  fclose(f);
  *n = (size_t)len;
  return p;
}

/* Sends `blob` through the update API in 1000-byte chunks. */
static int send(const unsigned char *blob, size_t n) {
  size_t off;
  if (weights_update_begin(n) != 0)
    return -100;
  for (off = 0; off < n; off += 1000) {
    size_t chunk = n - off < 1000 ? n - off : 1000;
    if (weights_update_write((uint32_t)off, blob + off, chunk) != 0)
      return -101;
  }
  return 0;
}

#define CHECK(cond, what)                                                      \
  do {                                                                         \
    if (!(cond)) {                                                             \
      printf("ota flow: FAIL at %s\n", what);                                  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

int main(int argc, char **argv) {
  size_t na, nb, ni;
  unsigned char *a, *b, *in, *bad;
  int s;
  if (argc != 4)
    return 2;
  a = read_all(argv[1], &na);
  b = read_all(argv[2], &nb);
  in = read_all(argv[3], &ni);
  if (!a || !b || !in || ni != sizeof input0)
    return 2;
  memcpy(input0, in, sizeof input0);

  /* 1. Factory image: A in slot 0. */
  CHECK(net_run(input0, out, arena.bytes) == EDGERT_ERR_NO_WEIGHTS,
        "run before boot");
  flash_erase_slot(0);
  flash_write(0, 0, a, na);
  CHECK(weights_boot() == 0, "boot A");
  CHECK(net_run(input0, out_a, arena.bytes) == 0, "run A");

  /* 2. Update to B. */
  erased[0] = erased[1] = 0;
  CHECK(send(b, nb) == 0, "send B");
  CHECK(erased[1] && !erased[0], "B written to the inactive slot");
  CHECK(weights_update_verify() == 0, "verify B");
  CHECK(net_run(input0, out, arena.bytes) == 0 &&
            memcmp(out, out_a, sizeof out) == 0,
        "A still in use while B is verified");
  CHECK(weights_update_commit() == 0, "commit B");
  CHECK(load_active_slot() == 1, "B active");
  CHECK(net_run(input0, out_b, arena.bytes) == 0, "run B");
  CHECK(memcmp(out_a, out_b, sizeof out) != 0, "B's weights in use");

  /* 3. A damaged update (A with one payload byte flipped) goes to slot 0. */
  bad = (unsigned char *)malloc(na);
  memcpy(bad, a, na);
  bad[na - 5] ^= 0x10;
  CHECK(send(bad, na) == 0, "send damaged");
  s = weights_update_verify();
  CHECK(s == EDGERT_BLOB_BAD_CRC, "damaged update detected by verify");
  CHECK(weights_update_commit() == EDGERT_BLOB_BAD_CRC,
        "damaged update refused by commit");
  CHECK(load_active_slot() == 1, "B still active");
  CHECK(net_run(input0, out, arena.bytes) == 0 &&
            memcmp(out, out_b, sizeof out) == 0,
        "B still bound");

  /* 4. Wrong size: refused before erasing anything. */
  erased[0] = erased[1] = 0;
  CHECK(weights_update_begin(na + 1) != 0 && !erased[0] && !erased[1],
        "wrong size refused");

  /* 5. Slot 0 gets A back; then the active slot (1, B) is damaged and the
   * device reboots: back to A. */
  CHECK(send(a, na) == 0 && weights_update_verify() == 0, "restore A");
  flash.bytes[1][na / 2] ^= 0x01;
  CHECK(weights_boot() == 0, "fallback boot");
  CHECK(load_active_slot() == 0, "A active after fallback");
  CHECK(net_run(input0, out, arena.bytes) == 0 &&
            memcmp(out, out_a, sizeof out) == 0,
        "A's weights after fallback");

  /* 6. Both damaged: no usable weights. */
  flash.bytes[0][na / 2] ^= 0x01;
  CHECK(weights_boot() == -1, "both slots damaged");

  printf("ota flow: ok\n");
  free(a);
  free(b);
  free(in);
  free(bad);
  return 0;
}
