/* edgert internals shared by the kernel families (not installed). */
#ifndef EDGERT_INTERNAL_H
#define EDGERT_INTERNAL_H
#include "edgert/common.h"

/* --- shapes ---------------------------------------------------------------- */

/* Product of dims[0..rank); -1 if a dimension is negative or rank invalid. */
int32_t edgert_numel(const int32_t *shape, int32_t rank);
/* Product of shape[from..to). */
int32_t edgert_dims_product(const int32_t *shape, int32_t from, int32_t to);
/* True if 0 <= rank <= EDGERT_MAX_RANK and every dimension is >= 0. */
bool edgert_shape_ok(const int32_t *shape, int32_t rank);

/* Copies n elements of elem_size bytes through unsigned char (no aliasing
 * assumptions about the element type). */
void edgert_copy_elems(void *dst, const void *src, int32_t n, int32_t elem_size);
bool edgert_elem_size_ok(int32_t elem_size);

/* --- numpy broadcasting over up to three operands ---------------------------
 * After init, the iteration space is rows x inner: `rows` outer positions
 * (walked with edgert_bcast_next_row), each a run of dims[rank-1] elements
 * where operand k advances by strides[k][rank-1]. Size-1 dimensions are
 * dropped and contiguous dimensions merged, so same-shape operands become a
 * single row. */
#define EDGERT_BCAST_MAX_OPS 3
typedef struct edgert_bcast {
  int32_t rank; /* >= 1 */
  int32_t nops;
  int32_t rows;
  int32_t inner;
  int32_t dims[EDGERT_MAX_RANK];
  int32_t strides[EDGERT_BCAST_MAX_OPS][EDGERT_MAX_RANK];
} edgert_bcast;

typedef struct edgert_bcast_pos {
  int32_t idx[EDGERT_MAX_RANK];
  int32_t off[EDGERT_BCAST_MAX_OPS];
} edgert_bcast_pos;

edgert_status edgert_bcast_init(edgert_bcast *it, const int32_t *out_shape,
                                int32_t out_rank, int32_t nops,
                                const int32_t *const *shapes,
                                const int32_t *ranks);
void edgert_bcast_first(const edgert_bcast *it, edgert_bcast_pos *pos);
void edgert_bcast_next_row(const edgert_bcast *it, edgert_bcast_pos *pos);

/* --- integer helpers without UB ------------------------------------------ */
int8_t edgert_wrap_i8(uint64_t v);
int16_t edgert_wrap_i16(uint64_t v);
int32_t edgert_wrap_i32(uint64_t v);
int64_t edgert_wrap_i64(uint64_t v);

/* Clamp bounds of a clamping activation as doubles (-inf/+inf for none);
 * false for a non-clamping kind. */
bool edgert_act_clamp_bounds(const edgert_act *act, double *lo, double *hi);

#endif /* EDGERT_INTERNAL_H */
