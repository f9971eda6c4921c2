/* Host demo for the digits model compiled by `edgec compile --target c`:
 * runs every held-out image through digits_run, prints the accuracy and the
 * mean latency per image.
 * Usage: digits_demo test_images.npy test_labels.npy */
#include "digits.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Reads a whole file; returns NULL (after a message) on failure. */
static unsigned char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  unsigned char *buf;
  long size;
  if (!f) {
    fprintf(stderr, "digits_demo: cannot open %s\n", path);
    return NULL;
  }
  if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
      fseek(f, 0, SEEK_SET) != 0) {
    fprintf(stderr, "digits_demo: cannot size %s\n", path);
    fclose(f);
    return NULL;
  }
  buf = (unsigned char *)malloc((size_t)size + 1);
  if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
    fprintf(stderr, "digits_demo: cannot read %s\n", path);
    free(buf);
    fclose(f);
    return NULL;
  }
  fclose(f);
  *len = (size_t)size;
  return buf;
}

/* The payload of a .npy file (versions 1-3), or NULL. */
static const unsigned char *npy_payload(const unsigned char *buf, size_t len,
                                        const char *path, size_t *payload) {
  size_t header;
  if (len < 10 || memcmp(buf, "\x93NUMPY", 6) != 0) {
    fprintf(stderr, "digits_demo: %s is not a .npy file\n", path);
    return NULL;
  }
  if (buf[6] == 1) {
    header = 10 + (size_t)buf[8] + ((size_t)buf[9] << 8);
  } else {
    if (len < 12)
      return NULL;
    header = 12 + (size_t)buf[8] + ((size_t)buf[9] << 8) +
             ((size_t)buf[10] << 16) + ((size_t)buf[11] << 24);
  }
  if (header > len) {
    fprintf(stderr, "digits_demo: %s is truncated\n", path);
    return NULL;
  }
  *payload = len - header;
  return buf + header;
}

int main(int argc, char **argv) {
  static uint8_t arena[DIGITS_ARENA_SIZE] __attribute__((aligned(16)));
  unsigned char *images, *labels;
  const unsigned char *img, *lab;
  size_t images_len, labels_len, img_bytes, lab_bytes, n, i, correct = 0;
  if (argc != 3) {
    fprintf(stderr, "usage: %s test_images.npy test_labels.npy\n", argv[0]);
    return 2;
  }
  images = read_file(argv[1], &images_len);
  labels = read_file(argv[2], &labels_len);
  if (!images || !labels)
    return 1;
  img = npy_payload(images, images_len, argv[1], &img_bytes);
  lab = npy_payload(labels, labels_len, argv[2], &lab_bytes);
  if (!img || !lab)
    return 1;
  n = lab_bytes / sizeof(int64_t);
  if (img_bytes != n * DIGITS_INPUT0_BYTES) {
    fprintf(stderr, "digits_demo: %zu images for %zu labels\n",
            img_bytes / DIGITS_INPUT0_BYTES, n);
    return 1;
  }
  for (i = 0; i < n; ++i) {
    float input[DIGITS_INPUT0_SIZE], logits[DIGITS_OUTPUT0_SIZE];
    int64_t label;
    int k, best = 0;
    memcpy(input, img + i * DIGITS_INPUT0_BYTES, DIGITS_INPUT0_BYTES);
    memcpy(&label, lab + i * sizeof(int64_t), sizeof label);
    if (digits_run(input, logits, arena) != 0) {
      fprintf(stderr, "digits_demo: digits_run failed on image %zu\n", i);
      return 1;
    }
    for (k = 1; k < DIGITS_OUTPUT0_SIZE; ++k)
      if (logits[k] > logits[best])
        best = k;
    correct += (best == label);
  }
  printf("accuracy: %.4f (%zu/%zu)\n", (double)correct / (double)n, correct, n);
  {
    /* Latency: CPU time of repeated passes over the images (one thread),
     * at least half a second in total. */
    float input[DIGITS_INPUT0_SIZE], logits[DIGITS_OUTPUT0_SIZE];
    clock_t start = clock(), elapsed;
    size_t runs = 0;
    do {
      for (i = 0; i < n; ++i, ++runs) {
        memcpy(input, img + i * DIGITS_INPUT0_BYTES, DIGITS_INPUT0_BYTES);
        digits_run(input, logits, arena);
      }
      elapsed = clock() - start;
    } while (elapsed < CLOCKS_PER_SEC / 2);
    printf("latency: %.2f us per image (mean of %zu runs)\n",
           1e6 * (double)elapsed / CLOCKS_PER_SEC / (double)runs, runs);
  }
  free(images);
  free(labels);
  return 0;
}
