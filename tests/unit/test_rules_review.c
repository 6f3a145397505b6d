/*
 * test_rules_review.c - issue 11, the review of the other engineers' work
 * against the pages: remedies that are safe for the join type at hand
 * (cert-expired, cert-validity-invalid, join-state-contradictory), a scan
 * of every default remedy, and whfb-will-provision.
 *
 * Sources quoted: D1 https://learn.microsoft.com/en-us/entra/identity/devices/
 * troubleshoot-device-dsregcmd, D4 .../faq (see src/references.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture_util.h"
#include "dsreg/rules.h"

#define ENTRA "fixtures/synthetic/entra_joined_healthy.txt"
#define HYBRID "fixtures/synthetic/hybrid_joined_healthy.txt"
#define E_NOW "2025-03-02T08:00:01Z"
#define H_NOW "2025-03-05T09:30:00Z"
/* a validity that ended before both reference times, and a reversed one */
#define EXPIRED "[ 2015-02-12 09:14:33.000 UTC -- 2025-02-12 09:44:33.000 UTC ]"
#define REVERSED                                                               \
  "[ 2034-02-12 09:14:33.000 UTC -- 2024-02-12 09:44:33.000 UTC ]"

static char *base(const char *rel) { return cu_read_fixture(rel); }

/* Analyzes `text` (freed) with --now `now`, checks the exact rule ids and
 * returns the finding of `rule`. */
static cu_finding check(char *text, const char *now, const char *ids,
                        const char *rule) {
  return cu_check(text, now, ids, rule);
}

static bool has(const char *s, const char *sub) { return strstr(s, sub); }

/* A remedy that filled dsreg_finding.remedy was cut short. */
static void fits(const cu_finding *f) {
  assert_true(strlen(f->remedy) < sizeof f->remedy - 1);
}

/* D4 (faq), a deleted device: hybrid joined "Enter dsregcmd.exe /debug
 * /leave"; "For Microsoft Entra joined devices ... Enter dsregcmd
 * /forcerecovery"; and "All MS-Organization-Access certificates have a
 * default lifetime of 10 years", so the clock comes first. */
static void test_cert_expired_remedy_by_join(void **state) {
  (void)state;
  cu_finding f =
      check(cu_set(base(HYBRID), "DeviceCertificateValidity", EXPIRED), H_NOW,
            "cert-expired", "cert-expired");
  assert_true(has(f.remedy, "Check the device clock first"));
  assert_true(has(f.remedy, "DeviceId"));
  assert_true(has(f.remedy, "BitLocker recovery key"));
  assert_true(has(f.remedy, "'dsregcmd /debug /leave' elevated"));
  assert_true(has(f.remedy, "no SSO until then"));
  assert_false(has(f.remedy, "/forcerecovery"));
  fits(&f);
  f = check(cu_set(base(ENTRA), "DeviceCertificateValidity", EXPIRED), E_NOW,
            "cert-expired", "cert-expired");
  assert_true(has(f.remedy, "'dsregcmd /forcerecovery' elevated"));
  /* D4: to unjoin, "make sure you have an offline local administrator
   * account" */
  assert_true(has(f.remedy, "offline local administrator account"));
  assert_false(has(f.remedy, "/leave"));
  fits(&f);
  /* the join type unknown: neither command */
  char *t = cu_set(base(ENTRA), "DeviceCertificateValidity", EXPIRED);
  f = check(cu_del(t, "DomainJoined"), E_NOW, "cert-expired", "cert-expired");
  assert_false(has(f.remedy, "/leave"));
  assert_false(has(f.remedy, "/forcerecovery"));
  /* silent: the healthy captures */
  check(base(HYBRID), H_NOW, "", NULL);
  check(base(ENTRA), E_NOW, "", NULL);
}

/* A reversed range says nothing about expiry, so it gets its own steps:
 * capture again and look at the certificate in its store (D4: Local
 * Computer\Personal\Certificates for joined devices). */
static void test_cert_validity_invalid_own_remedy(void **state) {
  (void)state;
  cu_finding f =
      check(cu_set(base(HYBRID), "DeviceCertificateValidity", REVERSED), H_NOW,
            "cert-validity-invalid", "cert-validity-invalid");
  assert_true(has(f.remedy, "Capture 'dsregcmd /status' again"));
  assert_true(has(f.remedy, "certlm.msc"));
  assert_false(has(f.remedy, "/leave"));
  assert_false(has(f.remedy, "expired"));
  const dsreg_rule *r = dsreg_rule_find("cert-validity-invalid");
  assert_non_null(r);
  assert_false(has(r->remedy, "expired certificate"));
}

/* D1: "A device can't be both EnterpriseJoined and AzureAdJoined"; the
 * repair follows the flags that are certain, D4's per join type. */
static void test_contradictory_remedy_by_flags(void **state) {
  (void)state;
  cu_finding f = check(cu_set(base(HYBRID), "EnterpriseJoined", "YES"), H_NOW,
                       "join-state-contradictory", "join-state-contradictory");
  assert_true(has(f.remedy, "BitLocker recovery key"));
  assert_true(has(f.remedy, "'dsregcmd /debug /leave' elevated"));
  assert_false(has(f.remedy, "/forcerecovery"));
  fits(&f);
  f = check(cu_set(base(ENTRA), "EnterpriseJoined", "YES"), E_NOW,
            "join-state-contradictory", "join-state-contradictory");
  assert_true(has(f.remedy, "'dsregcmd /forcerecovery' elevated"));
  assert_true(has(f.remedy, "offline local administrator"));
  assert_false(has(f.remedy, "/leave"));
  check(base(ENTRA), E_NOW, "", NULL);
}

/* Issue 11, section 2: no default remedy offers /leave without the BitLocker
 * key, none clears or disables the TPM without the BitLocker caveat, and
 * none says "lock and unlock" twice. */
static void test_default_remedies_safe(void **state) {
  (void)state;
  for (size_t i = 0; i < dsreg_rule_count(); i++) {
    const dsreg_rule *r = dsreg_rule_at(i);
    const char *m = r->remedy;
    if (has(m, "/leave") && !has(m, "BitLocker"))
      fail_msg("%s: /leave without the BitLocker recovery key", r->id);
    if ((has(m, "clear the TPM") || has(m, "Disable the TPM")) &&
        !has(m, "BitLocker"))
      fail_msg("%s: TPM step without the BitLocker caveat", r->id);
    if (strlen(m) >= 511)
      fail_msg("%s: the remedy does not fit dsreg_finding.remedy", r->id);
    const char *l = strstr(m, "lock and unlock");
    if (l && strstr(l + 1, "lock and unlock"))
      fail_msg("%s: 'lock and unlock' twice", r->id);
  }
}

/* D1: PreReqResult "Will Provision if WHFB enrollment would be launched as a
 * post-login task when the user signs in next time". */
static void test_whfb_will_provision(void **state) {
  (void)state;
  char *t = cu_set(base(HYBRID), "NgcSet", "NO");
  cu_finding f = check(cu_del(t, "NgcKeyId"), H_NOW, "whfb-will-provision",
                       "whfb-will-provision");
  assert_string_equal(f.message,
                      "Windows Hello for Business is not set up for this user "
                      "yet (NgcSet NO) and its prerequisites pass "
                      "(PreReqResult WillProvision): Windows offers the setup "
                      "at the next sign-in");
  /* silent: a key is set (the healthy capture) */
  check(base(HYBRID), H_NOW, "", NULL);
  /* silent: D1 "The command must run in a user context", not as SYSTEM */
  t = cu_set(base(HYBRID), "NgcSet", "NO");
  t = cu_set(t, "Executing Account Name",
             "CONTOSO\\CONTOSO-DT117$, CONTOSO-DT117$@contoso.com");
  check(t, H_NOW, "capture-as-system", NULL);
  /* silent: WillNotProvision is whfb-will-not-provision's */
  t = cu_set(base(HYBRID), "NgcSet", "NO");
  check(cu_set(t, "PreReqResult", "WillNotProvision"), H_NOW,
        "whfb-will-not-provision", NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cert_expired_remedy_by_join),
      cmocka_unit_test(test_cert_validity_invalid_own_remedy),
      cmocka_unit_test(test_contradictory_remedy_by_flags),
      cmocka_unit_test(test_default_remedies_safe),
      cmocka_unit_test(test_whfb_will_provision),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
