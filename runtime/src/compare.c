/* edgert: elementwise comparisons with broadcasting, bool results. */
#include "edgert/compare.h"
#include "internal.h"

#define EDGERT_DEFINE_COMPARE(T, S)                                            \
  edgert_status edgert_compare_##S(                                            \
      edgert_compare_kind kind, const int32_t *a_shape, int32_t a_rank,        \
      const T *a, const int32_t *b_shape, int32_t b_rank, const T *b,          \
      const int32_t *out_shape, int32_t out_rank, bool *restrict out) {        \
    edgert_bcast it;                                                           \
    edgert_bcast_pos pos;                                                      \
    const int32_t *shapes[2];                                                  \
    int32_t ranks[2], row, i, o = 0, sa, sb;                                   \
    const int k = (int)kind;                                                   \
    edgert_status st;                                                          \
    if (k < EDGERT_CMP_EQ || k > EDGERT_CMP_GE)                                \
      return EDGERT_ERR_INVALID;                                               \
    shapes[0] = a_shape;                                                       \
    shapes[1] = b_shape;                                                       \
    ranks[0] = a_rank;                                                         \
    ranks[1] = b_rank;                                                         \
    st = edgert_bcast_init(&it, out_shape, out_rank, 2, shapes, ranks);        \
    if (st != EDGERT_OK)                                                       \
      return st;                                                               \
    sa = it.strides[0][it.rank - 1];                                           \
    sb = it.strides[1][it.rank - 1];                                           \
    edgert_bcast_first(&it, &pos);                                             \
    for (row = 0; row < it.rows; ++row, edgert_bcast_next_row(&it, &pos))      \
      for (i = 0; i < it.inner; ++i, ++o) {                                    \
        const T x = a[pos.off[0] + i * sa], y = b[pos.off[1] + i * sb];        \
        bool r;                                                                \
        switch (k) {                                                           \
        case EDGERT_CMP_EQ:                                                    \
          r = x == y;                                                          \
          break;                                                               \
        case EDGERT_CMP_NE:                                                    \
          r = x != y;                                                          \
          break;                                                               \
        case EDGERT_CMP_LT:                                                    \
          r = x < y;                                                           \
          break;                                                               \
        case EDGERT_CMP_LE:                                                    \
          r = x <= y;                                                          \
          break;                                                               \
        case EDGERT_CMP_GT:                                                    \
          r = x > y;                                                           \
          break;                                                               \
        default:                                                               \
          r = x >= y;                                                          \
          break;                                                               \
        }                                                                      \
        out[o] = r;                                                            \
      }                                                                        \
    return EDGERT_OK;                                                          \
  }

EDGERT_DEFINE_COMPARE(float, f32)
EDGERT_DEFINE_COMPARE(int8_t, i8)
EDGERT_DEFINE_COMPARE(int16_t, i16)
EDGERT_DEFINE_COMPARE(int32_t, i32)
EDGERT_DEFINE_COMPARE(int64_t, i64)
EDGERT_DEFINE_COMPARE(bool, bool)
