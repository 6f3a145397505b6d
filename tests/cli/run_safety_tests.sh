#!/usr/bin/env bash
# What dsregdiag must never do with files and terminals, whatever the share
# holds: follow a planted link, leave a temporary file behind, read its own
# report, loop through fanned-out links, print raw escape sequences, cut a
# message, or wait for EOF on a pipe (issue 9).  Each case states the exact
# result it expects.  The fault-injection cases are in tests/fault.
#
#   run_safety_tests.sh DSREGDIAG SOURCE_DIR
set -u
exe=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
cd "$src" || exit 2
# shellcheck source=../tools/checks.sh
. "$src/tests/tools/checks.sh"
healthy=fixtures/synthetic/entra_joined_healthy.txt
now=(--now 2025-03-02T08:00:01Z)
temps() { find "$1" -maxdepth 1 -name '*.tmp' | wc -l; }

# --- -o: a planted link at the old, predictable temporary name -------------
mkdir "$tmp/o"
echo "precious" >"$tmp/victim"
echo "old report" >"$tmp/o/r.json"
# $$ of `bash -c` is the pid that exec hands on to dsregdiag.
bash -c 'ln -s "$1" "$2.$$.tmp"; exec "$3" --now 2025-03-02T08:00:01Z -f json -o "$2" "$4"' \
  _ "$tmp/victim" "$tmp/o/r.json" "$exe" "$healthy"
check "-o with a planted link: exit 0" test $? -eq 0
check "-o with a planted link: its target untouched" test "$(cat "$tmp/victim")" = precious
check "-o with a planted link: report written" test "$(jq -r .join_type "$tmp/o/r.json")" = entra-joined
rm -f "$tmp"/o/r.json.*.tmp
check "-o: no temporary file left" test "$(temps "$tmp/o")" -eq 0

# --- -o keeps the mode of the file it replaces; a new one gets the umask ----
chmod 640 "$tmp/o/r.json"
"$exe" "${now[@]}" -f json -o "$tmp/o/r.json" "$healthy"
check "-o keeps the old file's mode (640)" test "$(stat -c %a "$tmp/o/r.json")" = 640
(umask 027 && "$exe" "${now[@]}" -f json -o "$tmp/o/new.json" "$healthy")
check "-o: a new file gets 0666 less the umask (640 under 027)" test "$(stat -c %a "$tmp/o/new.json")" = 640
(umask 022 && "$exe" "${now[@]}" -f json -o "$tmp/o/new2.json" "$healthy")
check "-o: a new file gets 0666 less the umask (644 under 022)" test "$(stat -c %a "$tmp/o/new2.json")" = 644

# --- -o: a name near the limit (the temporary name is short) ---------------
long=$(printf 'r%.0s' $(seq 250)).json
"$exe" "${now[@]}" -f json -o "$tmp/o/$long" "$healthy" 2>"$tmp/err"
check "-o with a 255-byte name: exit 0" test $? -eq 0
check "-o with a 255-byte name: written" test -s "$tmp/o/$long"
check "-o with a 255-byte name: nothing on stderr" test ! -s "$tmp/err"

# --- signals remove the temporary file and end with the signal's status ----
for sig in TERM INT HUP; do
  d=$tmp/sig-$sig
  mkdir "$d"
  mkfifo "$d/in"
  echo "old report" >"$d/r.txt"
  # A FIFO with no writer: dsregdiag waits in open() with its temporary
  # file made.  env --default-signal undoes the SIGINT that a shell's
  # background job ignores.
  env --default-signal="$sig" "$exe" -o "$d/r.txt" "$d/in" 2>"$d/err" &
  pid=$!
  for _ in $(seq 100); do [ "$(temps "$d")" -eq 1 ] && break; sleep 0.05; done
  check "SIG$sig: the temporary file exists while running" test "$(temps "$d")" -eq 1
  kill -"$sig" $pid
  wait $pid
  st=$?
  want=$((128 + $(kill -l "$sig")))
  check "SIG$sig: exit status $want (got $st)" test $st -eq $want
  check "SIG$sig: temporary file removed" test "$(temps "$d")" -eq 0
  check "SIG$sig: the old report is still there" test "$(cat "$d/r.txt")" = "old report"
done

# --- -o share/report share: the report is not a source ---------------------
share=$tmp/share
mkdir -p "$share/site"
cp "$healthy" "$share/site/PC1.txt"
cp fixtures/synthetic/not_joined.txt "$share/PC2.txt"
: >"$share/.dsregdiag-0badc0de.tmp" # left by a run that was killed -9
"$exe" "${now[@]}" -f csv -o "$share/fleet.csv" "$share" 2>"$tmp/err"
check "-o inside the share: exit 0 (first run)" test $? -eq 0
"$exe" "${now[@]}" -f csv -o "$share/fleet.csv" "$share" 2>"$tmp/err"
check "-o inside the share: exit 0 (second run, old report there)" test $? -eq 0
cut -d, -f1 "$share/fleet.csv" | tr -d '"' | sed '1s/^\xEF\xBB\xBF//' >"$tmp/rows"
printf '%s\n' source "$share/PC2.txt" "$share/site/PC1.txt" >"$tmp/want"
check "-o inside the share: only the captures are rows" diff -u "$tmp/want" "$tmp/rows"
check "-o inside the share: the old report skipped with a note" \
  grep -qxF "dsregdiag: $share/fleet.csv: skipped: the report this run writes" "$tmp/err"
check "-o inside the share: a stale temporary file skipped with a note" \
  grep -qxF "dsregdiag: $share/.dsregdiag-0badc0de.tmp: skipped: a temporary file of dsregdiag" "$tmp/err"
check "-o inside the share: nothing else on stderr (its own temporary file is no news)" test "$(wc -l <"$tmp/err")" -eq 2

# --- fanned-out folder links: each folder once -----------------------------
# Level i holds one capture and two links to level i+1: 2^20 paths, 21
# folders.
fan=$tmp/fan
for i in $(seq 0 20); do mkdir -p "$fan/l$i"; cp fixtures/synthetic/not_joined.txt "$fan/l$i/c.txt"; done
for i in $(seq 0 19); do ln -s "../l$((i + 1))" "$fan/l$i/a"; ln -s "../l$((i + 1))" "$fan/l$i/b"; done
timeout 20 "$exe" -f csv --columns source "$fan/l0" >"$tmp/fan.csv" 2>"$tmp/fan.err"
check "fanned-out links: exit 0 within 20 s" test $? -eq 0
check "fanned-out links: 21 captures, each folder once" test "$(($(wc -l <"$tmp/fan.csv") - 1))" -eq 21
check "fanned-out links: the second link to a folder skipped with a note" \
  grep -qxF "dsregdiag: $fan/l0/b: skipped: folder already read through another link" "$tmp/fan.err"

# --- binary files on the share are given up, not read to the end ----------
bin=$tmp/bin
mkdir "$bin"
head -c 200000000 /dev/zero >"$bin/disk.img"
cp "$healthy" "$bin/PC1.txt"
timeout 5 "$exe" "${now[@]}" -f csv --columns source,capture,error "$bin" >"$tmp/bin.csv" 2>"$tmp/err"
check "200 MB of zeros: exit 2 within 5 s" test $? -eq 2
check "200 MB of zeros: an error row" grep -qxF "\"$bin/disk.img\",\"\",\"not text: 1048576 bytes in a row did not decode (given up at byte 1048576)\"$(printf '\r')" "$tmp/bin.csv"
check "200 MB of zeros: the capture beside it is read" grep -qF "\"$bin/PC1.txt\",\"1\"," "$tmp/bin.csv"
rm -f "$bin/disk.img"

# --- names and arguments never reach the terminal raw ----------------------
esc=$'\e]0;pwned\a\e[2J'
evil=$tmp/evil
mkdir "$evil"
: >"$evil/x${esc}.txt"
cp "$healthy" "$evil/y${esc}.txt"
printf 'bidi\342\200\256txt.exe' >"$tmp/bidi-name"
: >"$evil/z$(cat "$tmp/bidi-name")"
"$exe" "${now[@]}" "$evil" >"$tmp/out" 2>"$tmp/err"
check "hostile names: no ESC or BEL on stderr" test "$(tr -dc '\033\007' <"$tmp/err" | wc -c)" -eq 0
check "hostile names: no ESC or BEL in the text report" test "$(tr -dc '\033\007' <"$tmp/out" | wc -c)" -eq 0
check "hostile names: escaped in the message" \
  grep -qxF "dsregdiag: $evil/x\\x1b]0;pwned\\x07\\x1b[2J.txt: empty input: no dsregcmd /status output found" "$tmp/err"
check "hostile names: no right-to-left override on stderr" test "$(grep -c $'\342\200\256' "$tmp/err")" -eq 0
for args in "--explain|$esc" "--disable|$esc" "--now|$esc" "--columns|$esc" "--format|$esc" "--$esc|" "-$esc|"; do
  opt=${args%%|*} val=${args#*|}
  if [ -n "$val" ]; then
    "$exe" "$opt" "$val" -f csv "$healthy" >"$tmp/out" 2>"$tmp/err"
  else
    "$exe" "$opt" "$healthy" >"$tmp/out" 2>"$tmp/err"
  fi
  check "$(printf '%q' "$opt"): the argument is echoed escaped" \
    test "$(cat "$tmp/out" "$tmp/err" | tr -dc '\033\007' | wc -c)" -eq 0
done
"$exe" --explain "$esc" >"$tmp/out" 2>&1
check "--explain echoes escaped" grep -qF '\x1b]0;pwned\x07\x1b[2J: unknown: not an error code' "$tmp/out"

# --- messages are not cut ---------------------------------------------------
deep=$tmp
for _ in $(seq 12); do deep=$deep/$(printf 'd%.0s' $(seq 100)); done
mkdir -p "$deep"
: >"$deep/empty.txt"
"$exe" "$deep/empty.txt" >/dev/null 2>"$tmp/err"
check "a 1,300-byte path: the message is whole" \
  grep -qxF "dsregdiag: $deep/empty.txt: empty input: no dsregcmd /status output found" "$tmp/err"

# --- --disable takes only ids of the table ---------------------------------
longid=cert-expired$(printf 'x%.0s' $(seq 60))
"$exe" --disable "$longid" "$healthy" >/dev/null 2>"$tmp/err"
check "--disable with a 72-byte id: exit 2" test $? -eq 2
check "--disable with a 72-byte id: unknown rule" \
  grep -qxF "dsregdiag: unknown rule '$longid' for '--disable'" "$tmp/err"

# --- the real reason of a write error, with two workers --------------------
if [ -w /dev/full ]; then
  mkdir "$tmp/two"
  for i in 1 2 3 4; do cp "$healthy" "$tmp/two/$i.txt"; done
  "$exe" -j 2 "${now[@]}" "$tmp/two" >/dev/full 2>"$tmp/err"
  check "--jobs 2 to a full disk: exit 2" test $? -eq 2
  check "--jobs 2 to a full disk: the real reason" \
    test "$(cat "$tmp/err")" = "dsregdiag: error: writing output failed: No space left on device"
  "$exe" -j 2 "${now[@]}" -o /dev/full "$tmp/two" 2>"$tmp/err"
  check "-o /dev/full: names the file" \
    test "$(cat "$tmp/err")" = "dsregdiag: /dev/full: cannot write: No space left on device"
fi

# --- standard input is read as it comes -------------------------------------
# A collector that keeps the pipe open: the capture must come out before
# the pipe closes (it ends with the footer line).
{ cat "$healthy"; sleep 4; } | "$exe" "${now[@]}" -f json | cat >"$tmp/live.json" &
pid=$!
for _ in $(seq 60); do [ -s "$tmp/live.json" ] && break; sleep 0.05; done
check "a pipe that stays open: the capture is out before EOF" test -s "$tmp/live.json"
kill $pid 2>/dev/null
wait $pid 2>/dev/null

checks_done
