//===- GraphSignature.h - the graph function of a module --------*- C++ -*-===//
//
// An imported model is a module with one func.func (the graph): its arguments
// and results are the ONNX graph's inputs and outputs, named by their
// `onnx.name` attributes. Every front end that feeds or reads tensors
// (interpreter, C runner, calibration, `edgec run`) finds the function and
// its signature here, at every level (onnx, edge, quantized edge).
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_SUPPORT_GRAPHSIGNATURE_H
#define EDGEC_SUPPORT_GRAPHSIGNATURE_H

#include "edgec/Support/TensorIO.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include <string>
#include <vector>

namespace edgec {

/// The graph function of `module`: its one func.func with a body
/// (declarations are skipped). Null with `error` set when there is none or
/// more than one.
mlir::func::FuncOp getGraphFunction(mlir::ModuleOp module, std::string &error);

/// The host element type for an MLIR element type (f32, i1, i8, i16, i32,
/// i64, ui8; a `!quant` type is its storage type); false for anything else.
bool getElemType(mlir::Type type, ElemType &out);

/// Whether `type` is a tensor type a HostTensor (and the runtime's kernels)
/// can hold: ranked, statically shaped, of an element type getElemType
/// accepts, of rank at most EDGERT_MAX_RANK and with fewer than INT32_MAX / 8
/// elements. Otherwise false with `why` set.
bool isHostTensorType(mlir::Type type, std::string &why);

/// The inputs and outputs of `func`: names from `onnx.name` (else input_<i> /
/// output_<i>), element types and static shapes. False with `error` naming
/// the first input or output whose type isHostTensorType rejects.
bool getFunctionSignature(mlir::func::FuncOp func,
                          std::vector<GraphTensorInfo> &inputs,
                          std::vector<GraphTensorInfo> &outputs,
                          std::string &error);

} // namespace edgec

#endif // EDGEC_SUPPORT_GRAPHSIGNATURE_H
