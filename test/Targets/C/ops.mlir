// RUN: edgec-opt %s --edge-to-emitc="name=ops" | mlir-translate --mlir-to-cpp --file-id=source | FileCheck %s
// RUN: rm -rf %t && mkdir -p %t
// RUN: edgec-opt %s --edge-to-emitc="name=ops" | mlir-translate --mlir-to-cpp --file-id=header -o %t/ops.h
// RUN: edgec-opt %s --edge-to-emitc="name=ops" | mlir-translate --mlir-to-cpp --file-id=source -o %t/ops.c
// RUN: gcc -std=c99 -Wall -Wextra -Werror -pedantic -c -I %t -I %edgec_src/runtime/include %t/ops.c -o %t/ops.o

// More kernels: depthwise conv, avg pool, unary, activation, transpose,
// reduce, concat with a constant, matmul; two inputs, two outputs.
func.func @main(%x: tensor<1x4x4x2xf32>, %m: tensor<2x3xf32>)
    -> (tensor<1x2x2x2xf32>, tensor<1x3xf32>)
    attributes {edge.arena_size = 512 : i64, edge.arena_lower_bound = 512 : i64} {
  %dw = edge.constant dense<1.0> : tensor<1x3x3x2xf32>
  %r = edge.constant dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf32>
  %l = edge.constant dense<[[1.0, -1.0]]> : tensor<1x2xf32>
  %0 = edge.depthwise_conv2d %x, %dw stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1]
      {edge.arena_offset = 0 : i64}
      : (tensor<1x4x4x2xf32>, tensor<1x3x3x2xf32>) -> tensor<1x4x4x2xf32>
  %1 = edge.unary <exp> %0 {edge.arena_offset = 0 : i64} : tensor<1x4x4x2xf32> -> tensor<1x4x4x2xf32>
  %2 = edge.activation %1 {act = #edge.act<leaky_relu, alpha = 0.125>, edge.arena_offset = 0 : i64}
      : tensor<1x4x4x2xf32> -> tensor<1x4x4x2xf32>
  %3 = edge.avg_pool2d %2 kernel [2, 2] stride [2, 2] pad [0, 0, 0, 0] {count_include_pad, edge.arena_offset = 128 : i64}
      : tensor<1x4x4x2xf32> -> tensor<1x2x2x2xf32>
  %4 = edge.transpose %3 perm [0, 2, 1, 3] : tensor<1x2x2x2xf32> -> tensor<1x2x2x2xf32>
  %5 = edge.reduce <sum> %m axes [0] {keep_dims, edge.arena_offset = 256 : i64} : tensor<2x3xf32> -> tensor<1x3xf32>
  %6 = edge.concat %5, %r axis 0 {edge.arena_offset = 288 : i64} : (tensor<1x3xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
  %7 = edge.matmul %l, %6 {edge.arena_offset = 320 : i64} : (tensor<1x2xf32>, tensor<2x3xf32>) -> tensor<1x3xf32>
  %8 = edge.unary <neg> %7 : tensor<1x3xf32> -> tensor<1x3xf32>
  return %4, %8 : tensor<1x2x2x2xf32>, tensor<1x3xf32>
}

// CHECK: #include "edgert/data.h"
// CHECK: #include "edgert/reduce.h"
// CHECK: static const float ops_w0[18] =
// CHECK: static const edgert_act ops_p1 = {(edgert_act_kind)5, 0.0f, 0.0f, 0.125f};
// CHECK: int ops_run(const float* [[X:v[0-9]+]], const float* [[M:v[0-9]+]], float* [[O0:v[0-9]+]], float* [[O1:v[0-9]+]], uint8_t* [[A:v[0-9]+]]) {
// CHECK: edgert_depthwise_conv2d_f32(&ops_p0, {{.*}}, [[X]], {{.*}}, ops_w0, NULL,
// CHECK: edgert_unary_f32((edgert_unary_kind){{[0-9]+}}, 32,
// CHECK: edgert_activation_f32(&ops_p1, 32,
// CHECK: edgert_avg_pool2d_f32(&ops_p2,
// CHECK: edgert_transpose(4, {{.*}}, 4, ops_s{{[0-9]+}}, {{v[0-9]+}}, [[O0]]);
// CHECK: edgert_reduce_f32((edgert_reduce_kind)0, {{.*}}, 2, [[M]], ops_s{{[0-9]+}}, 1,
// CHECK: const void *const [[IN:concat_inputs[0-9]+]][] = {{[{]}}{{v[0-9]+}}, ops_w1};
// CHECK: edgert_concat(4, {{.*}}, 2, 0, 2, ops_s{{[0-9]+}}, [[IN]],
// CHECK: edgert_matmul_f32(NULL, {{.*}}, 2, ops_w2, {{.*}}, 2, {{v[0-9]+}}, {{.*}}, 2,
// CHECK: edgert_unary_f32((edgert_unary_kind){{[0-9]+}}, 3, {{v[0-9]+}}, [[O1]]);
// CHECK: return 0;
