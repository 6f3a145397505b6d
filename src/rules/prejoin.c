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

/* ASCII case-insensitive strstr, for server messages. */
static bool has_nocase(const char *s, const char *lit) {
  for (; *s; s++) {
    size_t i = 0;
    while (lit[i] && dsreg_ascii_lower((unsigned char)s[i]) ==
                         dsreg_ascii_lower((unsigned char)lit[i]))
      i++;
    if (!lit[i])
      return true;
  }
  return false;
}

/* D2: a DirectoryError saying the device "is throttled temporarily" is
 * expected after repeated attempts; the join retries after the cool-down. */
static bool throttled(const dsreg_rule_ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  return has_nocase(txt(&d->server_message), "throttled");
}

/* D2: AuthenticationError "... verification of the target computer's SID"
 * ordinarily means that Entra Connect has not synced the computer yet. */
static bool sid_pending(const dsreg_rule_ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  const char *msg = txt(&d->server_message);
  return dsreg_streq_nocase(txt(&d->server_error_code),
                            "AuthenticationError") &&
         has_nocase(msg, "target computer") && strstr(msg, "SID");
}

/* No SCP in the forest: AD Configuration Test FAIL [0x80070002] with the
 * discover error 0x801c001d.  Normal where hybrid join is not used. */
static bool no_scp(const dsreg_rule_ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  const dsreg_value *t = &d->ad_configuration_test;
  return t->state == DSREG_VALUE_OK && t->test == DSREG_TEST_FAIL &&
         t->has_code && t->code == 0x80070002u &&
         d->client_error_code.state == DSREG_VALUE_OK &&
         d->client_error_code.code == 0x801c001du;
}

/* The SCP names a tenant that does not exist (D2: AADSTS90002 in a
 * sync-join server error, or 0x801c003a DSREG_DISCOVERY_TENANT_NOT_FOUND). */
static bool scp_wrong_tenant(const dsreg_rule_ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  const dsreg_value *t = &d->drs_discovery_test;
  return strstr(txt(&d->server_message), "AADSTS90002") ||
         (d->client_error_code.state == DSREG_VALUE_OK &&
          d->client_error_code.code == 0x801c003au) ||
         (t->state == DSREG_VALUE_OK && t->has_code && t->code == 0x801c003au);
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
static bool prejoin(dsreg_rule_ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  dsreg_join_type jt = dsreg_rule_join_type(c);
  if (jt == DSREG_JOIN_DOMAIN)
    return true;
  return jt == DSREG_JOIN_UNKNOWN &&
         !dsreg_capture_section(c->cap, DSREG_SECTION_DEVICE_STATE) &&
         (d->error_phase.field || d->ad_connectivity_test.field ||
          d->client_error_code.field);
}

void dsreg_check_hybrid_join_failed(dsreg_rule_ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  char code[300], when[40] = "";
  /* Causes that have a finding of their own: one finding per cause. */
  if (!prejoin(c) || sync_pending(c) || sid_pending(c) || throttled(c) ||
      no_scp(c) || scp_wrong_tenant(c))
    return;
  bool phase = dsreg_value_present(&d->error_phase);
  bool err = dsreg_rule_parsed(c, &d->client_error_code) &&
             d->client_error_code.state == DSREG_VALUE_OK &&
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
    dsreg_rule_remedy(c, f,
                      "%s Then run 'dsregcmd /join' elevated (or restart) and "
                      "check again.",
                      i->remedy);
}

void dsreg_check_sync_pending(dsreg_rule_ctx *c) {
  if (!prejoin(c) || (!sync_pending(c) && !sid_pending(c)))
    return;
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  dsreg_finding *f;
  if (sync_pending(c))
    f = dsreg_rule_emit(c,
                        "the hybrid join is waiting for Microsoft Entra "
                        "Connect: the DRS does not know this computer yet "
                        "(0x801c03f2 DirectoryError: \"%s\")",
                        txt(&d->server_message));
  else
    f = dsreg_rule_emit(c,
                        "the hybrid join is waiting for Microsoft Entra "
                        "Connect: the DRS could not verify the computer's "
                        "SID yet (%s: \"%s\")",
                        txt(&d->server_error_code), txt(&d->server_message));
  dsreg_rule_ev(f, &d->registration_type);
  dsreg_rule_ev(f, &d->error_phase);
  dsreg_rule_ev(f, &d->client_error_code);
  dsreg_rule_ev(f, &d->server_error_code);
  dsreg_rule_ev(f, &d->server_message);
}

static void test_failed(dsreg_rule_ctx *c, const dsreg_value *v,
                        const char *what) {
  char a[400], b[400];
  if (!dsreg_rule_parsed(c, v) || v->state != DSREG_VALUE_OK ||
      v->test != DSREG_TEST_FAIL)
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
  if (no_scp(c))
    return; /* hybrid-join-not-configured */
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
  if (!dsreg_rule_parsed(c, v) || v->state != DSREG_VALUE_OK)
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
    dsreg_rule_remedy(c, f, "%s", i->remedy);
}

void dsreg_check_fallback_disabled(dsreg_rule_ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  const dsreg_value *v = &d->fallback_to_sync_join;
  /* D1: sync join is the fallback when authentication fails; the switch
   * matters only when the federated path did fail. */
  bool auth_failed = (d->token_acquisition_test.state == DSREG_VALUE_OK &&
                      d->token_acquisition_test.test == DSREG_TEST_FAIL) ||
                     dsreg_streq_nocase(txt(&d->error_phase), "auth");
  if (!dsreg_streq_nocase(txt(v), "DISABLED") || !auth_failed)
    return;
  dsreg_rule_ev(
      dsreg_rule_emit(
          c, "Fallback to Sync-Join is DISABLED: when the federated join "
             "fails, the device will not fall back to a join through Entra "
             "Connect sync"),
      v);
}

void dsreg_check_hybrid_join_throttled(dsreg_rule_ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  if (!prejoin(c) || !throttled(c))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c,
      "the registration service throttled the hybrid join after repeated "
      "attempts (%s: \"%s\"): it is retried once the wait is over",
      txt(&d->server_error_code), txt(&d->server_message));
  dsreg_rule_ev(f, &d->client_error_code);
  dsreg_rule_ev(f, &d->server_error_code);
  dsreg_rule_ev(f, &d->server_message);
}

void dsreg_check_hybrid_join_not_configured(dsreg_rule_ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  if (!prejoin(c) || !no_scp(c))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c, "hybrid join is not configured for this device: AD Configuration "
         "Test found no service connection point (FAIL [0x80070002]) and "
         "the join stopped with 0x801c001d, which is normal in a forest "
         "that does not use Microsoft Entra hybrid join");
  dsreg_rule_ev(f, &d->ad_configuration_test);
  dsreg_rule_ev(f, &d->error_phase);
  dsreg_rule_ev(f, &d->client_error_code);
}

void dsreg_check_scp_wrong_tenant(dsreg_rule_ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  char a[400];
  if (!prejoin(c) || !scp_wrong_tenant(c))
    return;
  dsreg_finding *f;
  if (strstr(txt(&d->server_message), "AADSTS90002"))
    f = dsreg_rule_emit(c,
                        "the registration service does not know the tenant "
                        "that the service connection point names (\"%s\")",
                        txt(&d->server_message));
  else
    f = dsreg_rule_emit(
        c,
        "device registration discovery did not find the tenant that the "
        "service connection point names: %s",
        dsreg_rule_explain(0x801c003au, DSREG_CODE_DISCOVER, a, sizeof a));
  dsreg_rule_ev(f, &d->drs_discovery_test);
  dsreg_rule_ev(f, &d->client_error_code);
  dsreg_rule_ev(f, &d->server_message);
}

static bool test_passed(const dsreg_value *v) {
  return v->state == DSREG_VALUE_OK && v->test == DSREG_TEST_PASS;
}

void dsreg_check_hybrid_join_not_attempted(dsreg_rule_ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  if (dsreg_rule_join_type(c) != DSREG_JOIN_DOMAIN ||
      !test_passed(&d->ad_connectivity_test) ||
      !test_passed(&d->ad_configuration_test) ||
      !test_passed(&d->drs_discovery_test) ||
      !test_passed(&d->drs_connectivity_test) || any_test_failed(d) ||
      d->previous_registration.field || d->error_phase.field ||
      d->client_error_code.field || d->server_error_code.field)
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c, "the device is domain joined and every pre-join test passed, but "
         "there is no previous registration attempt and no error: the "
         "device has not tried to hybrid join yet");
  dsreg_rule_ev(f, &d->ad_configuration_test);
  dsreg_rule_ev(f, &d->drs_discovery_test);
  dsreg_rule_ev(f, &d->user_context);
}

void dsreg_check_prejoin_not_system(dsreg_rule_ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  const dsreg_value *u = &d->user_context;
  const dsreg_value *tests[] = {
      &d->ad_connectivity_test, &d->ad_configuration_test,
      &d->drs_discovery_test,   &d->drs_connectivity_test,
      &d->kerberos_ticket_test, &d->token_acquisition_test};
  bool ran = false;
  for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
    ran = ran || tests[i]->state == DSREG_VALUE_OK;
  if (!prejoin(c) || !ran || !dsreg_value_present(u) ||
      dsreg_streq_nocase(txt(u), "SYSTEM"))
    return;
  dsreg_rule_ev(
      dsreg_rule_emit(
          c,
          "the pre-join tests ran as %s, not as SYSTEM: the hybrid join "
          "runs as SYSTEM, so its proxy and network view can differ from "
          "what these tests saw",
          txt(u)),
      u);
}
