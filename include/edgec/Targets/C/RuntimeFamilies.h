//===- RuntimeFamilies.h - edgert's files, by kernel family -----*- C++ -*-===//
//
// The one description of how the edgert runtime is laid out for the C
// target: every kernel family (runtime/src/<family>.c) with the public
// header declaring its kernels, the private headers it includes and the
// families whose functions it calls. The lowering records the families of
// the kernels it calls (CTargetInfo::families); the header includes of the
// generated code and the runtime files copied next to it (writeCModel) are
// derived from them here.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_TARGETS_C_RUNTIMEFAMILIES_H
#define EDGEC_TARGETS_C_RUNTIMEFAMILIES_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace edgec::ctarget {

struct RuntimeFamily {
  /// runtime/src/<name>.c.
  llvm::StringLiteral name;
  /// The header declaring its kernels: runtime/include/edgert/<header>.h.
  llvm::StringLiteral header;
  /// Private headers of runtime/src it includes (copied beside it).
  llvm::ArrayRef<llvm::StringLiteral> privateHeaders;
};

/// Every family of the runtime, sorted by name.
llvm::ArrayRef<RuntimeFamily> getRuntimeFamilies();

/// The family called `name`, or null.
const RuntimeFamily *lookupRuntimeFamily(llvm::StringRef name);

/// `used` (family names) with every family they need, transitively, and
/// "common" (status codes, shapes: every generated model needs it); sorted,
/// without duplicates. Names that are not families are an internal error
/// (asserted).
std::vector<std::string> closeRuntimeFamilies(llvm::ArrayRef<std::string> used);

/// The runtime headers generated code calling kernels of `used` includes:
/// "common" and the header of every family in closeRuntimeFamilies(used),
/// sorted, without duplicates (e.g. "conv", "quant").
std::vector<std::string> getRuntimeHeaders(llvm::ArrayRef<std::string> used);

/// The runtime/src files a model calling kernels of `used` is built with.
struct RuntimeSources {
  /// closeRuntimeFamilies(used).
  std::vector<std::string> families;
  /// src/<family>.c of each family, in `families` order: "conv.c".
  std::vector<std::string> sources;
  /// The private headers they include, sorted: "internal.h", "qinternal.h".
  std::vector<std::string> privateHeaders;
};
RuntimeSources getRuntimeSources(llvm::ArrayRef<std::string> used);

} // namespace edgec::ctarget

#endif // EDGEC_TARGETS_C_RUNTIMEFAMILIES_H
