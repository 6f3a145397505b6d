/*
 * test_cli_glob.c - the --include/--exclude patterns (src/cli/glob.c):
 * every construct, the odd corners of sets, UTF-8 names, case folding, and
 * patterns built to make a backtracking matcher take exponential time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "glob.h"

#define YES(p, n) assert_true(cli_glob_match(p, n, false))
#define NO(p, n) assert_false(cli_glob_match(p, n, false))

static void literal_and_star(void **state) {
  (void)state;
  YES("", "");
  NO("", "a");
  YES("PC1.txt", "PC1.txt");
  NO("PC1.txt", "PC1.txt.bak");
  YES("*", "");
  YES("*", "anything at all");
  YES("*.txt", "PC1.txt");
  YES("*.txt", ".txt");
  NO("*.txt", "PC1.txt.bak");
  NO("*.txt", "PC1.TXT");
  YES("PC*", "PC");
  YES("*1*", "PC1.txt");
  YES("**a**", "a");
  YES("a*b*c", "aXbYc");
  YES("a*b*c", "abcbc");
  NO("a*b*c", "aXbYd");
  /* The last star must take the right amount, not the first it can. */
  YES("*ab", "aab");
  YES("*aab", "aaab");
  NO("*ab", "aba");
}

static void question_mark(void **state) {
  (void)state;
  YES("PC?.txt", "PC1.txt");
  NO("PC?.txt", "PC.txt");
  NO("PC?.txt", "PC12.txt");
  YES("???", "abc");
  NO("???", "ab");
  /* One character is one UTF-8 sequence, not one byte. */
  YES("M?ller", "M\xc3\xbcller");
  YES("?", "\xe2\x82\xac");
  YES("?", "\xf0\x9f\x98\x80");
  NO("??", "\xc3\xbc");
  /* A stray byte is a character of its own: names need not be UTF-8. */
  YES("a?b", "a\xff"
             "b");
  YES("a?b", "a\xc3"
             "b");
}

static void sets(void **state) {
  (void)state;
  YES("PC[0-9].txt", "PC7.txt");
  NO("PC[0-9].txt", "PCx.txt");
  YES("[abc]", "b");
  NO("[abc]", "d");
  YES("[!abc]", "d");
  NO("[!abc]", "a");
  YES("[^abc]", "d");
  NO("[^abc]", "c");
  YES("[a-cx-z]", "y");
  NO("[a-cx-z]", "m");
  /* ] first is a member, - first or last is a member. */
  YES("[]]", "]");
  YES("[]a]", "a");
  YES("[!]]", "a");
  NO("[!]]", "]");
  YES("[-a]", "-");
  YES("[a-]", "-");
  NO("[a-]", "b");
  /* No escape character: a set quotes a special character. */
  YES("[*]", "*");
  NO("[*]", "a");
  YES("[?]x", "?x");
  YES("[[]", "[");
  /* A [ that never closes is itself. */
  YES("[abc", "[abc");
  NO("[abc", "a");
  YES("a[", "a[");
  YES("[", "[");
  YES("[!", "[!");
  /* Sets of UTF-8 characters, ranges included. */
  YES("[\xc3\xa4\xc3\xb6\xc3\xbc]", "\xc3\xb6");
  NO("[\xc3\xa4\xc3\xb6\xc3\xbc]", "o");
  YES("[\xc3\xa0-\xc3\xbf]", "\xc3\xa9");
  NO("[!\xc3\xa9]", "\xc3\xa9");
}

static void case_folding(void **state) {
  (void)state;
  NO("*.txt", "PC1.TXT");
  assert_true(cli_glob_match("*.txt", "PC1.TXT", true));
  assert_true(cli_glob_match("thumbs.DB", "Thumbs.db", true));
  assert_true(cli_glob_match("[a-c]*", "Bob", true));
  assert_true(cli_glob_match("[A-C]*", "bob", true));
  assert_false(cli_glob_match("[!a-c]*", "Bob", true));
  /* Only ASCII letters fold. */
  assert_false(cli_glob_match("\xc3\x9c", "\xc3\xbc", true));
}

/* Each of these takes exponential time in a recursive matcher; here each
 * is a few million steps at most. */
static void hostile_patterns_stay_fast(void **state) {
  (void)state;
  enum { LEN = 20000 };
  char *name = malloc(LEN + 2);
  char pattern[512];
  assert_non_null(name);
  memset(name, 'a', LEN);
  name[LEN] = '\0';
  size_t n = 0;
  for (int i = 0; i < 60; i++) {
    pattern[n++] = '*';
    pattern[n++] = 'a';
  }
  pattern[n++] = 'b';
  pattern[n] = '\0';
  clock_t start = clock();
  assert_false(cli_glob_match(pattern, name, false));
  /* *?*?*?... and a long set, repeated. */
  n = 0;
  for (int i = 0; i < 100; i++) {
    memcpy(pattern + n, "*?", 2);
    n += 2;
  }
  strcpy(pattern + n, "[!a]");
  assert_false(cli_glob_match(pattern, name, true));
  name[LEN] = 'b';
  name[LEN + 1] = '\0';
  assert_true(cli_glob_match(pattern, name, true));
  double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
  assert_true(secs < 5.0);
  free(name);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(literal_and_star),
      cmocka_unit_test(question_mark),
      cmocka_unit_test(sets),
      cmocka_unit_test(case_folding),
      cmocka_unit_test(hostile_patterns_stay_fast),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
