/*
 * text_writer.c - the readable report: key facts, then findings by severity.
 *
 * Every value from the capture goes through dsreg_buf_safe_text, so a
 * crafted device or tenant name cannot move the cursor, retitle the window
 * or ring the bell of the admin's terminal.
 */
#include <string.h>

#include "buf.h"
#include "dsreg/report.h"
#include "timeconv.h"

#define LABEL_WIDTH 16

typedef struct text_ctx {
  dsreg_buf *b;
  int color;
} text_ctx;

static void sgr(text_ctx *t, const char *code) {
  if (t->color) {
    dsreg_buf_puts(t->b, "\x1b[");
    dsreg_buf_puts(t->b, code);
    dsreg_buf_putc(t->b, 'm');
  }
}

static void label(text_ctx *t, const char *name) {
  size_t n = strlen(name);
  dsreg_buf_puts(t->b, "  ");
  dsreg_buf_puts(t->b, name);
  for (; n < LABEL_WIDTH; n++)
    dsreg_buf_putc(t->b, ' ');
  dsreg_buf_putc(t->b, ' ');
}

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
    label(t, "Parser");
    dsreg_buf_printf(t->b,
                     "%zu note%s, %zu line%s not understood, %lu invalid "
                     "byte sequence%s (--format json lists them)\n",
                     cap->note_count, cap->note_count == 1 ? "" : "s",
                     cap->unparsed_count, cap->unparsed_count == 1 ? "" : "s",
                     cap->replacements, cap->replacements == 1 ? "" : "s");
  }
}

static void findings(text_ctx *t, const dsreg_analysis *an) {
  static const struct {
    dsreg_severity sev;
    const char *name, *color;
  } groups[] = {{DSREG_SEVERITY_ERROR, "ERROR", "1;31"},
                {DSREG_SEVERITY_WARNING, "WARNING", "1;33"},
                {DSREG_SEVERITY_INFO, "INFO", "1;36"}};
  size_t count = an ? an->finding_count : 0;

  dsreg_buf_puts(t->b, "\n");
  if (count == 0) {
    dsreg_buf_puts(t->b, "  No findings.\n");
    return;
  }
  for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
    for (size_t i = 0; i < count; i++) {
      const dsreg_finding *f = &an->findings[i];
      if (f->severity != groups[g].sev)
        continue;
      dsreg_buf_puts(t->b, "  ");
      sgr(t, groups[g].color);
      dsreg_buf_puts(t->b, groups[g].name);
      sgr(t, "0");
      dsreg_buf_printf(t->b, " [%s] ", f->rule);
      safe(t, f->message);
      dsreg_buf_puts(t->b, "\n      Next step: ");
      safe(t, f->remedy);
      dsreg_buf_puts(t->b, "\n      Reference: ");
      safe(t, f->reference);
      dsreg_buf_putc(t->b, '\n');
    }
  }
}

int dsreg_write_text(FILE *out, const char *source, const dsreg_capture *cap,
                     const dsreg_analysis *an, const dsreg_text_options *opt) {
  dsreg_buf b = {0};
  dsreg_render_text(&b, source, cap, an, opt);
  int rc = dsreg_buf_flush(&b, out);
  dsreg_buf_free(&b);
  return rc;
}

int dsreg_render_text(dsreg_outbuf *b, const char *source,
                      const dsreg_capture *cap, const dsreg_analysis *an,
                      const dsreg_text_options *opt) {
  text_ctx t = {b, opt && opt->color};
  dsreg_join_type jt = an ? an->join_type : dsreg_join_type_of(cap);

  sgr(&t, "1");
  if (an && an->live)
    dsreg_buf_puts(b, "live: ");
  safe(&t, source);
  dsreg_buf_printf(b, ": capture %lu (lines %lu-%lu, %s)", cap->index,
                   cap->line, cap->end_line,
                   dsreg_encoding_name(cap->encoding));
  sgr(&t, "0");
  dsreg_buf_putc(b, '\n');
  facts(&t, cap, jt);
  findings(&t, an);
  dsreg_buf_putc(b, '\n');
  return b->oom ? -1 : 0;
}
