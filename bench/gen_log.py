#!/usr/bin/env python3
"""gen_log.py - a large multi-capture dsregcmd log for the benchmark.

Repeats the capture files of fixtures/synthetic/ and fixtures/corpus/ (or,
when the repository holds no corpus, /work/shared/corpus/) round robin, each
copy after a `==== <stamp> ====` line and a PowerShell prompt, as a daily
collection log would hold them.  Every copy differs from the others: GUIDs,
40-digit thumbprints and the device name get the copy number worked in, and
the stamps advance, so nothing downstream can profit from identical text.

    gen_log.py --size 256M -o big.log
    gen_log.py --size 256M --crlf -o big-crlf.log
    gen_log.py --size 256M --utf16 -o big-utf16.log    # UTF-16LE with a BOM
    gen_log.py --long-line 8M -o line.log               # no newline, no box
    gen_log.py --limits --size 64M -o limits.log        # worst captures first

--limits puts two hostile captures first: one at the parser's per-capture
item limits (65536 sections, fields, unparsed lines and notes, all keys
distinct), and one whose 4 MiB of values are control characters, which JSON
escapes six-fold.  Memory is "bounded by the largest capture"; these are the
largest captures the limits allow.

--size counts output bytes (after CRLF and UTF-16 encoding), and the output is
cut to exactly that size, so the last capture may be partial.  Python 3
standard library only; the output is the same for the same arguments.
"""

import argparse
import datetime
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED_CORPUS = "/work/shared/corpus"

GUID_RE = re.compile(
    r"\b([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-)"
    r"[0-9A-Fa-f]{12}\b")
THUMB_RE = re.compile(r"\b([0-9A-F]{28})[0-9A-F]{12}\b")
DEVICE_RE = re.compile(r"^(\s*Device ?Name\s*:[ \t]*)([^.\s]+)", re.M)
STAMP_RE = re.compile(r"^==== [^\n]* ====\n", re.M)

# The header written before each copy, as multi_capture.log has it.
HEADER = ("==== %(stamp)s ====\n"
          "PS C:\\Windows\\system32> dsregcmd /status\n")


def parse_size(text):
    """'256M' -> 268435456; K, M, G are powers of 1024, a bare number bytes."""
    m = re.fullmatch(r"\s*(\d+)\s*([KkMmGg]?)(?:i?[Bb])?\s*", text)
    if not m:
        raise argparse.ArgumentTypeError("bad size %r (e.g. 256M)" % text)
    mult = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    return int(m.group(1)) * mult[m.group(2).lower()]


def source_files():
    dirs = [os.path.join(ROOT, "fixtures", "synthetic")]
    corpus = os.path.join(ROOT, "fixtures", "corpus")
    if os.path.isdir(corpus):
        dirs.append(corpus)
    elif os.path.isdir(SHARED_CORPUS):
        dirs.append(SHARED_CORPUS)
    files = []
    for d in dirs:
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".txt") or name.endswith(".log"):
                files.append(os.path.join(d, name))
    return files


def template_of(path):
    """The file as a %-format template with the varying parts as slots."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        text = raw.decode("utf-16")
    else:
        text = raw.decode("utf-8", errors="replace")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.endswith("\n"):
        text += "\n"
    text = text.replace("%", "%%")
    text = GUID_RE.sub(lambda m: m.group(1) + "%(n)012x", text)
    text = THUMB_RE.sub(lambda m: m.group(1) + "%(n)012X", text)
    text = DEVICE_RE.sub(lambda m: m.group(1) + m.group(2) + "-%(n)x", text)
    if STAMP_RE.search(text):
        # A log of its own (multi_capture.log): its stamps advance too.
        text = STAMP_RE.sub("==== %(stamp)s ====\n", text)
        return text
    return HEADER + text


def limit_captures():
    """The two hostile captures of --limits, as text."""
    rule = "+" + "-" * 70 + "+\n"
    box = "\n" + rule + "| Device State |\n" + rule + "\n"
    out = [HEADER % {"stamp": "2024-12-31 23:00:00"}, box]
    for i in range(70000):
        out.append("|S%06d|\n" % i)              # a section title
        out.append("K%06d : v\n" % i)            # an unknown, distinct key
        out.append("AzureAdJoined : maybe%d\n" % i)  # repeated, invalid: notes
        out.append("u%06d\n" % i)                # an unparsed line
    out.append("\n" + HEADER % {"stamp": "2024-12-31 23:30:00"} + box)
    value = "\x01" * 16000
    for i in range(300):
        out.append("K%06d : %s\n" % (i, value))
    out.append("\n")
    return "".join(out)


def generate(out, size, crlf, utf16, limits=False):
    files = source_files()
    if not files:
        sys.exit("gen_log.py: no capture files found")
    templates = [template_of(p) for p in files]
    if crlf:
        templates = [t.replace("\n", "\r\n") for t in templates]
    codec = "utf-16-le" if utf16 else "utf-8"
    written = 0
    if utf16:
        out.write(b"\xff\xfe")
        written = 2
    start = datetime.datetime(2025, 1, 1)
    pending = []
    pending_len = 0
    n = 0
    sep = ("\r\n" if crlf else "\n") * 3
    if limits:
        text = limit_captures()
        if crlf:
            text = text.replace("\n", "\r\n")
        piece = text.encode(codec)[:max(size - written, 0)]
        out.write(piece)
        written += len(piece)
    while written < size:
        t = templates[n % len(templates)]
        stamp = (start + datetime.timedelta(minutes=n)).strftime(
            "%Y-%m-%d %H:%M:%S")
        piece = (t % {"n": n + 1, "stamp": stamp} + sep).encode(codec)
        n += 1
        if written + len(piece) > size:
            piece = piece[:size - written]
            if utf16 and len(piece) % 2:
                piece = piece[:-1]
            if not piece:
                break
        pending.append(piece)
        pending_len += len(piece)
        written += len(piece)
        if pending_len >= 4 << 20:
            out.write(b"".join(pending))
            pending, pending_len = [], 0
    out.write(b"".join(pending))
    return written, n


def long_line(out, size, utf16):
    """One line of `size` bytes, no newline and no box: text a parser must
    skip, in bounded memory."""
    unit = "Lorem ipsum : dolor sit amet 0123456789 "
    written = 0
    if utf16:
        out.write(b"\xff\xfe")
        written = 2
    block = (unit * (65536 // len(unit) + 1)).encode(
        "utf-16-le" if utf16 else "utf-8")[:65536]
    while written < size:
        piece = block[:size - written]
        if utf16 and len(piece) % 2:
            piece = piece[:-1]
            if not piece:
                break
        out.write(piece)
        written += len(piece)
    return written


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=parse_size, default=parse_size("256M"),
                    help="output size in bytes, K/M/G suffixes (default 256M)")
    ap.add_argument("--crlf", action="store_true", help="CRLF line ends")
    ap.add_argument("--utf16", action="store_true",
                    help="UTF-16LE with a BOM (as PowerShell 5.1 `>` writes)")
    ap.add_argument("--long-line", type=parse_size, metavar="N",
                    help="instead: one line of N bytes, no newline, no box")
    ap.add_argument("--limits", action="store_true",
                    help="begin with two captures at the per-capture limits")
    ap.add_argument("-o", "--output", default="-",
                    help="output file (default standard output)")
    args = ap.parse_args()

    out = (sys.stdout.buffer if args.output == "-"
           else open(args.output, "wb"))
    try:
        if args.long_line is not None:
            n = long_line(out, args.long_line, args.utf16)
            msg = "%d bytes, one line" % n
        else:
            n, copies = generate(out, args.size, args.crlf, args.utf16,
                                 args.limits)
            msg = "%d bytes, %d copies" % (n, copies)
    finally:
        if out is not sys.stdout.buffer:
            out.close()
        else:
            out.flush()
    print("gen_log.py: %s: %s" % (args.output, msg), file=sys.stderr)


if __name__ == "__main__":
    main()
