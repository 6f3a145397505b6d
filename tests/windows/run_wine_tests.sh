#!/usr/bin/env bash
# What is particular to Windows in dsregdiag.exe, checked under Wine:
# live mode with a stand-in dsregcmd.exe on PATH, non-ASCII file and folder
# names, folders walked with '\', UTF-16LE input as Windows PowerShell 5.1
# writes it, binary standard output, -o, wildcards, a closed pipe.
#
#   run_wine_tests.sh DSREGDIAG_EXE FAKE_DSREGCMD_EXE SOURCE_DIR TRANSCODE
#
# DSREGDIAG_EXE and FAKE_DSREGCMD_EXE are Windows programs (the latter is
# tests/windows/fake_dsregcmd.c built as dsregcmd.exe); TRANSCODE is
# tests/tools/transcode.c built for this machine.  Wine runs with the
# prefix and settings of tests/windows/wine-run.sh.
set -u
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
exe=$(abs "$1") fake=$(abs "$2") src=$(cd "$3" && pwd) transcode=$(abs "$4")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Wine reads Unix file names and arguments in the locale's character set.
export LC_ALL=C.UTF-8
unset NO_COLOR DSREG_FAKE_EXIT DSREG_FAKE_MARK DSREG_FAKE_STATUS WINEPATH
cd "$src" || exit 2
# shellcheck source=../tools/checks.sh
. "$src/tests/tools/checks.sh"
# dsregdiag.exe under Wine; stdin from /dev/null unless redirected.
wexe() { DSREGDIAG_EXE=$exe "$here/wine-exe.sh" "$@"; }
# A Unix folder as Wine's Windows programs name it (Z: is /).
winpath() { local p=$1; printf 'Z:%s' "${p//\//\\}"; }

healthy=fixtures/synthetic/entra_joined_healthy.txt
broken=fixtures/synthetic/hybrid_cert_expired.txt
now=(--now 2025-03-02T08:00:01Z)

# --- live mode: dsregcmd.exe from PATH ---------------------------------------
bin=$(cd "$(dirname "$fake")" && pwd)
[ "$(basename "$fake")" = dsregcmd.exe ] || {
  mkdir -p "$tmp/bin"
  cp "$fake" "$tmp/bin/dsregcmd.exe"
  bin=$tmp/bin
}
export DSREG_FAKE_STATUS=$src/$healthy
WINEPATH=$(winpath "$bin") wexe --live "${now[@]}" -f json </dev/null >"$tmp/live.json" 2>"$tmp/live.err"
check "live: exit 0" test $? -eq 0
check "live: JSON marks the capture live, Entra joined" \
  test "$(jq -c '[.source, .live, .join_type]' "$tmp/live.json")" = '["dsregcmd /status",true,"entra-joined"]'
check "live: nothing on stderr" test ! -s "$tmp/live.err"
WINEPATH=$(winpath "$bin") wexe --live "${now[@]}" --color=never </dev/null >"$tmp/live.txt" 2>/dev/null
check "live: text report header" grep -q "^live: dsregcmd /status: capture 1" "$tmp/live.txt"

# dsregcmd failing: its stderr passes through, its exit status is told.
DSREG_FAKE_EXIT=5 WINEPATH=$(winpath "$bin") wexe --live </dev/null >/dev/null 2>"$tmp/fail.err"
check "live failing: exit 2" test $? -eq 2
check "live failing: dsregcmd's own stderr shown" grep -q "^access denied" "$tmp/fail.err"
check "live failing: status told" grep -q "^dsregdiag: dsregcmd /status: exited with status 5 and printed no status" "$tmp/fail.err"

# Nothing piped in (standard input a console): dsregcmd is run without
# --live.  script(1) gives Wine a terminal, which it makes the console.
if script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
  WINEPATH=$(winpath "$bin") DSREGDIAG_EXE=$exe timeout 60 script -qec \
    "'$here/wine-exe.sh' ${now[*]} -f json >'$tmp/console.json' 2>/dev/null" /dev/null </dev/null >/dev/null 2>&1
  check "console stdin: live by default" \
    test "$(jq -c '[.source, .live]' "$tmp/console.json" 2>/dev/null)" = '["dsregcmd /status",true]'
else
  echo "skipped: console stdin (script(1) cannot open a pseudo-terminal here)"
fi
# Something piped in: that is read, not dsregcmd.
DSREG_FAKE_STATUS=$src/fixtures/synthetic/not_joined.txt WINEPATH=$(winpath "$bin") \
  wexe "${now[@]}" -f json <"$healthy" >"$tmp/piped.json" 2>/dev/null
check "piped stdin: read, not live" \
  test "$(jq -c '[.source, .live // false, .join_type]' "$tmp/piped.json")" = '["<stdin>",false,"entra-joined"]'

# A dsregcmd.exe in the current folder is never run (cmd.exe and
# CreateProcess would look there first; shares are written by every
# device), nor one in a relative PATH entry.
mkdir -p "$tmp/planted"
cp "$bin/dsregcmd.exe" "$tmp/planted/dsregcmd.exe"
(cd "$tmp/planted" && WINEPATH='.;planted' wexe --live </dev/null >/dev/null 2>"$tmp/planted.err")
check "planted dsregcmd.exe: not run (exit 2)" test $? -eq 2
check "planted dsregcmd.exe: not found" grep -q "cannot run dsregcmd: dsregcmd.exe not found" "$tmp/planted.err"

# --- non-ASCII file and folder names -------------------------------------------
name="Gerät-ü-日本.txt"
cp "$broken" "$tmp/$name"
wexe --now 2025-01-15T09:00:00Z -f json "$tmp/$name" >"$tmp/u.json" 2>"$tmp/u.err"
check "non-ASCII file: exit 1 (its errors)" test $? -eq 1
check "non-ASCII file: source and join type" \
  test "$(jq -c '[.source, .join_type]' "$tmp/u.json")" = "[\"$tmp/$name\",\"hybrid-joined\"]"
wexe --now 2025-01-15T09:00:00Z -f json "$(winpath "$tmp")\\$name" >"$tmp/uw.json" 2>/dev/null
check "non-ASCII file, Windows path" \
  test "$(jq -r .join_type "$tmp/uw.json")" = hybrid-joined
# -o to a non-ASCII name, twice (the second replaces the first).
out="$tmp/Bericht-Ä-日本.csv"
wexe "${now[@]}" -f csv -o "$out" "$healthy" >/dev/null 2>&1
wexe "${now[@]}" -f csv -o "$out" "$healthy" >"$tmp/o.out" 2>"$tmp/o.err"
check "-o non-ASCII: exit 0" test $? -eq 0
check "-o non-ASCII: report written" grep -q '"CONTOSO-LT042"' "$out"
check "-o non-ASCII: nothing on stdout or stderr" test ! -s "$tmp/o.out" -a ! -s "$tmp/o.err"
check "-o non-ASCII: no temporary file left" no_tmp_files "$tmp"
wexe "${now[@]}" -o NUL "$healthy" >/dev/null 2>&1
check "-o NUL: exit 0" test $? -eq 0
check "-o NUL: no file named NUL" test ! -e "$src/NUL" -a ! -e "$src/nul"

# A folder of captures with non-ASCII sub-folders, walked in name order.
fleet=$tmp/fleet
mkdir -p "$fleet/Standort-Zürich/日本" "$fleet/site-b"
cp "$healthy" "$fleet/PC-Ä01.txt"
cp "$broken" "$fleet/Standort-Zürich/PC-Ö02.log"
cp fixtures/synthetic/not_joined.txt "$fleet/Standort-Zürich/日本/PC-03.txt"
cp fixtures/synthetic/multi_capture.log "$fleet/site-b/daily.log"
: >"$fleet/site-b/empty.txt"
ln -s "$fleet" "$fleet/site-b/loop"
cols=(--columns "source,capture,join_type")
wexe "${now[@]}" -f csv "${cols[@]}" --jobs 1 "$fleet" >"$tmp/f1.csv" 2>"$tmp/f1.err"
check "folder: exit 2 (an empty file in it)" test $? -eq 2
printf '"source","capture","join_type"\r
"%s\\PC-Ä01.txt","1","entra-joined"\r
"%s\\Standort-Zürich\\PC-Ö02.log","1","hybrid-joined"\r
"%s\\Standort-Zürich\\日本\\PC-03.txt","1","not-joined"\r
"%s\\site-b\\daily.log","1","entra-joined"\r
"%s\\site-b\\daily.log","2","not-joined"\r
"%s\\site-b\\daily.log","3","entra-registered"\r
"%s\\site-b\\empty.txt","",""\r
' "$fleet" "$fleet" "$fleet" "$fleet" "$fleet" "$fleet" "$fleet" >"$tmp/f.want"
if cmp -s "$tmp/f.want" "$tmp/f1.csv"; then ok; else
  bad "folder: rows, order, '\\' separators, CRLF row ends"
  diff "$tmp/f.want" "$tmp/f1.csv" | head -20
fi
check "folder: link loop skipped" grep -q "^dsregdiag: $fleet\\\\site-b\\\\loop: skipped: link loop" "$tmp/f1.err"
wexe "${now[@]}" -f csv "${cols[@]}" --jobs 4 "$fleet" >"$tmp/f4.csv" 2>/dev/null
check "folder: --jobs 4 (threads) equals --jobs 1" cmp -s "$tmp/f1.csv" "$tmp/f4.csv"
# The same folder named the Windows way, with '\' and a trailing one.
wf=$(winpath "$fleet")
wexe "${now[@]}" -f csv "${cols[@]}" "$wf\\" >"$tmp/fw.csv" 2>/dev/null
check "folder as Z:\\...\\: the same rows" \
  test "$(cut -d, -f2- "$tmp/fw.csv")" = "$(cut -d, -f2- "$tmp/f1.csv")"
check "folder as Z:\\...\\: no doubled separator" \
  grep -qF "\"$wf\\PC-Ä01.txt\"" "$tmp/fw.csv"
# Many files, eight threads: same order as one.
mkdir -p "$tmp/many"
for i in $(seq -w 1 60); do
  case $((10#$i % 3)) in
  0) cp fixtures/synthetic/not_joined.txt "$tmp/many/dev$i.txt" ;;
  1) cp fixtures/synthetic/hybrid_joined_healthy.txt "$tmp/many/dev$i.txt" ;;
  2) cp fixtures/synthetic/multi_capture.log "$tmp/many/dev$i.txt" ;;
  esac
done
wexe "${now[@]}" -f json -j 1 "$tmp/many" >"$tmp/m1" 2>/dev/null
wexe "${now[@]}" -f json -j 8 "$tmp/many" >"$tmp/m8" 2>/dev/null
check "60 files: --jobs 8 equals --jobs 1" cmp -s "$tmp/m1" "$tmp/m8"
check "60 files: 100 captures" test "$(wc -l <"$tmp/m1")" -eq 100

# -o inside the share it reads: the report (by volume serial and file id)
# and the temporary file are not sources, on the second run too.
wexe "${now[@]}" -f csv --columns source -o "$tmp/many/fleet.csv" "$tmp/many" 2>/dev/null
wexe "${now[@]}" -f csv --columns source -o "$tmp/many/fleet.csv" "$tmp/many" 2>"$tmp/self.err"
check "-o inside the share: exit 0" test $? -eq 0
check "-o inside the share: 100 rows, no report row" test "$(grep -c . "$tmp/many/fleet.csv")" -eq 101
check "-o inside the share: the old report skipped with a note" \
  grep -q "^dsregdiag: $tmp/many\\\\fleet.csv: skipped: the report this run writes" "$tmp/self.err"
check "-o inside the share: no temporary file left" no_tmp_files "$tmp/many"
rm -f "$tmp/many/fleet.csv"

# Wildcards: cmd and PowerShell leave them to the program.
wexe "${now[@]}" -f csv --columns source "$fleet/Standort-Zürich/*.log" "$fleet/PC-?01.TXT" >"$tmp/w.csv" 2>/dev/null
printf '"source"\r\n"%s"\r\n"%s"\r\n' "$fleet/Standort-Zürich/PC-Ö02.log" "$fleet/PC-Ä01.txt" >"$tmp/w.want"
check "wildcards expanded, case-insensitively" cmp -s "$tmp/w.want" "$tmp/w.csv"
wexe "${now[@]}" "$fleet/*.nothing" >/dev/null 2>"$tmp/w.err"
check "a wildcard matching nothing stays as it is" grep -q "^dsregdiag: $fleet/\*\.nothing: cannot open: No such file or directory" "$tmp/w.err"

# A path longer than MAX_PATH (260).
deep=$tmp
for _ in 1 2 3 4 5 6; do deep=$deep/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; done
mkdir -p "$deep"
cp "$healthy" "$deep/PC-long.txt"
wexe "${now[@]}" -f csv --columns join_type "$deep/PC-long.txt" "$deep" >"$tmp/long.csv" 2>"$tmp/long.err"
check "long path (${#deep} characters): read as a file and as a folder" \
  test "$(tr -d '\r' <"$tmp/long.csv" | tr '\n' ' ')" = '"join_type" "entra-joined" "entra-joined" '

# --- UTF-16LE with a BOM, as Windows PowerShell 5.1 '>' writes it -------------
sed 's/Device Name : CONTOSO-LT042/Device Name : Gerät-ü-日本/' "$healthy" >"$tmp/u8.txt"
"$transcode" --utf16le --crlf "$tmp/u8.txt" "$tmp/ps51.txt"
check "UTF-16 input starts with FF FE" test "$(head -c 2 "$tmp/ps51.txt" | od -An -tx1)" = " ff fe"
proj='[.encoding, .join_type, .typed.device_state.device_name]'
wexe "${now[@]}" -f json "$tmp/ps51.txt" >"$tmp/ps51.json" 2>/dev/null
check "UTF-16LE file: decoded, non-ASCII device name intact" \
  test "$(jq -c "$proj" "$tmp/ps51.json")" = '["utf-16le-bom","entra-joined","Gerät-ü-日本"]'
wexe "${now[@]}" -f json <"$tmp/ps51.txt" >"$tmp/ps51-stdin.json" 2>/dev/null
check "UTF-16LE on stdin (binary mode): the same" \
  test "$(jq -c "$proj" "$tmp/ps51-stdin.json")" = '["utf-16le-bom","entra-joined","Gerät-ü-日本"]'
same() { jq -c '{sections, typed, join_type, findings: [.findings[] | del(.evidence[].line)]}' "$1"; }
wexe "${now[@]}" -f json "$tmp/u8.txt" >"$tmp/u8.json" 2>/dev/null
check "UTF-16LE parses as its UTF-8 original" test "$(same "$tmp/u8.json")" = "$(same "$tmp/ps51.json")"

# --- the RMM detection script (examples/rmm/detect.cmd) under cmd.exe ----------
# As an RMM agent runs it: cmd /c, dsregdiag.exe found through DSREGDIAG,
# the stand-in dsregcmd.exe on PATH; the line on stdout, the exit status.
rmm() { # DSREGDIAG_PATH: runs detect.cmd, output in $tmp/rmm.out
  DSREGDIAG=$1 WINEPATH=$(winpath "$bin") "$here/wine-run.sh" cmd.exe /c \
    "$(winpath "$src/examples/rmm/detect.cmd")" </dev/null 2>"$tmp/rmm.err" |
    tr -d '\r' >"$tmp/rmm.out"
  return "${PIPESTATUS[0]}"
}
DSREG_FAKE_STATUS=$src/$broken rmm "$(winpath "$exe")"
check "detect.cmd: exit 1 on an error finding" test $? -eq 1
check "detect.cmd: one line, root cause first" grep -qx 'BROKEN hybrid-joined device-auth-failed,.* | CONTOSO-DT009.corp.contoso.com' "$tmp/rmm.out"
check "detect.cmd: only that line" test "$(wc -l <"$tmp/rmm.out")" -eq 1
# A capture with a Client Time, judged against it rather than the clock.
DSREG_FAKE_STATUS=$src/fixtures/synthetic/domain_joined_sync_pending.txt rmm "$(winpath "$exe")"
check "detect.cmd: exit 0 with warnings only" test $? -eq 0
check "detect.cmd: its line" test "$(cat "$tmp/rmm.out")" = "ATTENTION domain-joined hybrid-join-pending-sync,capture-as-system | CONTOSO-LT088.corp.contoso.com"
DSREG_FAKE_EXIT=5 rmm "$(winpath "$exe")"
check "detect.cmd: exit 2 when dsregcmd fails" test $? -eq 2
check "detect.cmd: an ERROR line" test "$(cat "$tmp/rmm.out")" = "ERROR | dsregcmd /status: exited with status 5 and printed no status"
rmm 'Z:\nowhere\dsregdiag.exe'
check "detect.cmd: exit 2 without dsregdiag.exe" test $? -eq 2
check "detect.cmd: says where it looked" test "$(cat "$tmp/rmm.out")" = 'ERROR | dsregdiag.exe not found: "Z:\nowhere\dsregdiag.exe"'

# --- standard output is binary ---------------------------------------------------
wexe "${now[@]}" --color=never "$healthy" >"$tmp/bin.txt" 2>/dev/null
check "text report: no CR added to stdout" test "$(tr -cd '\r' <"$tmp/bin.txt" | wc -c)" -eq 0
wexe "${now[@]}" -f csv "$healthy" >"$tmp/bin.csv" 2>/dev/null
check "CSV rows end CRLF, not CR CR LF" test "$(head -1 "$tmp/bin.csv" | tail -c 3 | od -An -tx1)" = ' 22 0d 0a'

# --- colour ---------------------------------------------------------------------------
wexe --color=always "${now[@]}" "$healthy" >"$tmp/c.txt" 2>/dev/null
check "--color=always: escape sequences" grep -q $'\x1b\\[' "$tmp/c.txt"
wexe "${now[@]}" "$healthy" >"$tmp/nc.txt" 2>/dev/null
check "not a console: no colour" test "$(grep -c $'\x1b' "$tmp/nc.txt")" -eq 0

# --- a reader that goes away early: no message ------------------------------------
for _ in $(seq 300); do cat "$healthy"; done >"$tmp/big.log"
wexe "$tmp/big.log" 2>"$tmp/pipe.err" | head -n 1 >/dev/null
check "closed pipe: nothing on stderr" test ! -s "$tmp/pipe.err"

checks_done
