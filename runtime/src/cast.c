/* edgert: numeric conversions between plain element types. Integers travel
 * as int64 (u8 included), floats as double; narrowing integers wrap,
 * float -> integer truncates and saturates. Values are read and written
 * through typed pointers of the declared element type. */
#include "edgert/cast.h"
#include "internal.h"

int32_t edgert_dtype_size(edgert_dtype t) {
  switch ((int)t) {
  case EDGERT_DTYPE_F32:
  case EDGERT_DTYPE_I32:
    return 4;
  case EDGERT_DTYPE_BOOL:
  case EDGERT_DTYPE_I8:
  case EDGERT_DTYPE_U8:
    return 1;
  case EDGERT_DTYPE_I16:
    return 2;
  case EDGERT_DTYPE_I64:
    return 8;
  default:
    return 0;
  }
}

/* Float -> integer in [lo, hi]: truncate, saturate, NaN -> 0. lo_m1 and hi_p1
 * are lo - 1 and hi + 1 as doubles (exact or rounded outward). */
static int64_t sat_trunc(double f, double lo_m1, double hi_p1, int64_t lo,
                         int64_t hi) {
  if (f != f)
    return 0;
  if (f >= hi_p1)
    return hi;
  if (f <= lo_m1)
    return lo;
  return (int64_t)f;
}

static int64_t float_to_int(double f, int to) {
  switch (to) {
  case EDGERT_DTYPE_I8:
    return sat_trunc(f, -129.0, 128.0, INT8_MIN, INT8_MAX);
  case EDGERT_DTYPE_U8:
    return sat_trunc(f, -1.0, 256.0, 0, UINT8_MAX);
  case EDGERT_DTYPE_I16:
    return sat_trunc(f, -32769.0, 32768.0, INT16_MIN, INT16_MAX);
  case EDGERT_DTYPE_I32:
    return sat_trunc(f, -2147483649.0, 2147483648.0, INT32_MIN, INT32_MAX);
  default: /* i64: 2^63 is exact; -2^63 - 1 rounds to -2^63 (= INT64_MIN) */
    return sat_trunc(f, -9223372036854775808.0, 9223372036854775808.0,
                     INT64_MIN, INT64_MAX);
  }
}

edgert_status edgert_cast(edgert_dtype from, edgert_dtype to, int32_t n,
                          const void *in, void *out) {
  const int f = (int)from, t = (int)to;
  int32_t i;
  if (n < 0 || edgert_dtype_size(from) == 0 || edgert_dtype_size(to) == 0)
    return EDGERT_ERR_INVALID;
  for (i = 0; i < n; ++i) {
    bool is_float = false;
    double fv = 0.0;
    int64_t iv = 0;
    switch (f) {
    case EDGERT_DTYPE_F32:
      fv = ((const float *)in)[i];
      is_float = true;
      break;
    case EDGERT_DTYPE_BOOL:
      iv = ((const bool *)in)[i] ? 1 : 0;
      break;
    case EDGERT_DTYPE_I8:
      iv = ((const int8_t *)in)[i];
      break;
    case EDGERT_DTYPE_U8:
      iv = ((const uint8_t *)in)[i];
      break;
    case EDGERT_DTYPE_I16:
      iv = ((const int16_t *)in)[i];
      break;
    case EDGERT_DTYPE_I32:
      iv = ((const int32_t *)in)[i];
      break;
    default:
      iv = ((const int64_t *)in)[i];
      break;
    }
    if (t == EDGERT_DTYPE_F32) {
      ((float *)out)[i] = is_float ? (float)fv : (float)iv;
      continue;
    }
    if (t == EDGERT_DTYPE_BOOL) {
      ((bool *)out)[i] = is_float ? fv != 0.0 : iv != 0;
      continue;
    }
    if (is_float)
      iv = float_to_int(fv, t);
    switch (t) {
    case EDGERT_DTYPE_I8:
      ((int8_t *)out)[i] = edgert_wrap_i8((uint64_t)iv);
      break;
    case EDGERT_DTYPE_U8:
      ((uint8_t *)out)[i] = (uint8_t)((uint64_t)iv & 0xFFu);
      break;
    case EDGERT_DTYPE_I16:
      ((int16_t *)out)[i] = edgert_wrap_i16((uint64_t)iv);
      break;
    case EDGERT_DTYPE_I32:
      ((int32_t *)out)[i] = edgert_wrap_i32((uint64_t)iv);
      break;
    default:
      ((int64_t *)out)[i] = iv;
      break;
    }
  }
  return EDGERT_OK;
}
