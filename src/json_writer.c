/*
 * json_writer.c - one capture as one JSON Lines record (docs/json.md).
 *
 * The typed object is walked straight from the field table, so a field added
 * to fields.def shows up here with no other change.
 */
#include <string.h>

#include "buf.h"
#include "dsreg/codes.h"
#include "dsreg/csv.h"
#include "dsreg/fields.h"
#include "dsreg/report.h"
#include "dsreg/version.h"
#include "internal.h"

/* A literal of ours, its length known when compiled: JSON punctuation and
 * keys, which need no escaping scan and no strlen. */

/* `"name":`, after a comma unless it is the first member: `q` is the
 * quoted key and colon, `n` its length. */
static void key_quoted(dsreg_buf *b, int *first, const char *q, size_t n) {
  char *o = dsreg_buf_append(b, n + !*first);
  if (!o)
    return;
  if (!*first)
    *o++ = ',';
  *first = 0;
  memcpy(o, q, n);
}
#define KEY(b, first, name)                                                    \
  key_quoted(b, first, "\"" name "\":", sizeof("\"" name "\":") - 1)

/* `"name":` for a name from the field table: a C identifier (struct
 * members are stringified tokens), so there is nothing to escape. */
static void key_ident(dsreg_buf *b, int *first, const char *k, size_t n) {
  char *o = dsreg_buf_append(b, n + 3 + !*first);
  if (!o)
    return;
  if (!*first)
    *o++ = ',';
  *first = 0;
  o[0] = '"';
  memcpy(o + 1, k, n);
  o[n + 1] = '"';
  o[n + 2] = ':';
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
  PUT(b, "{\"code\":");
  dsreg_buf_ulong(b, code);
  PUT(b, ",\"hex\":\"");
  dsreg_buf_put(b, h, 10);
  dsreg_buf_putc(b, '"');
  if (info && info->name[0]) {
    PUT(b, ",\"name\":");
    dsreg_buf_json_str(b, info->name, strlen(info->name));
  }
  if (info) {
    PUT(b, ",\"meaning\":");
    dsreg_buf_json_str(b, info->meaning, strlen(info->meaning));
  }
  dsreg_buf_putc(b, '}');
}

/* A time is always the 24 characters of dsreg_format_time (its years are
 * clamped to four digits): written in place, quotes and all. */
static void time_str(dsreg_buf *b, int64_t ms) {
  char *o = dsreg_buf_append(b, 26);
  if (!o)
    return;
  o[0] = '"';
  dsreg_format_time(ms, o + 1, 25); /* its NUL lands on the closing quote */
  o[25] = '"';
}

static void value(dsreg_buf *b, const dsreg_value *v,
                  const dsreg_field_def *d) {
  const dsreg_value_type type = d->type;
  const dsreg_field *f = v->field;
  if (v->state == DSREG_VALUE_EMPTY) {
    PUT(b, "null");
    return;
  }
  if (v->state != DSREG_VALUE_OK) {
    dsreg_buf_json_str(b, f->value, f->value_len);
    return;
  }
  switch (type) {
  case DSREG_TYPE_FLAG:
    if (v->flag == DSREG_FLAG_YES)
      PUT(b, "true");
    else if (v->flag == DSREG_FLAG_NO)
      PUT(b, "false");
    else
      dsreg_buf_json_str(b, f->value, f->value_len);
    break;
  case DSREG_TYPE_TIME:
    time_str(b, v->time_ms);
    break;
  case DSREG_TYPE_VALIDITY:
    PUT(b, "{\"from\":");
    time_str(b, v->time_ms);
    PUT(b, ",\"to\":");
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
      PUT(b, ",\"error\":");
      code_object(b, v->code, DSREG_CODE_ANY);
    }
    if (v->has_sub_code) {
      PUT(b, ",\"sub_error\":");
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

/* Nested objects for dotted member paths ("sso_state.azure_prt_diag.x"),
 * opened lazily so that a group with nothing present is left out.  `open`
 * is the path of the objects open now, each component followed by its '.'
 * (a prefix of the member paths), `ends[k]` where its component k ends. */
typedef struct path_state {
  const char *open;
  size_t open_len;
  size_t ends[3];
  int depth;
  int first[4];
} path_state;

/* A member path is at most 3 objects deep; deeper components are taken
 * into the leaf's name. */
#define PATH_DEPTH 3

static void path_emit(dsreg_buf *b, path_state *ps, const dsreg_field_def *d,
                      const dsreg_value *v) {
  const char *member = d->member;
  size_t plen = ps->open_len, common = 0;
  int depth = 0;
  /* Rows come in struct order, so most values fall in the object that is
   * already open: its path is a prefix and no '.' follows. */
  if (strncmp(member, ps->open, plen) != 0 || strchr(member + plen, '.')) {
    while (depth < ps->depth) {
      size_t end = ps->ends[depth];
      if (strncmp(member + common, ps->open + common, end - common) != 0)
        break;
      common = end;
      depth++;
    }
    while (ps->depth > depth) {
      dsreg_buf_putc(b, '}');
      ps->depth--;
    }
    const char *s = member + common, *dot;
    while (ps->depth < PATH_DEPTH && (dot = strchr(s, '.')) != NULL) {
      key_ident(b, &ps->first[ps->depth], s, (size_t)(dot - s));
      dsreg_buf_putc(b, '{');
      s = dot + 1;
      ps->ends[ps->depth++] = (size_t)(s - member);
      ps->first[ps->depth] = 1;
    }
    ps->open = member;
    ps->open_len = plen = (size_t)(s - member);
  }
  key_ident(b, &ps->first[ps->depth], member + plen, strlen(member + plen));
  value(b, v, d);
}

/* The row's value; the field table states where it lies. */
static const dsreg_value *row_value(const dsreg_field_def *d,
                                    const void *base) {
  return (const dsreg_value *)(const void *)((const char *)base + d->offset);
}

static void typed_object(dsreg_buf *b, const dsreg_capture *cap) {
  const size_t rows = dsreg_field_def_count();
  /* The rows are one static array (fields.c): walked without a call per
   * row, hundreds of times per capture. */
  const dsreg_field_def *table = dsreg_field_def_at(0);
  path_state ps = {"", 0, {0}, 0, {1}};
  dsreg_buf_putc(b, '{');
  for (size_t r = 0; r < rows; r++) {
    const dsreg_field_def *d = &table[r];
    if (d->is_alias || d->section == DSREG_SECTION_WORK_ACCOUNT)
      continue;
    const dsreg_value *v = row_value(d, &cap->typed);
    if (v->state != DSREG_VALUE_ABSENT)
      path_emit(b, &ps, d, v);
  }
  while (ps.depth > 0) {
    dsreg_buf_putc(b, '}');
    ps.depth--;
  }
  if (cap->typed.work_account_count) {
    KEY(b, &ps.first[0], "work_accounts");
    dsreg_buf_putc(b, '[');
    for (size_t i = 0; i < cap->typed.work_account_count; i++) {
      const dsreg_work_account *a = &cap->typed.work_accounts[i];
      const dsreg_section *sec = &cap->sections[a->section];
      int first = 1;
      if (i)
        dsreg_buf_putc(b, ',');
      dsreg_buf_putc(b, '{');
      KEY(b, &first, "section");
      dsreg_buf_json_str(b, sec->title, sec->title_len);
      for (size_t r = 0; r < rows; r++) {
        const dsreg_field_def *d = &table[r];
        if (d->section != DSREG_SECTION_WORK_ACCOUNT)
          continue;
        const dsreg_value *v = row_value(d, a);
        if (v->state == DSREG_VALUE_ABSENT)
          continue;
        key_ident(b, &first, d->member, strlen(d->member));
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
    KEY(b, &first, "rule");
    dsreg_buf_json_str(b, f->rule, strlen(f->rule));
    KEY(b, &first, "severity");
    dsreg_buf_json_str(b, dsreg_severity_name(f->severity),
                       strlen(dsreg_severity_name(f->severity)));
    KEY(b, &first, "title");
    dsreg_buf_json_str(b, f->title, strlen(f->title));
    KEY(b, &first, "message");
    dsreg_buf_json_str(b, f->message, strlen(f->message));
    KEY(b, &first, "remedy");
    dsreg_buf_json_str(b, f->remedy, strlen(f->remedy));
    KEY(b, &first, "reference");
    dsreg_buf_json_str(b, f->reference, strlen(f->reference));
    KEY(b, &first, "caused_by");
    if (f->caused_by)
      dsreg_buf_json_str(b, f->caused_by, strlen(f->caused_by));
    else
      PUT(b, "null");
    KEY(b, &first, "evidence");
    dsreg_buf_putc(b, '[');
    for (size_t e = 0; e < f->evidence_count; e++) {
      const dsreg_evidence *ev = &f->evidence[e];
      int efirst = 1;
      if (e)
        dsreg_buf_putc(b, ',');
      dsreg_buf_putc(b, '{');
      KEY(b, &efirst, "key");
      dsreg_buf_json_str(b, ev->key, strlen(ev->key));
      KEY(b, &efirst, "value");
      dsreg_buf_json_str(b, ev->value, strlen(ev->value));
      KEY(b, &efirst, "line");
      dsreg_buf_ulong(b, ev->line);
      dsreg_buf_putc(b, '}');
    }
    PUT(b, "]}");
  }
  dsreg_buf_putc(b, ']');
}

/* First in every record, so a reader can pick its parser before it reads
 * anything else. */
static void stamp(dsreg_buf *b) {
  PUT(b, "{\"schema\":");
  dsreg_buf_ulong(b, DSREG_JSON_SCHEMA);
  PUT(b, ",\"version\":");
  dsreg_buf_json_str(b, dsreg_version_string(), strlen(dsreg_version_string()));
  dsreg_buf_putc(b, ',');
}

dsreg_status dsreg_render_json_stamp(dsreg_outbuf *b) {
  if (!b)
    return DSREG_EINVAL;
  stamp(b);
  return dsreg_buf_status(b);
}

dsreg_status dsreg_write_json(FILE *out, const char *source,
                              const dsreg_capture *cap,
                              const dsreg_analysis *an) {
  if (!out)
    return DSREG_EINVAL;
  dsreg_buf b = {0};
  return dsreg_buf_write_out(&b, dsreg_render_json(&b, source, cap, an), out);
}

dsreg_status dsreg_render_json(dsreg_outbuf *out, const char *source,
                               const dsreg_capture *cap,
                               const dsreg_analysis *an) {
  if (!out || !source || !cap)
    return DSREG_EINVAL;
  dsreg_buf b = *out;
  int first = 1;
  dsreg_join_type jt = an ? an->join_type : dsreg_join_type_of(cap);
  const char *enc = dsreg_encoding_name(cap->encoding);

  stamp(&b);
  KEY(&b, &first, "source");
  dsreg_buf_json_str(&b, source, strlen(source));
  if (an && an->live) {
    KEY(&b, &first, "live");
    PUT(&b, "true");
  }
  KEY(&b, &first, "capture");
  dsreg_buf_ulong(&b, cap->index);
  KEY(&b, &first, "encoding");
  dsreg_buf_json_str(&b, enc, strlen(enc));
  KEY(&b, &first, "line");
  dsreg_buf_ulong(&b, cap->line);
  KEY(&b, &first, "end_line");
  dsreg_buf_ulong(&b, cap->end_line);
  KEY(&b, &first, "footer");
  if (cap->has_footer)
    PUT(&b, "true");
  else
    PUT(&b, "false");
  if (cap->fragment) { /* only then: older readers saw no such key */
    KEY(&b, &first, "fragment");
    PUT(&b, "true");
  }
  KEY(&b, &first, "join_type");
  dsreg_buf_json_str(&b, dsreg_join_type_id(jt),
                     strlen(dsreg_join_type_id(jt)));
  if (an && an->reference_source != DSREG_TIME_NONE) {
    const char *src = dsreg_time_source_name(an->reference_source);
    KEY(&b, &first, "reference_time");
    time_str(&b, an->reference_ms);
    KEY(&b, &first, "reference_time_source");
    dsreg_buf_json_str(&b, src, strlen(src));
  }
  dsreg_verdict v = an ? an->verdict : DSREG_VERDICT_OK;
  KEY(&b, &first, "verdict");
  dsreg_buf_json_str(&b, dsreg_verdict_id(v), strlen(dsreg_verdict_id(v)));
  KEY(&b, &first, "root_cause");
  if (an && an->root_cause)
    dsreg_buf_json_str(&b, an->root_cause, strlen(an->root_cause));
  else
    PUT(&b, "null");
  KEY(&b, &first, "findings");
  findings_array(&b, an);
  KEY(&b, &first, "sections");
  sections_object(&b, cap);
  KEY(&b, &first, "typed");
  typed_object(&b, cap);

  KEY(&b, &first, "unparsed");
  dsreg_buf_putc(&b, '[');
  for (size_t i = 0; i < cap->unparsed_count; i++) {
    const dsreg_line *l = &cap->unparsed[i];
    dsreg_buf_puts(&b, i ? ",{\"line\":" : "{\"line\":");
    dsreg_buf_ulong(&b, l->line);
    PUT(&b, ",\"text\":");
    dsreg_buf_json_str(&b, l->text, l->len);
    dsreg_buf_putc(&b, '}');
  }
  dsreg_buf_putc(&b, ']');
  KEY(&b, &first, "notes");
  dsreg_buf_putc(&b, '[');
  for (size_t i = 0; i < cap->note_count; i++) {
    const dsreg_note *n = &cap->notes[i];
    dsreg_buf_puts(&b, i ? ",{\"line\":" : "{\"line\":");
    dsreg_buf_ulong(&b, n->line);
    PUT(&b, ",\"message\":");
    dsreg_buf_json_str(&b, n->message, strlen(n->message));
    dsreg_buf_putc(&b, '}');
  }
  dsreg_buf_putc(&b, ']');
  KEY(&b, &first, "replacements");
  dsreg_buf_ulong(&b, cap->replacements);
  KEY(&b, &first, "dropped_lines");
  dsreg_buf_ulong(&b, cap->dropped_lines);
  PUT(&b, "}\n");
  *out = b;
  return dsreg_buf_status(&b);
}

dsreg_status dsreg_write_json_error(FILE *out, const char *source,
                                    const char *message) {
  if (!out)
    return DSREG_EINVAL;
  dsreg_buf b = {0};
  return dsreg_buf_write_out(&b, dsreg_render_json_error(&b, source, message),
                             out);
}

dsreg_status dsreg_render_json_error(dsreg_outbuf *out, const char *source,
                                     const char *message) {
  if (!out || !source || !message)
    return DSREG_EINVAL;
  dsreg_buf b = *out;
  stamp(&b);
  PUT(&b, "\"source\":");
  dsreg_buf_json_str(&b, source, strlen(source));
  PUT(&b, ",\"error\":");
  dsreg_buf_json_str(&b, message, strlen(message));
  PUT(&b, "}\n");
  *out = b;
  return dsreg_buf_status(&b);
}

/* --- the flat view (docs/log-analytics.md) ------------------------------- */

/* Every column of the CSV table, so the flat keys and the spreadsheet
 * columns are one list; `error` set, or `cap` NULL for a failed source. */
static dsreg_status render_flat(dsreg_outbuf *out, const char *source,
                                const dsreg_capture *cap,
                                const dsreg_analysis *an, const char *error) {
  if (!out || !source || (!cap && !error))
    return DSREG_EINVAL;
  dsreg_buf b = *out;
  dsreg_buf cell = {0};
  stamp(&b);
  PUT(&b, "\"live\":");
  dsreg_buf_puts(&b, an && an->live ? "true" : "false");
  for (size_t id = 0; id < dsreg_csv_column_count(); id++) {
    const char *name = dsreg_csv_column_name(id);
    cell.len = 0;
    if (cap)
      b.oom |= dsreg_render_csv_cell_text(&cell, id, source, cap, an) !=
               DSREG_OK; /* only ENOMEM with these arguments */
    else if (strcmp(name, "source") == 0)
      dsreg_buf_puts(&cell, source);
    else if (strcmp(name, "error") == 0)
      dsreg_buf_puts(&cell, error);
    dsreg_buf_putc(&b, ',');
    dsreg_buf_json_str(&b, name, strlen(name));
    dsreg_buf_putc(&b, ':');
    if (!cell.len)
      PUT(&b, "null");
    else if (strcmp(dsreg_csv_column_type(id), "int") == 0)
      dsreg_buf_put(&b, cell.data, cell.len); /* digits, from our own %lu */
    else
      dsreg_buf_json_str(&b, cell.data, cell.len);
  }
  PUT(&b, "}\n");
  b.oom |= cell.oom;
  dsreg_buf_free(&cell);
  *out = b;
  return dsreg_buf_status(&b);
}

dsreg_status dsreg_render_json_flat(dsreg_outbuf *b, const char *source,
                                    const dsreg_capture *cap,
                                    const dsreg_analysis *an) {
  if (!cap)
    return DSREG_EINVAL;
  return render_flat(b, source, cap, an, NULL);
}

dsreg_status dsreg_render_json_flat_error(dsreg_outbuf *b, const char *source,
                                          const char *message) {
  if (!message)
    return DSREG_EINVAL;
  return render_flat(b, source, NULL, NULL, message);
}
