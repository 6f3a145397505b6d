/*
 * glob.c - file-name patterns (see glob.h).
 *
 * The classic two-pointer matcher: on a mismatch, only the most recent `*`
 * is tried again, one character further on.  That is enough, because a
 * later `*` can absorb whatever an earlier one would have, and it bounds
 * the work by pattern length times name length.
 */
#include "glob.h"

#include <stddef.h>
#include <stdint.h>

/* The character at `s`: its code point in *cp and its length in bytes.  A
 * byte that starts no valid sequence is a character of its own, so that
 * any name, valid UTF-8 or not, is walked to its end. */
static size_t char_at(const char *s, uint32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  size_t n = u[0] >= 0xF0 && u[0] <= 0xF4   ? 4
             : u[0] >= 0xE0 && u[0] <= 0xEF ? 3
             : u[0] >= 0xC2 && u[0] <= 0xDF ? 2
                                            : 1;
  uint32_t v = n == 1   ? u[0]
               : n == 2 ? u[0] & 0x1Fu
               : n == 3 ? u[0] & 0x0Fu
                        : u[0] & 0x07u;
  for (size_t i = 1; i < n; i++) {
    if ((u[i] & 0xC0) != 0x80) { /* cut short (a NUL included) */
      *cp = u[0];
      return 1;
    }
    v = (v << 6) | (u[i] & 0x3Fu);
  }
  *cp = v;
  return n;
}

static uint32_t lower(uint32_t c) {
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static bool same(uint32_t a, uint32_t b, bool fold) {
  return a == b || (fold && lower(a) == lower(b));
}

static bool in_range(uint32_t c, uint32_t lo, uint32_t hi, bool fold) {
  if (lo <= c && c <= hi)
    return true;
  if (!fold)
    return false;
  uint32_t l = lower(c), u = c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
  return (lo <= l && l <= hi) || (lo <= u && u <= hi);
}

/* A set at `p` (just after its `[`): whether `c` is matched, and in *end
 * where the pattern goes on.  False in *closed when the set has no `]`, in
 * which case the `[` is taken as itself. */
static bool set_match(const char *p, uint32_t c, bool fold, const char **end,
                      bool *closed) {
  bool negate = *p == '!' || *p == '^';
  bool hit = false;
  if (negate)
    p++;
  const char *first = p;
  while (*p && (*p != ']' || p == first)) {
    uint32_t lo, hi;
    p += char_at(p, &lo);
    if (p[0] == '-' && p[1] && p[1] != ']') {
      p += 1 + char_at(p + 1, &hi);
      hit |= in_range(c, lo, hi, fold);
    } else {
      hit |= same(c, lo, fold);
    }
  }
  *closed = *p == ']';
  *end = *closed ? p + 1 : NULL;
  return hit != negate;
}

/* Whether the pattern character at *p matches the name character `c`;
 * advances *p past it. */
static bool one_match(const char **p, uint32_t c, bool fold) {
  uint32_t pc;
  if (**p == '?') {
    (*p)++;
    return true;
  }
  if (**p == '[') {
    const char *end;
    bool closed;
    bool hit = set_match(*p + 1, c, fold, &end, &closed);
    if (closed) {
      *p = end;
      return hit;
    }
  }
  *p += char_at(*p, &pc);
  return same(pc, c, fold);
}

bool cli_glob_match(const char *pattern, const char *name, bool fold_case) {
  const char *p = pattern, *n = name;
  const char *star_p = NULL, *star_n = NULL;
  while (*n) {
    if (*p == '*') {
      while (*p == '*')
        p++;
      star_p = p;
      star_n = n;
      continue;
    }
    uint32_t c;
    size_t len = char_at(n, &c);
    const char *q = p;
    if (*p && one_match(&q, c, fold_case)) {
      p = q;
      n += len;
      continue;
    }
    if (!star_p)
      return false;
    /* Let the last `*` take one more character, and try again. */
    star_n += char_at(star_n, &c);
    n = star_n;
    p = star_p;
  }
  while (*p == '*')
    p++;
  return *p == '\0';
}
