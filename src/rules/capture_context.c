/*
 * rules/capture_context.c - the capture itself: who ran dsregcmd (SYSTEM, a
 * local account, elevated) and whether the capture is whole.
 */
#include <string.h>

#include "rules/rule_ctx.h"

/* dsregcmd was run elevated: KeySignTest ran (it needs elevation, D1), or
 * the pre-join diagnostics say so. */
bool dsreg_rule_elevated(const dsreg_rule_ctx *c) {
  const dsreg_value *k = &c->t->diagnostic_data.key_sign_test;
  const char *uc = txt(&c->t->diagnostic_data.user_context);
  return (dsreg_value_present(k) && !strstr(txt(k), "elevated")) ||
         dsreg_streq_nocase(uc, "ELEVATED User");
}

dsreg_account_kind dsreg_rule_account_of(const dsreg_typed *t) {
  const dsreg_value *v = &t->diagnostic_data.executing_account_name;
  if (!dsreg_value_present(v))
    return DSREG_ACCOUNT_ABSENT;
  const char *s = txt(v);
  const char *bs = strchr(s, '\\');
  if (!bs)
    return DSREG_ACCOUNT_UNKNOWN;
  size_t dlen = (size_t)(bs - s);
  const char *name = bs + 1;
  size_t nlen = strcspn(name, ",");
  if (nlen && name[nlen - 1] == '$')
    return DSREG_ACCOUNT_SYSTEM;
  if (dsreg_starts_nocase(s, "NT AUTHORITY\\"))
    return DSREG_ACCOUNT_SYSTEM;
  if (dlen == 7 && dsreg_starts_nocase(s, "AzureAD\\"))
    return DSREG_ACCOUNT_ENTRA;
  const char *dom = txt(&t->device_state.domain_name);
  if (dom[0] && strlen(dom) == dlen && dsreg_starts_nocase(s, dom))
    return DSREG_ACCOUNT_DOMAIN;
  /* HOST\user: the part before the backslash is the computer name, as
   * NetBIOS has it: cut to 15 characters. */
  const char *host = txt(&t->device_state.device_name);
  size_t hlen = strcspn(host, ".");
  if (hlen > 15)
    hlen = 15;
  if (hlen == dlen && hlen) {
    bool same = true;
    for (size_t i = 0; i < dlen && same; i++) {
      same = dsreg_ascii_lower((unsigned char)s[i]) ==
             dsreg_ascii_lower((unsigned char)host[i]);
    }
    if (same)
      return DSREG_ACCOUNT_LOCAL;
  }
  if (!dom[0] && !t->device_state.domain_name.field &&
      !yes(&t->device_state.domain_joined) && dlen && s[0] != '*')
    return DSREG_ACCOUNT_LOCAL; /* not domain joined, not AzureAD\: local */
  return DSREG_ACCOUNT_UNKNOWN;
}

void dsreg_check_as_system(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->diagnostic_data.executing_account_name;
  if (c->account == DSREG_ACCOUNT_SYSTEM)
    dsreg_rule_ev(
        dsreg_rule_emit(
            c,
            "the capture was taken as SYSTEM or the computer account "
            "(%s): User State and SSO State do not describe a user, so "
            "user checks (PRT, WAM) were skipped",
            txt(v)),
        v);
}

void dsreg_check_as_local(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->diagnostic_data.executing_account_name;
  if (c->account == DSREG_ACCOUNT_LOCAL && joined(c))
    dsreg_rule_ev(
        dsreg_rule_emit(
            c,
            "the capture was taken by the local account %s, which cannot "
            "hold a Microsoft Entra PRT: user checks (PRT, WAM) were "
            "skipped",
            txt(v)),
        v);
}

void dsreg_check_incomplete(dsreg_rule_ctx *c) {
  const dsreg_capture *cap = c->cap;
  char missing[200] = "";
  bool old_layout = false;
  /* Before 1809 the PRT fields lived in User State and there was no SSO
   * State; so did the tenant fields in Device State. */
  if (c->t->tenant_details.tenant_id.field &&
      cap->sections[c->t->tenant_details.tenant_id.field->section].kind ==
          DSREG_SECTION_DEVICE_STATE)
    old_layout = true;
  if (c->t->sso_state.azure_ad_prt.field &&
      cap->sections[c->t->sso_state.azure_ad_prt.field->section].kind ==
          DSREG_SECTION_USER_STATE)
    old_layout = true;
  const struct {
    dsreg_section_kind kind;
    bool needed;
  } need[] = {{DSREG_SECTION_DEVICE_STATE, true},
              {DSREG_SECTION_USER_STATE, true},
              {DSREG_SECTION_SSO_STATE, !old_layout}};
  for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
    if (!need[i].needed || dsreg_capture_section(cap, need[i].kind))
      continue;
    size_t len = strlen(missing);
    dsreg_fit(missing + len, sizeof missing - len, "%s%s", len ? ", " : "",
              dsreg_section_kind_title(need[i].kind));
  }
  const dsreg_section *last =
      cap->section_count ? &cap->sections[cap->section_count - 1] : NULL;
  bool cut = !cap->has_footer && last && last->field_count == 0;
  if (!missing[0] && !cut && !cap->dropped_lines)
    return;
  char extra[200] = "";
  if (cut)
    dsreg_fit(extra, sizeof extra, "%sit ends in an empty %s section",
              missing[0] ? "; " : "", last->title);
  if (cap->dropped_lines)
    dsreg_fit(extra + strlen(extra), sizeof extra - strlen(extra),
              "%s%lu lines past the parser's limits were dropped",
              missing[0] || cut ? "; " : "", cap->dropped_lines);
  dsreg_rule_emit(c, "the capture is incomplete: %s%s%s",
                  missing[0] ? "it lacks " : "", missing, extra);
}
