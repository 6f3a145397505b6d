#!/usr/bin/env bash
# Detection scripts (issue 15): --format line and --live, as the Intune and
# RMM scripts of examples/ run them, and the scripts themselves as the
# README shows them.
#
# - README.md holds examples/intune/Detect-DeviceJoin.ps1 and
#   examples/rmm/detect.cmd verbatim, each in a fenced block;
# - `--live --format line` with a capture piped in (how --live reads where
#   there is no dsregcmd) gives exactly one line and dsregdiag's exit
#   status: 0 healthy or warnings, 1 an error finding, 2 nothing judged;
# - with nothing piped in, --live runs the dsregcmd on PATH as before;
# - the line is at most 2,048 bytes and free of control characters;
# - --flat and --format line refuse what they cannot do.
# The scripts run under Wine in tests/windows (cmd.exe); PowerShell is not
# run: Debian has no pwsh package.
#
#   run_detect_tests.sh DSREGDIAG SOURCE_DIR
set -u
exe=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
cd "$src" || exit 2
# shellcheck source=../tools/checks.sh
. "$src/tests/tools/checks.sh"
hint="Try 'dsregdiag --help' for more information."

# --- the scripts in README.md, verbatim ---------------------------------------
in_readme() { # FILE LANG: README.md has ```LANG, FILE's bytes, ``` in a row
  python3 - "$1" "$2" <<'EOF'
import sys
path, lang = sys.argv[1], sys.argv[2]
readme = open("README.md", encoding="utf-8").read()
body = open(path, encoding="utf-8").read()
sys.exit(0 if "```%s\n%s```\n" % (lang, body) in readme else 1)
EOF
}
check "README holds Detect-DeviceJoin.ps1 verbatim" in_readme examples/intune/Detect-DeviceJoin.ps1 powershell
check "README holds detect.cmd verbatim" in_readme examples/rmm/detect.cmd bat
for f in examples/intune/Detect-DeviceJoin.ps1 examples/rmm/detect.cmd; do
  check "$f runs --live --format line" grep -q -- '--live --format line' "$f"
done
# shellcheck disable=SC2016 # $status is PowerShell's, matched as text
check "the PowerShell script exits with dsregdiag's status" grep -qx 'exit \$status' examples/intune/Detect-DeviceJoin.ps1
check "the cmd script exits with dsregdiag's status" grep -qx 'exit /b %ERRORLEVEL%' examples/rmm/detect.cmd

# --- --live with a capture piped in -----------------------------------------
# live NAME WANT_EXIT WANT_LINE FILE: `--live --format line <FILE`.
live() {
  "$exe" --live --format line <"$4" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$2" ]; then
    bad "$1: exit $got, expected $2"
    sed 's/^/  stderr: /' "$tmp/err" | head -3
    return
  fi
  if [ "$(wc -l <"$tmp/out")" -eq 1 ] && [ "$(cat "$tmp/out")" = "$3" ]; then ok; else
    bad "$1: stdout was:"
    sed 's/^/  | /' "$tmp/out" | head -3
    echo "  expected: $3"
  fi
}
# Captures with a Client Time: judged against it, so the lines do not
# change with the clock.
clocked() { # FIXTURE OUT: FIXTURE with a Client Time in Diagnostic Data
  sed '/Executing Account Name/a\               Client Time : 2025-03-02 08:00:01.000 UTC' "$1" >"$2"
}
clocked fixtures/synthetic/entra_joined_healthy.txt "$tmp/healthy.txt"
clocked fixtures/synthetic/entra_joined_as_system.txt "$tmp/system.txt"
live "healthy" 0 "OK entra-joined | CONTOSO-LT042" "$tmp/healthy.txt"
live "as SYSTEM: user checks not judged" 0 "OK entra-joined capture-as-system,checks-not-run | CONTOSO-LT042" "$tmp/system.txt"
live "broken: root cause first, exit 1" 1 \
  "BROKEN domain-joined drs-discovery-failed,hybrid-join-failed,prejoin-not-system-context | CONTOSO-LT103.corp.contoso.com" \
  fixtures/synthetic/domain_joined_drs_discovery_failed.txt
live "warnings: exit 0" 0 \
  "ATTENTION domain-joined hybrid-join-pending-sync,capture-as-system | CONTOSO-LT088.corp.contoso.com" \
  fixtures/synthetic/domain_joined_sync_pending.txt
: >"$tmp/empty.txt"
live "nothing printed: an ERROR line, exit 2" 2 \
  "ERROR | dsregcmd /status: empty input: no dsregcmd /status output found" "$tmp/empty.txt"
check "nothing printed: the message on stderr too" test "$(cat "$tmp/err")" = "dsregdiag: dsregcmd /status: empty input: no dsregcmd /status output found"

# Piped in, the capture is still live: JSON marks it.
"$exe" --live -f json <"$tmp/healthy.txt" >"$tmp/out" 2>/dev/null
check "piped --live: JSON says live, source dsregcmd /status" \
  test "$(jq -c '[.source, .live]' "$tmp/out")" = '["dsregcmd /status",true]'

# --- --live with nothing piped in: the dsregcmd on PATH ----------------------
mkdir -p "$tmp/bin"
# shellcheck disable=SC2016 # $1 is the stand-in's own argument
printf '#!/bin/sh\n[ "$1" = /status ] || exit 9\ncat "%s"\n' "$tmp/healthy.txt" >"$tmp/bin/dsregcmd"
chmod +x "$tmp/bin/dsregcmd"
PATH="$tmp/bin:$PATH" "$exe" --live --format line </dev/null >"$tmp/out" 2>"$tmp/err"
check "stand-in dsregcmd: exit 0" test $? -eq 0
check "stand-in dsregcmd: the line" test "$(cat "$tmp/out")" = "OK entra-joined | CONTOSO-LT042"
printf '#!/bin/sh\necho "access denied" >&2\nexit 5\n' >"$tmp/bin/dsregcmd"
PATH="$tmp/bin:$PATH" "$exe" --live --format line </dev/null >"$tmp/out" 2>"$tmp/err"
check "failing dsregcmd: exit 2" test $? -eq 2
check "failing dsregcmd: an ERROR line" test "$(cat "$tmp/out")" = "ERROR | dsregcmd /status: exited with status 5 and printed no status"

# --- one safe line of at most 2,048 bytes ------------------------------------
long=$(printf 'Gr\xc3\xbc\xc3\x9fe-%.0s' $(seq 400))
sed "s/CONTOSO-LT042/EVIL$(printf '\033')]0;x$(printf '\007')$long/" "$tmp/healthy.txt" >"$tmp/long.txt"
"$exe" --live --format line <"$tmp/long.txt" >"$tmp/out" 2>/dev/null
check "long name: exit 0" test $? -eq 0
check "long name: one line" test "$(wc -l <"$tmp/out")" -eq 1
check "long name: 2,048 bytes with the newline" test "$(wc -c <"$tmp/out")" -le 2048
check "long name: ends in ..." test "$(tail -c 4 "$tmp/out" | head -c 3)" = "..."
check "long name: valid UTF-8" iconv -f UTF-8 -t UTF-8 "$tmp/out" -o /dev/null
check "long name: no control character" test -z "$(tr -d '\n' <"$tmp/out" | tr -d '[:print:]\200-\377')"
check "long name: ESC shown as \\x1b" grep -qF 'EVIL\x1b]0;x\x07Gr' "$tmp/out"

# Several captures: a line each, in order; a failed source: its ERROR line.
"$exe" --format line --now 2025-03-02T08:00:01Z fixtures/synthetic/multi_capture.log nosuch.txt >"$tmp/out" 2>"$tmp/err"
check "files: exit 2 (a source failed)" test $? -eq 2
check "files: a line per capture and per failed source" test "$(wc -l <"$tmp/out")" -eq "$(($("$exe" -f json fixtures/synthetic/multi_capture.log | wc -l) + 1))"
check "files: the failed source's line" test "$(tail -n 1 "$tmp/out")" = "ERROR | nosuch.txt: cannot open: No such file or directory"
"$exe" --format line --summary --now 2025-03-02T08:00:01Z "$tmp/healthy.txt" >"$tmp/out" 2>"$tmp/err"
check "--summary: still one line on stdout" test "$(wc -l <"$tmp/out")" -eq 1
check "--summary: the summary on stderr" grep -q '^Summary: 1 capture from 1 source' "$tmp/err"

# --- what --flat and --format line refuse ------------------------------------
usage() { # NAME WANT_STDERR ARGS...
  local name=$1 want=$2
  shift 2
  "$exe" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -eq 2 ] && [ "$(cat "$tmp/err")" = "$want
$hint" ] && [ ! -s "$tmp/out" ]; then ok; else
    bad "$name: exit $got, stderr: $(cat "$tmp/err")"
  fi
}
usage "--flat without json" "dsregdiag: '--flat' needs '--format json'" --flat fixtures/synthetic/drs_joined.txt
usage "--flat with csv" "dsregdiag: '--flat' needs '--format json'" --flat -f csv fixtures/synthetic/drs_joined.txt
usage "--diff --flat" "dsregdiag: '--diff' takes no '--flat' or '--format line'" --diff -f json --flat fixtures/synthetic/drs_joined.txt "$tmp/healthy.txt"
usage "--diff -f line" "dsregdiag: '--diff' takes no '--flat' or '--format line'" --diff -f line fixtures/synthetic/drs_joined.txt "$tmp/healthy.txt"

checks_done
