#!/bin/sh
# Runs dsregdiag under Valgrind's memcheck, for the test drivers that take
# the executable as an argument and run "$exe" ARGS... (tests/golden/
# run_golden.sh, tests/cli/run_cli_tests.sh, tests/cli/run_fleet_tests.sh).
# .ci/steps/30-valgrind.sh passes this script in place of dsregdiag:
#
#   DSREG_VALGRIND_EXE=$PWD/build/src/cli/dsregdiag \
#   DSREG_VALGRIND_LOGS=/tmp/vg \
#     bash tests/golden/run_golden.sh $PWD/tests/tools/valgrind-exe.sh \
#       build/tests/golden/transcode $PWD fixtures/synthetic/not_joined.txt
#
# (absolute paths: the CLI tests change directory).  Valgrind's report goes
# to one file per process in $DSREG_VALGRIND_LOGS, never to the program's
# stderr, so drivers that compare stderr exactly still pass; with -q a file
# stays empty unless there is an error, and the caller fails on any file
# that is not.  --error-exitcode=1 alone would not do: the drivers expect
# exit 1 from dsregdiag itself when a capture has error findings, and some
# runs' exit statuses are not looked at.  DSREG_VALGRIND_OPTS adds options
# (--track-origins=yes to find where an uninitialised value came from).
: "${DSREG_VALGRIND_EXE:?set DSREG_VALGRIND_EXE to the dsregdiag to run}"
: "${DSREG_VALGRIND_LOGS:?set DSREG_VALGRIND_LOGS to a folder for the logs}"
# shellcheck disable=SC2086
exec valgrind -q --error-exitcode=1 --leak-check=full \
  --errors-for-leak-kinds=definite,indirect \
  --show-leak-kinds=definite,indirect ${DSREG_VALGRIND_OPTS:-} \
  --log-file="$DSREG_VALGRIND_LOGS/vg.%p.log" "$DSREG_VALGRIND_EXE" "$@"
