/*
 * wrap_rules.h - where the prose wrapper may not break a line: quotes,
 * menu paths, cmdlets and their arguments, short remarks in parentheses.
 * The rules of wrap.c, in a header of their own so that test_wrap's
 * word-by-word reference wrapper applies the very same ones.
 *
 * Private to the library.
 */
#ifndef DSREG_WRAP_RULES_H
#define DSREG_WRAP_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "wrap.h"

/* The word without the punctuation that may wrap a quote: "('x'" and
 * "'x');" are quoted like 'x'. */
static inline bool dsreg_wrap_opens_quote(const char *s, size_t n) {
  while (n && (*s == '(' || *s == '[' || *s == '"')) {
    s++;
    n--;
  }
  return n && *s == '\'';
}

static inline bool dsreg_wrap_closes_quote(const char *s, size_t n,
                                           bool opening) {
  while (n && strchr(".,;:)]\"", s[n - 1]))
    n--;
  /* A lone ' opens and cannot also close. */
  return n && s[n - 1] == '\'' && !(opening && n == 1 + (s[0] != '\''));
}

static inline bool dsreg_wrap_is_joiner(const char *s, size_t n) {
  return n == 1 && (*s == '>' || *s == '|');
}

/* In a menu path ("Settings > Accounts > Access work or school >
 * Connect") the words between two '>' are one step: when another '>'
 * follows within this many words, the words up to it stay together. */
#define PATH_STEP_WORDS 5

/* When the joiner at s[i] is followed by another '>' within
 * PATH_STEP_WORDS words, the offset of that '>'; else 0. */
static inline size_t dsreg_wrap_next_step(const char *s, size_t n, size_t i) {
  size_t j = i + 1;
  for (int words = 0; words <= PATH_STEP_WORDS && j < n; words++) {
    while (j < n && s[j] == ' ')
      j++;
    if (j < n && s[j] == '>' && (j + 1 == n || s[j + 1] == ' '))
      return j;
    while (j < n && s[j] != ' ')
      j++;
  }
  return 0;
}

/* A PowerShell cmdlet (Out-File) keeps its argument: "Out-File
 * status.txt". */
static inline bool dsreg_wrap_is_cmdlet(const char *s, size_t n) {
  size_t dash = 0;
  if (n < 3 || s[0] < 'A' || s[0] > 'Z')
    return false;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '-')
      dash = i;
    else if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
      return false;
  }
  return dash > 0 && dash + 1 < n && s[dash + 1] >= 'A' && s[dash + 1] <= 'Z';
}

/* A short remark in parentheses stays whole: "(line 68)", "(follows from
 * prt-missing)".  Longer ones are prose and may break. */
#define PAREN_MAX 40

/* When the word at s[i] opens a parenthesis that closes within PAREN_MAX
 * columns, the end of the word that closes it; else 0. */
static inline size_t dsreg_wrap_short_paren(const char *s, size_t n, size_t i) {
  if (s[i] != '(')
    return 0;
  for (size_t j = i; j < n && j - i <= PAREN_MAX; j++) {
    if (s[j] == ')') {
      while (j < n && s[j] != ' ')
        j++;
      return dsreg_text_columns(s + i, j - i) <= PAREN_MAX ? j : 0;
    }
  }
  return 0;
}

#endif
