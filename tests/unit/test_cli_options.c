/*
 * test_cli_options.c - the command line (src/cli/options.c): every option
 * form, the usage errors byte for byte, and the option table behind --help.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

#define HINT "Try 'dsregdiag --help' for more information.\n"

/* What a run of cli_parse printed, and its result. */
typedef struct parsed {
  int rc;
  cli_options o;
  char err[1024];
} parsed;

/* Reads back what was written to `f` (opened "w+b") and closes it. */
static void slurp(FILE *f, char *buf, size_t size) {
  rewind(f);
  size_t n = fread(buf, 1, size - 1, f);
  buf[n] = '\0';
  fclose(f);
}

/* Parses the NULL-terminated arguments after "dsregdiag". */
static void parse(parsed *p, ...) {
  char *argv[32];
  int argc = 0;
  va_list ap;
  argv[argc++] = "dsregdiag";
  va_start(ap, p);
  for (char *a; (a = va_arg(ap, char *)) != NULL;)
    argv[argc++] = a;
  va_end(ap);
  argv[argc] = NULL;
  FILE *err = fopen("test_cli_options.err", "w+b");
  assert_non_null(err);
  p->rc = cli_parse(argc, argv, &p->o, err);
  slurp(err, p->err, sizeof p->err);
  remove("test_cli_options.err");
}

/* A usage error: -1 and exactly `message` then the hint on stderr. */
static void expect_usage_error(parsed *p, const char *message) {
  char want[1024];
  snprintf(want, sizeof want, "%s" HINT, message);
  assert_int_equal(p->rc, -1);
  assert_string_equal(p->err, want);
  cli_free(&p->o);
}

static void test_defaults(void **state) {
  (void)state;
  parsed p;
  parse(&p, NULL);
  assert_int_equal(p.rc, 0);
  assert_string_equal(p.err, "");
  assert_int_equal(p.o.format, FORMAT_TEXT);
  assert_int_equal(p.o.color, COLOR_AUTO);
  assert_null(p.o.output);
  assert_null(p.o.now);
  assert_int_equal(p.o.warn_days, 30);
  assert_int_equal(p.o.prt_stale_hours, 4);
  assert_int_equal(p.o.min_severity, 1);
  assert_int_equal(p.o.jobs, 0);
  assert_int_equal(p.o.file_count, 0);
  assert_int_equal(p.o.disable_count, 0);
  assert_false(p.o.help || p.o.version || p.o.summary || p.o.quiet || p.o.live);
  cli_free(&p.o);
  assert_null(p.o.files);
}

/* --long=value, --long value, -xvalue and -x value mean the same. */
static void test_argument_forms(void **state) {
  (void)state;
  parsed p;
  parse(&p, "--format=json", NULL);
  assert_int_equal(p.rc, 0);
  assert_int_equal(p.o.format, FORMAT_JSON);
  cli_free(&p.o);
  parse(&p, "--format", "csv", NULL);
  assert_int_equal(p.o.format, FORMAT_CSV);
  cli_free(&p.o);
  parse(&p, "-fjson", NULL);
  assert_int_equal(p.o.format, FORMAT_JSON);
  cli_free(&p.o);
  parse(&p, "-f", "csv", "-f", "text", NULL); /* the last one wins */
  assert_int_equal(p.o.format, FORMAT_TEXT);
  cli_free(&p.o);
  parse(&p, "-o", "out.csv", "-j4", "--now=2025-01-15T09:00:00Z", "--warn-days",
        "7", "--prt-stale-hours=0", NULL);
  assert_int_equal(p.rc, 0);
  assert_string_equal(p.o.output, "out.csv");
  assert_int_equal(p.o.jobs, 4);
  assert_string_equal(p.o.now, "2025-01-15T09:00:00Z");
  assert_int_equal(p.o.warn_days, 7);
  assert_int_equal(p.o.prt_stale_hours, 0);
  cli_free(&p.o);
  /* An argument may itself start with '-' or be empty; -o - is standard
   * output, as if -o were not given. */
  parse(&p, "--output", "-", "--columns=", NULL);
  assert_int_equal(p.rc, 0);
  assert_null(p.o.output);
  assert_string_equal(p.o.columns, "");
  assert_int_equal(p.o.file_count, 0);
  cli_free(&p.o);
}

/* Flags bundle; an option with an argument ends the bundle. */
static void test_bundles(void **state) {
  (void)state;
  parsed p;
  parse(&p, "-hV", NULL);
  assert_int_equal(p.rc, 0);
  assert_true(p.o.help && p.o.version);
  cli_free(&p.o);
  parse(&p, "-qfjson", "file", NULL);
  assert_int_equal(p.rc, 0);
  assert_true(p.o.quiet);
  assert_int_equal(p.o.format, FORMAT_JSON);
  assert_int_equal(p.o.file_count, 1);
  assert_string_equal(p.o.files[0], "file");
  cli_free(&p.o);
  parse(&p, "-qo", "report.txt", NULL);
  assert_true(p.o.quiet);
  assert_string_equal(p.o.output, "report.txt");
  assert_int_equal(p.o.file_count, 0);
  cli_free(&p.o);
}

/* Operands keep their order; "-" is standard input, "--" ends options. */
static void test_operands(void **state) {
  (void)state;
  parsed p;
  parse(&p, "a.txt", "-", "--quiet", "--", "--summary", "-x", "-", NULL);
  assert_int_equal(p.rc, 0);
  assert_true(p.o.quiet);
  assert_false(p.o.summary);
  assert_int_equal(p.o.file_count, 5);
  assert_string_equal(p.o.files[0], "a.txt");
  assert_string_equal(p.o.files[1], "-");
  assert_string_equal(p.o.files[2], "--summary");
  assert_string_equal(p.o.files[3], "-x");
  assert_string_equal(p.o.files[4], "-");
  assert_null(p.o.files[5]);
  cli_free(&p.o);
  parse(&p, "--", "--", NULL); /* only the first "--" is special */
  assert_int_equal(p.o.file_count, 1);
  assert_string_equal(p.o.files[0], "--");
  cli_free(&p.o);
}

/* --color and --list-rules take their argument only after '='. */
static void test_optional_arguments(void **state) {
  (void)state;
  parsed p;
  parse(&p, "--color", NULL);
  assert_int_equal(p.o.color, COLOR_ALWAYS);
  cli_free(&p.o);
  parse(&p, "--color=never", NULL);
  assert_int_equal(p.o.color, COLOR_NEVER);
  cli_free(&p.o);
  parse(&p, "--color=auto", NULL);
  assert_int_equal(p.o.color, COLOR_AUTO);
  cli_free(&p.o);
  parse(&p, "--color", "never", NULL);
  assert_int_equal(p.o.color, COLOR_ALWAYS);
  assert_int_equal(p.o.file_count, 1);
  assert_string_equal(p.o.files[0], "never");
  cli_free(&p.o);
  parse(&p, "--list-rules", NULL);
  assert_string_equal(p.o.list_rules, "text");
  cli_free(&p.o);
  parse(&p, "--list-rules=md", NULL);
  assert_string_equal(p.o.list_rules, "md");
  cli_free(&p.o);
  parse(&p, "--list-rules=markdown", NULL);
  assert_string_equal(p.o.list_rules, "md");
  cli_free(&p.o);
  parse(&p, "--list-rules=text", NULL);
  assert_string_equal(p.o.list_rules, "text");
  cli_free(&p.o);
}

static void test_values(void **state) {
  (void)state;
  parsed p;
  parse(&p, "--min-severity", "warning", "--disable", "cert-expired",
        "--disable=prt-missing,mdm-urls-missing", "--explain", "0x801c03f2",
        "--summary", "--live", "--jobs=256", "--warn-days=36500",
        "--prt-stale-hours=8760", NULL);
  assert_int_equal(p.rc, 0);
  assert_int_equal(p.o.min_severity, 2);
  assert_int_equal(p.o.disable_count, 2);
  assert_string_equal(p.o.disable[0], "cert-expired");
  assert_string_equal(p.o.disable[1], "prt-missing,mdm-urls-missing");
  assert_string_equal(p.o.explain, "0x801c03f2");
  assert_true(p.o.summary && p.o.live);
  assert_int_equal(p.o.jobs, 256);
  assert_int_equal(p.o.warn_days, 36500);
  assert_int_equal(p.o.prt_stale_hours, 8760);
  cli_free(&p.o);
  parse(&p, "--min-severity=info", NULL);
  assert_int_equal(p.o.min_severity, 1);
  assert_false(p.o.redact);
  cli_free(&p.o);
  parse(&p, "--redact", "--format", "capture", NULL);
  assert_int_equal(p.rc, 0);
  assert_true(p.o.redact);
  assert_int_equal(p.o.format, FORMAT_CAPTURE);
  cli_free(&p.o);
  parse(&p, "--min-severity=error", NULL);
  assert_int_equal(p.o.min_severity, 3);
  cli_free(&p.o);
}

static void test_unknown_options(void **state) {
  (void)state;
  parsed p;
  parse(&p, "--bogus", NULL);
  expect_usage_error(&p, "dsregdiag: unknown option '--bogus'\n");
  parse(&p, "--bogus=1", NULL);
  expect_usage_error(&p, "dsregdiag: unknown option '--bogus'\n");
  parse(&p, "--form", NULL); /* no abbreviations */
  expect_usage_error(&p, "dsregdiag: unknown option '--form'\n");
  parse(&p, "-x", NULL);
  expect_usage_error(&p, "dsregdiag: unknown option '-x'\n");
  parse(&p, "-qx", NULL);
  expect_usage_error(&p, "dsregdiag: unknown option '-x'\n");
  /* What the message echoes cannot drive a terminal. */
  parse(&p, "--\x1b]0;owned\a", NULL);
  expect_usage_error(&p, "dsregdiag: unknown option '--\\x1b]0;owned\\x07'\n");
}

static void test_argument_errors(void **state) {
  (void)state;
  parsed p;
  parse(&p, "--help=yes", NULL);
  expect_usage_error(&p, "dsregdiag: option '--help' takes no argument\n");
  parse(&p, "--output", NULL);
  expect_usage_error(&p, "dsregdiag: option '--output' needs an argument\n");
  parse(&p, "-o", NULL);
  expect_usage_error(&p, "dsregdiag: option '-o' needs an argument\n");
  parse(&p, "-qf", NULL);
  expect_usage_error(&p, "dsregdiag: option '-f' needs an argument\n");
  parse(&p, "--format=xml", NULL);
  expect_usage_error(&p, "dsregdiag: invalid argument 'xml' for '--format' "
                         "(text, md, json, csv, capture, line or html)\n");
  parse(&p, "-fJSON", NULL);
  expect_usage_error(&p, "dsregdiag: invalid argument 'JSON' for '--format' "
                         "(text, md, json, csv, capture, line or html)\n");
  parse(&p, "--color=blue", NULL);
  expect_usage_error(&p, "dsregdiag: invalid argument 'blue' for '--color' "
                         "(auto, always or never)\n");
  parse(&p, "--list-rules=html", NULL);
  expect_usage_error(&p, "dsregdiag: invalid argument 'html' for "
                         "'--list-rules' (text or md)\n");
  parse(&p, "--min-severity", "fatal", NULL);
  expect_usage_error(&p, "dsregdiag: invalid argument 'fatal' for "
                         "'--min-severity' (info, warning or error)\n");
}

static void test_number_errors(void **state) {
  (void)state;
  parsed p;
  parse(&p, "--jobs=257", NULL);
  expect_usage_error(&p, "dsregdiag: invalid argument '257' for '--jobs' (a "
                         "whole number from 0 to 256)\n");
  parse(&p, "-j-1", NULL);
  expect_usage_error(&p, "dsregdiag: invalid argument '-1' for '--jobs' (a "
                         "whole number from 0 to 256)\n");
  parse(&p, "--warn-days", "", NULL);
  expect_usage_error(&p, "dsregdiag: invalid argument '' for '--warn-days' "
                         "(a whole number from 0 to 36500)\n");
  parse(&p, "--warn-days=3x", NULL);
  expect_usage_error(&p, "dsregdiag: invalid argument '3x' for '--warn-days' "
                         "(a whole number from 0 to 36500)\n");
  parse(&p, "--prt-stale-hours=8761", NULL);
  expect_usage_error(&p, "dsregdiag: invalid argument '8761' for "
                         "'--prt-stale-hours' (a whole number from 0 to "
                         "8760)\n");
}

/* The first error ends the parse: what follows is not looked at. */
static void test_first_error_wins(void **state) {
  (void)state;
  parsed p;
  parse(&p, "--bogus", "--format=xml", NULL);
  expect_usage_error(&p, "dsregdiag: unknown option '--bogus'\n");
}

/* The help text, from the option table. */
static char *usage_text(void) {
  FILE *f = fopen("test_cli_options.help", "w+b");
  assert_non_null(f);
  cli_usage(f);
  static char buf[16384];
  slurp(f, buf, sizeof buf);
  remove("test_cli_options.help");
  return buf;
}

/* The table is sorted by long name (options.c says so): --help lists the
 * options in table order, each with its help text beside or below it. */
static void test_help_lists_sorted_table(void **state) {
  (void)state;
  static const char *const all[] = {"bom",       "color",
                                    "columns",   "completion",
                                    "diff",      "disable",
                                    "encoding",  "exclude",
                                    "explain",   "flat",
                                    "format",    "help",
                                    "include",   "jobs",
                                    "latest",    "list-rules",
                                    "live",      "min-severity",
                                    "no-bom",    "now",
                                    "output",    "prt-stale-hours",
                                    "quiet",     "redact",
                                    "summary",   "version",
                                    "warn-days", "width"};
  char *text = usage_text();
  char prev[64] = "";
  size_t count = 0;
  for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
    assert_true(strlen(line) <= 79);
    const char *name = NULL;
    if (strncmp(line, "      --", 8) == 0)
      name = line + 8;
    else if (strncmp(line, "  -", 3) == 0 && strncmp(line + 4, ", --", 4) == 0)
      name = line + 8;
    if (!name)
      continue;
    char id[64];
    size_t n = strcspn(name, " =[");
    assert_true(n < sizeof id);
    memcpy(id, name, n);
    id[n] = '\0';
    assert_true(strcmp(prev, id) < 0);
    assert_true(count < sizeof all / sizeof *all);
    assert_string_equal(id, all[count]);
    count++;
    /* Help text follows on the same line, past the name column. */
    assert_true(strlen(line) > 26 || strlen(line) == strlen(name) + 8);
    strcpy(prev, id);
  }
  assert_int_equal(count, sizeof all / sizeof *all);
}

static void test_help_shapes(void **state) {
  (void)state;
  char *text = usage_text();
  assert_non_null(strstr(text, "Usage: dsregdiag [OPTIONS] [--] [FILE...]\n"));
  assert_non_null(strstr(text, "\n  -f, --format FORMAT     text (default)"));
  assert_non_null(strstr(text, "\n      --color[=WHEN]      colour"));
  assert_non_null(strstr(text, "\n  -h, --help              show this help"));
  assert_non_null(strstr(text, "\nExit status:\n  0  every input parsed"));
}

/* --bom, --no-bom, --include and --exclude (repeatable), --latest,
 * --completion. */
static void test_conventions(void **state) {
  (void)state;
  parsed p;
  parse(&p, "--bom", "--include", "*.txt", "--exclude=old*", "--include",
        "*.log", "--latest", "--completion", "zsh", NULL);
  assert_int_equal(p.rc, 0);
  assert_int_equal(p.o.bom, BOM_ALWAYS);
  assert_int_equal(p.o.include_count, 2);
  assert_string_equal(p.o.include[0], "*.txt");
  assert_string_equal(p.o.include[1], "*.log");
  assert_int_equal(p.o.exclude_count, 1);
  assert_string_equal(p.o.exclude[0], "old*");
  assert_true(p.o.latest);
  assert_string_equal(p.o.completion, "zsh");
  cli_free(&p.o);
  parse(&p, "--bom", "--no-bom", NULL); /* the last one wins */
  assert_int_equal(p.o.bom, BOM_NEVER);
  cli_free(&p.o);
  parse(&p, "--completion", "tcsh", NULL);
  expect_usage_error(&p, "dsregdiag: invalid argument 'tcsh' for "
                         "'--completion' (bash, zsh, fish or powershell)\n");
}

/* Every word completion offers for an option is one that option takes:
 * the word lists cannot drift from what apply() accepts. */
static void test_completion_values_parse(void **state) {
  (void)state;
  size_t offered = 0;
  for (size_t i = 0; i < cli_option_count(); i++) {
    cli_option_view v;
    const char *w;
    cli_option_at(i, &v);
    for (size_t k = 0; (w = cli_option_value(i, k)) != NULL; k++) {
      char arg[128];
      parsed p;
      assert_true(v.takes_arg);
      snprintf(arg, sizeof arg, "--%s=%s", v.name, w);
      parse(&p, arg, NULL);
      if (p.rc != 0)
        fail_msg("completion offers '%s', which is refused: %s", arg, p.err);
      cli_free(&p.o);
      offered++;
    }
  }
  assert_true(offered > 60); /* rule ids and columns among them */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_defaults),
      cmocka_unit_test(test_argument_forms),
      cmocka_unit_test(test_bundles),
      cmocka_unit_test(test_operands),
      cmocka_unit_test(test_optional_arguments),
      cmocka_unit_test(test_values),
      cmocka_unit_test(test_unknown_options),
      cmocka_unit_test(test_argument_errors),
      cmocka_unit_test(test_number_errors),
      cmocka_unit_test(test_first_error_wins),
      cmocka_unit_test(test_help_lists_sorted_table),
      cmocka_unit_test(test_help_shapes),
      cmocka_unit_test(test_conventions),
      cmocka_unit_test(test_completion_values_parse),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
