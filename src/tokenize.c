/*
 * tokenize.c - classify one line (docs/format.md §3, Line kinds).
 *
 * The rules that matter, each learnt from a peer tool that got it wrong:
 * split a field at the FIRST " : " so URLs, timestamps and
 * "AADSTS50126: ..." keep their colons; `Key :` and `Key : ` are present but
 * empty, and white space never runs past the end of the line; prompt lines
 * and the footer contain colons but are not fields.
 */
#include "tokenize.h"

#include <stdint.h>
#include <string.h>

#include "ascii.h"
#include "swar.h"

/* White space inside a line (the splitter took the '\n'); a table, as the
 * test runs at both ends of every line, key and value. */
static const unsigned char SPACE[256] = {
    [' '] = 1, ['\t'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1};

static int is_space(unsigned char c) { return SPACE[c]; }

#define starts_with(s, n, lit)                                                 \
  ((n) >= sizeof(lit) - 1 && memcmp((s), (lit), sizeof(lit) - 1) == 0)

/* Box titles carry some fifty spaces of padding and field lines a score of
 * indentation: skip them eight at a time; a tab or a CR ends the fast
 * part, and the byte loop takes the rest. */
static size_t skip_spaces(const char *s, size_t n) {
  size_t i = 0;
  while (n - i >= 8) {
    unsigned k = dsreg_swar_lead_spaces(s + i);
    i += k;
    if (k < 8)
      break;
  }
  while (i < n && is_space((unsigned char)s[i]))
    i++;
  return i;
}

static size_t rtrim_len(const char *s, size_t n) {
  while (n >= 8) {
    unsigned k = dsreg_swar_trail_spaces(s + n - 8);
    n -= k;
    if (k < 8)
      break;
  }
  while (n && is_space((unsigned char)s[n - 1]))
    n--;
  return n;
}

static void trim(const char **s, size_t *n) {
  size_t lead = skip_spaces(*s, *n);
  *s += lead;
  *n = rtrim_len(*s, *n - lead);
}

/* A key as dsregcmd prints them: a letter, then letters, digits, spaces and
 * a little punctuation ("Auto-Configuration URL", "Fallback to Sync-Join").
 * Prose and wrapped text ("sing WPAD. code") fail this. */
enum { STRICT = 1, LOOSE = 2, KEY_CHAR = STRICT | LOOSE, KEY_LOOSE = LOOSE };

/* Characters of keys: letters, digits, space, '-', '_'; the old layout's
 * keys are strict, the current layout also allows "( ) / .". */
static const unsigned char KEYCHARS[256] = {
    [' '] = KEY_CHAR,  ['-'] = KEY_CHAR,  ['_'] = KEY_CHAR,  ['('] = KEY_LOOSE,
    [')'] = KEY_LOOSE, ['/'] = KEY_LOOSE, ['.'] = KEY_LOOSE, ['0'] = KEY_CHAR,
    ['1'] = KEY_CHAR,  ['2'] = KEY_CHAR,  ['3'] = KEY_CHAR,  ['4'] = KEY_CHAR,
    ['5'] = KEY_CHAR,  ['6'] = KEY_CHAR,  ['7'] = KEY_CHAR,  ['8'] = KEY_CHAR,
    ['9'] = KEY_CHAR,  ['A'] = KEY_CHAR,  ['B'] = KEY_CHAR,  ['C'] = KEY_CHAR,
    ['D'] = KEY_CHAR,  ['E'] = KEY_CHAR,  ['F'] = KEY_CHAR,  ['G'] = KEY_CHAR,
    ['H'] = KEY_CHAR,  ['I'] = KEY_CHAR,  ['J'] = KEY_CHAR,  ['K'] = KEY_CHAR,
    ['L'] = KEY_CHAR,  ['M'] = KEY_CHAR,  ['N'] = KEY_CHAR,  ['O'] = KEY_CHAR,
    ['P'] = KEY_CHAR,  ['Q'] = KEY_CHAR,  ['R'] = KEY_CHAR,  ['S'] = KEY_CHAR,
    ['T'] = KEY_CHAR,  ['U'] = KEY_CHAR,  ['V'] = KEY_CHAR,  ['W'] = KEY_CHAR,
    ['X'] = KEY_CHAR,  ['Y'] = KEY_CHAR,  ['Z'] = KEY_CHAR,  ['a'] = KEY_CHAR,
    ['b'] = KEY_CHAR,  ['c'] = KEY_CHAR,  ['d'] = KEY_CHAR,  ['e'] = KEY_CHAR,
    ['f'] = KEY_CHAR,  ['g'] = KEY_CHAR,  ['h'] = KEY_CHAR,  ['i'] = KEY_CHAR,
    ['j'] = KEY_CHAR,  ['k'] = KEY_CHAR,  ['l'] = KEY_CHAR,  ['m'] = KEY_CHAR,
    ['n'] = KEY_CHAR,  ['o'] = KEY_CHAR,  ['p'] = KEY_CHAR,  ['q'] = KEY_CHAR,
    ['r'] = KEY_CHAR,  ['s'] = KEY_CHAR,  ['t'] = KEY_CHAR,  ['u'] = KEY_CHAR,
    ['v'] = KEY_CHAR,  ['w'] = KEY_CHAR,  ['x'] = KEY_CHAR,  ['y'] = KEY_CHAR,
    ['z'] = KEY_CHAR,
};

static int key_ok(const char *k, size_t n, int strict) {
  if (n == 0 || n > 64 || !dsreg_ascii_is_alpha((unsigned char)k[0]))
    return 0;
  /* A class bit that every character has survives the AND: four at a time,
   * as this runs on every field line. */
  const unsigned char want = strict ? STRICT : LOOSE;
  const unsigned char *u = (const unsigned char *)k;
  size_t i = 1;
  for (; i + 4 <= n; i += 4)
    if (!(KEYCHARS[u[i]] & KEYCHARS[u[i + 1]] & KEYCHARS[u[i + 2]] &
          KEYCHARS[u[i + 3]] & want))
      return 0;
  for (; i < n; i++)
    if (!(KEYCHARS[u[i]] & want))
      return 0;
  return 1;
}

static int is_rule(const char *s, size_t n) {
  static const char dashes[16] = "----------------";
  if (n < 5 || s[0] != '+' || s[n - 1] != '+')
    return 0;
  size_t i = 1;
  for (; i + 16 < n; i += 16)
    if (memcmp(s + i, dashes, 16) != 0)
      return 0;
  for (; i + 1 < n; i++)
    if (s[i] != '-')
      return 0;
  return 1;
}

/* "PS C:\path> cmd" or "C:\WINDOWS\system32>cmd". */
static int is_prompt(const char *s, size_t n) {
  if (starts_with(s, n, "PS ") && memchr(s, '>', n))
    return 1;
  return n >= 3 && dsreg_ascii_is_alpha((unsigned char)s[0]) && s[1] == ':' &&
         s[2] == '\\' && memchr(s, '>', n) != NULL;
}

static int split_field(const char *s, size_t n, dsreg_token *tok) {
  const char *key = s, *val = NULL;
  size_t klen = 0, vlen = 0;
  int old = 0;

  /* The first " : " ends the key. */
  for (const char *p = s; (p = memchr(p, ':', n - (size_t)(p - s))) != NULL;
       p++) {
    size_t at = (size_t)(p - s);
    if (at == 0 || s[at - 1] != ' ')
      continue;
    if (at + 1 == n || s[at + 1] == ' ') {
      klen = at;
      val = p + 1;
      vlen = n - at - 1;
      break;
    }
  }
  if (!val) {
    /* The old `Key: value` layout: the first colon ends the key, which must
     * then look like a key (no spaces before the colon). */
    const char *p = memchr(s, ':', n);
    if (!p)
      return 0;
    size_t at = (size_t)(p - s);
    if (at + 1 < n && s[at + 1] != ' ')
      return 0;
    klen = at;
    val = p + 1;
    vlen = n - at - 1;
    old = 1;
  }
  /* The line is trimmed already: the key needs it only on its right, the
   * value only on its left. */
  klen = rtrim_len(key, klen);
  /* "KeySignTest: : PASSED": the label carries its own colon. */
  if (klen && key[klen - 1] == ':')
    klen = rtrim_len(key, klen - 1);
  if (!key_ok(key, klen, old))
    return 0;
  size_t lead = skip_spaces(val, vlen);
  val += lead;
  vlen -= lead;
  tok->kind = DSREG_LINE_FIELD;
  tok->text = key;
  tok->text_len = klen;
  tok->value = val;
  tok->value_len = vlen;
  tok->old_layout = old;
  return 1;
}

void dsreg_tokenize(const char *line, size_t len, dsreg_token *tok) {
  const char *s = line;
  size_t n = len;

  memset(tok, 0, sizeof *tok);
  /* Leading white space, and BOMs left by files that were concatenated. */
  for (;;) {
    size_t k = skip_spaces(s, n);
    s += k;
    n -= k;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
      s += 3;
      n -= 3;
    } else {
      break;
    }
  }
  tok->indent = (size_t)(s - line);
  n = rtrim_len(s, n);
  tok->text = s;
  tok->text_len = n;

  if (n == 0) {
    tok->kind = DSREG_LINE_BLANK;
  } else if (s[0] == '+' && is_rule(s, n)) {
    tok->kind = DSREG_LINE_RULE;
  } else if (s[0] == '|') {
    const char *t = s + 1;
    size_t tn = n - 1;
    if (tn && t[tn - 1] == '|')
      tn--;
    trim(&t, &tn);
    tok->kind = DSREG_LINE_TITLE;
    tok->text = t;
    tok->text_len = tn;
  } else if (s[0] == '`' && starts_with(s, n, "```")) {
    tok->kind = DSREG_LINE_FENCE;
  } else if (s[0] == 'F' &&
             starts_with(s, n, "For more information, please visit")) {
    tok->kind = DSREG_LINE_FOOTER;
  } else if (s[0] == 'W' && starts_with(s, n, "Waiting for Diagnostics Task")) {
    tok->kind = DSREG_LINE_PROGRESS;
  } else if (is_prompt(s, n)) {
    tok->kind = DSREG_LINE_PROMPT;
  } else if (!split_field(s, n, tok)) {
    tok->kind = DSREG_LINE_OTHER;
    tok->text = s;
    tok->text_len = n;
  }
}
