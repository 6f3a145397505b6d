/*
 * md_writer.c - the report as Markdown, for tickets (docs/format.md,
 * "Markdown").
 *
 * The same story as the text report (verdict, facts, root causes with
 * their consequences, the plan, what was not judged), in the CommonMark
 * that GitHub, Azure DevOps, Teams and ServiceNow agree on, plus a GFM
 * table for the facts.  Everything that comes from a capture or a file
 * name goes through dsreg_render_md_text, so it renders as the text it is:
 * a device named `<script>alert(1)</script>|**x**` is neither HTML, nor
 * emphasis, nor a new table cell.  Commands in our own remedies become
 * code spans.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "causes.h"
#include "dsreg/report.h"
#include "dsreg/rules.h"
#include "timeconv.h"

/* A literal of ours, its length known when compiled. */

/* What md_text does with an ASCII byte. */
enum {
  MD_PLAIN = 0, /* as it is */
  /* Opens or closes markup anywhere in a line in CommonMark or GFM:
   * emphasis, code spans, links and images, table cells, strikethrough,
   * e-mail autolinks.  A backslash before it. */
  MD_ESCAPE,
  /* At the start of a line makes a heading, a list item or a setext
   * underline; a value never starts our lines, but escaping costs
   * nothing.  A backslash before it there, elsewhere as it is. */
  MD_FIRST,
  /* '<', '>' and '&' (HTML, entities): written as entities. */
  MD_ENTITY,
  /* A control: a line end would end the cell or item. */
  MD_CONTROL
};

#define MD_C0(k)                                                               \
  [k] = MD_CONTROL, [(k) + 1] = MD_CONTROL, [(k) + 2] = MD_CONTROL,            \
  [(k) + 3] = MD_CONTROL
static const unsigned char MD_CLASS[128] = {
    MD_C0(0x00),        MD_C0(0x04),       MD_C0(0x08),
    MD_C0(0x0C),        MD_C0(0x10),       MD_C0(0x14),
    MD_C0(0x18),        MD_C0(0x1C),       [0x7F] = MD_CONTROL,
    ['\\'] = MD_ESCAPE, ['`'] = MD_ESCAPE, ['*'] = MD_ESCAPE,
    ['_'] = MD_ESCAPE,  ['['] = MD_ESCAPE, [']'] = MD_ESCAPE,
    ['|'] = MD_ESCAPE,  ['~'] = MD_ESCAPE, ['@'] = MD_ESCAPE,
    ['#'] = MD_FIRST,   ['+'] = MD_FIRST,  ['-'] = MD_FIRST,
    ['='] = MD_FIRST,   ['<'] = MD_ENTITY, ['>'] = MD_ENTITY,
    ['&'] = MD_ENTITY};
#undef MD_C0

static void md_text(dsreg_outbuf *b, const char *str, size_t n);

dsreg_status dsreg_render_md_text(dsreg_outbuf *b, const char *str, size_t n) {
  if (!b || (!str && n))
    return DSREG_EINVAL;
  md_text(b, str, n);
  return dsreg_buf_status(b);
}

static void md_text(dsreg_outbuf *b, const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  if (n && s[0] < 0x80 && MD_CLASS[s[0]] == MD_FIRST) {
    dsreg_buf_putc(b, '\\');
    dsreg_buf_putc(b, (char)s[0]);
    i = 1;
  }
  while (i < n) {
    /* Text that stays as it is goes in runs, not byte by byte. */
    size_t start = i;
    while (i < n && s[i] < 0x80 && MD_CLASS[s[i]] <= MD_FIRST &&
           MD_CLASS[s[i]] != MD_ESCAPE)
      i++;
    if (i > start)
      dsreg_buf_put(b, (const char *)s + start, i - start);
    if (i == n)
      break;
    unsigned char c = s[i];
    if (c >= 0x80) {
      size_t len = dsreg_utf8_valid_len(s + i, n - i);
      if (len == 0) {
        dsreg_buf_put(b, "\xEF\xBF\xBD", 3);
        i++;
      } else {
        dsreg_buf_put(b, (const char *)s + i, len);
        i += len;
      }
      continue;
    }
    switch (MD_CLASS[c]) {
    case MD_CONTROL:
      dsreg_buf_putc(b, ' ');
      break;
    case MD_ENTITY:
      /* Entities, not backslashes: renderers that allow HTML but not every
       * escape still show these as text. */
      if (c == '<')
        dsreg_buf_put(b, "&lt;", 4);
      else if (c == '>')
        dsreg_buf_put(b, "&gt;", 4);
      else
        dsreg_buf_put(b, "&amp;", 5);
      break;
    default: /* MD_ESCAPE */
      dsreg_buf_putc(b, '\\');
      dsreg_buf_putc(b, (char)c);
      break;
    }
    i++;
  }
}

static void md(dsreg_buf *b, const char *s) { md_text(b, s, strlen(s)); }

/* The programs our remedies name: a quoted run starting with one, or the
 * program followed by its switches, is a command. */
static size_t command_word(const char *s) {
  static const char *const programs[] = {"dsregcmd", "netsh", "psexec", "w32tm",
                                         "certutil"};
  /* Asked at every word of the prose: most start with no program's
   * letter. */
  if (*s != 'd' && *s != 'n' && *s != 'p' && *s != 'w' && *s != 'c')
    return 0;
  for (size_t i = 0; i < sizeof programs / sizeof programs[0]; i++) {
    size_t n = strlen(programs[i]);
    if (strncmp(s, programs[i], n) == 0 && (s[n] == ' ' || s[n] == '\''))
      return n;
  }
  return 0;
}

/* A code span of s[0..n), or escaped text when it holds a backtick. */
static void code(dsreg_buf *b, const char *s, size_t n) {
  if (memchr(s, '`', n)) {
    md_text(b, s, n);
    return;
  }
  dsreg_buf_putc(b, '`');
  dsreg_buf_put(b, s, n);
  dsreg_buf_putc(b, '`');
}

/* Prose of ours (a remedy, a confirm text) with its commands as code spans:
 * 'dsregcmd /debug /leave' and dsregcmd /status alike. */
static void md_prose(dsreg_buf *b, const char *s) {
  size_t n = strlen(s), i = 0, plain = 0;
  while (i < n) {
    bool word_start = i == 0 || s[i - 1] == ' ' || s[i - 1] == '(';
    if (word_start && s[i] == '\'' && command_word(s + i + 1)) {
      const char *end = strchr(s + i + 1, '\'');
      if (end) {
        md_text(b, s + plain, i - plain);
        code(b, s + i + 1, (size_t)(end - s - i - 1));
        i = plain = (size_t)(end - s) + 1;
        continue;
      }
    }
    if (word_start && command_word(s + i)) {
      /* The program and the switches after it: "w32tm /query /status". */
      size_t j = i + command_word(s + i);
      while (j + 1 < n && s[j] == ' ' && s[j + 1] == '/') {
        j++;
        while (j < n && s[j] != ' ' && s[j] != ')' && s[j] != ',' &&
               s[j] != ';' && !(s[j] == '.' && (j + 1 == n || s[j + 1] == ' ')))
          j++;
      }
      md_text(b, s + plain, i - plain);
      code(b, s + i, j - i);
      i = plain = j;
      continue;
    }
    i++;
  }
  md_text(b, s + plain, n - plain);
}

/* ---- facts --------------------------------------------------------------- */

static void row(dsreg_buf *b, const char *name, const char *value) {
  dsreg_buf_puts(b, "| ");
  dsreg_buf_puts(b, name);
  dsreg_buf_puts(b, " | ");
  md(b, value);
  dsreg_buf_puts(b, " |\n");
}

static void row_value(dsreg_buf *b, const char *name, const dsreg_value *v) {
  if (v->state == DSREG_VALUE_ABSENT)
    return;
  row(b, name, v->state == DSREG_VALUE_EMPTY ? "(empty)" : dsreg_value_text(v));
}

static void facts(dsreg_buf *b, const dsreg_capture *cap, dsreg_join_type jt) {
  const dsreg_typed *ty = &cap->typed;
  const dsreg_device_details *dd = &ty->device_details;
  const dsreg_tenant_details *td = &ty->tenant_details;
  char m1[24], m2[24];

  dsreg_buf_puts(b, "| Fact | Value |\n|---|---|\n");
  row(b, "Join type", dsreg_join_type_title(jt));
  row_value(b, "Device name", &ty->device_state.device_name);
  row_value(b, "Domain", &ty->device_state.domain_name);
  row_value(b, "Tenant", &td->tenant_name);
  row_value(b, "Tenant ID", &td->tenant_id);
  row_value(b, "Device ID", &dd->device_id);
  if (dd->device_certificate_validity.state == DSREG_VALUE_OK) {
    PUT(b, "| Certificate | ");
    dsreg_buf_puts(
        b, dsreg_format_minute(dd->device_certificate_validity.time_ms, m1));
    PUT(b, " to ");
    dsreg_buf_puts(
        b, dsreg_format_minute(dd->device_certificate_validity.end_ms, m2));
    PUT(b, " |\n");
  } else {
    row_value(b, "Certificate", &dd->device_certificate_validity);
  }
  row_value(b, "Key provider", &dd->key_provider);
  row_value(b, "TPM protected", &dd->tpm_protected);
  row_value(b, "Device auth", &dd->device_auth_status);
  row_value(b, "MDM URL", &td->mdm_url);
  row_value(b, "Entra PRT", &ty->sso_state.azure_ad_prt);
  if (ty->sso_state.azure_ad_prt_update_time.state == DSREG_VALUE_OK) {
    PUT(b, "| PRT updated | ");
    dsreg_buf_puts(b, dsreg_format_minute(
                          ty->sso_state.azure_ad_prt_update_time.time_ms, m1));
    PUT(b, " |\n");
  }
  row_value(b, "Enterprise PRT", &ty->sso_state.enterprise_prt);
  row_value(b, "Workplace joined", &ty->user_state.workplace_joined);
  row_value(b, "Run by", &ty->diagnostic_data.executing_account_name);
  row_value(b, "Client time", &ty->diagnostic_data.client_time);
}

/* ---- findings ------------------------------------------------------------ */

static void indent(dsreg_buf *b, size_t depth) {
  for (size_t i = 0; i < depth; i++)
    dsreg_buf_puts(b, "  ");
}

/* One list item: severity, id, title, then its message and evidence as
 * continuation lines (a trailing backslash is CommonMark's line break). */
static void item(dsreg_buf *b, size_t depth, const dsreg_finding *f,
                 const char *tail, bool with_remedy, bool with_reference) {
  indent(b, depth);
  PUT(b, "- **");
  dsreg_buf_puts(b, dsreg_severity_label(f->severity));
  PUT(b, "** `");
  dsreg_buf_puts(b, f->rule);
  PUT(b, "` ");
  md(b, f->title);
  if (tail)
    dsreg_buf_puts(b, tail);
  dsreg_buf_puts(b, "\\\n");
  indent(b, depth + 1);
  md(b, f->message);
  for (size_t i = 0; i < f->evidence_count; i++) {
    const dsreg_evidence *e = &f->evidence[i];
    dsreg_buf_puts(b, i ? ", " : "\\\n");
    if (!i) {
      indent(b, depth + 1);
      dsreg_buf_puts(b, "Evidence: ");
    }
    md(b, e->key);
    dsreg_buf_puts(b, " = ");
    md(b, e->value);
    PUT(b, " (line ");
    dsreg_buf_ulong(b, e->line);
    dsreg_buf_putc(b, ')');
  }
  if (with_remedy && f->remedy[0]) {
    dsreg_buf_puts(b, "\\\n");
    indent(b, depth + 1);
    dsreg_buf_puts(b, "Next step: ");
    md_prose(b, f->remedy);
  }
  if (with_reference) {
    dsreg_buf_puts(b, "\\\n");
    indent(b, depth + 1);
    dsreg_buf_puts(b, "Reference: <");
    dsreg_buf_puts(b, f->reference); /* ours: a plain https URL */
    dsreg_buf_putc(b, '>');
  }
  dsreg_buf_putc(b, '\n');
}

static void consequences(dsreg_buf *b, const dsreg_analysis *an,
                         const dsreg_finding *cause, size_t depth) {
  for (size_t i = 0; depth <= an->finding_count && i < an->finding_count; i++) {
    const dsreg_finding *f = &an->findings[i];
    char tail[96];
    if (dsreg_cause_of(an, f) != cause || dsreg_is_not_judged(f))
      continue;
    snprintf(tail, sizeof tail, " (follows from `%s`)", cause->rule);
    item(b, depth, f, tail, false, false);
    consequences(b, an, f, depth + 1);
  }
}

static void findings(dsreg_buf *b, const dsreg_analysis *an,
                     const dsreg_plan *p) {
  if (!p->root_count)
    return;
  dsreg_buf_puts(b, "\n### Findings\n\n");
  for (size_t i = 0; i < p->root_count; i++) {
    char tail[40] = "";
    if (p->step_of[i])
      snprintf(tail, sizeof tail, " (plan step %zu)", p->step_of[i]);
    item(b, 0, p->roots[i].f, tail, !p->step_of[i], true);
    consequences(b, an, p->roots[i].f, 1);
  }
}

static void plan_section(dsreg_buf *b, const dsreg_plan *p) {
  if (!p->step_count)
    return;
  dsreg_buf_puts(b, "\n### Plan\n\n");
  for (size_t k = 0; k < p->step_count; k++) {
    dsreg_buf_ulong(b, k + 1);
    PUT(b, ". ");
    md_prose(b, p->step[k]);
    dsreg_buf_putc(b, '\n');
  }
  if (!p->confirm_count)
    return;
  dsreg_buf_puts(b, "\nThen check, in a new `dsregcmd /status`:\n\n");
  for (size_t i = 0; i < p->confirm_count; i++) {
    dsreg_buf_puts(b, "- ");
    md_prose(b, p->confirm[i]->confirm);
    PUT(b, " (`");
    dsreg_buf_puts(b, p->confirm[i]->id);
    PUT(b, "`)\n");
  }
}

dsreg_status dsreg_render_md(dsreg_outbuf *b, const char *source,
                             const dsreg_capture *cap,
                             const dsreg_analysis *an) {
  if (!b || !source || !cap)
    return DSREG_EINVAL;
  static const dsreg_analysis none = {0};
  const dsreg_analysis *a = an ? an : &none;
  dsreg_join_type jt = an ? an->join_type : dsreg_join_type_of(cap);
  dsreg_plan *p = malloc(sizeof *p);
  char line[320];
  if (!p) {
    b->oom = 1;
    return DSREG_ENOMEM;
  }
  dsreg_plan_make(p, a);

  dsreg_buf_puts(b, "## ");
  if (an && an->live)
    dsreg_buf_puts(b, "live: ");
  md(b, source);
  PUT(b, ", ");
  dsreg_buf_capture_where(b, cap);
  PUT(b, ")\n\n**");
  dsreg_buf_puts(b, dsreg_verdict_title(a->verdict));
  PUT(b, "**: ");
  md(b, dsreg_verdict_summary(a, p, line, sizeof line));
  dsreg_buf_puts(b, "\n\n");
  facts(b, cap, jt);
  findings(b, a, p);
  plan_section(b, p);
  const dsreg_finding *nj = dsreg_not_judged(a);
  if (nj) {
    dsreg_buf_puts(b, "\n**Not judged:** ");
    md(b, dsreg_not_judged_list(nj->message));
    dsreg_buf_puts(b, ". ");
    md_prose(b, nj->remedy);
    dsreg_buf_putc(b, '\n');
  }
  dsreg_buf_putc(b, '\n');
  free(p);
  return dsreg_buf_status(b);
}

dsreg_status dsreg_write_md(FILE *out, const char *source,
                            const dsreg_capture *cap,
                            const dsreg_analysis *an) {
  if (!out)
    return DSREG_EINVAL;
  dsreg_buf b = {0};
  return dsreg_buf_write_out(&b, dsreg_render_md(&b, source, cap, an), out);
}
