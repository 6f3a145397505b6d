/*
 * test_cli_summary.c - the fleet summary (src/cli/summary.c): counts, the
 * alphabetically first example devices, and both renderings, byte for byte
 * where the numbers are ours to choose.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "capture_util.h"
#include "dsreg/dsreg.h"
#include "summary.h"

#define FIXTURE "fixtures/synthetic/hybrid_cert_expired.txt"
#define NOW "2025-01-15T09:00:00Z"

typedef struct adding {
  cli_summary *s;
  const char *source;
  dsreg_rule_options opt;
} adding;

static int add_capture(const dsreg_capture *cap, void *user) {
  adding *a = user;
  dsreg_analysis an;
  assert_int_equal(dsreg_analyze(cap, &a->opt, &an), DSREG_OK);
  summary_add(a->s, a->source, cap, &an);
  dsreg_analysis_free(&an);
  return 0;
}

/* Adds every capture of `text` as read from `source`. */
static void add_text(cli_summary *s, const char *source, const char *text) {
  adding a = {s, source, {0}};
  cu_options_now(&a.opt, NOW);
  dsreg_parser *p = dsreg_parser_new(add_capture, &a);
  assert_non_null(p);
  assert_int_equal(dsreg_parser_feed(p, text, strlen(text)), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  dsreg_parser_free(p);
}

/* The fixture with another device name. */
static void add_device(cli_summary *s, const char *name) {
  char *text = cu_set(cu_read_fixture(FIXTURE), "Device Name", name);
  add_text(s, "x.txt", text);
  free(text);
}

/* The rendering, NUL-terminated (static). */
enum { TEXT, JSON, MD };

static const char *render(const cli_summary *s, int how) {
  static char buf[8192];
  dsreg_outbuf b = {0};
  if (how == JSON)
    summary_render_json(s, &b);
  else if (how == MD)
    summary_render_md(s, &b);
  else
    summary_render_text(s, &b);
  assert_false(b.oom);
  assert_true(b.len < sizeof buf);
  memcpy(buf, b.data, b.len);
  buf[b.len] = '\0';
  dsreg_outbuf_free(&b);
  return buf;
}

static void test_empty(void **state) {
  (void)state;
  cli_summary s;
  assert_int_equal(summary_init(&s), 0);
  assert_string_equal(render(&s, TEXT),
                      "Summary: 0 captures from 0 sources.\n");
  assert_string_equal(render(&s, JSON),
                      "{\"summary\":{\"sources\":0,\"failed_sources\":0,"
                      "\"captures\":0,\"join_types\":{},\"verdicts\":{"
                      "\"broken\":0,\"attention\":0,\"ok\":0},"
                      "\"rules\":{}}}\n");
  assert_string_equal(render(&s, MD),
                      "## Summary\n\n0 captures from 0 sources.\n\n");
  summary_free(&s);
  assert_null(s.by_rule);
}

/* The runner fills in the source counts; the text groups thousands. */
static void test_source_counts(void **state) {
  (void)state;
  cli_summary s;
  assert_int_equal(summary_init(&s), 0);
  s.sources = 1234567;
  s.failed_sources = 1000;
  assert_string_equal(render(&s, TEXT),
                      "Summary: 0 captures from 1,234,567 sources (1,000 "
                      "could not be read or held no capture).\n");
  assert_string_equal(render(&s, JSON),
                      "{\"summary\":{\"sources\":1234567,\"failed_sources\":"
                      "1000,\"captures\":0,\"join_types\":{},\"verdicts\":{"
                      "\"broken\":0,\"attention\":0,\"ok\":0},"
                      "\"rules\":{}}}\n");
  s.sources = 1;
  s.failed_sources = 1;
  assert_string_equal(render(&s, TEXT),
                      "Summary: 0 captures from 1 source (1 could not be "
                      "read or held no capture).\n");
  summary_free(&s);
}

static void test_one_capture(void **state) {
  (void)state;
  cli_summary s;
  assert_int_equal(summary_init(&s), 0);
  s.sources = 1;
  add_device(&s, "PC-1");
  assert_int_equal(s.captures, 1);
  assert_int_equal(s.by_join[DSREG_JOIN_HYBRID], 1);
  const char *text = render(&s, TEXT);
  assert_true(strncmp(text,
                      "Summary: 1 capture from 1 source: 1 Microsoft Entra "
                      "hybrid joined.\n",
                      strlen("Summary: 1 capture from 1 source: 1 Microsoft "
                             "Entra hybrid joined.\n")) == 0);
  assert_non_null(strstr(text, "\nVerdicts: 1 broken, 0 attention, 0 ok.\n"));
  assert_non_null(strstr(
      text, "\n  cert-expired                   error    1 capture (PC-1)\n"));
  /* The root cause of that capture (test_rules_links.c says why). */
  assert_non_null(strstr(text, "\n  device-auth-failed             error    1 "
                               "capture, root cause in 1 (PC-1)\n"));
  const char *json = render(&s, JSON);
  assert_non_null(strstr(json, "{\"summary\":{\"sources\":1,\"failed_sources\":"
                               "0,\"captures\":1,\"join_types\":{\"hybrid"));
  assert_non_null(strstr(json, "\"verdicts\":{\"broken\":1,\"attention\":0,"
                               "\"ok\":0}"));
  assert_non_null(strstr(json, "\"cert-expired\":{\"severity\":\"error\","
                               "\"captures\":1,\"root_cause\":0,"
                               "\"examples\":[\"PC-1\"]}"));
  assert_non_null(strstr(json, "\"device-auth-failed\":{\"severity\":"
                               "\"error\",\"captures\":1,\"root_cause\":1,"));
  assert_string_equal(json + strlen(json) - 4, "}}}\n");
  const char *md = render(&s, MD);
  assert_non_null(strstr(md, "\n| BROKEN | 1 |\n| ATTENTION | 0 |\n| OK | 0 "
                             "|\n"));
  assert_non_null(
      strstr(md, "\n| `device-auth-failed` | error | 1 | 1 | PC-1 |\n"));
  summary_free(&s);
}

/* The three alphabetically first names, once each, whatever the order of
 * the captures: the same summary with --jobs 1 and --jobs 8. */
static void test_examples(void **state) {
  (void)state;
  static const char *const names[] = {"PC-D", "PC-A", "PC-C", "PC-B", "PC-A"};
  cli_summary fwd, back;
  assert_int_equal(summary_init(&fwd), 0);
  assert_int_equal(summary_init(&back), 0);
  for (size_t i = 0; i < 5; i++) {
    add_device(&fwd, names[i]);
    add_device(&back, names[4 - i]);
  }
  char text[8192];
  snprintf(text, sizeof text, "%s", render(&fwd, TEXT));
  assert_string_equal(render(&back, TEXT), text);
  assert_non_null(strstr(text, "\n  cert-expired                   error    "
                               "5 captures (PC-A, PC-B, PC-C, ...)\n"));
  assert_non_null(strstr(render(&fwd, JSON),
                         "\"captures\":5,\"root_cause\":0,\"examples\":["
                         "\"PC-A\",\"PC-B\",\"PC-C\"]}"));
  summary_free(&fwd);
  summary_free(&back);
}

/* Device names come from captures: escaped for the terminal and JSON. */
static void test_hostile_name(void **state) {
  (void)state;
  cli_summary s;
  assert_int_equal(summary_init(&s), 0);
  add_device(&s, "PC\x1b]0;x\x07");
  assert_non_null(strstr(render(&s, TEXT), "(PC\\x1b]0;x\\x07)\n"));
  assert_non_null(strstr(render(&s, JSON), "[\"PC\\u001b]0;x\\u0007\"]"));
  summary_free(&s);
  /* ... and for Markdown: text, not HTML, emphasis or a new cell. */
  assert_int_equal(summary_init(&s), 0);
  add_device(&s, "<script>alert(1)</script>|**x**");
  assert_non_null(strstr(render(&s, MD), " | &lt;script&gt;alert(1)&lt;/script"
                                         "&gt;\\|\\*\\*x\\*\\* |\n"));
  summary_free(&s);
}

/* Errors first, then warnings, then info. */
static void test_severity_order(void **state) {
  (void)state;
  cli_summary s;
  assert_int_equal(summary_init(&s), 0);
  add_device(&s, "PC-1");
  const char *text = render(&s, TEXT);
  int seen = 3;
  for (const char *l = strchr(text, '\n'); l && l[1]; l = strchr(l + 1, '\n')) {
    if (strncmp(l + 1, "  ", 2) != 0)
      continue; /* the verdict line */
    int sev = strncmp(l + 33, "error", 5) == 0     ? 3
              : strncmp(l + 33, "warning", 7) == 0 ? 2
                                                   : 1;
    assert_true(sev <= seen);
    seen = sev;
  }
  summary_free(&s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_source_counts),
      cmocka_unit_test(test_one_capture),
      cmocka_unit_test(test_examples),
      cmocka_unit_test(test_hostile_name),
      cmocka_unit_test(test_severity_order),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
