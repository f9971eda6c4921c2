//===- InputShapeTest.cpp - edgec::parseInputShape -------------------------===//
//
// `--input-shape NAME=DIMS` fixes the dimensions of a graph input. Decisions
// these tests pin down:
//  * DIMS is a non-empty `x`-separated list of positive decimal integers;
//    `name=` (no dims) is rejected: a scalar input is already static and
//    never needs the option, so an empty list is a typo (or an empty shell
//    variable);
//  * zero dims are rejected: edgec compiles for static buffers and a
//    zero-sized input is almost always someone writing 0 for "keep dynamic"
//    (ONNX Reshape's meaning of 0);
//  * negative, non-numeric, out-of-range dims, and shapes whose element
//    count overflows int64, are rejected;
//  * a failed spec leaves the options unchanged; a name given twice is an
//    error; the message quotes the spec.
//
//===----------------------------------------------------------------------===//
#include "edgec/Import/OnnxImporter.h"

#include "gtest/gtest.h"

#include <string>

using edgec::ImportOptions;
using edgec::parseInputShape;

namespace {

std::vector<int64_t> shapeOf(const ImportOptions &options,
                             const std::string &name) {
  auto it = options.inputShapes.find(name);
  if (it == options.inputShapes.end())
    return {-1};
  return std::vector<int64_t>(it->second.begin(), it->second.end());
}

/// Expects `spec` to be rejected with a message that quotes it, without
/// touching the options.
void expectRejected(const std::string &spec) {
  ImportOptions options;
  options.inputShapes["other"] = {1, 2};
  std::string error = parseInputShape(spec, options);
  EXPECT_FALSE(error.empty()) << "accepted: '" << spec << "'";
  EXPECT_NE(error.find(spec), std::string::npos)
      << "message does not quote the spec: " << error;
  EXPECT_EQ(options.inputShapes.size(), 1u) << "spec: " << spec;
}

TEST(InputShape, AcceptsNchw) {
  ImportOptions options;
  EXPECT_EQ(parseInputShape("x=1x3x224x224", options), "");
  EXPECT_EQ(shapeOf(options, "x"), (std::vector<int64_t>{1, 3, 224, 224}));
}

TEST(InputShape, AcceptsOneDim) {
  ImportOptions options;
  EXPECT_EQ(parseInputShape("tokens=128", options), "");
  EXPECT_EQ(shapeOf(options, "tokens"), (std::vector<int64_t>{128}));
}

TEST(InputShape, NamesMayContainPunctuation) {
  ImportOptions options;
  EXPECT_EQ(parseInputShape("input:0=1x10", options), "");
  EXPECT_EQ(shapeOf(options, "input:0"), (std::vector<int64_t>{1, 10}));
  EXPECT_EQ(parseInputShape("serving_default.x/y=2x3", options), "");
  EXPECT_EQ(shapeOf(options, "serving_default.x/y"),
            (std::vector<int64_t>{2, 3}));
}

TEST(InputShape, SeveralInputs) {
  ImportOptions options;
  EXPECT_EQ(parseInputShape("a=1x2", options), "");
  EXPECT_EQ(parseInputShape("b=3x4x5", options), "");
  EXPECT_EQ(options.inputShapes.size(), 2u);
  EXPECT_EQ(shapeOf(options, "a"), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(shapeOf(options, "b"), (std::vector<int64_t>{3, 4, 5}));
}

TEST(InputShape, SameNameTwiceIsAnError) {
  ImportOptions options;
  EXPECT_EQ(parseInputShape("x=1x2", options), "");
  EXPECT_NE(parseInputShape("x=3x4", options), "");
  EXPECT_EQ(shapeOf(options, "x"), (std::vector<int64_t>{1, 2}));
}

TEST(InputShape, RejectsMissingName) {
  expectRejected("=1x2");
  expectRejected("1x2");
}

TEST(InputShape, RejectsEmptyDims) { expectRejected("x="); }

TEST(InputShape, RejectsNonNumericDims) {
  expectRejected("x=1xax3");
  expectRejected("x=1x?x3");
  expectRejected("x=batchx3");
  expectRejected("x=1.5x3");
}

TEST(InputShape, RejectsEmptyDimsBetweenSeparators) {
  expectRejected("x=1xx3");
  expectRejected("x=1x3x");
  expectRejected("x=x1x3");
}

TEST(InputShape, RejectsZeroDims) {
  expectRejected("x=0x2");
  expectRejected("x=1x0");
}

TEST(InputShape, RejectsNegativeDims) {
  expectRejected("x=-1x3");
  expectRejected("x=1x-3");
}

TEST(InputShape, RejectsDimOverflow) {
  expectRejected("x=99999999999999999999x3");
  expectRejected("x=1x18446744073709551617");
}

TEST(InputShape, RejectsCommasNamingTheExpectedForm) {
  expectRejected("x=1,3,224,224");
  expectRejected("x=1x3,224");
  ImportOptions options;
  EXPECT_EQ(parseInputShape("x=1,3,224,224", options),
            "invalid --input-shape 'x=1,3,224,224': dimensions are separated "
            "by 'x', not ',' (expected x=1x3x224x224)");
}

TEST(InputShape, TooLargeDimSaysSoWithTheLimit) {
  // 2^32 and 2^31: above INT32_MAX = 2147483647, the runtime's limit.
  for (const char *spec : {"x=4294967296x3", "x=1x2147483648"}) {
    ImportOptions options;
    std::string error = parseInputShape(spec, options);
    EXPECT_NE(error.find("is too large (at most 2147483647)"),
              std::string::npos)
        << error;
  }
  ImportOptions options;
  EXPECT_EQ(parseInputShape("x=2147483647", options), "");
}

TEST(InputShape, RejectsElementCountOverflow) {
  // Every dim fits, the number of elements does not fit in int64.
  expectRejected("x=2000000000x2000000000x2000000000");
}

} // namespace
