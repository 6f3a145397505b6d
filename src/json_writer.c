/*
 * json_writer.c - one capture as one JSON Lines record (docs/json.md).
 *
 * The typed object is walked straight from the field table, so a field added
 * to fields.def shows up here with no other change.
 */
#include <string.h>

#include "buf.h"
#include "dsreg/codes.h"
#include "dsreg/fields.h"
#include "dsreg/report.h"
#include "internal.h"

static void key(dsreg_buf *b, int *first, const char *k) {
  if (!*first)
    dsreg_buf_putc(b, ',');
  *first = 0;
  dsreg_buf_json_str(b, k, strlen(k));
  dsreg_buf_putc(b, ':');
}

/* A key with " #n" appended when it is the n-th of its name (n > 1). */
static void key_nth(dsreg_buf *b, int *first, const char *k, size_t n,
                    unsigned occurrence) {
  if (!*first)
    dsreg_buf_putc(b, ',');
  *first = 0;
  if (occurrence > 1) {
    char tmp[32];
    int m = snprintf(tmp, sizeof tmp, " #%u", occurrence);
    dsreg_buf b2 = {0};
    dsreg_buf_put(&b2, k, n);
    dsreg_buf_put(&b2, tmp, (size_t)m);
    dsreg_buf_json_str(b, b2.data ? b2.data : "", b2.len);
    b->oom |= b2.oom;
    dsreg_buf_free(&b2);
  } else {
    dsreg_buf_json_str(b, k, n);
  }
  dsreg_buf_putc(b, ':');
}

static void code_object(dsreg_buf *b, uint32_t code, dsreg_code_context ctx) {
  const dsreg_code_info *info = dsreg_code_lookup_value(code, ctx);
  static const char hex[] = "0123456789abcdef";
  char h[10] = {'0', 'x'};
  for (int k = 0; k < 8; k++)
    h[2 + k] = hex[(code >> (28 - 4 * k)) & 0xF];
  dsreg_buf_puts(b, "{\"code\":");
  dsreg_buf_ulong(b, code);
  dsreg_buf_puts(b, ",\"hex\":\"");
  dsreg_buf_put(b, h, 10);
  dsreg_buf_putc(b, '"');
  if (info && info->name[0]) {
    dsreg_buf_puts(b, ",\"name\":");
    dsreg_buf_json_str(b, info->name, strlen(info->name));
  }
  if (info) {
    dsreg_buf_puts(b, ",\"meaning\":");
    dsreg_buf_json_str(b, info->meaning, strlen(info->meaning));
  }
  dsreg_buf_putc(b, '}');
}

static void time_str(dsreg_buf *b, int64_t ms) {
  char t[40];
  dsreg_format_time(ms, t, sizeof t);
  dsreg_buf_putc(b, '"');
  dsreg_buf_puts(b, t);
  dsreg_buf_putc(b, '"');
}

static void value(dsreg_buf *b, const dsreg_value *v,
                  const dsreg_field_def *d) {
  const dsreg_value_type type = d->type;
  const dsreg_field *f = v->field;
  if (v->state == DSREG_VALUE_EMPTY) {
    dsreg_buf_puts(b, "null");
    return;
  }
  if (v->state != DSREG_VALUE_OK) {
    dsreg_buf_json_str(b, f->value, f->value_len);
    return;
  }
  switch (type) {
  case DSREG_TYPE_FLAG:
    if (v->flag == DSREG_FLAG_YES || v->flag == DSREG_FLAG_NO)
      dsreg_buf_puts(b, v->flag == DSREG_FLAG_YES ? "true" : "false");
    else
      dsreg_buf_json_str(b, f->value, f->value_len);
    break;
  case DSREG_TYPE_TIME:
    time_str(b, v->time_ms);
    break;
  case DSREG_TYPE_VALIDITY:
    dsreg_buf_puts(b, "{\"from\":");
    time_str(b, v->time_ms);
    dsreg_buf_puts(b, ",\"to\":");
    time_str(b, v->end_ms);
    dsreg_buf_putc(b, '}');
    break;
  case DSREG_TYPE_HEX:
    code_object(b, v->code, d->codes);
    break;
  case DSREG_TYPE_TEST:
    dsreg_buf_puts(b, v->test == DSREG_TEST_PASS   ? "{\"result\":\"pass\""
                      : v->test == DSREG_TEST_FAIL ? "{\"result\":\"fail\""
                                                   : "{\"result\":\"skipped\"");
    if (v->has_code) {
      dsreg_buf_puts(b, ",\"error\":");
      code_object(b, v->code, DSREG_CODE_ANY);
    }
    if (v->has_sub_code) {
      dsreg_buf_puts(b, ",\"sub_error\":");
      code_object(b, v->sub_code, DSREG_CODE_DISCOVERY_SUB);
    }
    dsreg_buf_putc(b, '}');
    break;
  case DSREG_TYPE_INT:
    dsreg_buf_long(b, v->number);
    break;
  default:
    dsreg_buf_json_str(b, f->value, f->value_len);
    break;
  }
}

/* Nested objects for dotted member paths, opened lazily so that a group
 * with nothing present is left out. */
typedef struct path_state {
  char open[3][40];
  int depth;
  int first[4];
  char prefix[96]; /* the open objects as a path with a final '.' */
  size_t prefix_len;
} path_state;

static void path_emit(dsreg_buf *b, path_state *ps, const dsreg_field_def *d,
                      const dsreg_value *v) {
  const char *member = d->member;
  const char *leaf = strrchr(member, '.');
  size_t plen = leaf ? (size_t)(leaf - member) + 1 : 0;
  /* Most values fall in the object that is already open. */
  if (plen == ps->prefix_len && memcmp(member, ps->prefix, plen) == 0) {
    key(b, &ps->first[ps->depth], leaf ? leaf + 1 : member);
    value(b, v, d);
    return;
  }
  char comp[4][40];
  int n = 0;
  const char *s = member;
  while (*s && n < 4) {
    const char *dot = strchr(s, '.');
    size_t len = dot ? (size_t)(dot - s) : strlen(s);
    if (len >= sizeof comp[0])
      len = sizeof comp[0] - 1;
    memcpy(comp[n], s, len);
    comp[n][len] = '\0';
    n++;
    s = dot ? dot + 1 : s + len;
  }
  int common = 0;
  while (common < ps->depth && common < n - 1 &&
         strcmp(ps->open[common], comp[common]) == 0)
    common++;
  while (ps->depth > common) {
    dsreg_buf_putc(b, '}');
    ps->depth--;
  }
  while (ps->depth < n - 1 && ps->depth < 3) {
    key(b, &ps->first[ps->depth], comp[ps->depth]);
    dsreg_buf_putc(b, '{');
    strcpy(ps->open[ps->depth], comp[ps->depth]);
    ps->depth++;
    ps->first[ps->depth] = 1;
  }
  if (plen < sizeof ps->prefix) {
    memcpy(ps->prefix, member, plen);
    ps->prefix_len = plen;
  }
  key(b, &ps->first[ps->depth], comp[n - 1]);
  value(b, v, d);
}

static void typed_object(dsreg_buf *b, const dsreg_capture *cap) {
  const size_t rows = dsreg_field_def_count();
  path_state ps;
  memset(&ps, 0, sizeof ps);
  ps.first[0] = 1;
  ps.prefix_len = (size_t)-1; /* nothing open yet */
  dsreg_buf_putc(b, '{');
  for (size_t r = 0; r < rows; r++) {
    const dsreg_field_def *d = dsreg_field_def_at(r);
    if (d->is_alias || d->section == DSREG_SECTION_WORK_ACCOUNT)
      continue;
    const dsreg_value *v = dsreg_field_def_value(d, &cap->typed, NULL);
    if (v->state != DSREG_VALUE_ABSENT)
      path_emit(b, &ps, d, v);
  }
  while (ps.depth > 0) {
    dsreg_buf_putc(b, '}');
    ps.depth--;
  }
  if (cap->typed.work_account_count) {
    key(b, &ps.first[0], "work_accounts");
    dsreg_buf_putc(b, '[');
    for (size_t i = 0; i < cap->typed.work_account_count; i++) {
      const dsreg_work_account *a = &cap->typed.work_accounts[i];
      const dsreg_section *sec = &cap->sections[a->section];
      int first = 1;
      if (i)
        dsreg_buf_putc(b, ',');
      dsreg_buf_putc(b, '{');
      key(b, &first, "section");
      dsreg_buf_json_str(b, sec->title, sec->title_len);
      for (size_t r = 0; r < rows; r++) {
        const dsreg_field_def *d = dsreg_field_def_at(r);
        if (d->section != DSREG_SECTION_WORK_ACCOUNT)
          continue;
        const dsreg_value *v = dsreg_field_def_value(d, NULL, a);
        if (v->state == DSREG_VALUE_ABSENT)
          continue;
        key(b, &first, d->member);
        value(b, v, d);
      }
      dsreg_buf_putc(b, '}');
    }
    dsreg_buf_putc(b, ']');
  }
  dsreg_buf_putc(b, '}');
}

static void sections_object(dsreg_buf *b, const dsreg_capture *cap) {
  int first = 1;
  dsreg_buf_putc(b, '{');
  for (size_t i = 0; i < cap->section_count; i++) {
    const dsreg_section *s = &cap->sections[i];
    int ffirst = 1;
    key_nth(b, &first, s->title, s->title_len, s->occurrence);
    dsreg_buf_putc(b, '{');
    for (size_t j = 0; j < s->field_count; j++) {
      const dsreg_field *f = &cap->fields[s->first_field + j];
      key_nth(b, &ffirst, f->key, f->key_len, f->occurrence);
      dsreg_buf_json_str(b, f->value, f->value_len);
    }
    dsreg_buf_putc(b, '}');
  }
  dsreg_buf_putc(b, '}');
}

static void findings_array(dsreg_buf *b, const dsreg_analysis *an) {
  dsreg_buf_putc(b, '[');
  for (size_t i = 0; an && i < an->finding_count; i++) {
    const dsreg_finding *f = &an->findings[i];
    int first = 1;
    if (i)
      dsreg_buf_putc(b, ',');
    dsreg_buf_putc(b, '{');
    key(b, &first, "rule");
    dsreg_buf_json_str(b, f->rule, strlen(f->rule));
    key(b, &first, "severity");
    dsreg_buf_json_str(b, dsreg_severity_name(f->severity),
                       strlen(dsreg_severity_name(f->severity)));
    key(b, &first, "title");
    dsreg_buf_json_str(b, f->title, strlen(f->title));
    key(b, &first, "message");
    dsreg_buf_json_str(b, f->message, strlen(f->message));
    key(b, &first, "remedy");
    dsreg_buf_json_str(b, f->remedy, strlen(f->remedy));
    key(b, &first, "reference");
    dsreg_buf_json_str(b, f->reference, strlen(f->reference));
    key(b, &first, "caused_by");
    if (f->caused_by)
      dsreg_buf_json_str(b, f->caused_by, strlen(f->caused_by));
    else
      dsreg_buf_puts(b, "null");
    key(b, &first, "evidence");
    dsreg_buf_putc(b, '[');
    for (size_t e = 0; e < f->evidence_count; e++) {
      const dsreg_evidence *ev = &f->evidence[e];
      int efirst = 1;
      if (e)
        dsreg_buf_putc(b, ',');
      dsreg_buf_putc(b, '{');
      key(b, &efirst, "key");
      dsreg_buf_json_str(b, ev->key, strlen(ev->key));
      key(b, &efirst, "value");
      dsreg_buf_json_str(b, ev->value, strlen(ev->value));
      key(b, &efirst, "line");
      dsreg_buf_ulong(b, ev->line);
      dsreg_buf_putc(b, '}');
    }
    dsreg_buf_puts(b, "]}");
  }
  dsreg_buf_putc(b, ']');
}

int dsreg_write_json(FILE *out, const char *source, const dsreg_capture *cap,
                     const dsreg_analysis *an) {
  dsreg_buf b = {0};
  dsreg_render_json(&b, source, cap, an);
  int rc = dsreg_buf_flush(&b, out);
  dsreg_buf_free(&b);
  return rc;
}

int dsreg_render_json(dsreg_outbuf *out, const char *source,
                      const dsreg_capture *cap, const dsreg_analysis *an) {
  dsreg_buf b = *out;
  int first = 1;
  dsreg_join_type jt = an ? an->join_type : dsreg_join_type_of(cap);
  const char *enc = dsreg_encoding_name(cap->encoding);

  dsreg_buf_putc(&b, '{');
  key(&b, &first, "source");
  dsreg_buf_json_str(&b, source, strlen(source));
  if (an && an->live) {
    key(&b, &first, "live");
    dsreg_buf_puts(&b, "true");
  }
  key(&b, &first, "capture");
  dsreg_buf_ulong(&b, cap->index);
  key(&b, &first, "encoding");
  dsreg_buf_json_str(&b, enc, strlen(enc));
  key(&b, &first, "line");
  dsreg_buf_ulong(&b, cap->line);
  key(&b, &first, "end_line");
  dsreg_buf_ulong(&b, cap->end_line);
  key(&b, &first, "footer");
  dsreg_buf_puts(&b, cap->has_footer ? "true" : "false");
  if (cap->fragment) { /* only then: older readers saw no such key */
    key(&b, &first, "fragment");
    dsreg_buf_puts(&b, "true");
  }
  key(&b, &first, "join_type");
  dsreg_buf_json_str(&b, dsreg_join_type_id(jt),
                     strlen(dsreg_join_type_id(jt)));
  if (an && an->reference_source != DSREG_TIME_NONE) {
    const char *src = dsreg_time_source_name(an->reference_source);
    key(&b, &first, "reference_time");
    time_str(&b, an->reference_ms);
    key(&b, &first, "reference_time_source");
    dsreg_buf_json_str(&b, src, strlen(src));
  }
  dsreg_verdict v = an ? an->verdict : DSREG_VERDICT_OK;
  key(&b, &first, "verdict");
  dsreg_buf_json_str(&b, dsreg_verdict_id(v), strlen(dsreg_verdict_id(v)));
  key(&b, &first, "root_cause");
  if (an && an->root_cause)
    dsreg_buf_json_str(&b, an->root_cause, strlen(an->root_cause));
  else
    dsreg_buf_puts(&b, "null");
  key(&b, &first, "findings");
  findings_array(&b, an);
  key(&b, &first, "sections");
  sections_object(&b, cap);
  key(&b, &first, "typed");
  typed_object(&b, cap);

  key(&b, &first, "unparsed");
  dsreg_buf_putc(&b, '[');
  for (size_t i = 0; i < cap->unparsed_count; i++) {
    const dsreg_line *l = &cap->unparsed[i];
    dsreg_buf_puts(&b, i ? ",{\"line\":" : "{\"line\":");
    dsreg_buf_ulong(&b, l->line);
    dsreg_buf_puts(&b, ",\"text\":");
    dsreg_buf_json_str(&b, l->text, l->len);
    dsreg_buf_putc(&b, '}');
  }
  dsreg_buf_putc(&b, ']');
  key(&b, &first, "notes");
  dsreg_buf_putc(&b, '[');
  for (size_t i = 0; i < cap->note_count; i++) {
    const dsreg_note *n = &cap->notes[i];
    dsreg_buf_puts(&b, i ? ",{\"line\":" : "{\"line\":");
    dsreg_buf_ulong(&b, n->line);
    dsreg_buf_puts(&b, ",\"message\":");
    dsreg_buf_json_str(&b, n->message, strlen(n->message));
    dsreg_buf_putc(&b, '}');
  }
  dsreg_buf_putc(&b, ']');
  key(&b, &first, "replacements");
  dsreg_buf_ulong(&b, cap->replacements);
  key(&b, &first, "dropped_lines");
  dsreg_buf_ulong(&b, cap->dropped_lines);
  dsreg_buf_puts(&b, "}\n");
  *out = b;
  return b.oom ? -1 : 0;
}

int dsreg_write_json_error(FILE *out, const char *source, const char *message) {
  dsreg_buf b = {0};
  dsreg_render_json_error(&b, source, message);
  int rc = dsreg_buf_flush(&b, out);
  dsreg_buf_free(&b);
  return rc;
}

int dsreg_render_json_error(dsreg_outbuf *out, const char *source,
                            const char *message) {
  dsreg_buf b = *out;
  dsreg_buf_puts(&b, "{\"source\":");
  dsreg_buf_json_str(&b, source, strlen(source));
  dsreg_buf_puts(&b, ",\"error\":");
  dsreg_buf_json_str(&b, message, strlen(message));
  dsreg_buf_puts(&b, "}\n");
  *out = b;
  return b.oom ? -1 : 0;
}
