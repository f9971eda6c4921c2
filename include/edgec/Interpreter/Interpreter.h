//===- Interpreter.h - host execution of edge IR ----------------*- C++ -*-===//
//
// Executes a func.func of `edge` ops on the host by calling the edgert
// kernels the devices run, op by op in program order. Tensors are byte
// buffers with their element type and shape (HostTensor). Calibration,
// `edgec run --backend interp` and layer-by-layer verification use it.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_INTERPRETER_INTERPRETER_H
#define EDGEC_INTERPRETER_INTERPRETER_H

#include "edgec/Support/GraphSignature.h"
#include "edgec/Support/TensorIO.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <memory>
#include <string>
#include <vector>

namespace edgec {
namespace edge {
struct KernelCall;
} // namespace edge

class Interpreter {
public:
  ~Interpreter();

  /// Prepares `func` (edge dialect; its constants are read here). Fails with
  /// `error` naming the first unsupported op (by its ONNX node) or type.
  static std::unique_ptr<Interpreter> create(mlir::func::FuncOp func,
                                             std::string &error);

  const std::vector<GraphTensorInfo> &getInputs() const { return inputs; }
  const std::vector<GraphTensorInfo> &getOutputs() const { return outputs; }

  /// Called with every function argument (before the first op) and every op
  /// result (right after its op ran) and its value; `tensor.name` is empty.
  /// The tensor is only valid during the call. Calibration uses it to observe
  /// intermediate tensors.
  using Observer =
      llvm::function_ref<void(mlir::Value value, const HostTensor &tensor)>;

  /// Runs the function on `args` (one per input, in order, with the input's
  /// type and shape). On failure returns failure() with `error` naming the op.
  /// `observer`, if given, sees every argument and op result.
  mlir::LogicalResult run(const std::vector<HostTensor> &args,
                          std::vector<HostTensor> &results,
                          std::string &error, Observer observer = nullptr);

  /// Why `op` cannot be executed, or empty if it can; `call`, when given,
  /// receives the op's kernel call.
  static std::string checkSupported(mlir::Operation *op,
                                    edge::KernelCall *call = nullptr);

  /// edgec::describeOp (edgec/Support/NodeName.h): `node 'name' (edge.op)`.
  static std::string describeOp(mlir::Operation *op);

private:
  explicit Interpreter(mlir::func::FuncOp func);
  mlir::func::FuncOp func;
public:
  /// An op with its kernel call (the op->kernel description of
  /// edge::KernelOpInterface) and materialized constant arguments.
  struct PreparedOp;

private:
  /// One per op of the body but the return, in order; built by create().
  std::vector<std::unique_ptr<PreparedOp>> ops;
  std::vector<GraphTensorInfo> inputs;
  std::vector<GraphTensorInfo> outputs;
};

} // namespace edgec

#endif // EDGEC_INTERPRETER_INTERPRETER_H
