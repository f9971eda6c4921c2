//===- TensorReaderFuzzer.cpp - libFuzzer target: .npy / TensorProto ------===//
//
// Feeds arbitrary bytes to both tensor readers of edgec/Support/TensorIO.h,
// parseNpy and parseTensorProto (what `edgec run` and --freeze-input read).
// A tensor that parses must be consistent (its data holds exactly
// numElements() elements of its type) and must survive a round trip through
// toNpy unchanged. See docs/fuzzing.md.
//
//===----------------------------------------------------------------------===//
#include "edgec/Support/TensorIO.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

void check(bool ok, const char *what, const std::string &detail) {
  if (ok)
    return;
  std::fprintf(stderr, "%s: %s\n", what, detail.c_str());
  std::abort();
}

void checkTensor(const edgec::HostTensor &t, const char *reader) {
  int64_t n = t.numElements();
  check(n >= 0, reader, "negative element count");
  check(t.data.size() ==
            static_cast<uint64_t>(n) * edgec::elemTypeSize(t.type),
        reader, "data size does not match the shape");
  std::string npy = edgec::toNpy(t);
  edgec::HostTensor back;
  std::string error;
  check(edgec::parseNpy(npy, "roundtrip.npy", back, error), reader,
        "toNpy output does not parse: " + error);
  check(back.type == t.type && back.shape == t.shape && back.data == t.data,
        reader, "toNpy/parseNpy round trip changed the tensor");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string bytes(reinterpret_cast<const char *>(data), size);
  std::string error;
  edgec::HostTensor npy;
  if (edgec::parseNpy(bytes, "fuzz.npy", npy, error))
    checkTensor(npy, "parseNpy");
  else
    check(!error.empty(), "parseNpy", "failed without a message");
  error.clear();
  edgec::HostTensor pb;
  if (edgec::parseTensorProto(bytes, "fuzz.pb", pb, error))
    checkTensor(pb, "parseTensorProto");
  else
    check(!error.empty(), "parseTensorProto", "failed without a message");
  return 0;
}
