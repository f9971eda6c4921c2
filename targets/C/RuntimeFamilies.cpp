//===- RuntimeFamilies.cpp - edgert's files, by kernel family -------------===//
//
// The files of each runtime family, for copying the runtime beside a
// generated model; the families and the calls between them come from the
// op->kernel description (include/edgec/Dialect/Edge/EdgeKernels.def). Keep
// in step with runtime/src: test/unit/RuntimeFamiliesTest.cpp checks that
// every source is a family of both tables, that each family's source includes
// its header and private headers, and that each family links with the
// families it needs and nothing else.
//
//===----------------------------------------------------------------------===//
#include "edgec/Targets/C/RuntimeFamilies.h"

#include "edgec/Dialect/Edge/KernelCall.h"

#include "llvm/ADT/STLExtras.h"

#include <cassert>
#include <set>

using namespace edgec;
using namespace edgec::ctarget;
using llvm::StringLiteral;

namespace {

constexpr StringLiteral kInternal[] = {"internal.h"};
/// The quantized kernels' fixed-point helpers (src/qinternal.h includes
/// internal.h).
constexpr StringLiteral kQInternal[] = {"internal.h", "qinternal.h"};
const RuntimeFamily kFamilies[] = {
    // The weights-blob verifier of `--weights separate` (no private headers).
    {"blob", "blob", {}},
    {"cast", "cast", kInternal},
    {"common", "common", kInternal},
    {"compare", "compare", kInternal},
    {"conv", "conv", kInternal},
    {"data", "data", kInternal},
    {"elementwise", "elementwise", kInternal},
    {"fully_connected", "fully_connected", kInternal},
    // Logical kernels are declared with the comparisons.
    {"logical", "compare", kInternal},
    {"normalization", "normalization", kInternal},
    {"pooling", "pooling", kInternal},
    // Every quantized kernel is declared in quant.h.
    {"q_conv", "quant", kQInternal},
    {"q_elementwise", "quant", kQInternal},
    {"q_fully_connected", "quant", kQInternal},
    {"q_pooling", "quant", kQInternal},
    {"quant", "quant", kQInternal},
    {"reduce", "reduce", kInternal},
    {"softmax", "softmax", kInternal},
    {"topk", "topk", kInternal},
};

} // namespace

llvm::ArrayRef<RuntimeFamily> edgec::ctarget::getRuntimeFamilies() {
  return kFamilies;
}

const RuntimeFamily *edgec::ctarget::lookupRuntimeFamily(llvm::StringRef name) {
  for (const RuntimeFamily &f : kFamilies)
    if (f.name == name)
      return &f;
  return nullptr;
}

std::vector<std::string>
edgec::ctarget::closeRuntimeFamilies(llvm::ArrayRef<std::string> used) {
  std::set<std::string> closed;
  std::vector<std::string> work(used.begin(), used.end());
  work.push_back("common");
  while (!work.empty()) {
    std::string name = std::move(work.back());
    work.pop_back();
    if (!closed.insert(name).second)
      continue;
    assert(lookupRuntimeFamily(name) && "not an edgert kernel family");
    // Which families a family calls is part of the op->kernel description
    // (EdgeKernels.def), shared by every back end.
    for (llvm::StringRef n : edge::getFamilyDependencies(name))
      work.push_back(n.str());
  }
  return {closed.begin(), closed.end()};
}

std::vector<std::string>
edgec::ctarget::getRuntimeHeaders(llvm::ArrayRef<std::string> used) {
  std::set<std::string> headers;
  for (const std::string &name : closeRuntimeFamilies(used))
    if (const RuntimeFamily *f = lookupRuntimeFamily(name))
      headers.insert(f->header.str());
  return {headers.begin(), headers.end()};
}

RuntimeSources
edgec::ctarget::getRuntimeSources(llvm::ArrayRef<std::string> used) {
  RuntimeSources out;
  out.families = closeRuntimeFamilies(used);
  std::set<std::string> headers;
  for (const std::string &name : out.families) {
    out.sources.push_back(name + ".c");
    if (const RuntimeFamily *f = lookupRuntimeFamily(name))
      for (StringLiteral h : f->privateHeaders)
        headers.insert(h.str());
  }
  out.privateHeaders.assign(headers.begin(), headers.end());
  return out;
}
