/* edgert: quantized add / sub / mul with numpy broadcasting (TFLite's
 * integer schemes; see edgert/quant.h). int8 and int16 share one body. */
#include "edgert/quant.h"
#include "qinternal.h"

void edgert_qadd_params_init(float in1_scale, int32_t in1_zp, float in2_scale,
                             int32_t in2_zp, float out_scale, int32_t out_zp,
                             int32_t left_shift, int32_t act_min,
                             int32_t act_max, edgert_qadd_params *p) {
  const double s1 = in1_scale, s2 = in2_scale, so = out_scale;
  const double twice_max = 2.0 * (s1 > s2 ? s1 : s2);
  p->left_shift = left_shift;
  p->in1_zp = in1_zp;
  p->in2_zp = in2_zp;
  p->out_zp = out_zp;
  p->act_min = act_min;
  p->act_max = act_max;
  edgert_quantize_multiplier(s1 / twice_max, &p->in1_multiplier,
                             &p->in1_shift);
  edgert_quantize_multiplier(s2 / twice_max, &p->in2_multiplier,
                             &p->in2_shift);
  edgert_quantize_multiplier(
      twice_max / ((double)((int64_t)1 << left_shift) * so),
      &p->out_multiplier, &p->out_shift);
}

static edgert_status qbinary_setup(edgert_bcast *it, const int32_t *a_shape,
                                   int32_t a_rank, const int32_t *b_shape,
                                   int32_t b_rank, const int32_t *out_shape,
                                   int32_t out_rank) {
  const int32_t *shapes[2];
  int32_t ranks[2];
  shapes[0] = a_shape;
  shapes[1] = b_shape;
  ranks[0] = a_rank;
  ranks[1] = b_rank;
  return edgert_bcast_init(it, out_shape, out_rank, 2, shapes, ranks);
}

/* mode 0: add; 1: subtract the scaled second input (TFLite int8 sub);
 * 2: add with the second multiplier negated (TFLite int16 sub, which reuses
 * its add kernel -- identical except on rounding ties). */
static int32_t qadd_one(const edgert_qadd_params *p, int32_t a, int32_t b,
                        int mode) {
  const bool sub = mode == 1;
  const int32_t m2 = mode == 2 ? -p->in2_multiplier : p->in2_multiplier;
  const int32_t sa = edgert_mul_by_quantized_multiplier(
      edgert_wrap_i32((uint64_t)(uint32_t)(a - p->in1_zp) << p->left_shift),
      p->in1_multiplier, p->in1_shift);
  const int32_t sb = edgert_mul_by_quantized_multiplier(
      edgert_wrap_i32((uint64_t)(uint32_t)(b - p->in2_zp) << p->left_shift),
      m2, p->in2_shift);
  const int32_t raw = edgert_wrap_i32(sub ? (uint64_t)((uint32_t)sa - (uint32_t)sb)
                                          : (uint64_t)((uint32_t)sa + (uint32_t)sb));
  const int32_t v =
      edgert_mul_by_quantized_multiplier(raw, p->out_multiplier, p->out_shift);
  return edgert_clamp64((int64_t)v + p->out_zp, p->act_min, p->act_max);
}

static int32_t qmul_one(const edgert_qmul_params *p, int32_t a, int32_t b) {
  /* |a - zp| <= 2^16 for int16 storage: the product fits in 33 bits, so it
   * is formed in 64 bits and wrapped (TFLite's int32 product). */
  const int32_t prod =
      edgert_wrap_i32((uint64_t)((int64_t)(a - p->in1_zp) * (b - p->in2_zp)));
  const int32_t v =
      edgert_mul_by_quantized_multiplier(prod, p->multiplier, p->shift);
  return edgert_clamp64((int64_t)v + p->out_zp, p->act_min, p->act_max);
}

/* Loops over the broadcast iteration space writing out[io] = EXPR(a[ia],
 * b[ib]). */
#define EDGERT_QBINARY_BODY(T, EXPR)                                           \
  edgert_bcast it;                                                             \
  edgert_bcast_pos pos;                                                        \
  int32_t row, i, io = 0, sa, sb;                                              \
  edgert_status st;                                                            \
  if (!p || p->act_min > p->act_max)                                           \
    return EDGERT_ERR_INVALID;                                                 \
  st = qbinary_setup(&it, a_shape, a_rank, b_shape, b_rank, out_shape,         \
                     out_rank);                                                \
  if (st != EDGERT_OK)                                                         \
    return st;                                                                 \
  sa = it.strides[0][it.rank - 1];                                             \
  sb = it.strides[1][it.rank - 1];                                             \
  edgert_bcast_first(&it, &pos);                                               \
  for (row = 0; row < it.rows; ++row, edgert_bcast_next_row(&it, &pos))        \
    for (i = 0; i < it.inner; ++i, ++io) {                                     \
      const int32_t av = a[pos.off[0] + i * sa];                               \
      const int32_t bv = b[pos.off[1] + i * sb];                               \
      out[io] = (T)(EXPR);                                                     \
    }                                                                          \
  return EDGERT_OK;

#define EDGERT_DEFINE_QADD(NAME, T, SUB)                                       \
  edgert_status NAME(const edgert_qadd_params *p, const int32_t *a_shape,      \
                     int32_t a_rank, const T *a, const int32_t *b_shape,       \
                     int32_t b_rank, const T *b, const int32_t *out_shape,     \
                     int32_t out_rank, T *out) {                               \
    if (p && (p->left_shift < 0 || p->left_shift > 31))                        \
      return EDGERT_ERR_INVALID;                                               \
    {                                                                          \
      EDGERT_QBINARY_BODY(T, qadd_one(p, av, bv, SUB))                         \
    }                                                                          \
  }

#define EDGERT_DEFINE_QMUL(NAME, T)                                            \
  edgert_status NAME(const edgert_qmul_params *p, const int32_t *a_shape,      \
                     int32_t a_rank, const T *a, const int32_t *b_shape,       \
                     int32_t b_rank, const T *b, const int32_t *out_shape,     \
                     int32_t out_rank, T *out) {                               \
    EDGERT_QBINARY_BODY(T, qmul_one(p, av, bv))                                \
  }

EDGERT_DEFINE_QADD(edgert_add_q8, int8_t, 0)
EDGERT_DEFINE_QADD(edgert_sub_q8, int8_t, 1)
EDGERT_DEFINE_QADD(edgert_add_q16, int16_t, 0)
EDGERT_DEFINE_QADD(edgert_sub_q16, int16_t, 2)
EDGERT_DEFINE_QMUL(edgert_mul_q8, int8_t)
EDGERT_DEFINE_QMUL(edgert_mul_q16, int16_t)
