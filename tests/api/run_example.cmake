# Runs the docs/api.md example on a fixture and checks what the page says
# it prints: the join type, the verdict and the findings, exit status 1
# (the capture has errors).
execute_process(COMMAND ${EMULATOR} ${EXE} INPUT_FILE ${IN}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "exit ${rc}, not 1\n${out}${err}")
endif()
foreach(want "capture 1: hybrid-joined, broken, root cause device-auth-failed"
             "  error device-auth-failed: DeviceAuthStatus is"
             "  error cert-expired: device certificate expired on 2024-06-01")
  string(FIND "${out}" "${want}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "no '${want}' in:\n${out}${err}")
  endif()
endforeach()
