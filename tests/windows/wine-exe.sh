#!/usr/bin/env bash
# dsregdiag.exe under Wine, as one command: what the bash-driven tests
# (tests/golden/run_golden.sh, ...) take as the executable.
#
#   wine-exe.sh [ARGS...]
#
# DSREGDIAG_EXE names the .exe (default: build-windows/src/cli/dsregdiag.exe);
# the Wine prefix is wine-run.sh's.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exe=${DSREGDIAG_EXE:-$here/../../build-windows/src/cli/dsregdiag.exe}
exec "$here/wine-run.sh" "$exe" "$@"
