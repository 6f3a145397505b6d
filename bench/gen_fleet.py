#!/usr/bin/env python3
"""gen_fleet.py - a folder of single-capture files, as a collection share holds.

Writes --files files (default 100000), each holding one `dsregcmd /status`
capture, into sub-folders of --per-dir files (default 1000):

    OUT/site-000/CONTOSO-LT042-1.txt
    OUT/site-000/FABRIKAM-SRV-2.txt
    ...
    OUT/site-099/...

The captures are the *.txt files of fixtures/synthetic/ and fixtures/corpus/
(or /work/shared/corpus/ when the repository has no corpus), taken in turn
and varied as gen_log.py varies them: the file number goes into every GUID,
every 40-digit thumbprint and the device name, so no two files are the same.
A saved capture holds only what dsregcmd printed: no stamp line, no prompt.
multi_capture.log and other .log files are left out (one capture a file).

Encodings (--encoding):
  mix    (default) what a share fed by different collection scripts holds:
         of every 4 files, 2 are UTF-8 with CRLF (cmd.exe `>`), 1 is UTF-16LE
         with a BOM and CRLF (PowerShell 5.1 `>`), 1 is UTF-8 with LF.
  utf8   UTF-8, LF, every file.
  crlf   UTF-8, CRLF, every file.
  utf16  UTF-16LE with a BOM, CRLF, every file.

The same arguments always give the same files.  OUT is created; files that
are there already are overwritten, others are left alone.  The file OUT.stamp,
beside the folder so that the folder holds captures only, records the
arguments and is written last, so that a caller can tell whether a kept
folder is complete and can be reused.  Prints `files=N bytes=B dirs=D`.

    gen_fleet.py -o /tmp/fleet                       # 100000 files
    gen_fleet.py --files 20000 --per-dir 500 -o /tmp/fleet
"""

import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_log  # noqa: E402  (same directory)

STAMP_VERSION = 1
# Of every 4 files: which encoding (see the docstring).
MIX = ("crlf", "utf16", "crlf", "utf8")


def templates():
    out = []
    for path in gen_log.source_files():
        if not path.endswith(".txt"):
            continue
        t = gen_log.template_of(path)
        # template_of puts a log's stamp line and prompt first: a saved
        # capture file has neither.
        if t.startswith(gen_log.HEADER):
            t = t[len(gen_log.HEADER):]
        # Files are named after the device, as collection scripts do; a
        # capture without a usable name is a plain "PC".
        name = gen_log.DEVICE_RE.search(t)
        base = name.group(2).replace("%(n)x", "") if name else ""
        base = re.sub(r"[^A-Za-z0-9_-]", "", base).strip("-_")[:15] or "PC"
        out.append((t, base))
    return out


def stamp_text(args):
    return "v%d files=%d per_dir=%d encoding=%s\n" % (
        STAMP_VERSION, args.files, args.per_dir, args.encoding)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=100000,
                    help="number of capture files (default 100000)")
    ap.add_argument("--per-dir", type=int, default=1000,
                    help="files per sub-folder (default 1000)")
    ap.add_argument("--encoding", choices=("mix", "utf8", "crlf", "utf16"),
                    default="mix", help="file encodings (default mix)")
    ap.add_argument("-o", "--output", required=True, help="folder to fill")
    args = ap.parse_args()
    if args.files < 1 or args.per_dir < 1:
        ap.error("--files and --per-dir must be at least 1")

    tpl = templates()
    if not tpl:
        sys.exit("gen_fleet.py: no capture files found")
    out_dir = os.path.normpath(args.output)
    os.makedirs(out_dir, exist_ok=True)
    stamp = out_dir + ".stamp"
    if os.path.exists(stamp):
        os.remove(stamp)  # rewritten only once every file is there

    ndirs = (args.files + args.per_dir - 1) // args.per_dir
    width = max(3, len(str(ndirs - 1)))
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    total = 0
    n = 0
    for d in range(ndirs):
        sub = os.path.join(out_dir, "site-%0*d" % (width, d))
        os.makedirs(sub, exist_ok=True)
        for _ in range(min(args.per_dir, args.files - n)):
            t, base = tpl[n % len(tpl)]
            text = t % {"n": n + 1}
            enc = MIX[n % 4] if args.encoding == "mix" else args.encoding
            if enc == "utf8":
                data = text.encode("utf-8")
            elif enc == "crlf":
                data = text.replace("\n", "\r\n").encode("utf-8")
            else:
                data = b"\xff\xfe" + text.replace("\n", "\r\n").encode(
                    "utf-16-le")
            path = os.path.join(sub, "%s-%x.txt" % (base, n + 1))
            fd = os.open(path, flags, 0o644)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
            finally:
                os.close(fd)
            total += len(data)
            n += 1
    with open(stamp, "w") as f:
        f.write(stamp_text(args))
        f.write("bytes=%d dirs=%d\n" % (total, ndirs))
    print("files=%d bytes=%d dirs=%d" % (n, total, ndirs))


if __name__ == "__main__":
    main()
