/*
 * test_html.c - the HTML page (dsreg/html.h): escaping for text,
 * attributes and the script data block, the CSP hashes against the page's
 * own style and script, one device's entry, and the fleet counters.
 *
 * Captures come from fixtures through the parser; the hostile ones are
 * fixtures with one value changed (capture_util's cu_set).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture_util.h"
#include "dsreg/html.h"
#include "dsreg/parser.h"
#include "dsreg/rules.h"
#include "sha256.h"

#define NOW "2025-01-15T09:00:00Z"
#define XSS "<img src=x onerror=alert(1)>"

/* The buffer's text, NUL-terminated (it stays owned by b). */
static const char *text_of(dsreg_outbuf *b) {
  dsreg_outbuf_put(b, "", 1);
  assert_false(b->oom);
  b->len--;
  return b->data;
}

static void expect_html(const char *in, size_t n, const char *want) {
  dsreg_outbuf b = {0};
  dsreg_render_html_text(&b, in, n);
  assert_string_equal(text_of(&b), want);
  dsreg_outbuf_free(&b);
}

static void test_html_text(void **state) {
  (void)state;
  expect_html(XSS, strlen(XSS), "&lt;img src=x onerror=alert(1)&gt;");
  expect_html("a&b\"c'd", 7, "a&amp;b&quot;c&#39;d");
  expect_html("&amp;", 5, "&amp;amp;");
  /* Controls and bidi controls shown, never passed on; UTF-8 kept. */
  expect_html("a\x1b[2Jb\tc\r\n", 10, "a\\x1b[2Jb\\tc\\x0d\\x0a");
  expect_html("x\xe2\x80\xaey", 5, "x\\u202ey");
  expect_html("Ger\xc3\xa4t", 6, "Ger\xc3\xa4t");
  expect_html("bad\xff\xfe", 5, "bad\xef\xbf\xbd\xef\xbf\xbd");
  expect_html("cut\xe2\x80", 5, "cut\xef\xbf\xbd\xef\xbf\xbd");
  expect_html("", 0, "");
}

static void expect_json(const char *in, size_t n, const char *want) {
  dsreg_outbuf b = {0};
  dsreg_render_script_json_string(&b, in, n);
  assert_string_equal(text_of(&b), want);
  dsreg_outbuf_free(&b);
}

static void test_script_json(void **state) {
  (void)state;
  expect_json("</script><!--x-->", 17,
              "\"\\u003c/script\\u003e\\u003c!--x--\\u003e\"");
  expect_json("a&b", 3, "\"a\\u0026b\"");
  expect_json("q\"\\", 3, "\"q\\\"\\\\\"");
  expect_json("l\xe2\x80\xa8p\xe2\x80\xa9", 8, "\"l\\u2028p\\u2029\"");
  expect_json("\xe2\x80\xaa", 3, "\"\xe2\x80\xaa\""); /* other U+20xx */
  expect_json("nl\n", 3, "\"nl\\n\"");
  expect_json("\xff", 1, "\"\xef\xbf\xbd\"");
}

/* The text between the first `open` after `from` and the next `close`. */
static char *between(const char *page, const char *from, const char *open,
                     const char *close) {
  const char *s = strstr(page, from);
  assert_non_null(s);
  s = strstr(s, open);
  assert_non_null(s);
  s += strlen(open);
  const char *e = strstr(s, close);
  assert_non_null(e);
  char *out = malloc((size_t)(e - s) + 1);
  assert_non_null(out);
  memcpy(out, s, (size_t)(e - s));
  out[e - s] = '\0';
  return out;
}

/* Whether an attribute on...= (an inline event handler) is in `page`. */
static int has_handler(const char *page) {
  for (const char *s = strstr(page, " on"); s; s = strstr(s + 1, " on")) {
    const char *e = s + 3;
    while (*e >= 'a' && *e <= 'z')
      e++;
    if (e > s + 3 && *e == '=')
      return 1;
  }
  return 0;
}

static void expect_hash(const char *csp, const char *directive,
                        const char *body) {
  unsigned char d[32];
  char b64[45], want[96];
  dsreg_sha256(body, strlen(body), d);
  snprintf(want, sizeof want, "%s 'sha256-%s'", directive,
           dsreg_base64(d, 32, b64));
  assert_non_null(strstr(csp, want));
}

static void test_csp_names_the_page_style_and_script(void **state) {
  (void)state;
  dsreg_html_options opt;
  dsreg_html_options_init(&opt);
  dsreg_html_fleet *f = dsreg_html_fleet_new(&opt);
  assert_non_null(f);
  dsreg_outbuf b = {0};
  assert_int_equal(dsreg_html_render_begin(&b), 0);
  assert_int_equal(dsreg_html_render_end(&b, f), 0);
  const char *page = text_of(&b);
  const char *csp = dsreg_html_csp();
  assert_true(strncmp(csp, "default-src 'none'; ", 20) == 0);
  char *style = between(page, "<head>", "<style>", "</style>");
  /* The script that runs is the last <script>: the one before is data. */
  const char *last = strstr(page, "<script>");
  assert_non_null(last);
  char *script = between(last, "<script>", "<script>", "</script>");
  expect_hash(csp, "style-src", style);
  expect_hash(csp, "script-src", script);
  /* The meta tag carries exactly that policy; nothing is loaded. */
  char meta[400];
  snprintf(meta, sizeof meta,
           "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">", csp);
  for (char *q = strstr(meta, "'"); q; q = strstr(q, "'")) {
    memmove(q + 5, q + 1, strlen(q + 1) + 1); /* ' as &#39; */
    memcpy(q, "&#39;", 5);
    q += 5;
  }
  assert_non_null(strstr(page, meta));
  assert_null(strstr(page, "src=\"http"));
  assert_null(strstr(page, "url("));
  assert_null(strstr(page, "@import"));
  assert_null(strstr(page, " style=\""));
  assert_false(has_handler(page));
  free(style);
  free(script);
  dsreg_outbuf_free(&b);
  dsreg_html_fleet_free(f);
}

/* ---- captures through the parser ---------------------------------------- */

typedef struct feed {
  dsreg_outbuf out;
  dsreg_html_fleet *fleet;
  const dsreg_html_options *opt;
  const char *source;
  dsreg_rule_options rules;
} feed;

static int on_capture(const dsreg_capture *cap, void *user) {
  feed *fd = user;
  dsreg_analysis an;
  assert_int_equal(dsreg_analyze(cap, &fd->rules, &an), DSREG_OK);
  assert_int_equal(
      dsreg_html_render_device(&fd->out, fd->opt, fd->source, cap, &an), 0);
  if (fd->fleet)
    assert_int_equal(dsreg_html_fleet_add(fd->fleet, fd->source, cap, &an), 0);
  dsreg_analysis_free(&an);
  return 0;
}

static void feed_text(feed *fd, const char *source, const char *text) {
  dsreg_parser *p = dsreg_parser_new(on_capture, fd);
  assert_non_null(p);
  fd->source = source;
  assert_int_equal(dsreg_parser_feed(p, text, strlen(text)), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  dsreg_parser_free(p);
}

static void feed_fixture(feed *fd, const char *rel) {
  char *text = cu_read_fixture(rel);
  feed_text(fd, rel, text);
  free(text);
}

/* The options carry their size (docs/api.md): one made by
 * dsreg_html_options_init() is taken, a smaller one refused (a caller
 * built against an older, smaller struct), a larger one accepted. */
static void test_options_size(void **state) {
  (void)state;
  dsreg_html_options opt;
  dsreg_html_options_init(&opt);
  assert_int_equal(opt.size, DSREG_HTML_OPTIONS_SIZE_1_0);
  assert_int_equal(opt.reference_source, DSREG_TIME_NONE);
  dsreg_html_fleet *f = dsreg_html_fleet_new(&opt);
  assert_non_null(f);
  dsreg_html_fleet_free(f);
  assert_non_null(f = dsreg_html_fleet_new(NULL));
  dsreg_html_fleet_free(f);
  feed fd = {0};
  cu_options_now(&fd.rules, NOW);
  fd.opt = &opt;
  feed_fixture(&fd, "fixtures/synthetic/hybrid_joined_healthy.txt");
  assert_true(fd.out.len > 0);
  dsreg_outbuf_free(&fd.out);
  dsreg_html_options small = opt;
  small.size = DSREG_HTML_OPTIONS_SIZE_1_0 - 1;
  assert_null(dsreg_html_fleet_new(&small));
  small.size = 0;
  assert_null(dsreg_html_fleet_new(&small));
  dsreg_html_options big = opt;
  big.size = DSREG_HTML_OPTIONS_SIZE_1_0 + 16;
  assert_non_null(f = dsreg_html_fleet_new(&big));
  dsreg_html_fleet_free(f);
  /* render_device checks it too */
  small.size = 1;
  dsreg_outbuf b = {0};
  dsreg_capture dummy;
  memset(&dummy, 0, sizeof dummy);
  assert_int_equal(dsreg_html_render_device(&b, &small, "x", &dummy, NULL),
                   DSREG_EINVAL);
  assert_int_equal(b.len, 0);
}

static void test_hostile_device_is_text(void **state) {
  (void)state;
  feed fd = {0};
  cu_options_now(&fd.rules, NOW);
  char *text = cu_read_fixture("fixtures/synthetic/hybrid_joined_healthy.txt");
  text = cu_set(text, "Device Name", XSS);
  text = cu_set(text, "TenantName", "\"><script>alert(2)</script>");
  feed_text(&fd, "share/<b>x</b>.txt", text);
  free(text);
  const char *h = text_of(&fd.out);
  assert_non_null(
      strstr(h, " data-device=\"&lt;img src=x onerror=alert(1)&gt;\""));
  assert_non_null(
      strstr(h, "<summary>&lt;img src=x onerror=alert(1)&gt;</summary>"));
  assert_non_null(strstr(h, "&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"));
  assert_non_null(strstr(h, " data-source=\"share/&lt;b&gt;x&lt;/b&gt;.txt\""));
  assert_null(strstr(h, "<img"));
  assert_null(strstr(h, "<script"));
  assert_null(strstr(h, "<b>"));
  dsreg_outbuf_free(&fd.out);
}

static void test_device_entry(void **state) {
  (void)state;
  feed fd = {0};
  cu_options_now(&fd.rules, NOW);
  feed_fixture(&fd, "fixtures/synthetic/hybrid_cert_expired.txt");
  const char *h = text_of(&fd.out);
  /* One entry, its data for the script, the chips in severity order. */
  assert_true(strncmp(h, "<tbody class=d data-device=\"", 28) == 0);
  assert_null(strstr(h + 1, "<tbody"));
  assert_non_null(strstr(h, " data-join=\"hybrid-joined\""));
  assert_non_null(strstr(h, " data-sevs=\"error warning\""));
  assert_non_null(strstr(h, "<span class=\"chip error\">cert-expired</span>"));
  assert_non_null(strstr(h, "<time datetime=\"2024-06-01\">2024-06-01</time>"));
  assert_non_null(strstr(h, " cert-expired"));
  /* The detail: the finding with its next step and a safe link. */
  assert_non_null(strstr(h, "<span class=\"sev error\">error</span> "
                            "<span class=rule>cert-expired</span>"));
  /* The library's verdict and root cause, in the row and its data. */
  assert_non_null(strstr(h, " data-verdict=\"broken\" data-vrank=\"2\""));
  assert_non_null(strstr(h, " data-cause=\"device-auth-failed\""));
  assert_non_null(strstr(h, "<td><span class=\"verdict broken\">BROKEN</span>"
                            "</td><td><span class=rule>device-auth-failed"));
  /* Consequences nested under their cause; the remedy once, in the plan. */
  assert_non_null(strstr(h, "<span class=muted>follows from device-auth-failed"
                            "</span>"));
  assert_non_null(strstr(h, "<h3>Plan</h3><ol class=plan><li>"));
  assert_non_null(strstr(h, "<p>Then check, in a new dsregcmd /status:</p>"));
  assert_non_null(strstr(h, "<a href=\"https://learn.microsoft.com/"));
  assert_non_null(strstr(h, "rel=\"noreferrer noopener\""));
  dsreg_outbuf_free(&fd.out);
}

static void test_error_entry(void **state) {
  (void)state;
  dsreg_outbuf b = {0};
  assert_int_equal(dsreg_html_render_error(&b, "a\"b.txt", "no <capture>"), 0);
  const char *h = text_of(&b);
  assert_non_null(strstr(h, "<tbody class=\"d failed\""));
  assert_non_null(strstr(h, " data-source=\"a&quot;b.txt\""));
  assert_non_null(strstr(h, "no &lt;capture&gt;"));
  dsreg_outbuf_free(&b);
}

/* The figure of `label` in the page's header. */
static void expect_figure(const char *page, const char *label,
                          const char *value) {
  char want[128];
  snprintf(want, sizeof want, "<dt>%s</dt><dd>%s</dd>", label, value);
  assert_non_null(strstr(page, want));
}

/* A row of a chart's table: label and number. */
static void expect_row(const char *page, const char *chart, const char *label,
                       const char *value) {
  char from[64], want[160];
  snprintf(from, sizeof from, "id=\"%s\"", chart);
  const char *s = strstr(page, from);
  assert_non_null(s);
  const char *e = strstr(s, "</figure>");
  snprintf(want, sizeof want, "<tr><th scope=row>%s</th><td>%s</td></tr>",
           label, value);
  const char *at = strstr(s, want);
  assert_non_null(at);
  assert_true(at < e);
}

static void test_fleet_summary(void **state) {
  (void)state;
  dsreg_html_options opt;
  dsreg_html_options_init(&opt);
  opt.generated_ms = cu_ms("2025-01-16T10:00:00Z");
  opt.reference_ms = cu_ms(NOW);
  opt.reference_source = DSREG_TIME_OPTION;
  feed fd = {0};
  fd.opt = &opt;
  fd.fleet = dsreg_html_fleet_new(&opt);
  assert_non_null(fd.fleet);
  cu_options_now(&fd.rules, NOW);
  feed_fixture(&fd, "fixtures/synthetic/hybrid_cert_expired.txt");
  feed_fixture(&fd, "fixtures/synthetic/entra_joined_healthy.txt");
  /* The same device again, from another file: a capture, not a device. */
  feed_fixture(&fd, "fixtures/synthetic/entra_joined_as_system.txt");
  feed_fixture(&fd, "fixtures/synthetic/multi_capture.log");
  assert_int_equal(dsreg_html_fleet_add_error(fd.fleet, "notes.txt"), 0);
  dsreg_outbuf page = {0};
  assert_int_equal(dsreg_html_render_end(&page, fd.fleet), 0);
  const char *h = text_of(&page);
  expect_figure(h, "Sources read", "5");
  expect_figure(h, "Captures", "6");
  expect_figure(h, "Failed sources", "1");
  assert_non_null(strstr(h, "<dt>Generated</dt><dd class=when>2025-01-16 "
                            "10:00 UTC</dd>"));
  assert_non_null(strstr(h, "<dd class=when>2025-01-15 09:00 UTC (option)"));
  expect_row(h, "chart-join", "Microsoft Entra hybrid joined", "1");
  expect_row(h, "chart-cert", "expired", "1");
  expect_row(h, "chart-rules", "cert-expired (error)", "1");
  expect_row(h, "chart-verdict", "BROKEN", "1");
  expect_row(h, "chart-verdict", "ATTENTION", "2");
  expect_row(h, "chart-verdict", "OK", "3");
  expect_row(h, "chart-causes", "device-auth-failed (error)", "1");
  expect_row(h, "chart-causes", "not-joined (warning)", "1");
  /* The data block is JSON that may stand in a <script>. */
  char *data = between(h, "id=\"dsreg-data\"", ">", "</script>");
  assert_true(strncmp(data, "{\"joins\":[{\"id\":", 16) == 0);
  assert_non_null(strstr(data, "{\"id\":\"cert-expired\",\"title\":"));
  assert_non_null(strstr(data, "\"verdicts\":[{\"id\":\"broken\",\"title\":"
                               "\"BROKEN\",\"count\":1},"));
  assert_null(strchr(data, '<'));
  free(data);
  dsreg_outbuf_free(&page);
  dsreg_outbuf_free(&fd.out);
  dsreg_html_fleet_free(fd.fleet);
}

static void test_devices_counted_once(void **state) {
  (void)state;
  dsreg_html_options opt;
  dsreg_html_options_init(&opt);
  feed fd = {0};
  fd.opt = &opt;
  fd.fleet = dsreg_html_fleet_new(&opt);
  assert_non_null(fd.fleet);
  cu_options_now(&fd.rules, NOW);
  char *text = cu_read_fixture("fixtures/synthetic/entra_joined_healthy.txt");
  feed_text(&fd, "a.txt", text);
  feed_text(&fd, "b.txt", text);
  feed_text(&fd, "a.txt", text);
  free(text);
  dsreg_outbuf page = {0};
  assert_int_equal(dsreg_html_render_end(&page, fd.fleet), 0);
  const char *h = text_of(&page);
  expect_figure(h, "Sources read", "2");
  expect_figure(h, "Captures", "3");
  expect_figure(h, "Devices", "1");
  assert_non_null(strstr(h, "<dt>Reference time</dt><dd class=when>none"));
  dsreg_outbuf_free(&page);
  dsreg_outbuf_free(&fd.out);
  dsreg_html_fleet_free(fd.fleet);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_html_text),
      cmocka_unit_test(test_script_json),
      cmocka_unit_test(test_csp_names_the_page_style_and_script),
      cmocka_unit_test(test_hostile_device_is_text),
      cmocka_unit_test(test_device_entry),
      cmocka_unit_test(test_error_entry),
      cmocka_unit_test(test_fleet_summary),
      cmocka_unit_test(test_devices_counted_once),
      cmocka_unit_test(test_options_size),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
