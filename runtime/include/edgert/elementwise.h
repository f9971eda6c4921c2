/* edgert: elementwise kernels — binary arithmetic with numpy broadcasting
 * (edge.add/sub/mul/div/maximum/minimum/pow/mod), edge.unary,
 * edge.activation, edge.prelu. */
#ifndef EDGERT_ELEMENTWISE_H
#define EDGERT_ELEMENTWISE_H
#include "edgert/common.h"
#ifdef __cplusplus
extern "C" {
#endif

typedef enum edgert_binary_kind {
  EDGERT_BINARY_ADD = 0,
  EDGERT_BINARY_SUB = 1,
  EDGERT_BINARY_MUL = 2,
  EDGERT_BINARY_DIV = 3,
  EDGERT_BINARY_MAX = 4, /* f32: NaN propagates */
  EDGERT_BINARY_MIN = 5,
  EDGERT_BINARY_POW = 6,
  EDGERT_BINARY_MOD = 7 /* remainder with the sign of the divisor (floor mod) */
} edgert_binary_kind;

/** out = act(a <kind> b). a, b broadcast (numpy rules, ranks <= 6, rank 0 =
 *  scalar) to out_shape, which must be the broadcast shape. out may alias a or
 *  b when that operand has out's shape. act may be NULL. */
edgert_status edgert_binary_f32(edgert_binary_kind kind, const edgert_act *act,
                                const int32_t *a_shape, int32_t a_rank,
                                const float *a, const int32_t *b_shape,
                                int32_t b_rank, const float *b,
                                const int32_t *out_shape, int32_t out_rank,
                                float *out);

/** Integer versions. add/sub/mul/pow wrap modulo 2^bits (no UB); div
 *  truncates toward zero; division or mod by zero yields 0 and
 *  MIN / -1 yields MIN; pow with a negative exponent yields 1/a^-b truncated
 *  (0 unless |a| == 1). act may be NULL or a clamping kind (none, relu,
 *  relu6, relu_n1_to_1, clip: the clamp bounds rounded inward); other kinds
 *  return EDGERT_ERR_UNSUPPORTED. */
#define EDGERT_DECLARE_BINARY_INT(T, S)                                        \
  edgert_status edgert_binary_##S(                                             \
      edgert_binary_kind kind, const edgert_act *act, const int32_t *a_shape,  \
      int32_t a_rank, const T *a, const int32_t *b_shape, int32_t b_rank,      \
      const T *b, const int32_t *out_shape, int32_t out_rank, T *out);
EDGERT_DECLARE_BINARY_INT(int8_t, i8)
EDGERT_DECLARE_BINARY_INT(int16_t, i16)
EDGERT_DECLARE_BINARY_INT(int32_t, i32)
EDGERT_DECLARE_BINARY_INT(int64_t, i64)
#undef EDGERT_DECLARE_BINARY_INT

/** Kinds of edge.unary; the values match edgec::edge::UnaryKind. */
typedef enum edgert_unary_kind {
  EDGERT_UNARY_ABS = 0,
  EDGERT_UNARY_NEG = 1,
  EDGERT_UNARY_SIGN = 2,
  EDGERT_UNARY_SQRT = 3,
  EDGERT_UNARY_RSQRT = 4,
  EDGERT_UNARY_RECIPROCAL = 5,
  EDGERT_UNARY_EXP = 6,
  EDGERT_UNARY_LOG = 7,
  EDGERT_UNARY_FLOOR = 8,
  EDGERT_UNARY_CEIL = 9,
  EDGERT_UNARY_ROUND = 10, /* half to even */
  EDGERT_UNARY_ERF = 11,
  EDGERT_UNARY_SIN = 12,
  EDGERT_UNARY_COS = 13,
  EDGERT_UNARY_SOFTPLUS = 14, /* log(1 + exp(x)), overflow-free */
  EDGERT_UNARY_SOFTSIGN = 15, /* x / (1 + |x|) */
  EDGERT_UNARY_GELU = 16,     /* 0.5 x (1 + erf(x / sqrt 2)) */
  EDGERT_UNARY_GELU_TANH = 17 /* tanh approximation */
} edgert_unary_kind;

/** out[i] = kind(in[i]) for i < n. out may equal in. */
edgert_status edgert_unary_f32(edgert_unary_kind kind, int32_t n,
                               const float *in, float *out);
/** Integer edge.unary: abs, neg and sign only (abs/neg of MIN wrap to MIN);
 *  other kinds return EDGERT_ERR_UNSUPPORTED. out may equal in. */
edgert_status edgert_unary_i8(edgert_unary_kind kind, int32_t n,
                              const int8_t *in, int8_t *out);
edgert_status edgert_unary_i16(edgert_unary_kind kind, int32_t n,
                               const int16_t *in, int16_t *out);
edgert_status edgert_unary_i32(edgert_unary_kind kind, int32_t n,
                               const int32_t *in, int32_t *out);
edgert_status edgert_unary_i64(edgert_unary_kind kind, int32_t n,
                               const int64_t *in, int64_t *out);

/** edge.activation: out[i] = act(in[i]) for i < n. out may equal in. */
edgert_status edgert_activation_f32(const edgert_act *act, int32_t n,
                                    const float *in, float *out);

/** edge.prelu: out = in < 0 ? alpha * in : in, alpha broadcasting to the
 *  input's shape (out has the input's shape). out may equal in. */
edgert_status edgert_prelu_f32(const int32_t *in_shape, int32_t in_rank,
                               const float *in, const int32_t *alpha_shape,
                               int32_t alpha_rank, const float *alpha,
                               float *out);

#ifdef __cplusplus
}
#endif
#endif /* EDGERT_ELEMENTWISE_H */
