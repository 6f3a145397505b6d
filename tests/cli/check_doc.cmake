# Fails when DOC differs from what EXE ARGS prints.  With FROM set, only
# the part of DOC from the line FROM to the end is compared (a generated
# appendix of a hand-written page).
execute_process(COMMAND ${EXE} ${ARGS} OUTPUT_VARIABLE got RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EXE} ${ARGS} exited with ${rc}")
endif()
file(READ ${DOC} want)
if(DEFINED FROM)
  string(FIND "${want}" "${FROM}" at)
  if(at LESS 0)
    message(FATAL_ERROR "${DOC} has no line '${FROM}'")
  endif()
  string(SUBSTRING "${want}" ${at} -1 want)
endif()
if(NOT got STREQUAL want)
  message(FATAL_ERROR "${DOC} is out of date: regenerate it with\n"
                      "  ${EXE} ${ARGS} > ${DOC}")
endif()
