//===- GraphInputs.cpp - tensors given for a graph's inputs ---------------===//
#include "edgec/Support/GraphInputs.h"

using namespace edgec;

namespace {

std::string plural(size_t n, const char *word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

} // namespace

bool edgec::checkGraphInput(const GraphTensorInfo &input,
                            const HostTensor &tensor, const std::string &file,
                            std::string &error) {
  std::string prefix = file.empty() ? "" : file + ": ";
  std::string holder = file.empty() ? "the tensor holds " : "the file holds ";
  if (tensor.type != input.type) {
    error = prefix + "dtype mismatch: " + holder + elemTypeName(tensor.type) +
            ", graph input '" + input.name + "' is " +
            elemTypeName(input.type);
    return false;
  }
  if (tensor.shape != input.shape) {
    error = prefix + "shape mismatch: " + holder +
            shapeToString(tensor.shape) + ", graph input '" + input.name +
            "' is " + shapeToString(input.shape);
    return false;
  }
  size_t bytes = static_cast<size_t>(tensor.numElements()) *
                 elemTypeSize(tensor.type);
  if (tensor.data.size() != bytes) {
    error = prefix + "graph input '" + input.name + "': the tensor has " +
            plural(tensor.data.size(), "byte") + " of data, " +
            shapeToString(tensor.shape) + " " + elemTypeName(tensor.type) +
            " needs " + std::to_string(bytes);
    return false;
  }
  return true;
}

bool edgec::checkGraphInputs(const std::vector<GraphTensorInfo> &inputs,
                             const std::vector<HostTensor> &args,
                             std::string &error) {
  if (args.size() != inputs.size()) {
    error = "wrong number of inputs: the model has " +
            plural(inputs.size(), "graph input") + ", " +
            plural(args.size(), "tensor") +
            (args.size() == 1 ? " was" : " were") + " given";
    return false;
  }
  for (size_t i = 0; i < inputs.size(); ++i)
    if (!checkGraphInput(inputs[i], args[i], "", error))
      return false;
  return true;
}

bool edgec::matchGraphInputs(const std::vector<GraphTensorInfo> &inputs,
                             const std::vector<HostTensor> &tensors,
                             const std::vector<std::string> &files,
                             std::vector<HostTensor> &args,
                             std::string &error) {
  if (tensors.size() > inputs.size()) {
    error = "too many inputs: the model has " +
            plural(inputs.size(), "graph input") + ", " +
            plural(tensors.size(), "file") +
            (tensors.size() == 1 ? " was" : " were") + " given";
    return false;
  }
  // By name first, then the remaining files in order.
  std::vector<int> fileFor(inputs.size(), -1);
  std::vector<bool> used(tensors.size(), false);
  for (size_t f = 0; f < tensors.size(); ++f)
    for (size_t g = 0; g < inputs.size(); ++g)
      if (fileFor[g] < 0 && tensors[f].name == inputs[g].name) {
        fileFor[g] = static_cast<int>(f);
        used[f] = true;
        break;
      }
  size_t next = 0;
  for (size_t g = 0; g < inputs.size(); ++g) {
    if (fileFor[g] >= 0)
      continue;
    while (next < tensors.size() && used[next])
      ++next;
    if (next == tensors.size()) {
      error = "missing input: no file for graph input '" + inputs[g].name +
              "' (" + shapeToString(inputs[g].shape) + " " +
              elemTypeName(inputs[g].type) + ")";
      return false;
    }
    fileFor[g] = static_cast<int>(next);
    used[next] = true;
  }
  std::vector<HostTensor> matched;
  for (size_t g = 0; g < inputs.size(); ++g) {
    size_t f = static_cast<size_t>(fileFor[g]);
    std::string file = f < files.size() ? files[f] : std::string();
    if (!checkGraphInput(inputs[g], tensors[f], file, error))
      return false;
    matched.push_back(tensors[f]);
  }
  args = std::move(matched);
  return true;
}
