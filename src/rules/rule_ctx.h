/*
 * rules/rule_ctx.h - what the check functions share: the context of one
 * analysis, the finding-emitting helpers and every check's prototype.
 *
 * Private to the library.  The table in src/rules.c is the one list of
 * rules; each check lives in the file of its topic here:
 *   join_state.c       join flags, dual state, VDI
 *   prejoin.c          hybrid join: Diagnostic Data tests, error phase
 *   device_health.c    DeviceAuthStatus, certificates, keys, TPM
 *   tenant.c           tenant details and MDM
 *   prt.c, sso.c       PRTs, WAM, Cloud Kerberos, the signed-in user
 *   whfb.c             Windows Hello (Ngc prerequisites)
 *   capture_context.c  who ran dsregcmd, elevation, a cut capture
 *   not_judged.c       checks-not-run: what the others could not decide
 * The rules must never cry wolf: a missing section is not a NO, a capture
 * taken as SYSTEM or a local account says nothing about a user's PRT, and
 * a healthy capture gets no warning.
 */
#ifndef DSREG_RULE_CTX_H
#define DSREG_RULE_CTX_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ascii.h"
#include "buf.h" /* dsreg_fit: messages cut on a character boundary */
#include "dsreg/codes.h"
#include "dsreg/fields.h"
#include "dsreg/rules.h"
#include "timeconv.h"

/* Who ran dsregcmd, from Executing Account Name (docs/format.md, 5. Keys
 * and the typed model). */
typedef enum dsreg_account_kind {
  DSREG_ACCOUNT_ABSENT = 0, /* not printed: older builds; assume a user */
  DSREG_ACCOUNT_UNKNOWN,    /* printed but redacted or unrecognised */
  DSREG_ACCOUNT_ENTRA,      /* AzureAD\user */
  DSREG_ACCOUNT_DOMAIN,     /* DOMAIN\user */
  DSREG_ACCOUNT_LOCAL,      /* HOST\user: cannot hold an Entra PRT */
  DSREG_ACCOUNT_SYSTEM      /* DOMAIN\HOST$ or NT AUTHORITY\SYSTEM */
} dsreg_account_kind;

/* One analysis in progress; a check reads it and adds findings. */
/* Why a check could not be decided from the capture (checks-not-run). */
typedef enum dsreg_unjudged {
  DSREG_UNJUDGED_NO_TIME = 1,  /* dates: no Client Time and no --now */
  DSREG_UNJUDGED_NOT_USER,     /* taken as SYSTEM or a local account */
  DSREG_UNJUDGED_NOT_ELEVATED, /* KeySignTest needs an elevated run */
  DSREG_UNJUDGED_ELEVATED,     /* an elevated run prints WamDefaultSet ERROR */
  DSREG_UNJUDGED_UNPARSED      /* the value to judge does not parse */
} dsreg_unjudged;

/* One check that was not judged, and why. */
typedef struct dsreg_unjudged_entry {
  const dsreg_rule *rule;
  dsreg_unjudged why;
  const dsreg_value *v; /* the field behind the reason, or NULL */
} dsreg_unjudged_entry;

/* Room for every rule with a few reasons each; more are dropped. */
#define DSREG_MAX_UNJUDGED 128

typedef struct dsreg_rule_ctx {
  const dsreg_capture *cap;
  const dsreg_typed *t;
  const dsreg_rule_options *opt;
  dsreg_analysis *an;
  const dsreg_rule *rule; /* the rule being run: emit() takes its texts */
  dsreg_status status;    /* the first failure; emit() stops after it */
  /* dsreg_rule_options.no_texts: findings carry dsreg_rule_no_text as
   * message and remedy, and the helpers below build no text. */
  bool no_texts;
  /* The row of each of the first findings, for dsreg_causes_link: no
   * lookup by id.  A capture makes a few; more are looked up. */
  const dsreg_rule *rule_of[64];
  dsreg_join_type jt;
  dsreg_account_kind account;
  bool have_ref;  /* a reference time exists */
  bool prt_clock; /* the reference time may judge PRT age */
  int64_t ref;
  /* Checks skipped for want of information, in catalogue order. */
  dsreg_unjudged_entry unjudged[DSREG_MAX_UNJUDGED];
  size_t unjudged_count;
} dsreg_rule_ctx;

typedef void (*dsreg_check_fn)(dsreg_rule_ctx *c);

/* ---- helpers (common.c) ------------------------------------------------ */

/* The one message and remedy of every finding under no_texts: static, so
 * dsreg_analysis_free() and the helpers below never free it. */
extern const char dsreg_rule_no_text[];

/* Adds a finding of the current rule with this message and the rule's
 * remedy; NULL once out of memory (every helper below accepts NULL). */
DSREG_PRINTF(2, 3)
dsreg_finding *dsreg_rule_emit(dsreg_rule_ctx *c, const char *fmt, ...);

/* Replace the remedy (message) of `f` with a more specific one.  Out of
 * memory, the old text stays and c->status says ENOMEM. */
DSREG_PRINTF(3, 4)
void dsreg_rule_remedy(dsreg_rule_ctx *c, dsreg_finding *f, const char *fmt,
                       ...);
DSREG_PRINTF(3, 4)
void dsreg_rule_message(dsreg_rule_ctx *c, dsreg_finding *f, const char *fmt,
                        ...);

/* Hands the text built in `b` over to *slot (a finding's message or
 * remedy), freeing the old one, and leaves `b` zeroed; out of memory, *slot
 * stays and c->status says ENOMEM (not called under no_texts). */
void dsreg_rule_take(dsreg_rule_ctx *c, const char **slot, dsreg_buf *b);

/* vsnprintf / strdup into a new heap string of the whole length; NULL when
 * out of memory. */
DSREG_PRINTF(1, 0)
char *dsreg_rule_vformat(const char *fmt, va_list ap);
char *dsreg_rule_strdup(const char *s);

/* Records that the current rule could not be decided, and why; `v` is the
 * field that made the reason (the unparsable value, the date left
 * unjudged), or NULL.  checks-not-run reports it.  Call it only where the
 * rule needs information the capture does not give, never where its subject
 * is simply absent: silence must mean "checked and fine". */
void dsreg_rule_not_judged(dsreg_rule_ctx *c, dsreg_unjudged why,
                           const dsreg_value *v);

/* For a date the current rule would judge: not judged when `v` does not
 * parse, or when it parsed but `clock` is false (no time to judge it
 * against). */
void dsreg_rule_not_judged_date(dsreg_rule_ctx *c, const dsreg_value *v,
                                bool clock);

/* Cites the line of `v` as evidence, when it was printed. */
void dsreg_rule_ev(dsreg_finding *f, const dsreg_value *v);

/* "0x801c001d (DSREG_AUTOJOIN_ADCONFIG_READ_FAILED: cannot read ...)" */
const char *dsreg_rule_explain(uint32_t code, dsreg_code_context pref,
                               char *buf, size_t size);

/* "1 day", "12 days", "less than a day" */
const char *dsreg_rule_days(int64_t ms, char *buf, size_t size);

/* What the reference time is, for messages: "--now", "today", ... */
const char *dsreg_rule_reference_words(const dsreg_rule_ctx *c);

static inline const char *txt(const dsreg_value *v) {
  return dsreg_value_text(v);
}
/* True when `v`, a value the current rule decides on, can be judged: it
 * was not printed, or it parsed as its type.  One that was printed but does
 * not parse (AzureAdPrt : MAYBE) is recorded as not judged, so that the
 * rule's silence does not pass for "checked and fine" (issue 12, item 5). */
bool dsreg_rule_parsed(dsreg_rule_ctx *c, const dsreg_value *v);

/* A flag the current rule decides on reads YES / NO (see above). */
static inline bool yes(dsreg_rule_ctx *c, const dsreg_value *v) {
  return dsreg_rule_parsed(c, v) && dsreg_value_yes(v);
}
static inline bool no(dsreg_rule_ctx *c, const dsreg_value *v) {
  return dsreg_rule_parsed(c, v) && dsreg_value_no(v);
}

/* The join type, for a rule that decides on it: when it is unknown because
 * a join flag does not parse, the rule is recorded as not judged. */
dsreg_join_type dsreg_rule_join_type(dsreg_rule_ctx *c);

static inline bool joined(dsreg_rule_ctx *c) {
  dsreg_join_type jt = dsreg_rule_join_type(c);
  return jt == DSREG_JOIN_ENTRA || jt == DSREG_JOIN_HYBRID;
}

/* True when user-context fields describe a user who can hold an Entra PRT. */
static inline bool user_context(const dsreg_rule_ctx *c) {
  return c->account != DSREG_ACCOUNT_SYSTEM &&
         c->account != DSREG_ACCOUNT_LOCAL;
}

/* ---- PRT diagnostics (prt.c) ------------------------------------------- */

/* The diagnostics block names another user than the one who ran dsregcmd
 * (D1: "On a shared device, this diagnostics information could be from a
 * different user's login attempt"): what it says is not this user's. */
bool dsreg_rule_diag_of_other_user(const dsreg_rule_ctx *c,
                                   const dsreg_prt_diag *d);

/* ---- capture context (capture_context.c) ------------------------------- */

dsreg_account_kind dsreg_rule_account_of(const dsreg_typed *t);

/* dsregcmd was run elevated (KeySignTest ran, or Diagnostic Data says so). */
bool dsreg_rule_elevated(const dsreg_rule_ctx *c);

/* ---- the table (src/rules.c) ------------------------------------------- */

/* Rule `i` (i < dsreg_rule_count()) and, in *check, its check; NULL past
 * the end.  One call per row for the engine's loop. */
const dsreg_rule *dsreg_rule_row(size_t i, dsreg_check_fn *check);

/* Catalogue position of the rule `id`, dsreg_rule_count() when none (or
 * NULL).  Cheapest for the table's own pointer (a finding's rule). */
size_t dsreg_rule_index(const char *id);

/* ---- the checks, in table order ----------------------------------------- */

void dsreg_check_not_joined(dsreg_rule_ctx *c);
void dsreg_check_contradictory(dsreg_rule_ctx *c);
void dsreg_check_dual_state(dsreg_rule_ctx *c);
void dsreg_check_second_tenant(dsreg_rule_ctx *c);
void dsreg_check_domain_registered(dsreg_rule_ctx *c);
void dsreg_check_virtual_desktop(dsreg_rule_ctx *c);

void dsreg_check_hybrid_join_failed(dsreg_rule_ctx *c);
void dsreg_check_sync_pending(dsreg_rule_ctx *c);
void dsreg_check_hybrid_join_throttled(dsreg_rule_ctx *c);
void dsreg_check_hybrid_join_not_configured(dsreg_rule_ctx *c);
void dsreg_check_scp_wrong_tenant(dsreg_rule_ctx *c);
void dsreg_check_hybrid_join_not_attempted(dsreg_rule_ctx *c);
void dsreg_check_prejoin_not_system(dsreg_rule_ctx *c);
void dsreg_check_ad_connectivity(dsreg_rule_ctx *c);
void dsreg_check_ad_configuration(dsreg_rule_ctx *c);
void dsreg_check_drs_discovery(dsreg_rule_ctx *c);
void dsreg_check_drs_connectivity(dsreg_rule_ctx *c);
void dsreg_check_token_acquisition(dsreg_rule_ctx *c);
void dsreg_check_kerberos_ticket(dsreg_rule_ctx *c);
void dsreg_check_kerberos_join_code(dsreg_rule_ctx *c);
void dsreg_check_fallback_disabled(dsreg_rule_ctx *c);

void dsreg_check_device_auth(dsreg_rule_ctx *c);
void dsreg_check_device_auth_not_tested(dsreg_rule_ctx *c);
void dsreg_check_device_auth_missing(dsreg_rule_ctx *c);
void dsreg_check_cert_expired(dsreg_rule_ctx *c);
void dsreg_check_cert_expiring(dsreg_rule_ctx *c);
void dsreg_check_cert_not_yet_valid(dsreg_rule_ctx *c);
void dsreg_check_cert_validity_invalid(dsreg_rule_ctx *c);
void dsreg_check_key_sign(dsreg_rule_ctx *c);
void dsreg_check_recovery(dsreg_rule_ctx *c);
void dsreg_check_tpm(dsreg_rule_ctx *c);
void dsreg_check_key_provider(dsreg_rule_ctx *c);
void dsreg_check_key_provider_tpm(dsreg_rule_ctx *c);

void dsreg_check_mdm_missing(dsreg_rule_ctx *c);
void dsreg_check_compliance_missing(dsreg_rule_ctx *c);

void dsreg_check_prt_missing(dsreg_rule_ctx *c);
void dsreg_check_prt_times(dsreg_rule_ctx *c);
void dsreg_check_prt_stale(dsreg_rule_ctx *c);
void dsreg_check_prt_expired(dsreg_rule_ctx *c);
void dsreg_check_prt_other_user(dsreg_rule_ctx *c);
void dsreg_check_prt_acquire_failed(dsreg_rule_ctx *c);
void dsreg_check_prt_refresh_failed(dsreg_rule_ctx *c);
void dsreg_check_prt_proxy_auth(dsreg_rule_ctx *c);
void dsreg_check_prt_account_state(dsreg_rule_ctx *c);
void dsreg_check_prt_ngc_key(dsreg_rule_ctx *c);
void dsreg_check_prt_pta_agent(dsreg_rule_ctx *c);
void dsreg_check_enterprise_prt_failed(dsreg_rule_ctx *c);
void dsreg_check_enterprise_prt_missing(dsreg_rule_ctx *c);
void dsreg_check_wam(dsreg_rule_ctx *c);
void dsreg_check_wam_default_msa(dsreg_rule_ctx *c);
void dsreg_check_network_error(dsreg_rule_ctx *c);
void dsreg_check_upn(dsreg_rule_ctx *c);
void dsreg_check_builtin_administrator(dsreg_rule_ctx *c);
void dsreg_check_cloud_tgt(dsreg_rule_ctx *c);
void dsreg_check_onprem_tgt(dsreg_rule_ctx *c);

void dsreg_check_whfb(dsreg_rule_ctx *c);
void dsreg_check_whfb_will_provision(dsreg_rule_ctx *c);
void dsreg_check_whfb_cert_trust(dsreg_rule_ctx *c);
void dsreg_check_ngc_prereq_error(dsreg_rule_ctx *c);
void dsreg_check_whfb_postlogon(dsreg_rule_ctx *c);
void dsreg_check_whfb_pin_reset(dsreg_rule_ctx *c);
void dsreg_check_remote_session(dsreg_rule_ctx *c);

void dsreg_check_as_system(dsreg_rule_ctx *c);
void dsreg_check_as_local(dsreg_rule_ctx *c);
void dsreg_check_system_proxy_gap(dsreg_rule_ctx *c);
void dsreg_check_system_wpad(dsreg_rule_ctx *c);
void dsreg_check_incomplete(dsreg_rule_ctx *c);
void dsreg_check_not_run(dsreg_rule_ctx *c); /* the last row: reads the rest */

#endif
