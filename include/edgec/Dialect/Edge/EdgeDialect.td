//===- EdgeDialect.td - the edge dialect -------------------*- tablegen -*-===//
#ifndef EDGEC_DIALECT_EDGE_EDGEDIALECT_TD
#define EDGEC_DIALECT_EDGE_EDGEDIALECT_TD

include "mlir/IR/OpBase.td"

def Edge_Dialect : Dialect {
  let name = "edge";
  let cppNamespace = "::edgec::edge";
  let summary = "Target-neutral kernel level of edgec";
  let description = [{
    The `edge` dialect is what kernels and NPUs execute: activations in NHWC,
    padding explicit, activation functions fused into their producers,
    depthwise convolution as its own op. Element types are f32, i8, i16, i32
    and `!quant.uniform` quantized types.
  }];
  let dependentDialects = ["::mlir::quant::QuantDialect"];
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let extraClassDeclaration = [{
    void registerAttributes();
  }];
}

#endif // EDGEC_DIALECT_EDGE_EDGEDIALECT_TD
