/* Host driver for a model compiled by `edgec compile --target c --name net`
 * (one float input, one float output): reads the input from a .npy file,
 * runs the model RUNS times (after one untimed warm-up run when RUNS > 1),
 * prints the latency of each timed run (wall clock, and the process's CPU
 * time, which a busy machine inflates less) and their medians, writes the
 * output of the last run as a float32 .npy file with the output's shape.
 *
 * Usage: driver IN.npy OUT.npy [RUNS]        (RUNS defaults to 1)
 * Build: cc -std=c99 -O2 -I OUTDIR -I OUTDIR/edgert driver.c OUTDIR/net.c
 *           OUTDIR/edgert/{common,conv,...}.c [net_weights.o] -lm
 * Used by bench/edgec_c.py (bench/run.py and the torchvision lit tests). */
#define _POSIX_C_SOURCE 199309L
#include "net.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if NET_NUM_INPUTS != 1 || NET_NUM_OUTPUTS != 1
#error "bench/driver.c handles models with one input and one output"
#endif

#if NET_ARENA_SIZE > 0
static uint8_t arena[NET_ARENA_SIZE] __attribute__((aligned(16)));
#else
static uint8_t arena[16] __attribute__((aligned(16)));
#endif
static float input[NET_INPUT0_SIZE];
static float output[NET_OUTPUT0_SIZE];

/* Reads the float32 payload of a .npy file (versions 1-3) into `dst`. */
static int read_npy(const char *path, float *dst, size_t bytes) {
  unsigned char pre[12];
  size_t header;
  long size;
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "driver: cannot open %s\n", path);
    return 1;
  }
  if (fread(pre, 1, 12, f) != 12 || memcmp(pre, "\x93NUMPY", 6) != 0) {
    fprintf(stderr, "driver: %s is not a .npy file\n", path);
    fclose(f);
    return 1;
  }
  if (pre[6] == 1)
    header = 10 + (size_t)pre[8] + ((size_t)pre[9] << 8);
  else
    header = 12 + (size_t)pre[8] + ((size_t)pre[9] << 8) +
             ((size_t)pre[10] << 16) + ((size_t)pre[11] << 24);
  if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
      (size_t)size != header + bytes || fseek(f, (long)header, SEEK_SET) != 0 ||
      fread(dst, 1, bytes, f) != bytes) {
    fprintf(stderr, "driver: %s does not hold %lu bytes of data\n", path,
            (unsigned long)bytes);
    fclose(f);
    return 1;
  }
  /* The dtype must be little-endian float32. */
  fseek(f, 10, SEEK_SET);
  {
    char text[256] = {0};
    size_t n = header - 10 < sizeof text - 1 ? header - 10 : sizeof text - 1;
    if (fread(text, 1, n, f) != n || !strstr(text, "'<f4'")) {
      fprintf(stderr, "driver: %s is not float32\n", path);
      fclose(f);
      return 1;
    }
  }
  fclose(f);
  return 0;
}

/* Writes `data` as a version 1 float32 .npy with the given shape. */
static int write_npy(const char *path, const float *data, size_t count,
                     const int *shape, int rank) {
  char dict[128], dims[96] = "";
  size_t len, pad;
  int i;
  unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0, 0};
  FILE *f;
  for (i = 0; i < rank; ++i) {
    char one[16];
    /* numpy's tuple syntax: (5,) for rank 1, (1, 1000) otherwise. */
    sprintf(one, rank == 1 ? "%d," : i + 1 < rank ? "%d, " : "%d", shape[i]);
    strcat(dims, one);
  }
  len = (size_t)sprintf(dict, "{'descr': '<f4', 'fortran_order': False, 'shape': (%s), }", dims);
  pad = 64 - (10 + len + 1) % 64;
  if (pad == 64)
    pad = 0;
  pre[8] = (unsigned char)((len + pad + 1) & 0xff);
  pre[9] = (unsigned char)((len + pad + 1) >> 8);
  f = fopen(path, "wb");
  if (!f) {
    fprintf(stderr, "driver: cannot write %s\n", path);
    return 1;
  }
  fwrite(pre, 1, 10, f);
  fwrite(dict, 1, len, f);
  while (pad--)
    fputc(' ', f);
  fputc('\n', f);
  if (fwrite(data, sizeof(float), count, f) != count) {
    fclose(f);
    return 1;
  }
  return fclose(f) != 0;
}

static double now_ms(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec * 1e-6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(const double *sorted, int n) {
  return n % 2 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
}

int main(int argc, char **argv) {
  static const int out_shape[] = NET_OUTPUT0_SHAPE;
  double *ms, *cpu;
  int runs = 1, i, status;
  if (argc < 3 || argc > 4) {
    fprintf(stderr, "usage: %s IN.npy OUT.npy [RUNS]\n", argv[0]);
    return 2;
  }
  if (argc == 4 && (runs = atoi(argv[3])) < 1) {
    fprintf(stderr, "driver: RUNS must be at least 1\n");
    return 2;
  }
  if (read_npy(argv[1], input, NET_INPUT0_BYTES))
    return 1;
  ms = (double *)malloc(sizeof(double) * (size_t)runs);
  cpu = (double *)malloc(sizeof(double) * (size_t)runs);
  if (!ms || !cpu)
    return 1;
  if (runs > 1 && (status = net_run(input, output, arena)) != 0) {
    fprintf(stderr, "driver: net_run returned %d\n", status);
    return 1;
  }
  for (i = 0; i < runs; ++i) {
    double start = now_ms(CLOCK_MONOTONIC);
    double start_cpu = now_ms(CLOCK_PROCESS_CPUTIME_ID);
    status = net_run(input, output, arena);
    ms[i] = now_ms(CLOCK_MONOTONIC) - start;
    cpu[i] = now_ms(CLOCK_PROCESS_CPUTIME_ID) - start_cpu;
    if (status != 0) {
      fprintf(stderr, "driver: net_run returned %d\n", status);
      return 1;
    }
    printf("run %d: %.3f ms (cpu %.3f ms)\n", i, ms[i], cpu[i]);
  }
  qsort(ms, (size_t)runs, sizeof(double), cmp_double);
  qsort(cpu, (size_t)runs, sizeof(double), cmp_double);
  printf("median: %.3f ms (cpu %.3f ms)\n", median(ms, runs), median(cpu, runs));
  free(ms);
  free(cpu);
  return write_npy(argv[2], output, NET_OUTPUT0_SIZE, out_shape,
                   NET_OUTPUT0_RANK);
}
