/*
 * test_wrap.c - prose wrapped to a width (src/wrap.h): lines break at
 * spaces only, never inside a URL, a code, a path, a quoted command, a
 * command and its switches, a menu path or a short remark in parentheses;
 * continuation lines keep their indent; width 0 does not wrap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "wrap.h"

/* `prose` wrapped at `width` after `lead` (put as is), continuing at
 * `indent`; NUL-terminated into a static buffer. */
static const char *wrapped(unsigned width, const char *lead, size_t indent,
                           const char *prose) {
  static char out[4096];
  dsreg_buf b = {0};
  dsreg_wrap w = {&b, width, 0};
  dsreg_wrap_put(&w, lead);
  dsreg_wrap_text(&w, indent, prose);
  dsreg_wrap_newline(&w);
  assert_false(b.oom);
  assert_true(b.len < sizeof out);
  memcpy(out, b.data, b.len);
  out[b.len] = '\0';
  dsreg_buf_free(&b);
  return out;
}

/* Every line of `s` is at most `width` columns, unless it is a label (one
 * word) and a piece that would not fit on a line of its own: a URL, a
 * quoted command. */
static void assert_fits(const char *s, size_t width) {
  for (const char *l = s; *l;) {
    const char *e = strchr(l, '\n');
    size_t n = e ? (size_t)(e - l) : strlen(l);
    size_t lead = 0, units = 0, last = 0;
    while (lead < n && l[lead] == ' ')
      lead++;
    /* Words, a quoted span counting as one. */
    for (size_t i = lead; i < n;) {
      size_t start = i;
      bool quoted = l[i] == '\'';
      i++;
      while (i < n && (quoted ? l[i] != '\'' : l[i] != ' '))
        i++;
      if (quoted && i < n)
        i++;
      while (i < n && l[i] != ' ')
        i++;
      last = i - start;
      units++;
      while (i < n && l[i] == ' ')
        i++;
    }
    size_t cols = dsreg_text_columns(l, n);
    if (cols > width && !(units <= 2 && last > width - lead))
      fail_msg("line of %zu columns: '%.*s'", cols, (int)n, l);
    l = e ? e + 1 : l + n;
  }
}

static void test_breaks_at_spaces_with_indent(void **state) {
  (void)state;
  assert_string_equal(
      wrapped(20, "  Next:", 4, "one two three four five six seven"),
      "  Next: one two\n"
      "    three four five\n"
      "    six seven\n");
  /* No trailing space at a break, none doubled. */
  assert_string_equal(wrapped(10, "", 0, "aaaa  bbbb   cccc"),
                      "aaaa bbbb\ncccc\n");
}

static void test_width_zero_does_not_wrap(void **state) {
  (void)state;
  const char *s = wrapped(0, "  ", 4,
                          "a very long line of prose that would wrap at any "
                          "width a terminal has, and goes on and on");
  assert_true(strchr(s, '\n') == s + strlen(s) - 1); /* one line */
}

/* URLs, codes and paths hold no space: they stay whole, and one longer
 * than the line stays after its label rather than leave the label alone. */
static void test_urls_codes_paths_whole(void **state) {
  (void)state;
  const char *url = "https://learn.microsoft.com/en-us/entra/identity/devices/"
                    "troubleshoot-device-dsregcmd";
  char prose[512];
  snprintf(prose, sizeof prose,
           "failed with 0x801c03f2 at HKLM\\SOFTWARE\\Policies\\Microsoft\\"
           "Windows\\WorkplaceJoin, see %s for more",
           url);
  const char *s = wrapped(40, "", 2, prose);
  assert_non_null(strstr(s, "0x801c03f2"));
  assert_non_null(strstr(s, "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\"
                            "WorkplaceJoin,"));
  assert_non_null(strstr(s, url));
  assert_fits(s, 40);
  s = wrapped(40, "      Reference:", 8, url);
  assert_string_equal(s, "      Reference: https://learn.microsoft.com/en-us/"
                         "entra/identity/devices/troubleshoot-device-"
                         "dsregcmd\n");
}

static void test_commands_whole(void **state) {
  (void)state;
  const char *prose =
      "keep the BitLocker recovery key, run 'dsregcmd /debug /leave' "
      "elevated, then check the clock (w32tm /query /status) and save the "
      "output: dsregcmd /status > status.txt or dsregcmd /status | Out-File "
      "status.txt";
  for (unsigned width = 47; width <= 100; width += 7) {
    const char *s = wrapped(width, "", 4, prose);
    assert_non_null(strstr(s, "'dsregcmd /debug /leave'"));
    assert_non_null(strstr(s, "w32tm /query /status"));
    assert_non_null(strstr(s, "dsregcmd /status > status.txt"));
    assert_non_null(strstr(s, "dsregcmd /status | Out-File status.txt"));
    assert_fits(s, width);
  }
}

/* Apostrophes inside words open no quote: "computer's" breaks like any
 * word, and the quote after it is still found. */
static void test_apostrophes(void **state) {
  (void)state;
  const char *s =
      wrapped(30, "", 0,
              "check that the computer's OU is in scope, then run 'dsregcmd "
              "/join' elevated");
  assert_non_null(strstr(s, "'dsregcmd /join'"));
  assert_fits(s, 30);
}

static void test_menu_paths_and_remarks(void **state) {
  (void)state;
  const char *prose = "join it: Settings > Accounts > Access work or school > "
                      "Connect (Join this device to Microsoft Entra ID), as "
                      "seen (line 68) in the capture";
  for (unsigned width = 30; width <= 90; width += 5) {
    const char *s = wrapped(width, "", 2, prose);
    assert_non_null(
        strstr(s, "Settings > Accounts > Access work or school > Connect"));
    assert_non_null(strstr(s, "(line 68)"));
  }
  /* A long remark in parentheses is prose: it may break. */
  const char *s =
      wrapped(30, "", 0,
              "x (a remark in parentheses that is longer than forty columns)");
  assert_fits(s, 30);
}

/* Columns are characters, not bytes: "é" counts one. */
static void test_counts_characters(void **state) {
  (void)state;
  assert_int_equal(dsreg_text_columns("Soci\xC3\xA9t\xC3\xA9", 9), 7);
  assert_string_equal(wrapped(11, "", 0, "Soci\xC3\xA9t\xC3\xA9 abc"),
                      "Soci\xC3\xA9t\xC3\xA9 abc\n");
}

/* Capture text is made safe for the terminal before it is wrapped. */
static void test_escapes_controls(void **state) {
  (void)state;
  assert_string_equal(wrapped(0, "", 0, "PC\x1b]0;x\x07 name"),
                      "PC\\x1b]0;x\\x07 name\n");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_breaks_at_spaces_with_indent),
      cmocka_unit_test(test_width_zero_does_not_wrap),
      cmocka_unit_test(test_urls_codes_paths_whole),
      cmocka_unit_test(test_commands_whole),
      cmocka_unit_test(test_apostrophes),
      cmocka_unit_test(test_menu_paths_and_remarks),
      cmocka_unit_test(test_counts_characters),
      cmocka_unit_test(test_escapes_controls),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
