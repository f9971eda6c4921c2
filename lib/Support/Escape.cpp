//===- Escape.cpp - names and paths made safe to print on one line --------===//
#include "edgec/Support/Escape.h"

namespace edgec {

std::string escapeNonPrintable(llvm::StringRef text) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) {
      out += "\\x";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

} // namespace edgec
