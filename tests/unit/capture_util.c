/*
 * capture_util.c - see capture_util.h.
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
#include "dsreg/parser.h"

/* ---- text --------------------------------------------------------------- */

char *cu_read_fixture(const char *rel) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", DSREG_SOURCE_DIR, rel);
  FILE *f = fopen(path, "rb");
  if (!f)
    fail_msg("cannot open fixture %s", path);
  size_t cap = 65536, len = 0;
  char *buf = malloc(cap);
  assert_non_null(buf);
  for (;;) {
    if (len + 4096 + 1 > cap) {
      cap *= 2;
      buf = realloc(buf, cap);
      assert_non_null(buf);
    }
    size_t n = fread(buf + len, 1, cap - len - 1, f);
    len += n;
    if (n == 0)
      break;
  }
  assert_int_equal(ferror(f), 0);
  fclose(f);
  buf[len] = '\0';
  return buf;
}

/* Start of the n-th line (1-based) whose key is `key`, or NULL.  *value_at
 * gets the position just after the " :" of that line, *eol its end. */
static char *find_key(char *text, const char *key, unsigned n, char **value_at,
                      char **eol) {
  size_t klen = strlen(key);
  unsigned seen = 0;
  for (char *line = text; *line;) {
    char *end = strchr(line, '\n');
    if (!end)
      end = line + strlen(line);
    char *p = line;
    while (*p == ' ')
      p++;
    if (strncmp(p, key, klen) == 0 && p[klen] == ' ' && p[klen + 1] == ':' &&
        (p + klen + 2 == end || p[klen + 2] == ' ' || p[klen + 2] == '\r')) {
      if (++seen == n) {
        *value_at = p + klen + 2;
        *eol = end;
        return line;
      }
    }
    line = *end ? end + 1 : end;
  }
  return NULL;
}

/* head + middle + tail, a new string. */
static char *splice(const char *text, size_t head, const char *middle,
                    const char *tail) {
  size_t mlen = strlen(middle), tlen = strlen(tail);
  char *out = malloc(head + mlen + tlen + 1);
  assert_non_null(out);
  memcpy(out, text, head);
  memcpy(out + head, middle, mlen);
  memcpy(out + head + mlen, tail, tlen + 1);
  return out;
}

char *cu_set_nth(char *text, const char *key, unsigned n, const char *value) {
  char *value_at, *eol;
  if (!find_key(text, key, n, &value_at, &eol))
    fail_msg("cu_set: no line %u with key '%s'", n, key);
  char middle[1024];
  snprintf(middle, sizeof middle, "%s%s", value[0] ? " " : "", value);
  char *out = splice(text, (size_t)(value_at - text), middle, eol);
  free(text);
  return out;
}

char *cu_set(char *text, const char *key, const char *value) {
  return cu_set_nth(text, key, 1, value);
}

char *cu_del(char *text, const char *key) {
  char *value_at, *eol;
  char *line = find_key(text, key, 1, &value_at, &eol);
  if (!line)
    fail_msg("cu_del: no line with key '%s'", key);
  char *out = splice(text, (size_t)(line - text), "", *eol ? eol + 1 : eol);
  free(text);
  return out;
}

char *cu_insert_after(char *text, const char *after, const char *key,
                      const char *value) {
  char *value_at, *eol;
  if (!find_key(text, after, 1, &value_at, &eol))
    fail_msg("cu_insert_after: no line with key '%s'", after);
  char middle[1100];
  snprintf(middle, sizeof middle, "\n%26s :%s%s", key, value[0] ? " " : "",
           value);
  char *out = splice(text, (size_t)(eol - text), middle, eol);
  free(text);
  return out;
}

char *cu_insert_before(char *text, const char *before, const char *key,
                       const char *value) {
  char *value_at, *eol;
  char *line = find_key(text, before, 1, &value_at, &eol);
  if (!line)
    fail_msg("cu_insert_before: no line with key '%s'", before);
  char middle[1100];
  snprintf(middle, sizeof middle, "%26s :%s%s\n", key, value[0] ? " " : "",
           value);
  char *out = splice(text, (size_t)(line - text), middle, line);
  free(text);
  return out;
}

char *cu_insert_lines(char *text, const char *after, const char *const *kv) {
  size_t n = 0;
  while (kv[n])
    n += 2;
  /* each pair goes right after the anchor, so insert them last first */
  for (size_t i = n; i >= 2; i -= 2)
    text = cu_insert_after(text, after, kv[i - 2], kv[i - 1]);
  return text;
}

/* The line holding the title box of `title`: "| title   |". */
static char *find_title(char *text, const char *title) {
  size_t tlen = strlen(title);
  for (char *line = text; *line;) {
    char *end = strchr(line, '\n');
    if (!end)
      end = line + strlen(line);
    if (line[0] == '|' && line[1] == ' ' &&
        strncmp(line + 2, title, tlen) == 0 && line[2 + tlen] == ' ')
      return line;
    line = *end ? end + 1 : end;
  }
  return NULL;
}

static char *next_line(char *line) {
  char *end = strchr(line, '\n');
  return end ? end + 1 : line + strlen(line);
}

char *cu_del_section(char *text, const char *title) {
  char *t = find_title(text, title);
  if (!t || t == text)
    fail_msg("cu_del_section: no section '%s'", title);
  /* the box line above the title */
  char *top = t - 1;
  while (top > text && top[-1] != '\n')
    top--;
  assert_true(top[0] == '+');
  char *p = next_line(next_line(t)); /* past the bottom box line */
  while (*p && p[0] != '+' && strncmp(p, "For more information", 20) != 0)
    p = next_line(p);
  char *out = splice(text, (size_t)(top - text), "", p);
  free(text);
  return out;
}

char *cu_cut_after_box(char *text, const char *title) {
  char *t = find_title(text, title);
  if (!t)
    fail_msg("cu_cut_after_box: no section '%s'", title);
  char *p = next_line(next_line(t));
  *p = '\0';
  return text;
}

/* ---- analysis ----------------------------------------------------------- */

int64_t cu_ms(const char *iso) {
  int64_t ms = 0;
  if (dsreg_parse_iso8601(iso, &ms) != 0)
    fail_msg("bad ISO 8601 time '%s'", iso);
  return ms;
}

void cu_options_now(dsreg_rule_options *opt, const char *iso) {
  dsreg_rule_options_init(opt);
  if (iso) {
    opt->now_ms = cu_ms(iso);
    opt->now_source = DSREG_TIME_OPTION;
  }
}

typedef struct cb_ctx {
  const dsreg_rule_options *opt;
  cu_result *out;
} cb_ctx;

static int on_capture(const dsreg_capture *cap, void *user) {
  cb_ctx *c = user;
  cu_result *r = c->out;
  if (r->capture_count >= CU_MAX_CAPTURES)
    return 1;
  cu_capture *dst = &r->captures[r->capture_count++];
  dsreg_analysis an;
  dst->status = dsreg_analyze(cap, c->opt, &an);
  dst->join_type = an.join_type;
  dst->reference_ms = an.reference_ms;
  dst->reference_source = an.reference_source;
  snprintf(dst->first_note, sizeof dst->first_note, "%s",
           cap->note_count ? cap->notes[0].message : "");
  dst->finding_count = an.finding_count;
  dst->verdict = an.verdict;
  dst->root_cause = an.root_cause;
  dst->findings =
      calloc(an.finding_count ? an.finding_count : 1, sizeof *dst->findings);
  if (!dst->findings) {
    dsreg_analysis_free(&an);
    return 1;
  }
  for (size_t i = 0; i < an.finding_count; i++) {
    const dsreg_finding *f = &an.findings[i];
    cu_finding *g = &dst->findings[i];
    g->rule = f->rule;
    g->severity = f->severity;
    /* A copy that would not fit is a failure, never a cut message. */
    assert_true(strlen(f->message) < sizeof g->message);
    assert_true(strlen(f->remedy) < sizeof g->remedy);
    strcpy(g->message, f->message);
    strcpy(g->remedy, f->remedy);
    g->reference = f->reference;
    g->caused_by = f->caused_by;
    g->evidence_count = f->evidence_count;
    for (size_t e = 0; e < f->evidence_count && e < DSREG_MAX_EVIDENCE; e++) {
      snprintf(g->evidence_key[e], sizeof g->evidence_key[e], "%s",
               f->evidence[e].key ? f->evidence[e].key : "");
      g->evidence_line[e] = f->evidence[e].line;
    }
  }
  dsreg_analysis_free(&an);
  return 0;
}

void cu_analyze_text(const char *text, const dsreg_rule_options *opt,
                     cu_result *out) {
  memset(out, 0, sizeof *out);
  cb_ctx c = {opt, out};
  dsreg_parser *p = dsreg_parser_new(on_capture, &c);
  assert_non_null(p);
  out->status = dsreg_parser_feed(p, text, strlen(text));
  if (out->status == DSREG_OK)
    out->status = dsreg_parser_finish(p);
  dsreg_parser_free(p);
}

void cu_result_free(cu_result *r) {
  for (size_t i = 0; i < r->capture_count; i++) {
    free(r->captures[i].findings);
    r->captures[i].findings = NULL;
    r->captures[i].finding_count = 0;
  }
  r->capture_count = 0;
}

const char *cu_capture_time(const char *rel, char *buf, size_t size) {
  char *tsv = cu_read_fixture("fixtures/capture-times.tsv");
  if (strncmp(rel, "fixtures/", 9) == 0)
    rel += 9;
  size_t rlen = strlen(rel);
  bool found = false;
  for (char *line = tsv; *line && !found;) {
    char *end = strchr(line, '\n');
    if (!end)
      end = line + strlen(line);
    if (line[0] != '#' && strncmp(line, rel, rlen) == 0 && line[rlen] == '\t') {
      const char *v = line + rlen + 1;
      size_t vlen = (size_t)(end - v);
      while (vlen && (v[vlen - 1] == '\r' || v[vlen - 1] == ' '))
        vlen--;
      snprintf(buf, size, "%.*s", (int)vlen, v);
      found = true;
    }
    line = *end ? end + 1 : end;
  }
  free(tsv);
  if (!found)
    fail_msg("no capture time for %s in fixtures/capture-times.tsv", rel);
  return buf;
}

const cu_finding *cu_find(const cu_result *r, const char *rule) {
  assert_true(r->capture_count >= 1);
  const cu_capture *c = &r->captures[0];
  for (size_t i = 0; i < c->finding_count; i++)
    if (strcmp(c->findings[i].rule, rule) == 0)
      return &c->findings[i];
  return NULL;
}

size_t cu_count(const cu_result *r, size_t i, const char *rule) {
  size_t n = 0;
  assert_true(i < r->capture_count);
  for (size_t k = 0; k < r->captures[i].finding_count; k++)
    if (strcmp(r->captures[i].findings[k].rule, rule) == 0)
      n++;
  return n;
}

/* Sorted copy of the words of `s`, as an array of pointers into `buf`. */
static size_t words(const char *s, char *buf, size_t size, const char **w,
                    size_t max) {
  size_t n = 0;
  snprintf(buf, size, "%s", s);
  for (char *p = strtok(buf, " "); p && n < max; p = strtok(NULL, " "))
    w[n++] = p;
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && strcmp(w[j - 1], w[j]) > 0; j--) {
      const char *t = w[j];
      w[j] = w[j - 1];
      w[j - 1] = t;
    }
  return n;
}

bool cu_same_ids(const cu_result *r, size_t i, const char *ids) {
  char got[4096], a[4096], b[4096];
  const char *wa[128], *wb[128];
  if (i >= r->capture_count)
    return false;
  cu_ids(r, i, got, sizeof got);
  if (strcmp(got, "(none)") == 0)
    got[0] = '\0';
  size_t na = words(got, a, sizeof a, wa, 128);
  size_t nb =
      words(strcmp(ids, "(none)") == 0 ? "" : ids, b, sizeof b, wb, 128);
  if (na != nb)
    return false;
  for (size_t k = 0; k < na; k++)
    if (strcmp(wa[k], wb[k]) != 0)
      return false;
  return true;
}

cu_finding cu_check(char *text, const char *now, const char *ids,
                    const char *rule) {
  dsreg_rule_options opt;
  cu_result r;
  cu_finding f;
  char with[4096];
  memset(&f, 0, sizeof f);
  cu_options_now(&opt, now);
  cu_analyze_text(text, &opt, &r);
  free(text);
  assert_int_equal(r.status, DSREG_OK);
  assert_int_equal(r.capture_count, 1);
  ids = cu_ids_not_judged(&r, 0, ids, with, sizeof with);
  if (!cu_same_ids(&r, 0, ids)) {
    char got[4096];
    fail_msg("expected rules [%s], got [%s]", ids,
             cu_ids(&r, 0, got, sizeof got));
  }
  for (size_t i = 0; i < r.captures[0].finding_count; i++) {
    const cu_finding *g = &r.captures[0].findings[i];
    const dsreg_rule *rr = dsreg_rule_find(g->rule);
    assert_non_null(rr);
    assert_int_equal(g->severity, rr->severity);
    assert_true(strncmp(g->reference, "https://", 8) == 0);
  }
  if (rule) {
    const cu_finding *g = cu_find(&r, rule);
    assert_non_null(g);
    f = *g;
  }
  cu_result_free(&r);
  return f;
}

const char *cu_ids_not_judged(const cu_result *r, size_t i, const char *ids,
                              char *buf, size_t size) {
  if (strstr(ids, "checks-not-run") || !cu_count(r, i, "checks-not-run"))
    return ids;
  snprintf(buf, size, "%s checks-not-run", ids);
  return buf;
}

bool cu_has_problem(const cu_result *r, size_t i) {
  assert_true(i < r->capture_count);
  for (size_t k = 0; k < r->captures[i].finding_count; k++)
    if (r->captures[i].findings[k].severity >= DSREG_SEVERITY_WARNING)
      return true;
  return false;
}

const char *cu_ids(const cu_result *r, size_t i, char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  if (i >= r->capture_count)
    return buf;
  for (size_t k = 0; k < r->captures[i].finding_count && len < size; k++) {
    int n = snprintf(buf + len, size - len, "%s%s", k ? " " : "",
                     r->captures[i].findings[k].rule);
    if (n < 0)
      break;
    len += (size_t)n;
  }
  if (!r->captures[i].finding_count)
    snprintf(buf, size, "(none)");
  return buf;
}

bool cu_fires(const char *text, const char *now_iso, const char *rule,
              cu_finding *out) {
  dsreg_rule_options opt;
  cu_result r;
  cu_options_now(&opt, now_iso);
  cu_analyze_text(text, &opt, &r);
  assert_int_equal(r.status, DSREG_OK);
  assert_int_equal(r.capture_count, 1);
  assert_int_equal(r.captures[0].status, DSREG_OK);
  const cu_finding *f = cu_find(&r, rule);
  if (f && out)
    *out = *f;
  bool fired = f != NULL;
  cu_result_free(&r);
  return fired;
}

char *cu_insert_section_before(char *text, const char *title,
                               const char *section) {
  char bar[128];
  snprintf(bar, sizeof bar, "| %s", title);
  const char *at = strstr(text, bar);
  assert_non_null(at);
  while (at > text && at[-1] != '\n')
    at--;
  at--; /* the box line above the title */
  while (at > text && at[-1] != '\n')
    at--;
  size_t head = (size_t)(at - text);
  char *out = splice(text, head, section, text + head);
  free(text);
  return out;
}

char *cu_with_system_proxy(char *t, const char *pac) {
  char sect[1024];
  snprintf(sect, sizeof sect,
           "+-----+\n| IE Proxy Config for System Account |\n+-----+\n\n"
           "      Auto Detect Settings : YES\n"
           "    Auto-Configuration URL :\n"
           "         Proxy Server List :\n"
           "         Proxy Bypass List :\n\n"
           "+-----+\n| URL Specific Proxy Config |\n+-----+\n\n"
           "    Auto Detect PAC Status : %s\n\n",
           pac);
  return cu_insert_section_before(t, "IE Proxy Config for Current User", sect);
}
