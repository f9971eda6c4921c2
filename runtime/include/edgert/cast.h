/* edgert: edge.cast between plain element types. */
#ifndef EDGERT_CAST_H
#define EDGERT_CAST_H
#include "edgert/common.h"
#ifdef __cplusplus
extern "C" {
#endif

/** Element types of edge.cast (u8 is for host-side use; edge itself has no
 *  unsigned types). */
typedef enum edgert_dtype {
  EDGERT_DTYPE_F32 = 0,
  EDGERT_DTYPE_BOOL = 1,
  EDGERT_DTYPE_I8 = 2,
  EDGERT_DTYPE_I16 = 3,
  EDGERT_DTYPE_I32 = 4,
  EDGERT_DTYPE_I64 = 5,
  EDGERT_DTYPE_U8 = 6
} edgert_dtype;

/** Size in bytes of one element of `t` (0 for an unknown type). */
int32_t edgert_dtype_size(edgert_dtype t);

/** Converts n elements (ONNX Cast semantics where defined):
 *  - float -> integer truncates toward zero and SATURATES to the target range
 *    (out-of-range is undefined in ONNX; clamping is our choice, as TFLite);
 *    NaN -> 0;
 *  - integer -> narrower integer wraps modulo 2^bits (two's complement);
 *  - anything -> bool is (x != 0) (NaN -> true); bool -> anything is 0 / 1;
 *  - integer -> float rounds to nearest.
 *  in and out must not overlap unless from == to and in == out. */
edgert_status edgert_cast(edgert_dtype from, edgert_dtype to, int32_t n,
                          const void *in, void *out);

#ifdef __cplusplus
}
#endif
#endif /* EDGERT_CAST_H */
