/*
 * html_writer.c - the fleet dashboard page: its head, its summary with the
 * charts, and the counters behind them (dsreg/html.h).
 *
 * The device entries stream out between begin and end (html_device.c), so
 * what the fleet keeps is counters and two sets of 64-bit hashes, to count
 * sources and devices once however often they appear: 100,000 captures
 * cost 4 MiB here (two sets of 262,144 slots), whatever their findings.
 */
#include <stdlib.h>
#include <string.h>

#include "dsreg/rules.h"
#include "html_assets.h"
#include "html_parts.h"
#include "rules/rule_ctx.h"
#include "timeconv.h"

#define MONTHS 24
/* Certificate buckets: expired, this month and the 23 after it, later,
 * none. */
enum { CERT_EXPIRED = 0, CERT_LATER = MONTHS + 1, CERT_NONE, CERT_COUNT };

/* Open addressing; 0 marks a free slot, so no key is ever 0. */
typedef struct hash_set {
  uint64_t *slot;
  size_t cap, used; /* cap is 0 or a power of two */
} hash_set;

struct dsreg_html_fleet {
  dsreg_html_options opt;
  unsigned long captures, failed;
  hash_set sources, devices;
  unsigned long join[DSREG_JOIN_NOT_JOINED + 1];
  unsigned long *rule_devices; /* per rule of the table: captures with it */
  unsigned char *rule_worst;   /* per rule: its worst severity seen */
  size_t rules;
  unsigned long *rule_roots; /* per rule: captures it is the root cause of */
  unsigned long verdict[DSREG_VERDICT_BROKEN + 1];
  unsigned long cert[CERT_COUNT];
  unsigned long prt[HTML_PRT_COUNT];
};

/* --- counting --------------------------------------------------------------
 */

static uint64_t hash_bytes(uint64_t h, const char *s, size_t n, bool fold) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (fold && c >= 'A' && c <= 'Z')
      c = (unsigned char)(c - 'A' + 'a');
    h = (h ^ c) * 0x100000001b3ULL; /* FNV-1a */
  }
  return h ? h : 1;
}

#define FNV_BASIS 0xcbf29ce484222325ULL

static int set_grow(hash_set *s) {
  size_t cap = s->cap ? s->cap * 2 : 1024;
  uint64_t *slot = calloc(cap, sizeof *slot);
  if (!slot)
    return -1;
  for (size_t i = 0; i < s->cap; i++) {
    uint64_t k = s->slot[i];
    if (!k)
      continue;
    size_t j = (size_t)k & (cap - 1);
    while (slot[j])
      j = (j + 1) & (cap - 1);
    slot[j] = k;
  }
  free(s->slot);
  s->slot = slot;
  s->cap = cap;
  return 0;
}

/* Room for one more key, so that set_put cannot fail; -1 when out of
 * memory. */
static int set_room(hash_set *s) {
  return (s->used + 1) * 2 > s->cap ? set_grow(s) : 0;
}

/* Adds `k`, after set_room. */
static void set_put(hash_set *s, uint64_t k) {
  size_t j = (size_t)k & (s->cap - 1);
  while (s->slot[j] && s->slot[j] != k)
    j = (j + 1) & (s->cap - 1);
  if (!s->slot[j]) {
    s->slot[j] = k;
    s->used++;
  }
}

void dsreg_html_options_init(dsreg_html_options *opt) {
  if (!opt)
    return;
  memset(opt, 0, sizeof *opt);
  opt->size = sizeof *opt;
  opt->reference_source = DSREG_TIME_NONE;
}

dsreg_html_fleet *dsreg_html_fleet_new(const dsreg_html_options *opt) {
  /* A struct smaller than 1.0's was not made by dsreg_html_options_init():
   * its fields cannot be trusted. */
  if (opt && opt->size < DSREG_HTML_OPTIONS_SIZE_1_0)
    return NULL;
  dsreg_html_fleet *f = calloc(1, sizeof *f);
  if (!f)
    return NULL;
  if (opt)
    f->opt = *opt;
  else
    dsreg_html_options_init(&f->opt);
  f->rules = dsreg_rule_count();
  f->rule_devices = calloc(f->rules + 1, sizeof *f->rule_devices);
  f->rule_worst = calloc(f->rules + 1, 1);
  f->rule_roots = calloc(f->rules + 1, sizeof *f->rule_roots);
  if (!f->rule_devices || !f->rule_worst || !f->rule_roots) {
    dsreg_html_fleet_free(f);
    return NULL;
  }
  return f;
}

void dsreg_html_fleet_free(dsreg_html_fleet *f) {
  if (!f)
    return;
  free(f->sources.slot);
  free(f->devices.slot);
  free(f->rule_devices);
  free(f->rule_worst);
  free(f->rule_roots);
  free(f);
}

/* Year * 12 + month - 1 of a time. */
static long month_of(int64_t ms) {
  char d[16];
  dsreg_format_day(ms, d);
  long y = strtol(d, NULL, 10);
  long m = strtol(d + 5, NULL, 10);
  return y * 12 + m - 1;
}

static int cert_bucket(const dsreg_html_fleet *f, const dsreg_capture *cap) {
  int64_t end;
  if (!dsreg_html_cert_end(cap, &end))
    return CERT_NONE;
  if (f->opt.reference_source == DSREG_TIME_NONE)
    return CERT_LATER; /* no "now": nothing can be placed in a month */
  if (end < f->opt.reference_ms)
    return CERT_EXPIRED;
  long m = month_of(end) - month_of(f->opt.reference_ms);
  return m < MONTHS ? (int)m + 1 : CERT_LATER;
}

/* The key a device is counted by: its device ID, else its name, else the
 * capture itself. */
static uint64_t device_key(const char *source, const dsreg_capture *cap) {
  const dsreg_value *id = &cap->typed.device_details.device_id;
  const dsreg_value *name = &cap->typed.device_state.device_name;
  if (dsreg_value_present(id))
    return hash_bytes(FNV_BASIS ^ 1, id->field->value, id->field->value_len,
                      true);
  if (dsreg_value_present(name))
    return hash_bytes(FNV_BASIS ^ 2, name->field->value, name->field->value_len,
                      true);
  uint64_t h = hash_bytes(FNV_BASIS ^ 3, source, strlen(source), false);
  char n[24];
  int len = snprintf(n, sizeof n, "#%lu", cap->index);
  return hash_bytes(h, n, (size_t)len, false);
}

dsreg_status dsreg_html_fleet_add(dsreg_html_fleet *f, const char *source,
                                  const dsreg_capture *cap,
                                  const dsreg_analysis *an) {
  if (!f || !source || !cap)
    return DSREG_EINVAL;
  /* Room in both sets first: when they cannot grow, nothing is counted. */
  if (set_room(&f->sources) || set_room(&f->devices))
    return DSREG_ENOMEM;
  set_put(&f->sources, hash_bytes(FNV_BASIS, source, strlen(source), false));
  set_put(&f->devices, device_key(source, cap));
  dsreg_join_type jt = an ? an->join_type : dsreg_join_type_of(cap);
  f->captures++;
  if ((size_t)jt < sizeof f->join / sizeof f->join[0])
    f->join[jt]++;
  for (size_t i = 0; an && i < an->finding_count; i++) {
    const dsreg_finding *fi = &an->findings[i];
    bool seen = false;
    for (size_t k = 0; k < i && !seen; k++)
      seen = strcmp(an->findings[k].rule, fi->rule) == 0;
    size_t r = dsreg_rule_index(fi->rule);
    if (!seen)
      f->rule_devices[r]++;
    if ((int)fi->severity > f->rule_worst[r])
      f->rule_worst[r] = (unsigned char)fi->severity;
  }
  /* The library's own verdict and root cause: never recomputed here. */
  dsreg_verdict v = an ? an->verdict : DSREG_VERDICT_OK;
  if ((size_t)v < sizeof f->verdict / sizeof f->verdict[0])
    f->verdict[v]++;
  if (an && an->root_cause)
    f->rule_roots[dsreg_rule_index(an->root_cause)]++;
  f->cert[cert_bucket(f, cap)]++;
  int64_t age;
  f->prt[dsreg_html_prt(cap, an, &f->opt, &age)]++;
  return DSREG_OK;
}

dsreg_status dsreg_html_fleet_add_error(dsreg_html_fleet *f,
                                        const char *source) {
  if (!f || !source)
    return DSREG_EINVAL;
  if (set_room(&f->sources))
    return DSREG_ENOMEM;
  set_put(&f->sources, hash_bytes(FNV_BASIS, source, strlen(source), false));
  f->failed++;
  return DSREG_OK;
}

/* --- the page --------------------------------------------------------------
 */

static const struct column {
  const char *key, *title;
} COLUMNS[] = {{"device", "Device"},     {"join", "Join type"},
               {"vrank", "Verdict"},     {"cause", "Root cause"},
               {"findings", "Findings"}, {"cert", "Certificate end"},
               {"prt", "PRT age"},       {"source", "Source"}};

/* The summary is written after the table (it is known only at the end)
 * and the style shows it first; the links at the top serve those who
 * read the page in document order. */
dsreg_status dsreg_html_render_begin(dsreg_outbuf *b) {
  if (!b)
    return DSREG_EINVAL;
  dsreg_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                    "<meta charset=\"utf-8\">\n"
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"");
  dsreg_html_esc(b, dsreg_html_csp());
  dsreg_buf_puts(b, "\">\n<meta name=\"referrer\" content=\"no-referrer\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, "
                    "initial-scale=1\">\n<meta name=\"generator\" "
                    "content=\"dsregdiag\">\n<title>dsregdiag: device join "
                    "state</title>\n<style>");
  dsreg_html_put_style(b);
  dsreg_buf_puts(b, "</style>\n</head>\n<body>\n<header class=top>"
                    "<h1>Device join state</h1><nav aria-label=Sections><p>"
                    "<a href=\"#summary\">Fleet summary</a> &middot; <a "
                    "href=\"#devices\">Devices</a></p></nav></header>\n"
                    "<main>\n<section id=devices "
                    "aria-labelledby=devices-h>\n<h2 id=devices-h>Devices</h2>"
                    "\n<div id=controls></div>\n<table class=devices "
                    "id=devices-table>\n<thead><tr>");
  for (size_t i = 0; i < sizeof COLUMNS / sizeof COLUMNS[0]; i++)
    dsreg_buf_printf(b, "<th scope=col data-key=\"%s\">%s</th>", COLUMNS[i].key,
                     COLUMNS[i].title);
  dsreg_buf_puts(b, "</tr></thead>\n");
  return dsreg_buf_status(b);
}

/* 1,234,567 */
static void number(dsreg_buf *b, unsigned long long v) {
  char d[32];
  int n = snprintf(d, sizeof d, "%llu", v);
  for (int i = 0; i < n; i++) {
    if (i && (n - i) % 3 == 0)
      dsreg_buf_putc(b, ',');
    dsreg_buf_putc(b, d[i]);
  }
}

static void figure(dsreg_buf *b, const char *label, unsigned long long v) {
  dsreg_buf_printf(b, "<div><dt>%s</dt><dd>", label);
  number(b, v);
  dsreg_buf_puts(b, "</dd></div>");
}

/* A time of the header; `src` says where it came from, DSREG_TIME_NONE
 * that there is none, and a negative `src` is not shown. */
static void when(dsreg_buf *b, const char *label, int64_t ms, int src) {
  char m[24];
  dsreg_buf_printf(b, "<div><dt>%s</dt><dd class=when>", label);
  if (src == DSREG_TIME_NONE)
    dsreg_buf_puts(b, "none");
  else
    dsreg_buf_puts(b, dsreg_format_minute(ms, m));
  if (src > DSREG_TIME_NONE)
    dsreg_buf_printf(b, " (%s)",
                     dsreg_time_source_name((dsreg_time_source)src));
  dsreg_buf_puts(b, "</dd></div>");
}

static void figures(dsreg_buf *b, const dsreg_html_fleet *f) {
  dsreg_buf_puts(b, "<dl class=figures>");
  figure(b, "Sources read", f->sources.used);
  figure(b, "Captures", f->captures);
  figure(b, "Devices", f->devices.used);
  figure(b, "Failed sources", f->failed);
  when(b, "Generated", f->opt.generated_ms, -1);
  when(b, "Reference time", f->opt.reference_ms, (int)f->opt.reference_source);
  dsreg_buf_puts(b, "</dl>\n");
}

static void join_chart(dsreg_buf *b, const dsreg_html_fleet *f) {
  html_bar bars[DSREG_JOIN_NOT_JOINED + 1];
  size_t n = 0;
  for (int t = DSREG_JOIN_ENTRA; t <= DSREG_JOIN_NOT_JOINED; t++)
    bars[n++] =
        (html_bar){dsreg_join_type_title((dsreg_join_type)t), f->join[t], NULL};
  if (f->join[DSREG_JOIN_UNKNOWN])
    bars[n++] = (html_bar){dsreg_join_type_title(DSREG_JOIN_UNKNOWN),
                           f->join[DSREG_JOIN_UNKNOWN], "none"};
  dsreg_html_bar_chart(b, "chart-join", "Join types", bars, n);
}

static void verdict_chart(dsreg_buf *b, const dsreg_html_fleet *f) {
  html_bar bars[DSREG_VERDICT_BROKEN + 1];
  for (int v = DSREG_VERDICT_BROKEN; v >= DSREG_VERDICT_OK; v--)
    bars[DSREG_VERDICT_BROKEN - v] =
        (html_bar){dsreg_verdict_title((dsreg_verdict)v), f->verdict[v],
                   dsreg_verdict_id((dsreg_verdict)v)};
  dsreg_html_bar_chart(b, "chart-verdict", "Verdicts", bars,
                       DSREG_VERDICT_BROKEN + 1);
}

/* Rules by a per-rule count (captures that have them, or whose root cause
 * they are), largest first; ties in catalogue order. */
static int rule_chart(dsreg_buf *b, const dsreg_html_fleet *f, const char *id,
                      const char *title, const unsigned long *count) {
  size_t n = 0;
  size_t *order = malloc((f->rules + 1) * sizeof *order);
  html_bar *bars = malloc((f->rules + 1) * sizeof *bars);
  char(*labels)[96] = malloc((f->rules + 1) * sizeof *labels);
  if (!order || !bars || !labels) {
    free(order);
    free(bars);
    free(labels);
    b->oom = 1;
    return -1;
  }
  for (size_t k = 0; k < f->rules; k++)
    if (count[k])
      order[n++] = k;
  for (size_t i = 1; i < n; i++) /* insertion sort: stable, n < 100 */
    for (size_t j = i; j > 0 && count[order[j]] > count[order[j - 1]]; j--) {
      size_t t = order[j];
      order[j] = order[j - 1];
      order[j - 1] = t;
    }
  for (size_t i = 0; i < n; i++) {
    size_t k = order[i];
    const char *sev = dsreg_severity_name((dsreg_severity)f->rule_worst[k]);
    snprintf(labels[i], sizeof labels[i], "%s (%s)", dsreg_rule_at(k)->id, sev);
    bars[i] = (html_bar){labels[i], count[k], sev};
  }
  dsreg_html_bar_chart(b, id, title, bars, n);
  free(order);
  free(bars);
  free(labels);
  return 0;
}

static void cert_chart(dsreg_buf *b, const dsreg_html_fleet *f) {
  html_bar bars[CERT_COUNT];
  char labels[CERT_COUNT][48];
  long m0 = month_of(f->opt.reference_ms);
  bars[CERT_EXPIRED] = (html_bar){"expired", f->cert[CERT_EXPIRED], "expired"};
  for (int i = 0; i < MONTHS; i++) {
    long m = m0 + i;
    snprintf(labels[i], sizeof labels[i], "%04ld-%02ld", m / 12, m % 12 + 1);
    /* The month the certificate-expiring warning looks at stands out. */
    bars[i + 1] = (html_bar){labels[i], f->cert[i + 1], i == 0 ? "soon" : NULL};
  }
  bars[CERT_LATER] = (html_bar){"later", f->cert[CERT_LATER], NULL};
  bars[CERT_NONE] = (html_bar){"none", f->cert[CERT_NONE], "none"};
  dsreg_html_column_chart(b, "chart-cert",
                          f->opt.reference_source == DSREG_TIME_NONE
                              ? "Device certificate end (no reference time)"
                              : "Device certificate end, by month",
                          bars, CERT_COUNT);
}

static void prt_chart(dsreg_buf *b, const dsreg_html_fleet *f) {
  static const char *const CLS[HTML_PRT_COUNT] = {"ok",    NULL,   "warning",
                                                  "error", "none", "none"};
  html_bar bars[HTML_PRT_COUNT];
  for (int p = 0; p < HTML_PRT_COUNT; p++)
    bars[p] = (html_bar){dsreg_html_prt_label((html_prt)p), f->prt[p], CLS[p]};
  dsreg_html_bar_chart(b, "chart-prt", "Entra PRT age at capture time", bars,
                       HTML_PRT_COUNT);
}

static void json_str(dsreg_buf *b, const char *s) {
  dsreg_render_script_json_string(b, s, strlen(s));
}

/* What the script builds its filters from. */
static void data_block(dsreg_buf *b, const dsreg_html_fleet *f) {
  dsreg_buf_puts(b, "<script type=\"application/json\" id=\"dsreg-data\">"
                    "{\"joins\":[");
  bool first = true;
  for (int t = DSREG_JOIN_UNKNOWN; t <= DSREG_JOIN_NOT_JOINED; t++) {
    if (!f->join[t])
      continue;
    dsreg_buf_puts(b, first ? "{\"id\":" : ",{\"id\":");
    json_str(b, dsreg_join_type_id((dsreg_join_type)t));
    dsreg_buf_puts(b, ",\"title\":");
    json_str(b, dsreg_join_type_title((dsreg_join_type)t));
    dsreg_buf_printf(b, ",\"count\":%lu}", f->join[t]);
    first = false;
  }
  dsreg_buf_puts(b, "],\"verdicts\":[");
  first = true;
  for (int v = DSREG_VERDICT_BROKEN; v >= DSREG_VERDICT_OK; v--) {
    if (!f->verdict[v])
      continue;
    dsreg_buf_printf(b, "%s{\"id\":\"%s\",\"title\":\"%s\",\"count\":%lu}",
                     first ? "" : ",", dsreg_verdict_id((dsreg_verdict)v),
                     dsreg_verdict_title((dsreg_verdict)v), f->verdict[v]);
    first = false;
  }
  dsreg_buf_puts(b, "],\"rules\":[");
  first = true;
  for (size_t k = 0; k < f->rules; k++) {
    if (!f->rule_devices[k])
      continue;
    const dsreg_rule *r = dsreg_rule_at(k);
    dsreg_buf_puts(b, first ? "{\"id\":" : ",{\"id\":");
    json_str(b, r->id);
    dsreg_buf_puts(b, ",\"title\":");
    json_str(b, r->title);
    dsreg_buf_printf(b, ",\"severity\":\"%s\",\"devices\":%lu}",
                     dsreg_severity_name((dsreg_severity)f->rule_worst[k]),
                     f->rule_devices[k]);
    first = false;
  }
  dsreg_buf_puts(b, "]}</script>\n");
}

dsreg_status dsreg_html_render_end(dsreg_outbuf *b, const dsreg_html_fleet *f) {
  if (!b || !f)
    return DSREG_EINVAL;
  dsreg_buf_puts(b, "</table>\n</section>\n<section id=summary "
                    "aria-labelledby=summary-h>\n<h2 id=summary-h>Fleet "
                    "summary</h2>\n");
  figures(b, f);
  dsreg_buf_puts(b, "<div class=charts>\n");
  verdict_chart(b, f);
  join_chart(b, f);
  cert_chart(b, f);
  prt_chart(b, f);
  /* The longest, below the others. */
  if (rule_chart(b, f, "chart-causes", "Root causes (captures)",
                 f->rule_roots) ||
      rule_chart(b, f, "chart-rules",
                 "Findings by rule and severity (captures)", f->rule_devices))
    return DSREG_ENOMEM;
  dsreg_buf_puts(b, "</div>\n</section>\n</main>\n");
  data_block(b, f);
  dsreg_buf_puts(b, "<script>");
  dsreg_html_put_script(b);
  dsreg_buf_puts(b, "</script>\n</body>\n</html>\n");
  return dsreg_buf_status(b);
}
