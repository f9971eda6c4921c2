//===- CalibrationData.h - samples for post-training calibration -*- C++ -*-===//
//
// Reads the data given with `--calibration DATA` into a sequence of samples,
// each one HostTensor per graph input: a directory of .npy/.pb/.npz files, a
// directory of per-sample subdirectories (ONNX's test_data_set_*/input_0.pb),
// an .npz archive (stored or deflated, as np.savez / np.savez_compressed
// write them) or a single .npy/.pb holding a batch. The rules (sample vs.
// batch, matching files to inputs, float64 conversion) are in
// docs/quantization.md. Every problem is one message naming the file (and
// the .npz entry or the input) and what is wrong.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_QUANT_CALIBRATIONDATA_H
#define EDGEC_QUANT_CALIBRATIONDATA_H

#include "edgec/Support/TensorIO.h"

#include <cstdint>
#include <string>
#include <vector>

namespace edgec {

class CalibrationData {
public:
  /// Reads `path` for a function with graph inputs `inputs` (at least one).
  /// On failure returns false with `error` set to one message naming the
  /// file. Everything is read into memory.
  bool load(const std::string &path,
            const std::vector<GraphTensorInfo> &inputs, std::string &error);

  /// load() of a single .npy, .pb or .npz file whose contents are `bytes`;
  /// `path` names it in messages and its extension gives the format. Used by
  /// the fuzzer (test/fuzz).
  bool loadFileContents(const std::string &path, std::string bytes,
                        const std::vector<GraphTensorInfo> &inputs,
                        std::string &error);

  /// The graph inputs the samples are for.
  const std::vector<GraphTensorInfo> &getInputs() const { return inputs; }

  /// Number of samples.
  int64_t size() const { return offsets.empty() ? 0 : offsets.back(); }

  /// Sample `index` (0 <= index < size()): one tensor per graph input, in
  /// input order, named after the input, with its type and shape.
  void getSample(int64_t index, std::vector<HostTensor> &out) const;

  /// Where sample `index` comes from, for messages: `dir/x.npy[3]`,
  /// `data.npz['x']`, or `dir/sample_2` for a per-sample subdirectory.
  std::string describeSample(int64_t index) const;

private:
  /// False with `error` naming the sample, input and element of the first
  /// NaN or infinity in a float input.
  bool checkFinite(std::string &error) const;

  std::vector<GraphTensorInfo> inputs;
  /// chunks[i][c]: the data of chunk c for input i (its samples back to
  /// back, in the input's element type). All inputs share chunk boundaries:
  /// a group of files gives every input the same number of samples.
  std::vector<std::vector<std::vector<char>>> chunks;
  /// offsets[c]: the first sample after chunk c (prefix sums of counts).
  std::vector<int64_t> offsets;
  /// origins[c]: where chunk c comes from (a file, an .npz entry, a
  /// directory).
  std::vector<std::string> origins;

  friend class CalibrationDataLoader;
};

} // namespace edgec

#endif // EDGEC_QUANT_CALIBRATIONDATA_H
