/* edgert: data movement. All kernels here except bilinear/bicubic resize are
 * type-agnostic: `elem_size` is the element size in bytes (1, 2, 4 or 8), and
 * in/out are untyped. Inputs and outputs must not overlap. */
#ifndef EDGERT_DATA_H
#define EDGERT_DATA_H
#include "edgert/common.h"
#ifdef __cplusplus
extern "C" {
#endif

/** edge.transpose: out.shape[i] = in.shape[perm[i]]. */
edgert_status edgert_transpose(int32_t elem_size, const int32_t *in_shape,
                               int32_t rank, const int32_t *perm,
                               const void *EDGERT_RESTRICT in,
                               void *EDGERT_RESTRICT out);

/** edge.concat: `ninputs` tensors of out_shape except along `axis`, where
 *  input i has size axis_sizes[i] (summing to out_shape[axis]). */
edgert_status edgert_concat(int32_t elem_size, const int32_t *out_shape,
                            int32_t rank, int32_t axis, int32_t ninputs,
                            const int32_t *axis_sizes,
                            const void *const *inputs,
                            void *EDGERT_RESTRICT out);

/** edge.split: the inverse of concat; output i has size axis_sizes[i] along
 *  `axis`. */
edgert_status edgert_split(int32_t elem_size, const int32_t *in_shape,
                           int32_t rank, int32_t axis, int32_t noutputs,
                           const int32_t *axis_sizes,
                           const void *EDGERT_RESTRICT in, void *const *outputs);

/** edge.slice: out[i...] = in[offsets + i * strides] for i < out_shape.
 *  Strides are non-zero and may be negative; every touched index must be in
 *  bounds (checked: EDGERT_ERR_INVALID otherwise). */
edgert_status edgert_slice(int32_t elem_size, const int32_t *in_shape,
                           int32_t rank, const int32_t *offsets,
                           const int32_t *strides, const int32_t *out_shape,
                           const void *EDGERT_RESTRICT in,
                           void *EDGERT_RESTRICT out);

/** Values match edgec::edge::PadMode. */
typedef enum edgert_pad_mode {
  EDGERT_PAD_CONSTANT = 0, /* *value (one element of elem_size bytes) */
  EDGERT_PAD_REFLECT = 1,  /* mirror without the border; pads < size */
  EDGERT_PAD_EDGE = 2,     /* repeat the border element */
  EDGERT_PAD_WRAP = 3      /* periodic */
} edgert_pad_mode;

/** edge.pad: out.shape[d] = before[d] + in.shape[d] + after[d]. */
edgert_status edgert_pad(int32_t elem_size, edgert_pad_mode mode,
                         const int32_t *in_shape, int32_t rank,
                         const int32_t *before, const int32_t *after,
                         const void *value, const void *EDGERT_RESTRICT in,
                         void *EDGERT_RESTRICT out);

/** edge.tile: out.shape[d] = in.shape[d] * multiples[d]. */
edgert_status edgert_tile(int32_t elem_size, const int32_t *in_shape,
                          int32_t rank, const int32_t *multiples,
                          const void *EDGERT_RESTRICT in,
                          void *EDGERT_RESTRICT out);

/** edge.broadcast_to (numpy rules, out_rank >= in_rank). */
edgert_status edgert_broadcast_to(int32_t elem_size, const int32_t *in_shape,
                                  int32_t in_rank,
                                  const void *EDGERT_RESTRICT in,
                                  const int32_t *out_shape, int32_t out_rank,
                                  void *EDGERT_RESTRICT out);

/** edge.gather along `axis` with `nindices` indices (any index shape,
 *  flattened): out = data.shape[:axis] + indices.shape + data.shape[axis+1:].
 *  Negative indices count from the end; an index outside [-D, D) returns
 *  EDGERT_ERR_INVALID. */
edgert_status edgert_gather_i32(int32_t elem_size, const int32_t *data_shape,
                                int32_t rank, int32_t axis,
                                const void *EDGERT_RESTRICT data,
                                int32_t nindices, const int32_t *indices,
                                void *EDGERT_RESTRICT out);
edgert_status edgert_gather_i64(int32_t elem_size, const int32_t *data_shape,
                                int32_t rank, int32_t axis,
                                const void *EDGERT_RESTRICT data,
                                int32_t nindices, const int64_t *indices,
                                void *EDGERT_RESTRICT out);

/** Values match edgec::edge::DepthToSpaceMode. */
typedef enum edgert_d2s_mode {
  EDGERT_D2S_DCR = 0, /* out (h*b+by, w*b+bx, c) = in (h, w, (by*b+bx)*C + c) */
  EDGERT_D2S_CRD = 1  /* out (h*b+by, w*b+bx, c) = in (h, w, c*b*b + by*b + bx) */
} edgert_d2s_mode;

/** edge.depth_to_space: [N,H,W,C*b*b] -> [N,H*b,W*b,C]. */
edgert_status edgert_depth_to_space(int32_t elem_size, edgert_d2s_mode mode,
                                    const int32_t in_shape[4], int32_t block,
                                    const void *EDGERT_RESTRICT in,
                                    void *EDGERT_RESTRICT out);
/** edge.space_to_depth: [N,H*b,W*b,C] -> [N,H,W,C*b*b], output channel
 *  (by*b+bx)*C + c holds input (h*b+by, w*b+bx, c). in_shape is the input's. */
edgert_status edgert_space_to_depth(int32_t elem_size,
                                    const int32_t in_shape[4], int32_t block,
                                    const void *EDGERT_RESTRICT in,
                                    void *EDGERT_RESTRICT out);

/** Values match edgec::edge::CoordinateMode. With scale = out / in:
 *  asymmetric x_in = x / scale; align_corners x_in = x * (in-1) / (out-1)
 *  (0 if out == 1); half_pixel x_in = (x + 0.5) / scale - 0.5;
 *  pytorch_half_pixel as half_pixel but 0 if out == 1. Coordinates are
 *  computed in double, as ONNX's reference does. */
typedef enum edgert_coord_mode {
  EDGERT_COORD_ASYMMETRIC = 0,
  EDGERT_COORD_ALIGN_CORNERS = 1,
  EDGERT_COORD_HALF_PIXEL = 2,
  EDGERT_COORD_PYTORCH_HALF_PIXEL = 3
} edgert_coord_mode;

/** Values match edgec::edge::NearestMode. */
typedef enum edgert_nearest_mode {
  EDGERT_NEAREST_ROUND_PREFER_FLOOR = 0,
  EDGERT_NEAREST_ROUND_PREFER_CEIL = 1,
  EDGERT_NEAREST_FLOOR = 2,
  EDGERT_NEAREST_CEIL = 3
} edgert_nearest_mode;

/** edge.resize nearest: [N,H,W,C] -> [N,OH,OW,C]; the rounded source
 *  coordinate is clamped to [0, in-1]. */
edgert_status edgert_resize_nearest(int32_t elem_size, edgert_coord_mode coord,
                                    edgert_nearest_mode nearest,
                                    const int32_t in_shape[4],
                                    const void *EDGERT_RESTRICT in,
                                    const int32_t out_shape[4],
                                    void *EDGERT_RESTRICT out);
/** edge.resize bilinear, f32: the source coordinate is clamped to [0, in-1]
 *  and the two neighbours floor(x), min(floor(x)+1, in-1) are blended. */
edgert_status edgert_resize_bilinear_f32(edgert_coord_mode coord,
                                         const int32_t in_shape[4],
                                         const float *EDGERT_RESTRICT in,
                                         const int32_t out_shape[4],
                                         float *EDGERT_RESTRICT out);

/** Values match edgec::edge::ResizeMode. */
typedef enum edgert_resize_mode {
  EDGERT_RESIZE_NEAREST = 0,
  EDGERT_RESIZE_BILINEAR = 1,
  EDGERT_RESIZE_BICUBIC = 2
} edgert_resize_mode;

/** Parameters of the general edge.resize kernel. */
typedef struct edgert_resize_params {
  edgert_resize_mode mode;
  edgert_coord_mode coord;
  edgert_nearest_mode nearest; /* nearest only */
  /* Coordinate scales (output / input) of H and W; <= 0 means OH / H and
   * OW / W. ONNX Resize given `scales` maps coordinates with them even when
   * the output size floor(in * scale) makes out / in differ. */
  float scale_h, scale_w;
  float cubic_a;           /* bicubic: the kernel's A (ONNX default -0.75) */
  int32_t exclude_outside; /* bicubic: taps outside the input weigh 0 and
                              the others are renormalized */
} edgert_resize_params;

/** edge.resize, any mode: [N,H,W,C] -> [N,OH,OW,C]. Nearest copies elements
 *  of any `elem_size`; bilinear and bicubic are f32 (elem_size 4). Source
 *  coordinates follow ONNX Resize: with scale s and `out' = s * in` (the
 *  real-valued output size), asymmetric x / s, half_pixel (x + 0.5) / s -
 *  0.5, pytorch_half_pixel the same or -0.5 when out' is 1, align_corners
 *  x * (in - 1) / (out' - 1) (0 when out' is 1). Bilinear clamps the
 *  coordinate to [0, in-1]; bicubic takes the four taps floor(x)-1 ..
 *  floor(x)+2 (x-2 .. x+1 for integral x) with the cubic convolution
 *  weights of A, reading clamped (edge-replicated) positions. */
edgert_status edgert_resize(int32_t elem_size, const edgert_resize_params *p,
                            const int32_t in_shape[4],
                            const void *EDGERT_RESTRICT in,
                            const int32_t out_shape[4],
                            void *EDGERT_RESTRICT out);

#ifdef __cplusplus
}
#endif
#endif /* EDGERT_DATA_H */
