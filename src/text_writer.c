/*
 * text_writer.c - the readable report, in the order an admin reads it: the
 * verdict, the key facts, each root cause with what follows from it, one
 * plan, and what was not judged.
 *
 * Every value from the capture goes through dsreg_buf_safe_text, so a
 * crafted device or tenant name cannot move the cursor, retitle the window
 * or ring the bell of the admin's terminal.  Prose wraps at the width asked
 * for (wrap.h); the facts do not, since a value is one piece.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "causes.h"
#include "dsreg/report.h"
#include "dsreg/rules.h"
#include "fmt.h"
#include "timeconv.h"
#include "wrap.h"

#define LABEL_WIDTH 16

typedef struct text_ctx {
  dsreg_buf *b;
  int color;
} text_ctx;

/* A literal of ours, its length known when compiled. */

/* A short line built from pieces into buf[size], cut where snprintf would
 * cut it: the headings' tails and the plan's numbers, without printf. */
typedef struct line_buf {
  char *p;
  size_t size, len;
} line_buf;

static void lb_put(line_buf *l, const char *s, size_t n) {
  size_t room = l->size - 1 - l->len;
  if (n > room)
    n = room;
  memcpy(l->p + l->len, s, n);
  l->len += n;
  l->p[l->len] = '\0';
}

static void lb_str(line_buf *l, const char *s) { lb_put(l, s, strlen(s)); }

static void lb_ulong(line_buf *l, unsigned long long v) {
  char d[24];
  const char *p = dsreg_fmt_decimal(d + sizeof d, v);
  lb_put(l, p, (size_t)(d + sizeof d - p));
}

static void sgr(text_ctx *t, const char *code) {
  if (t->color) {
    dsreg_buf_puts(t->b, "\x1b[");
    dsreg_buf_puts(t->b, code);
    dsreg_buf_putc(t->b, 'm');
  }
}

/* "  Name" padded to the label column, then a space: one append. */
static void label(text_ctx *t, const char *name) {
  size_t n = strlen(name), w = 2 + (n < LABEL_WIDTH ? LABEL_WIDTH : n) + 1;
  char *o = dsreg_buf_append(t->b, w);
  if (!o)
    return;
  memset(o, ' ', w);
  for (size_t k = 0; k < n; k++)
    o[2 + k] = name[k];
}

/* Capture text for the terminal. */
static void safe(text_ctx *t, const char *s) {
  dsreg_buf_safe_text(t->b, s, strlen(s));
}

static void val(text_ctx *t, const dsreg_value *v) {
  safe(t, dsreg_value_text(v));
}

static void fact(text_ctx *t, const char *name, const dsreg_value *v) {
  if (v->state == DSREG_VALUE_ABSENT)
    return;
  label(t, name);
  if (v->state == DSREG_VALUE_EMPTY)
    dsreg_buf_puts(t->b, "(empty)");
  else
    val(t, v);
  dsreg_buf_putc(t->b, '\n');
}

/* "2025-03-09 11:00 UTC" */
static void when(text_ctx *t, int64_t ms) {
  char m[24];
  dsreg_buf_puts(t->b, dsreg_format_minute(ms, m));
}

static void prt_fact(text_ctx *t, const char *name, const dsreg_value *flag,
                     const dsreg_value *updated, const dsreg_value *expiry) {
  if (flag->state == DSREG_VALUE_ABSENT)
    return;
  label(t, name);
  val(t, flag);
  if (updated->state == DSREG_VALUE_OK) {
    dsreg_buf_puts(t->b, ", updated ");
    when(t, updated->time_ms);
  }
  if (expiry->state == DSREG_VALUE_OK) {
    dsreg_buf_puts(t->b, ", expires ");
    when(t, expiry->time_ms);
  }
  dsreg_buf_putc(t->b, '\n');
}

static void facts(text_ctx *t, const dsreg_capture *cap, dsreg_join_type jt) {
  const dsreg_typed *ty = &cap->typed;
  const dsreg_device_details *dd = &ty->device_details;
  const dsreg_tenant_details *td = &ty->tenant_details;

  label(t, "Join type");
  sgr(t, "1");
  dsreg_buf_puts(t->b, dsreg_join_type_title(jt));
  sgr(t, "0");
  dsreg_buf_putc(t->b, '\n');
  fact(t, "Device name", &ty->device_state.device_name);
  fact(t, "Domain", &ty->device_state.domain_name);
  if (td->tenant_name.state != DSREG_VALUE_ABSENT ||
      td->tenant_id.state != DSREG_VALUE_ABSENT) {
    label(t, "Tenant");
    val(t, &td->tenant_name);
    if (dsreg_value_present(&td->tenant_id)) {
      dsreg_buf_puts(t->b, dsreg_value_present(&td->tenant_name) ? " (" : "(");
      val(t, &td->tenant_id);
      dsreg_buf_putc(t->b, ')');
    }
    dsreg_buf_putc(t->b, '\n');
  }
  fact(t, "Device ID", &dd->device_id);
  if (dd->device_certificate_validity.state == DSREG_VALUE_OK) {
    label(t, "Certificate");
    when(t, dd->device_certificate_validity.time_ms);
    dsreg_buf_puts(t->b, " to ");
    when(t, dd->device_certificate_validity.end_ms);
    dsreg_buf_putc(t->b, '\n');
  } else {
    fact(t, "Certificate", &dd->device_certificate_validity);
  }
  fact(t, "Thumbprint", &dd->thumbprint);
  if (dd->key_provider.state != DSREG_VALUE_ABSENT) {
    label(t, "Key provider");
    val(t, &dd->key_provider);
    if (dd->tpm_protected.state != DSREG_VALUE_ABSENT) {
      dsreg_buf_puts(t->b, ", TPM protected ");
      val(t, &dd->tpm_protected);
    }
    dsreg_buf_putc(t->b, '\n');
  }
  fact(t, "Device auth", &dd->device_auth_status);
  fact(t, "MDM URL", &td->mdm_url);
  prt_fact(t, "Entra PRT", &ty->sso_state.azure_ad_prt,
           &ty->sso_state.azure_ad_prt_update_time,
           &ty->sso_state.azure_ad_prt_expiry_time);
  prt_fact(t, "Enterprise PRT", &ty->sso_state.enterprise_prt,
           &ty->sso_state.enterprise_prt_update_time,
           &ty->sso_state.enterprise_prt_expiry_time);
  fact(t, "Workplace joined", &ty->user_state.workplace_joined);
  for (size_t i = 0; i < ty->work_account_count; i++) {
    const dsreg_work_account *a = &ty->work_accounts[i];
    label(t, i ? "" : "Work accounts");
    safe(t, cap->sections[a->section].title);
    if (dsreg_value_present(&a->workplace_tenant_name)) {
      dsreg_buf_puts(t->b, ": ");
      val(t, &a->workplace_tenant_name);
    }
    dsreg_buf_putc(t->b, '\n');
  }
  fact(t, "User context", &ty->diagnostic_data.user_context);
  fact(t, "Run by", &ty->diagnostic_data.executing_account_name);
  fact(t, "Client time", &ty->diagnostic_data.client_time);
  if (cap->note_count || cap->unparsed_count || cap->replacements) {
    dsreg_buf *b = t->b;
    label(t, "Parser");
    dsreg_buf_ulong(b, cap->note_count);
    dsreg_buf_puts(b, cap->note_count == 1 ? " note, " : " notes, ");
    dsreg_buf_ulong(b, cap->unparsed_count);
    dsreg_buf_puts(b, cap->unparsed_count == 1 ? " line not understood, "
                                               : " lines not understood, ");
    dsreg_buf_ulong(b, cap->replacements);
    dsreg_buf_puts(b, cap->replacements == 1 ? " invalid byte sequence"
                                             : " invalid byte sequences");
    PUT(b, " (--format json lists them)\n");
  }
}

/* ---- the verdict, the findings, the plan ----------------------------------
 */

/* Column where a finding's own lines start, and where its prose continues. */
#define ROOT_INDENT 2
#define BODY_INDENT 6
/* Consequences sit one step in from their root. */
#define NEST 2

static const char *sev_color(dsreg_severity s) {
  return s == DSREG_SEVERITY_ERROR     ? "1;31"
         : s == DSREG_SEVERITY_WARNING ? "1;33"
                                       : "1;36";
}

/* "ERROR [rule] Title" at column `at`, then `tail` (may be NULL). */
static void heading(text_ctx *t, dsreg_wrap *w, size_t at,
                    const dsreg_finding *f, const char *tail) {
  dsreg_wrap_spaces(w, at);
  sgr(t, sev_color(f->severity));
  dsreg_wrap_put(w, dsreg_severity_label(f->severity));
  sgr(t, "0");
  dsreg_wrap_put(w, " [");
  dsreg_wrap_put(w, f->rule);
  dsreg_wrap_put(w, "]");
  dsreg_wrap_text(w, at + 4, f->title);
  if (tail)
    dsreg_wrap_text(w, at + 4, tail);
  dsreg_wrap_newline(w);
}

/* One labelled paragraph ("Reference: ...") at column `at`. */
static void para(dsreg_wrap *w, size_t at, const char *label,
                 const char *text) {
  dsreg_wrap_spaces(w, at);
  if (label)
    dsreg_wrap_put(w, label);
  dsreg_wrap_text(w, at + (label ? 2 : 0), text);
  dsreg_wrap_newline(w);
}

/* "Evidence: KEY "value" (line N), ..." */
static void evidence(dsreg_wrap *w, size_t at, const dsreg_finding *f) {
  if (!f->evidence_count)
    return;
  dsreg_wrap_spaces(w, at);
  dsreg_wrap_put(w, "Evidence:");
  dsreg_buf q = {0}; /* one for every value of the finding */
  for (size_t i = 0; i < f->evidence_count; i++) {
    const dsreg_evidence *e = &f->evidence[i];
    char line[40];
    line_buf l = {line, sizeof line, 0};
    lb_str(&l, "(line ");
    lb_ulong(&l, e->line);
    lb_str(&l, i + 1 < f->evidence_count ? ")," : ")");
    dsreg_wrap_text(w, at + 2, e->key);
    q.len = 0;
    dsreg_buf_putc(&q, '"');
    dsreg_buf_safe_text(&q, e->value, strlen(e->value));
    dsreg_buf_putc(&q, '"');
    w->b->oom |= q.oom;
    if (!q.oom)
      dsreg_wrap_prose(w, at + 2, q.data, q.len);
    dsreg_wrap_prose(w, at + 2, line, l.len);
  }
  dsreg_buf_free(&q);
  dsreg_wrap_newline(w);
}

/* "BROKEN: <root cause>; N findings follow from it; M other problems",
 * coloured like the severity it stands for. */
static void verdict_line(text_ctx *t, dsreg_wrap *w, const dsreg_analysis *an,
                         const dsreg_plan *p) {
  dsreg_verdict v = an->verdict;
  const char *color = v == DSREG_VERDICT_BROKEN      ? "1;31"
                      : v == DSREG_VERDICT_ATTENTION ? "1;33"
                                                     : "1;32";
  sgr(t, color);
  dsreg_wrap_put(w, dsreg_verdict_title(v));
  sgr(t, "0");
  dsreg_wrap_put(w, ":");
  char line[320];
  dsreg_verdict_summary(an, p, line, sizeof line);
  dsreg_wrap_text(w, 2, line);
  dsreg_wrap_newline(w);
}

/* What follows from `cause`, depth first, each under the finding it
 * follows from; `depth` bounds a chain a caller may have made circular. */
static void consequences(text_ctx *t, dsreg_wrap *w, const dsreg_analysis *an,
                         const dsreg_finding *cause, size_t depth) {
  for (size_t i = 0; depth <= an->finding_count && i < an->finding_count; i++) {
    const dsreg_finding *f = &an->findings[i];
    if (dsreg_cause_of(an, f) != cause || dsreg_is_not_judged(f))
      continue;
    char tail[96];
    line_buf l = {tail, sizeof tail, 0};
    lb_str(&l, "(follows from ");
    lb_str(&l, cause->rule);
    lb_str(&l, ")");
    heading(t, w, ROOT_INDENT + NEST, f, tail);
    para(w, BODY_INDENT + NEST, NULL, f->message);
    evidence(w, BODY_INDENT + NEST, f);
    consequences(t, w, an, f, depth + 1);
  }
}

static void findings(text_ctx *t, dsreg_wrap *w, const dsreg_analysis *an,
                     const dsreg_plan *p) {
  for (size_t i = 0; i < p->root_count; i++) {
    const dsreg_finding *f = p->roots[i].f;
    char step[40] = "";
    if (p->step_of[i]) {
      line_buf l = {step, sizeof step, 0};
      lb_str(&l, "(plan step ");
      lb_ulong(&l, p->step_of[i]);
      lb_str(&l, ")");
    }
    heading(t, w, ROOT_INDENT, f, step[0] ? step : NULL);
    para(w, BODY_INDENT, NULL, f->message);
    evidence(w, BODY_INDENT, f);
    if (!p->step_of[i])
      para(w, BODY_INDENT, "Next step:", f->remedy);
    para(w, BODY_INDENT, "Reference:", f->reference);
    consequences(t, w, an, f, 0);
  }
}

static void plan_section(text_ctx *t, dsreg_wrap *w, const dsreg_plan *p) {
  if (!p->step_count)
    return;
  dsreg_wrap_newline(w);
  dsreg_wrap_spaces(w, ROOT_INDENT);
  sgr(t, "1");
  dsreg_wrap_put(w, "Plan");
  sgr(t, "0");
  dsreg_wrap_newline(w);
  for (size_t k = 0; k < p->step_count; k++) {
    char num[24];
    line_buf l = {num, sizeof num, 0};
    lb_ulong(&l, k + 1);
    lb_str(&l, ".");
    dsreg_wrap_spaces(w, ROOT_INDENT + 2);
    dsreg_wrap_put(w, num);
    dsreg_wrap_text(w, ROOT_INDENT + 3 + l.len, p->step[k]);
    dsreg_wrap_newline(w);
  }
  /* What shows each root cause is gone, once per rule. */
  if (p->confirm_count) {
    dsreg_wrap_spaces(w, ROOT_INDENT + 2);
    dsreg_wrap_put(w, "Then check, in a new 'dsregcmd /status':");
    dsreg_wrap_newline(w);
  }
  for (size_t i = 0; i < p->confirm_count; i++) {
    const dsreg_rule *r = p->confirm[i];
    char line[640];
    line_buf l = {line, sizeof line, 0};
    /* The id says which finding it confirms: "... (cert-expired)". */
    lb_str(&l, r->confirm);
    lb_str(&l, " (");
    lb_str(&l, r->id);
    lb_str(&l, ")");
    dsreg_wrap_spaces(w, ROOT_INDENT + 4);
    dsreg_wrap_put(w, "-");
    dsreg_wrap_text(w, ROOT_INDENT + 6, line);
    dsreg_wrap_newline(w);
  }
}

void dsreg_text_options_init(dsreg_text_options *opt) {
  if (!opt)
    return;
  memset(opt, 0, sizeof *opt);
  opt->size = sizeof *opt;
}

dsreg_status dsreg_write_text(FILE *out, const char *source,
                              const dsreg_capture *cap,
                              const dsreg_analysis *an,
                              const dsreg_text_options *opt) {
  if (!out)
    return DSREG_EINVAL;
  dsreg_buf b = {0};
  return dsreg_buf_write_out(&b, dsreg_render_text(&b, source, cap, an, opt),
                             out);
}

dsreg_status dsreg_render_text(dsreg_outbuf *b, const char *source,
                               const dsreg_capture *cap,
                               const dsreg_analysis *an,
                               const dsreg_text_options *opt) {
  /* A struct smaller than 1.0's was not made by dsreg_text_options_init():
   * its fields cannot be trusted. */
  if (!b || !source || !cap || (opt && opt->size < DSREG_TEXT_OPTIONS_SIZE_1_0))
    return DSREG_EINVAL;
  text_ctx t = {b, opt && opt->color};
  dsreg_wrap w = {b, opt ? opt->width : 0, 0};
  dsreg_join_type jt = an ? an->join_type : dsreg_join_type_of(cap);
  dsreg_plan *p = malloc(sizeof *p);
  if (!p) {
    b->oom = 1;
    return DSREG_ENOMEM;
  }
  static const dsreg_analysis none = {0};
  const dsreg_analysis *a = an ? an : &none;
  dsreg_plan_make(p, a);

  sgr(&t, "1");
  if (an && an->live)
    dsreg_buf_puts(b, "live: ");
  safe(&t, source);
  PUT(b, ": ");
  dsreg_buf_capture_where(b, cap);
  dsreg_buf_putc(b, ')');
  sgr(&t, "0");
  dsreg_buf_putc(b, '\n');
  verdict_line(&t, &w, a, p);
  facts(&t, cap, jt);
  if (p->root_count)
    dsreg_wrap_newline(&w);
  findings(&t, &w, a, p);
  plan_section(&t, &w, p);
  const dsreg_finding *nj = dsreg_not_judged(a);
  if (nj) {
    dsreg_wrap_newline(&w);
    dsreg_wrap_spaces(&w, ROOT_INDENT);
    dsreg_wrap_put(&w, "Not judged:");
    dsreg_buf list = {0};
    dsreg_buf_puts(&list, dsreg_not_judged_list(nj->message));
    dsreg_buf_put(&list, ".", 2); /* with the NUL */
    dsreg_wrap_text(&w, ROOT_INDENT + 2, list.oom ? "" : list.data);
    b->oom |= list.oom;
    dsreg_buf_free(&list);
    dsreg_wrap_text(&w, ROOT_INDENT + 2, nj->remedy);
    dsreg_wrap_newline(&w);
  }
  dsreg_buf_putc(b, '\n');
  free(p);
  return dsreg_buf_status(b);
}
