//===- Escape.h - names made safe to print on one line ---------*- C++ -*-===//
//
// Names in ONNX models (node, tensor and op type names) and paths are
// arbitrary bytes. Every message and table edgec prints passes them through
// escapeNonPrintable, so that a name cannot break a message over several
// lines, move the cursor, or put raw non-ASCII bytes on the terminal.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_SUPPORT_ESCAPE_H
#define EDGEC_SUPPORT_ESCAPE_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace edgec {

/// `text` with every byte outside printable ASCII (0x20-0x7e) written as
/// \xHH (upper-case hex), e.g. "a\nb" -> "a\x0Ab", "\xC3\xA9" -> "\xC3\xA9"
/// as text.
std::string escapeNonPrintable(llvm::StringRef text);

} // namespace edgec

#endif // EDGEC_SUPPORT_ESCAPE_H
