//===- QDQExportTest.cpp - lib/Export: edgec's quantization as QDQ ONNX ---===//
//
// Exports a generated Conv + Relu model and checks the ModelProto against
// the quantized edge IR the export leaves in the module: Q/DQ around the
// conv with the activation parameters of the edge types, int8 weights (per
// output channel, recomputed here from the float weights and edgec's
// scales), int32 bias (recomputed from the float bias), ONNX's checker.
//
//===----------------------------------------------------------------------===//
#include "edgec/Export/QDQExport.h"

#include "edgec/Dialect/Edge/EdgeOps.h"
#include "edgec/Import/OnnxImporter.h"
#include "edgec/Support/InitAll.h"
#include "edgec/Support/TensorIO.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include "onnx/checker.h"
#include "onnx/onnx_pb.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>

using namespace mlir;
namespace edge = edgec::edge;

namespace {

constexpr int64_t kIn = 2, kOut = 3, kSize = 6, kSamples = 8;

/// Deterministic values in [lo, hi).
struct Lcg {
  uint32_t state = 12345;
  float next(float lo, float hi) {
    state = state * 1664525u + 1013904223u;
    return lo + (hi - lo) * static_cast<float>(state >> 8) / 16777216.0f;
  }
};

void addFloatInitializer(::onnx::GraphProto *g, const std::string &name,
                         const std::vector<int64_t> &dims,
                         const std::vector<float> &values) {
  ::onnx::TensorProto *t = g->add_initializer();
  t->set_name(name);
  t->set_data_type(::onnx::TensorProto::FLOAT);
  for (int64_t d : dims)
    t->add_dims(d);
  for (float v : values)
    t->add_float_data(v);
}

void setType(::onnx::ValueInfoProto *vi, const std::string &name,
             const std::vector<int64_t> &dims) {
  vi->set_name(name);
  auto *tt = vi->mutable_type()->mutable_tensor_type();
  tt->set_elem_type(::onnx::TensorProto::FLOAT);
  for (int64_t d : dims)
    tt->mutable_shape()->add_dim()->set_dim_value(d);
}

/// x [1,2,6,6] -> Conv(W [3,2,3,3], B [3], pads 1) -> Relu -> y.
::onnx::ModelProto makeConvModel(std::vector<float> &w, std::vector<float> &b) {
  Lcg lcg;
  w.resize(kOut * kIn * 9);
  for (float &v : w)
    v = lcg.next(-1.0f, 1.0f);
  b.resize(kOut);
  for (float &v : b)
    v = lcg.next(-0.5f, 0.5f);
  ::onnx::ModelProto m;
  m.set_ir_version(8);
  auto *opset = m.add_opset_import();
  opset->set_domain("");
  opset->set_version(17);
  ::onnx::GraphProto *g = m.mutable_graph();
  g->set_name("convrelu");
  setType(g->add_input(), "x", {1, kIn, kSize, kSize});
  setType(g->add_output(), "y", {1, kOut, kSize, kSize});
  addFloatInitializer(g, "W", {kOut, kIn, 3, 3}, w);
  addFloatInitializer(g, "B", {kOut}, b);
  ::onnx::NodeProto *conv = g->add_node();
  conv->set_op_type("Conv");
  conv->set_name("conv");
  conv->add_input("x");
  conv->add_input("W");
  conv->add_input("B");
  conv->add_output("c");
  auto *pads = conv->add_attribute();
  pads->set_name("pads");
  pads->set_type(::onnx::AttributeProto::INTS);
  for (int i = 0; i < 4; ++i)
    pads->add_ints(1);
  ::onnx::NodeProto *relu = g->add_node();
  relu->set_op_type("Relu");
  relu->set_name("relu");
  relu->add_input("c");
  relu->add_output("y");
  return m;
}

/// The values of an initializer (raw_data or the typed fields), as doubles.
std::vector<double> valuesOf(const ::onnx::TensorProto &t) {
  std::vector<double> out;
  const std::string &raw = t.raw_data();
  switch (t.data_type()) {
  case ::onnx::TensorProto::FLOAT:
    if (!raw.empty()) {
      for (size_t i = 0; i + 4 <= raw.size(); i += 4) {
        float f;
        std::memcpy(&f, raw.data() + i, 4);
        out.push_back(f);
      }
    }
    for (float f : t.float_data())
      out.push_back(f);
    break;
  case ::onnx::TensorProto::INT8:
    for (char c : raw)
      out.push_back(static_cast<int8_t>(c));
    for (int32_t v : t.int32_data())
      out.push_back(v);
    break;
  case ::onnx::TensorProto::INT32:
    for (size_t i = 0; i + 4 <= raw.size(); i += 4) {
      int32_t v;
      std::memcpy(&v, raw.data() + i, 4);
      out.push_back(v);
    }
    for (int32_t v : t.int32_data())
      out.push_back(v);
    break;
  default:
    break;
  }
  return out;
}

class QDQExportTest : public ::testing::Test {
protected:
  void SetUp() override {
    registry = std::make_unique<DialectRegistry>();
    edgec::registerAllDialects(*registry);
    context = std::make_unique<MLIRContext>(*registry);
    context->loadAllAvailableDialects();
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("edgec-qdq", dir));
    modelPath = (dir + "/convrelu.onnx").str();
    std::ofstream os(modelPath, std::ios::binary);
    ASSERT_TRUE(makeConvModel(weights, bias).SerializeToOstream(&os));
    os.close();
    // Calibration: kSamples batched samples of x.
    edgec::HostTensor calib;
    calib.shape = {kSamples, 1, kIn, kSize, kSize};
    calib.data.resize(calib.numElements() * 4);
    Lcg lcg;
    lcg.state = 777;
    for (int64_t i = 0; i < calib.numElements(); ++i) {
      float v = lcg.next(-1.0f, 2.0f);
      std::memcpy(calib.data.data() + 4 * i, &v, 4);
    }
    calibPath = (dir + "/x.npy").str();
    std::string error;
    ASSERT_TRUE(edgec::writeNpy(calibPath, calib, error)) << error;
  }
  void TearDown() override { llvm::sys::fs::remove_directories(dir); }

  OwningOpRef<ModuleOp> import() {
    std::string error;
    OwningOpRef<ModuleOp> module = edgec::importOnnxModel(
        modelPath, *context, edgec::ImportOptions(), error);
    EXPECT_TRUE(module) << error;
    return module;
  }
  edgec::QDQExportOptions options() const {
    edgec::QDQExportOptions o;
    o.calibration = calibPath;
    o.modelPath = modelPath;
    return o;
  }

  std::unique_ptr<DialectRegistry> registry;
  std::unique_ptr<MLIRContext> context;
  llvm::SmallString<128> dir;
  std::string modelPath, calibPath;
  std::vector<float> weights, bias;
};

TEST_F(QDQExportTest, ConvReluRoundTrip) {
  OwningOpRef<ModuleOp> module = import();
  ASSERT_TRUE(module);
  std::string bytes, error;
  ASSERT_TRUE(succeeded(
      edgec::buildQDQModel(*module, options(), bytes, error)))
      << error;
  ::onnx::ModelProto model;
  ASSERT_TRUE(model.ParseFromString(bytes));
  EXPECT_NO_THROW(::onnx::checker::check_model(model));

  // The quantized edge IR the export matched against.
  edge::Conv2DOp conv;
  module->walk([&](edge::Conv2DOp op) { conv = op; });
  ASSERT_TRUE(conv);
  auto elemOf = [](Value v) {
    return cast<ShapedType>(v.getType()).getElementType();
  };
  auto in = dyn_cast<quant::UniformQuantizedType>(elemOf(conv.getInput()));
  auto out = dyn_cast<quant::UniformQuantizedType>(elemOf(conv.getOutput()));
  auto filter =
      dyn_cast<quant::UniformQuantizedPerAxisType>(elemOf(conv.getFilter()));
  ASSERT_TRUE(in && out && filter);
  ASSERT_EQ(filter.getScales().size(), static_cast<size_t>(kOut));

  const ::onnx::GraphProto &g = model.graph();
  std::map<std::string, const ::onnx::NodeProto *> producer;
  std::map<std::string, const ::onnx::TensorProto *> init;
  int quantizeNodes = 0, dequantizeNodes = 0;
  const ::onnx::NodeProto *convNode = nullptr;
  for (const ::onnx::NodeProto &n : g.node()) {
    for (const std::string &o : n.output())
      producer[o] = &n;
    quantizeNodes += n.op_type() == "QuantizeLinear";
    dequantizeNodes += n.op_type() == "DequantizeLinear";
    if (n.op_type() == "Conv")
      convNode = &n;
  }
  for (const ::onnx::TensorProto &t : g.initializer())
    init[t.name()] = &t;
  EXPECT_GE(quantizeNodes, 2);   // input, output
  EXPECT_GE(dequantizeNodes, 4); // input, weight, bias, output
  ASSERT_TRUE(convNode);
  ASSERT_EQ(convNode->input_size(), 3);
  EXPECT_EQ(init.count("W"), 0u) << "the float weights are not exported";

  // A DequantizeLinear and its initializer inputs.
  auto dqOf = [&](const std::string &name) -> const ::onnx::NodeProto * {
    auto it = producer.find(name);
    return it != producer.end() && it->second->op_type() == "DequantizeLinear"
               ? it->second
               : nullptr;
  };
  auto initValues = [&](const std::string &name) {
    auto it = init.find(name);
    return it == init.end() ? std::vector<double>() : valuesOf(*it->second);
  };

  // Input: x -> QuantizeLinear -> DequantizeLinear -> Conv, with the conv's
  // input parameters.
  const ::onnx::NodeProto *inDq = dqOf(convNode->input(0));
  ASSERT_TRUE(inDq);
  auto qIt = producer.find(inDq->input(0));
  ASSERT_TRUE(qIt != producer.end());
  EXPECT_EQ(qIt->second->op_type(), "QuantizeLinear");
  EXPECT_EQ(qIt->second->input(0), "x");
  EXPECT_EQ(initValues(inDq->input(1)),
            std::vector<double>({static_cast<float>(in.getScale())}));
  EXPECT_EQ(initValues(inDq->input(2)),
            std::vector<double>({static_cast<double>(in.getZeroPoint())}));
  EXPECT_EQ(init.at(inDq->input(2))->data_type(), ::onnx::TensorProto::INT8);

  // Weights: int8 per output channel with edgec's scales, zero points 0.
  const ::onnx::NodeProto *wDq = dqOf(convNode->input(1));
  ASSERT_TRUE(wDq);
  ASSERT_EQ(init.at(wDq->input(0))->data_type(), ::onnx::TensorProto::INT8);
  std::vector<double> wq = initValues(wDq->input(0));
  std::vector<double> ws = initValues(wDq->input(1));
  std::vector<double> wz = initValues(wDq->input(2));
  ASSERT_EQ(wq.size(), weights.size());
  ASSERT_EQ(ws.size(), static_cast<size_t>(kOut));
  EXPECT_EQ(wz, std::vector<double>(kOut, 0.0));
  for (int64_t o = 0; o < kOut; ++o) {
    double scale = filter.getScales()[o];
    EXPECT_EQ(ws[o], static_cast<float>(scale));
    for (int64_t i = 0; i < kIn * 9; ++i) {
      int64_t k = o * kIn * 9 + i;
      double q = std::clamp<double>(std::round(weights[k] / scale),
                                    filter.getStorageTypeMin(),
                                    filter.getStorageTypeMax());
      EXPECT_EQ(wq[k], q) << "weight " << k;
    }
  }
  int64_t axis = -1;
  for (const ::onnx::AttributeProto &a : wDq->attribute())
    if (a.name() == "axis")
      axis = a.i();
  EXPECT_EQ(axis, 0);

  // Bias: int32, scale input_scale * weight_scale[o].
  const ::onnx::NodeProto *bDq = dqOf(convNode->input(2));
  ASSERT_TRUE(bDq);
  EXPECT_EQ(init.at(bDq->input(0))->data_type(), ::onnx::TensorProto::INT32);
  std::vector<double> bq = initValues(bDq->input(0));
  std::vector<double> bs = initValues(bDq->input(1));
  ASSERT_EQ(bq.size(), static_cast<size_t>(kOut));
  ASSERT_EQ(bs.size(), static_cast<size_t>(kOut));
  for (int64_t o = 0; o < kOut; ++o) {
    double scale = static_cast<double>(static_cast<float>(in.getScale())) *
                   filter.getScales()[o];
    EXPECT_NEAR(bs[o], scale, 1e-6 * scale);
    EXPECT_EQ(bq[o], std::round(bias[o] / scale)) << "bias " << o;
  }

  // Output: the graph output y is a DequantizeLinear with the parameters of
  // the conv's (Relu-fused) result.
  const ::onnx::NodeProto *yDq = dqOf("y");
  ASSERT_TRUE(yDq);
  EXPECT_EQ(initValues(yDq->input(1)),
            std::vector<double>({static_cast<float>(out.getScale())}));
  EXPECT_EQ(initValues(yDq->input(2)),
            std::vector<double>({static_cast<double>(out.getZeroPoint())}));
}

TEST_F(QDQExportTest, Int16ActivationsAreAnError) {
  OwningOpRef<ModuleOp> module = import();
  ASSERT_TRUE(module);
  edgec::QDQExportOptions o = options();
  o.quantize.activations = "int16";
  std::string bytes, error;
  EXPECT_TRUE(failed(edgec::buildQDQModel(*module, o, bytes, error)));
  EXPECT_TRUE(bytes.empty());
  EXPECT_EQ(error, modelPath + ": QDQ export writes int8 activations only "
                               "(ONNX opset 17 has no int16 QuantizeLinear); "
                               "got int16 activations");
}

TEST_F(QDQExportTest, NothingIsWrittenOnFailure) {
  OwningOpRef<ModuleOp> module = import();
  ASSERT_TRUE(module);
  edgec::QDQExportOptions o = options();
  o.calibration = (dir + "/missing.npy").str();
  std::string output = (dir + "/out.onnx").str(), error;
  EXPECT_TRUE(failed(edgec::exportQDQModel(*module, o, output, error)));
  EXPECT_NE(error.find("missing.npy"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  EXPECT_FALSE(llvm::sys::fs::exists(output));
  // Only the two inputs are in the directory: no temporary file left.
  std::error_code ec;
  int files = 0;
  for (llvm::sys::fs::directory_iterator it(dir, ec), e; !ec && it != e;
       it.increment(ec))
    ++files;
  EXPECT_EQ(files, 2);
}

} // namespace
