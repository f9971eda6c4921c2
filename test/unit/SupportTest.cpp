//===- SupportTest.cpp - the dialect-neutral support library --------------===//
//
// ConstantTensor (dense, splat, dense_resource, malformed and elided blobs),
// buildElementsAttr (forms, threshold, textual round trip), getOnnxNodeName /
// describeOp, getGraphFunction and getFunctionSignature. Expected values are
// the inputs the tests construct (C arrays, hand-written IR), never edgec's
// own output.
//
//===----------------------------------------------------------------------===//
#include "edgec/Support/ConstantTensor.h"
#include "edgec/Support/GraphSignature.h"
#include "edgec/Support/NodeName.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <cstring>
#include <vector>

using namespace mlir;
using namespace edgec;

namespace {

class SupportTest : public ::testing::Test {
protected:
  SupportTest() {
    context.loadDialect<arith::ArithDialect, func::FuncDialect,
                        quant::QuantDialect>();
  }

  template <typename T> static ArrayRef<char> bytesOf(const std::vector<T> &v) {
    return ArrayRef<char>(reinterpret_cast<const char *>(v.data()),
                          v.size() * sizeof(T));
  }
  RankedTensorType tensor(ArrayRef<int64_t> shape, Type elementType) {
    return RankedTensorType::get(shape, elementType);
  }
  /// A dense_resource attribute made directly with MLIR's API (not with
  /// buildElementsAttr), holding `data` as its blob.
  ElementsAttr rawResource(ShapedType type, ArrayRef<char> data) {
    return DenseResourceElementsAttr::get(
        type, "raw",
        HeapAsmResourceBlob::allocateAndCopyWithAlign(data, alignof(int64_t)));
  }
  OwningOpRef<ModuleOp> parse(StringRef text) {
    return parseSourceString<ModuleOp>(text, &context);
  }

  MLIRContext context;
  Builder b{&context};
};

//===----------------------------------------------------------------------===//
// ConstantTensor
//===----------------------------------------------------------------------===//

TEST_F(SupportTest, ReadsDenseFloats) {
  std::vector<float> values = {1.5f, -2.25f, 0.0f, 1e-3f, 7.0f, -0.5f};
  auto type = tensor({2, 3}, b.getF32Type());
  auto attr = DenseElementsAttr::get(type, ArrayRef<float>(values));
  std::optional<ConstantTensor> ct = ConstantTensor::get(attr);
  ASSERT_TRUE(ct);
  EXPECT_EQ(ct->size(), 6);
  EXPECT_FALSE(ct->isSplat());
  EXPECT_FALSE(ct->isResource());
  EXPECT_TRUE(ct->isFloat());
  EXPECT_EQ(ct->getElementBytes(), 4u);
  for (int64_t i = 0; i < 6; ++i)
    EXPECT_EQ(ct->getFloat(i).convertToFloat(), values[i]) << i;
  ArrayRef<char> raw = ct->getRawData();
  ASSERT_EQ(raw.size(), values.size() * sizeof(float));
  EXPECT_EQ(std::memcmp(raw.data(), values.data(), raw.size()), 0);
}

TEST_F(SupportTest, ReadsSignedAndUnsignedIntegers) {
  std::vector<int8_t> s8 = {-128, -3, 0, 127};
  auto si = DenseElementsAttr::get(tensor({4}, b.getIntegerType(8)),
                                   ArrayRef<int8_t>(s8));
  std::optional<ConstantTensor> a = ConstantTensor::get(si);
  ASSERT_TRUE(a);
  EXPECT_FALSE(a->isUnsigned());
  EXPECT_EQ(a->getInt64s(), (SmallVector<int64_t>{-128, -3, 0, 127}));

  std::vector<uint8_t> u8 = {0, 1, 250, 255};
  auto ui = DenseElementsAttr::get(
      tensor({4}, IntegerType::get(&context, 8, IntegerType::Unsigned)),
      ArrayRef<uint8_t>(u8));
  std::optional<ConstantTensor> u = ConstantTensor::get(ui);
  ASSERT_TRUE(u);
  EXPECT_TRUE(u->isUnsigned());
  EXPECT_EQ(u->getInt64s(), (SmallVector<int64_t>{0, 1, 250, 255}));

  auto bools = DenseElementsAttr::get(tensor({3}, b.getI1Type()),
                                      ArrayRef<bool>{true, false, true});
  std::optional<ConstantTensor> c = ConstantTensor::get(bools);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->getElementBytes(), 1u);
  EXPECT_EQ(c->getInt64s(), (SmallVector<int64_t>{1, 0, 1}));
}

TEST_F(SupportTest, ReadsSplatsAsOneElement) {
  auto type = tensor({4, 5}, b.getF32Type());
  auto attr = DenseElementsAttr::get(type, 3.5f);
  std::optional<ConstantTensor> ct = ConstantTensor::get(attr);
  ASSERT_TRUE(ct);
  EXPECT_TRUE(ct->isSplat());
  EXPECT_EQ(ct->size(), 20);
  EXPECT_EQ(ct->getRawData().size(), 4u);
  EXPECT_EQ(ct->getFloat(0).convertToFloat(), 3.5f);
  EXPECT_EQ(ct->getFloat(19).convertToFloat(), 3.5f);
  std::vector<char> all = ct->getExpandedData();
  ASSERT_EQ(all.size(), 80u);
  for (int i = 0; i < 20; ++i) {
    float f;
    std::memcpy(&f, all.data() + 4 * i, 4);
    EXPECT_EQ(f, 3.5f) << i;
  }
}

TEST_F(SupportTest, ReadsDenseResources) {
  std::vector<int16_t> values = {-32768, -1, 0, 1, 300, 32767};
  auto type = tensor({3, 2}, b.getIntegerType(16));
  std::optional<ConstantTensor> ct =
      ConstantTensor::get(rawResource(type, bytesOf(values)));
  ASSERT_TRUE(ct);
  EXPECT_TRUE(ct->isResource());
  EXPECT_FALSE(ct->isSplat());
  EXPECT_EQ(ct->getInt64s(),
            (SmallVector<int64_t>{-32768, -1, 0, 1, 300, 32767}));
}

TEST_F(SupportTest, ReadsConstantValues) {
  OwningOpRef<ModuleOp> module = parse(R"mlir(
    func.func @f() -> tensor<2xi32> {
      %c = arith.constant dense<[7, -9]> : tensor<2xi32>
      return %c : tensor<2xi32>
    })mlir");
  ASSERT_TRUE(module);
  auto func = *module->getOps<func::FuncOp>().begin();
  Value c = func.getBody().front().front().getResult(0);
  std::optional<ConstantTensor> ct = ConstantTensor::get(c);
  ASSERT_TRUE(ct);
  EXPECT_EQ(ct->getInt64s(), (SmallVector<int64_t>{7, -9}));
  // A block argument is no constant.
  EXPECT_FALSE(ConstantTensor::get(Value()));
}

TEST_F(SupportTest, RejectsMalformedAndElidedBlobs) {
  // Three floats' bytes for a four-element type.
  std::vector<float> three = {1.0f, 2.0f, 3.0f};
  EXPECT_FALSE(ConstantTensor::get(
      rawResource(tensor({4}, b.getF32Type()), bytesOf(three))));

  // A resource printed with its data elided has no blob.
  OwningOpRef<ModuleOp> module = parse(R"mlir(
    module attributes {test.w = dense_resource<__elided__> : tensor<4xf32>} {
    })mlir");
  ASSERT_TRUE(module);
  Attribute elided = (*module)->getAttr("test.w");
  ASSERT_TRUE(isa<DenseResourceElementsAttr>(elided));
  EXPECT_FALSE(ConstantTensor::get(elided));
}

TEST_F(SupportTest, RejectsDynamicShapesAndOtherTypes) {
  EXPECT_FALSE(ConstantTensor::get(Attribute()));
  EXPECT_FALSE(ConstantTensor::get(b.getI32IntegerAttr(3)));
  auto index = DenseElementsAttr::get(tensor({2}, b.getIndexType()),
                                      ArrayRef<int64_t>{1, 2});
  EXPECT_FALSE(ConstantTensor::get(index));
}

//===----------------------------------------------------------------------===//
// buildElementsAttr
//===----------------------------------------------------------------------===//

TEST_F(SupportTest, BuildsInlineUpToTheThresholdAndResourcesAbove) {
  for (int64_t n : {kInlineElementLimit, kInlineElementLimit + 1}) {
    std::vector<float> values(n);
    for (int64_t i = 0; i < n; ++i)
      values[i] = 0.25f * static_cast<float>(i) - 3.0f;
    auto type = tensor({n}, b.getF32Type());
    ElementsAttr attr = buildElementsAttr(type, bytesOf(values), "w",
                                          ConstantForm::InlineIfSmall);
    EXPECT_EQ(isa<DenseResourceElementsAttr>(attr), n > kInlineElementLimit)
        << n;
    EXPECT_EQ(attr.getType(), type);
    std::optional<ConstantTensor> ct = ConstantTensor::get(attr);
    ASSERT_TRUE(ct);
    ASSERT_EQ(ct->getRawData().size(), values.size() * sizeof(float));
    EXPECT_EQ(std::memcmp(ct->getRawData().data(), values.data(),
                          values.size() * sizeof(float)),
              0);
  }
}

TEST_F(SupportTest, BuildsTheFormAskedFor) {
  std::vector<int32_t> small = {5, -6, 7};
  auto smallType = tensor({3}, b.getIntegerType(32));
  ElementsAttr res = buildElementsAttr(smallType, bytesOf(small), "init",
                                       ConstantForm::Resource);
  ASSERT_TRUE(isa<DenseResourceElementsAttr>(res));
  EXPECT_EQ(cast<DenseResourceElementsAttr>(res).getRawHandle().getKey(),
            "init");
  EXPECT_EQ(ConstantTensor::get(res)->getInt64s(),
            (SmallVector<int64_t>{5, -6, 7}));

  std::vector<int32_t> large(1000);
  for (int i = 0; i < 1000; ++i)
    large[i] = i * 7 - 3000;
  ElementsAttr inl =
      buildElementsAttr(tensor({1000}, b.getIntegerType(32)), bytesOf(large),
                        "x", ConstantForm::Inline);
  auto dense = dyn_cast<DenseElementsAttr>(inl);
  ASSERT_TRUE(dense);
  int i = 0;
  for (int32_t v : dense.getValues<int32_t>())
    EXPECT_EQ(v, large[i++]);
}

TEST_F(SupportTest, BuildsSplatsEmptyAndBooleans) {
  // One element for a 100-element type is a splat, whatever the form.
  std::vector<float> one = {2.5f};
  ElementsAttr splat =
      buildElementsAttr(tensor({10, 10}, b.getF32Type()), bytesOf(one), "s",
                        ConstantForm::Resource);
  auto dense = dyn_cast<DenseElementsAttr>(splat);
  ASSERT_TRUE(dense);
  EXPECT_TRUE(dense.isSplat());
  EXPECT_EQ(dense.getSplatValue<float>(), 2.5f);

  ElementsAttr empty = buildElementsAttr(tensor({0, 3}, b.getF32Type()), {},
                                         "e", ConstantForm::Resource);
  EXPECT_TRUE(isa<DenseElementsAttr>(empty));

  std::vector<char> bools = {1, 0, 0, 1, 1};
  ElementsAttr inl = buildElementsAttr(tensor({5}, b.getI1Type()), bools, "b",
                                       ConstantForm::InlineIfSmall);
  auto denseBools = dyn_cast<DenseElementsAttr>(inl);
  ASSERT_TRUE(denseBools);
  EXPECT_EQ(SmallVector<bool>(denseBools.getValues<bool>()),
            (SmallVector<bool>{true, false, false, true, true}));
  // As a resource, booleans take a byte each.
  ElementsAttr res = buildElementsAttr(tensor({5}, b.getI1Type()), bools, "b",
                                       ConstantForm::Resource);
  ASSERT_TRUE(isa<DenseResourceElementsAttr>(res));
  EXPECT_EQ(ConstantTensor::get(res)->getInt64s(),
            (SmallVector<int64_t>{1, 0, 0, 1, 1}));
}

TEST_F(SupportTest, ResourcesSurviveTheTextualForm) {
  std::vector<double> values(kInlineElementLimit + 7);
  for (size_t i = 0; i < values.size(); ++i)
    values[i] = 1.0 / (1.0 + static_cast<double>(i));
  auto type = tensor({static_cast<int64_t>(values.size())}, b.getF64Type());
  ElementsAttr attr = buildElementsAttr(type, bytesOf(values), "weights",
                                        ConstantForm::InlineIfSmall);
  ASSERT_TRUE(isa<DenseResourceElementsAttr>(attr));
  OwningOpRef<ModuleOp> module = ModuleOp::create(UnknownLoc::get(&context));
  (*module)->setAttr("test.w", attr);
  std::string text;
  llvm::raw_string_ostream os(text);
  module->print(os);
  EXPECT_NE(text.find("dense_resource<weights>"), std::string::npos) << text;

  MLIRContext other;
  OwningOpRef<ModuleOp> parsed = parseSourceString<ModuleOp>(text, &other);
  ASSERT_TRUE(parsed);
  std::optional<ConstantTensor> ct =
      ConstantTensor::get((*parsed)->getAttr("test.w"));
  ASSERT_TRUE(ct);
  ASSERT_EQ(ct->size(), static_cast<int64_t>(values.size()));
  for (size_t i = 0; i < values.size(); ++i)
    EXPECT_EQ(ct->getFloat(i).convertToDouble(), values[i]) << i;
}

//===----------------------------------------------------------------------===//
// Node names
//===----------------------------------------------------------------------===//

TEST_F(SupportTest, NodeNameOfLocations) {
  Location file = FileLineColLoc::get(&context, "model.onnx", 0, 0);
  auto name = [&](StringRef n, Location child) -> Location {
    return NameLoc::get(b.getStringAttr(n), child);
  };
  // The importer's form.
  EXPECT_EQ(getOnnxNodeName(name("conv1", file)), "conv1");
  // Fused: the first location that names a node.
  EXPECT_EQ(getOnnxNodeName(FusedLoc::get(
                &context, {file, name("a", file), name("b", file)})),
            "a");
  // Fused with metadata around the node (the QDQ exporter's tags).
  EXPECT_EQ(getOnnxNodeName(FusedLoc::get(&context, {name("n", file)},
                                          b.getStringAttr("edgec.export#3"))),
            "n");
  // Call site: the callee before the caller.
  EXPECT_EQ(getOnnxNodeName(
                CallSiteLoc::get(name("inner", file), name("outer", file))),
            "inner");
  // Nested names: the outermost, met first.
  EXPECT_EQ(getOnnxNodeName(name("outer", name("inner", file))), "outer");
  // No node.
  EXPECT_EQ(getOnnxNodeName(UnknownLoc::get(&context)), "");
  EXPECT_EQ(getOnnxNodeName(file), "");
  EXPECT_EQ(getOnnxNodeName(FusedLoc::get(&context, {file, file})), "");
}

TEST_F(SupportTest, DescribesOps) {
  OwningOpRef<ModuleOp> named = ModuleOp::create(NameLoc::get(
      b.getStringAttr("Conv_3"), FileLineColLoc::get(&context, "m", 0, 0)));
  EXPECT_EQ(describeOp(*named), "node 'Conv_3' (builtin.module)");
  OwningOpRef<ModuleOp> unnamed = ModuleOp::create(UnknownLoc::get(&context));
  EXPECT_EQ(describeOp(*unnamed), "op 'builtin.module'");
}

//===----------------------------------------------------------------------===//
// The graph function and its signature
//===----------------------------------------------------------------------===//

TEST_F(SupportTest, FindsTheGraphFunction) {
  std::string error;
  OwningOpRef<ModuleOp> one = parse(R"mlir(
    func.func private @decl(tensor<2xf32>) -> tensor<2xf32>
    func.func @graph(%a: tensor<2xf32>) -> tensor<2xf32> {
      return %a : tensor<2xf32>
    })mlir");
  ASSERT_TRUE(one);
  func::FuncOp f = getGraphFunction(*one, error);
  ASSERT_TRUE(f) << error;
  EXPECT_EQ(f.getName(), "graph");

  OwningOpRef<ModuleOp> two = parse(R"mlir(
    func.func @g1(%a: tensor<2xf32>) -> tensor<2xf32> {
      return %a : tensor<2xf32>
    }
    func.func @g2(%a: tensor<2xf32>) -> tensor<2xf32> {
      return %a : tensor<2xf32>
    })mlir");
  ASSERT_TRUE(two);
  EXPECT_FALSE(getGraphFunction(*two, error));
  EXPECT_EQ(error, "the module has more than one graph function ('g1', 'g2'; "
                   "expected one func.func with a body)");

  OwningOpRef<ModuleOp> none = parse(R"mlir(
    func.func private @decl(tensor<2xf32>) -> tensor<2xf32>)mlir");
  ASSERT_TRUE(none);
  EXPECT_FALSE(getGraphFunction(*none, error));
  EXPECT_EQ(error,
            "the module has no graph function (no func.func with a body)");
}

TEST_F(SupportTest, SignatureOfAFunction) {
  OwningOpRef<ModuleOp> module = parse(R"mlir(
    func.func @g(%x: tensor<1x3x8x8xf32> {onnx.name = "image"},
                 %q: tensor<4x!quant.uniform<i8:f32, 0.5:-2>>,
                 %m: tensor<2xi1> {onnx.name = "mask"},
                 %u: tensor<5xui8> {onnx.name = "bytes"},
                 %s: tensor<i64> {onnx.name = "count"})
        -> (tensor<1x10xf32> {onnx.name = "logits"}, tensor<3xi16>) {
      %a = arith.constant dense<0.0> : tensor<1x10xf32>
      %b = arith.constant dense<1> : tensor<3xi16>
      return %a, %b : tensor<1x10xf32>, tensor<3xi16>
    })mlir");
  ASSERT_TRUE(module);
  std::string error;
  func::FuncOp func = getGraphFunction(*module, error);
  ASSERT_TRUE(func) << error;
  std::vector<GraphTensorInfo> ins, outs;
  ASSERT_TRUE(getFunctionSignature(func, ins, outs, error)) << error;
  ASSERT_EQ(ins.size(), 5u);
  ASSERT_EQ(outs.size(), 2u);
  EXPECT_EQ(ins[0].name, "image");
  EXPECT_EQ(ins[0].type, ElemType::F32);
  EXPECT_EQ(ins[0].shape, (std::vector<int64_t>{1, 3, 8, 8}));
  EXPECT_EQ(ins[1].name, "input_1");
  EXPECT_EQ(ins[1].type, ElemType::I8); // the storage type
  EXPECT_EQ(ins[1].shape, (std::vector<int64_t>{4}));
  EXPECT_EQ(ins[2].type, ElemType::Bool);
  EXPECT_EQ(ins[3].type, ElemType::U8);
  EXPECT_EQ(ins[4].name, "count");
  EXPECT_EQ(ins[4].type, ElemType::I64);
  EXPECT_TRUE(ins[4].shape.empty());
  EXPECT_EQ(outs[0].name, "logits");
  EXPECT_EQ(outs[0].shape, (std::vector<int64_t>{1, 10}));
  EXPECT_EQ(outs[1].name, "output_1");
  EXPECT_EQ(outs[1].type, ElemType::I16);
}

TEST_F(SupportTest, SignatureRejectsWhatAHostTensorCannotHold) {
  struct Case {
    const char *ir;
    const char *error;
  } cases[] = {
      {R"mlir(func.func @g(%x: tensor<?x4xf32> {onnx.name = "x"}) {
                return })mlir",
       "graph input 'x': tensor type tensor<?x4xf32> is not statically "
       "shaped"},
      {R"mlir(func.func @g(%x: tensor<*xf32>) { return })mlir",
       "graph input 'input_0': tensor type tensor<*xf32> is not statically "
       "shaped"},
      {R"mlir(func.func @g() -> (tensor<2xf32>, tensor<2xf16>) {
                %a = arith.constant dense<0.0> : tensor<2xf32>
                %b = arith.constant dense<0.0> : tensor<2xf16>
                return %a, %b : tensor<2xf32>, tensor<2xf16> })mlir",
       "graph output 'output_1': element type f16 is not supported (f32, i1, "
       "i8, i16, i32, i64, ui8 or a quantized type stored in one of them)"},
      {R"mlir(func.func @g(%x: tensor<1x1x1x1x1x1x2xf32>) { return })mlir",
       "graph input 'input_0': rank 7 exceeds the runtime's 6"},
  };
  for (const Case &c : cases) {
    OwningOpRef<ModuleOp> module = parse(c.ir);
    ASSERT_TRUE(module) << c.ir;
    std::string error;
    func::FuncOp func = getGraphFunction(*module, error);
    ASSERT_TRUE(func) << error;
    std::vector<GraphTensorInfo> ins, outs;
    EXPECT_FALSE(getFunctionSignature(func, ins, outs, error)) << c.ir;
    EXPECT_EQ(error, c.error);
  }
}

} // namespace
