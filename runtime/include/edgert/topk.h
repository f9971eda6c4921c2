/* edgert: edge.topk. */
#ifndef EDGERT_TOPK_H
#define EDGERT_TOPK_H
#include "edgert/common.h"
#ifdef __cplusplus
extern "C" {
#endif

/** The k largest (largest = true) or smallest elements along `axis`, sorted
 *  (largest first / smallest first); ties prefer the lower index. values and
 *  indices have the input's shape with dimension `axis` set to k
 *  (1 <= k <= shape[axis]). NaN compares larger than every number. No
 *  scratch: O(n * k) per lane, meant for small k. Named
 *  edgert_topk_<input>_<index type>. */
#define EDGERT_DECLARE_TOPK(T, S, I, IS)                                       \
  edgert_status edgert_topk_##S##_##IS(                                        \
      const int32_t *shape, int32_t rank, int32_t axis, int32_t k,             \
      bool largest, const T *EDGERT_RESTRICT in, T *EDGERT_RESTRICT values,    \
      I *EDGERT_RESTRICT indices);
EDGERT_DECLARE_TOPK(float, f32, int32_t, i32)
EDGERT_DECLARE_TOPK(float, f32, int64_t, i64)
EDGERT_DECLARE_TOPK(int32_t, i32, int32_t, i32)
EDGERT_DECLARE_TOPK(int32_t, i32, int64_t, i64)
EDGERT_DECLARE_TOPK(int64_t, i64, int64_t, i64)
#undef EDGERT_DECLARE_TOPK

#ifdef __cplusplus
}
#endif
#endif /* EDGERT_TOPK_H */
