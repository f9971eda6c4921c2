/* Test driver for `edgec compile --weights separate` (docs/ota.md).
 *
 *   blob_driver run BLOB INPUT.bin
 *       reads BLOB into 16-byte aligned memory, binds it, runs the model on
 *       INPUT.bin (raw float32) and prints every output value on a line.
 *   blob_driver cases GOOD INPUT.bin CASES.txt
 *       CASES.txt: one "FILE EXPECTED_STATUS [+OFFSET]" a line (the status
 *       by name, e.g. EDGERT_BLOB_BAD_CRC; +OFFSET places the blob OFFSET
 *       bytes past a 16-byte boundary). Checks that
 *        1. with nothing bound, <name>_run returns EDGERT_ERR_NO_WEIGHTS;
 *        2. <name>_verify_weights and <name>_bind_weights return exactly the
 *           expected status for every case, and a failed bind leaves the
 *           model unbound;
 *        3. after binding GOOD, every failed bind keeps GOOD bound: the case's
 *           buffer is then overwritten with garbage and the outputs must stay
 *           bit-identical;
 *        4. a NULL blob is EDGERT_BLOB_NULL.
 *       Prints "blob cases: N checked, M failed" and exits 1 if M > 0.
 *
 * Build with -include <name>.h -DRUN=<name>_run -DBIND=<name>_bind_weights
 * -DVERIFY=<name>_verify_weights -DARENA_SIZE=... -DIN0_SIZE=...
 * -DOUT0_SIZE=... */
#include "edgert/blob.h"
#include "edgert/common.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static float input0[IN0_SIZE];
static float output0[OUT0_SIZE];
static float reference[OUT0_SIZE];
static union {
  long double align;
  uint8_t bytes[ARENA_SIZE > 0 ? ARENA_SIZE : 1];
} arena;

/* A file's bytes at `misalign` bytes past a 16-byte boundary of a fresh
 * allocation (`*base` is what to free). */
static uint8_t *read_file(const char *path, size_t misalign, size_t *size,
                          void **base) {
  FILE *f = fopen(path, "rb");
  long n;
  uint8_t *p;
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  *base = malloc((size_t)n + 32 + misalign);
  p = (uint8_t *)*base;
  while ((uintptr_t)p % 16 != 0)
    ++p;
  p += misalign;
  if (n > 0 && fread(p, 1, (size_t)n, f) != (size_t)n) {
    fclose(f);
    return NULL;
  }
  fclose(f);
  *size = (size_t)n;
  return p;
}

static int status_by_name(const char *name) {
  int s;
  for (s = 0; s < 64; ++s)
    if (strcmp(edgert_blob_status_name(s), name) == 0)
      return s;
  return -1;
}

int main(int argc, char **argv) {
  FILE *f;
  int s;
  long i;
  if (argc < 4) {
    fprintf(stderr, "usage: %s run BLOB IN | cases GOOD IN CASES\n", argv[0]);
    return 2;
  }
  f = fopen(argv[3], "rb");
  if (!f || fread(input0, sizeof(float), IN0_SIZE, f) != IN0_SIZE) {
    fprintf(stderr, "cannot read %s\n", argv[3]);
    return 2;
  }
  fclose(f);

  if (strcmp(argv[1], "run") == 0) {
    size_t size = 0;
    void *base = NULL;
    uint8_t *blob = read_file(argv[2], 0, &size, &base);
    if (!blob) {
      fprintf(stderr, "cannot read %s\n", argv[2]);
      return 2;
    }
    s = BIND(blob, size);
    if (s != 0) {
      fprintf(stderr, "bind failed: %s\n", edgert_blob_status_name(s));
      return 1;
    }
    s = RUN(input0, output0, arena.bytes);
    if (s != 0) {
      fprintf(stderr, "run failed: status %d\n", s);
      return 1;
    }
    for (i = 0; i < OUT0_SIZE; ++i)
      printf("%.9g\n", output0[i]);
    free(base);
    return 0;
  }

  if (strcmp(argv[1], "cases") == 0 && argc == 5) {
    char path[4096], want[64], extra[32];
    int checked = 0, failed = 0, pass;
    size_t good_size = 0;
    void *good_base = NULL;
    uint8_t *good = read_file(argv[2], 0, &good_size, &good_base);
    if (!good) {
      fprintf(stderr, "cannot read %s\n", argv[2]);
      return 2;
    }
    /* 1. Nothing bound. */
    s = RUN(input0, output0, arena.bytes);
    ++checked;
    if (s != EDGERT_ERR_NO_WEIGHTS) {
      printf("FAIL: unbound run returned %s\n", edgert_blob_status_name(s));
      ++failed;
    }
    /* 4. NULL. */
    ++checked;
    if (BIND(NULL, good_size) != EDGERT_BLOB_NULL ||
        VERIFY(NULL, good_size) != EDGERT_BLOB_NULL) {
      printf("FAIL: NULL blob not EDGERT_BLOB_NULL\n");
      ++failed;
    }
    /* 2. and 3.: pass 0 unbound, pass 1 with GOOD bound. */
    for (pass = 0; pass < 2; ++pass) {
      FILE *cases = fopen(argv[4], "r");
      char line[8192];
      if (!cases) {
        fprintf(stderr, "cannot read %s\n", argv[4]);
        return 2;
      }
      if (pass == 1) {
        s = BIND(good, good_size);
        if (s != 0) {
          printf("FAIL: good blob: %s\n", edgert_blob_status_name(s));
          return 1;
        }
        s = RUN(input0, reference, arena.bytes);
        if (s != 0) {
          printf("FAIL: run with the good blob returned %d\n", s);
          return 1;
        }
      }
      while (fgets(line, sizeof line, cases)) {
        size_t size = 0, misalign = 0;
        void *base = NULL;
        uint8_t *blob;
        int expect, got_verify, got_bind, fields;
        extra[0] = 0;
        fields = sscanf(line, "%4095s %63s %31s", path, want, extra);
        if (fields < 2)
          continue;
        if (extra[0] == '+')
          misalign = (size_t)strtoul(extra + 1, NULL, 10);
        expect = status_by_name(want);
        blob = read_file(path, misalign, &size, &base);
        if (!blob || expect < 0) {
          fprintf(stderr, "bad case line: %s", line);
          return 2;
        }
        ++checked;
        got_verify = VERIFY(blob, size);
        /* Unbound pass: a sound blob is only verified, so that the model
         * stays unbound for the cases after it. */
        got_bind = pass == 0 && expect == 0 ? 0 : BIND(blob, size);
        if (got_verify != expect || got_bind != expect) {
          printf("FAIL: %s: expected %s, verify %s, bind %s\n", path, want,
                 edgert_blob_status_name(got_verify),
                 edgert_blob_status_name(got_bind));
          ++failed;
        }
        if (expect == 0) {
          free(base);
          if (pass == 1)
            BIND(good, good_size); /* rebind the reference blob */
          continue;
        }
        /* The failed blob must not be in use: destroy it, then run. */
        memset(base, 0x5a, size + 32 + misalign);
        s = RUN(input0, output0, arena.bytes);
        if (pass == 0 && s != EDGERT_ERR_NO_WEIGHTS) {
          printf("FAIL: %s: a failed bind made the model runnable (%d)\n",
                 path, s);
          ++failed;
        }
        if (pass == 1 &&
            (s != 0 || memcmp(output0, reference, sizeof reference) != 0)) {
          printf("FAIL: %s: a failed bind changed the bound weights\n", path);
          ++failed;
        }
        free(base);
      }
      fclose(cases);
    }
    printf("blob cases: %d checked, %d failed\n", checked, failed);
    free(good_base);
    return failed ? 1 : 0;
  }
  fprintf(stderr, "unknown mode %s\n", argv[1]);
  return 2;
}
