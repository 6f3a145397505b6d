/*
 * glob.h - the file-name patterns of --include and --exclude.
 *
 * `*` matches any run of characters (none included), `?` one character,
 * `[abc]`, `[a-z]` one of a set, `[!abc]` or `[^abc]` one character not in
 * it; a `]` right after the opening `[` (or `[!`) is a member, a `-` first
 * or last is a member, and a `[` with no closing `]` is a plain `[`.  There
 * is no escape character (a backslash is a folder separator on Windows):
 * `[*]`, `[?]` and `[[]` match those characters themselves.  A character is
 * a UTF-8 sequence, so `?` matches `ü` as one.  Patterns are matched
 * against a file's name, never its folder.
 *
 * Matching takes time proportional to the length of the pattern times the
 * length of the name, whatever the pattern: `*a*a*a*a*b` against a long
 * run of `a` does not backtrack exponentially.
 */
#ifndef DSREG_CLI_GLOB_H
#define DSREG_CLI_GLOB_H

#include <stdbool.h>

/* True when `name` matches `pattern`.  With `fold_case`, ASCII letters
 * match either case (Windows names; other letters match as written). */
bool cli_glob_match(const char *pattern, const char *name, bool fold_case);

#endif
