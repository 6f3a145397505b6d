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

/* The account part of Executing Account Name ("HOST\user" before the
 * comma) is a local account of this device: its domain is the device's own
 * name, as NetBIOS prints it (cut to 15 characters). */
static bool on_this_host(const char *s, size_t dlen, const dsreg_typed *t) {
  const char *host = txt(&t->device_state.device_name);
  size_t hlen = strcspn(host, ".");
  if (hlen > 15)
    hlen = 15;
  if (hlen != dlen || !hlen)
    return false;
  for (size_t i = 0; i < dlen; i++)
    if (dsreg_ascii_lower((unsigned char)s[i]) !=
        dsreg_ascii_lower((unsigned char)host[i]))
      return false;
  return true;
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
  /* A local account has no UPN: "DOMAIN\user, user@tenant" is a domain or
   * cloud identity whatever its domain part says. */
  bool upn = name[nlen] == ',' && strchr(name + nlen, '@');
  if (nlen && name[nlen - 1] == '$')
    return DSREG_ACCOUNT_SYSTEM;
  if (dsreg_starts_nocase(s, "NT AUTHORITY\\"))
    return DSREG_ACCOUNT_SYSTEM;
  if (dlen == 7 && dsreg_starts_nocase(s, "AzureAD\\"))
    return DSREG_ACCOUNT_ENTRA;
  const char *dom = txt(&t->device_state.domain_name);
  if (dom[0] && strlen(dom) == dlen && dsreg_starts_nocase(s, dom))
    return DSREG_ACCOUNT_DOMAIN;
  if (upn)
    return DSREG_ACCOUNT_UNKNOWN;
  if (on_this_host(s, dlen, t))
    return DSREG_ACCOUNT_LOCAL;
  /* Not domain joined (DomainJoined NO, not merely unprinted) and not
   * AzureAD\: only a local account is left, unless a PRT says otherwise. */
  if (!dom[0] && !t->device_state.domain_name.field &&
      dsreg_value_no(&t->device_state.domain_joined) &&
      !dsreg_value_yes(&t->sso_state.azure_ad_prt) && dlen && s[0] != '*')
    return DSREG_ACCOUNT_LOCAL;
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
  if (!missing[0] && !cut && !cap->dropped_lines && !cap->fragment)
    return;
  char extra[200] = "";
  if (cut)
    dsreg_fit(extra, sizeof extra, "%sit ends in an empty %s section",
              missing[0] ? "; " : "", last->title);
  if (cap->dropped_lines)
    dsreg_fit(extra + strlen(extra), sizeof extra - strlen(extra),
              "%s%lu lines past the parser's limits were dropped",
              missing[0] || cut ? "; " : "", cap->dropped_lines);
  dsreg_rule_emit(c, "the capture is incomplete: %s%s%s%s%s",
                  cap->fragment ? "a fragment of field lines with no section "
                                  "boxes"
                                : "",
                  cap->fragment && (missing[0] || extra[0]) ? "; " : "",
                  missing[0] ? "it lacks " : "", missing, extra);
}

/* Only the device's own built-in Administrator (HOST\Administrator, no UPN):
 * D4 says a join fails from the local built-in administrator account.  A
 * domain or cloud account that happens to be called Administrator is not it,
 * and the name alone cannot show RID 500 of a renamed account. */
void dsreg_check_builtin_administrator(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->diagnostic_data.executing_account_name;
  if (c->account != DSREG_ACCOUNT_LOCAL)
    return;
  const char *bs = strchr(txt(v), '\\');
  static const char admin[] = "Administrator";
  size_t n = bs ? strcspn(bs + 1, ", ") : 0;
  if (n != sizeof admin - 1 || !dsreg_starts_nocase(bs + 1, admin))
    return;
  dsreg_rule_ev(dsreg_rule_emit(
                    c,
                    "the capture was taken by %s, the device's built-in "
                    "Administrator account: Windows does not join a device to "
                    "Microsoft Entra ID from that account",
                    txt(v)),
                v);
}

/* A WinHTTP error (12001-12190 as HRESULT, 0x80072ee1-0x80072f9e). */
static bool winhttp_code(uint32_t v) {
  return v >= 0x80072ee1u && v <= 0x80072f9eu;
}

/* Where the join or the PRT request failed on the network: a DRS test with
 * a WinHTTP code, a WinHTTP client error, or an HTTP Error of the PRT. */
static const dsreg_value *network_failure(const dsreg_rule_ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  const dsreg_value *tests[] = {&d->drs_discovery_test,
                                &d->drs_connectivity_test};
  for (size_t i = 0; i < 2; i++) {
    const dsreg_value *v = tests[i];
    if (v->state == DSREG_VALUE_OK && v->test == DSREG_TEST_FAIL &&
        ((v->has_code && winhttp_code(v->code)) ||
         (v->has_sub_code && winhttp_code(v->sub_code))))
      return v;
  }
  if (d->client_error_code.state == DSREG_VALUE_OK &&
      winhttp_code(d->client_error_code.code))
    return &d->client_error_code;
  const dsreg_value *h = &c->t->sso_state.azure_prt_diag.http_error;
  if (h->state == DSREG_VALUE_OK && h->code != 0)
    return h;
  return NULL;
}

static bool proxy_set(const dsreg_ie_proxy *p) {
  return dsreg_value_present(&p->proxy_server_list) ||
         dsreg_value_present(&p->auto_configuration_url);
}

/* The SYSTEM account has no proxy of its own: its section is printed with
 * no server and no PAC URL, and WinHTTP's default is direct. */
static bool system_without_proxy(const dsreg_rule_ctx *c) {
  return dsreg_capture_section(c->cap, DSREG_SECTION_IE_PROXY_SYSTEM) &&
         !proxy_set(&c->t->ie_proxy_system) &&
         dsreg_streq_nocase(txt(&c->t->winhttp_proxy.access_type), "DIRECT");
}

void dsreg_check_system_proxy_gap(dsreg_rule_ctx *c) {
  const dsreg_ie_proxy *u = &c->t->ie_proxy_user;
  const dsreg_value *net = network_failure(c);
  if (!net || !proxy_set(u) || !system_without_proxy(c))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c,
      "the user has a proxy (%s%s%s) but the SYSTEM account has none and "
      "WinHTTP goes direct, and %s shows a network failure (%s): device "
      "registration and PRT requests run as SYSTEM and do not use the user's "
      "proxy",
      dsreg_value_present(&u->proxy_server_list) ? "Proxy Server List "
                                                 : "Auto-Configuration URL ",
      dsreg_value_present(&u->proxy_server_list)
          ? txt(&u->proxy_server_list)
          : txt(&u->auto_configuration_url),
      "", net->field ? net->field->key : "the capture", txt(net));
  dsreg_rule_ev(f, &u->proxy_server_list);
  dsreg_rule_ev(f, &u->auto_configuration_url);
  dsreg_rule_ev(f, &c->t->ie_proxy_system.proxy_server_list);
  dsreg_rule_ev(f, &c->t->winhttp_proxy.access_type);
  dsreg_rule_ev(f, net);
}

void dsreg_check_system_wpad(dsreg_rule_ctx *c) {
  const dsreg_value *pac = &c->t->url_proxy.auto_detect_pac_status;
  const dsreg_value *net = network_failure(c);
  if (!net || !dsreg_starts_nocase(txt(pac), "Failed") ||
      !yes(c, &c->t->ie_proxy_system.auto_detect_settings) ||
      !system_without_proxy(c))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c,
      "the SYSTEM account finds its proxy only by auto-detection, which "
      "failed (Auto Detect PAC Status: \"%s\"), and %s shows a network "
      "failure (%s): if this network needs a proxy, SYSTEM does not reach it",
      txt(pac), net->field ? net->field->key : "the capture", txt(net));
  dsreg_rule_ev(f, &c->t->ie_proxy_system.auto_detect_settings);
  dsreg_rule_ev(f, pac);
  dsreg_rule_ev(f, &c->t->winhttp_proxy.access_type);
  dsreg_rule_ev(f, net);
}
