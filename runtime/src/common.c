/* edgert: activations and shared helpers (shapes, broadcasting, wrapping). */
#include "internal.h"

#include <math.h>

float edgert_act_apply_f32(const edgert_act *act, float x) {
  if (!act)
    return x;
  switch ((int)act->kind) {
  case EDGERT_ACT_RELU:
    return x > 0.0f ? x : 0.0f;
  case EDGERT_ACT_RELU6:
    return x < 0.0f ? 0.0f : (x > 6.0f ? 6.0f : x);
  case EDGERT_ACT_RELU_N1_TO_1:
    return x < -1.0f ? -1.0f : (x > 1.0f ? 1.0f : x);
  case EDGERT_ACT_CLIP:
    return x < act->min ? act->min : (x > act->max ? act->max : x);
  case EDGERT_ACT_LEAKY_RELU:
    return x < 0.0f ? act->alpha * x : x;
  case EDGERT_ACT_HARD_SWISH: {
    float r = x + 3.0f;
    r = r < 0.0f ? 0.0f : (r > 6.0f ? 6.0f : r);
    return x * r / 6.0f;
  }
  case EDGERT_ACT_SIGMOID:
    if (x >= 0.0f)
      return 1.0f / (1.0f + expf(-x));
    else {
      float e = expf(x);
      return e / (1.0f + e);
    }
  case EDGERT_ACT_TANH:
    return tanhf(x);
  default:
    return x;
  }
}

bool edgert_act_clamp_bounds(const edgert_act *act, double *lo, double *hi) {
  *lo = -INFINITY;
  *hi = INFINITY;
  if (!act)
    return true;
  switch ((int)act->kind) {
  case EDGERT_ACT_NONE:
    return true;
  case EDGERT_ACT_RELU:
    *lo = 0.0;
    return true;
  case EDGERT_ACT_RELU6:
    *lo = 0.0;
    *hi = 6.0;
    return true;
  case EDGERT_ACT_RELU_N1_TO_1:
    *lo = -1.0;
    *hi = 1.0;
    return true;
  case EDGERT_ACT_CLIP:
    *lo = act->min;
    *hi = act->max;
    return true;
  default:
    return false;
  }
}

bool edgert_shape_ok(const int32_t *shape, int32_t rank) {
  int32_t i;
  if (rank < 0 || rank > EDGERT_MAX_RANK || (rank > 0 && !shape))
    return false;
  for (i = 0; i < rank; ++i)
    if (shape[i] < 0)
      return false;
  return true;
}

int32_t edgert_dims_product(const int32_t *shape, int32_t from, int32_t to) {
  int32_t n = 1, i;
  for (i = from; i < to; ++i)
    n *= shape[i];
  return n;
}

int32_t edgert_numel(const int32_t *shape, int32_t rank) {
  if (!edgert_shape_ok(shape, rank))
    return -1;
  return edgert_dims_product(shape, 0, rank);
}

bool edgert_elem_size_ok(int32_t elem_size) {
  return elem_size == 1 || elem_size == 2 || elem_size == 4 || elem_size == 8;
}

void edgert_copy_elems(void *dst, const void *src, int32_t n,
                       int32_t elem_size) {
  unsigned char *d = (unsigned char *)dst;
  const unsigned char *s = (const unsigned char *)src;
  int32_t bytes = n * elem_size, i;
  for (i = 0; i < bytes; ++i)
    d[i] = s[i];
}

edgert_status edgert_bcast_init(edgert_bcast *it, const int32_t *out_shape,
                                int32_t out_rank, int32_t nops,
                                const int32_t *const *shapes,
                                const int32_t *ranks) {
  int32_t full[EDGERT_BCAST_MAX_OPS][EDGERT_MAX_RANK];
  int32_t k, d, r = 0;
  if (!edgert_shape_ok(out_shape, out_rank) || nops < 1 ||
      nops > EDGERT_BCAST_MAX_OPS)
    return EDGERT_ERR_INVALID;
  /* Element strides of each operand aligned to the output's dimensions. */
  for (k = 0; k < nops; ++k) {
    int32_t rank = ranks[k], stride = 1, lead;
    if (!edgert_shape_ok(shapes[k], rank) || rank > out_rank)
      return EDGERT_ERR_INVALID;
    lead = out_rank - rank;
    for (d = out_rank - 1; d >= 0; --d) {
      int32_t dim = d >= lead ? shapes[k][d - lead] : 1;
      if (dim != out_shape[d] && dim != 1)
        return EDGERT_ERR_INVALID;
      full[k][d] = dim == 1 ? 0 : stride;
      stride *= dim;
    }
  }
  it->nops = nops;
  /* Drop size-1 dimensions and merge contiguous neighbours. */
  for (d = 0; d < out_rank; ++d) {
    int32_t dim = out_shape[d];
    bool merge = r > 0;
    if (dim == 1)
      continue;
    for (k = 0; k < nops && merge; ++k)
      merge = it->strides[k][r - 1] == full[k][d] * dim;
    if (merge) {
      it->dims[r - 1] *= dim;
      for (k = 0; k < nops; ++k)
        it->strides[k][r - 1] = full[k][d];
    } else {
      it->dims[r] = dim;
      for (k = 0; k < nops; ++k)
        it->strides[k][r] = full[k][d];
      ++r;
    }
  }
  if (r == 0) {
    it->dims[0] = 1;
    for (k = 0; k < nops; ++k)
      it->strides[k][0] = 0;
    r = 1;
  }
  it->rank = r;
  it->inner = it->dims[r - 1];
  it->rows = edgert_dims_product(it->dims, 0, r - 1);
  if (edgert_dims_product(out_shape, 0, out_rank) == 0)
    it->rows = 0;
  return EDGERT_OK;
}

void edgert_bcast_first(const edgert_bcast *it, edgert_bcast_pos *pos) {
  int32_t i;
  for (i = 0; i < EDGERT_MAX_RANK; ++i)
    pos->idx[i] = 0;
  for (i = 0; i < EDGERT_BCAST_MAX_OPS; ++i)
    pos->off[i] = 0;
  (void)it;
}

void edgert_bcast_next_row(const edgert_bcast *it, edgert_bcast_pos *pos) {
  int32_t d, k;
  for (d = it->rank - 2; d >= 0; --d) {
    if (++pos->idx[d] < it->dims[d]) {
      for (k = 0; k < it->nops; ++k)
        pos->off[k] += it->strides[k][d];
      return;
    }
    pos->idx[d] = 0;
    for (k = 0; k < it->nops; ++k)
      pos->off[k] -= it->strides[k][d] * (it->dims[d] - 1);
  }
}

/* Two's-complement wrapping without implementation-defined conversions. */
int8_t edgert_wrap_i8(uint64_t v) {
  uint32_t u = (uint32_t)(v & 0xFFu);
  return u >= 0x80u ? (int8_t)((int32_t)u - 256) : (int8_t)u;
}
int16_t edgert_wrap_i16(uint64_t v) {
  uint32_t u = (uint32_t)(v & 0xFFFFu);
  return u >= 0x8000u ? (int16_t)((int32_t)u - 65536) : (int16_t)u;
}
int32_t edgert_wrap_i32(uint64_t v) {
  uint32_t u = (uint32_t)(v & 0xFFFFFFFFu);
  return u >= 0x80000000u ? (int32_t)(u - 0x80000000u) - INT32_MAX - 1
                          : (int32_t)u;
}
int64_t edgert_wrap_i64(uint64_t v) {
  return v >= UINT64_C(0x8000000000000000)
             ? (int64_t)(v - UINT64_C(0x8000000000000000)) - INT64_MAX - 1
             : (int64_t)v;
}
