//===- GraphInputs.h - tensors given for a graph's inputs -------*- C++ -*-===//
//
// The one place that decides whether tensors fit a graph's inputs and says
// why not: `edgec run` matching its input files to the graph inputs,
// --freeze-input, the interpreter and the generated C run on the host all
// call it. Free of MLIR types.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_SUPPORT_GRAPHINPUTS_H
#define EDGEC_SUPPORT_GRAPHINPUTS_H

#include "edgec/Support/TensorIO.h"

#include <string>
#include <vector>

namespace edgec {

/// Checks that `tensor` fits graph input `input`: element type, then shape,
/// then the size of its data. `file` names the file the tensor was read
/// from (empty for a tensor in memory) and prefixes the message:
///   x.npy: dtype mismatch: the file holds int64, graph input 'x' is float32
///   shape mismatch: the tensor holds 3x4, graph input 'x' is 3x5
/// Returns false with `error` set when it does not fit.
bool checkGraphInput(const GraphTensorInfo &input, const HostTensor &tensor,
                     const std::string &file, std::string &error);

/// Checks `args`, one tensor per graph input in order, against `inputs`:
/// their number ("wrong number of inputs: the model has 2 graph inputs, 1
/// tensor was given"), then each with checkGraphInput.
bool checkGraphInputs(const std::vector<GraphTensorInfo> &inputs,
                      const std::vector<HostTensor> &args, std::string &error);

/// Matches tensors read from `files` (tensors[i] from files[i]) to the graph
/// inputs: by name first (HostTensor::name: the file stem or the
/// TensorProto's name), the remaining inputs take the remaining files in
/// order. Errors: more files than inputs ("too many inputs: ..."), an input
/// left without a file ("missing input: no file for graph input 'w'
/// (1x2x3x2 float32)"), and checkGraphInput's, naming the file. On success
/// `args` holds the tensors in graph input order.
bool matchGraphInputs(const std::vector<GraphTensorInfo> &inputs,
                      const std::vector<HostTensor> &tensors,
                      const std::vector<std::string> &files,
                      std::vector<HostTensor> &args, std::string &error);

} // namespace edgec

#endif // EDGEC_SUPPORT_GRAPHINPUTS_H
