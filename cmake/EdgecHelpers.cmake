# Helpers shared by edgec's CMake files.

# Libraries that touch libonnx or CLI11 need C++ exceptions, which Debian's LLVM
# build turns off for add_llvm_*/add_mlir_* targets.
function(edgec_enable_exceptions target)
  target_compile_options(${target} PRIVATE -fexceptions)
endfunction()
