//===- GraphInputsTest.cpp - lib/Support: tensors for graph inputs --------===//
#include "edgec/Support/GraphInputs.h"

#include "gtest/gtest.h"

using namespace edgec;

namespace {

GraphTensorInfo info(const std::string &name, ElemType type,
                     std::vector<int64_t> shape) {
  return GraphTensorInfo{name, type, std::move(shape)};
}

HostTensor tensor(const std::string &name, ElemType type,
                  std::vector<int64_t> shape) {
  HostTensor t;
  t.name = name;
  t.type = type;
  t.shape = std::move(shape);
  t.data.assign(t.numElements() * elemTypeSize(type), 0);
  return t;
}

TEST(GraphInputs, CheckOne) {
  GraphTensorInfo x = info("x", ElemType::F32, {3, 5});
  std::string error;
  EXPECT_TRUE(checkGraphInput(x, tensor("", ElemType::F32, {3, 5}), "a.npy",
                              error));
  EXPECT_FALSE(checkGraphInput(x, tensor("", ElemType::I64, {3, 5}), "a.npy",
                               error));
  EXPECT_EQ(error, "a.npy: dtype mismatch: the file holds int64, graph input "
                   "'x' is float32");
  EXPECT_FALSE(
      checkGraphInput(x, tensor("", ElemType::F32, {3, 4}), "", error));
  EXPECT_EQ(error, "shape mismatch: the tensor holds 3x4, graph input 'x' "
                   "is 3x5");
  HostTensor shortData = tensor("", ElemType::F32, {3, 5});
  shortData.data.resize(8);
  EXPECT_FALSE(checkGraphInput(x, shortData, "", error));
  EXPECT_EQ(error, "graph input 'x': the tensor has 8 bytes of data, 3x5 "
                   "float32 needs 60");
  // A scalar input.
  EXPECT_FALSE(checkGraphInput(info("s", ElemType::I64, {}),
                               tensor("", ElemType::I64, {1}), "s.pb",
                               error));
  EXPECT_EQ(error, "s.pb: shape mismatch: the file holds 1, graph input 's' "
                   "is scalar");
}

TEST(GraphInputs, CheckInOrder) {
  std::vector<GraphTensorInfo> inputs = {info("a", ElemType::F32, {2}),
                                         info("b", ElemType::I8, {1, 2})};
  std::string error;
  EXPECT_TRUE(checkGraphInputs(inputs,
                               {tensor("", ElemType::F32, {2}),
                                tensor("", ElemType::I8, {1, 2})},
                               error));
  EXPECT_FALSE(
      checkGraphInputs(inputs, {tensor("", ElemType::F32, {2})}, error));
  EXPECT_EQ(error, "wrong number of inputs: the model has 2 graph inputs, 1 "
                   "tensor was given");
  // In order: names play no part.
  EXPECT_FALSE(checkGraphInputs(inputs,
                                {tensor("b", ElemType::I8, {1, 2}),
                                 tensor("a", ElemType::F32, {2})},
                                error));
  EXPECT_EQ(error, "dtype mismatch: the tensor holds int8, graph input 'a' "
                   "is float32");
}

TEST(GraphInputs, MatchByNameThenInOrder) {
  std::vector<GraphTensorInfo> inputs = {info("x", ElemType::F32, {2}),
                                         info("w", ElemType::I32, {3}),
                                         info("z", ElemType::U8, {1})};
  std::vector<HostTensor> given = {tensor("first", ElemType::F32, {2}),
                                   tensor("z", ElemType::U8, {1}),
                                   tensor("second", ElemType::I32, {3})};
  given[0].data[0] = 7;
  std::vector<HostTensor> args;
  std::string error;
  ASSERT_TRUE(matchGraphInputs(inputs, given, {"f.npy", "z.npy", "s.npy"},
                               args, error))
      << error;
  ASSERT_EQ(args.size(), 3u);
  EXPECT_EQ(args[0].name, "first");
  EXPECT_EQ(args[0].data[0], 7);
  EXPECT_EQ(args[1].name, "second");
  EXPECT_EQ(args[2].name, "z");
}

TEST(GraphInputs, MatchErrors) {
  std::vector<GraphTensorInfo> inputs = {info("x", ElemType::F32, {2}),
                                         info("w", ElemType::F32, {1, 2})};
  std::vector<HostTensor> args;
  std::string error;
  EXPECT_FALSE(matchGraphInputs(inputs, {tensor("x", ElemType::F32, {2})},
                                {"x.npy"}, args, error));
  EXPECT_EQ(error, "missing input: no file for graph input 'w' (1x2 float32)");
  EXPECT_FALSE(matchGraphInputs(
      {inputs[0]},
      {tensor("x", ElemType::F32, {2}), tensor("y", ElemType::F32, {2})},
      {"x.npy", "y.npy"}, args, error));
  EXPECT_EQ(error, "too many inputs: the model has 1 graph input, 2 files "
                   "were given");
  // Matched by name, then checked, naming the file.
  EXPECT_FALSE(matchGraphInputs(inputs,
                                {tensor("a", ElemType::F32, {2}),
                                 tensor("w", ElemType::F32, {2, 2})},
                                {"a.npy", "w.npy"}, args, error));
  EXPECT_EQ(error, "w.npy: shape mismatch: the file holds 2x2, graph input "
                   "'w' is 1x2");
  EXPECT_TRUE(args.empty());
}

} // namespace
