/* edgert — edgec's freestanding C99 runtime: common types.
 *
 * Conventions shared by every kernel (see docs/runtime.md):
 *  - Every kernel returns edgert_status; EDGERT_OK on success. Arguments are
 *    validated only where it is cheap (ranks, divisibility, index ranges);
 *    buffer sizes are the caller's responsibility.
 *  - Shapes are `const int32_t *shape` + `int32_t rank` (rank <= EDGERT_MAX_RANK,
 *    rank 0 = scalar), or fixed `const int32_t shape[4]` for NHWC window ops.
 *    Tensors are dense, row-major (last dimension contiguous). Element counts
 *    and offsets must fit in int32_t.
 *  - Activations are NHWC, conv filters OHWI, depthwise filters 1HW(C*M),
 *    fully-connected weights [N, K], exactly as in the `edge` dialect.
 *  - Element types: f32 = float, i1 = bool (one byte, 0/1), i8/i16/i32/i64 =
 *    int8_t..int64_t. Data-movement kernels are type-agnostic and take an
 *    element size in bytes (1, 2, 4 or 8).
 *  - No allocation, no mutable globals. Kernels needing scratch memory take it
 *    as a parameter and have a matching *_scratch_size() function.
 *  - Pointers marked `restrict` must not alias; elementwise kernels (no
 *    restrict) allow the output to alias an input of the output's shape.
 */
#ifndef EDGERT_COMMON_H
#define EDGERT_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define EDGERT_RESTRICT __restrict
extern "C" {
#else
#define EDGERT_RESTRICT restrict
#endif

/** Largest tensor rank the runtime accepts. */
#define EDGERT_MAX_RANK 6

typedef enum edgert_status {
  EDGERT_OK = 0,
  /** An argument breaks a documented precondition (bad rank, shape mismatch,
   *  index out of range, ...). Nothing or part of the output was written. */
  EDGERT_ERR_INVALID = 1,
  /** A valid combination that this kernel does not implement. */
  EDGERT_ERR_UNSUPPORTED = 2,
  /** A model compiled with `--weights separate` was run before a weights
   *  blob was bound (`<name>_bind_weights`, docs/ota.md). */
  EDGERT_ERR_NO_WEIGHTS = 3
} edgert_status;

/** Activation kinds; the values match edgec::edge::ActivationKind
 *  (`#edge.act<kind>`). */
typedef enum edgert_act_kind {
  EDGERT_ACT_NONE = 0,
  EDGERT_ACT_RELU = 1,         /* max(x, 0) */
  EDGERT_ACT_RELU6 = 2,        /* min(max(x, 0), 6) */
  EDGERT_ACT_RELU_N1_TO_1 = 3, /* min(max(x, -1), 1) */
  EDGERT_ACT_CLIP = 4,         /* min(max(x, min), max) */
  EDGERT_ACT_LEAKY_RELU = 5,   /* x < 0 ? alpha * x : x */
  EDGERT_ACT_HARD_SWISH = 6,   /* x * relu6(x + 3) / 6 */
  EDGERT_ACT_SIGMOID = 7,      /* 1 / (1 + exp(-x)) */
  EDGERT_ACT_TANH = 8          /* tanh(x) */
} edgert_act_kind;

/** A fused activation: `kind` plus the parameters of clip (min, max) and
 *  leaky_relu (alpha); other kinds ignore them. Passing a NULL
 *  `const edgert_act *` to a kernel means EDGERT_ACT_NONE. */
typedef struct edgert_act {
  edgert_act_kind kind;
  float min;
  float max;
  float alpha;
} edgert_act;

/** Applies `act` (NULL = none) to one value. */
float edgert_act_apply_f32(const edgert_act *act, float x);

/** Element sizes of the edge element types, for the type-agnostic kernels. */
#define EDGERT_SIZEOF_F32 4
#define EDGERT_SIZEOF_BOOL 1

#ifdef __cplusplus
}
#endif
#endif /* EDGERT_COMMON_H */
