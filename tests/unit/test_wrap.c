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
#include "wrap_rules.h"

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

/* ---- the same bytes as one word at a time ------------------------------
 *
 * The wrapper as it was before it scanned each byte once (git history of
 * src/wrap.c): the plain statement of where a line breaks.  The fast one
 * must give the same bytes for any prose, width and indent; both apply the
 * rules of wrap_rules.h. */
static void ref_prose(dsreg_wrap *w, size_t indent, const char *s, size_t n) {
  size_t i = 0;
  /* Something before on the line (a label): the first piece needs its
   * space too. */
  bool space = w->col > 0 && w->b->len && w->b->data[w->b->len - 1] != ' ';
  size_t pieces = w->col > indent; /* on the current line, the label too */
  while (i < n) {
    while (i < n && s[i] == ' ')
      i++;
    if (i == n)
      break;
    /* One piece: words joined while a quote or a short parenthesis is
     * open, within a menu path, after a cmdlet, before a switch, and on
     * both sides of a joiner. */
    size_t start = i, end, paren_end = 0, step_end = 0;
    bool in_quote = false, joiner = false, cmdlet = false;
    for (;;) {
      size_t ws = i;
      if (!paren_end)
        paren_end = dsreg_wrap_short_paren(s, n, i);
      while (i < n && s[i] != ' ')
        i++;
      if (paren_end && i >= paren_end)
        paren_end = 0;
      size_t wn = i - ws;
      bool opening = !in_quote && dsreg_wrap_opens_quote(s + ws, wn);
      if (opening)
        in_quote = !dsreg_wrap_closes_quote(s + ws, wn, true);
      else if (in_quote && dsreg_wrap_closes_quote(s + ws, wn, false))
        in_quote = false;
      joiner = dsreg_wrap_is_joiner(s + ws, wn);
      cmdlet = dsreg_wrap_is_cmdlet(s + ws, wn);
      if (joiner && s[ws] == '>') {
        size_t k = dsreg_wrap_next_step(s, n, ws);
        step_end = k > step_end ? k : step_end;
      }
      if (step_end && ws >= step_end)
        step_end = 0;
      end = i;
      size_t next = i;
      while (next < n && s[next] == ' ')
        next++;
      if (next == n)
        break;
      size_t nn = next;
      while (nn < n && s[nn] != ' ')
        nn++;
      if (!in_quote && !joiner && !cmdlet && !paren_end && !step_end &&
          s[next] != '/' && !dsreg_wrap_is_joiner(s + next, nn - next))
        break;
      i = next;
    }
    size_t len = dsreg_text_columns(s + start, end - start);
    /* A piece that fits on no line stays after a lone label: breaking
     * before it would only leave the label alone on its line. */
    if (space && w->width && w->col + 1 + len > w->width && w->col > indent &&
        (indent + len <= w->width || pieces > 1)) {
      dsreg_buf_putc(w->b, '\n');
      w->col = indent;
      for (size_t k = 0; k < indent; k++)
        dsreg_buf_putc(w->b, ' ');
      pieces = 0;
    } else if (space) {
      dsreg_buf_putc(w->b, ' ');
      w->col++;
    }
    dsreg_buf_put(w->b, s + start, end - start);
    w->col += len;
    pieces++;
    space = true;
    i = end;
  }
}

/* Prose of words that exercise every rule: quotes, switches, joiners,
 * menu paths, cmdlets, short and long remarks, UTF-8, runs of spaces. */
static const char *const WORDS[] = {
    "the",
    "device",
    "'dsregcmd",
    "/debug",
    "/leave'",
    "'x'",
    "('y');",
    "computer's",
    ">",
    "|",
    "Out-File",
    "Set-Item",
    "status.txt",
    "(line",
    "68)",
    "(a",
    "remark)",
    "Settings",
    "Accounts",
    "Soci\xC3\xA9t\xC3\xA9",
    "\xC3\xA9",
    "https://learn.microsoft.com/en-us/entra/identity/devices/"
    "troubleshoot-device-dsregcmd",
    "0x801c03f2",
    "'",
    "\"'q'\",",
    "[",
    "(",
    ")",
    "x",
    "A-B",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
};

/* The same sequence on every system (a long is 32 bits on Windows). */
static unsigned lcg(uint64_t *seed) {
  *seed = *seed * 6364136223846793005u + 1442695040888963407u;
  return (unsigned)(*seed >> 33);
}

static void render(dsreg_buf *b, bool ref, unsigned width, const char *lead,
                   size_t indent, const char *s, size_t n) {
  dsreg_wrap w = {b, width, 0};
  dsreg_wrap_put(&w, lead);
  if (ref)
    ref_prose(&w, indent, s, n);
  else
    dsreg_wrap_prose(&w, indent, s, n);
  dsreg_wrap_newline(&w);
  assert_false(b->oom);
}

static void test_same_as_word_by_word(void **state) {
  (void)state;
  static const char *const LEADS[] = {"", "  ", "  Next step:", "    -"};
  static const unsigned WIDTHS[] = {0, 1, 8, 13, 20, 31, 40, 57, 80, 100};
  uint64_t seed = 17;
  char prose[2048];
  for (int c = 0; c < 3000; c++) {
    size_t n = 0, words = lcg(&seed) % 40;
    for (size_t k = 0; k < words; k++) {
      size_t gap = lcg(&seed) % 8 == 0 ? 1 + lcg(&seed) % 3 : 1;
      const char *word = WORDS[lcg(&seed) % (sizeof WORDS / sizeof *WORDS)];
      size_t wl = strlen(word);
      if (n + gap + wl >= sizeof prose)
        break;
      if (!k && lcg(&seed) % 4 != 0)
        gap = 0; /* most prose starts with its first word */
      memset(prose + n, ' ', gap);
      n += gap;
      memcpy(prose + n, word, wl);
      n += wl;
    }
    if (lcg(&seed) % 4 == 0)
      prose[n++] = ' ';
    prose[n] = '\0';
    unsigned width = WIDTHS[lcg(&seed) % (sizeof WIDTHS / sizeof *WIDTHS)];
    const char *lead = LEADS[lcg(&seed) % (sizeof LEADS / sizeof *LEADS)];
    size_t indent = lcg(&seed) % 9;
    dsreg_buf want = {0}, got = {0}, text = {0};
    render(&want, true, width, lead, indent, prose, n);
    render(&got, false, width, lead, indent, prose, n);
    /* dsreg_wrap_text: the ASCII path without a copy, the rest through
     * dsreg_buf_safe_text, which leaves this prose as it is. */
    dsreg_wrap w = {&text, width, 0};
    dsreg_wrap_put(&w, lead);
    dsreg_wrap_text(&w, indent, prose);
    dsreg_wrap_newline(&w);
    if (want.len != got.len || memcmp(want.data, got.data, want.len) != 0 ||
        want.len != text.len || memcmp(want.data, text.data, want.len) != 0)
      fail_msg("lens %zu %zu %zu width %u, lead '%s', indent %zu, prose "
               "'%s':\n%.*s---\n%.*s"
               "---\n%.*s",
               want.len, got.len, text.len, width, lead, indent, prose,
               (int)want.len, want.data, (int)got.len, got.data, (int)text.len,
               text.data);
    dsreg_buf_free(&want);
    dsreg_buf_free(&got);
    dsreg_buf_free(&text);
  }
}

/* More spaces than one copy holds, and the columns they take. */
static void test_spaces(void **state) {
  (void)state;
  dsreg_buf b = {0};
  dsreg_wrap w = {&b, 80, 3};
  dsreg_wrap_spaces(&w, 70);
  dsreg_wrap_spaces(&w, 0);
  assert_int_equal(w.col, 73);
  assert_int_equal(b.len, 70);
  for (size_t i = 0; i < b.len; i++)
    assert_int_equal(b.data[i], ' ');
  dsreg_buf_free(&b);
}

/* Every byte at every place of a paragraph: what dsreg_wrap_text takes
 * as it lies (printable ASCII, eight bytes at a time) and what it makes
 * safe first give what dsreg_buf_safe_text then dsreg_wrap_prose give. */
static void test_text_any_byte_anywhere(void **state) {
  (void)state;
  for (unsigned c = 1; c < 256; c++) {
    for (size_t at = 0; at < 19; at++) {
      char s[20];
      memcpy(s, "abc defgh ijk lmnop", 19);
      s[at] = (char)c;
      s[19] = '\0';
      dsreg_buf want = {0}, safe = {0}, got = {0};
      dsreg_wrap ww = {&want, 8, 0}, wg = {&got, 8, 0};
      dsreg_buf_safe_text(&safe, s, 19);
      dsreg_wrap_prose(&ww, 2, safe.data, safe.len);
      dsreg_wrap_text(&wg, 2, s);
      assert_false(want.oom || got.oom);
      if (want.len != got.len || memcmp(want.data, got.data, want.len) != 0)
        fail_msg("byte 0x%02x at %zu: '%.*s', not '%.*s'", c, at, (int)got.len,
                 got.data, (int)want.len, want.data);
      dsreg_buf_free(&want);
      dsreg_buf_free(&safe);
      dsreg_buf_free(&got);
    }
  }
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
      cmocka_unit_test(test_same_as_word_by_word),
      cmocka_unit_test(test_spaces),
      cmocka_unit_test(test_text_any_byte_anywhere),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
