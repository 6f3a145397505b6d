/*
 * test_cli_progress.c - the progress line never mixes with report text:
 * hidden (carriage return, erase line) before other output reaches the same
 * terminal, drawn again after.  The "terminal" is a temporary file, so the
 * bytes in their order are what the test reads back; no pty is needed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "progress.h"

#define ERASE "\r\x1b[K"

/* Everything written to `f`, NUL-terminated, into buf. */
static const char *contents(FILE *f, char *buf, size_t size) {
  fflush(f);
  rewind(f);
  size_t n = fread(buf, 1, size - 1, f);
  buf[n] = '\0';
  return buf;
}

static void test_hidden_around_output(void **state) {
  (void)state;
  FILE *tty = tmpfile();
  char got[512];
  assert_non_null(tty);
  cli_progress p;
  cli_progress_init(&p, tty);
  cli_progress_update(&p, 64, 70);
  /* A report record reaches the same terminal: the line goes first. */
  cli_progress_hide(&p);
  fputs("OK: nothing to fix\n", tty);
  cli_progress_resume(&p);
  cli_progress_update(&p, 128, 131);
  cli_progress_end(&p);
  assert_string_equal(contents(tty, got, sizeof got),
                      ERASE "dsregdiag: 64 sources, 70 captures" ERASE
                            "OK: nothing to fix\n"
                            "dsregdiag: 64 sources, 70 captures" ERASE
                            "dsregdiag: 128 sources, 131 captures" ERASE);
  fclose(tty);
}

/* Before the first count, and after the end, output passes untouched: no
 * stray erase sequences in a run too short to show the line. */
static void test_nothing_before_first_update(void **state) {
  (void)state;
  FILE *tty = tmpfile();
  char got[256];
  assert_non_null(tty);
  cli_progress p;
  cli_progress_init(&p, tty);
  cli_progress_hide(&p);
  fputs("report\n", tty);
  cli_progress_resume(&p);
  cli_progress_end(&p);
  assert_string_equal(contents(tty, got, sizeof got), "report\n");
  fclose(tty);
}

/* Two records in a row: hidden once, drawn again after each. */
static void test_resume_only_when_hidden(void **state) {
  (void)state;
  FILE *tty = tmpfile();
  char got[512];
  assert_non_null(tty);
  cli_progress p;
  cli_progress_init(&p, tty);
  cli_progress_update(&p, 64, 64);
  cli_progress_resume(&p); /* not hidden: draws nothing */
  cli_progress_hide(&p);
  cli_progress_hide(&p); /* already hidden: erases nothing more */
  fputs("a\n", tty);
  cli_progress_resume(&p);
  cli_progress_end(&p);
  cli_progress_end(&p);
  assert_string_equal(contents(tty, got, sizeof got),
                      ERASE "dsregdiag: 64 sources, 64 captures" ERASE "a\n"
                            "dsregdiag: 64 sources, 64 captures" ERASE);
  fclose(tty);
}

static void test_off_without_terminal(void **state) {
  (void)state;
  cli_progress p;
  cli_progress_init(&p, NULL);
  cli_progress_update(&p, 64, 64);
  cli_progress_hide(&p);
  cli_progress_resume(&p);
  cli_progress_end(&p);
  assert_false(p.shown);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_hidden_around_output),
      cmocka_unit_test(test_nothing_before_first_update),
      cmocka_unit_test(test_resume_only_when_hidden),
      cmocka_unit_test(test_off_without_terminal),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
