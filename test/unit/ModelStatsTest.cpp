//===- ModelStatsTest.cpp - edgec::computeModelStats -----------------------===//
//
// Builds small onnx-dialect modules from MLIR text and checks the parameter
// and MAC counts of include/edgec/Analysis/ModelStats.h by hand-computed
// numbers.
//
//===----------------------------------------------------------------------===//
#include "edgec/Analysis/ModelStats.h"
#include "edgec/Support/InitAll.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/JSON.h"

#include "gtest/gtest.h"

#include <string>

using namespace edgec;

namespace {

class ModelStatsTest : public ::testing::Test {
protected:
  ModelStatsTest() {
    mlir::DialectRegistry registry;
    registerAllDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
  }

  /// Parses `func` (a func.func) inside a module with model attributes and
  /// computes its statistics into `stats`.
  ::testing::AssertionResult analyze(const std::string &func) {
    std::string text =
        "module attributes {onnx.opset = 17 : i64, onnx.source_opset = 13 : "
        "i64, onnx.producer = \"unit-test 1.0\", onnx.model_file = "
        "\"m.onnx\"} {\n" +
        func + "\n}\n";
    std::string diagnostics;
    mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &d) {
      diagnostics += d.str() + "\n";
      return mlir::success();
    });
    module = mlir::parseSourceString<mlir::ModuleOp>(text, &context);
    if (!module)
      return ::testing::AssertionFailure()
             << "cannot parse:\n"
             << text << "\n"
             << diagnostics;
    std::string error;
    if (!computeModelStats(*module, stats, error))
      return ::testing::AssertionFailure() << error;
    return ::testing::AssertionSuccess();
  }

  const LayerStats &layer(const std::string &name) {
    for (const LayerStats &l : stats.layers)
      if (l.name == name)
        return l;
    ADD_FAILURE() << "no layer '" << name << "'";
    static LayerStats none;
    return none;
  }

  mlir::MLIRContext context;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  ModelStats stats;
};

TEST_F(ModelStatsTest, ConvWithGroups) {
  // group=2: W is Cout x Cin/group x kH x kW = 8x2x3x3.
  // params = 8*2*3*3 + 8 = 152
  // MACs   = N*Cout*Hout*Wout * (Cin/group)*kH*kW = 1*8*8*8 * 2*3*3 = 9216
  ASSERT_TRUE(analyze(R"mlir(
func.func @main(%x: tensor<1x4x8x8xf32> {onnx.name = "image"}) -> (tensor<1x8x8x8xf32> {onnx.name = "features"}) {
  %w = onnx.Constant dense<0.5> : tensor<8x2x3x3xf32> loc("w")
  %b = onnx.Constant dense<0.0> : tensor<8xf32> loc("b")
  %y = "onnx.Conv"(%x, %w, %b) <{group = 2 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>, tensor<8xf32>) -> tensor<1x8x8x8xf32> loc("conv_g2"("m.onnx":0:0))
  return %y : tensor<1x8x8x8xf32>
}
)mlir"));
  ASSERT_EQ(stats.layers.size(), 1u);
  const LayerStats &conv = stats.layers[0];
  EXPECT_EQ(conv.name, "conv_g2");
  EXPECT_EQ(conv.opType, "Conv");
  ASSERT_EQ(conv.outputs.size(), 1u);
  EXPECT_EQ(conv.outputs[0].shapeString(), "1x8x8x8");
  EXPECT_EQ(conv.params, 152u);
  EXPECT_EQ(conv.macs, std::optional<uint64_t>(9216));
  EXPECT_EQ(stats.totalParams, 152u);
  EXPECT_EQ(stats.totalMacs, std::optional<uint64_t>(9216));
  EXPECT_EQ(stats.numConstants, 2u);
  EXPECT_EQ(stats.weightBytes, 152u * 4);

  EXPECT_EQ(stats.opset, 17);
  EXPECT_EQ(stats.sourceOpset, 13);
  EXPECT_EQ(stats.producer, "unit-test 1.0");
  EXPECT_EQ(stats.modelFile, "m.onnx");
  ASSERT_EQ(stats.inputs.size(), 1u);
  EXPECT_EQ(stats.inputs[0].name, "image");
  EXPECT_EQ(stats.inputs[0].shapeString(), "1x4x8x8");
  EXPECT_EQ(stats.inputs[0].elementType, "f32");
  ASSERT_EQ(stats.outputs.size(), 1u);
  EXPECT_EQ(stats.outputs[0].name, "features");
  // The output (8*8*8*4 = 2048 bytes) is bigger than the input (1024).
  EXPECT_EQ(stats.largestActivationBytes, 2048u);
  EXPECT_EQ(stats.largestActivationName, "features");
  EXPECT_EQ(stats.dynamicActivations, 0u);
}

TEST_F(ModelStatsTest, BiasSharedThroughIdentityCountsPerLayer) {
  // torch's exporter feeds one zero bias to two convs through Identity nodes;
  // each conv still has 4*4*1*1 + 4 = 20 parameters.
  ASSERT_TRUE(analyze(R"mlir(
func.func @main(%x: tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32> {
  %w1 = onnx.Constant dense<0.5> : tensor<4x4x1x1xf32>
  %w2 = onnx.Constant dense<0.25> : tensor<4x4x1x1xf32>
  %b = onnx.Constant dense<0.0> : tensor<4xf32>
  %b1 = "onnx.Identity"(%b) : (tensor<4xf32>) -> tensor<4xf32> loc("id1")
  %b2 = "onnx.Identity"(%b) : (tensor<4xf32>) -> tensor<4xf32> loc("id2")
  %y1 = "onnx.Conv"(%x, %w1, %b1) <{kernel_shape = array<i64: 1, 1>}> : (tensor<1x4x2x2xf32>, tensor<4x4x1x1xf32>, tensor<4xf32>) -> tensor<1x4x2x2xf32> loc("c1")
  %y2 = "onnx.Conv"(%y1, %w2, %b2) <{kernel_shape = array<i64: 1, 1>}> : (tensor<1x4x2x2xf32>, tensor<4x4x1x1xf32>, tensor<4xf32>) -> tensor<1x4x2x2xf32> loc("c2")
  return %y2 : tensor<1x4x2x2xf32>
}
)mlir"));
  EXPECT_EQ(layer("c1").params, 20u);
  EXPECT_EQ(layer("c2").params, 20u);
  EXPECT_EQ(stats.weightBytes, (16u + 16u + 4u) * 4);
}

TEST_F(ModelStatsTest, DepthwiseConvWithoutBias) {
  // group = Cin = Cout = 4, no padding: 8x8 -> 6x6.
  // params = 4*1*3*3 = 36; MACs = 1*4*6*6 * 1*3*3 = 1296.
  ASSERT_TRUE(analyze(R"mlir(
func.func @main(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x6x6xf32> {
  %w = onnx.Constant dense<0.5> : tensor<4x1x3x3xf32>
  %none = onnx.NoValue
  %y = "onnx.Conv"(%x, %w, %none) <{group = 4 : i64, kernel_shape = array<i64: 3, 3>}> : (tensor<1x4x8x8xf32>, tensor<4x1x3x3xf32>, none) -> tensor<1x4x6x6xf32> loc("dw")
  return %y : tensor<1x4x6x6xf32>
}
)mlir"));
  ASSERT_EQ(stats.layers.size(), 1u);
  EXPECT_EQ(layer("dw").params, 36u);
  EXPECT_EQ(layer("dw").macs, std::optional<uint64_t>(1296));
  EXPECT_EQ(stats.numConstants, 1u);
  EXPECT_EQ(stats.weightBytes, 144u);
}

TEST_F(ModelStatsTest, ConvTranspose) {
  // W is Cin x Cout/group x kH x kW = 4x2x3x3; 5x5 -> 7x7.
  // MACs = N*Cin*Hin*Win * (Cout/group)*kH*kW = 1*4*5*5 * 2*3*3 = 1800.
  ASSERT_TRUE(analyze(R"mlir(
func.func @main(%x: tensor<1x4x5x5xf32>) -> tensor<1x2x7x7xf32> {
  %w = onnx.Constant dense<0.5> : tensor<4x2x3x3xf32>
  %none = onnx.NoValue
  %y = "onnx.ConvTranspose"(%x, %w, %none) <{kernel_shape = array<i64: 3, 3>}> : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, none) -> tensor<1x2x7x7xf32> loc("up")
  return %y : tensor<1x2x7x7xf32>
}
)mlir"));
  EXPECT_EQ(layer("up").params, 72u);
  EXPECT_EQ(layer("up").macs, std::optional<uint64_t>(1800));
}

TEST_F(ModelStatsTest, GemmTransB) {
  // A 2x16, B 10x16 (transB) -> 2x10: MACs = M*N*K = 2*10*16 = 320.
  // params = 10*16 + 10 = 170.
  ASSERT_TRUE(analyze(R"mlir(
func.func @main(%a: tensor<2x16xf32>) -> tensor<2x10xf32> {
  %b = onnx.Constant dense<0.5> : tensor<10x16xf32>
  %c = onnx.Constant dense<0.0> : tensor<10xf32>
  %y = "onnx.Gemm"(%a, %b, %c) <{transB = 1 : i64}> : (tensor<2x16xf32>, tensor<10x16xf32>, tensor<10xf32>) -> tensor<2x10xf32> loc("fc")
  return %y : tensor<2x10xf32>
}
)mlir"));
  EXPECT_EQ(layer("fc").params, 170u);
  EXPECT_EQ(layer("fc").macs, std::optional<uint64_t>(320));
}

TEST_F(ModelStatsTest, GemmTransA) {
  // A 16x2 (transA), B 16x10 -> 2x10: MACs = 2*10*16 = 320.
  ASSERT_TRUE(analyze(R"mlir(
func.func @main(%a: tensor<16x2xf32>) -> tensor<2x10xf32> {
  %b = onnx.Constant dense<0.5> : tensor<16x10xf32>
  %none = onnx.NoValue
  %y = "onnx.Gemm"(%a, %b, %none) <{transA = 1 : i64}> : (tensor<16x2xf32>, tensor<16x10xf32>, none) -> tensor<2x10xf32> loc("fc")
  return %y : tensor<2x10xf32>
}
)mlir"));
  EXPECT_EQ(layer("fc").params, 160u);
  EXPECT_EQ(layer("fc").macs, std::optional<uint64_t>(320));
}

TEST_F(ModelStatsTest, MatMulBatched) {
  // 3x4x5 @ 5x6 -> 3x4x6: MACs = batch*M*N*K = 3*4*6*5 = 360, params 30.
  // 2x1x4x5 @ 3x5x6 -> 2x3x4x6 (broadcast): MACs = 2*3*4*6*5 = 720, no
  // constant operand, so no parameters.
  // 5 @ 5x6 -> 6: MACs = 6*5 = 30.
  ASSERT_TRUE(analyze(R"mlir(
func.func @main(%a: tensor<3x4x5xf32>, %p: tensor<2x1x4x5xf32>, %q: tensor<3x5x6xf32>, %v: tensor<5xf32>) -> (tensor<3x4x6xf32>, tensor<2x3x4x6xf32>, tensor<6xf32>) {
  %b = onnx.Constant dense<0.5> : tensor<5x6xf32>
  %y = "onnx.MatMul"(%a, %b) : (tensor<3x4x5xf32>, tensor<5x6xf32>) -> tensor<3x4x6xf32> loc("mm")
  %z = "onnx.MatMul"(%p, %q) : (tensor<2x1x4x5xf32>, tensor<3x5x6xf32>) -> tensor<2x3x4x6xf32> loc("bmm")
  %w = "onnx.MatMul"(%v, %b) : (tensor<5xf32>, tensor<5x6xf32>) -> tensor<6xf32> loc("vec")
  return %y, %z, %w : tensor<3x4x6xf32>, tensor<2x3x4x6xf32>, tensor<6xf32>
}
)mlir"));
  EXPECT_EQ(layer("mm").params, 30u);
  EXPECT_EQ(layer("mm").macs, std::optional<uint64_t>(360));
  EXPECT_EQ(layer("bmm").params, 0u);
  EXPECT_EQ(layer("bmm").macs, std::optional<uint64_t>(720));
  EXPECT_EQ(layer("vec").params, 30u);
  EXPECT_EQ(layer("vec").macs, std::optional<uint64_t>(30));
  // The shared constant counts once per layer, once in the weight bytes.
  EXPECT_EQ(stats.totalParams, 60u);
  EXPECT_EQ(stats.weightBytes, 120u);
  EXPECT_EQ(stats.totalMacs, std::optional<uint64_t>(360 + 720 + 30));
}

TEST_F(ModelStatsTest, DynamicDimsMakeMacsUnknown) {
  ASSERT_TRUE(analyze(R"mlir(
func.func @main(%x: tensor<?x4x8x8xf32>, %a: tensor<?x16xf32>) -> (tensor<?x8x8x8xf32>, tensor<?x10xf32>) {
  %w = onnx.Constant dense<0.5> : tensor<8x2x3x3xf32>
  %b = onnx.Constant dense<0.0> : tensor<8xf32>
  %y = "onnx.Conv"(%x, %w, %b) <{group = 2 : i64, pads = array<i64: 1, 1, 1, 1>}> : (tensor<?x4x8x8xf32>, tensor<8x2x3x3xf32>, tensor<8xf32>) -> tensor<?x8x8x8xf32> loc("conv")
  %r = "onnx.Relu"(%y) : (tensor<?x8x8x8xf32>) -> tensor<?x8x8x8xf32> loc("relu")
  %fw = onnx.Constant dense<0.5> : tensor<16x10xf32>
  %none = onnx.NoValue
  %g = "onnx.Gemm"(%a, %fw, %none) : (tensor<?x16xf32>, tensor<16x10xf32>, none) -> tensor<?x10xf32> loc("fc")
  return %r, %g : tensor<?x8x8x8xf32>, tensor<?x10xf32>
}
)mlir"));
  EXPECT_EQ(layer("conv").macs, std::nullopt);
  EXPECT_EQ(layer("conv").params, 152u);
  EXPECT_EQ(layer("relu").macs, std::optional<uint64_t>(0));
  EXPECT_EQ(layer("fc").macs, std::nullopt);
  EXPECT_EQ(layer("fc").params, 160u);
  EXPECT_EQ(stats.totalMacs, std::nullopt);
  EXPECT_EQ(stats.totalParams, 312u);
  EXPECT_EQ(layer("conv").outputs[0].shapeString(), "?x8x8x8");
  // Two inputs and three layer results, all of dynamic size.
  EXPECT_EQ(stats.dynamicActivations, 5u);
  EXPECT_EQ(stats.largestActivationName, "");

  std::string table;
  llvm::raw_string_ostream os(table);
  printModelStats(stats, os);
  EXPECT_NE(table.find("  0  conv  Conv  ?x8x8x8          152     ?\n"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("MACs:               ? (depends on dynamic "
                       "dimensions; give --input-shape)"),
            std::string::npos)
      << table;

  llvm::json::Value json = modelStatsToJSON(stats);
  const llvm::json::Object *totals = json.getAsObject()->getObject("totals");
  ASSERT_NE(totals, nullptr);
  EXPECT_EQ(totals->get("macs")->kind(), llvm::json::Value::Null);
  EXPECT_EQ(totals->getInteger("params"), std::optional<int64_t>(312));
}

TEST_F(ModelStatsTest, ParameterRule) {
  // Counted: the Add bias vector (float, >= 2 elements, used by two layers:
  // counted in each). Not counted: Reshape's int64 shape, Clip's scalar
  // bounds, the scalar Mul factor.
  ASSERT_TRUE(analyze(R"mlir(
func.func @main(%x: tensor<2x8xf32> {onnx.name = "x"}) -> tensor<16xf32> {
  %bias = onnx.Constant dense<1.0> : tensor<8xf32>
  %lo = onnx.Constant dense<0.0> : tensor<f32>
  %hi = onnx.Constant dense<6.0> : tensor<f32>
  %two = onnx.Constant dense<2.0> : tensor<f32>
  %shape = onnx.Constant dense<[16]> : tensor<1xi64>
  %a = "onnx.Add"(%x, %bias) : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32> loc("add1")
  %b = "onnx.Add"(%a, %bias) : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32> loc("add2")
  %s = "onnx.Add"(%bias, %bias) : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32> loc("twice")
  %m = "onnx.Mul"(%b, %two) : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32> loc("scale")
  %c = "onnx.Clip"(%m, %lo, %hi) : (tensor<2x8xf32>, tensor<f32>, tensor<f32>) -> tensor<2x8xf32> loc("clip")
  %r = "onnx.Reshape"(%c, %shape) : (tensor<2x8xf32>, tensor<1xi64>) -> tensor<16xf32> loc("flat")
  return %r : tensor<16xf32>
}
)mlir"));
  EXPECT_EQ(layer("add1").params, 8u);
  EXPECT_EQ(layer("add2").params, 8u);
  EXPECT_EQ(layer("twice").params, 8u); // same constant twice: once
  EXPECT_EQ(layer("scale").params, 0u);
  EXPECT_EQ(layer("clip").params, 0u);
  EXPECT_EQ(layer("flat").params, 0u);
  EXPECT_EQ(stats.totalParams, 24u);
  EXPECT_EQ(stats.totalMacs, std::optional<uint64_t>(0));
  // Every constant once: 8*4 + 3*4 + 8 = 52 bytes.
  EXPECT_EQ(stats.numConstants, 5u);
  EXPECT_EQ(stats.weightBytes, 52u);
  EXPECT_EQ(stats.layers.size(), 6u);
  EXPECT_EQ(stats.largestActivationBytes, 64u);
  EXPECT_EQ(stats.largestActivationName, "x");
}

TEST_F(ModelStatsTest, QLinearConv) {
  // Weights (int8) and the int32 bias are parameters; scales and zero
  // points are not. params = 4*2*3*3 + 4 = 76.
  // MACs = 1*4*3*3 * 2*3*3 = 648.
  ASSERT_TRUE(analyze(R"mlir(
func.func @main(%x: tensor<1x2x5x5xui8>) -> tensor<1x4x3x3xui8> {
  %xs = onnx.Constant dense<0.1> : tensor<f32>
  %xz = onnx.Constant dense<128> : tensor<ui8>
  %w = onnx.Constant dense<3> : tensor<4x2x3x3xi8>
  %ws = onnx.Constant dense<0.05> : tensor<4xf32>
  %wz = onnx.Constant dense<0> : tensor<4xi8>
  %ys = onnx.Constant dense<0.2> : tensor<f32>
  %yz = onnx.Constant dense<128> : tensor<ui8>
  %b = onnx.Constant dense<7> : tensor<4xi32>
  %y = "onnx.QLinearConv"(%x, %xs, %xz, %w, %ws, %wz, %ys, %yz, %b) : (tensor<1x2x5x5xui8>, tensor<f32>, tensor<ui8>, tensor<4x2x3x3xi8>, tensor<4xf32>, tensor<4xi8>, tensor<f32>, tensor<ui8>, tensor<4xi32>) -> tensor<1x4x3x3xui8> loc("qconv")
  return %y : tensor<1x4x3x3xui8>
}
)mlir"));
  EXPECT_EQ(layer("qconv").params, 76u);
  EXPECT_EQ(layer("qconv").macs, std::optional<uint64_t>(648));
  // 4 + 1 + 72 + 16 + 4 + 4 + 1 + 16 bytes.
  EXPECT_EQ(stats.weightBytes, 118u);
}

TEST_F(ModelStatsTest, UnnamedNodesAndMultipleResults) {
  ASSERT_TRUE(analyze(R"mlir(
func.func @main(%x: tensor<4x6xf32> {onnx.name = "x"}) -> (tensor<4x3xf32> {onnx.name = "left"}) {
  %split = onnx.Constant dense<[3, 3]> : tensor<2xi64>
  %a, %b = "onnx.Split"(%x, %split) <{axis = 1 : i64}> : (tensor<4x6xf32>, tensor<2xi64>) -> (tensor<4x3xf32>, tensor<4x3xf32>) loc("split")
  %n = "onnx.Neg"(%b) : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %a : tensor<4x3xf32>
}
)mlir"));
  ASSERT_EQ(stats.layers.size(), 2u);
  EXPECT_EQ(stats.layers[0].outputs.size(), 2u);
  EXPECT_EQ(stats.layers[0].outputs[0].name, "left"); // a graph output
  EXPECT_EQ(stats.layers[0].outputs[1].name, "split:1");
  EXPECT_EQ(stats.layers[1].name, "");
  EXPECT_EQ(stats.layers[1].outputs[0].name, "Neg#1");
  EXPECT_EQ(stats.largestActivationName, "x");
}

TEST_F(ModelStatsTest, AbsentOptionalOutputsAreNoTensors) {
  ASSERT_TRUE(analyze(R"mlir(
func.func @main(%x: tensor<1x2x4x4xf32> {onnx.name = "x"}) -> tensor<1x2x2x2xf32> {
  %y, %i = "onnx.MaxPool"(%x) <{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}> : (tensor<1x2x4x4xf32>) -> (tensor<1x2x2x2xf32>, none) loc("pool")
  return %y : tensor<1x2x2x2xf32>
}
)mlir"));
  ASSERT_EQ(stats.layers.size(), 1u);
  ASSERT_EQ(stats.layers[0].outputs.size(), 1u);
  EXPECT_EQ(stats.layers[0].outputs[0].shapeString(), "1x2x2x2");
  EXPECT_EQ(stats.dynamicActivations, 0u);
  EXPECT_EQ(stats.largestActivationName, "x");
  EXPECT_EQ(stats.largestActivationType, "1x2x4x4 f32");
}

TEST_F(ModelStatsTest, GatherCountsEmbeddingTablesNotShapes) {
  // Gather's data is a weight when it is an embedding table (10x4 floats), not
  // when it is an int64 shape constant.
  ASSERT_TRUE(analyze(R"mlir(
func.func @main(%ids: tensor<3xi64>) -> (tensor<3x4xf32>, tensor<i64>) {
  %table = onnx.Constant dense<0.5> : tensor<10x4xf32>
  %shape = onnx.Constant dense<[1, 3, 224, 224]> : tensor<4xi64>
  %idx = onnx.Constant dense<1> : tensor<i64>
  %e = "onnx.Gather"(%table, %ids) <{axis = 0 : i64}> : (tensor<10x4xf32>, tensor<3xi64>) -> tensor<3x4xf32> loc("embed")
  %c = "onnx.Gather"(%shape, %idx) <{axis = 0 : i64}> : (tensor<4xi64>, tensor<i64>) -> tensor<i64> loc("channels")
  return %e, %c : tensor<3x4xf32>, tensor<i64>
}
)mlir"));
  EXPECT_EQ(layer("embed").params, 40u);
  EXPECT_EQ(layer("channels").params, 0u);
  EXPECT_EQ(stats.weightBytes, 160u + 32 + 8);
}

TEST(ModelStatsHelpers, WeightRoles) {
  auto reshape = weightOperandRoles("Reshape");
  ASSERT_TRUE(reshape.has_value());
  EXPECT_TRUE(reshape->empty());
  EXPECT_FALSE(weightOperandRoles("Add").has_value());
  auto conv = weightOperandRoles("Conv");
  ASSERT_TRUE(conv.has_value());
  EXPECT_EQ(std::vector<unsigned>(conv->begin(), conv->end()),
            (std::vector<unsigned>{1, 2}));
}

TEST(ModelStatsHelpers, ElementBytes) {
  mlir::MLIRContext context;
  mlir::Builder b(&context);
  EXPECT_EQ(elementBytes(b.getF32Type(), 10), std::optional<uint64_t>(40));
  EXPECT_EQ(elementBytes(b.getF16Type(), 3), std::optional<uint64_t>(6));
  EXPECT_EQ(elementBytes(b.getI1Type(), 3), std::optional<uint64_t>(3));
  EXPECT_EQ(elementBytes(b.getIntegerType(4), 3), std::optional<uint64_t>(2));
  EXPECT_EQ(elementBytes(b.getIntegerType(64), 2),
            std::optional<uint64_t>(16));
  EXPECT_EQ(elementBytes(b.getNoneType(), 2), std::nullopt);
}

TEST(ModelStatsHelpers, Formatting) {
  EXPECT_EQ(formatCount(0), "0");
  EXPECT_EQ(formatCount(999), "999");
  EXPECT_EQ(formatCount(1000), "1,000");
  EXPECT_EQ(formatCount(1234567), "1,234,567");
  EXPECT_EQ(formatBytes(0), "0 B");
  EXPECT_EQ(formatBytes(1023), "1023 B");
  EXPECT_EQ(formatBytes(1024), "1.0 KiB");
  EXPECT_EQ(formatBytes(21752), "21.2 KiB");
  EXPECT_EQ(formatBytes(3u * 1024 * 1024 + 512 * 1024), "3.5 MiB");
}

} // namespace
