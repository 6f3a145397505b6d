#!/usr/bin/env bash
# Command-line contract of dsregdiag: options, messages, exit statuses,
# sources that fail, output that cannot be written.  Each case states the
# exact stdout/stderr/exit it expects.
#
#   run_cli_tests.sh DSREGDIAG SOURCE_DIR
# shellcheck disable=SC2015 # `test && ok || bad`: ok only adds 1 to a counter, it cannot fail
set -u
exe=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
unset NO_COLOR
cd "$src" || exit 2
healthy=fixtures/synthetic/entra_joined_healthy.txt
version=$("$exe" --version)
version=${version#dsregdiag }
broken=fixtures/synthetic/hybrid_cert_expired.txt

# run NAME EXPECTED_EXIT -- ARGS...   (stdin from $stdin_file if set)
run() {
  local name=$1 want=$2
  shift 3
  if [ -n "${stdin_file:-}" ]; then
    "$exe" "$@" <"$stdin_file" >"$tmp/out" 2>"$tmp/err"
  else
    "$exe" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
  fi
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: $name: exit $got, expected $want"
    sed 's/^/  stderr: /' "$tmp/err" | head -5
    fail=$((fail + 1))
    return 1
  fi
  return 0
}

# shellcheck source=../tools/checks.sh
. "$src/tests/tools/checks.sh"
expect_err() { # exact stderr
  if [ "$(cat "$tmp/err")" = "$2" ]; then ok; else
    bad "$1: stderr was:"
    sed 's/^/  | /' "$tmp/err"
    echo "  expected:"
    printf '%s\n' "$2" | sed 's/^/  | /'
  fi
}
expect_out() { # exact stdout
  if [ "$(cat "$tmp/out")" = "$2" ]; then ok; else
    bad "$1: stdout was:"
    sed 's/^/  | /' "$tmp/out" | head -10
    echo "  expected:"
    printf '%s\n' "$2" | sed 's/^/  | /'
  fi
}
expect_grep() { # stdout matches a fixed string
  if grep -qF -- "$2" "$tmp/out"; then ok; else bad "$1: stdout lacks '$2'"; fi
}
hint="Try 'dsregdiag --help' for more information."

# --- help, version, usage errors ------------------------------------------
run help 0 -- --help && expect_grep help "Usage: dsregdiag [OPTIONS] [--] [FILE...]" && expect_err help ""
run help-short 0 -- -h && expect_grep help-short "--format FORMAT"
# The defaults come from rules.h (DSREG_DEFAULT_*); the help text must
# still print them as before.
run help-defaults 0 -- --help &&
  expect_grep help-defaults "      --prt-stale-hours N a PRT not updated for more than N hours is stale" &&
  expect_grep help-defaults "                          (default 4)" &&
  expect_grep help-defaults "                          (default 30)"
run version 0 -- --version && expect_out version "dsregdiag 0.1.0"
run version-short 0 -- -V && expect_out version-short "dsregdiag 0.1.0"
run unknown-long 2 -- --bogus && expect_err unknown-long "dsregdiag: unknown option '--bogus'
$hint" && expect_out unknown-long ""
run unknown-short 2 -- -x && expect_err unknown-short "dsregdiag: unknown option '-x'
$hint"
run bad-format 2 -- --format xml && expect_err bad-format "dsregdiag: invalid argument 'xml' for '--format' (text, md, json, csv, capture, line or html)
$hint"
run missing-arg 2 -- --format && expect_err missing-arg "dsregdiag: option '--format' needs an argument
$hint"
run no-arg-allowed 2 -- --help=yes && expect_err no-arg-allowed "dsregdiag: option '--help' takes no argument
$hint"
run bad-now 2 -- --now yesterday $healthy && expect_err bad-now "dsregdiag: invalid argument 'yesterday' for '--now' (an ISO 8601 UTC time such as 2025-03-09T11:00:00Z)
$hint"
run bad-warn-days 2 -- --warn-days -3 $healthy && expect_err bad-warn-days "dsregdiag: invalid argument '-3' for '--warn-days' (a whole number from 0 to 36500)
$hint"
run bad-disable 2 -- --disable cert-expired,nope $healthy && expect_err bad-disable "dsregdiag: unknown rule 'nope' for '--disable'
Try 'dsregdiag --list-rules' for the rule ids."
run bad-severity 2 -- --min-severity loud $healthy && expect_err bad-severity "dsregdiag: invalid argument 'loud' for '--min-severity' (info, warning or error)
$hint"
run bad-encoding 2 -- --encoding latin9 $healthy && expect_err bad-encoding "dsregdiag: invalid argument 'latin9' for '--encoding' (auto, utf-8, utf-16le, utf-16be, cp437, cp850 or cp1252)
$hint" && expect_out bad-encoding ""
# A tenant name in cmd's OEM page (cp850): detected, with a note; or read
# as told.
printf '+----+\n| Device State |\n+----+\n  AzureAdJoined : YES\n+----+\n| Tenant Details |\n+----+\n  TenantName : Soci\202t\202\n' >"$tmp/cp850.txt"
run encoding-auto 0 -- -f json "$tmp/cp850.txt" && {
  [ "$(jq -r '.encoding + " " + .typed.tenant_details.tenant_name' "$tmp/out")" = "cp850 Société" ] &&
    jq -e '.notes[0].message | startswith("decoded as cp850: ")' "$tmp/out" >/dev/null && ok || bad "encoding-auto reads cp850"
}
run encoding-cp1252 0 -- --encoding CP1252 -f json "$tmp/cp850.txt" && {
  [ "$(jq -r '.encoding + " " + .typed.tenant_details.tenant_name + " " + (.notes | length | tostring)' "$tmp/out")" = "cp1252 Soci‚t‚ 0" ] && ok || bad "encoding-cp1252 reads cp1252"
}

# --- sources that fail -------------------------------------------------------
run missing-file 2 -- nosuch.txt && expect_err missing-file "dsregdiag: nosuch.txt: cannot open: No such file or directory"
run missing-file-json 2 -- -f json nosuch.txt && expect_out missing-file-json '{"schema":1,"version":"'"$version"'","source":"nosuch.txt","error":"cannot open: No such file or directory"}'
: >"$tmp/empty.txt"
run empty 2 -- "$tmp/empty.txt" && expect_err empty "dsregdiag: $tmp/empty.txt: empty input: no dsregcmd /status output found"
printf 'Meeting notes\nC:\\> nothing here: really\n' >"$tmp/notes.txt"
run notes 2 -- "$tmp/notes.txt" && expect_err notes "dsregdiag: $tmp/notes.txt: no dsregcmd /status output found in 2 lines (utf-8)"
# Deterministic "random" bytes, NUL and high bytes included.
awk 'BEGIN { srand(7); for (i = 0; i < 20000; i++) printf "%c", int(rand() * 256) }' >"$tmp/random.bin"
run random 2 -- "$tmp/random.bin" && if grep -q "^dsregdiag: $tmp/random.bin: no dsregcmd /status output found in [0-9]* lines" "$tmp/err"; then ok; else bad "random: stderr: $(cat "$tmp/err")"; fi
mkdir -p "$tmp/dir"
run empty-folder 2 -- "$tmp/dir" && expect_err empty-folder "dsregdiag: $tmp/dir: no files in folder"
# A bad source does not stop the batch: the good one is still reported.
run batch 2 -- -f json nosuch.txt $healthy && {
  [ "$(wc -l <"$tmp/out")" -eq 2 ] && ok || bad "batch: expected 2 JSON lines"
  [ "$(jq -r 'select(.error) | .source' "$tmp/out")" = nosuch.txt ] && ok || bad "batch: no error record"
  [ "$(jq -r 'select(.join_type) | .join_type' "$tmp/out")" = entra-joined ] && ok || bad "batch: no capture record"
}

# --- stdin -------------------------------------------------------------------
stdin_file=$healthy run stdin 0 -- -f json --now 2025-03-02T08:00:01Z && [ "$(jq -r .source "$tmp/out")" = "<stdin>" ] && ok || bad "stdin source"
stdin_file=$healthy run stdin-dash 0 -- -f json --now 2025-03-02T08:00:01Z - && [ "$(jq -r .source "$tmp/out")" = "<stdin>" ] && ok || bad "stdin dash"
cp $healthy "$tmp/-x.txt"
(cd "$tmp" && "$exe" --now 2025-03-02T08:00:01Z -- -x.txt >/dev/null 2>&1) && ok || bad "-- before a file named -x.txt"

# --- exit statuses from findings ----------------------------------------------
run healthy 0 -- --now 2025-03-02T08:00:01Z $healthy && expect_grep healthy "OK: nothing to fix"
run findings 1 -- --now 2025-01-15T09:00:00Z $broken && expect_grep findings "ERROR [cert-expired] Device certificate expired (plan step 2)" && expect_grep findings "      device certificate expired on 2024-06-01, 227 days before --now (2025-01-15)"
run verdict 1 -- --now 2025-01-15T09:00:00Z $broken && [ "$(sed -n 2p "$tmp/out")" = "BROKEN: Device authentication failed; 2 findings follow from it; 2 other problems" ] && ok || bad "verdict: the second line is the verdict"

# --- width: prose wraps, URLs, codes and quoted commands stay whole ----------
longest() { awk '{ if (length($0) > n) n = length($0) } END { print n }' "$tmp/out"; }
run width-default 1 -- --now 2025-01-15T09:00:00Z $broken && {
  [ -z "$(awk 'NR > 1 && length($0) > 100 && $0 !~ /https:/' "$tmp/out")" ] && ok || bad "width-default: a line longer than 100"
  expect_grep width-default "'dsregcmd /debug /leave'"
  expect_grep width-default "https://learn.microsoft.com/en-us/entra/identity/devices/troubleshoot-device-dsregcmd"
}
run width-0 1 -- --now 2025-01-15T09:00:00Z --width 0 $broken && { [ "$(longest)" -gt 300 ] && ok || bad "width-0: prose was wrapped"; }
run width-60 1 -- --now 2025-01-15T09:00:00Z --width 60 $broken && {
  # Longer only: the header and the facts (values are not prose), and a
  # piece longer than the line (a URL).
  [ -z "$(awk 'NR > 1 && length($0) > 60 && $0 !~ /https:/ && !(substr($0, 3, 1) ~ /[A-Z]/ && substr($0, 19, 1) == " " && substr($0, 20, 1) != " ")' "$tmp/out")" ] && ok || bad "width-60: a line longer than 60 that could break"
  expect_grep width-60 "0xc000006d"
}
run width-bad 2 -- --width wide $broken && expect_err width-bad "dsregdiag: invalid argument 'wide' for '--width' (a whole number from 0 to 10000)
$hint"
run md 1 -- --now 2025-01-15T09:00:00Z --format md $broken && expect_grep md "## fixtures/synthetic/hybrid\_cert\_expired.txt, capture 1" && expect_grep md "**BROKEN**: Device authentication failed"
run disable-all-errors 0 -- --now 2025-01-15T09:00:00Z --disable device-auth-failed,cert-expired --disable prt-missing,prt-acquire-failed $broken && expect_grep disable-all-errors "WARNING [wam-default-missing]"
run min-severity 1 -- --now 2025-01-15T09:00:00Z --min-severity error -f json $broken && {
  [ "$(jq -c '[.findings[].severity] | unique' "$tmp/out")" = '["error"]' ] && ok || bad "min-severity shows only errors"
}

# --- explain and list-rules ----------------------------------------------------
run explain-code 0 -- --explain 0x801C001D && expect_grep explain-code "0x801c001d DSREG_AUTOJOIN_ADCONFIG_READ_FAILED (discover)"
run explain-aadsts 0 -- --explain AADSTS50126 && expect_grep explain-aadsts "AADSTS50126"
run explain-rule 0 -- --explain prt-stale && expect_grep explain-rule "prt-stale (warning): PRT not refreshed"
run explain-unknown 2 -- --explain 0xdeadbeef && expect_out explain-unknown "" &&
  expect_err explain-unknown "dsregdiag: 0xdeadbeef: unknown: not an error code in the knowledge base nor a rule id (dsregdiag --list-rules lists the rules)"
run list-rules 0 -- --list-rules && expect_grep list-rules "cert-expired                   error    Device certificate expired"

# --- output ----------------------------------------------------------------------
run output-file 0 -- --now 2025-03-02T08:00:01Z -f json -o "$tmp/report.json" $healthy && {
  expect_out output-file ""
  [ "$(jq -r .join_type "$tmp/report.json")" = entra-joined ] && ok || bad "-o wrote no report"
  no_tmp_files "$tmp" && ok || bad "-o left a temporary file"
}
run output-bad-dir 2 -- -o "$tmp/no/such/dir/r.json" $healthy && if grep -q "^dsregdiag: $tmp/no/such/dir/r.json: cannot create: No such file or directory" "$tmp/err"; then ok; else bad "output-bad-dir: $(cat "$tmp/err")"; fi
if [ -w /dev/full ]; then
  "$exe" $healthy >/dev/full 2>"$tmp/err"
  [ $? -eq 2 ] && ok || bad "/dev/full: exit status"
  expect_err dev-full "dsregdiag: error: writing output failed: No space left on device"
  "$exe" --help >/dev/full 2>"$tmp/err"
  [ $? -eq 2 ] && ok || bad "/dev/full --help: exit status"
fi
# A reader that goes away early: no message, no crash.
for _ in $(seq 300); do cat $healthy; done >"$tmp/big.log"
"$exe" "$tmp/big.log" 2>"$tmp/err" | head -n 1 >/dev/null
st=${PIPESTATUS[0]}
if [ ! -s "$tmp/err" ] && { [ "$st" -eq 0 ] || [ "$st" -eq 141 ]; }; then ok; else bad "closed pipe: exit $st, stderr: $(head -c 200 "$tmp/err")"; fi

# --- colour and control characters --------------------------------------------------
run color-always 0 -- --color=always --now 2025-03-02T08:00:01Z $healthy && if grep -q $'\x1b\\[' "$tmp/out"; then ok; else bad "--color=always wrote no colour"; fi
run color-pipe 0 -- --now 2025-03-02T08:00:01Z $healthy && if grep -q $'\x1b' "$tmp/out"; then bad "colour written to a pipe"; else ok; fi
sed $'s/Device Name : CONTOSO-LT042/Device Name : EVIL\x1b]0;owned\x07\x08X/' $healthy >"$tmp/ctl.txt"
run control-chars 0 -- --color=never --now 2025-03-02T08:00:01Z "$tmp/ctl.txt" && {
  if grep -q $'\x1b\\|\x07\\|\x08' "$tmp/out"; then bad "control characters reached the terminal"; else ok; fi
  expect_grep control-chars 'EVIL\x1b]0;owned\x07\x08X'
}
run control-chars-json 0 -- -f json --now 2025-03-02T08:00:01Z "$tmp/ctl.txt" && {
  [ "$(jq -r .typed.device_state.device_name "$tmp/out")" = $'EVIL\x1b]0;owned\x07\x08X' ] && ok || bad "JSON does not round-trip control characters"
}

# --- live mode: a stand-in dsregcmd on PATH ---------------------------------------
mkdir -p "$tmp/bin"
# shellcheck disable=SC2016 # $1 is the stand-in's own argument
printf '#!/bin/sh\n[ "$1" = /status ] || exit 9\ncat "%s"\n' "$src/$healthy" >"$tmp/bin/dsregcmd"
chmod +x "$tmp/bin/dsregcmd"
PATH="$tmp/bin:$PATH" run live 0 -- --live --now 2025-03-02T08:00:01Z -f json && {
  [ "$(jq -c '[.source, .live, .join_type]' "$tmp/out")" = '["dsregcmd /status",true,"entra-joined"]' ] && ok || bad "live: JSON marks the capture"
}
PATH="$tmp/bin:$PATH" run live-text 0 -- --live --now 2025-03-02T08:00:01Z --color=never && expect_grep live-text "live: dsregcmd /status: capture 1"
printf '#!/bin/sh\necho "access denied" >&2\nexit 5\n' >"$tmp/bin/dsregcmd"
PATH="$tmp/bin:$PATH" run live-fails 2 -- --live && expect_err live-fails "access denied
dsregdiag: dsregcmd /status: exited with status 5 and printed no status"
run live-with-file 2 -- --live $healthy && expect_err live-with-file "dsregdiag: '--live' takes no FILE
$hint"

checks_done
