//===- CalibrationDataTest.cpp - edgec::CalibrationData --------------------===//
//
// Reads calibration data laid out in every supported way (directories of
// .npy/.pb/.npz, per-sample subdirectories, .npz stored and deflated, one
// batched .npy, float64 data) and checks each malformed case gives one
// message naming the file and the problem. Fixtures are written by the test
// (.npy bytes from TensorIO) or by /usr/bin/python3 with numpy/onnx (.npz,
// float64, TensorProto files).
//
//===----------------------------------------------------------------------===//
#include "edgec/Quant/CalibrationData.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

#include <cstdlib>
#include <cstring>
#include <fstream>

using namespace edgec;

namespace {

GraphTensorInfo input(const std::string &name, std::vector<int64_t> shape,
                      ElemType type = ElemType::F32) {
  GraphTensorInfo info;
  info.name = name;
  info.type = type;
  info.shape = std::move(shape);
  return info;
}

HostTensor f32(std::vector<int64_t> shape, float first = 0.0f) {
  HostTensor t;
  t.type = ElemType::F32;
  t.shape = std::move(shape);
  int64_t n = t.numElements();
  t.data.resize(n * 4);
  for (int64_t i = 0; i < n; ++i) {
    float v = first + static_cast<float>(i);
    std::memcpy(t.data.data() + i * 4, &v, 4);
  }
  return t;
}

float at(const HostTensor &t, int64_t i) {
  float v;
  std::memcpy(&v, t.data.data() + i * 4, 4);
  return v;
}

class CalibrationDataTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> path;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("edgec-calib", path));
    dir = std::string(path);
  }
  void TearDown() override { llvm::sys::fs::remove_directories(dir); }

  std::string path(const std::string &rel) { return dir + "/" + rel; }

  void mkdir(const std::string &rel) {
    ASSERT_FALSE(llvm::sys::fs::create_directories(path(rel)));
  }
  void write(const std::string &rel, const std::string &bytes) {
    std::ofstream os(path(rel), std::ios::binary);
    os.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  void writeNpy(const std::string &rel, const HostTensor &t) {
    write(rel, toNpy(t));
  }
  /// Runs a Python snippet (numpy as np, onnx's numpy_helper as nh, os) in
  /// the test directory; false when it fails (Python, numpy or onnx missing
  /// included).
  bool python(const std::string &code) {
    write("gen.py", "import os, numpy as np\n"
                    "from onnx import numpy_helper as nh\n"
                    "os.chdir(" +
                        quote(dir) + ")\n" + code + "\n");
    std::string cmd = "/usr/bin/python3 " + path("gen.py");
    bool ok = std::system(cmd.c_str()) == 0;
    llvm::sys::fs::remove(path("gen.py"));
    return ok;
  }
  static std::string quote(const std::string &s) { return "'" + s + "'"; }

  /// Loads `rel` (relative to the test directory) for `inputs`.
  bool load(const std::string &rel, std::vector<GraphTensorInfo> inputs) {
    error.clear();
    return data.load(path(rel), inputs, error);
  }

  std::string dir;
  CalibrationData data;
  std::string error;
};

// The test data's generator failing is the test failing: nothing is skipped
// (numpy and onnx for /usr/bin/python3 are build dependencies of the tests,
// scripts/install-deps.sh).
#define GENERATE_WITH_PYTHON(code)                                             \
  ASSERT_TRUE(python(code))                                                    \
      << "the test data generator failed (/usr/bin/python3 with numpy and "    \
         "onnx; its error is printed above)"

//===----------------------------------------------------------------------===//
// Well-formed layouts
//===----------------------------------------------------------------------===//

TEST_F(CalibrationDataTest, DirectoryOfSamplesInNaturalOrder) {
  mkdir("d");
  writeNpy("d/s10.npy", f32({1, 4}, 100));
  writeNpy("d/s2.npy", f32({1, 4}, 20));
  writeNpy("d/s1.npy", f32({1, 4}, 10));
  write("d/.hidden", "ignored");
  ASSERT_TRUE(load("d", {input("x", {1, 4})})) << error;
  ASSERT_EQ(data.size(), 3);
  std::vector<HostTensor> s;
  data.getSample(1, s);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].name, "x");
  EXPECT_EQ(s[0].shape, (std::vector<int64_t>{1, 4}));
  EXPECT_EQ(at(s[0], 0), 20.0f);
  data.getSample(2, s);
  EXPECT_EQ(at(s[0], 3), 103.0f);
  EXPECT_EQ(data.describeSample(2), path("d/s10.npy"));
}

TEST_F(CalibrationDataTest, SingleNpyWithLeadingBatchDimension) {
  writeNpy("x.npy", f32({5, 1, 4}));
  ASSERT_TRUE(load("x.npy", {input("x", {1, 4})})) << error;
  ASSERT_EQ(data.size(), 5);
  std::vector<HostTensor> s;
  data.getSample(3, s);
  EXPECT_EQ(at(s[0], 0), 12.0f);
  EXPECT_EQ(data.describeSample(3), path("x.npy") + "[3]");
}

TEST_F(CalibrationDataTest, BatchAlongTheInputsOwnBatchDimension) {
  // Input batch 2: a file of 6 rows is 3 samples.
  writeNpy("x.npy", f32({6, 3}));
  ASSERT_TRUE(load("x.npy", {input("x", {2, 3})})) << error;
  ASSERT_EQ(data.size(), 3);
  std::vector<HostTensor> s;
  data.getSample(2, s);
  EXPECT_EQ(s[0].shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(at(s[0], 0), 12.0f);
}

TEST_F(CalibrationDataTest, DirectoryMixesSamplesAndBatches) {
  mkdir("d");
  writeNpy("d/a.npy", f32({1, 2}, 0));
  writeNpy("d/b.npy", f32({3, 1, 2}, 10));
  ASSERT_TRUE(load("d", {input("x", {1, 2})})) << error;
  ASSERT_EQ(data.size(), 4);
  std::vector<HostTensor> s;
  data.getSample(2, s);
  EXPECT_EQ(at(s[0], 0), 12.0f);
  EXPECT_EQ(data.describeSample(2), path("d/b.npy") + "[1]");
}

TEST_F(CalibrationDataTest, ScalarInput) {
  writeNpy("x.npy", f32({3}, 7));
  ASSERT_TRUE(load("x.npy", {input("x", {})})) << error;
  ASSERT_EQ(data.size(), 3);
  std::vector<HostTensor> s;
  data.getSample(2, s);
  EXPECT_EQ(at(s[0], 0), 9.0f);
}

TEST_F(CalibrationDataTest, NpzStoredMatchedByName) {
  // y is stored first: matching is by name, not order.
  GENERATE_WITH_PYTHON("np.savez('d.npz', y=np.arange(6, dtype=np.int64)"
                 ".reshape(3, 2), x=np.arange(12, dtype=np.float32)"
                 ".reshape(3, 1, 4))");
  ASSERT_TRUE(load("d.npz", {input("x", {1, 4}),
                             input("y", {2}, ElemType::I64)}))
      << error;
  ASSERT_EQ(data.size(), 3);
  std::vector<HostTensor> s;
  data.getSample(1, s);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(at(s[0], 0), 4.0f);
  int64_t y;
  std::memcpy(&y, s[1].data.data(), 8);
  EXPECT_EQ(y, 2);
  EXPECT_EQ(data.describeSample(1), path("d.npz") + "[1]");
}

TEST_F(CalibrationDataTest, NpzCompressedEntriesAreSamplesOrBatches) {
  GENERATE_WITH_PYTHON("rng = np.random.default_rng(0)\n"
                 "np.savez_compressed('d.npz', rng.standard_normal((5, 1, 64))"
                 ".astype(np.float32), np.full((1, 64), 3, np.float32))\n"
                 "np.save('check.npy', np.load('d.npz')['arr_0'][4])");
  ASSERT_TRUE(load("d.npz", {input("x", {1, 64})})) << error;
  ASSERT_EQ(data.size(), 6);
  std::vector<HostTensor> s;
  data.getSample(5, s);
  EXPECT_EQ(at(s[0], 63), 3.0f);
  EXPECT_EQ(data.describeSample(5), path("d.npz") + "['arr_1']");
  HostTensor check;
  std::string err;
  ASSERT_TRUE(readTensorFile(path("check.npy"), check, err)) << err;
  data.getSample(4, s);
  EXPECT_EQ(s[0].data, check.data);
}

TEST_F(CalibrationDataTest, DirectoryOfNpzForSeveralInputs) {
  mkdir("d");
  GENERATE_WITH_PYTHON("for i in range(2):\n"
                 "  np.savez('d/s%d.npz' % i, a=np.full((2, 2), i, np.float32),"
                 " b=np.full((2, 3), 10 + i, np.float32))");
  ASSERT_TRUE(load("d", {input("b", {1, 3}), input("a", {1, 2})})) << error;
  ASSERT_EQ(data.size(), 4);
  std::vector<HostTensor> s;
  data.getSample(3, s);
  EXPECT_EQ(at(s[0], 0), 11.0f);
  EXPECT_EQ(at(s[1], 0), 1.0f);
}

TEST_F(CalibrationDataTest, FilesNamedAfterInputs) {
  mkdir("d");
  writeNpy("d/mask.npy", f32({2, 1, 3}, 50));
  writeNpy("d/image.npy", f32({2, 1, 2}, 0));
  ASSERT_TRUE(load("d", {input("image", {1, 2}), input("mask", {1, 3})}))
      << error;
  ASSERT_EQ(data.size(), 2);
  std::vector<HostTensor> s;
  data.getSample(1, s);
  EXPECT_EQ(at(s[0], 0), 2.0f);
  EXPECT_EQ(at(s[1], 0), 53.0f);
}

TEST_F(CalibrationDataTest, OnnxTestDataSetDirectories) {
  // input_0.pb holds input 'b' and input_1.pb input 'a' (TensorProto
  // names); output_0.pb is skipped.
  GENERATE_WITH_PYTHON(
      "for i in range(11):\n"
      "  d = 'data/test_data_set_%d' % i\n"
      "  os.makedirs(d)\n"
      "  open(d + '/input_0.pb', 'wb').write(nh.from_array("
      "np.full((1, 2), i, np.float32), 'b').SerializeToString())\n"
      "  open(d + '/input_1.pb', 'wb').write(nh.from_array("
      "np.full((3,), 100 + i, np.float64), 'a').SerializeToString())\n"
      "  open(d + '/output_0.pb', 'wb').write(nh.from_array("
      "np.zeros((7,), np.float32), 'y').SerializeToString())");
  ASSERT_TRUE(load("data", {input("a", {3}), input("b", {1, 2})})) << error;
  ASSERT_EQ(data.size(), 11);
  std::vector<HostTensor> s;
  data.getSample(10, s); // natural order: test_data_set_10 is last
  EXPECT_EQ(at(s[0], 2), 110.0f); // float64 converted
  EXPECT_EQ(at(s[1], 1), 10.0f);
  EXPECT_EQ(data.describeSample(10), path("data/test_data_set_10"));
}

TEST_F(CalibrationDataTest, SampleDirectoriesMatchedByOrder) {
  mkdir("d/s0");
  mkdir("d/s1");
  for (const char *s : {"d/s0", "d/s1"}) {
    writeNpy(std::string(s) + "/first.npy", f32({2}, 1));
    writeNpy(std::string(s) + "/second.npy", f32({3}, 5));
  }
  ASSERT_TRUE(load("d", {input("p", {2}), input("q", {3})})) << error;
  ASSERT_EQ(data.size(), 2);
  std::vector<HostTensor> s;
  data.getSample(0, s);
  EXPECT_EQ(at(s[1], 0), 5.0f);
}

TEST_F(CalibrationDataTest, Float64ConvertedForFloat32Input) {
  GENERATE_WITH_PYTHON("np.save('x.npy', np.array([[0.1, -2.5e10, 3.0]]))");
  ASSERT_TRUE(load("x.npy", {input("x", {1, 3})})) << error;
  std::vector<HostTensor> s;
  data.getSample(0, s);
  EXPECT_EQ(s[0].type, ElemType::F32);
  EXPECT_EQ(at(s[0], 0), 0.1f);
  EXPECT_EQ(at(s[0], 1), -2.5e10f);
}

// A float32 .npy whose header mentions '<f8' outside the 'descr' value (here
// in the padding) is float32: it used to be taken for float64, converted as
// half as many doubles, and getSample then read past the end of the samples
// (heap overflow found by edgec-fuzz-calibration, docs/fuzzing.md).
TEST_F(CalibrationDataTest, F8OutsideTheDescrIsNotFloat64) {
  HostTensor t = f32({3, 1, 4}, 0.5f);
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': "
                       "(3, 1, 4), }   '<f8'";
  header.append(127 - header.size(), ' ');
  header += '\n';
  std::string npy = std::string("\x93NUMPY\x01\x00", 8);
  npy += static_cast<char>(header.size() & 0xff);
  npy += static_cast<char>(header.size() >> 8);
  npy += header;
  npy.append(t.data.begin(), t.data.end());
  write("x.npy", npy);
  ASSERT_TRUE(load("x.npy", {input("x", {1, 4})})) << error;
  ASSERT_EQ(data.size(), 3);
  std::vector<HostTensor> s;
  for (int64_t i = 0; i < 3; ++i) {
    data.getSample(i, s);
    ASSERT_EQ(s[0].data.size(), 16u);
    for (int64_t e = 0; e < 4; ++e)
      EXPECT_EQ(at(s[0], e), 0.5f + static_cast<float>(i * 4 + e));
  }
}

//===----------------------------------------------------------------------===//
// Malformed data: one message naming the file and the problem
//===----------------------------------------------------------------------===//

TEST_F(CalibrationDataTest, MissingPath) {
  EXPECT_FALSE(load("nope", {input("x", {1})}));
  EXPECT_EQ(error, path("nope") + ": no such file or directory");
}

TEST_F(CalibrationDataTest, EmptyDirectory) {
  mkdir("d");
  EXPECT_FALSE(load("d", {input("x", {1})}));
  EXPECT_EQ(error, path("d") + ": empty directory (no .npy, .pb or .npz files)");
}

TEST_F(CalibrationDataTest, NotACalibrationFile) {
  mkdir("d");
  writeNpy("d/a.npy", f32({1}));
  write("d/notes.txt", "hello");
  EXPECT_FALSE(load("d", {input("x", {1})}));
  EXPECT_EQ(error, path("d/notes.txt") +
                       ": not a calibration file (expected .npy, .pb or .npz)");
  write("model.onnx", "x");
  EXPECT_FALSE(load("model.onnx", {input("x", {1})}));
  EXPECT_NE(error.find("model.onnx: not a calibration file"),
            std::string::npos)
      << error;
}

TEST_F(CalibrationDataTest, ShapeMismatch) {
  writeNpy("x.npy", f32({2, 3, 5}));
  EXPECT_FALSE(load("x.npy", {input("x", {2, 3, 4})}));
  EXPECT_EQ(error, path("x.npy") +
                       ": shape mismatch for input 'x' (2x3x4 float32): the "
                       "data is 2x3x5; expected 2x3x4 (one sample) or Nx2x3x4 "
                       "or (N*2)x3x4 (N samples)");
}

TEST_F(CalibrationDataTest, DtypeMismatch) {
  HostTensor t = f32({1, 2});
  t.type = ElemType::I32;
  writeNpy("x.npy", t);
  EXPECT_FALSE(load("x.npy", {input("x", {1, 2})}));
  EXPECT_EQ(error, path("x.npy") + ": dtype mismatch for input 'x': the model "
                                   "takes float32, the data is int32");
}

TEST_F(CalibrationDataTest, Float64ForIntegerInputIsADtypeMismatch) {
  GENERATE_WITH_PYTHON("np.save('ids.npy', np.zeros((1, 2)))");
  EXPECT_FALSE(load("ids.npy", {input("ids", {1, 2}, ElemType::I64)}));
  EXPECT_EQ(error, path("ids.npy") + ": dtype mismatch for input 'ids': the "
                                     "model takes int64, the data is float64");
}

TEST_F(CalibrationDataTest, TruncatedNpy) {
  std::string bytes = toNpy(f32({4, 4}));
  write("x.npy", bytes.substr(0, bytes.size() - 10));
  EXPECT_FALSE(load("x.npy", {input("x", {4, 4})}));
  EXPECT_NE(error.find(path("x.npy") + ": truncated data"), std::string::npos)
      << error;
}

TEST_F(CalibrationDataTest, TruncatedFloat64NpyNamesFloat64) {
  GENERATE_WITH_PYTHON("b = open('x.npy', 'wb'); np.save(b, np.zeros((2, 2)));"
                 " b.close(); d = open('x.npy', 'rb').read();"
                 " open('x.npy', 'wb').write(d[:-8])");
  EXPECT_FALSE(load("x.npy", {input("x", {2, 2})}));
  EXPECT_NE(error.find("of float64 needs 32 bytes"), std::string::npos)
      << error;
}

TEST_F(CalibrationDataTest, ZeroSamples) {
  writeNpy("x.npy", f32({0, 1, 4}));
  EXPECT_FALSE(load("x.npy", {input("x", {1, 4})}));
  EXPECT_EQ(error, path("x.npy") + ": holds no samples (shape 0x1x4) for "
                                   "input 'x' (1x4 float32)");
}

TEST_F(CalibrationDataTest, BadZip) {
  write("junk.npz", "this is not a zip archive at all");
  EXPECT_FALSE(load("junk.npz", {input("x", {1})}));
  EXPECT_EQ(error, path("junk.npz") +
                       ": not an .npz file (bad zip: no end-of-central-"
                       "directory record; is the file truncated?)");
}

TEST_F(CalibrationDataTest, TruncatedNpz) {
  GENERATE_WITH_PYTHON("np.savez('d.npz', x=np.zeros((100,), np.float32))\n"
                 "b = open('d.npz', 'rb').read()\n"
                 "open('d.npz', 'wb').write(b[:-40])");
  EXPECT_FALSE(load("d.npz", {input("x", {100})}));
  EXPECT_NE(error.find(path("d.npz") + ": "), std::string::npos) << error;
  EXPECT_NE(error.find("bad zip"), std::string::npos) << error;
}

TEST_F(CalibrationDataTest, CorruptNpzEntry) {
  // Flip a byte inside the stored data of the only entry.
  GENERATE_WITH_PYTHON("np.savez('d.npz', x=np.zeros((100,), np.float32))\n"
                 "b = bytearray(open('d.npz', 'rb').read())\n"
                 "b[300] ^= 0xff\n"
                 "open('d.npz', 'wb').write(bytes(b))");
  EXPECT_FALSE(load("d.npz", {input("x", {100})}));
  EXPECT_EQ(error, path("d.npz") + ": bad zip: CRC mismatch in entry 'x.npy'");
}

TEST_F(CalibrationDataTest, CorruptDeflatedNpzEntry) {
  GENERATE_WITH_PYTHON("np.savez_compressed('d.npz', x=np.arange(1000, "
                 "dtype=np.float32))\n"
                 "b = bytearray(open('d.npz', 'rb').read())\n"
                 "for i in range(60, 200): b[i] ^= 0x5a\n"
                 "open('d.npz', 'wb').write(bytes(b))");
  EXPECT_FALSE(load("d.npz", {input("x", {1000})}));
  EXPECT_NE(error.find(path("d.npz") + ": bad zip: "), std::string::npos)
      << error;
  EXPECT_NE(error.find("'x.npy'"), std::string::npos) << error;
}

TEST_F(CalibrationDataTest, NpzEntryErrorsNameTheEntry) {
  GENERATE_WITH_PYTHON("np.savez('d.npz', x=np.zeros((2, 5), np.float32))");
  EXPECT_FALSE(load("d.npz", {input("x", {1, 4})}));
  EXPECT_EQ(error.substr(0, error.find(':', path("d.npz").size() + 1)),
            path("d.npz") + "['x']")
      << error;
  EXPECT_NE(error.find("shape mismatch"), std::string::npos) << error;
}

TEST_F(CalibrationDataTest, MixedFilesAndSubdirectories) {
  mkdir("d/s0");
  writeNpy("d/a.npy", f32({1}));
  EXPECT_FALSE(load("d", {input("x", {1})}));
  EXPECT_NE(error.find(path("d") + ": holds both files (a.npy) and "
                                   "subdirectories (s0)"),
            std::string::npos)
      << error;
}

TEST_F(CalibrationDataTest, OneFileForSeveralInputs) {
  writeNpy("x.npy", f32({1}));
  EXPECT_FALSE(load("x.npy", {input("a", {1}), input("b", {1})}));
  EXPECT_EQ(error, path("x.npy") +
                       ": one tensor file cannot feed the model's 2 inputs "
                       "('a', 'b'): give an .npz with one array per input or a "
                       "directory");
}

TEST_F(CalibrationDataTest, MissingInput) {
  mkdir("d/s0");
  writeNpy("d/s0/a.npy", f32({1}));
  EXPECT_FALSE(load("d", {input("a", {1}), input("b", {1})}));
  EXPECT_EQ(error, path("d/s0") + ": no data for graph input 'b' (inputs: "
                                  "'a', 'b'; name each file or .npz entry "
                                  "after its input)");
}

TEST_F(CalibrationDataTest, ExtraFileMatchesNoInput) {
  mkdir("d");
  writeNpy("d/a.npy", f32({1}));
  writeNpy("d/b.npy", f32({1}));
  writeNpy("d/c.npy", f32({1}));
  EXPECT_FALSE(load("d", {input("a", {1}), input("b", {1})}));
  EXPECT_EQ(error, path("d/c.npy") +
                       ": matches no graph input (the model has 2: 'a', 'b')");
}

TEST_F(CalibrationDataTest, InputsWithDifferentSampleCounts) {
  mkdir("d");
  writeNpy("d/a.npy", f32({3, 1}));
  writeNpy("d/b.npy", f32({2, 1}));
  EXPECT_FALSE(load("d", {input("a", {1}), input("b", {1})}));
  EXPECT_EQ(error, path("d") + ": " + path("d/a.npy") + " holds 3 samples but " +
                       path("d/b.npy") +
                       " holds 2 (every input needs as many)");
}

TEST_F(CalibrationDataTest, EmptySampleDirectory) {
  mkdir("d/s0");
  EXPECT_FALSE(load("d", {input("x", {1})}));
  EXPECT_EQ(error,
            path("d/s0") + ": empty sample directory (no .npy or .pb files)");
}

TEST_F(CalibrationDataTest, BadTensorProto) {
  mkdir("d");
  write("d/x.pb", "\xff\xff\xff garbage");
  EXPECT_FALSE(load("d", {input("x", {1})}));
  EXPECT_EQ(error, path("d/x.pb") + ": not a valid ONNX TensorProto (.pb) file");
}

} // namespace
