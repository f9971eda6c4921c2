//===- NodeValidator.h - node checks before libonnx's inference -*- C++ -*-===//
//
// libonnx 1.12's shape inference functions and version converter trust the
// attribute values they read: they divide by strides and block sizes, index
// with axes, size vectors from ranks and cast int64 attributes to int. A model
// with a zero stride, an axis of 2^31 or a rank-2 ConvTranspose weight crashes
// the process (SIGFPE/SIGSEGV) instead of raising an error. validateNodes
// checks every node against a per-op table of the value ranges, list lengths
// and input ranks those functions rely on, before any of them runs, and
// reports the first violation as one line:
//
//   FILE: node 'NAME' (OpType): attribute 'strides' = [0, 1]: each value
//   must be in [1, 2147483647]
//
// Ranks are those the file states: graph inputs, value_info, initializers and
// Constant nodes. Where a rank is unknown, only the rank-independent limits
// (int32 range, positivity) apply; docs/importer.md lists the rules.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_LIB_IMPORT_NODEVALIDATOR_H
#define EDGEC_LIB_IMPORT_NODEVALIDATOR_H

#include "llvm/ADT/StringRef.h"

#include "onnx/onnx_pb.h"

#include <string>

namespace edgec::import {

/// Checks the nodes of `graph` (and of its subgraphs) at default-domain opset
/// `opset`. Returns false and sets `error` to "PATH: node ... " on the first
/// node libonnx could not safely process.
bool validateNodes(llvm::StringRef path, const ::onnx::GraphProto &graph,
                   int64_t opset, std::string &error);

/// Wraps the shape inference function of every op the rules cover (in
/// libonnx's global schema registry, once per process) so that the same
/// checks run again with the input ranks inference has derived at that node,
/// which the file need not state: a rank-5 Conv weight on an intermediate
/// rank-4 value is refused there instead of crashing. A refused node raises
/// an InferenceError whose message guardError recognizes.
///
/// libonnx records an inference error and goes on with the next nodes, which
/// then see the refused node's inputs and outputs half-typed (a Gather after
/// a Shape of such a value dereferenced null). So, inside a
/// GuardedInference scope, once a guard has refused a node every inference
/// and data-propagation function of every op does nothing for the rest of
/// that run: the refusal is the error libonnx reports at the end. The same
/// holds after an inference error of libonnx's own (a BatchNormalization
/// channel mismatch followed by Shape -> Gather crashed the same way).
void installInferenceGuards();

/// One run of libonnx's shape inference under the guards (see above).
class GuardedInference {
public:
  GuardedInference();
  ~GuardedInference();
  GuardedInference(const GuardedInference &) = delete;
  GuardedInference &operator=(const GuardedInference &) = delete;
};

/// If `message` (an exception from libonnx's shape inference) holds an
/// installInferenceGuards refusal, sets `error` to the one-line
/// "PATH: node 'NAME' (Op): ..." message and returns true.
bool guardError(llvm::StringRef path, llvm::StringRef message,
                std::string &error);

} // namespace edgec::import

#endif // EDGEC_LIB_IMPORT_NODEVALIDATOR_H
