// RUN: edgec-opt %s --edge-plan-memory | FileCheck %s
// RUN: edgec-opt %s --edge-plan-memory="in-place=false" | FileCheck %s --check-prefix=NOINPLACE
// RUN: edgec-opt %s --edge-plan-memory="alignment=64" | FileCheck %s --check-prefix=ALIGN64
// RUN: edgec-opt %s --edge-plan-memory="alignment=1" | FileCheck %s --check-prefix=ALIGN1
// RUN: edgec-opt %s --edge-plan-memory="algorithm=first-fit" | FileCheck %s --check-prefix=FIRSTFIT
// RUN: edgec-opt %s --edge-plan-memory | edgec-opt --edge-plan-memory | FileCheck %s
//
// Offsets and arena sizes of edge-plan-memory on hand-written edge IR. The
// schedule is the op order; steps count every op of the block, constants
// included. Sizes below are in bytes, f32 = 4 bytes per element.

!qi8 = !quant.uniform<i8:f32, 0.1:-3>
!qo8 = !quant.uniform<i8:f32, 0.2:5>
!q16 = !quant.uniform<i16:f32, 0.001>

// A chain of fully connected layers: 256 B, 128 B, 256 B. The first and the
// third buffer never live together and share offset 0.
// CHECK-LABEL: func.func @chain
// CHECK-SAME: edge.arena_algorithm = "greedy-by-size", edge.arena_lower_bound = 384 : i64, edge.arena_size = 384 : i64
// CHECK-NOT: edge.arena_offset
// CHECK: edge.fully_connected %arg0, %{{.*}} {edge.arena_offset = 0 : i64}
// CHECK: edge.fully_connected %{{.*}} {edge.arena_offset = 256 : i64}
// CHECK: edge.fully_connected %{{.*}} {edge.arena_offset = 0 : i64}
// The last result is the function's: the caller passes its buffer.
// CHECK: edge.fully_connected %{{.*}} : (tensor<1x64xf32>, tensor<16x64xf32>) -> tensor<1x16xf32>
// CHECK-NEXT: return
func.func @chain(%x: tensor<1x64xf32>) -> tensor<1x16xf32> {
  %w1 = edge.constant dense<1.0> : tensor<64x64xf32>
  %w2 = edge.constant dense<1.0> : tensor<32x64xf32>
  %w3 = edge.constant dense<1.0> : tensor<64x32xf32>
  %w4 = edge.constant dense<1.0> : tensor<16x64xf32>
  %0 = edge.fully_connected %x, %w1 : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
  %1 = edge.fully_connected %0, %w2 : (tensor<1x64xf32>, tensor<32x64xf32>) -> tensor<1x32xf32>
  %2 = edge.fully_connected %1, %w3 : (tensor<1x32xf32>, tensor<64x32xf32>) -> tensor<1x64xf32>
  %3 = edge.fully_connected %2, %w4 : (tensor<1x64xf32>, tensor<16x64xf32>) -> tensor<1x16xf32>
  return %3 : tensor<1x16xf32>
}

// A residual block: %0 feeds a branch and the add. exp cannot overwrite %0
// (still needed by the add); neg overwrites exp's result; the add overwrites
// %0, which dies there. Without in-place reuse three buffers are live at once.
// CHECK-LABEL: func.func @residual
// CHECK-SAME: edge.arena_lower_bound = 512 : i64, edge.arena_size = 512 : i64
// CHECK: edge.fully_connected {{.*}}edge.arena_offset = 0 : i64
// CHECK: edge.unary <exp> {{.*}}edge.arena_offset = 256 : i64
// CHECK: edge.unary <neg> {{.*}}edge.arena_offset = 256 : i64
// CHECK: edge.add {{.*}}edge.arena_offset = 0 : i64
// NOINPLACE-LABEL: func.func @residual
// NOINPLACE-SAME: edge.arena_lower_bound = 768 : i64, edge.arena_size = 768 : i64
// NOINPLACE: edge.fully_connected {{.*}}edge.arena_offset = 0 : i64
// NOINPLACE: edge.unary <exp> {{.*}}edge.arena_offset = 256 : i64
// NOINPLACE: edge.unary <neg> {{.*}}edge.arena_offset = 512 : i64
// NOINPLACE: edge.add {{.*}}edge.arena_offset = 256 : i64
func.func @residual(%x: tensor<1x64xf32>) -> tensor<1x16xf32> {
  %w1 = edge.constant dense<1.0> : tensor<64x64xf32>
  %w2 = edge.constant dense<1.0> : tensor<16x64xf32>
  %0 = edge.fully_connected %x, %w1 : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
  %1 = edge.unary <exp> %0 : tensor<1x64xf32> -> tensor<1x64xf32>
  %2 = edge.unary <neg> %1 : tensor<1x64xf32> -> tensor<1x64xf32>
  %3 = edge.add %0, %2 {fused_activation = #edge.act<relu>} : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
  %4 = edge.fully_connected %3, %w2 : (tensor<1x64xf32>, tensor<16x64xf32>) -> tensor<1x16xf32>
  return %4 : tensor<1x16xf32>
}

// Concat reads both inputs while writing its result: 32 + 32 + 64 B live.
// CHECK-LABEL: func.func @concat
// CHECK-SAME: edge.arena_lower_bound = 128 : i64, edge.arena_size = 128 : i64
// CHECK: edge.fully_connected {{.*}}edge.arena_offset = 64 : i64
// CHECK: edge.fully_connected {{.*}}edge.arena_offset = 96 : i64
// CHECK: edge.concat {{.*}}edge.arena_offset = 0 : i64
func.func @concat(%x: tensor<1x16xf32>) -> tensor<1x4xf32> {
  %wa = edge.constant dense<1.0> : tensor<8x16xf32>
  %wb = edge.constant dense<2.0> : tensor<8x16xf32>
  %wc = edge.constant dense<1.0> : tensor<4x16xf32>
  %a = edge.fully_connected %x, %wa : (tensor<1x16xf32>, tensor<8x16xf32>) -> tensor<1x8xf32>
  %b = edge.fully_connected %x, %wb : (tensor<1x16xf32>, tensor<8x16xf32>) -> tensor<1x8xf32>
  %c = edge.concat %a, %b axis 1 : (tensor<1x8xf32>, tensor<1x8xf32>) -> tensor<1x16xf32>
  %d = edge.fully_connected %c, %wc : (tensor<1x16xf32>, tensor<4x16xf32>) -> tensor<1x4xf32>
  return %d : tensor<1x4xf32>
}

// edge.reshape is a view: its result shares its input's buffer, which stays
// live until the last use of either. %0 (through %1) is live at the add, so
// %2 may not take offset 0; the add then overwrites %0/%1 in place.
// CHECK-LABEL: func.func @reshape_alias
// CHECK-SAME: edge.arena_lower_bound = 512 : i64, edge.arena_size = 512 : i64
// CHECK: edge.fully_connected {{.*}}edge.arena_offset = 0 : i64
// CHECK: edge.reshape {{.*}}edge.arena_offset = 0 : i64
// CHECK: edge.fully_connected {{.*}}edge.arena_offset = 256 : i64
// CHECK: edge.reshape {{.*}}edge.arena_offset = 256 : i64
// CHECK: edge.add {{.*}}edge.arena_offset = 0 : i64
// CHECK: edge.softmax
// CHECK-NOT: edge.arena_offset
// CHECK: return
func.func @reshape_alias(%x: tensor<1x64xf32>) -> tensor<8x8xf32> {
  %w = edge.constant dense<1.0> : tensor<64x64xf32>
  %0 = edge.fully_connected %x, %w : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
  %1 = edge.reshape %0 : tensor<1x64xf32> -> tensor<8x8xf32>
  %2 = edge.fully_connected %x, %w : (tensor<1x64xf32>, tensor<64x64xf32>) -> tensor<1x64xf32>
  %3 = edge.reshape %2 : tensor<1x64xf32> -> tensor<8x8xf32>
  %4 = edge.add %1, %3 : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
  %5 = edge.softmax %4 axis 1 : tensor<8x8xf32> -> tensor<8x8xf32>
  return %5 : tensor<8x8xf32>
}

// Reshapes of caller-owned buffers are not planned: a reshape of an argument
// views the argument, and a value whose reshape is returned is computed
// straight into the caller's result buffer.
// CHECK-LABEL: func.func @reshape_io
// CHECK-SAME: edge.arena_lower_bound = 0 : i64, edge.arena_size = 0 : i64
// CHECK-NOT: edge.arena_offset
// CHECK: return
func.func @reshape_io(%x: tensor<1x64xf32>) -> tensor<8x8xf32> {
  %0 = edge.reshape %x : tensor<1x64xf32> -> tensor<64xf32>
  %1 = edge.unary <exp> %0 : tensor<64xf32> -> tensor<64xf32>
  %2 = edge.reshape %1 : tensor<64xf32> -> tensor<8x8xf32>
  return %2 : tensor<8x8xf32>
}

// A chain of elementwise ops runs in one buffer; the argument is never
// overwritten (the first exp gets its own buffer).
// CHECK-LABEL: func.func @in_place_chain
// CHECK-SAME: edge.arena_lower_bound = 256 : i64, edge.arena_size = 256 : i64
// CHECK: edge.unary <exp> %arg0 {edge.arena_offset = 0 : i64}
// CHECK: edge.activation {{.*}}edge.arena_offset = 0 : i64
// CHECK: edge.mul {{.*}}edge.arena_offset = 0 : i64
// CHECK: edge.unary <neg> %{{.*}} : tensor<1x64xf32> -> tensor<1x64xf32>
// NOINPLACE-LABEL: func.func @in_place_chain
// NOINPLACE-SAME: edge.arena_lower_bound = 512 : i64, edge.arena_size = 512 : i64
func.func @in_place_chain(%x: tensor<1x64xf32>) -> tensor<1x64xf32> {
  %s = edge.constant dense<0.5> : tensor<64xf32>
  %0 = edge.unary <exp> %x : tensor<1x64xf32> -> tensor<1x64xf32>
  %1 = edge.activation %0 {act = #edge.act<relu>} : tensor<1x64xf32> -> tensor<1x64xf32>
  %2 = edge.mul %1, %s : (tensor<1x64xf32>, tensor<64xf32>) -> tensor<1x64xf32>
  %3 = edge.unary <neg> %2 : tensor<1x64xf32> -> tensor<1x64xf32>
  return %3 : tensor<1x64xf32>
}

// Broadcasting: the [1x64] result cannot be written over a [1x1] operand.
// CHECK-LABEL: func.func @no_in_place_broadcast
// CHECK-SAME: edge.arena_lower_bound = 272 : i64, edge.arena_size = 272 : i64
// CHECK: edge.reduce {{.*}}edge.arena_offset = 256 : i64
// CHECK: edge.sub {{.*}}edge.arena_offset = 0 : i64
func.func @no_in_place_broadcast(%x: tensor<1x64xf32>) -> tensor<1x64xf32> {
  %0 = edge.reduce <max> %x axes [1] {keep_dims} : tensor<1x64xf32> -> tensor<1x1xf32>
  %1 = edge.sub %x, %0 : (tensor<1x64xf32>, tensor<1x1xf32>) -> tensor<1x64xf32>
  %2 = edge.unary <exp> %1 : tensor<1x64xf32> -> tensor<1x64xf32>
  return %2 : tensor<1x64xf32>
}

// Multi-result ops record one offset per result.
// CHECK-LABEL: func.func @split
// CHECK-SAME: edge.arena_lower_bound = 512 : i64, edge.arena_size = 512 : i64
// CHECK: edge.unary <exp> {{.*}}edge.arena_offset = 0 : i64
// CHECK: edge.split {{.*}}edge.arena_offsets = array<i64: 448, 256>
// CHECK: edge.unary <neg> {{.*}}edge.arena_offset = 256 : i64
// CHECK: edge.concat %{{.*}} : (tensor<1x16xf32>, tensor<1x48xf32>) -> tensor<1x64xf32>
func.func @split(%x: tensor<1x64xf32>) -> tensor<1x64xf32> {
  %0 = edge.unary <exp> %x : tensor<1x64xf32> -> tensor<1x64xf32>
  %1:2 = edge.split %0 axis 1 sizes [16, 48] : tensor<1x64xf32> -> tensor<1x16xf32>, tensor<1x48xf32>
  %2 = edge.unary <neg> %1#1 : tensor<1x48xf32> -> tensor<1x48xf32>
  %3 = edge.concat %1#0, %2 axis 1 : (tensor<1x16xf32>, tensor<1x48xf32>) -> tensor<1x64xf32>
  return %3 : tensor<1x64xf32>
}

// A returned result of a multi-result op is not planned: its offset is -1.
// CHECK-LABEL: func.func @split_returned
// CHECK: edge.split {{.*}}edge.arena_offsets = array<i64: 0, -1>
func.func @split_returned(%x: tensor<1x64xf32>) -> (tensor<1x16xf32>, tensor<1x48xf32>) {
  %0:2 = edge.split %x axis 1 sizes [16, 48] : tensor<1x64xf32> -> tensor<1x16xf32>, tensor<1x48xf32>
  %1 = edge.unary <neg> %0#0 : tensor<1x16xf32> -> tensor<1x16xf32>
  return %1, %0#1 : tensor<1x16xf32>, tensor<1x48xf32>
}

// Arguments, results and constants are not planned: an empty arena.
// CHECK-LABEL: func.func @io_only
// CHECK-SAME: edge.arena_lower_bound = 0 : i64, edge.arena_size = 0 : i64
// CHECK-NOT: edge.arena_offset
// CHECK: return
func.func @io_only(%x: tensor<1x64xf32>) -> (tensor<1x64xf32>, tensor<4xf32>) {
  %c = edge.constant dense<1.0> : tensor<4xf32>
  %0 = edge.unary <exp> %x : tensor<1x64xf32> -> tensor<1x64xf32>
  return %0, %c : tensor<1x64xf32>, tensor<4xf32>
}

// Element sizes: i8 storage 1 byte (100 B), i16 storage 2 bytes (200 B),
// f32 4 bytes (400 B), i1 1 byte (100 B); each rounded up to the alignment.
// CHECK-LABEL: func.func @element_sizes
// CHECK-SAME: edge.arena_lower_bound = 608 : i64, edge.arena_size = 608 : i64
// CHECK: edge.activation {{.*}}edge.arena_offset = 0 : i64
// CHECK: edge.requantize {{.*}}edge.arena_offset = 400 : i64
// CHECK: edge.dequantize {{.*}}edge.arena_offset = 0 : i64
// CHECK: edge.compare {{.*}}edge.arena_offset = 400 : i64
// ALIGN64-LABEL: func.func @element_sizes
// ALIGN64-SAME: edge.arena_lower_bound = 704 : i64, edge.arena_size = 704 : i64
// ALIGN64: edge.activation {{.*}}edge.arena_offset = 0 : i64
// ALIGN64: edge.requantize {{.*}}edge.arena_offset = 448 : i64
// ALIGN64: edge.dequantize {{.*}}edge.arena_offset = 0 : i64
// ALIGN64: edge.compare {{.*}}edge.arena_offset = 448 : i64
// ALIGN1-LABEL: func.func @element_sizes
// ALIGN1-SAME: edge.arena_lower_bound = 600 : i64, edge.arena_size = 600 : i64
// ALIGN1: edge.requantize {{.*}}edge.arena_offset = 400 : i64
// ALIGN1: edge.compare {{.*}}edge.arena_offset = 400 : i64
func.func @element_sizes(%x: tensor<1x100x!qi8>) -> tensor<1x100xf32> {
  %0 = edge.activation %x {act = #edge.act<sigmoid>} : tensor<1x100x!qi8> -> tensor<1x100x!qo8>
  %1 = edge.requantize %0 : tensor<1x100x!qo8> -> tensor<1x100x!q16>
  %2 = edge.dequantize %1 : tensor<1x100x!q16> -> tensor<1x100xf32>
  %3 = edge.compare <gt> %2, %2 : (tensor<1x100xf32>, tensor<1x100xf32>) -> tensor<1x100xi1>
  %4 = edge.cast %3 : tensor<1x100xi1> -> tensor<1x100xf32>
  return %4 : tensor<1x100xf32>
}

// Largest first finds the optimum (48 B at 0, 32 B above it, 16 B below the
// 32 B buffer again); first-fit in schedule order needs 96 B.
// CHECK-LABEL: func.func @growing
// CHECK-SAME: edge.arena_algorithm = "greedy-by-size", edge.arena_lower_bound = 80 : i64, edge.arena_size = 80 : i64
// FIRSTFIT-LABEL: func.func @growing
// FIRSTFIT-SAME: edge.arena_algorithm = "first-fit", edge.arena_lower_bound = 80 : i64, edge.arena_size = 96 : i64
func.func @growing(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %w1 = edge.constant dense<1.0> : tensor<8x4xf32>
  %w2 = edge.constant dense<1.0> : tensor<12x8xf32>
  %w3 = edge.constant dense<1.0> : tensor<4x12xf32>
  %0 = edge.unary <exp> %x : tensor<1x4xf32> -> tensor<1x4xf32>
  %1 = edge.fully_connected %0, %w1 : (tensor<1x4xf32>, tensor<8x4xf32>) -> tensor<1x8xf32>
  %2 = edge.fully_connected %1, %w2 : (tensor<1x8xf32>, tensor<12x8xf32>) -> tensor<1x12xf32>
  %3 = edge.fully_connected %2, %w3 : (tensor<1x12xf32>, tensor<4x12xf32>) -> tensor<1x4xf32>
  return %3 : tensor<1x4xf32>
}

// The rhs is overwritten when the lhs is still needed later.
// CHECK-LABEL: func.func @in_place_rhs
// CHECK-SAME: edge.arena_lower_bound = 512 : i64, edge.arena_size = 512 : i64
// CHECK: edge.unary <exp> {{.*}}edge.arena_offset = 0 : i64
// CHECK: edge.unary <neg> {{.*}}edge.arena_offset = 256 : i64
// CHECK: edge.sub {{.*}}edge.arena_offset = 256 : i64
func.func @in_place_rhs(%x: tensor<1x64xf32>) -> tensor<1x64xf32> {
  %0 = edge.unary <exp> %x : tensor<1x64xf32> -> tensor<1x64xf32>
  %1 = edge.unary <neg> %0 : tensor<1x64xf32> -> tensor<1x64xf32>
  %2 = edge.sub %0, %1 : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
  %3 = edge.mul %0, %2 : (tensor<1x64xf32>, tensor<1x64xf32>) -> tensor<1x64xf32>
  return %3 : tensor<1x64xf32>
}

// prelu overwrites its input (not its slopes).
// CHECK-LABEL: func.func @prelu_in_place
// CHECK-SAME: edge.arena_lower_bound = 256 : i64, edge.arena_size = 256 : i64
// CHECK: edge.unary <exp> {{.*}}edge.arena_offset = 0 : i64
// CHECK: edge.prelu {{.*}}edge.arena_offset = 0 : i64
func.func @prelu_in_place(%x: tensor<1x64xf32>) -> tensor<1x64xf32> {
  %a = edge.constant dense<0.25> : tensor<64xf32>
  %0 = edge.unary <exp> %x : tensor<1x64xf32> -> tensor<1x64xf32>
  %1 = edge.prelu %0, %a : (tensor<1x64xf32>, tensor<64xf32>) -> tensor<1x64xf32>
  %2 = edge.unary <neg> %1 : tensor<1x64xf32> -> tensor<1x64xf32>
  return %2 : tensor<1x64xf32>
}

// Both results of topk are planned (12 B each, 16 with alignment); the
// indices die at the cast, the values at the add.
// CHECK-LABEL: func.func @topk
// CHECK-SAME: edge.arena_lower_bound = 48 : i64, edge.arena_size = 48 : i64
// CHECK: edge.topk {{.*}}edge.arena_offsets = array<i64: 0, 16>
// CHECK: edge.cast {{.*}}edge.arena_offset = 32 : i64
func.func @topk(%x: tensor<1x64xf32>) -> tensor<1x3xf32> {
  %0:2 = edge.topk %x k 3 axis 1 : tensor<1x64xf32> -> tensor<1x3xf32>, tensor<1x3xi32>
  %1 = edge.cast %0#1 : tensor<1x3xi32> -> tensor<1x3xf32>
  %2 = edge.add %0#0, %1 : (tensor<1x3xf32>, tensor<1x3xf32>) -> tensor<1x3xf32>
  return %2 : tensor<1x3xf32>
}
