/*
 * rules/prejoin.c - the pre-join diagnostics of a domain-joined device that is
 * not hybrid joined: the error phase, the client error code and the tests.
 */
#include <string.h>

#include "rules/rule_ctx.h"

/* 0x801c03f2 DirectoryError means "wait for sync" only when the message is
 * about the device object; the same code also carries "AADSTS90002: Tenant
 * ... not found" (a wrong tenant in the SCP), which is a real failure. */
static bool sync_pending(const dsreg_rule_ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  const char *msg = txt(&d->server_message);
  return d->client_error_code.state == DSREG_VALUE_OK &&
         d->client_error_code.code == 0x801c03f2u &&
         dsreg_streq_nocase(txt(&d->server_error_code), "DirectoryError") &&
         strstr(msg, "device object") &&
         (strstr(msg, "not found") || strstr(msg, "isn't found"));
}

static bool any_test_failed(const dsreg_diagnostic_data *d) {
  const dsreg_value *tests[] = {
      &d->ad_connectivity_test, &d->ad_configuration_test,
      &d->drs_discovery_test,   &d->drs_connectivity_test,
      &d->kerberos_ticket_test, &d->token_acquisition_test};
  for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
    if (tests[i]->state == DSREG_VALUE_OK && tests[i]->test == DSREG_TEST_FAIL)
      return true;
  return false;
}

/* The pre-join block is printed only on domain-joined devices that are not
 * hybrid joined (D1): a fragment holding just that block says as much
 * about the join state as its Device State would. */
static bool prejoin(const dsreg_rule_ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  if (c->jt == DSREG_JOIN_DOMAIN)
    return true;
  return c->jt == DSREG_JOIN_UNKNOWN &&
         !dsreg_capture_section(c->cap, DSREG_SECTION_DEVICE_STATE) &&
         (d->error_phase.field || d->ad_connectivity_test.field ||
          d->client_error_code.field);
}

void dsreg_check_hybrid_join_failed(dsreg_rule_ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  char code[300], when[40] = "";
  if (!prejoin(c) || sync_pending(c))
    return;
  bool phase = dsreg_value_present(&d->error_phase);
  bool err = d->client_error_code.state == DSREG_VALUE_OK &&
             d->client_error_code.code != 0;
  if (!phase && !err && !any_test_failed(d))
    return;
  dsreg_code_context pref = DSREG_CODE_ANY;
  if (dsreg_streq_nocase(txt(&d->error_phase), "discover"))
    pref = DSREG_CODE_DISCOVER;
  else if (dsreg_streq_nocase(txt(&d->error_phase), "auth"))
    pref = DSREG_CODE_AUTH;
  else if (dsreg_streq_nocase(txt(&d->error_phase), "join"))
    pref = DSREG_CODE_JOIN;
  if (err)
    dsreg_rule_explain(d->client_error_code.code, pref, code, sizeof code);
  if (d->previous_registration.state == DSREG_VALUE_OK) {
    char m[24];
    dsreg_fit(when, sizeof when, " (%s)",
              dsreg_format_minute(d->previous_registration.time_ms, m));
  }
  dsreg_finding *f;
  if (phase || err)
    f = dsreg_rule_emit(
        c,
        "the device is domain joined but not Microsoft Entra hybrid "
        "joined: the last attempt%s stopped in the %s phase with %s",
        when, phase ? txt(&d->error_phase) : "unknown",
        err ? code : "no client error code");
  else
    f = dsreg_rule_emit(
        c, "the device is domain joined but not Microsoft Entra hybrid "
           "joined, and a pre-join test failed (see the test findings)");
  dsreg_rule_ev(f, &d->error_phase);
  dsreg_rule_ev(f, &d->client_error_code);
  dsreg_rule_ev(f, &d->server_error_code);
  dsreg_rule_ev(f, &d->server_message);
  dsreg_rule_ev(f, &d->registration_type);
  const dsreg_code_info *i =
      err ? dsreg_code_lookup_value(d->client_error_code.code, pref) : NULL;
  if (i && i->remedy[0])
    dsreg_rule_remedy(f,
                      "%s Then run 'dsregcmd /join' elevated (or restart) and "
                      "check again.",
                      i->remedy);
}

void dsreg_check_sync_pending(dsreg_rule_ctx *c) {
  if (!prejoin(c) || !sync_pending(c))
    return;
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  dsreg_finding *f =
      dsreg_rule_emit(c,
                      "the hybrid join is waiting for Microsoft Entra "
                      "Connect: the DRS does not know this computer yet "
                      "(0x801c03f2 DirectoryError: \"%s\")",
                      txt(&d->server_message));
  dsreg_rule_ev(f, &d->registration_type);
  dsreg_rule_ev(f, &d->error_phase);
  dsreg_rule_ev(f, &d->client_error_code);
  dsreg_rule_ev(f, &d->server_error_code);
  dsreg_rule_ev(f, &d->server_message);
}

static void test_failed(dsreg_rule_ctx *c, const dsreg_value *v,
                        const char *what) {
  char a[400], b[400];
  if (v->state != DSREG_VALUE_OK || v->test != DSREG_TEST_FAIL)
    return;
  dsreg_finding *f;
  if (v->has_code && v->has_sub_code)
    f = dsreg_rule_emit(
        c, "%s failed with %s, sub-error %s", what,
        dsreg_rule_explain(v->code, DSREG_CODE_DISCOVER, a, sizeof a),
        dsreg_rule_explain(v->sub_code, DSREG_CODE_DISCOVERY_SUB, b, sizeof b));
  else if (v->has_code)
    f = dsreg_rule_emit(
        c, "%s failed with %s", what,
        dsreg_rule_explain(v->code, DSREG_CODE_ANY, a, sizeof a));
  else
    f = dsreg_rule_emit(c, "%s failed", what);
  dsreg_rule_ev(f, v);
  dsreg_rule_ev(f, &c->t->diagnostic_data.user_context);
}

void dsreg_check_ad_connectivity(dsreg_rule_ctx *c) {
  test_failed(c, &c->t->diagnostic_data.ad_connectivity_test,
              "AD Connectivity Test (line of sight to a domain controller)");
}
void dsreg_check_ad_configuration(dsreg_rule_ctx *c) {
  test_failed(c, &c->t->diagnostic_data.ad_configuration_test,
              "AD Configuration Test (reading the SCP object)");
}
void dsreg_check_drs_discovery(dsreg_rule_ctx *c) {
  test_failed(c, &c->t->diagnostic_data.drs_discovery_test,
              "DRS Discovery Test");
}
void dsreg_check_drs_connectivity(dsreg_rule_ctx *c) {
  test_failed(c, &c->t->diagnostic_data.drs_connectivity_test,
              "DRS Connectivity Test");
}
void dsreg_check_token_acquisition(dsreg_rule_ctx *c) {
  test_failed(c, &c->t->diagnostic_data.token_acquisition_test,
              "Token acquisition Test (federated token for the DRS)");
}
void dsreg_check_kerberos_ticket(dsreg_rule_ctx *c) {
  test_failed(c, &c->t->diagnostic_data.kerberos_ticket_test,
              "Kerberos Ticket Test (hybrid join through Entra Kerberos)");
}

void dsreg_check_kerberos_join_code(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->diagnostic_data.client_error_code;
  char a[400];
  if (v->state != DSREG_VALUE_OK)
    return;
  const dsreg_code_info *i =
      dsreg_code_lookup_value(v->code, DSREG_CODE_KERBEROS_JOIN);
  if (!i || i->context != DSREG_CODE_KERBEROS_JOIN)
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c, "the hybrid join through Microsoft Entra Kerberos failed with %s",
      dsreg_rule_explain(v->code, DSREG_CODE_KERBEROS_JOIN, a, sizeof a));
  dsreg_rule_ev(f, v);
  if (i->remedy[0])
    dsreg_rule_remedy(f, "%s", i->remedy);
}

void dsreg_check_fallback_disabled(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->diagnostic_data.fallback_to_sync_join;
  if (!dsreg_streq_nocase(txt(v), "DISABLED"))
    return;
  dsreg_rule_ev(
      dsreg_rule_emit(
          c, "Fallback to Sync-Join is DISABLED: when the federated join "
             "fails, the device will not fall back to a join through Entra "
             "Connect sync"),
      v);
}
