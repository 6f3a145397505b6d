# Runs EXE with IN on standard input; fails unless its output holds WANT and
# at least one error finding.
# EMULATOR: the cross build's runner (Wine), its words joined by "|".
string(REPLACE "|" ";" emulator "${EMULATOR}")
execute_process(COMMAND ${emulator} ${EXE} INPUT_FILE ${IN}
                OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EXE} exited with ${rc}:\n${out}")
endif()
string(FIND "${out}" "${WANT}" at)
string(FIND "${out}" "\n  error " err)
if(at LESS 0 OR err LESS 0)
  message(FATAL_ERROR "${EXE}: expected '${WANT}' and an error finding, got:\n${out}")
endif()
