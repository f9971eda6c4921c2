//===- QuantizeModelTest.cpp - the PTQ flow and the tensor comparison -----===//
//
// compareTensors on a float function against a copy with a known
// perturbation (exact SQNR, cosine, max abs error, worst-first order), and
// quantizeModule end to end on a small network: calibration, integer types,
// fallbacks, and a quantized result close to the float one.
//
//===----------------------------------------------------------------------===//
#include "edgec/Quant/QuantizeModel.h"

#include "edgec/Support/GraphSignature.h"
#include "edgec/Support/InitAll.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>

using namespace edgec;

namespace {

// x -> (x + c) -> fully_connected(w, b) -> relu ; (x + c) is also an output.
const char *kFunc = R"mlir(
func.func @main(%x: tensor<1x4xf32> {onnx.name = "x"})
    -> (tensor<1x3xf32>, tensor<1x4xf32>) {
  %c = edge.constant dense<[[0.5, -0.25, 0.125, 1.0]]> : tensor<1x4xf32>
  %a = edge.add %x, %c : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32> loc("add_0")
  %w = edge.constant dense<[[0.5, -1.0, 0.25, 0.75], [-0.5, 0.125, 1.0, -0.25], [0.3, 0.2, -0.1, 0.6]]> : tensor<3x4xf32>
  %b = edge.constant dense<[0.1, -0.2, 0.05]> : tensor<3xf32>
  %f = edge.fully_connected %a, %w, %b {fused_activation = #edge.act<relu>} : (tensor<1x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<1x3xf32> loc("fc_0")
  return %f, %a : tensor<1x3xf32>, tensor<1x4xf32>
}
)mlir";

class QuantizeModelTest : public ::testing::Test {
protected:
  QuantizeModelTest() {
    mlir::DialectRegistry registry;
    registerAllDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
  }
  void SetUp() override {
    module = mlir::parseSourceString<mlir::ModuleOp>(kFunc, &context);
    ASSERT_TRUE(module);
  }

  static HostTensor input(std::vector<float> values) {
    HostTensor t;
    t.name = "x";
    t.type = ElemType::F32;
    t.shape = {1, 4};
    t.data.resize(values.size() * sizeof(float));
    std::memcpy(t.data.data(), values.data(), t.data.size());
    return t;
  }

  mlir::MLIRContext context;
  mlir::OwningOpRef<mlir::ModuleOp> module;
};

TEST_F(QuantizeModelTest, CompareTensorsMeasuresAKnownPerturbation) {
  tagTensors(*module);
  mlir::OwningOpRef<mlir::ModuleOp> copy = module->clone();
  // Perturb c by +0.5 in one element: add_0 differs by exactly 0.5 there.
  std::string why;
  mlir::func::FuncOp func = getGraphFunction(*copy, why);
  ASSERT_TRUE(func) << why;
  auto &constant = func.getBody().front().front();
  auto attr = mlir::DenseElementsAttr::get(
      llvm::cast<mlir::ShapedType>(constant.getResult(0).getType()),
      llvm::ArrayRef<float>{0.5f, -0.25f, 0.625f, 1.0f});
  constant.setAttr("value", attr);

  std::vector<std::vector<HostTensor>> inputs = {
      {input({1.0f, 2.0f, 3.0f, 4.0f})}, {input({0.0f, 0.0f, 0.0f, 0.0f})}};
  std::vector<TensorError> errors;
  std::string error;
  ASSERT_TRUE(mlir::succeeded(
      compareTensors(*module, *copy, inputs, errors, error)))
      << error;
  ASSERT_EQ(errors.size(), 2u);

  // add_0: float values of both inputs, error 0.5 in element 2 each time.
  const TensorError *add = nullptr;
  for (const TensorError &e : errors)
    if (e.node == "add_0")
      add = &e;
  ASSERT_TRUE(add);
  EXPECT_EQ(add->op, "edge.add");
  EXPECT_EQ(add->elements, 4);
  EXPECT_EQ(add->type, "f32");
  double f1[] = {1.5, 1.75, 3.125, 5.0}, f2[] = {0.5, -0.25, 0.125, 1.0};
  double sumF2 = 0;
  for (double v : f1)
    sumF2 += v * v;
  for (double v : f2)
    sumF2 += v * v;
  EXPECT_NEAR(add->sqnrDb, 10.0 * std::log10(sumF2 / 0.5), 1e-9);
  EXPECT_DOUBLE_EQ(add->maxAbsError, 0.5);
  EXPECT_LT(add->cosine, 1.0);
  EXPECT_GT(add->cosine, 0.95);
  // Worst first.
  EXPECT_LE(errors[0].sqnrDb, errors[1].sqnrDb);
}

TEST_F(QuantizeModelTest, IdenticalFunctionsHaveInfiniteSqnr) {
  tagTensors(*module);
  mlir::OwningOpRef<mlir::ModuleOp> copy = module->clone();
  std::vector<TensorError> errors;
  std::string error;
  ASSERT_TRUE(mlir::succeeded(compareTensors(
      *module, *copy, {{input({1.0f, -2.0f, 3.0f, 0.0f})}}, errors, error)))
      << error;
  ASSERT_EQ(errors.size(), 2u);
  for (const TensorError &e : errors) {
    EXPECT_TRUE(std::isinf(e.sqnrDb) && e.sqnrDb > 0) << e.node;
    EXPECT_EQ(e.maxAbsError, 0.0);
    EXPECT_DOUBLE_EQ(e.cosine, 1.0);
  }
}

TEST_F(QuantizeModelTest, QuantizesCalibratesAndStaysClose) {
  llvm::SmallString<128> dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("edgec-qm", dir));
  // 64 samples in [-2, 2], one batched .npy.
  HostTensor batch;
  batch.type = ElemType::F32;
  batch.shape = {64, 1, 4};
  std::vector<float> values;
  for (int i = 0; i < 64 * 4; ++i)
    values.push_back(std::sin(0.37f * i) * 2.0f);
  batch.data.resize(values.size() * sizeof(float));
  std::memcpy(batch.data.data(), values.data(), batch.data.size());
  std::string error;
  std::string path = std::string(dir) + "/x.npy";
  ASSERT_TRUE(writeNpy(path, batch, error)) << error;

  mlir::func::FuncOp func = getGraphFunction(*module, error);
  ASSERT_TRUE(func) << error;
  std::vector<GraphTensorInfo> ins, outs;
  ASSERT_TRUE(getFunctionSignature(func, ins, outs, error)) << error;
  CalibrationData data;
  ASSERT_TRUE(data.load(path, ins, error)) << error;
  llvm::sys::fs::remove_directories(dir);

  tagTensors(*module);
  mlir::OwningOpRef<mlir::ModuleOp> quantized = module->clone();
  QuantizeOptions options;
  ASSERT_TRUE(mlir::succeeded(
      quantizeModule(*quantized, data, options, error)))
      << error;
  ASSERT_TRUE(mlir::succeeded(mlir::verify(*quantized)));
  EXPECT_TRUE(collectFallbacks(*quantized).empty());

  // Every computation is integer now.
  mlir::func::FuncOp qfunc = getGraphFunction(*quantized, error);
  ASSERT_TRUE(qfunc) << error;
  int quantizedOps = 0;
  qfunc.walk([&](mlir::Operation *op) {
    if (op->getName().getStringRef() == "edge.fully_connected" ||
        op->getName().getStringRef() == "edge.add") {
      ++quantizedOps;
      EXPECT_TRUE(llvm::isa<mlir::quant::UniformQuantizedType>(
          llvm::cast<mlir::ShapedType>(op->getResult(0).getType())
              .getElementType()))
          << op->getName().getStringRef().str();
    }
  });
  EXPECT_EQ(quantizedOps, 2);

  // Inputs from the calibrated distribution (values outside it clip).
  std::vector<std::vector<HostTensor>> inputs;
  for (int sample : {3, 10, 41})
    inputs.push_back({input(std::vector<float>(
        values.begin() + 4 * sample, values.begin() + 4 * sample + 4))});
  std::vector<TensorError> errors;
  ASSERT_TRUE(mlir::succeeded(
      compareTensors(*module, *quantized, inputs, errors, error)))
      << error;
  ASSERT_EQ(errors.size(), 2u);
  for (const TensorError &e : errors) {
    // Steps of about 0.02 (ranges of about 5 units over 255 levels): a
    // couple of steps at most, accumulated over the two layers.
    EXPECT_GT(e.sqnrDb, 30.0) << e.node;
    EXPECT_LT(e.maxAbsError, 0.05) << e.node;
    EXPECT_GT(e.cosine, 0.99) << e.node;
  }
}

} // namespace
