//===- ConstantEvalTest.cpp - the onnx dialect's constant evaluator -------===//
//
// Index walkers and evaluators of edgec/Dialect/Onnx/ConstantEval.h against
// numpy. Every expected value was computed with numpy (the expression is
// given next to it), not by edgec.
//
//===----------------------------------------------------------------------===//
#include "edgec/Dialect/Onnx/ConstantEval.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace edgec::onnx;

namespace {

class ConstantEvalTest : public ::testing::Test {
protected:
  MLIRContext ctx;
  Builder b{&ctx};

  /// An i64 tensor holding 0, 1, ... (numpy: np.arange(n).reshape(shape)).
  Literal arange(ArrayRef<int64_t> shape) {
    Literal lit(shape, b.getIntegerType(64));
    for (int64_t i = 0, n = lit.size(); i < n; ++i)
      lit.setBits(i, APInt(64, i));
    return lit;
  }
  Literal ints(ArrayRef<int64_t> shape, ArrayRef<int64_t> values,
               unsigned width = 64) {
    Literal lit(shape, b.getIntegerType(width));
    for (auto [i, v] : llvm::enumerate(values))
      lit.setBits(i, APInt(width, v, /*isSigned=*/true));
    return lit;
  }
  Literal floats(ArrayRef<int64_t> shape, ArrayRef<float> values) {
    Literal lit(shape, b.getF32Type());
    for (auto [i, v] : llvm::enumerate(values))
      lit.setBits(i, APFloat(v).bitcastToAPInt());
    return lit;
  }
  static std::vector<int64_t> values(const Literal &lit) {
    SmallVector<int64_t> v = lit.getInt64s();
    return std::vector<int64_t>(v.begin(), v.end());
  }
  static std::vector<float> floatValues(const Literal &lit) {
    std::vector<float> v;
    for (int64_t i = 0; i < lit.size(); ++i)
      v.push_back(lit.getFloat(i).convertToFloat());
    return v;
  }
  static std::vector<int64_t> shapeOf(const Literal &lit) {
    return std::vector<int64_t>(lit.getShape().begin(), lit.getShape().end());
  }
};

//===----------------------------------------------------------------------===//
// Walkers
//===----------------------------------------------------------------------===//

TEST_F(ConstantEvalTest, StridesAndElements) {
  // np.arange(24).reshape(2, 3, 4).strides / 8 == (12, 4, 1)
  EXPECT_EQ(stridesOf({2, 3, 4}), (SmallVector<int64_t>{12, 4, 1}));
  EXPECT_EQ(numElements({2, 3, 4}), 24);
  EXPECT_EQ(numElements({}), 1);
  EXPECT_EQ(numElements({3, 0}), 0);
}

TEST_F(ConstantEvalTest, BroadcastShapes) {
  // np.broadcast_shapes((2, 1, 3), (4, 1)) == (2, 4, 3)
  EXPECT_EQ(broadcastShapes({{2, 1, 3}, {4, 1}}),
            (SmallVector<int64_t>{2, 4, 3}));
  // np.broadcast_shapes((2, 3), (4,)) raises
  EXPECT_FALSE(broadcastShapes({{2, 3}, {4}}));
  // A dynamic dimension against 5 is 5, against 1 stays dynamic.
  int64_t dyn = ShapedType::kDynamic;
  EXPECT_EQ(broadcastShapes({{dyn, dyn}, {5, 1}}),
            (SmallVector<int64_t>{5, dyn}));
}

TEST_F(ConstantEvalTest, BroadcastStridesWalk) {
  // np.broadcast_to(np.arange(3).reshape(3, 1), (2, 3, 4)).ravel()
  std::vector<int64_t> expected = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                   0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
  std::optional<SmallVector<int64_t>> strides = broadcastStrides({3, 1},
                                                                 {2, 3, 4});
  ASSERT_TRUE(strides);
  EXPECT_EQ(*strides, (SmallVector<int64_t>{0, 1, 0}));
  std::vector<int64_t> got;
  int64_t last = -1;
  forEachIndex({2, 3, 4}, {*strides}, [&](int64_t n, ArrayRef<int64_t> o) {
    EXPECT_EQ(n, last + 1);
    last = n;
    got.push_back(o[0]);
  });
  EXPECT_EQ(got, expected);
  // (3, 2) does not broadcast to (2, 3, 4).
  EXPECT_FALSE(broadcastStrides({3, 2}, {2, 3, 4}));
  // Nor does a shape of higher rank.
  EXPECT_FALSE(broadcastStrides({1, 1, 3, 4}, {3, 4}));
}

TEST_F(ConstantEvalTest, SliceAxis) {
  // np.arange(5)[1:4:2] == [1, 3]: first 1, 2 elements.
  SliceAxis a = normalizeSliceAxis(5, 1, 4, 2);
  EXPECT_EQ(a.first, 1);
  EXPECT_EQ(a.count, 2);
  // np.arange(5)[-100:100] == [0, 1, 2, 3, 4] (clamped)
  a = normalizeSliceAxis(5, -100, 100, 1);
  EXPECT_EQ(a.first, 0);
  EXPECT_EQ(a.count, 5);
  // np.arange(5)[10:-10:-1] == [4, 3, 2, 1, 0]
  a = normalizeSliceAxis(5, 10, -10, -1);
  EXPECT_EQ(a.first, 4);
  EXPECT_EQ(a.count, 5);
  // np.arange(5)[3:3] == []
  EXPECT_EQ(normalizeSliceAxis(5, 3, 3, 1).count, 0);
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

TEST_F(ConstantEvalTest, Transpose) {
  // np.transpose(np.arange(24).reshape(2, 3, 4), (2, 0, 1)): shape (4, 2, 3)
  std::optional<Literal> t = evaluateTranspose(arange({2, 3, 4}), {2, 0, 1});
  ASSERT_TRUE(t);
  EXPECT_EQ(shapeOf(*t), (std::vector<int64_t>{4, 2, 3}));
  EXPECT_EQ(values(*t),
            (std::vector<int64_t>{0, 4, 8,  12, 16, 20, 1, 5, 9,  13, 17, 21,
                                  2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23}));
  EXPECT_FALSE(evaluateTranspose(arange({2, 3}), {0, 0}));
  EXPECT_FALSE(evaluateTranspose(arange({2, 3}), {0}));
}

TEST_F(ConstantEvalTest, Slice) {
  // np.arange(20).reshape(4, 5)[3:0:-2, -4:100:2] == [[16, 18], [6, 8]]
  std::optional<Literal> s =
      evaluateSlice(arange({4, 5}), {3, -4}, {0, 100},
                    ArrayRef<int64_t>{0, 1}, ArrayRef<int64_t>{-2, 2});
  ASSERT_TRUE(s);
  EXPECT_EQ(shapeOf(*s), (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(values(*s), (std::vector<int64_t>{16, 18, 6, 8}));
  // Default axes and steps: np.arange(20).reshape(4, 5)[1:3] (axis 0 only)
  s = evaluateSlice(arange({4, 5}), {1}, {3}, std::nullopt, std::nullopt);
  ASSERT_TRUE(s);
  EXPECT_EQ(values(*s),
            (std::vector<int64_t>{5, 6, 7, 8, 9, 10, 11, 12, 13, 14}));
  // A step of 0 and a repeated axis are invalid.
  EXPECT_FALSE(evaluateSlice(arange({4}), {0}, {4}, std::nullopt,
                             ArrayRef<int64_t>{0}));
  EXPECT_FALSE(evaluateSlice(arange({4, 5}), {0, 0}, {1, 1},
                             ArrayRef<int64_t>{1, -1}, std::nullopt));
}

TEST_F(ConstantEvalTest, Gather) {
  // np.take(np.arange(12).reshape(3, 4), [[2, -1], [0, 1]], axis=1)
  std::optional<Literal> g = evaluateGather(
      arange({3, 4}), ints({2, 2}, {2, -1, 0, 1}), /*axis=*/-1);
  ASSERT_TRUE(g);
  EXPECT_EQ(shapeOf(*g), (std::vector<int64_t>{3, 2, 2}));
  EXPECT_EQ(values(*g),
            (std::vector<int64_t>{2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9}));
  // Index 4 is out of bounds for a dimension of 4.
  EXPECT_FALSE(evaluateGather(arange({3, 4}), ints({1}, {4}), 1));
}

TEST_F(ConstantEvalTest, Tile) {
  // np.tile(np.arange(6).reshape(2, 3), (2, 2))
  std::optional<Literal> t = evaluateTile(arange({2, 3}), {2, 2});
  ASSERT_TRUE(t);
  EXPECT_EQ(shapeOf(*t), (std::vector<int64_t>{4, 6}));
  EXPECT_EQ(values(*t),
            (std::vector<int64_t>{0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5,
                                  0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}));
}

TEST_F(ConstantEvalTest, Expand) {
  // np.broadcast_to(np.arange(3).reshape(3, 1), (2, 3, 4)): ONNX Expand to
  // (2, 1, 4) broadcasts both ways.
  std::optional<Literal> e = evaluateExpand(arange({3, 1}), {2, 1, 4});
  ASSERT_TRUE(e);
  EXPECT_EQ(shapeOf(*e), (std::vector<int64_t>{2, 3, 4}));
  EXPECT_EQ(values(*e),
            (std::vector<int64_t>{0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                  0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}));
  // Over the element limit (not a splat): not evaluated.
  EXPECT_FALSE(evaluateExpand(arange({3, 1}), {2, 1, 4}, /*maxElements=*/23));
}

TEST_F(ConstantEvalTest, Concat) {
  // np.concatenate([[[1], [2]], [[3, 4], [5, 6]]], axis=1)
  Literal a = ints({2, 1}, {1, 2}), c = ints({2, 2}, {3, 4, 5, 6});
  std::optional<Literal> r = evaluateConcat({&a, &c}, 1);
  ASSERT_TRUE(r);
  EXPECT_EQ(shapeOf(*r), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(values(*r), (std::vector<int64_t>{1, 3, 4, 2, 5, 6}));
  // Shapes differing outside the axis.
  EXPECT_FALSE(evaluateConcat({&a, &c}, 0));
}

//===----------------------------------------------------------------------===//
// Arithmetic
//===----------------------------------------------------------------------===//

TEST_F(ConstantEvalTest, BroadcastAdd) {
  // np.float32([[1.5], [2.5]]) + np.float32([0.25, 0.5, 1.0])
  std::optional<Literal> s =
      evaluateBinary(BinaryKind::Add, floats({2, 1}, {1.5f, 2.5f}),
                     floats({3}, {0.25f, 0.5f, 1.0f}));
  ASSERT_TRUE(s);
  EXPECT_EQ(shapeOf(*s), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(floatValues(*s),
            (std::vector<float>{1.75f, 2.0f, 2.5f, 2.75f, 3.0f, 3.5f}));
}

TEST_F(ConstantEvalTest, IntegerDivTruncates) {
  // np.trunc(np.array([7, -7, 7, -7]) / [2, 2, -2, -2]) == [3, -3, -3, 3]
  std::optional<Literal> d =
      evaluateBinary(BinaryKind::Div, ints({4}, {7, -7, 7, -7}, 32),
                     ints({4}, {2, 2, -2, -2}, 32));
  ASSERT_TRUE(d);
  EXPECT_EQ(values(*d), (std::vector<int64_t>{3, -3, -3, 3}));
  // Division by zero is undefined: no result.
  EXPECT_FALSE(evaluateBinary(BinaryKind::Div, ints({1}, {1}, 32),
                              ints({1}, {0}, 32)));
}

TEST_F(ConstantEvalTest, CompareGivesBool) {
  // np.array([1, 5, 3]) < 3 == [True, False, False]
  std::optional<Literal> c = evaluateBinary(
      BinaryKind::Less, ints({3}, {1, 5, 3}), ints({}, {3}));
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->getElementType().isInteger(1));
  EXPECT_EQ(values(*c), (std::vector<int64_t>{1, 0, 0}));
}

TEST_F(ConstantEvalTest, SplatsStaySplats) {
  // np.full((300, 300), 2.0) * np.full((300, 300), 3.0) == np.full(.., 6.0):
  // computed once, whatever the element limit.
  Literal x({300, 300}, b.getF32Type(), /*splat=*/true);
  x.setBits(0, APFloat(2.0f).bitcastToAPInt());
  Literal y({300, 300}, b.getF32Type(), /*splat=*/true);
  y.setBits(0, APFloat(3.0f).bitcastToAPInt());
  std::optional<Literal> p =
      evaluateBinary(BinaryKind::Mul, x, y, /*maxElements=*/16);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->isSplat());
  EXPECT_EQ(p->size(), 90000);
  EXPECT_EQ(p->getFloat(12345).convertToFloat(), 6.0f);
}

TEST_F(ConstantEvalTest, Cast) {
  // np.float32([2.7, -2.7]).astype(np.int32) == [2, -2]
  std::optional<Literal> c = evaluateCast(floats({2}, {2.7f, -2.7f}),
                                          b.getIntegerType(32), false);
  ASSERT_TRUE(c);
  EXPECT_EQ(values(*c), (std::vector<int64_t>{2, -2}));
  // 300.0 does not fit int8: undefined in ONNX, no result.
  EXPECT_FALSE(
      evaluateCast(floats({1}, {300.0f}), b.getIntegerType(8), false));
}

TEST_F(ConstantEvalTest, Range) {
  // np.arange(1, 10, 3) == [1, 4, 7]; np.arange(10, 1, -4) == [10, 6, 2]
  std::optional<Literal> r =
      evaluateRange(ints({}, {1}), ints({}, {10}), ints({}, {3}));
  ASSERT_TRUE(r);
  EXPECT_EQ(values(*r), (std::vector<int64_t>{1, 4, 7}));
  r = evaluateRange(ints({}, {10}), ints({}, {1}), ints({}, {-4}));
  ASSERT_TRUE(r);
  EXPECT_EQ(values(*r), (std::vector<int64_t>{10, 6, 2}));
  // np.arange(0.5, 2.0, 0.5, dtype=np.float32) == [0.5, 1.0, 1.5]
  r = evaluateRange(floats({}, {0.5f}), floats({}, {2.0f}),
                    floats({}, {0.5f}));
  ASSERT_TRUE(r);
  EXPECT_EQ(floatValues(*r), (std::vector<float>{0.5f, 1.0f, 1.5f}));
}

} // namespace
