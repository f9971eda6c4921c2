//===- CalibrateTest.cpp - edgec::calibrate on small edge functions --------===//
//
// Parses a tiny float edge function, calibrates it on known samples and
// checks the edge.calibration attributes (the contract with the quantize
// pass): one [min, max] per f32 result, an empty array for other results,
// [min, max] on f32 arguments; plus options parsing, the progress line and
// errors.
//
//===----------------------------------------------------------------------===//
#include "edgec/Quant/Calibrate.h"

#include "edgec/Dialect/Edge/EdgeDialect.h"
#include "edgec/Support/GraphSignature.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <cstring>

using namespace edgec;

namespace {

const char *kFunc = R"mlir(
func.func @main(%x: tensor<1x4xf32> {onnx.name = "x"},
                %ids: tensor<2xi32> {onnx.name = "ids"})
    -> (tensor<1x4xf32>, tensor<1x4xi1>, tensor<2xi32>) {
  %c = edge.constant dense<[[1.0, -2.0, 3.0, 0.5]]> : tensor<1x4xf32>
  %0 = edge.add %x, %c : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %1 = edge.activation %0 {act = #edge.act<relu>} : tensor<1x4xf32> -> tensor<1x4xf32>
  %2 = edge.compare <gt> %0, %1 : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xi1>
  %3 = edge.add %ids, %ids : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %1, %2, %3 : tensor<1x4xf32>, tensor<1x4xi1>, tensor<2xi32>
}
)mlir";

class CalibrateTest : public ::testing::Test {
protected:
  CalibrateTest() {
    context.loadDialect<edge::EdgeDialect, mlir::func::FuncDialect,
                        mlir::quant::QuantDialect>();
  }
  void SetUp() override {
    llvm::SmallString<128> path;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("edgec-calibrate", path));
    dir = std::string(path);
    module = mlir::parseSourceString<mlir::ModuleOp>(kFunc, &context);
    ASSERT_TRUE(module);
    std::string error;
    func = getGraphFunction(*module, error);
    ASSERT_TRUE(func) << error;
  }
  void TearDown() override { llvm::sys::fs::remove_directories(dir); }

  /// Sample k: x = [[k, -k, 2k, 0.5]], ids = [k, k], for k < n, written as
  /// one batched .npy per input.
  void loadSamples(int n) {
    HostTensor x, ids;
    x.type = ElemType::F32;
    x.shape = {n, 1, 4};
    ids.type = ElemType::I32;
    ids.shape = {n, 2};
    for (int k = 0; k < n; ++k) {
      for (float v : {float(k), -float(k), 2.0f * k, 0.5f})
        append(x, v);
      append(ids, int32_t(k));
      append(ids, int32_t(k));
    }
    llvm::sys::fs::create_directories(dir + "/data");
    std::string error;
    ASSERT_TRUE(writeNpy(dir + "/data/x.npy", x, error)) << error;
    ASSERT_TRUE(writeNpy(dir + "/data/ids.npy", ids, error)) << error;
    std::vector<GraphTensorInfo> inputs, outputs;
    ASSERT_TRUE(getFunctionSignature(func, inputs, outputs, error)) << error;
    ASSERT_TRUE(data.load(dir + "/data", inputs, error)) << error;
    ASSERT_EQ(data.size(), n);
  }
  template <typename T> static void append(HostTensor &t, T v) {
    char buf[sizeof(T)];
    std::memcpy(buf, &v, sizeof(T));
    t.data.insert(t.data.end(), buf, buf + sizeof(T));
  }

  /// The edge.calibration ranges of `op` as [[min, max] | [], ...].
  static std::vector<std::vector<double>> ranges(mlir::Operation &op) {
    std::vector<std::vector<double>> out;
    auto array = op.getAttrOfType<mlir::ArrayAttr>(kCalibrationAttrName);
    if (!array)
      return out;
    for (mlir::Attribute a : array) {
      llvm::ArrayRef<double> r =
          llvm::cast<mlir::DenseF64ArrayAttr>(a).asArrayRef();
      out.emplace_back(r.begin(), r.end());
    }
    return out;
  }
  mlir::Operation &op(unsigned i) {
    return *std::next(func.getBody().front().begin(), i);
  }

  mlir::MLIRContext context;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  mlir::func::FuncOp func;
  CalibrationData data;
  std::string dir;
};

using Ranges = std::vector<std::vector<double>>;

TEST_F(CalibrateTest, MinMaxRangesOnEveryTensor) {
  loadSamples(12);
  CalibrationOptions options;
  std::string error;
  ASSERT_TRUE(mlir::succeeded(calibrate(func, data, options, error))) << error;
  ASSERT_TRUE(mlir::succeeded(mlir::verify(*module)));

  auto argRange = func.getArgAttrOfType<mlir::DenseF64ArrayAttr>(
      0, kCalibrationAttrName);
  ASSERT_TRUE(argRange);
  EXPECT_EQ(llvm::to_vector(argRange.asArrayRef()),
            (llvm::SmallVector<double>{-11.0, 22.0}));
  EXPECT_FALSE(func.getArgAttr(1, kCalibrationAttrName)); // i32 argument

  EXPECT_EQ(ranges(op(0)), (Ranges{{-2.0, 3.0}}));   // constant
  EXPECT_EQ(ranges(op(1)), (Ranges{{-13.0, 25.0}})); // x + c
  EXPECT_EQ(ranges(op(2)), (Ranges{{0.0, 25.0}}));   // relu
  EXPECT_EQ(ranges(op(3)), (Ranges{{}}));            // i1 result
  EXPECT_EQ(ranges(op(4)), (Ranges{{}}));            // i32 result
  EXPECT_FALSE(op(5).hasAttr(kCalibrationAttrName)); // return
}

TEST_F(CalibrateTest, HistogramMethodsStayWithinTheObservedRange) {
  loadSamples(40);
  for (CalibrationMethod m :
       {CalibrationMethod::Percentile, CalibrationMethod::Entropy,
        CalibrationMethod::MSE}) {
    SCOPED_TRACE(getCalibrationMethodName(m));
    CalibrationOptions options;
    options.method = m;
    std::string error;
    ASSERT_TRUE(mlir::succeeded(calibrate(func, data, options, error)))
        << error;
    Ranges r = ranges(op(2));
    ASSERT_EQ(r.size(), 1u);
    ASSERT_EQ(r[0].size(), 2u);
    EXPECT_EQ(r[0][0], 0.0);
    EXPECT_GT(r[0][1], 10.0);
    EXPECT_LE(r[0][1], 81.0);
  }
}

TEST_F(CalibrateTest, ProgressLine) {
  loadSamples(12);
  CalibrationOptions options;
  options.progress = true;
  std::string progress;
  llvm::raw_string_ostream os(progress);
  options.progressStream = &os;
  std::string error;
  ASSERT_TRUE(mlir::succeeded(calibrate(func, data, options, error))) << error;
  EXPECT_NE(progress.find("\rcalibrating: 1/12 samples"), std::string::npos);
  EXPECT_NE(progress.find("\rcalibrating: 12/12 samples\n"),
            std::string::npos);

  // Off unless asked for, and not for a handful of samples.
  progress.clear();
  options.progress = false;
  ASSERT_TRUE(mlir::succeeded(calibrate(func, data, options, error))) << error;
  EXPECT_EQ(progress, "");
}

TEST_F(CalibrateTest, DataForOtherInputs) {
  loadSamples(2);
  auto other = mlir::parseSourceString<mlir::ModuleOp>(
      "func.func @f(%a: tensor<3xf32>) -> tensor<3xf32> { return %a : "
      "tensor<3xf32> }",
      &context);
  ASSERT_TRUE(other);
  std::string error;
  mlir::func::FuncOp otherFunc = getGraphFunction(*other, error);
  ASSERT_TRUE(otherFunc) << error;
  EXPECT_TRUE(mlir::failed(calibrate(otherFunc, data, {}, error)));
  EXPECT_EQ(error, "the calibration data was read for other graph inputs "
                   "than those of function 'f'");
}

TEST(CalibrationOptionsTest, ParseHelpers) {
  std::string error;
  double p;
  ASSERT_TRUE(parseCalibrationPercentile("99.9", p, error));
  EXPECT_EQ(p, 99.9);
  EXPECT_FALSE(parseCalibrationPercentile("120", p, error));
  EXPECT_EQ(error, "invalid calibration percentile '120' (expected a number "
                   "in (50, 100], e.g. 99.99)");
  EXPECT_FALSE(parseCalibrationPercentile("abc", p, error));
  unsigned bits;
  ASSERT_TRUE(parseQuantizationBits("int8", bits, error));
  EXPECT_EQ(bits, 8u);
  ASSERT_TRUE(parseQuantizationBits("16", bits, error));
  EXPECT_EQ(bits, 16u);
  EXPECT_FALSE(parseQuantizationBits("int4", bits, error));
  EXPECT_EQ(error,
            "unsupported quantization type 'int4' (expected int8 or int16)");

  CalibrationOptions options;
  EXPECT_EQ(options.validate(), "");
  options.bits = 4;
  EXPECT_EQ(options.validate(),
            "unsupported quantization width 4 bits (expected 8 or 16)");
}

} // namespace
