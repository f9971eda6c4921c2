/* edgert: and / or / xor / not on bools, and select (ONNX Where). */
#include "edgert/compare.h"
#include "internal.h"

edgert_status edgert_logical(edgert_logical_kind kind, const int32_t *a_shape,
                             int32_t a_rank, const bool *a,
                             const int32_t *b_shape, int32_t b_rank,
                             const bool *b, const int32_t *out_shape,
                             int32_t out_rank, bool *out) {
  edgert_bcast it;
  edgert_bcast_pos pos;
  const int32_t *shapes[2];
  int32_t ranks[2], row, i, o = 0, sa, sb;
  const int k = (int)kind;
  edgert_status st;
  if (k < EDGERT_LOGICAL_AND || k > EDGERT_LOGICAL_XOR)
    return EDGERT_ERR_INVALID;
  shapes[0] = a_shape;
  shapes[1] = b_shape;
  ranks[0] = a_rank;
  ranks[1] = b_rank;
  st = edgert_bcast_init(&it, out_shape, out_rank, 2, shapes, ranks);
  if (st != EDGERT_OK)
    return st;
  sa = it.strides[0][it.rank - 1];
  sb = it.strides[1][it.rank - 1];
  edgert_bcast_first(&it, &pos);
  for (row = 0; row < it.rows; ++row, edgert_bcast_next_row(&it, &pos))
    for (i = 0; i < it.inner; ++i, ++o) {
      const bool x = a[pos.off[0] + i * sa], y = b[pos.off[1] + i * sb];
      out[o] = k == EDGERT_LOGICAL_AND ? (x && y)
                                       : (k == EDGERT_LOGICAL_OR ? (x || y)
                                                                 : (x != y));
    }
  return EDGERT_OK;
}

edgert_status edgert_logical_not(int32_t n, const bool *in, bool *out) {
  int32_t i;
  if (n < 0)
    return EDGERT_ERR_INVALID;
  for (i = 0; i < n; ++i)
    out[i] = !in[i];
  return EDGERT_OK;
}

edgert_status edgert_select(int32_t elem_size, const int32_t *cond_shape,
                            int32_t cond_rank, const bool *cond,
                            const int32_t *t_shape, int32_t t_rank,
                            const void *on_true, const int32_t *f_shape,
                            int32_t f_rank, const void *on_false,
                            const int32_t *out_shape, int32_t out_rank,
                            void *restrict out) {
  edgert_bcast it;
  edgert_bcast_pos pos;
  const int32_t *shapes[3];
  int32_t ranks[3], row, i, j, o = 0, sc, st_, sf;
  unsigned char *dst = (unsigned char *)out;
  const unsigned char *t = (const unsigned char *)on_true;
  const unsigned char *f = (const unsigned char *)on_false;
  edgert_status st;
  if (!edgert_elem_size_ok(elem_size))
    return EDGERT_ERR_INVALID;
  shapes[0] = cond_shape;
  shapes[1] = t_shape;
  shapes[2] = f_shape;
  ranks[0] = cond_rank;
  ranks[1] = t_rank;
  ranks[2] = f_rank;
  st = edgert_bcast_init(&it, out_shape, out_rank, 3, shapes, ranks);
  if (st != EDGERT_OK)
    return st;
  sc = it.strides[0][it.rank - 1];
  st_ = it.strides[1][it.rank - 1];
  sf = it.strides[2][it.rank - 1];
  edgert_bcast_first(&it, &pos);
  for (row = 0; row < it.rows; ++row, edgert_bcast_next_row(&it, &pos))
    for (i = 0; i < it.inner; ++i, ++o) {
      const unsigned char *src =
          cond[pos.off[0] + i * sc]
              ? t + (size_t)(pos.off[1] + i * st_) * elem_size
              : f + (size_t)(pos.off[2] + i * sf) * elem_size;
      for (j = 0; j < elem_size; ++j)
        dst[(size_t)o * elem_size + j] = src[j];
    }
  return EDGERT_OK;
}
