/* edgert: data movement (type-agnostic, elem_size bytes per element) and
 * resize. Elements are copied through unsigned char, so any element type is
 * moved without aliasing assumptions. */
#include "edgert/data.h"
#include "internal.h"

#include <math.h>

typedef unsigned char byte;

static void copy1(byte *restrict d, const byte *restrict s, int32_t esz) {
  int32_t i;
  for (i = 0; i < esz; ++i)
    d[i] = s[i];
}

static void row_strides(const int32_t *shape, int32_t rank, int32_t *str) {
  int32_t d, s = 1;
  for (d = rank - 1; d >= 0; --d) {
    str[d] = s;
    s *= shape[d];
  }
}

/* out (dense, dims[rank]) [i...] = in[off + sum i_d * strides[d]]; strides in
 * elements, possibly negative or zero. */
static void strided_gather(int32_t esz, int32_t rank, const int32_t *dims,
                           const int32_t *strides, int32_t off,
                           const byte *restrict in, byte *restrict out) {
  int32_t idx[EDGERT_MAX_RANK] = {0, 0, 0, 0, 0, 0};
  const int32_t total = edgert_dims_product(dims, 0, rank);
  const int32_t inner = rank > 0 ? dims[rank - 1] : 1;
  const int32_t istr = rank > 0 ? strides[rank - 1] : 0;
  int32_t o = 0, d, i;
  if (total == 0)
    return;
  for (;;) {
    if (istr == 1) {
      edgert_copy_elems(out + (size_t)o * esz, in + (ptrdiff_t)off * esz,
                        inner, esz);
    } else {
      for (i = 0; i < inner; ++i)
        copy1(out + (size_t)(o + i) * esz,
              in + (ptrdiff_t)(off + i * istr) * esz, esz);
    }
    o += inner;
    for (d = rank - 2; d >= 0; --d) {
      if (++idx[d] < dims[d]) {
        off += strides[d];
        break;
      }
      off -= strides[d] * (dims[d] - 1);
      idx[d] = 0;
    }
    if (d < 0)
      return;
  }
}

edgert_status edgert_transpose(int32_t elem_size, const int32_t *in_shape,
                               int32_t rank, const int32_t *perm,
                               const void *restrict in, void *restrict out) {
  int32_t str[EDGERT_MAX_RANK], dims[EDGERT_MAX_RANK], s[EDGERT_MAX_RANK];
  bool seen[EDGERT_MAX_RANK] = {false, false, false, false, false, false};
  int32_t d;
  if (!edgert_elem_size_ok(elem_size) || !edgert_shape_ok(in_shape, rank))
    return EDGERT_ERR_INVALID;
  for (d = 0; d < rank; ++d) {
    if (perm[d] < 0 || perm[d] >= rank || seen[perm[d]])
      return EDGERT_ERR_INVALID;
    seen[perm[d]] = true;
  }
  row_strides(in_shape, rank, str);
  for (d = 0; d < rank; ++d) {
    dims[d] = in_shape[perm[d]];
    s[d] = str[perm[d]];
  }
  strided_gather(elem_size, rank, dims, s, 0, (const byte *)in, (byte *)out);
  return EDGERT_OK;
}

edgert_status edgert_concat(int32_t elem_size, const int32_t *out_shape,
                            int32_t rank, int32_t axis, int32_t ninputs,
                            const int32_t *axis_sizes,
                            const void *const *inputs, void *restrict out) {
  int32_t outer, inner, o, i, total = 0;
  byte *dst = (byte *)out;
  if (!edgert_elem_size_ok(elem_size) || !edgert_shape_ok(out_shape, rank) ||
      axis < 0 || axis >= rank || ninputs < 1)
    return EDGERT_ERR_INVALID;
  for (i = 0; i < ninputs; ++i) {
    if (axis_sizes[i] < 0)
      return EDGERT_ERR_INVALID;
    total += axis_sizes[i];
  }
  if (total != out_shape[axis])
    return EDGERT_ERR_INVALID;
  outer = edgert_dims_product(out_shape, 0, axis);
  inner = edgert_dims_product(out_shape, axis + 1, rank);
  for (o = 0; o < outer; ++o)
    for (i = 0; i < ninputs; ++i) {
      const int32_t run = axis_sizes[i] * inner;
      edgert_copy_elems(dst, (const byte *)inputs[i] + (size_t)o * run * elem_size,
                        run, elem_size);
      dst += (size_t)run * elem_size;
    }
  return EDGERT_OK;
}

edgert_status edgert_split(int32_t elem_size, const int32_t *in_shape,
                           int32_t rank, int32_t axis, int32_t noutputs,
                           const int32_t *axis_sizes, const void *restrict in,
                           void *const *outputs) {
  int32_t outer, inner, o, i, total = 0;
  const byte *src = (const byte *)in;
  if (!edgert_elem_size_ok(elem_size) || !edgert_shape_ok(in_shape, rank) ||
      axis < 0 || axis >= rank || noutputs < 1)
    return EDGERT_ERR_INVALID;
  for (i = 0; i < noutputs; ++i) {
    if (axis_sizes[i] < 0)
      return EDGERT_ERR_INVALID;
    total += axis_sizes[i];
  }
  if (total != in_shape[axis])
    return EDGERT_ERR_INVALID;
  outer = edgert_dims_product(in_shape, 0, axis);
  inner = edgert_dims_product(in_shape, axis + 1, rank);
  for (o = 0; o < outer; ++o)
    for (i = 0; i < noutputs; ++i) {
      const int32_t run = axis_sizes[i] * inner;
      edgert_copy_elems((byte *)outputs[i] + (size_t)o * run * elem_size, src,
                        run, elem_size);
      src += (size_t)run * elem_size;
    }
  return EDGERT_OK;
}

edgert_status edgert_slice(int32_t elem_size, const int32_t *in_shape,
                           int32_t rank, const int32_t *offsets,
                           const int32_t *strides, const int32_t *out_shape,
                           const void *restrict in, void *restrict out) {
  int32_t str[EDGERT_MAX_RANK], s[EDGERT_MAX_RANK], d, off = 0;
  if (!edgert_elem_size_ok(elem_size) || !edgert_shape_ok(in_shape, rank) ||
      !edgert_shape_ok(out_shape, rank))
    return EDGERT_ERR_INVALID;
  row_strides(in_shape, rank, str);
  for (d = 0; d < rank; ++d) {
    if (strides[d] == 0)
      return EDGERT_ERR_INVALID;
    if (out_shape[d] > 0) {
      /* First and last touched index must be in bounds (64-bit: no overflow). */
      const int64_t last =
          (int64_t)offsets[d] + (int64_t)(out_shape[d] - 1) * strides[d];
      if (offsets[d] < 0 || offsets[d] >= in_shape[d] || last < 0 ||
          last >= in_shape[d])
        return EDGERT_ERR_INVALID;
    }
    s[d] = strides[d] * str[d];
    off += offsets[d] * str[d];
  }
  if (edgert_dims_product(out_shape, 0, rank) == 0)
    return EDGERT_OK;
  strided_gather(elem_size, rank, out_shape, s, off, (const byte *)in,
                 (byte *)out);
  return EDGERT_OK;
}

/* Source index of padded position i (in [-before, n + after)), or -1 for the
 * constant fill. */
static int32_t pad_source(int mode, int32_t i, int32_t n) {
  if (i >= 0 && i < n)
    return i;
  switch (mode) {
  case EDGERT_PAD_REFLECT: {
    /* Period 2(n-1): ... 2 1 [0 1 2 ... n-1] n-2 ... */
    const int32_t period = 2 * (n - 1);
    int32_t m;
    if (n == 1)
      return 0;
    m = i % period;
    if (m < 0)
      m += period;
    return m < n ? m : period - m;
  }
  case EDGERT_PAD_EDGE:
    return i < 0 ? 0 : n - 1;
  case EDGERT_PAD_WRAP: {
    int32_t m = i % n;
    return m < 0 ? m + n : m;
  }
  default:
    return -1;
  }
}

edgert_status edgert_pad(int32_t elem_size, edgert_pad_mode mode,
                         const int32_t *in_shape, int32_t rank,
                         const int32_t *before, const int32_t *after,
                         const void *value, const void *restrict in,
                         void *restrict out) {
  int32_t str[EDGERT_MAX_RANK], oshape[EDGERT_MAX_RANK];
  int32_t idx[EDGERT_MAX_RANK] = {0, 0, 0, 0, 0, 0};
  const int m = (int)mode;
  int32_t d, o, total;
  byte *dst = (byte *)out;
  if (!edgert_elem_size_ok(elem_size) || !edgert_shape_ok(in_shape, rank) ||
      m < EDGERT_PAD_CONSTANT || m > EDGERT_PAD_WRAP ||
      (m == EDGERT_PAD_CONSTANT && !value))
    return EDGERT_ERR_INVALID;
  for (d = 0; d < rank; ++d) {
    if (before[d] < 0 || after[d] < 0)
      return EDGERT_ERR_INVALID;
    if (m != EDGERT_PAD_CONSTANT && (before[d] > 0 || after[d] > 0) &&
        in_shape[d] == 0)
      return EDGERT_ERR_INVALID;
    if (m == EDGERT_PAD_REFLECT &&
        (before[d] >= in_shape[d] || after[d] >= in_shape[d]) &&
        (before[d] > 0 || after[d] > 0))
      return EDGERT_ERR_INVALID;
    oshape[d] = before[d] + in_shape[d] + after[d];
  }
  row_strides(in_shape, rank, str);
  total = edgert_dims_product(oshape, 0, rank);
  for (o = 0; o < total; ++o) {
    int32_t off = 0;
    bool fill = false;
    for (d = 0; d < rank; ++d) {
      const int32_t s = pad_source(m, idx[d] - before[d], in_shape[d]);
      if (s < 0) {
        fill = true;
        break;
      }
      off += s * str[d];
    }
    copy1(dst + (size_t)o * elem_size,
          fill ? (const byte *)value
               : (const byte *)in + (size_t)off * elem_size,
          elem_size);
    for (d = rank - 1; d >= 0; --d) {
      if (++idx[d] < oshape[d])
        break;
      idx[d] = 0;
    }
  }
  return EDGERT_OK;
}

edgert_status edgert_tile(int32_t elem_size, const int32_t *in_shape,
                          int32_t rank, const int32_t *multiples,
                          const void *restrict in, void *restrict out) {
  int32_t str[EDGERT_MAX_RANK], oshape[EDGERT_MAX_RANK];
  int32_t idx[EDGERT_MAX_RANK] = {0, 0, 0, 0, 0, 0};
  int32_t d, o, total;
  byte *dst = (byte *)out;
  if (!edgert_elem_size_ok(elem_size) || !edgert_shape_ok(in_shape, rank))
    return EDGERT_ERR_INVALID;
  for (d = 0; d < rank; ++d) {
    if (multiples[d] < 0)
      return EDGERT_ERR_INVALID;
    oshape[d] = in_shape[d] * multiples[d];
  }
  row_strides(in_shape, rank, str);
  total = edgert_dims_product(oshape, 0, rank);
  for (o = 0; o < total; ++o) {
    int32_t off = 0;
    for (d = 0; d < rank; ++d)
      off += (idx[d] % in_shape[d]) * str[d];
    copy1(dst + (size_t)o * elem_size, (const byte *)in + (size_t)off * elem_size,
          elem_size);
    for (d = rank - 1; d >= 0; --d) {
      if (++idx[d] < oshape[d])
        break;
      idx[d] = 0;
    }
  }
  return EDGERT_OK;
}

edgert_status edgert_broadcast_to(int32_t elem_size, const int32_t *in_shape,
                                  int32_t in_rank, const void *restrict in,
                                  const int32_t *out_shape, int32_t out_rank,
                                  void *restrict out) {
  edgert_bcast it;
  edgert_status st;
  if (!edgert_elem_size_ok(elem_size))
    return EDGERT_ERR_INVALID;
  st = edgert_bcast_init(&it, out_shape, out_rank, 1, &in_shape, &in_rank);
  if (st != EDGERT_OK)
    return st;
  if (it.rows == 0)
    return EDGERT_OK;
  strided_gather(elem_size, it.rank, it.dims, it.strides[0], 0,
                 (const byte *)in, (byte *)out);
  return EDGERT_OK;
}

#define EDGERT_DEFINE_GATHER(I, IS)                                            \
  edgert_status edgert_gather_##IS(                                            \
      int32_t elem_size, const int32_t *data_shape, int32_t rank,              \
      int32_t axis, const void *restrict data, int32_t nindices,               \
      const I *indices, void *restrict out) {                                  \
    int32_t outer, len, inner, o, j;                                           \
    byte *dst = (byte *)out;                                                   \
    if (!edgert_elem_size_ok(elem_size) ||                                     \
        !edgert_shape_ok(data_shape, rank) || axis < 0 || axis >= rank ||      \
        nindices < 0)                                                          \
      return EDGERT_ERR_INVALID;                                               \
    outer = edgert_dims_product(data_shape, 0, axis);                          \
    len = data_shape[axis];                                                    \
    inner = edgert_dims_product(data_shape, axis + 1, rank);                   \
    for (j = 0; j < nindices; ++j)                                             \
      if (indices[j] < -(I)len || indices[j] >= (I)len)                        \
        return EDGERT_ERR_INVALID;                                             \
    for (o = 0; o < outer; ++o)                                                \
      for (j = 0; j < nindices; ++j) {                                         \
        const int32_t k =                                                      \
            (int32_t)(indices[j] < 0 ? indices[j] + len : indices[j]);         \
        edgert_copy_elems(dst,                                                 \
                          (const byte *)data +                                 \
                              (size_t)(o * len + k) * inner * elem_size,       \
                          inner, elem_size);                                   \
        dst += (size_t)inner * elem_size;                                      \
      }                                                                        \
    return EDGERT_OK;                                                          \
  }

EDGERT_DEFINE_GATHER(int32_t, i32)
EDGERT_DEFINE_GATHER(int64_t, i64)

edgert_status edgert_depth_to_space(int32_t elem_size, edgert_d2s_mode mode,
                                    const int32_t in_shape[4], int32_t block,
                                    const void *restrict in,
                                    void *restrict out) {
  const int32_t N = in_shape[0], H = in_shape[1], W = in_shape[2],
                IC = in_shape[3];
  int32_t C, n, oh, ow, c;
  const int m = (int)mode;
  byte *dst = (byte *)out;
  if (!edgert_elem_size_ok(elem_size) || !edgert_shape_ok(in_shape, 4) ||
      block <= 0 || IC % (block * block) != 0 ||
      (m != EDGERT_D2S_DCR && m != EDGERT_D2S_CRD))
    return EDGERT_ERR_INVALID;
  C = IC / (block * block);
  for (n = 0; n < N; ++n)
    for (oh = 0; oh < H * block; ++oh)
      for (ow = 0; ow < W * block; ++ow) {
        const int32_t h = oh / block, by = oh % block;
        const int32_t w = ow / block, bx = ow % block;
        const byte *src = (const byte *)in +
                          (size_t)((n * H + h) * W + w) * IC * elem_size;
        for (c = 0; c < C; ++c) {
          const int32_t ic = m == EDGERT_D2S_DCR
                                 ? (by * block + bx) * C + c
                                 : c * block * block + by * block + bx;
          copy1(dst, src + (size_t)ic * elem_size, elem_size);
          dst += elem_size;
        }
      }
  return EDGERT_OK;
}

edgert_status edgert_space_to_depth(int32_t elem_size,
                                    const int32_t in_shape[4], int32_t block,
                                    const void *restrict in,
                                    void *restrict out) {
  const int32_t N = in_shape[0], IH = in_shape[1], IW = in_shape[2],
                C = in_shape[3];
  int32_t H, W, n, h, w, by, bx;
  byte *dst = (byte *)out;
  if (!edgert_elem_size_ok(elem_size) || !edgert_shape_ok(in_shape, 4) ||
      block <= 0 || IH % block != 0 || IW % block != 0)
    return EDGERT_ERR_INVALID;
  H = IH / block;
  W = IW / block;
  for (n = 0; n < N; ++n)
    for (h = 0; h < H; ++h)
      for (w = 0; w < W; ++w)
        for (by = 0; by < block; ++by)
          for (bx = 0; bx < block; ++bx) {
            const byte *src =
                (const byte *)in +
                (size_t)((n * IH + h * block + by) * IW + w * block + bx) * C *
                    elem_size;
            edgert_copy_elems(dst, src, C, elem_size);
            dst += (size_t)C * elem_size;
          }
  return EDGERT_OK;
}

/* Source coordinate of output coordinate x (double, as ONNX's reference). */
static double resize_coord(int mode, int32_t x, int32_t in, int32_t out) {
  const double scale = (double)out / (double)in;
  switch (mode) {
  case EDGERT_COORD_ALIGN_CORNERS:
    return out == 1 ? 0.0 : (double)x * (double)(in - 1) / (double)(out - 1);
  case EDGERT_COORD_HALF_PIXEL:
    return ((double)x + 0.5) / scale - 0.5;
  case EDGERT_COORD_PYTORCH_HALF_PIXEL:
    return out > 1 ? ((double)x + 0.5) / scale - 0.5 : 0.0;
  default: /* EDGERT_COORD_ASYMMETRIC */
    return (double)x / scale;
  }
}

static int32_t nearest_index(int mode, double x, int32_t in) {
  double r;
  int32_t i;
  switch (mode) {
  case EDGERT_NEAREST_ROUND_PREFER_CEIL:
    r = floor(x + 0.5);
    break;
  case EDGERT_NEAREST_FLOOR:
    r = floor(x);
    break;
  case EDGERT_NEAREST_CEIL:
    r = ceil(x);
    break;
  default: /* round_prefer_floor */
    r = ceil(x - 0.5);
    break;
  }
  if (r < 0.0)
    return 0;
  if (r > (double)(in - 1))
    return in - 1;
  i = (int32_t)r;
  return i;
}

static bool resize_args_ok(int coord, const int32_t in_shape[4],
                           const int32_t out_shape[4]) {
  return coord >= EDGERT_COORD_ASYMMETRIC &&
         coord <= EDGERT_COORD_PYTORCH_HALF_PIXEL &&
         edgert_shape_ok(in_shape, 4) && edgert_shape_ok(out_shape, 4) &&
         in_shape[0] == out_shape[0] && in_shape[3] == out_shape[3] &&
         (in_shape[1] > 0 || out_shape[1] == 0) &&
         (in_shape[2] > 0 || out_shape[2] == 0);
}

edgert_status edgert_resize_nearest(int32_t elem_size, edgert_coord_mode coord,
                                    edgert_nearest_mode nearest,
                                    const int32_t in_shape[4],
                                    const void *restrict in,
                                    const int32_t out_shape[4],
                                    void *restrict out) {
  const int32_t N = in_shape[0], H = in_shape[1], W = in_shape[2],
                C = in_shape[3], OH = out_shape[1], OW = out_shape[2];
  int32_t n, oh, ow;
  byte *dst = (byte *)out;
  if (!edgert_elem_size_ok(elem_size) ||
      !resize_args_ok((int)coord, in_shape, out_shape) ||
      (unsigned)nearest > (unsigned)EDGERT_NEAREST_CEIL)
    return EDGERT_ERR_INVALID;
  for (n = 0; n < N; ++n)
    for (oh = 0; oh < OH; ++oh) {
      const int32_t ih =
          nearest_index((int)nearest, resize_coord((int)coord, oh, H, OH), H);
      for (ow = 0; ow < OW; ++ow) {
        const int32_t iw = nearest_index(
            (int)nearest, resize_coord((int)coord, ow, W, OW), W);
        edgert_copy_elems(dst,
                          (const byte *)in +
                              (size_t)((n * H + ih) * W + iw) * C * elem_size,
                          C, elem_size);
        dst += (size_t)C * elem_size;
      }
    }
  return EDGERT_OK;
}

/* Clamped source coordinate -> the two neighbours and the blend weight. */
static void linear_taps(double x, int32_t in, int32_t *i0, int32_t *i1,
                        float *t) {
  int32_t f;
  if (x < 0.0)
    x = 0.0;
  if (x > (double)(in - 1))
    x = (double)(in - 1);
  f = (int32_t)floor(x);
  *i0 = f;
  *i1 = f + 1 < in ? f + 1 : in - 1;
  *t = (float)(x - (double)f);
}

edgert_status edgert_resize_bilinear_f32(edgert_coord_mode coord,
                                         const int32_t in_shape[4],
                                         const float *restrict in,
                                         const int32_t out_shape[4],
                                         float *restrict out) {
  const int32_t N = in_shape[0], H = in_shape[1], W = in_shape[2],
                C = in_shape[3], OH = out_shape[1], OW = out_shape[2];
  int32_t n, oh, ow, c;
  if (!resize_args_ok((int)coord, in_shape, out_shape))
    return EDGERT_ERR_INVALID;
  for (n = 0; n < N; ++n)
    for (oh = 0; oh < OH; ++oh) {
      int32_t h0, h1;
      float ty;
      linear_taps(resize_coord((int)coord, oh, H, OH), H, &h0, &h1, &ty);
      for (ow = 0; ow < OW; ++ow) {
        int32_t w0, w1;
        float tx;
        const float *p00, *p01, *p10, *p11;
        float *y = out + ((n * OH + oh) * OW + ow) * C;
        linear_taps(resize_coord((int)coord, ow, W, OW), W, &w0, &w1, &tx);
        p00 = in + ((n * H + h0) * W + w0) * C;
        p01 = in + ((n * H + h0) * W + w1) * C;
        p10 = in + ((n * H + h1) * W + w0) * C;
        p11 = in + ((n * H + h1) * W + w1) * C;
        for (c = 0; c < C; ++c) {
          const float top = p00[c] + (p01[c] - p00[c]) * tx;
          const float bot = p10[c] + (p11[c] - p10[c]) * tx;
          y[c] = top + (bot - top) * ty;
        }
      }
    }
  return EDGERT_OK;
}

/* Source coordinate of output coordinate x for the general kernel: `scale`
 * is output / input, `outf` the real-valued output size in * scale. */
static double resize_src(int mode, int32_t x, int32_t in, double scale,
                         double outf) {
  switch (mode) {
  case EDGERT_COORD_ALIGN_CORNERS:
    return outf == 1.0 ? 0.0 : (double)x * (double)(in - 1) / (outf - 1.0);
  case EDGERT_COORD_HALF_PIXEL:
    return ((double)x + 0.5) / scale - 0.5;
  case EDGERT_COORD_PYTORCH_HALF_PIXEL:
    return outf > 1.0 ? ((double)x + 0.5) / scale - 0.5 : -0.5;
  default: /* EDGERT_COORD_ASYMMETRIC */
    return (double)x / scale;
  }
}

/* Four bicubic taps of source coordinate x: indices clamped to [0, in-1]
 * and their weights (zeroed outside the input and renormalized with
 * exclude_outside). */
static void cubic_taps(double x, int32_t in, double a, int32_t exclude,
                       int32_t idx[4], float w[4]) {
  double f = floor(x), r = x - f, c[4], sum = 0.0, s;
  int32_t base, k;
  if (r == 0.0) { /* integral: taps x-2 .. x+1, weights 0, 0, 1, 0 */
    r = 1.0;
    f -= 1.0;
  }
  s = r + 1.0;
  c[0] = ((a * s - 5.0 * a) * s + 8.0 * a) * s - 4.0 * a;
  c[1] = ((a + 2.0) * r - (a + 3.0)) * r * r + 1.0;
  s = 1.0 - r;
  c[2] = ((a + 2.0) * s - (a + 3.0)) * s * s + 1.0;
  s = 2.0 - r;
  c[3] = ((a * s - 5.0 * a) * s + 8.0 * a) * s - 4.0 * a;
  /* Coordinates far outside the input only ever reach clamped taps. */
  if (f < -4.0)
    f = -4.0;
  if (f > (double)in + 4.0)
    f = (double)in + 4.0;
  base = (int32_t)f - 1;
  for (k = 0; k < 4; ++k) {
    const int32_t i = base + k;
    if (exclude && (i < 0 || i >= in))
      c[k] = 0.0;
    sum += c[k];
    idx[k] = i < 0 ? 0 : (i >= in ? in - 1 : i);
  }
  for (k = 0; k < 4; ++k)
    w[k] = (float)(exclude ? (sum != 0.0 ? c[k] / sum : 0.0) : c[k]);
}

edgert_status edgert_resize(int32_t elem_size, const edgert_resize_params *p,
                            const int32_t in_shape[4], const void *restrict in,
                            const int32_t out_shape[4], void *restrict out) {
  int32_t N, H, W, C, OH, OW, n, oh, ow, c;
  double sh, sw;
  if (!p || !edgert_elem_size_ok(elem_size) ||
      !resize_args_ok((int)p->coord, in_shape, out_shape) ||
      (unsigned)p->mode > (unsigned)EDGERT_RESIZE_BICUBIC ||
      (p->mode == EDGERT_RESIZE_NEAREST &&
       (unsigned)p->nearest > (unsigned)EDGERT_NEAREST_CEIL) ||
      (p->mode != EDGERT_RESIZE_NEAREST && elem_size != 4) ||
      !(p->scale_h == p->scale_h) || !(p->scale_w == p->scale_w))
    return EDGERT_ERR_INVALID;
  N = in_shape[0];
  H = in_shape[1];
  W = in_shape[2];
  C = in_shape[3];
  OH = out_shape[1];
  OW = out_shape[2];
  if (OH == 0 || OW == 0 || N == 0 || C == 0)
    return EDGERT_OK;
  sh = p->scale_h > 0.0f ? (double)p->scale_h : (double)OH / (double)H;
  sw = p->scale_w > 0.0f ? (double)p->scale_w : (double)OW / (double)W;
  for (n = 0; n < N; ++n)
    for (oh = 0; oh < OH; ++oh) {
      const double y = resize_src((int)p->coord, oh, H, sh, sh * H);
      for (ow = 0; ow < OW; ++ow) {
        const double x = resize_src((int)p->coord, ow, W, sw, sw * W);
        const size_t o = (size_t)((n * OH + oh) * OW + ow) * C;
        if (p->mode == EDGERT_RESIZE_NEAREST) {
          const int32_t ih = nearest_index((int)p->nearest, y, H);
          const int32_t iw = nearest_index((int)p->nearest, x, W);
          edgert_copy_elems((byte *)out + o * elem_size,
                            (const byte *)in +
                                (size_t)((n * H + ih) * W + iw) * C * elem_size,
                            C, elem_size);
        } else if (p->mode == EDGERT_RESIZE_BILINEAR) {
          int32_t h0, h1, w0, w1;
          float ty, tx;
          const float *src = (const float *)in;
          const float *p00, *p01, *p10, *p11;
          float *dst = (float *)out + o;
          linear_taps(y, H, &h0, &h1, &ty);
          linear_taps(x, W, &w0, &w1, &tx);
          p00 = src + ((n * H + h0) * W + w0) * C;
          p01 = src + ((n * H + h0) * W + w1) * C;
          p10 = src + ((n * H + h1) * W + w0) * C;
          p11 = src + ((n * H + h1) * W + w1) * C;
          for (c = 0; c < C; ++c) {
            const float top = p00[c] + (p01[c] - p00[c]) * tx;
            const float bot = p10[c] + (p11[c] - p10[c]) * tx;
            dst[c] = top + (bot - top) * ty;
          }
        } else {
          int32_t hi[4], wi[4], i, j;
          float hw[4], ww[4];
          const float *src = (const float *)in;
          float *dst = (float *)out + o;
          cubic_taps(y, H, (double)p->cubic_a, p->exclude_outside, hi, hw);
          cubic_taps(x, W, (double)p->cubic_a, p->exclude_outside, wi, ww);
          for (c = 0; c < C; ++c) {
            float acc = 0.0f;
            for (i = 0; i < 4; ++i) {
              float row = 0.0f;
              const float *line = src + (size_t)(n * H + hi[i]) * W * C + c;
              for (j = 0; j < 4; ++j)
                row += ww[j] * line[(size_t)wi[j] * C];
              acc += hw[i] * row;
            }
            dst[c] = acc;
          }
        }
      }
    }
  return EDGERT_OK;
}
