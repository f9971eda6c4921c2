//===- OnnxOps.td - ops of the onnx dialect ----------------*- tablegen -*-===//
#ifndef EDGEC_DIALECT_ONNX_ONNXOPS_TD
#define EDGEC_DIALECT_ONNX_ONNXOPS_TD

include "edgec/Dialect/Onnx/OnnxDialect.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Onnx_NoValueOp : Onnx_Op<"NoValue", [Pure, ConstantLike]> {
  let summary = "the value of an absent optional input";
  let description = [{
    ONNX marks an absent optional input with an empty name. The importer
    replaces it with the `none` result of this op so that every op keeps a
    fixed operand list:

    ```mlir
    %none = onnx.NoValue
    %y = "onnx.Conv"(%x, %w, %none) : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, none) -> tensor<1x4x6x6xf32>
    ```
  }];
  let results = (outs NoneType:$none);
  let builders = [
    OpBuilder<(ins), [{ build($_builder, $_state, $_builder.getNoneType()); }]>
  ];
  let assemblyFormat = "attr-dict";
  let hasFolder = 1;
}

def Onnx_ConstantOp : Onnx_Op<"Constant",
    [Pure, ConstantLike, AllTypesMatch<["value", "output"]>]> {
  let summary = "a constant tensor (ONNX Constant nodes and graph initializers)";
  let description = [{
    Holds a constant tensor. The importer turns graph initializers into this op
    with a `dense_resource` value (never printed inline), and normalizes ONNX
    Constant's `value_float`, `value_ints`, ... attributes into `value`.
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyTensor:$output);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

include "edgec/Dialect/Onnx/OnnxOps.gen.td"

#endif // EDGEC_DIALECT_ONNX_ONNXOPS_TD
