# Fails when DOC differs from what EXE ARGS prints.
execute_process(COMMAND ${EXE} ${ARGS} OUTPUT_VARIABLE got RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EXE} ${ARGS} exited with ${rc}")
endif()
file(READ ${DOC} want)
if(NOT got STREQUAL want)
  message(FATAL_ERROR "${DOC} is out of date: regenerate it with\n"
                      "  ${EXE} ${ARGS} > ${DOC}")
endif()
