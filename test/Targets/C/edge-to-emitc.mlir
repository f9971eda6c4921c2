// RUN: edgec-opt %s --edge-to-emitc="name=net" | FileCheck %s --check-prefix=IR --implicit-check-not=func.func
// RUN: edgec-opt %s --edge-to-emitc="name=net" | mlir-translate --mlir-to-cpp --file-id=header | FileCheck %s --check-prefix=H
// RUN: edgec-opt %s --edge-to-emitc="name=net" | mlir-translate --mlir-to-cpp --file-id=source | FileCheck %s --check-prefix=C
// RUN: edgec-opt %s --edge-to-emitc="name=net weights-threshold=0" | FileCheck %s --check-prefix=BLOB
// RUN: edgec-opt %s --edge-to-emitc="name=net weights-threshold=0" | mlir-translate --mlir-to-cpp --file-id=source | FileCheck %s --check-prefix=BLOBC

// A planned conv -> pool -> reshape -> fc -> add(relu) -> softmax chain, as
// edge-plan-memory leaves it (offsets and arena size by hand).
func.func @main(%x: tensor<1x4x4x1xf32>) -> tensor<1x2xf32>
    attributes {edge.arena_size = 128 : i64, edge.arena_lower_bound = 96 : i64} {
  %w = edge.constant dense<[[[[1.0], [0.5]], [[-1.0], [2.0]]], [[[0.25], [0.0]], [[1.5], [-0.5]]]]> : tensor<2x2x2x1xf32>
  %b = edge.constant dense<[0.1, -0.1]> : tensor<2xf32>
  %fw = edge.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]]> : tensor<2x8xf32>
  %k = edge.constant dense<[[0.0, 1.0]]> : tensor<1x2xf32>
  %0 = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [0, 1, 1, 0]
      {edge.arena_offset = 0 : i64, fused_activation = #edge.act<relu6>}
      : (tensor<1x4x4x1xf32>, tensor<2x2x2x1xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  %1 = edge.max_pool2d %0 kernel [2, 2] stride [2, 2] pad [0, 0, 0, 0] {edge.arena_offset = 64 : i64}
      : tensor<1x4x4x2xf32> -> tensor<1x2x2x2xf32>
  %2 = edge.reshape %1 {edge.arena_offset = 64 : i64} : tensor<1x2x2x2xf32> -> tensor<1x8xf32>
  %3 = edge.fully_connected %2, %fw {edge.arena_offset = 0 : i64}
      : (tensor<1x8xf32>, tensor<2x8xf32>) -> tensor<1x2xf32>
  %4 = edge.add %3, %k {edge.arena_offset = 0 : i64, fused_activation = #edge.act<clip, min = -1.0, max = 2.5>}
      : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %5 = edge.softmax %4 axis 1 : tensor<1x2xf32> -> tensor<1x2xf32>
  return %5 : tensor<1x2xf32>
}

// IR: emitc.file "header"
// IR: include <"stdint.h">
// IR: func private @net_run(!emitc.ptr<!emitc.opaque<"const float">>, !emitc.ptr<!emitc.opaque<"float">>, !emitc.ptr<ui8>) -> !emitc.opaque<"int">
// IR: emitc.file "source"
// IR: global static const @net_w0 : !emitc.array<8xf32> = dense<
// IR: func @net_run(%arg0: !emitc.ptr<!emitc.opaque<"const float">>, %arg1: !emitc.ptr<!emitc.opaque<"float">>, %arg2: !emitc.ptr<ui8>)
// IR: add %arg2, {{.*}} : (!emitc.ptr<ui8>, !emitc.opaque<"size_t">) -> !emitc.ptr<ui8>
// IR: call_opaque "edgert_conv2d_f32"(%arg0,

// H: #ifndef NET_H
// H: #include <stdint.h>
// H: #include <stddef.h>
// H: #define NET_ARENA_SIZE 128
// H: #define NET_INPUT0_SIZE 16
// H: #define NET_INPUT0_SHAPE {1, 4, 4, 1}
// H: #define NET_OUTPUT0_SIZE 2
// H: #define NET_OUTPUT0_SHAPE {1, 2}
// H: int net_run(const float*, float*, uint8_t*);
// H: #endif /* NET_H */

// C: #include "net.h"
// C: #include "edgert/common.h"
// C: #include "edgert/conv.h"
// C: #include "edgert/elementwise.h"
// C: #include "edgert/fully_connected.h"
// C: #include "edgert/pooling.h"
// C: #include "edgert/softmax.h"
// C: static const float net_w0[8] = {1.000000000e+00f, 5.000000000e-01f, -1.000000000e+00f
// C: static const float net_w1[2] =
// C: static const float net_w2[16] =
// C: static const float net_w3[2] =
// C: static const edgert_conv2d_params net_p0 = {1, 1, 1, 1, 0, 1, 1, 0, {(edgert_act_kind)2, 0.0f, 0.0f, 0.0f}};
// C: static const int32_t net_s0[4] = {1, 4, 4, 1};
// C: static const int32_t net_s1[4] = {2, 2, 2, 1};
// C: static const int32_t net_s2[4] = {1, 4, 4, 2};
// C: static const edgert_pool2d_params net_p1 = {2, 2, 2, 2, 0, 0, 0, 0, 0, {(edgert_act_kind)0, 0.0f, 0.0f, 0.0f}};
// C: static const edgert_act net_p2 = {(edgert_act_kind)4, -1.0f, 2.5f, 0.0f};
// C: int net_run(const float* [[IN:v[0-9]+]], float* [[OUT:v[0-9]+]], uint8_t* [[ARENA:v[0-9]+]]) {
// C: uint8_t* [[B0:v[0-9]+]] = [[ARENA]] + 0;
// C: float* [[T0:v[0-9]+]] = (float*) [[B0]];
// C: uint8_t* [[B64:v[0-9]+]] = [[ARENA]] + 64;
// C: float* [[T64:v[0-9]+]] = (float*) [[B64]];
// C: int [[S:v[0-9]+]] = edgert_conv2d_f32(&net_p0, net_s0, [[IN]], net_s1, net_w0, net_w1, net_s2, [[T0]]);
// C: if ([[S]] != 0) return [[S]];
// C: edgert_max_pool2d_f32(&net_p1, net_s2, [[T0]], net_s3, [[T64]]);
// C: edgert_fully_connected_f32(NULL, 1, 8, 2, [[T64]], net_w2, NULL, [[T0]]);
// C: edgert_binary_f32((edgert_binary_kind)0, &net_p2, net_s4, 2, [[T0]], net_s4, 2, net_w3, net_s4, 2, [[T0]]);
// C: edgert_softmax_f32(net_s4, 2, 1, 1.0f, [[T0]], [[OUT]]);
// C: return 0;

// The weights in a blob: no arrays, offsets into net_weights (16-aligned).
// BLOB: module attributes {edge.c.weights_blob = dense_resource<net_weights> : tensor<{{[0-9]+}}xi8>}
// BLOBC: extern const uint8_t net_weights[];
// BLOBC-NOT: static const float
// BLOBC: edgert_conv2d_f32(&net_p0, net_s0, {{v[0-9]+}}, net_s1, ((const float *)(net_weights + 0)), ((const float *)(net_weights + 32)),
// BLOBC: edgert_fully_connected_f32(NULL, 1, 8, 2, {{v[0-9]+}}, ((const float *)(net_weights + 48)), NULL,
