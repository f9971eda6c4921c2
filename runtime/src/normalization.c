/* edgert: layer_norm, instance_norm (channels last), lrn — f32. */
#include "edgert/normalization.h"
#include "internal.h"

#include <math.h>

edgert_status edgert_layer_norm_f32(const int32_t *shape, int32_t rank,
                                    int32_t axis, float epsilon,
                                    const float *restrict in,
                                    const float *restrict scale,
                                    const float *restrict bias,
                                    float *restrict out) {
  int32_t outer, len, o, j;
  if (!edgert_shape_ok(shape, rank) || axis < 0 || axis > rank || !scale)
    return EDGERT_ERR_INVALID;
  outer = edgert_dims_product(shape, 0, axis);
  len = edgert_dims_product(shape, axis, rank);
  if (len == 0)
    return EDGERT_OK;
  for (o = 0; o < outer; ++o) {
    const float *x = in + o * len;
    float *y = out + o * len;
    float mean = 0.0f, var = 0.0f, inv;
    for (j = 0; j < len; ++j)
      mean += x[j];
    mean /= (float)len;
    for (j = 0; j < len; ++j)
      var += (x[j] - mean) * (x[j] - mean);
    var /= (float)len;
    inv = 1.0f / sqrtf(var + epsilon);
    for (j = 0; j < len; ++j)
      y[j] = (x[j] - mean) * inv * scale[j] + (bias ? bias[j] : 0.0f);
  }
  return EDGERT_OK;
}

edgert_status edgert_instance_norm_f32(const int32_t *shape, int32_t rank,
                                       float epsilon, const float *restrict in,
                                       const float *restrict scale,
                                       const float *restrict bias,
                                       float *restrict out) {
  int32_t N, S, C, n, s, c;
  if (!edgert_shape_ok(shape, rank) || rank < 2 || !scale || !bias)
    return EDGERT_ERR_INVALID;
  N = shape[0];
  C = shape[rank - 1];
  S = edgert_dims_product(shape, 1, rank - 1);
  if (S == 0)
    return EDGERT_OK;
  for (n = 0; n < N; ++n)
    for (c = 0; c < C; ++c) {
      const float *x = in + n * S * C + c;
      float *y = out + n * S * C + c;
      float mean = 0.0f, var = 0.0f, inv;
      for (s = 0; s < S; ++s)
        mean += x[s * C];
      mean /= (float)S;
      for (s = 0; s < S; ++s)
        var += (x[s * C] - mean) * (x[s * C] - mean);
      var /= (float)S;
      inv = 1.0f / sqrtf(var + epsilon);
      for (s = 0; s < S; ++s)
        y[s * C] = (x[s * C] - mean) * inv * scale[c] + bias[c];
    }
  return EDGERT_OK;
}

edgert_status edgert_lrn_f32(const int32_t *shape, int32_t rank, int32_t size,
                             float alpha, float beta, float bias,
                             const float *restrict in, float *restrict out) {
  int32_t C, rows, r, c, j;
  int32_t before, after;
  if (!edgert_shape_ok(shape, rank) || rank < 1 || size <= 0)
    return EDGERT_ERR_INVALID;
  C = shape[rank - 1];
  rows = edgert_dims_product(shape, 0, rank - 1);
  before = (size - 1) / 2;
  after = size - 1 - before;
  for (r = 0; r < rows; ++r) {
    const float *x = in + r * C;
    float *y = out + r * C;
    for (c = 0; c < C; ++c) {
      const int32_t lo = c - before < 0 ? 0 : c - before;
      const int32_t hi = c + after >= C ? C - 1 : c + after;
      float sq = 0.0f;
      for (j = lo; j <= hi; ++j)
        sq += x[j] * x[j];
      y[c] = x[c] / powf(bias + alpha / (float)size * sq, beta);
    }
  }
  return EDGERT_OK;
}
