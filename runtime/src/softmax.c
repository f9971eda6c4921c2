/* edgert: softmax / log_softmax along one axis, f32, numerically stable
 * (three passes: max, sum of exp, write; no scratch). */
#include "edgert/softmax.h"
#include "internal.h"

#include <math.h>

static edgert_status softmax_impl(const int32_t *shape, int32_t rank,
                                  int32_t axis, float beta, const float *in,
                                  float *out, bool log_form) {
  int32_t outer, len, inner, o, i, j;
  if (!edgert_shape_ok(shape, rank) || axis < 0 || axis >= rank)
    return EDGERT_ERR_INVALID;
  outer = edgert_dims_product(shape, 0, axis);
  len = shape[axis];
  inner = edgert_dims_product(shape, axis + 1, rank);
  for (o = 0; o < outer; ++o)
    for (i = 0; i < inner; ++i) {
      const float *x = in + o * len * inner + i;
      float *y = out + o * len * inner + i;
      float mx = -INFINITY, sum = 0.0f;
      for (j = 0; j < len; ++j) {
        const float v = beta * x[j * inner];
        if (v > mx)
          mx = v;
      }
      for (j = 0; j < len; ++j)
        sum += expf(beta * x[j * inner] - mx);
      if (log_form) {
        const float lse = logf(sum);
        for (j = 0; j < len; ++j)
          y[j * inner] = beta * x[j * inner] - mx - lse;
      } else {
        const float inv = 1.0f / sum;
        for (j = 0; j < len; ++j)
          y[j * inner] = expf(beta * x[j * inner] - mx) * inv;
      }
    }
  return EDGERT_OK;
}

edgert_status edgert_softmax_f32(const int32_t *shape, int32_t rank,
                                 int32_t axis, float beta, const float *in,
                                 float *out) {
  return softmax_impl(shape, rank, axis, beta, in, out, false);
}

edgert_status edgert_log_softmax_f32(const int32_t *shape, int32_t rank,
                                     int32_t axis, float beta, const float *in,
                                     float *out) {
  return softmax_impl(shape, rank, axis, beta, in, out, true);
}
