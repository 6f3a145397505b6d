#!/usr/bin/env python3
"""Every function a public header exports has a doc comment.

check_doc_comments.py include/dsreg: each `DSREG_EXPORT` declaration in
*.h (and version.h.in) must come straight after a /** ... */ comment, and
each header must say what its functions allow across threads (the word
"thread" in it).  Prints every offence; exit 1 when there is one.
"""
import pathlib
import re
import sys


def offences(path):
    text = path.read_text(encoding="utf-8")
    exports = re.search(r"^DSREG_EXPORT\b", text, re.M)
    if exports and not re.search(r"thread", text, re.I):
        yield f"{path.name}: no word on threads"
    for m in re.finditer(r"^DSREG_EXPORT\b[^;{]*?(\w+)\s*\(", text, re.M):
        before = text[: m.start()].rstrip()
        name = m.group(1)
        line = text.count("\n", 0, m.start()) + 1
        if not before.endswith("*/"):
            yield f"{path.name}:{line}: {name}: no doc comment before it"
            continue
        start = before.rfind("/*")
        if not before.startswith("/**", start):
            yield f"{path.name}:{line}: {name}: its comment is not /** */"


def main(argv):
    root = pathlib.Path(argv[1])
    headers = sorted(root.glob("*.h")) + sorted(root.glob("*.h.in"))
    if not headers:
        print(f"check_doc_comments: no headers in {root}")
        return 1
    found = [o for h in headers for o in offences(h)]
    for o in found:
        print(o)
    count = sum(len(re.findall(r"^DSREG_EXPORT\b", h.read_text(), re.M))
                for h in headers)
    print(f"check_doc_comments: {count} exported declarations in "
          f"{len(headers)} headers, {len(found)} offences")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
