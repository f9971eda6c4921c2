/* edgert internals of the quantized kernels (not installed). Small static
 * inline helpers so every q_*.c file shares one definition of the output
 * stage. */
#ifndef EDGERT_QINTERNAL_H
#define EDGERT_QINTERNAL_H
#include "edgert/quant.h"
#include "internal.h"

/* Arithmetic shift right (floor division by 2^s), s in [0, 31] / [0, 63],
 * without relying on the implementation-defined >> of negative values. */
static inline int32_t edgert_asr32(int32_t x, int32_t s) {
  return x >= 0 ? (x >> s) : ~((~x) >> s);
}
static inline int64_t edgert_asr64(int64_t x, int32_t s) {
  return x >= 0 ? (x >> s) : ~((~x) >> s);
}

static inline int32_t edgert_clamp32(int32_t v, int32_t lo, int32_t hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}
/* Clamps a value computed in 64 bits (no int32 overflow on + zero point). */
static inline int32_t edgert_clamp64(int64_t v, int32_t lo, int32_t hi) {
  return v < lo ? lo : (v > hi ? hi : (int32_t)v);
}

/* out_zp + mbqm(x - in_zp), clamped to [lo, hi]. */
static inline int32_t edgert_rescale_apply(const edgert_rescale *r, int32_t x,
                                           int32_t lo, int32_t hi) {
  const int32_t v = edgert_mul_by_quantized_multiplier(x - r->in_zp,
                                                       r->multiplier, r->shift);
  return edgert_clamp64((int64_t)v + r->out_zp, lo, hi);
}

/* The output stage of the weighted ops for channel o. */
static inline int32_t edgert_qparams_out32(const edgert_qparams *q, int32_t o,
                                           int32_t acc) {
  const int32_t c = q->n_channels > 1 ? o : 0;
  const int32_t v =
      edgert_mul_by_quantized_multiplier(acc, q->multiplier[c], q->shift[c]);
  return edgert_clamp64((int64_t)v + q->output_zp, q->act_min, q->act_max);
}
static inline int32_t edgert_qparams_out64(const edgert_qparams *q, int32_t o,
                                           int64_t acc) {
  const int32_t c = q->n_channels > 1 ? o : 0;
  const int32_t v = edgert_mul_by_quantized_multiplier_i64(
      acc, q->multiplier[c], q->shift[c]);
  return edgert_clamp64((int64_t)v + q->output_zp, q->act_min, q->act_max);
}

/* Cheap validation of edgert_qparams against `channels` output channels and
 * the storage range [lo, hi]. */
static inline bool edgert_qparams_ok(const edgert_qparams *q, int32_t channels,
                                     int32_t lo, int32_t hi) {
  return q && q->multiplier && q->shift &&
         (q->n_channels == 1 || q->n_channels == channels) &&
         q->act_min >= lo && q->act_max <= hi && q->act_min <= q->act_max;
}

#endif /* EDGERT_QINTERNAL_H */
