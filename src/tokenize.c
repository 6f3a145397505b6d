/*
 * tokenize.c - classify one line (format reference §2.13).
 *
 * The rules that matter, each learnt from a peer that got it wrong
 * (peers.md §3): split a field at the FIRST " : " so URLs, timestamps and
 * "AADSTS50126: ..." keep their colons; `Key :` and `Key : ` are present but
 * empty, and white space never runs past the end of the line; prompt lines
 * and the footer contain colons but are not fields.
 */
#include "tokenize.h"

#include <string.h>

static int is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

static int is_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(unsigned char c) {
  return is_alpha(c) || (c >= '0' && c <= '9');
}

static int starts_with(const char *s, size_t n, const char *lit) {
  size_t m = strlen(lit);
  return n >= m && memcmp(s, lit, m) == 0;
}

static void trim(const char **s, size_t *n) {
  while (*n && is_space((unsigned char)**s)) {
    (*s)++;
    (*n)--;
  }
  while (*n && is_space((unsigned char)(*s)[*n - 1]))
    (*n)--;
}

/* A key as dsregcmd prints them: a letter, then letters, digits, spaces and
 * a little punctuation ("Auto-Configuration URL", "Fallback to Sync-Join").
 * Prose and wrapped text ("sing WPAD. code") fail this. */
static int key_ok(const char *k, size_t n, int strict) {
  if (n == 0 || n > 64 || !is_alpha((unsigned char)k[0]))
    return 0;
  for (size_t i = 1; i < n; i++) {
    unsigned char c = (unsigned char)k[i];
    if (is_alnum(c) || c == ' ' || c == '-' || c == '_')
      continue;
    if (!strict && (c == '(' || c == ')' || c == '/' || c == '.'))
      continue;
    return 0;
  }
  return 1;
}

static int is_rule(const char *s, size_t n) {
  if (n < 5 || s[0] != '+' || s[n - 1] != '+')
    return 0;
  for (size_t i = 1; i + 1 < n; i++)
    if (s[i] != '-')
      return 0;
  return 1;
}

/* "PS C:\path> cmd" or "C:\WINDOWS\system32>cmd". */
static int is_prompt(const char *s, size_t n) {
  if (starts_with(s, n, "PS ") && memchr(s, '>', n))
    return 1;
  return n >= 3 && is_alpha((unsigned char)s[0]) && s[1] == ':' &&
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
  trim(&key, &klen);
  /* "KeySignTest: : PASSED": the label carries its own colon. */
  if (klen && key[klen - 1] == ':') {
    klen--;
    trim(&key, &klen);
  }
  if (!key_ok(key, klen, old))
    return 0;
  trim(&val, &vlen);
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
    if (n && is_space((unsigned char)*s)) {
      s++;
      n--;
    } else if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
      s += 3;
      n -= 3;
    } else {
      break;
    }
  }
  tok->indent = (size_t)(s - line);
  while (n && is_space((unsigned char)s[n - 1]))
    n--;
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
  } else if (starts_with(s, n, "```")) {
    tok->kind = DSREG_LINE_FENCE;
  } else if (starts_with(s, n, "For more information, please visit")) {
    tok->kind = DSREG_LINE_FOOTER;
  } else if (starts_with(s, n, "Waiting for Diagnostics Task")) {
    tok->kind = DSREG_LINE_PROGRESS;
  } else if (is_prompt(s, n)) {
    tok->kind = DSREG_LINE_PROMPT;
  } else if (!split_field(s, n, tok)) {
    tok->kind = DSREG_LINE_OTHER;
    tok->text = s;
    tok->text_len = n;
  }
}
