# ctest's fuzz-smoke-* tests: runs FUZZER with ARGS over the corpora CORPORA
# (seeds and regression inputs, read only) from a fresh scratch corpus
# SCRATCH (libFuzzer writes what it finds into its first corpus directory,
# which must not be the source tree). Fails if the fuzzer does.
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${SCRATCH})
set(dirs)
foreach(d ${CORPORA})
  if(EXISTS ${d})
    list(APPEND dirs ${d})
  endif()
endforeach()
execute_process(
  COMMAND ${FUZZER} ${ARGS} -artifact_prefix=${SCRATCH}/ ${SCRATCH} ${dirs}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${FUZZER} failed (${rc}); the input is in ${SCRATCH}")
endif()
