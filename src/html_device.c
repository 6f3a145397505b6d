/*
 * html_device.c - one device of the HTML page: its table row, whose first
 * cell opens the detail (facts, findings with next steps) in place.
 *
 * Each device is its own <tbody>: the script sorts and hides whole
 * entries, and with scripting off the <details> element alone opens the
 * detail.  The data-* attributes hold what the script sorts and filters on,
 * so it never parses the cells.
 */
#include <stdlib.h>
#include <string.h>

#include "causes.h"
#include "html_parts.h"
#include "timeconv.h"

#define MINUTE_MS 60000LL

void dsreg_html_esc(dsreg_buf *b, const char *s) {
  dsreg_render_html_text(b, s, strlen(s));
}

bool dsreg_html_cert_end(const dsreg_capture *cap, int64_t *end_ms) {
  const dsreg_value *v = &cap->typed.device_details.device_certificate_validity;
  if (v->state != DSREG_VALUE_OK)
    return false;
  *end_ms = v->end_ms;
  return true;
}

html_prt dsreg_html_prt(const dsreg_capture *cap, const dsreg_analysis *an,
                        const dsreg_html_options *opt, int64_t *age_min) {
  const dsreg_sso_state *sso = &cap->typed.sso_state;
  *age_min = -1;
  if (!dsreg_value_yes(&sso->azure_ad_prt))
    return HTML_PRT_NONE;
  if (sso->azure_ad_prt_update_time.state != DSREG_VALUE_OK || !an ||
      an->reference_source == DSREG_TIME_NONE)
    return HTML_PRT_UNKNOWN;
  /* The rules' own caution: today's clock says nothing about a saved
   * file's PRT. */
  if (an->reference_source == DSREG_TIME_CLOCK && !an->live &&
      !(opt && opt->clock_is_capture_time))
    return HTML_PRT_UNKNOWN;
  int64_t age =
      dsreg_time_sub(an->reference_ms, sso->azure_ad_prt_update_time.time_ms);
  if (age < 0)
    age = 0; /* a clock a little behind: as fresh as can be */
  *age_min = age / MINUTE_MS;
  if (*age_min < 4 * 60)
    return HTML_PRT_FRESH;
  if (*age_min < 24 * 60)
    return HTML_PRT_DAY;
  if (*age_min < 14 * 24 * 60)
    return HTML_PRT_FORTNIGHT;
  return HTML_PRT_OLDER;
}

const char *dsreg_html_prt_label(html_prt p) {
  static const char *const L[HTML_PRT_COUNT] = {
      "< 4 h",           "< 1 day", "< 14 days",
      "14 days or more", "no PRT",  "PRT, age not known"};
  return p < HTML_PRT_COUNT ? L[p] : "";
}

/* --- the detail ----------------------------------------------------------- */

static void dt(dsreg_buf *b, const char *label) {
  dsreg_buf_puts(b, "<dt>");
  dsreg_buf_puts(b, label);
  dsreg_buf_puts(b, "</dt><dd>");
}

static void value(dsreg_buf *b, const dsreg_value *v) {
  if (v->state == DSREG_VALUE_EMPTY)
    dsreg_buf_puts(b, "<span class=muted>(empty)</span>");
  else
    dsreg_html_esc(b, dsreg_value_text(v));
}

static void fact(dsreg_buf *b, const char *label, const dsreg_value *v) {
  if (v->state == DSREG_VALUE_ABSENT)
    return;
  dt(b, label);
  value(b, v);
  dsreg_buf_puts(b, "</dd>");
}

static void minute(dsreg_buf *b, int64_t ms) {
  char m[24];
  dsreg_buf_puts(b, dsreg_format_minute(ms, m));
}

static void prt_fact(dsreg_buf *b, const char *label, const dsreg_value *flag,
                     const dsreg_value *updated, const dsreg_value *expiry) {
  if (flag->state == DSREG_VALUE_ABSENT)
    return;
  dt(b, label);
  value(b, flag);
  if (updated->state == DSREG_VALUE_OK) {
    dsreg_buf_puts(b, ", updated ");
    minute(b, updated->time_ms);
  }
  if (expiry->state == DSREG_VALUE_OK) {
    dsreg_buf_puts(b, ", expires ");
    minute(b, expiry->time_ms);
  }
  dsreg_buf_puts(b, "</dd>");
}

static void facts(dsreg_buf *b, const char *source, const dsreg_capture *cap,
                  const dsreg_analysis *an, dsreg_join_type jt) {
  const dsreg_typed *ty = &cap->typed;
  const dsreg_device_details *dd = &ty->device_details;
  const dsreg_tenant_details *td = &ty->tenant_details;

  dsreg_buf_puts(b, "<h3>Facts</h3><dl>");
  dt(b, "Join type");
  dsreg_buf_puts(b, dsreg_join_type_title(jt));
  dsreg_buf_puts(b, "</dd>");
  fact(b, "Device name", &ty->device_state.device_name);
  fact(b, "Domain", &ty->device_state.domain_name);
  if (td->tenant_name.state != DSREG_VALUE_ABSENT ||
      td->tenant_id.state != DSREG_VALUE_ABSENT) {
    dt(b, "Tenant");
    dsreg_html_esc(b, dsreg_value_text(&td->tenant_name));
    if (dsreg_value_present(&td->tenant_id)) {
      dsreg_buf_puts(b, dsreg_value_present(&td->tenant_name) ? " (" : "(");
      dsreg_html_esc(b, dsreg_value_text(&td->tenant_id));
      dsreg_buf_putc(b, ')');
    }
    dsreg_buf_puts(b, "</dd>");
  }
  fact(b, "Device ID", &dd->device_id);
  if (dd->device_certificate_validity.state == DSREG_VALUE_OK) {
    dt(b, "Certificate");
    minute(b, dd->device_certificate_validity.time_ms);
    dsreg_buf_puts(b, " to ");
    minute(b, dd->device_certificate_validity.end_ms);
    dsreg_buf_puts(b, "</dd>");
  } else {
    fact(b, "Certificate", &dd->device_certificate_validity);
  }
  fact(b, "Thumbprint", &dd->thumbprint);
  fact(b, "Key provider", &dd->key_provider);
  fact(b, "TPM protected", &dd->tpm_protected);
  fact(b, "Device auth", &dd->device_auth_status);
  fact(b, "MDM URL", &td->mdm_url);
  prt_fact(b, "Entra PRT", &ty->sso_state.azure_ad_prt,
           &ty->sso_state.azure_ad_prt_update_time,
           &ty->sso_state.azure_ad_prt_expiry_time);
  prt_fact(b, "Enterprise PRT", &ty->sso_state.enterprise_prt,
           &ty->sso_state.enterprise_prt_update_time,
           &ty->sso_state.enterprise_prt_expiry_time);
  fact(b, "Workplace joined", &ty->user_state.workplace_joined);
  for (size_t i = 0; i < ty->work_account_count; i++) {
    const dsreg_work_account *a = &ty->work_accounts[i];
    dt(b, i ? "" : "Work accounts");
    dsreg_html_esc(b, cap->sections[a->section].title);
    if (dsreg_value_present(&a->workplace_tenant_name)) {
      dsreg_buf_puts(b, ": ");
      dsreg_html_esc(b, dsreg_value_text(&a->workplace_tenant_name));
    }
    dsreg_buf_puts(b, "</dd>");
  }
  fact(b, "User context", &ty->diagnostic_data.user_context);
  fact(b, "Run by", &ty->diagnostic_data.executing_account_name);
  fact(b, "Client time", &ty->diagnostic_data.client_time);
  if (an && an->reference_source != DSREG_TIME_NONE) {
    dt(b, "Judged at");
    minute(b, an->reference_ms);
    dsreg_buf_printf(b, " (%s)", dsreg_time_source_name(an->reference_source));
    dsreg_buf_puts(b, "</dd>");
  }
  dt(b, "Capture");
  if (an && an->live)
    dsreg_buf_puts(b, "live: ");
  dsreg_html_esc(b, source);
  dsreg_buf_printf(b, ", capture %lu, lines %lu-%lu, %s", cap->index, cap->line,
                   cap->end_line, dsreg_encoding_name(cap->encoding));
  if (cap->note_count || cap->unparsed_count || cap->replacements)
    dsreg_buf_printf(b,
                     "; %zu parser note%s, %zu line%s not understood, %lu "
                     "invalid byte sequence%s (--format json lists them)",
                     cap->note_count, cap->note_count == 1 ? "" : "s",
                     cap->unparsed_count, cap->unparsed_count == 1 ? "" : "s",
                     cap->replacements, cap->replacements == 1 ? "" : "s");
  dsreg_buf_puts(b, "</dd></dl>");
}

/* Only our own table's URLs get here, but a link is a link: anything that
 * is not plain https stays text. */
static void link(dsreg_buf *b, const char *url) {
  if (strncmp(url, "https://", 8) != 0) {
    dsreg_html_esc(b, url);
    return;
  }
  dsreg_buf_puts(b, "<a href=\"");
  dsreg_html_esc(b, url);
  dsreg_buf_puts(b, "\" rel=\"noreferrer noopener\">");
  dsreg_html_esc(b, url);
  dsreg_buf_puts(b, "</a>");
}

static const dsreg_severity ORDER[] = {
    DSREG_SEVERITY_ERROR, DSREG_SEVERITY_WARNING, DSREG_SEVERITY_INFO};

/* One finding: what, why, where it was read; the next step where the plan
 * does not carry it; the source of the claim. */
static void item(dsreg_buf *b, const dsreg_finding *f, const char *tail,
                 bool with_remedy, bool with_reference) {
  const char *sev = dsreg_severity_name(f->severity);
  dsreg_buf_puts(b, "<li><span class=\"sev ");
  dsreg_buf_puts(b, sev);
  dsreg_buf_puts(b, "\">");
  dsreg_buf_puts(b, sev);
  dsreg_buf_puts(b, "</span> ");
  dsreg_buf_puts(b, "<span class=rule>");
  dsreg_html_esc(b, f->rule);
  dsreg_buf_puts(b, "</span> <strong>");
  dsreg_html_esc(b, f->title ? f->title : "");
  dsreg_buf_puts(b, "</strong>");
  if (tail[0]) {
    dsreg_buf_puts(b, " <span class=muted>");
    dsreg_html_esc(b, tail);
    dsreg_buf_puts(b, "</span>");
  }
  dsreg_buf_puts(b, "<p>");
  dsreg_html_esc(b, f->message);
  dsreg_buf_puts(b, "</p>");
  for (size_t i = 0; i < f->evidence_count; i++) {
    const dsreg_evidence *e = &f->evidence[i];
    dsreg_buf_puts(b, i ? ", " : "<p class=muted>Evidence: ");
    dsreg_html_esc(b, e->key ? e->key : "");
    dsreg_buf_puts(b, " = ");
    dsreg_html_esc(b, e->value ? e->value : "");
    dsreg_buf_puts(b, " (line ");
    dsreg_buf_ulong(b, e->line);
    dsreg_buf_putc(b, ')');
    if (i + 1 == f->evidence_count)
      dsreg_buf_puts(b, "</p>");
  }
  if (with_remedy && f->remedy[0]) {
    dsreg_buf_puts(b, "<p><b>Next step:</b> ");
    dsreg_html_esc(b, f->remedy);
    dsreg_buf_puts(b, "</p>");
  }
  if (with_reference && f->reference && *f->reference) {
    dsreg_buf_puts(b, "<p>Reference: ");
    link(b, f->reference);
    dsreg_buf_puts(b, "</p>");
  }
}

/* What follows from `cause`, nested under it; the depth bound keeps a
 * broken link table from recursing forever. */
static void consequences(dsreg_buf *b, const dsreg_analysis *an,
                         const dsreg_finding *cause, size_t depth) {
  bool open = false;
  for (size_t i = 0; depth <= an->finding_count && i < an->finding_count; i++) {
    const dsreg_finding *f = &an->findings[i];
    char tail[96];
    if (dsreg_cause_of(an, f) != cause || dsreg_is_not_judged(f))
      continue;
    if (!open)
      dsreg_buf_puts(b, "<ol class=findings>");
    open = true;
    dsreg_fit(tail, sizeof tail, "follows from %s", cause->rule);
    item(b, f, tail, false, false);
    consequences(b, an, f, depth + 1);
    dsreg_buf_puts(b, "</li>");
  }
  if (open)
    dsreg_buf_puts(b, "</ol>");
}

/* The findings as the other reports give them: each root cause with what
 * follows from it, then the plan, then what could not be judged. */
static void findings(dsreg_buf *b, const dsreg_analysis *an,
                     const dsreg_plan *p) {
  dsreg_buf_puts(b, "<h3>Findings</h3>");
  if (!p->root_count) {
    dsreg_buf_puts(b, "<p>No findings.</p>");
  } else {
    dsreg_buf_puts(b, "<ol class=findings>");
    for (size_t i = 0; i < p->root_count; i++) {
      char tail[40] = "";
      if (p->step_of[i])
        snprintf(tail, sizeof tail, "plan step %zu", p->step_of[i]);
      item(b, p->roots[i].f, tail, !p->step_of[i], true);
      consequences(b, an, p->roots[i].f, 1);
      dsreg_buf_puts(b, "</li>");
    }
    dsreg_buf_puts(b, "</ol>");
  }
  if (p->step_count) {
    dsreg_buf_puts(b, "<h3>Plan</h3><ol class=plan>");
    for (size_t k = 0; k < p->step_count; k++) {
      dsreg_buf_puts(b, "<li>");
      dsreg_html_esc(b, p->step[k]);
      dsreg_buf_puts(b, "</li>");
    }
    dsreg_buf_puts(b, "</ol>");
    if (p->confirm_count) {
      dsreg_buf_puts(b, "<p>Then check, in a new dsregcmd /status:</p><ul>");
      for (size_t i = 0; i < p->confirm_count; i++) {
        dsreg_buf_puts(b, "<li>");
        dsreg_html_esc(b, p->confirm[i]->confirm);
        dsreg_buf_puts(b, " <span class=rule>");
        dsreg_html_esc(b, p->confirm[i]->id);
        dsreg_buf_puts(b, "</span></li>");
      }
      dsreg_buf_puts(b, "</ul>");
    }
  }
  const dsreg_finding *nj = dsreg_not_judged(an);
  if (nj) {
    dsreg_buf_puts(b, "<p><b>Not judged:</b> ");
    dsreg_html_esc(b, dsreg_not_judged_list(nj->message));
    dsreg_buf_putc(b, ' ');
    dsreg_html_esc(b, nj->remedy);
    dsreg_buf_puts(b, "</p>");
  }
}

static void verdict_badge(dsreg_buf *b, dsreg_verdict v) {
  dsreg_buf_puts(b, "<span class=\"verdict ");
  dsreg_buf_puts(b, dsreg_verdict_id(v));
  dsreg_buf_puts(b, "\">");
  dsreg_buf_puts(b, dsreg_verdict_title(v));
  dsreg_buf_puts(b, "</span>");
}

/* --- the row -------------------------------------------------------------- */

static const char *device_name(const dsreg_capture *cap) {
  return dsreg_value_text(&cap->typed.device_state.device_name);
}

/* Whether finding i is the first of its rule (two certificates can give
 * the same rule twice). */
static bool first_of_rule(const dsreg_analysis *an, size_t i) {
  for (size_t k = 0; k < i; k++)
    if (strcmp(an->findings[k].rule, an->findings[i].rule) == 0)
      return false;
  return true;
}

/* The rule ids of the findings, each once, space-separated; and the
 * severities present. */
static void rule_list(dsreg_buf *b, const dsreg_analysis *an) {
  size_t count = an ? an->finding_count : 0;
  for (size_t i = 0; i < count; i++) {
    if (!first_of_rule(an, i))
      continue;
    if (i)
      dsreg_buf_putc(b, ' ');
    dsreg_html_esc(b, an->findings[i].rule);
  }
}

static void severity_list(dsreg_buf *b, const dsreg_analysis *an) {
  bool first = true;
  for (size_t g = 0; g < sizeof ORDER / sizeof ORDER[0]; g++) {
    bool any = false;
    for (size_t i = 0; an && i < an->finding_count && !any; i++)
      any = an->findings[i].severity == ORDER[g];
    if (!any)
      continue;
    if (!first)
      dsreg_buf_putc(b, ' ');
    dsreg_buf_puts(b, dsreg_severity_name(ORDER[g]));
    first = false;
  }
}

/* data-NAME="N", without printf: every entry has several. */
static void number_attr(dsreg_buf *b, const char *name, long long v) {
  dsreg_buf_puts(b, " data-");
  dsreg_buf_puts(b, name);
  dsreg_buf_puts(b, "=\"");
  dsreg_buf_long(b, v);
  dsreg_buf_putc(b, '"');
}

static void attr(dsreg_buf *b, const char *name, const char *v) {
  dsreg_buf_puts(b, " data-");
  dsreg_buf_puts(b, name);
  dsreg_buf_puts(b, "=\"");
  dsreg_html_esc(b, v);
  dsreg_buf_putc(b, '"');
}

static void chips(dsreg_buf *b, const dsreg_analysis *an) {
  size_t count = an ? an->finding_count : 0;
  if (count == 0) {
    dsreg_buf_puts(b, "<span class=muted>none</span>");
    return;
  }
  dsreg_buf_puts(b, "<span class=chips>");
  for (size_t g = 0; g < sizeof ORDER / sizeof ORDER[0]; g++)
    for (size_t i = 0; i < count; i++) {
      const dsreg_finding *f = &an->findings[i];
      if (f->severity != ORDER[g] || !first_of_rule(an, i))
        continue;
      dsreg_buf_puts(b, "<span class=\"chip ");
      dsreg_buf_puts(b, dsreg_severity_name(f->severity));
      dsreg_buf_puts(b, "\">");
      dsreg_html_esc(b, f->rule);
      dsreg_buf_puts(b, "</span>");
    }
  dsreg_buf_puts(b, "</span>");
}

/* The root cause's id, and its title for people. */
static void root_cause_cell(dsreg_buf *b, const dsreg_analysis *an) {
  const dsreg_finding *f = NULL;
  for (size_t i = 0; an->root_cause && i < an->finding_count && !f; i++)
    if (strcmp(an->findings[i].rule, an->root_cause) == 0)
      f = &an->findings[i];
  if (!an->root_cause) {
    dsreg_buf_puts(b, "<span class=muted>none</span>");
    return;
  }
  dsreg_buf_puts(b, "<span class=rule>");
  dsreg_html_esc(b, an->root_cause);
  dsreg_buf_puts(b, "</span>");
  if (f && f->title) {
    dsreg_buf_puts(b, "<br><span class=muted>");
    dsreg_html_esc(b, f->title);
    dsreg_buf_puts(b, "</span>");
  }
}

static void prt_cell(dsreg_buf *b, html_prt p, int64_t age_min) {
  if (age_min < 0) {
    dsreg_buf_printf(b, "<span class=muted>%s</span>",
                     p == HTML_PRT_NONE ? "none" : "not known");
  } else if (age_min < 120) {
    dsreg_buf_printf(b, "%lld min", (long long)age_min);
  } else if (age_min < 48 * 60) {
    dsreg_buf_printf(b, "%lld h", (long long)(age_min / 60));
  } else {
    dsreg_buf_printf(b, "%lld days", (long long)(age_min / (24 * 60)));
  }
}

dsreg_status dsreg_html_render_device(dsreg_outbuf *b,
                                      const dsreg_html_options *opt,
                                      const char *source,
                                      const dsreg_capture *cap,
                                      const dsreg_analysis *an) {
  if (!b || !source || !cap || (opt && opt->size < DSREG_HTML_OPTIONS_SIZE_1_0))
    return DSREG_EINVAL;
  dsreg_join_type jt = an ? an->join_type : dsreg_join_type_of(cap);
  const char *name = device_name(cap);
  int64_t cert_ms = 0, age_min;
  bool has_cert = dsreg_html_cert_end(cap, &cert_ms);
  html_prt prt = dsreg_html_prt(cap, an, opt, &age_min);
  char day[16], line[320];
  static const dsreg_analysis none = {0};
  const dsreg_analysis *a = an ? an : &none;
  dsreg_plan *p = malloc(sizeof *p);
  if (!p) {
    b->oom = 1;
    return DSREG_ENOMEM;
  }
  dsreg_plan_make(p, a);

  dsreg_buf_puts(b, "<tbody class=d");
  attr(b, "device", name);
  dsreg_buf_puts(b, " data-join=\"");
  dsreg_buf_puts(b, dsreg_join_type_id(jt));
  dsreg_buf_puts(b, "\" data-verdict=\"");
  dsreg_buf_puts(b, dsreg_verdict_id(a->verdict));
  dsreg_buf_puts(b, "\" data-vrank=\"");
  dsreg_buf_ulong(b, (unsigned long long)a->verdict);
  dsreg_buf_putc(b, '"');
  attr(b, "cause", a->root_cause ? a->root_cause : "");
  dsreg_buf_puts(b, " data-rules=\"");
  rule_list(b, an);
  dsreg_buf_puts(b, "\" data-sevs=\"");
  severity_list(b, an);
  dsreg_buf_puts(b, "\" data-findings=\"");
  dsreg_buf_ulong(b, an ? an->finding_count : 0);
  dsreg_buf_putc(b, '"');
  if (has_cert)
    number_attr(b, "cert", cert_ms);
  if (age_min >= 0)
    number_attr(b, "prt", age_min);
  attr(b, "source", source);
  number_attr(b, "capture", (long long)cap->index);
  dsreg_buf_puts(b, ">\n<tr><td class=dev><details><summary>");
  if (*name)
    dsreg_html_esc(b, name);
  else
    dsreg_buf_puts(b, "<span class=muted>(no device name)</span>");
  dsreg_buf_puts(b, "</summary><div class=detail><p>");
  verdict_badge(b, a->verdict);
  dsreg_buf_puts(b, ": ");
  dsreg_html_esc(b, dsreg_verdict_summary(a, p, line, sizeof line));
  dsreg_buf_puts(b, "</p>");
  facts(b, source, cap, an, jt);
  findings(b, a, p);
  dsreg_buf_puts(b, "</div></details></td><td>");
  dsreg_buf_puts(b, dsreg_join_type_title(jt));
  dsreg_buf_puts(b, "</td><td>");
  verdict_badge(b, a->verdict);
  dsreg_buf_puts(b, "</td><td>");
  root_cause_cell(b, a);
  dsreg_buf_puts(b, "</td><td>");
  chips(b, an);
  dsreg_buf_puts(b, "</td><td class=nowrap>");
  if (has_cert) {
    dsreg_format_day(cert_ms, day);
    dsreg_buf_printf(b, "<time datetime=\"%s\">%s</time>", day, day);
  } else {
    dsreg_buf_puts(b, "<span class=muted>none</span>");
  }
  dsreg_buf_puts(b, "</td><td class=nowrap>");
  prt_cell(b, prt, age_min);
  dsreg_buf_puts(b, "</td><td class=src>");
  if (an && an->live)
    dsreg_buf_puts(b, "live: ");
  dsreg_html_esc(b, source);
  if (cap->index > 1)
    dsreg_buf_printf(b, " #%lu", cap->index);
  dsreg_buf_puts(b, "</td></tr>\n</tbody>\n");
  free(p);
  return dsreg_buf_status(b);
}

dsreg_status dsreg_html_render_error(dsreg_outbuf *b, const char *source,
                                     const char *message) {
  if (!b || !source || !message)
    return DSREG_EINVAL;
  dsreg_buf_puts(b, "<tbody class=\"d failed\" data-device=\"\" "
                    "data-join=\"\" data-verdict=\"\" data-cause=\"\" "
                    "data-rules=\"\" data-sevs=\"\" data-findings=\"0\"");
  attr(b, "source", source);
  dsreg_buf_puts(b, ">\n<tr><td class=dev><span class=muted>(not read)"
                    "</span></td><td colspan=6>");
  dsreg_html_esc(b, message);
  dsreg_buf_puts(b, "</td><td class=src>");
  dsreg_html_esc(b, source);
  dsreg_buf_puts(b, "</td></tr>\n</tbody>\n");
  return dsreg_buf_status(b);
}
