/*
 * diff.c - two captures compared (see dsreg/diff.h).
 */
#include "dsreg/diff.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dsreg/fields.h"
#include "internal.h"
#include "timeconv.h"

typedef struct snap_field {
  char *section;
  unsigned section_occurrence;
  char *key;
  unsigned occurrence;
  char *value;
  dsreg_value_type type; /* TEXT for keys the table does not know */
} snap_field;

typedef struct snap_finding {
  const char *rule;
  dsreg_severity severity;
  char *message;
} snap_finding;

struct dsreg_snapshot {
  dsreg_join_type join;
  snap_field *fields;
  size_t field_count;
  snap_finding *findings;
  size_t finding_count;
};

static char *copy(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

static char *copy_str(const char *s) { return s ? copy(s, strlen(s)) : NULL; }

dsreg_snapshot *dsreg_snapshot_new(const dsreg_capture *cap,
                                   const dsreg_analysis *an) {
  dsreg_snapshot *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->join = an->join_type;
  if (cap->field_count &&
      !(s->fields = calloc(cap->field_count, sizeof *s->fields)))
    goto oom;
  for (size_t i = 0; i < cap->field_count; i++) {
    const dsreg_field *f = &cap->fields[i];
    snap_field *o = &s->fields[s->field_count++];
    const dsreg_section *sec =
        f->section < cap->section_count ? &cap->sections[f->section] : NULL;
    o->section = sec ? copy(sec->title, sec->title_len) : copy("", 0);
    o->section_occurrence = sec ? sec->occurrence : 0;
    o->key = copy(f->key, f->key_len);
    o->occurrence = f->occurrence;
    o->value = copy(f->value, f->value_len);
    const dsreg_field_def *def =
        f->known >= 0 ? dsreg_field_def_at((size_t)f->known) : NULL;
    o->type = def ? def->type : DSREG_TYPE_TEXT;
    if (!o->section || !o->key || !o->value)
      goto oom;
  }
  if (an->finding_count &&
      !(s->findings = calloc(an->finding_count, sizeof *s->findings)))
    goto oom;
  for (size_t i = 0; i < an->finding_count; i++) {
    snap_finding *o = &s->findings[s->finding_count++];
    o->rule = an->findings[i].rule;
    o->severity = an->findings[i].severity;
    if (!(o->message = copy_str(an->findings[i].message)))
      goto oom;
  }
  return s;
oom:
  dsreg_snapshot_free(s);
  return NULL;
}

void dsreg_snapshot_free(dsreg_snapshot *s) {
  if (!s)
    return;
  for (size_t i = 0; i < s->field_count; i++) {
    free(s->fields[i].section);
    free(s->fields[i].key);
    free(s->fields[i].value);
  }
  for (size_t i = 0; i < s->finding_count; i++)
    free(s->findings[i].message);
  free(s->fields);
  free(s->findings);
  free(s);
}

const char *dsreg_diff_kind_name(dsreg_diff_kind kind) {
  switch (kind) {
  case DSREG_DIFF_CHANGED:
    return "changed";
  case DSREG_DIFF_ADDED:
    return "added";
  case DSREG_DIFF_REMOVED:
    return "removed";
  }
  return "changed";
}

static bool same_place(const snap_field *a, const snap_field *b) {
  return a->section_occurrence == b->section_occurrence &&
         a->occurrence == b->occurrence && strcmp(a->key, b->key) == 0 &&
         strcmp(a->section, b->section) == 0;
}

/* "3 h 12 min", "2 d 5 h", "45 s" for a span of ms (positive). */
static void span(int64_t ms, char *buf, size_t size) {
  int64_t d = ms / DSREG_DAY_MS, h = ms % DSREG_DAY_MS / DSREG_HOUR_MS;
  int64_t m = ms % DSREG_HOUR_MS / 60000, s = ms % 60000 / 1000;
  if (d && h)
    snprintf(buf, size, "%" PRId64 " d %" PRId64 " h", d, h);
  else if (d)
    snprintf(buf, size, "%" PRId64 " d", d);
  else if (h && m)
    snprintf(buf, size, "%" PRId64 " h %" PRId64 " min", h, m);
  else if (h)
    snprintf(buf, size, "%" PRId64 " h", h);
  else if (m)
    snprintf(buf, size, "%" PRId64 " min", m);
  else if (s)
    snprintf(buf, size, "%" PRId64 " s", s);
  else
    snprintf(buf, size, "less than a second");
}

/* The value typed as the parser types a capture's (values.c), so that a
 * retyped range (" - ", an en or em dash) or time reads the same here;
 * true when it parses. */
static bool typed(const char *s, dsreg_value_type type, dsreg_value *v) {
  dsreg_field f;
  const char *why;
  memset(&f, 0, sizeof f);
  f.value = s;
  f.value_len = strlen(s);
  dsreg_value_parse(v, &f, type, &why);
  return why == NULL && v->state == DSREG_VALUE_OK;
}

/* How a value changed, by its type; a new string or NULL (out of memory).
 * *named says whether it names the values by their type. */
static char *describe_change(const snap_field *a, const snap_field *b,
                             bool *named) {
  char buf[160], when[40];
  dsreg_value va, vb;
  if (a->type == DSREG_TYPE_TIME && typed(a->value, a->type, &va) &&
      typed(b->value, b->type, &vb)) {
    int64_t t0 = va.time_ms, t1 = vb.time_ms;
    *named = true;
    if (t0 == t1)
      return copy_str("the same time, written differently");
    span(t1 > t0 ? dsreg_time_sub(t1, t0) : dsreg_time_sub(t0, t1), when,
         sizeof when);
    snprintf(buf, sizeof buf, "moved %s %s", when,
             t1 > t0 ? "forward" : "back");
    return copy_str(buf);
  }
  if (a->type == DSREG_TYPE_VALIDITY && typed(a->value, a->type, &va) &&
      typed(b->value, b->type, &vb)) {
    char day[16], was[16];
    int64_t f1 = vb.time_ms, t0 = va.end_ms, t1 = vb.end_ms;
    *named = true;
    dsreg_format_day(t1, day);
    dsreg_format_day(t0, was);
    if (t1 > t0)
      snprintf(buf, sizeof buf, "renewed, now valid to %s (was %s)", day, was);
    else if (t1 < t0)
      snprintf(buf, sizeof buf, "now valid to %s, earlier than before (%s)",
               day, was);
    else {
      dsreg_format_day(f1, day);
      snprintf(buf, sizeof buf, "now valid from %s, to the same day", day);
    }
    return copy_str(buf);
  }
  size_t n = strlen(a->value) + strlen(b->value) + 5;
  char *s = malloc(n);
  if (s)
    snprintf(s, n, "%s -> %s", a->value, b->value);
  return s;
}

static int add_field(dsreg_diff *d, size_t *cap, dsreg_diff_kind kind,
                     const snap_field *a, const snap_field *b) {
  if (d->field_count == *cap) {
    size_t n = *cap ? *cap * 2 : 16;
    dsreg_diff_field *f = realloc(d->fields, n * sizeof *f);
    if (!f)
      return -1;
    d->fields = f;
    *cap = n;
  }
  const snap_field *any = a ? a : b;
  if (!any)
    return -1; /* not called so: a field is in one capture at least */
  dsreg_diff_field *o = &d->fields[d->field_count];
  memset(o, 0, sizeof *o);
  o->kind = kind;
  o->section = copy_str(any->section);
  o->key = copy_str(any->key);
  o->before = a ? copy_str(a->value) : NULL;
  o->after = b ? copy_str(b->value) : NULL;
  o->change =
      kind == DSREG_DIFF_CHANGED ? describe_change(a, b, &o->typed) : NULL;
  d->field_count++; /* freed by dsreg_diff_free, complete or not */
  bool ok = o->section && o->key && (!a || o->before) && (!b || o->after) &&
            (kind != DSREG_DIFF_CHANGED || o->change);
  return ok ? 0 : -1;
}

/* Findings of `from` whose rule `other` does not have. */
static int only_in(const dsreg_snapshot *from, const dsreg_snapshot *other,
                   dsreg_diff_finding **out, size_t *count, size_t *kept) {
  *out = NULL;
  *count = 0;
  if (!from->finding_count)
    return 0;
  if (!(*out = calloc(from->finding_count, sizeof **out)))
    return -1;
  for (size_t i = 0; i < from->finding_count; i++) {
    const snap_finding *f = &from->findings[i];
    bool both = false;
    for (size_t k = 0; k < other->finding_count && !both; k++)
      both = strcmp(other->findings[k].rule, f->rule) == 0;
    if (both) {
      if (kept)
        (*kept)++;
      continue;
    }
    dsreg_diff_finding *o = &(*out)[(*count)++];
    o->rule = f->rule;
    o->severity = f->severity;
    if (!(o->message = copy_str(f->message)))
      return -1;
  }
  return 0;
}

dsreg_status dsreg_diff_compute(const dsreg_snapshot *before,
                                const dsreg_snapshot *after, dsreg_diff *out) {
  size_t cap = 0;
  memset(out, 0, sizeof *out);
  out->join_before = before->join;
  out->join_after = after->join;
  bool *matched = calloc(after->field_count + 1, sizeof *matched);
  if (!matched)
    return DSREG_ENOMEM;
  /* Captures list their fields in the same order, so the search starts
   * after the last match: linear for the usual pair, and still correct
   * (only slower) for shuffled ones. */
  size_t hint = 0;
  for (size_t i = 0; i < before->field_count; i++) {
    const snap_field *a = &before->fields[i];
    const snap_field *b = NULL;
    for (size_t n = 0; n < after->field_count && !b; n++) {
      size_t k = (hint + n) % after->field_count;
      if (!matched[k] && same_place(a, &after->fields[k])) {
        b = &after->fields[k];
        matched[k] = true;
        hint = k + 1;
      }
    }
    int rc = 0;
    if (!b)
      rc = add_field(out, &cap, DSREG_DIFF_REMOVED, a, NULL);
    else if (strcmp(a->value, b->value) != 0)
      rc = add_field(out, &cap, DSREG_DIFF_CHANGED, a, b);
    if (rc)
      goto oom;
  }
  for (size_t k = 0; k < after->field_count; k++)
    if (!matched[k] &&
        add_field(out, &cap, DSREG_DIFF_ADDED, NULL, &after->fields[k]))
      goto oom;
  free(matched);
  matched = NULL;
  if (only_in(before, after, &out->resolved, &out->resolved_count,
              &out->kept_count) ||
      only_in(after, before, &out->added, &out->added_count, NULL))
    goto oom;
  for (size_t i = 0; i < after->finding_count; i++)
    out->after_has_error |= after->findings[i].severity == DSREG_SEVERITY_ERROR;
  return DSREG_OK;
oom:
  free(matched);
  return DSREG_ENOMEM;
}

void dsreg_diff_free(dsreg_diff *d) {
  for (size_t i = 0; i < d->field_count; i++) {
    free((char *)d->fields[i].section);
    free((char *)d->fields[i].key);
    free((char *)d->fields[i].before);
    free((char *)d->fields[i].after);
    free((char *)d->fields[i].change);
  }
  for (size_t i = 0; i < d->resolved_count; i++)
    free((char *)d->resolved[i].message);
  for (size_t i = 0; i < d->added_count; i++)
    free((char *)d->added[i].message);
  free(d->fields);
  free(d->resolved);
  free(d->added);
  memset(d, 0, sizeof *d);
}

/* --- rendering ----------------------------------------------------------- */

static void put(dsreg_outbuf *b, const char *s) { dsreg_buf_puts(b, s); }

static void term(dsreg_outbuf *b, const char *s) {
  dsreg_buf_safe_text(b, s, strlen(s));
}

static size_t count_kind(const dsreg_diff *d, dsreg_diff_kind kind) {
  size_t n = 0;
  for (size_t i = 0; i < d->field_count; i++)
    n += d->fields[i].kind == kind;
  return n;
}

static void text_fields(const dsreg_diff *d, dsreg_diff_kind kind,
                        const char *title, dsreg_outbuf *b) {
  char line[96];
  size_t n = count_kind(d, kind);
  if (!n)
    return;
  snprintf(line, sizeof line, "  %s (%zu):\n", title, n);
  put(b, line);
  for (size_t i = 0; i < d->field_count; i++) {
    const dsreg_diff_field *f = &d->fields[i];
    if (f->kind != kind)
      continue;
    put(b, "    ");
    term(b, f->section);
    put(b, " / ");
    term(b, f->key);
    put(b, ": ");
    if (kind == DSREG_DIFF_CHANGED) {
      term(b, f->change);
      /* A typed description hides the values: show them below it. */
      if (f->typed) {
        put(b, "\n        ");
        term(b, f->before);
        put(b, " -> ");
        term(b, f->after);
      }
    } else {
      term(b, kind == DSREG_DIFF_ADDED ? f->after : f->before);
    }
    put(b, "\n");
  }
}

static void text_findings(const dsreg_diff_finding *f, size_t n,
                          const char *title, dsreg_outbuf *b) {
  char line[96];
  if (!n)
    return;
  snprintf(line, sizeof line, "  %s (%zu):\n", title, n);
  put(b, line);
  for (size_t i = 0; i < n; i++) {
    snprintf(line, sizeof line, "    %s [%s] ",
             dsreg_severity_label(f[i].severity), f[i].rule);
    put(b, line);
    term(b, f[i].message);
    put(b, "\n");
  }
}

dsreg_status dsreg_diff_render_text(const dsreg_diff *d,
                                    const char *before_name,
                                    const char *after_name, dsreg_outbuf *b) {
  char line[160];
  if (!d || !before_name || !after_name || !b)
    return DSREG_EINVAL;
  put(b, "Comparing ");
  term(b, before_name);
  put(b, " (before) with ");
  term(b, after_name);
  put(b, " (after)\n");
  if (d->join_before == d->join_after)
    snprintf(line, sizeof line, "  Join type: %s (unchanged)\n",
             dsreg_join_type_title(d->join_after));
  else
    snprintf(line, sizeof line, "  Join type: %s, was %s\n",
             dsreg_join_type_title(d->join_after),
             dsreg_join_type_title(d->join_before));
  put(b, line);
  if (!d->field_count)
    put(b, "  Fields: no change\n");
  text_fields(d, DSREG_DIFF_CHANGED, "Changed", b);
  text_fields(d, DSREG_DIFF_ADDED, "Added", b);
  text_fields(d, DSREG_DIFF_REMOVED, "Removed", b);
  text_findings(d->resolved, d->resolved_count, "Findings resolved", b);
  text_findings(d->added, d->added_count, "Findings new", b);
  snprintf(line, sizeof line, "  Findings in both: %zu\n", d->kept_count);
  put(b, line);
  return dsreg_buf_status(b);
}

static void json_str(dsreg_outbuf *b, const char *s) {
  if (s)
    dsreg_buf_json_str(b, s, strlen(s));
  else
    put(b, "null");
}

static void json_findings(dsreg_outbuf *b, const dsreg_diff_finding *f,
                          size_t n) {
  put(b, "[");
  for (size_t i = 0; i < n; i++) {
    put(b, i ? ",{\"rule\":" : "{\"rule\":");
    json_str(b, f[i].rule);
    put(b, ",\"severity\":");
    json_str(b, dsreg_severity_name(f[i].severity));
    put(b, ",\"message\":");
    json_str(b, f[i].message);
    put(b, "}");
  }
  put(b, "]");
}

dsreg_status dsreg_diff_render_json(const dsreg_diff *d,
                                    const char *before_name,
                                    const char *after_name, dsreg_outbuf *b) {
  char tmp[64];
  if (!d || !before_name || !after_name || !b)
    return DSREG_EINVAL;
  if (dsreg_render_json_stamp(b) != DSREG_OK)
    return DSREG_ENOMEM;
  put(b, "\"diff\":{\"before\":");
  json_str(b, before_name);
  put(b, ",\"after\":");
  json_str(b, after_name);
  put(b, ",\"join_type\":{\"before\":");
  json_str(b, dsreg_join_type_id(d->join_before));
  put(b, ",\"after\":");
  json_str(b, dsreg_join_type_id(d->join_after));
  put(b, "},\"fields\":[");
  for (size_t i = 0; i < d->field_count; i++) {
    const dsreg_diff_field *f = &d->fields[i];
    put(b, i ? ",{\"change\":" : "{\"change\":");
    json_str(b, dsreg_diff_kind_name(f->kind));
    put(b, ",\"section\":");
    json_str(b, f->section);
    put(b, ",\"key\":");
    json_str(b, f->key);
    put(b, ",\"before\":");
    json_str(b, f->before);
    put(b, ",\"after\":");
    json_str(b, f->after);
    put(b, ",\"description\":");
    json_str(b, f->change);
    put(b, "}");
  }
  put(b, "],\"findings\":{\"resolved\":");
  json_findings(b, d->resolved, d->resolved_count);
  put(b, ",\"new\":");
  json_findings(b, d->added, d->added_count);
  snprintf(tmp, sizeof tmp, ",\"kept\":%zu},\"after_has_error\":%s}}\n",
           d->kept_count, d->after_has_error ? "true" : "false");
  put(b, tmp);
  return dsreg_buf_status(b);
}
