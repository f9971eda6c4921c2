/* edgert — edgec's freestanding C99 runtime: every kernel family.
 * See common.h for the conventions and docs/runtime.md for the overview. */
#ifndef EDGERT_EDGERT_H
#define EDGERT_EDGERT_H
#include "edgert/common.h"
#include "edgert/blob.h"
#include "edgert/cast.h"
#include "edgert/compare.h"
#include "edgert/conv.h"
#include "edgert/data.h"
#include "edgert/elementwise.h"
#include "edgert/fully_connected.h"
#include "edgert/normalization.h"
#include "edgert/pooling.h"
#include "edgert/quant.h"
#include "edgert/reduce.h"
#include "edgert/softmax.h"
#include "edgert/topk.h"
#endif /* EDGERT_EDGERT_H */
