/* edgert: edge.compare, edge.logical, edge.logical_not, edge.select.
 * Booleans (i1) are `bool`, one byte holding 0 or 1. Operands broadcast
 * with numpy rules to out_shape (ranks <= 6). */
#ifndef EDGERT_COMPARE_H
#define EDGERT_COMPARE_H
#include "edgert/common.h"
#ifdef __cplusplus
extern "C" {
#endif

/** Values match edgec::edge::CompareKind. Comparisons with NaN are false
 *  except ne. */
typedef enum edgert_compare_kind {
  EDGERT_CMP_EQ = 0,
  EDGERT_CMP_NE = 1,
  EDGERT_CMP_LT = 2,
  EDGERT_CMP_LE = 3,
  EDGERT_CMP_GT = 4,
  EDGERT_CMP_GE = 5
} edgert_compare_kind;

#define EDGERT_DECLARE_COMPARE(T, S)                                           \
  edgert_status edgert_compare_##S(                                            \
      edgert_compare_kind kind, const int32_t *a_shape, int32_t a_rank,        \
      const T *a, const int32_t *b_shape, int32_t b_rank, const T *b,          \
      const int32_t *out_shape, int32_t out_rank, bool *EDGERT_RESTRICT out);
EDGERT_DECLARE_COMPARE(float, f32)
EDGERT_DECLARE_COMPARE(int8_t, i8)
EDGERT_DECLARE_COMPARE(int16_t, i16)
EDGERT_DECLARE_COMPARE(int32_t, i32)
EDGERT_DECLARE_COMPARE(int64_t, i64)
EDGERT_DECLARE_COMPARE(bool, bool)
#undef EDGERT_DECLARE_COMPARE

/** Values match edgec::edge::LogicalKind. */
typedef enum edgert_logical_kind {
  EDGERT_LOGICAL_AND = 0,
  EDGERT_LOGICAL_OR = 1,
  EDGERT_LOGICAL_XOR = 2
} edgert_logical_kind;

/** edge.logical. out may alias a or b when that operand has out's shape. */
edgert_status edgert_logical(edgert_logical_kind kind, const int32_t *a_shape,
                             int32_t a_rank, const bool *a,
                             const int32_t *b_shape, int32_t b_rank,
                             const bool *b, const int32_t *out_shape,
                             int32_t out_rank, bool *out);
/** edge.logical_not over n elements. out may equal in. */
edgert_status edgert_logical_not(int32_t n, const bool *in, bool *out);

/** edge.select (ONNX Where): out = cond ? on_true : on_false, all three
 *  broadcasting to out_shape; type-agnostic (elem_size bytes). */
edgert_status edgert_select(int32_t elem_size, const int32_t *cond_shape,
                            int32_t cond_rank, const bool *cond,
                            const int32_t *t_shape, int32_t t_rank,
                            const void *on_true, const int32_t *f_shape,
                            int32_t f_rank, const void *on_false,
                            const int32_t *out_shape, int32_t out_rank,
                            void *EDGERT_RESTRICT out);

#ifdef __cplusplus
}
#endif
#endif /* EDGERT_COMPARE_H */
