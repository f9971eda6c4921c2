//===- RuntimeFamilies.cpp - edgert's files, by kernel family -------------===//
//
// Keep in step with runtime/src: test/unit/RuntimeFamiliesTest.cpp checks
// that every source is a family, that each family's source includes its
// header and private headers, and that each family links with the families
// it needs and nothing else.
//
//===----------------------------------------------------------------------===//
#include "edgec/Targets/C/RuntimeFamilies.h"

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
constexpr StringLiteral kCommon[] = {"common"};
/// quant.c: requantization, tables (built with elementwise.c's float
/// functions).
constexpr StringLiteral kQuantNeeds[] = {"common", "elementwise"};
/// The quantized kernel families call quant.c's helpers.
constexpr StringLiteral kQNeeds[] = {"common", "quant"};

const RuntimeFamily kFamilies[] = {
    {"cast", "cast", kInternal, kCommon},
    {"common", "common", kInternal, {}},
    {"compare", "compare", kInternal, kCommon},
    {"conv", "conv", kInternal, kCommon},
    {"data", "data", kInternal, kCommon},
    {"elementwise", "elementwise", kInternal, kCommon},
    {"fully_connected", "fully_connected", kInternal, kCommon},
    // Logical kernels are declared with the comparisons.
    {"logical", "compare", kInternal, kCommon},
    {"normalization", "normalization", kInternal, kCommon},
    {"pooling", "pooling", kInternal, kCommon},
    // Every quantized kernel is declared in quant.h.
    {"q_conv", "quant", kQInternal, kQNeeds},
    {"q_elementwise", "quant", kQInternal, kQNeeds},
    {"q_fully_connected", "quant", kQInternal, kQNeeds},
    {"q_pooling", "quant", kQInternal, kQNeeds},
    {"quant", "quant", kQInternal, kQuantNeeds},
    {"reduce", "reduce", kInternal, kCommon},
    {"softmax", "softmax", kInternal, kCommon},
    {"topk", "topk", kInternal, kCommon},
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
    const RuntimeFamily *f = lookupRuntimeFamily(name);
    assert(f && "not an edgert kernel family");
    if (!f)
      continue;
    for (StringLiteral n : f->needs)
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
