# cmake -DCC=<compiler> -DSRCS=a.c|b.c -DINC=<dir> -DOUT=<dir> -DFLAGS=f1|f2 -P CompileCheck.cmake
# Compiles every runtime source with CC and FLAGS; fails on any diagnostic.
string(REPLACE "|" ";" srcs "${SRCS}")
string(REPLACE "|" ";" flags "${FLAGS}")
file(MAKE_DIRECTORY "${OUT}")
set(failed 0)
foreach(src ${srcs})
  get_filename_component(name "${src}" NAME_WE)
  execute_process(
    COMMAND "${CC}" ${flags} -I "${INC}" -c "${src}" -o "${OUT}/${name}.o"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT "${err}${out}" STREQUAL "")
    message("${CC}: ${src}\n${out}${err}")
    set(failed 1)
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "runtime compile check failed with ${CC}")
endif()
message(STATUS "runtime compiles cleanly with ${CC}")
