//===- CalibrationFuzzer.cpp - libFuzzer target: calibration data ---------===//
//
// Feeds arbitrary bytes to the calibration data reader
// (CalibrationData::loadFileContents): the .npz (zip, stored and deflated)
// reader, the float64-accepting .npy and TensorProto readers, and the
// sample/batch rules that split a file into samples for the model's inputs.
//
// Input layout: byte 0 picks the file format (bits 0-1: .npy, .pb, .npz,
// .npz) and the model's inputs (bits 2-3, one of kModels); the remaining
// bytes are the file. Every sample of a successful load is then read back
// with getSample and described with describeSample. See docs/fuzzing.md.
//
//===----------------------------------------------------------------------===//
#include "edgec/Quant/CalibrationData.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using edgec::ElemType;
using edgec::GraphTensorInfo;

namespace {

const char *const kNames[] = {"calib.npy", "calib.pb", "calib.npz",
                              "calib.npz"};

// Graph inputs of four made-up models: one float input (batched and not),
// a scalar, and two inputs of different types (for .npz groups).
const std::vector<GraphTensorInfo> kModels[] = {
    {{"x", ElemType::F32, {1, 4}}},
    {{"x", ElemType::F32, {2, 3}}},
    {{"x", ElemType::I8, {}}},
    {{"x", ElemType::F32, {1, 2}}, {"y", ElemType::I32, {3}}},
};

void fail(const std::string &message) {
  std::fprintf(stderr, "%s\n", message.c_str());
  std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  const char *name = kNames[data[0] & 3];
  const std::vector<GraphTensorInfo> &inputs = kModels[(data[0] >> 2) & 3];
  std::string bytes(reinterpret_cast<const char *>(data + 1), size - 1);

  edgec::CalibrationData calibration;
  std::string error;
  if (!calibration.loadFileContents(name, std::move(bytes), inputs, error)) {
    if (error.empty())
      fail("load failed without a message");
    if (calibration.size() != 0)
      fail("a failed load kept samples");
    return 0;
  }
  if (calibration.size() <= 0)
    fail("a successful load has no samples");
  std::vector<edgec::HostTensor> sample;
  for (int64_t i = 0; i < calibration.size(); ++i) {
    calibration.getSample(i, sample);
    if (sample.size() != inputs.size())
      fail("getSample returned the wrong number of tensors");
    for (size_t k = 0; k < inputs.size(); ++k)
      if (sample[k].type != inputs[k].type ||
          sample[k].shape != inputs[k].shape ||
          sample[k].data.size() !=
              static_cast<size_t>(sample[k].numElements()) *
                  edgec::elemTypeSize(sample[k].type))
        fail("getSample returned a tensor unlike its input");
    if (calibration.describeSample(i).empty())
      fail("describeSample returned nothing");
  }
  return 0;
}
