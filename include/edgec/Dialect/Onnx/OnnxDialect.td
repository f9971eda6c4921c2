//===- OnnxDialect.td - the onnx dialect -------------------*- tablegen -*-===//
#ifndef EDGEC_DIALECT_ONNX_ONNXDIALECT_TD
#define EDGEC_DIALECT_ONNX_ONNXDIALECT_TD

include "mlir/IR/OpBase.td"

def Onnx_Dialect : Dialect {
  let name = "onnx";
  let cppNamespace = "::edgec::onnx";
  let summary = "Faithful ONNX semantics on tensors";
  let description = [{
    The `onnx` dialect is what edgec's importer produces: one op per ONNX node,
    named as in ONNX (`onnx.Conv`, `onnx.MatMul`, ...), on builtin tensors in
    ONNX's own layout (NCHW), with attributes named and typed as in the ONNX
    specification at the dialect's canonical opset (17). Older models are
    converted to that opset on import.

    Absent optional inputs and outputs are values of type `none`; an absent
    input is produced by `onnx.NoValue`. Initializers become `onnx.Constant`
    ops holding dense resource attributes, so weights are never printed inline.
    Each op's location names its ONNX node and the model file.
  }];
  let hasConstantMaterializer = 1;
  let useDefaultAttributePrinterParser = 0;
}

class Onnx_Op<string mnemonic, list<Trait> traits = []>
    : Op<Onnx_Dialect, mnemonic, traits>;

def OnnxTensorOrNone : AnyTypeOf<[AnyTensor, NoneType], "tensor or none">;

#endif // EDGEC_DIALECT_ONNX_ONNXDIALECT_TD
