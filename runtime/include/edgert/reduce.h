/* edgert: edge.reduce, edge.arg and edge.cumsum. */
#ifndef EDGERT_REDUCE_H
#define EDGERT_REDUCE_H
#include "edgert/common.h"
#ifdef __cplusplus
extern "C" {
#endif

/** Values match edgec::edge::ReduceKind. */
typedef enum edgert_reduce_kind {
  EDGERT_REDUCE_SUM = 0,
  EDGERT_REDUCE_MEAN = 1,
  EDGERT_REDUCE_MAX = 2,
  EDGERT_REDUCE_MIN = 3,
  EDGERT_REDUCE_PROD = 4
} edgert_reduce_kind;

/** Reduces `in` over `axes` (distinct, in [0, rank); naxes == 0 copies). The
 *  output holds the input's shape with the reduced dimensions set to 1 (the
 *  same bytes whether keep_dims is set or not). Reducing an empty dimension
 *  gives 0 (sum), 1 (prod), NaN (mean), -inf/+inf (max/min). */
edgert_status edgert_reduce_f32(edgert_reduce_kind kind,
                                const int32_t *in_shape, int32_t rank,
                                const float *EDGERT_RESTRICT in,
                                const int32_t *axes, int32_t naxes,
                                float *EDGERT_RESTRICT out);
/** Integer reduce: sum and prod wrap, mean truncates toward zero (an empty
 *  mean is 0; sums are taken in 64 bits, so i32 means are exact), empty
 *  max/min give the type's MIN/MAX. */
edgert_status edgert_reduce_i32(edgert_reduce_kind kind,
                                const int32_t *in_shape, int32_t rank,
                                const int32_t *EDGERT_RESTRICT in,
                                const int32_t *axes, int32_t naxes,
                                int32_t *EDGERT_RESTRICT out);
edgert_status edgert_reduce_i64(edgert_reduce_kind kind,
                                const int32_t *in_shape, int32_t rank,
                                const int64_t *EDGERT_RESTRICT in,
                                const int32_t *axes, int32_t naxes,
                                int64_t *EDGERT_RESTRICT out);

/** Values match edgec::edge::ArgKind. */
typedef enum edgert_arg_kind {
  EDGERT_ARG_MAX = 0,
  EDGERT_ARG_MIN = 1
} edgert_arg_kind;

/** edge.arg: index of the largest/smallest element along `axis`; ties pick
 *  the first index, or the last with select_last_index. The output has the
 *  input's shape with dimension `axis` set to 1. The axis must be non-empty.
 *  Functions are named edgert_arg_<input>_<index type>. */
#define EDGERT_DECLARE_ARG(T, S, I, IS)                                        \
  edgert_status edgert_arg_##S##_##IS(                                         \
      edgert_arg_kind kind, const int32_t *in_shape, int32_t rank,             \
      const T *EDGERT_RESTRICT in, int32_t axis, bool select_last_index,       \
      I *EDGERT_RESTRICT out);
EDGERT_DECLARE_ARG(float, f32, int32_t, i32)
EDGERT_DECLARE_ARG(float, f32, int64_t, i64)
EDGERT_DECLARE_ARG(int8_t, i8, int32_t, i32)
EDGERT_DECLARE_ARG(int8_t, i8, int64_t, i64)
EDGERT_DECLARE_ARG(int16_t, i16, int32_t, i32)
EDGERT_DECLARE_ARG(int16_t, i16, int64_t, i64)
EDGERT_DECLARE_ARG(int32_t, i32, int32_t, i32)
EDGERT_DECLARE_ARG(int32_t, i32, int64_t, i64)
#undef EDGERT_DECLARE_ARG

/** edge.cumsum: running sums along `axis` (ONNX CumSum). out[..., j, ...] is
 *  the sum of in[..., k, ...] over k <= j, or k < j with `exclusive` (the
 *  first sum is then 0); `reverse` sums from the end (k >= j, or k > j).
 *  Floats are added in order in float, as numpy's cumsum does; integer sums
 *  wrap (two's complement). The output has the input's shape. */
#define EDGERT_DECLARE_CUMSUM(T, S)                                            \
  edgert_status edgert_cumsum_##S(const int32_t *in_shape, int32_t rank,       \
                                  int32_t axis, bool exclusive, bool reverse,  \
                                  const T *EDGERT_RESTRICT in,                 \
                                  T *EDGERT_RESTRICT out);
EDGERT_DECLARE_CUMSUM(float, f32)
EDGERT_DECLARE_CUMSUM(int32_t, i32)
EDGERT_DECLARE_CUMSUM(int64_t, i64)
#undef EDGERT_DECLARE_CUMSUM

#ifdef __cplusplus
}
#endif
#endif /* EDGERT_REDUCE_H */
