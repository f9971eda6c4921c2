// RUN: edgec-opt %s --edge-plan-memory -split-input-file -verify-diagnostics
// RUN: not edgec-opt %s --edge-plan-memory="alignment=24" 2>&1 | FileCheck %s --check-prefix=ALIGN
// RUN: not edgec-opt %s --edge-plan-memory="algorithm=tetris" 2>&1 | FileCheck %s --check-prefix=ALGO

// ALIGN: error: edge-plan-memory: alignment 24 is not a power of two
// ALGO: error: edge-plan-memory: unknown algorithm 'tetris' (expected greedy-by-size, greedy-by-conflicts, first-fit or best)

// An intermediate tensor with a dynamic dimension cannot be placed.
func.func @dynamic(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @below {{'edge.unary' op edge-plan-memory needs static shapes: result #0 has type 'tensor<?x4xf32>'}}
  %0 = edge.unary <exp> %x : tensor<?x4xf32> -> tensor<?x4xf32>
  %1 = edge.unary <neg> %0 : tensor<?x4xf32> -> tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// Every planned result is checked, also the second one of a split.
func.func @dynamic_split(%x: tensor<1x?xf32>) -> tensor<1x8xf32> {
  // expected-error @below {{'edge.split' op edge-plan-memory needs static shapes: result #1 has type 'tensor<1x?xf32>'}}
  %0:2 = edge.split %x axis 1 sizes [8, 8] : tensor<1x?xf32> -> tensor<1x8xf32>, tensor<1x?xf32>
  %1 = edge.unary <neg> %0#0 : tensor<1x8xf32> -> tensor<1x8xf32>
  %2 = edge.add %1, %1 : (tensor<1x8xf32>, tensor<1x8xf32>) -> tensor<1x8xf32>
  return %2 : tensor<1x8xf32>
}
