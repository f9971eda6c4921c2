/* edgert: top-k along an axis by insertion into the (sorted) outputs. */
#include "edgert/topk.h"
#include "internal.h"

/* Ordering with NaN above every number (NaN == NaN for ties). */
#define EDGERT_GT(x, y) ((x) != (x) ? (y) == (y) : (x) > (y))

#define EDGERT_DEFINE_TOPK(T, S, I, IS)                                        \
  edgert_status edgert_topk_##S##_##IS(                                        \
      const int32_t *shape, int32_t rank, int32_t axis, int32_t k,             \
      bool largest, const T *restrict in, T *restrict values,                  \
      I *restrict indices) {                                                   \
    int32_t outer, len, inner, o, i, j, q;                                     \
    if (!edgert_shape_ok(shape, rank) || axis < 0 || axis >= rank || k < 1 ||  \
        k > shape[axis])                                                       \
      return EDGERT_ERR_INVALID;                                               \
    outer = edgert_dims_product(shape, 0, axis);                               \
    len = shape[axis];                                                         \
    inner = edgert_dims_product(shape, axis + 1, rank);                        \
    for (o = 0; o < outer; ++o)                                                \
      for (i = 0; i < inner; ++i) {                                            \
        const T *x = in + o * len * inner + i;                                 \
        T *v = values + o * k * inner + i;                                     \
        I *ix = indices + o * k * inner + i;                                   \
        int32_t filled = 0;                                                    \
        for (j = 0; j < len; ++j) {                                            \
          const T e = x[j * inner];                                            \
          /* Position: after every kept element that is not worse (ties     \
           * keep the earlier index first). */                                \
          int32_t pos = filled;                                                \
          while (pos > 0 && (largest ? EDGERT_GT(e, v[(pos - 1) * inner])      \
                                     : EDGERT_GT(v[(pos - 1) * inner], e)))    \
            --pos;                                                             \
          if (pos >= k)                                                        \
            continue;                                                          \
          if (filled < k)                                                      \
            ++filled;                                                          \
          for (q = filled - 1; q > pos; --q) {                                 \
            v[q * inner] = v[(q - 1) * inner];                                 \
            ix[q * inner] = ix[(q - 1) * inner];                               \
          }                                                                    \
          v[pos * inner] = e;                                                  \
          ix[pos * inner] = (I)j;                                              \
        }                                                                      \
      }                                                                        \
    return EDGERT_OK;                                                          \
  }

EDGERT_DEFINE_TOPK(float, f32, int32_t, i32)
EDGERT_DEFINE_TOPK(float, f32, int64_t, i64)
EDGERT_DEFINE_TOPK(int32_t, i32, int32_t, i32)
EDGERT_DEFINE_TOPK(int32_t, i32, int64_t, i64)
EDGERT_DEFINE_TOPK(int64_t, i64, int64_t, i64)
