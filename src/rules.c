/*
 * rules.c - the catalogue of findings: THE one list of rule ids.
 *
 * Every rule is a row of RULES below: an id, a severity, a title, the
 * condition, a default remedy, a reference, the sources it comes from, and
 * a check function in src/rules/ (one file per topic, see rule_ctx.h).  The
 * order of the rows is the order of the findings.  Sources are tagged as in
 * docs/format.md, 9. Sources: D1 is "Troubleshoot devices by using the
 * dsregcmd command", D2 "Troubleshoot Microsoft Entra hybrid joined
 * devices", D3 the PRT troubleshooting page, D4 the device FAQ, D5 the PRT
 * concept page, D5b the VDI page, D6 hybrid join through Entra Kerberos, D7
 * pending devices, DT Microsoft's DSRegTool, CMO the CMTrace Open analyzer.
 */
#include "dsreg/rules.h"

#include <string.h>

#include "references.h"
#include "rules/rule_ctx.h"

/* ---- the table ----------------------------------------------------------- */

typedef struct rule_row {
  dsreg_rule rule;
  dsreg_check_fn check;
} rule_row;

/* The rules a row follows from: a NULL-terminated list of rule ids. */
#define FOLLOWS(...) ((const char *const[]){__VA_ARGS__, NULL})

#define ERR DSREG_SEVERITY_ERROR
#define WARN DSREG_SEVERITY_WARNING
#define INFO DSREG_SEVERITY_INFO

static const rule_row RULES[] = {
    /* join state */
    {{"not-joined", WARN, "Device is not joined or registered",
      "no device join of any kind and no registered work account",
      "If this device should be managed, join it: Settings > Accounts > "
      "Access work or school > Connect (Join this device to Microsoft Entra "
      "ID), Windows Autopilot, or a domain join followed by hybrid join.",
      DSREG_REF_D1, "D1 (device state truth table)",
      "dsregcmd /status shows the join intended: AzureAdJoined, "
      "DomainJoined or WorkplaceJoined YES",
      NULL, NULL},
     dsreg_check_not_joined},
    {{"join-state-contradictory", ERR, "Join flags contradict each other",
      "AzureAdJoined and EnterpriseJoined both YES, or EnterpriseJoined YES "
      "without DomainJoined",
      "Capture 'dsregcmd /status' again straight to a file. If the flags "
      "persist, check the device object and keep the BitLocker recovery key "
      "first; the finding gives the repair for the flags that are certain "
      "(hybrid: 'dsregcmd /debug /leave'; Entra: 'dsregcmd /forcerecovery').",
      DSREG_REF_D4, "D1 (device state table), D4 (re-register by join type)",
      "a fresh capture shows one state of the device state table "
      "(AzureAdJoined, EnterpriseJoined, DomainJoined)",
      NULL, NULL},
     dsreg_check_contradictory},
    {{"dual-state", WARN, "Hybrid joined device also registered",
      "hybrid joined, WorkplaceJoined YES, and a Work Account's "
      "WorkplaceTenantId equal to TenantId",
      "Remove the registered account (Settings > Accounts > Access work or "
      "school > Disconnect) and block new ones with the policy "
      "BlockAADWorkplaceJoin=1 (HKLM\\SOFTWARE\\Policies\\Microsoft\\"
      "Windows\\WorkplaceJoin). Windows 10 1803 and later (with KB4489894) "
      "remove it themselves when the same user signs in after the hybrid "
      "join.",
      DSREG_REF_HYBRID_PLAN,
      "hybrid join planning page (dual state), D2 (ignored since 1607), DT "
      "(same-tenant check)",
      "WorkplaceJoined reads NO and no Work Account of the "
      "device's own tenant is left",
      NULL, NULL},
     dsreg_check_dual_state},
    {{"second-tenant-account", INFO,
      "Work account of another tenant registered",
      "Entra joined and WorkplaceJoined YES, or hybrid joined with a Work "
      "Account whose WorkplaceTenantId differs from TenantId",
      "Nothing to do if the user works with that organization. If the "
      "account should not be there, remove it under Settings > Accounts > "
      "Access work or school.",
      DSREG_REF_HYBRID_PLAN,
      "hybrid join planning page, DT (same-tenant check)", NULL, NULL, NULL},
     dsreg_check_second_tenant},
    {{"domain-joined-registered", INFO,
      "Domain-joined device has a registered work account",
      "domain joined only and WorkplaceJoined YES",
      "Nothing to do on Windows 10 1803 and later: the registration is "
      "removed after the hybrid join when the same user signs in. For "
      "registrations made by local accounts, or to stop new ones, remove the "
      "account (Settings > Accounts > Access work or school) and set "
      "BlockAADWorkplaceJoin=1.",
      DSREG_REF_HYBRID_PLAN, "hybrid join planning page, DT", NULL, NULL, NULL},
     dsreg_check_domain_registered},
    {{"virtual-desktop-invalid", WARN, "VDI metadata is invalid",
      "Virtual Desktop INVALID",
      "Correct the VDI metadata the provider writes (provider, persistent "
      "or non-persistent, user mode), then run 'dsregcmd /status' again.",
      DSREG_REF_D1, "D1 (Virtual Desktop)",
      "Virtual Desktop no longer reads INVALID", NULL, NULL},
     dsreg_check_virtual_desktop},
    /* hybrid join */
    {{"hybrid-join-failed", ERR, "Hybrid join failed",
      "domain joined, not Entra joined, and the pre-join diagnostics show an "
      "error phase, a client error code or a failed test (not sync pending, "
      "throttling or a forest without SCP)",
      "Look up the error phase and code in the troubleshooting guide, fix "
      "the cause, then run 'dsregcmd /join' elevated or restart.",
      DSREG_REF_D2, "D2 (error phase and client error code), D1",
      "after 'dsregcmd /join' or a restart, AzureAdJoined reads "
      "YES",
      FOLLOWS("ad-connectivity-failed", "ad-configuration-failed",
              "drs-discovery-failed", "drs-connectivity-failed",
              "token-acquisition-failed", "kerberos-ticket-test-failed",
              "entra-kerberos-join-failed", "system-context-proxy-gap",
              "system-wpad-failed"),
      "D1 (the pre-join tests are the steps of the join: a failed "
      "one stops it), D6 (the Entra Kerberos join codes and "
      "ticket test), D2 (the join runs as SYSTEM and needs a "
      "proxy there)"},
     dsreg_check_hybrid_join_failed},
    {{"hybrid-join-pending-sync", WARN, "Hybrid join waits for Entra Connect",
      "0x801c03f2 DirectoryError: the device object is not found, or "
      "AuthenticationError: the target computer's SID cannot be verified",
      "Wait for the next Microsoft Entra Connect sync cycle, or check that the "
      "computer's OU is in sync scope and that its "
      "userCertificate attribute is populated; then restart or run "
      "'dsregcmd /join' elevated.",
      DSREG_REF_D2, "D1, D2",
      "after the next sync cycle and a restart, AzureAdJoined "
      "reads YES",
      NULL, NULL},
     dsreg_check_sync_pending},
    {{"hybrid-join-throttled", INFO, "Hybrid join throttled",
      "the pre-join Server Message says the device is throttled",
      "Wait the time the message gives (usually a few minutes); the join "
      "retries at the next sign-in or restart, or run 'dsregcmd /join' "
      "elevated after the wait. Repeated throttling means something keeps "
      "retrying the join: look at the previous errors.",
      DSREG_REF_D2,
      "D2 (federated join server errors: DirectoryError, throttled; "
      "expected, retry after the cool-down)",
      NULL, NULL, NULL},
     dsreg_check_hybrid_join_throttled},
    {{"hybrid-join-not-configured", WARN, "Hybrid join not configured",
      "AD Configuration Test FAIL [0x80070002] and Client ErrorCode "
      "0x801c001d: no service connection point",
      "Normal if this forest does not use Microsoft Entra hybrid join. If "
      "the device should be hybrid joined: an Enterprise Admin configures "
      "the service connection point with Microsoft Entra Connect (or, for a "
      "targeted rollout, the client-side SCP registry values are set on the "
      "device); then AD Configuration Test must PASS.",
      DSREG_REF_D2, "D1, D2 (AD Configuration Test, 0x801c001d)",
      "AD Configuration Test reads PASS (nothing to check where "
      "hybrid join is not used)",
      NULL, NULL},
     dsreg_check_hybrid_join_not_configured},
    {{"hybrid-join-scp-wrong-tenant", ERR, "SCP names the wrong tenant",
      "AADSTS90002 in the pre-join Server Message, or 0x801c003a",
      "Have an Enterprise Admin check the tenant ID and name in the service "
      "connection point (Microsoft Entra Connect > Configure device "
      "options, or the client-side SCP registry values of a targeted "
      "rollout), then run 'dsregcmd /join' elevated.",
      DSREG_REF_D2, "D2 (AADSTS90002, 0x801c003a)",
      "DRS Discovery Test reads PASS and, after 'dsregcmd /join', "
      "AzureAdJoined YES",
      NULL, NULL},
     dsreg_check_scp_wrong_tenant},
    {{"hybrid-join-not-attempted", WARN, "Hybrid join not attempted",
      "domain joined, every pre-join test PASS, no Previous Registration, "
      "error phase or error code",
      "Check that the Automatic-Device-Join task (Task Scheduler > "
      "Microsoft > Windows > Workplace Join) is enabled and that the policy "
      "'Register domain joined computers as devices' is not disabled; then "
      "restart or run 'dsregcmd /join' elevated and check again.",
      DSREG_REF_D2, "D2 (step 2: the join was never attempted)",
      "after a restart, AzureAdJoined reads YES or Diagnostic "
      "Data shows a join attempt",
      NULL, NULL},
     dsreg_check_hybrid_join_not_attempted},
    {{"prejoin-not-system-context", INFO, "Pre-join tests not run as SYSTEM",
      "pre-join tests printed and User Context is not SYSTEM",
      "To see what the join sees, run the diagnostics as SYSTEM, e.g. "
      "'psexec -s -i cmd' then 'dsregcmd /status' (or run it elevated, "
      "which runs the tests as SYSTEM).",
      DSREG_REF_D1, "D1 (User Context: SYSTEM is closest to the join)", NULL,
      NULL, NULL},
     dsreg_check_prejoin_not_system},
    {{"ad-connectivity-failed", ERR, "No line of sight to a domain controller",
      "AD Connectivity Test FAIL",
      "Connect the device to the corporate network (or VPN) so it reaches a "
      "domain controller, then run 'dsregcmd /status' again.",
      DSREG_REF_D1, "D1, D2", "AD Connectivity Test reads PASS", NULL, NULL},
     dsreg_check_ad_connectivity},
    {{"ad-configuration-failed", ERR, "Service connection point missing",
      "AD Configuration Test FAIL",
      "Configure the service connection point (SCP) in the forest with "
      "Microsoft Entra Connect, or the client-side SCP registry keys for a "
      "targeted rollout.",
      DSREG_REF_D2, "D1, D2", "AD Configuration Test reads PASS", NULL, NULL},
     dsreg_check_ad_configuration},
    {{"drs-discovery-failed", ERR, "Device registration discovery failed",
      "DRS Discovery Test FAIL",
      "Make sure https://enterpriseregistration.windows.net is reachable in "
      "the SYSTEM context (proxy, firewall, TLS inspection) and that the SCP "
      "names the right tenant.",
      DSREG_REF_D2, "D1, D2", "DRS Discovery Test reads PASS",
      FOLLOWS("system-context-proxy-gap", "system-wpad-failed"),
      "D2 (discovery and registration requests run as SYSTEM: "
      "without a proxy in that context they fail on the network)"},
     dsreg_check_drs_discovery},
    {{"drs-connectivity-failed", ERR, "Device registration service unreachable",
      "DRS Connectivity Test FAIL",
      "Allow the device (as SYSTEM, through the proxy) to reach "
      "https://enterpriseregistration.windows.net.",
      DSREG_REF_D1, "D1", "DRS Connectivity Test reads PASS",
      FOLLOWS("system-context-proxy-gap", "system-wpad-failed"),
      "D2 (the registration service is reached as SYSTEM, through "
      "the SYSTEM proxy)"},
     dsreg_check_drs_connectivity},
    {{"token-acquisition-failed", ERR, "Federated token for the join failed",
      "Token acquisition Test FAIL",
      "Check that the federation server answers WS-Trust "
      "(windowstransport, mex) for the computer account, or let the device "
      "fall back to a sync join.",
      DSREG_REF_D1, "D1, D2",
      "Token acquisition Test reads PASS, or the device joins "
      "through sync (AzureAdJoined YES)",
      NULL, NULL},
     dsreg_check_token_acquisition},
    {{"kerberos-ticket-test-failed", WARN, "Entra Kerberos ticket test failed",
      "Kerberos Ticket Test FAIL (undocumented test of the Entra Kerberos "
      "join path)",
      "Check the Microsoft Entra Kerberos hybrid join prerequisites: the "
      "Entra Kerberos trusted domain object in the forest; the Device "
      "Registration Service principal with the SPN "
      "adrs/enterpriseregistration.windows.net and the tag "
      "KerberosPolicy:ExchangeForJwt; a domain controller on Windows Server "
      "2025 build 26100.6905 or later in the domain, reachable from the "
      "client during the join; the client on Windows 11 build 26100.6584 or "
      "later; the SCP; the KDC proxy policy where one is deployed.",
      DSREG_REF_D6,
      "D6 (prerequisites) [inferred: the test is not "
      "documented]",
      "Kerberos Ticket Test reads PASS", NULL, NULL},
     dsreg_check_kerberos_ticket},
    {{"entra-kerberos-join-failed", ERR,
      "Hybrid join through Entra Kerberos failed",
      "Client ErrorCode is one of the Entra Kerberos join codes",
      "Follow the remedy for the code in the Entra Kerberos hybrid join "
      "guide.",
      DSREG_REF_D6, "D6 (troubleshooting table)",
      "AzureAdJoined reads YES and Client ErrorCode is gone", NULL, NULL},
     dsreg_check_kerberos_join_code},
    {{"sync-join-fallback-disabled", WARN, "Fallback to sync join disabled",
      "Fallback to Sync-Join DISABLED and the federated path failed (Token "
      "acquisition Test FAIL or Error Phase auth)",
      "Unless this is intended, remove the FallbackToSyncJoin=0 value under "
      "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\CDJ so the "
      "device can join through Entra Connect sync.",
      DSREG_REF_D1, "D1 (Fallback to Sync-Join), DT",
      "Fallback to Sync-Join reads ENABLED", NULL, NULL},
     dsreg_check_fallback_disabled},
    /* device health */
    {{"device-auth-failed", ERR, "Device authentication failed",
      "DeviceAuthStatus is neither SUCCESS nor FAILED. ERROR",
      "Find the device by its DeviceId in the Microsoft Entra admin center "
      "and check whether it is disabled, deleted or pending before changing "
      "anything on the device.",
      DSREG_REF_D1, "D1 (DeviceAuthStatus), D4, D7",
      "DeviceAuthStatus reads SUCCESS", NULL, NULL},
     dsreg_check_device_auth},
    {{"device-auth-not-tested", WARN, "Device health test could not run",
      "DeviceAuthStatus FAILED. ERROR",
      "Check that the device reaches https://enterpriseregistration.windows."
      "net and https://login.microsoftonline.com as SYSTEM (proxy, "
      "firewall, TLS inspection), then run 'dsregcmd /status' again.",
      DSREG_REF_D1, "D1 (DeviceAuthStatus: the test was unable to run)",
      "DeviceAuthStatus reads SUCCESS", NULL, NULL},
     dsreg_check_device_auth_not_tested},
    {{"device-auth-status-missing", INFO, "Device health not judged",
      "Entra or hybrid joined, device details printed, no DeviceAuthStatus",
      "Capture 'dsregcmd /status' on a current Windows build, elevated, to "
      "see the device health check.",
      DSREG_REF_D1, "D1 (DeviceAuthStatus)", NULL, NULL, NULL},
     dsreg_check_device_auth_missing},
    {{"cert-expired", ERR, "Device certificate expired",
      "the end of DeviceCertificateValidity (device or work account) is "
      "before the reference time",
      "Check the device clock first. Then, after checking the device object "
      "(disabled, deleted, pending) and keeping the BitLocker recovery key, "
      "register again the way the finding gives for this join type (hybrid: "
      "'dsregcmd /debug /leave', no SSO on a managed domain until the next "
      "sync; Entra: 'dsregcmd /forcerecovery'; a work account: disconnect "
      "and connect it).",
      DSREG_REF_D4,
      "D4 (certificate lifetime), DT [inferred from the validity range]",
      "DeviceCertificateValidity ends in the future and "
      "DeviceAuthStatus reads SUCCESS",
      NULL, NULL},
     dsreg_check_cert_expired},
    {{"cert-expiring", WARN, "Device certificate expires soon",
      "DeviceCertificateValidity ends within --warn-days (" DSREG_STRINGIFY(
          DSREG_DEFAULT_WARN_DAYS) ") of the "
                                   "reference time",
      "Plan to re-register the device before the certificate expires.",
      DSREG_REF_D4, "D4, DT [inferred]",
      "DeviceCertificateValidity ends later than --warn-days from "
      "now",
      NULL, NULL},
     dsreg_check_cert_expiring},
    {{"cert-not-yet-valid", WARN, "Device certificate not yet valid",
      "DeviceCertificateValidity starts after the reference time",
      "Check the device clock (w32tm /query /status) and the capture time; a "
      "wrong clock breaks TLS and token requests too.",
      DSREG_REF_D4, "D4 [inferred: clock skew]",
      "the clock is right (w32tm /query /status) and "
      "DeviceCertificateValidity starts before Client Time",
      NULL, NULL},
     dsreg_check_cert_not_yet_valid},
    {{"cert-validity-invalid", WARN, "Device certificate validity reversed",
      "DeviceCertificateValidity (device or work account) starts after it "
      "ends",
      "Capture 'dsregcmd /status' again straight to a file. If the range is "
      "still reversed, do not act on the dates: check the certificate in the "
      "certificate store (the device's in certlm.msc, a work account's in "
      "certmgr.msc) and judge its validity there.",
      DSREG_REF_D4,
      "D4 (MS-Organization-Access certificates and their stores) [inferred: "
      "a damaged range]",
      "the certificate in the store starts before it ends", NULL, NULL},
     dsreg_check_cert_validity_invalid},
    {{"key-sign-failed", ERR, "Device keys unhealthy",
      "KeySignTest failed (not the 'MUST Run elevated' text)",
      "Capture 'dsregcmd /status' again elevated with the whole Device "
      "State: the recovery steps depend on the join type.",
      DSREG_REF_D1, "D1 (KeySignTest)",
      "KeySignTest reads PASSED in an elevated capture", NULL, NULL},
     dsreg_check_key_sign},
    {{"recovery-pending", WARN, "Device marked for recovery",
      "AadRecoveryEnabled YES",
      "Sign in to the device: recovery runs at the next sign-in and "
      "registers the device again.",
      DSREG_REF_D1, "D1 (AadRecoveryEnabled)",
      "AadRecoveryEnabled reads NO after the next sign-in",
      FOLLOWS("key-sign-failed"),
      "D1 (KeySignTest: a failed test usually marks the device "
      "for recovery; AadRecoveryEnabled YES is that mark)"},
     dsreg_check_recovery},
    {{"key-not-tpm-protected", INFO, "Device key not protected by a TPM",
      "TpmProtected NO",
      "Nothing to do unless your policy requires TPM-backed keys: check that "
      "the TPM is enabled and ready (tpm.msc) and re-register to move the "
      "key into it.",
      DSREG_REF_D2, "D2 (TPM fallback since 1809), CMO",
      "TpmProtected reads YES after the device is registered "
      "again",
      NULL, NULL},
     dsreg_check_tpm},
    {{"key-provider-unexpected", WARN, "Unexpected key storage provider",
      "KeyProvider neither Microsoft Platform Crypto Provider nor Microsoft "
      "Software Key Storage Provider",
      "Find what installed the key provider; re-register the device so its "
      "key is created by a Microsoft provider.",
      DSREG_REF_D1, "DT (key provider check)",
      "KeyProvider reads Microsoft Platform Crypto Provider or "
      "Microsoft Software Key Storage Provider",
      NULL, NULL},
     dsreg_check_key_provider},
    {{"key-provider-tpm-mismatch", WARN,
      "KeyProvider and TpmProtected disagree",
      "KeyProvider Microsoft Platform Crypto Provider with TpmProtected NO, "
      "or Microsoft Software Key Storage Provider with TpmProtected YES",
      "Capture 'dsregcmd /status' again straight to a file; if the lines "
      "still disagree, check the TPM in tpm.msc and treat the device key as "
      "not TPM-protected until it is re-registered.",
      DSREG_REF_D1, "D1 (KeyProvider, TpmProtected), DT",
      "KeyProvider and TpmProtected agree in a fresh capture", NULL, NULL},
     dsreg_check_key_provider_tpm},
    /* tenant and MDM */
    {{"mdm-urls-missing", WARN, "MDM enrollment URLs missing",
      "Entra or hybrid joined, captured in a user's context, with an empty "
      "MdmUrl",
      "If the device should be managed by Intune, configure MDM user scope "
      "(Microsoft Entra admin center > Mobility (MDM and WIP) > Microsoft "
      "Intune) and make sure the user is in scope.",
      DSREG_REF_D1, "D1 (Tenant Details)",
      "MdmUrl shows the MDM enrollment URL in the user's capture", NULL, NULL},
     dsreg_check_mdm_missing},
    {{"mdm-compliance-url-missing", INFO, "MDM compliance URL missing",
      "Entra or hybrid joined, MdmUrl set but MdmComplianceUrl empty",
      "Check the MDM application's compliance URL in Mobility (MDM and WIP).",
      DSREG_REF_D1, "D1 (Tenant Details), CMO", NULL, NULL, NULL},
     dsreg_check_compliance_missing},
    /* PRT and SSO */
    {{"prt-missing", ERR, "No Primary Refresh Token",
      "Entra or hybrid joined, captured in a user's context, AzureAdPrt NO",
      "Lock and unlock the session (or sign out and in) and check again; if "
      "it stays NO, read Attempt Status in SSO State, or the AAD Analytic "
      "log (Event Viewer > View > Show Analytic and Debug Logs; events "
      "1006/1007, the final error in 1007) and the AAD Operational log "
      "(server errors 1081/1088).",
      DSREG_REF_D3, "D2, D3 (AAD Analytic events 1006/1007)",
      "AzureAdPrt reads YES, with a recent AzureAdPrtUpdateTime",
      FOLLOWS("prt-account-state", "prt-proxy-auth-required",
              "prt-ngc-key-invalid", "prt-pta-agent", "prt-acquire-failed",
              "device-auth-failed", "key-sign-failed", "cert-expired"),
      "D1 and D3 (the PRT diagnostics say why the PRT could not "
      "be acquired), D1 (DeviceAuthStatus: a disabled or deleted "
      "device gets no PRT), D5 (the PRT is bound to the device "
      "keys: keys that cannot sign get none), D4 (an expired "
      "device certificate must be registered again) [inferred for "
      "the certificate]"},
     dsreg_check_prt_missing},
    {{"prt-times-inconsistent", WARN, "PRT times contradict each other",
      "AzureAdPrt YES, AzureAdPrtExpiryTime before AzureAdPrtUpdateTime or "
      "not about 14 days (+-1 day) after it",
      "Capture 'dsregcmd /status' again straight to a file; if the times "
      "still disagree, check the device clock (w32tm /query /status) and "
      "lock and unlock the session to renew the PRT.",
      DSREG_REF_D5, "D5 (PRT valid 14 days, renewed every 4 hours)",
      "AzureAdPrtExpiryTime is about 14 days after "
      "AzureAdPrtUpdateTime",
      NULL, NULL},
     dsreg_check_prt_times},
    {{"prt-stale", WARN, "PRT not refreshed",
      "AzureAdPrtUpdateTime more than --prt-stale-hours (" DSREG_STRINGIFY(
          DSREG_DEFAULT_PRT_STALE_HOURS) ") before the "
                                         "reference time",
      "Lock and unlock the session to force a refresh, then check "
      "AzureAdPrtUpdateTime again; if it does not move, read the AAD "
      "Operational log (server errors 1081/1088, network errors 1084) and "
      "the AAD Analytic log (events 1006/1007).",
      DSREG_REF_D3, "D2, D3, D5 (4-hour renewal)",
      "AzureAdPrtUpdateTime is less than 4 hours old",
      FOLLOWS("prt-refresh-failed", "prt-proxy-auth-required",
              "prt-account-state"),
      "D3 (the PRT is refreshed every four hours; what prevents "
      "the refresh keeps it old and lets it expire)"},
     dsreg_check_prt_stale},
    {{"prt-expired", ERR, "PRT expired",
      "AzureAdPrtExpiryTime before the reference time (times consistent)",
      "Sign out and in again with the user's Entra credentials, then check "
      "AzureAdPrt and its update time.",
      DSREG_REF_D5, "D5 (PRT lifetime) [inferred]",
      "AzureAdPrt reads YES with an AzureAdPrtExpiryTime in the "
      "future",
      FOLLOWS("prt-refresh-failed", "prt-proxy-auth-required",
              "prt-account-state"),
      "D3 (problems that prevent refreshing the PRT make it "
      "expire)"},
     dsreg_check_prt_expired},
    {{"prt-diag-other-user", INFO, "PRT diagnostics of another user",
      "PRT diagnostics present whose User Identity differs from the UPN of "
      "Executing Account Name",
      "Nothing to fix for the user who ran dsregcmd. If that other user "
      "reports sign-in problems, capture 'dsregcmd /status' in their "
      "session.",
      DSREG_REF_D1, "D1 (shared devices: diagnostics of another user)", NULL,
      NULL, NULL},
     dsreg_check_prt_other_user},
    {{"prt-acquire-failed", ERR, "Getting the PRT failed",
      "AzureAdPrt not YES and PRT diagnostics of the user who ran dsregcmd, "
      "with no more specific cause",
      "Fix the cause the server error names (AAD Operational log, events "
      "1081/1088, has it too), then lock and unlock the session and check "
      "again.",
      DSREG_REF_D3, "D1 (PRT diagnostics), D2, D3",
      "AzureAdPrt reads YES and SSO State shows no new failed "
      "attempt",
      FOLLOWS("network-error", "device-auth-failed", "key-sign-failed",
              "cert-expired"),
      "D3 (HTTP Error: a network failure of the request), D1 "
      "(DeviceAuthStatus), D5 (device keys), D4 (device "
      "certificate) [inferred for the certificate]"},
     dsreg_check_prt_acquire_failed},
    {{"prt-refresh-failed", WARN, "Refreshing the PRT failed",
      "AzureAdPrt YES and PRT diagnostics of the user who ran dsregcmd, "
      "with no more specific cause",
      "The user still has a PRT: fix the cause the server error names "
      "before the PRT expires, then lock and unlock the session and check "
      "that AzureAdPrtUpdateTime moves.",
      DSREG_REF_D5, "D1 (PRT diagnostics), D3, D5 (14-day lifetime)",
      "AzureAdPrtUpdateTime moves forward and SSO State shows no "
      "new failed attempt",
      FOLLOWS("network-error", "device-auth-failed"),
      "D3 (HTTP Error of the refresh), D1 (DeviceAuthStatus)"},
     dsreg_check_prt_refresh_failed},
    {{"prt-proxy-auth-required", ERR, "Proxy wants authentication",
      "HTTP status 407 in PRT diagnostics",
      "The outbound proxy asked for credentials (HTTP 407): let the "
      "computer and the user authenticate to it silently (integrated "
      "authentication) or exempt login.microsoftonline.com and "
      "enterpriseregistration.windows.net from proxy authentication; then "
      "lock and unlock the session.",
      DSREG_REF_D2,
      "D2, D3 (the computer account must authenticate to the proxy "
      "silently) [HTTP 407 is Proxy Authentication Required, RFC 9110]",
      "the PRT diagnostics show no HTTP status 407 and AzureAdPrt "
      "reads YES",
      NULL, NULL},
     dsreg_check_prt_proxy_auth},
    {{"prt-account-state", ERR, "User account locked, disabled or expired",
      "PRT diagnostics with AADSTS50053/50055/50057/50144/50173/50132 or "
      "Attempt Status 0xc0000072/0xc0000234/0xc0000071/0xc0000224/"
      "0xc0000193",
      "Check the account in Active Directory and in Microsoft Entra ID: "
      "unlock or enable it, or have the user change an expired password "
      "(on a synced account wait for the next sync); a revoked session "
      "needs a fresh sign-in with the password. Then sign out and in.",
      DSREG_REF_AADSTS,
      "AADSTS error codes, MS-ERREF NTSTATUS values (D3 does not list these "
      "attempt statuses)",
      "AzureAdPrt reads YES after the user signs in again", NULL, NULL},
     dsreg_check_prt_account_state},
    {{"prt-ngc-key-invalid", ERR, "Windows Hello key rejected",
      "Credential Type NGC and AADSTS130004-130008/135010/135011 in PRT "
      "diagnostics",
      "Sign in with the password once to get a PRT; then have the user set "
      "up Windows Hello again (Settings > Accounts > Sign-in options) so a "
      "new key is registered, and check that the device is still enabled "
      "in Microsoft Entra ID.",
      DSREG_REF_AADSTS,
      "D3 (Credential Type NGC), AADSTS error codes (NGC key and device)",
      "AzureAdPrt reads YES after a Windows Hello sign-in", NULL, NULL},
     dsreg_check_prt_ngc_key},
    {{"prt-pta-agent", ERR, "Pass-through authentication agent failed",
      "AADSTS80001-80099 in PRT diagnostics",
      "Check the pass-through authentication agents in the Microsoft Entra "
      "admin center (Entra Connect > Pass-through authentication): at least "
      "one active, reaching a domain controller, with a correct clock; then "
      "lock and unlock the session.",
      DSREG_REF_PTA,
      "D3 (Server Error Description), AADSTS error codes, PTA troubleshooting",
      "AzureAdPrt reads YES and an agent shows Active in the "
      "admin center",
      NULL, NULL},
     dsreg_check_prt_pta_agent},
    {{"enterprise-prt-acquire-failed", WARN, "Getting the AD FS PRT failed",
      "acquire or refresh diagnostics follow EnterprisePrt",
      "Look the Correlation ID up in the AD FS Admin event log on the "
      "federation servers for the reason; fix it, then sign out and in.",
      DSREG_REF_D1, "D1 (PRT diagnostics)",
      "EnterprisePrt reads YES and SSO State shows no new failed "
      "attempt",
      NULL, NULL},
     dsreg_check_enterprise_prt_failed},
    {{"enterprise-prt-missing", WARN, "No enterprise PRT from AD FS",
      "hybrid or DRS joined, AD FS in use (authority or certificate trust "
      "evidence), EnterprisePrt NO",
      "Check that AD FS is reachable from the device and that device "
      "authentication is enabled on AD FS; Windows Hello certificate trust "
      "needs this token (AdfsRefreshToken).",
      DSREG_REF_D1, "D1 (EnterprisePrt, AdfsRefreshToken), DT",
      "EnterprisePrt reads YES", FOLLOWS("enterprise-prt-acquire-failed"),
      "D1 (the PRT diagnostics after EnterprisePrt say why it "
      "could not be acquired)"},
     dsreg_check_enterprise_prt_missing},
    {{"wam-default-missing", WARN, "No default WAM account",
      "Entra or hybrid joined, user context, WamDefaultSet NO, or ERROR in a "
      "capture that was not run elevated",
      "Sign out and in with the Entra account; make sure the user signs in "
      "with the work account, not a local or Microsoft account.",
      DSREG_REF_D1, "D1 (WamDefaultSet), MWC, CMO", "WamDefaultSet reads YES",
      NULL, NULL},
     dsreg_check_wam},
    {{"wam-default-msa", WARN, "Default WAM account is a Microsoft account",
      "Entra or hybrid joined, user context, WamDefaultAuthority consumers",
      "Have the user sign in to Windows with the work account; remove or "
      "stop using the personal account as the default (Settings > Accounts "
      "> Email & accounts), then sign out and in and check that "
      "WamDefaultAuthority reads organizations.",
      DSREG_REF_D1, "D1 (WamDefaultSet, User State), corpus capture 08",
      "WamDefaultAuthority reads organizations", NULL, NULL},
     dsreg_check_wam_default_msa},
    {{"network-error", WARN, "Network error on a PRT request",
      "HTTP Error of the PRT diagnostics is not 0x0",
      "Check the proxy and firewall for the endpoint named, in the user's "
      "and SYSTEM contexts.",
      DSREG_REF_D3, "D3 (HTTP Error)",
      "HTTP Error reads 0x0 in the PRT diagnostics",
      FOLLOWS("system-context-proxy-gap", "system-wpad-failed"),
      "D2, D3 (PRT and registration requests need the proxy of "
      "the context they run in)"},
     dsreg_check_network_error},
    {{"upn-not-routable", WARN, "UPN suffix cannot be verified",
      "the PRT User Identity has a non-routable suffix (.local, .lan...) "
      "and is the user who ran dsregcmd (another user's attempt: "
      "prt-diag-other-user)",
      "On a managed domain a non-routable on-premises UPN is not supported: "
      "add a verified UPN suffix in AD and change the user's UPN (UPN "
      "changes need Windows 10 2004 or later). On a domain federated "
      "through AD FS, Alternate Login ID is also possible.",
      DSREG_REF_HYBRID_PLAN, "hybrid join planning (UPN support), D3",
      "the PRT User Identity has a verified suffix and AzureAdPrt "
      "reads YES",
      NULL, NULL},
     dsreg_check_upn},
    {{"builtin-administrator", WARN, "Built-in Administrator in use",
      "Executing Account Name is HOST\\Administrator, the device's own "
      "built-in Administrator (no UPN)",
      "Create another local account, make it an administrator, sign in with "
      "it and join the device from there (Settings > Accounts > Access work "
      "or school).",
      DSREG_REF_D4, "D4 (join with the local built-in administrator), DT",
      "Executing Account Name names an account other than the "
      "built-in Administrator",
      NULL, NULL},
     dsreg_check_builtin_administrator},
    {{"cloud-tgt-missing", INFO, "No Cloud Kerberos TGT",
      "Entra or hybrid joined, PRT present, CloudTgt NO",
      "Only matters if you use Microsoft Entra Kerberos for cloud resources "
      "(Azure Files); then check that it is enabled for the tenant.",
      DSREG_REF_D1, "D1 (CloudTgt), I1", NULL, NULL, NULL},
     dsreg_check_cloud_tgt},
    {{"onprem-tgt-missing", WARN, "No partial TGT for on-premises resources",
      "Entra or hybrid joined, user context, PRT present, OnPremTgt NO, and "
      "the Windows Hello check shows cloud Kerberos trust (OnPremTGT line, "
      "PolicyEnabled YES)",
      "Check that Microsoft Entra Kerberos is set up in the user's AD domain "
      "(the AzureADKerberos server object) and that the user is synced from "
      "it; hybrid joined devices also need a domain controller in sight. "
      "Then lock and unlock the session and check OnPremTgt.",
      DSREG_REF_WHFB_CLOUD_KERBEROS,
      "WHfB cloud Kerberos trust (partial TGT), SSO to on-premises "
      "resources, D1",
      "OnPremTgt reads YES", NULL, NULL},
     dsreg_check_onprem_tgt},
    /* Windows Hello */
    {{"whfb-will-not-provision", INFO, "Windows Hello will not provision",
      "PreReqResult WillNotProvision while PolicyEnabled is not NO and the "
      "check itself ran",
      "Fix the prerequisites listed, then sign out and in: provisioning "
      "starts at the next sign-in.",
      DSREG_REF_D1, "D1 (Ngc Prerequisite Check)",
      "PreReqResult reads WillProvision",
      FOLLOWS("whfb-cert-trust-not-ready", "capture-remote-session",
              "prt-missing"),
      "D1 (Ngc Prerequisite Check: AdfsRefreshToken, "
      "AdfsRaIsReady, LogonCertTemplateReady and "
      "SessionIsNotRemote are prerequisites), WHfB provisioning "
      "(the key is registered with a token obtained with the PRT)"},
     dsreg_check_whfb},
    {{"whfb-will-provision", INFO, "Windows Hello will be set up next sign-in",
      "PreReqResult WillProvision and NgcSet NO, captured in the user's "
      "context",
      "Nothing to fix: Windows offers the Windows Hello for Business setup "
      "when the user next signs in. If it is not offered then, read Event "
      "Viewer > Applications and Services Logs > Microsoft > Windows > User "
      "Device Registration > Admin for the prerequisite check.",
      DSREG_REF_D1,
      "D1 (PreReqResult Will Provision: a post-login task at the next "
      "sign-in; NgcSet), WHfB cloud Kerberos trust (the check's Admin log), "
      "CMO (ngc-will-provision)",
      NULL, NULL, NULL},
     dsreg_check_whfb_will_provision},
    {{"whfb-cert-trust-not-ready", WARN,
      "Windows Hello certificate trust not ready",
      "PolicyEnabled YES, CertEnrollment enrollment authority, and "
      "AdfsRefreshToken, AdfsRaIsReady or LogonCertTemplateReady not ready",
      "Check the enterprise PRT (AdfsRefreshToken), the AD FS registration "
      "authority and the Windows Hello logon certificate template.",
      DSREG_REF_D1, "D1 (Ngc Prerequisite Check), CMO",
      "AdfsRefreshToken, AdfsRaIsReady and LogonCertTemplateReady "
      "read YES",
      FOLLOWS("enterprise-prt-missing"),
      "D1 (AdfsRefreshToken, a prerequisite of certificate trust, "
      "is the enterprise PRT)"},
     dsreg_check_whfb_cert_trust},
    {{"ngc-prereq-check-error", INFO, "Windows Hello check could not run",
      "NgcPreReq ERROR (0x...)",
      "Run 'dsregcmd /status' again as the signed-in user (not elevated).",
      DSREG_REF_D1,
      "D1 (Ngc Prerequisite Check), corpus capture 06 [the ERROR value is "
      "undocumented]",
      NULL, NULL, NULL},
     dsreg_check_ngc_prereq_error},
    {{"whfb-postlogon-disabled", INFO, "Windows Hello waits for a trigger",
      "PolicyEnabled YES and PostLogonEnabled NO",
      "If your deployment starts Windows Hello enrollment itself, nothing "
      "to do; otherwise remove the setting that disables post-logon "
      "provisioning (DisablePostLogonProvisioning) so Windows starts it "
      "after the next sign-in.",
      DSREG_REF_D1, "D1 (PostLogonEnabled)", NULL, NULL, NULL},
     dsreg_check_whfb_postlogon},
    {{"whfb-pin-reset-destructive", INFO, "Windows Hello PIN reset destructive",
      "Entra or hybrid joined, user context, CanReset DestructiveOnly",
      "To keep the user's Hello key when a PIN is forgotten, enable the "
      "Microsoft PIN reset service for the tenant and the PIN recovery "
      "policy (EnablePinRecovery); otherwise expect users to set up Windows "
      "Hello again after a reset.",
      DSREG_REF_WHFB_PIN_RESET, "D1 (CanReset), WHfB PIN reset", NULL, NULL,
      NULL},
     dsreg_check_whfb_pin_reset},
    {{"capture-remote-session", INFO, "Captured in a remote session",
      "SessionIsNotRemote NO (not SYSTEM, the check ran)",
      "To judge Windows Hello provisioning, capture 'dsregcmd /status' at "
      "the device's console as the user, not over Remote Desktop.",
      DSREG_REF_D1, "D1 (SessionIsNotRemote)",
      "SessionIsNotRemote reads YES in a capture taken at the "
      "console",
      NULL, NULL},
     dsreg_check_remote_session},
    /* the capture */
    {{"capture-as-system", INFO, "Captured as SYSTEM",
      "Executing Account Name is a computer account or SYSTEM",
      "To judge the user's PRT and WAM state, run 'dsregcmd /status' as the "
      "signed-in user.",
      DSREG_REF_D1, "D1 (run context), CMO", NULL, NULL, NULL},
     dsreg_check_as_system},
    {{"capture-as-local-account", INFO, "Captured as a local account",
      "joined device, Executing Account Name is a local account",
      "To judge PRT and SSO, run 'dsregcmd /status' as an Entra (or synced "
      "domain) user.",
      DSREG_REF_D1, "D1 (Executing Account Name) [inferred]", NULL, NULL, NULL},
     dsreg_check_as_local},
    {{"system-context-proxy-gap", WARN, "SYSTEM has no proxy, the user has one",
      "the user's IE proxy has a server or PAC URL, the System Account's has "
      "neither, WinHTTP is DIRECT, and a join or PRT request failed on the "
      "network",
      "Give the SYSTEM context a proxy: a WinHTTP proxy ('netsh winhttp set "
      "proxy' or 'netsh winhttp import proxy source=ie' run as SYSTEM), or a "
      "WPAD/PAC that SYSTEM finds; the proxy must let the computer account "
      "through without a prompt. Then run 'dsregcmd /status' elevated again.",
      DSREG_REF_D2, "D2 (proxy in the SYSTEM context), D3",
      "'netsh winhttp show proxy' shows the proxy, and the failed "
      "test or HTTP Error passes in an elevated capture",
      NULL, NULL},
     dsreg_check_system_proxy_gap},
    {{"system-wpad-failed", WARN, "SYSTEM proxy auto-detection failed",
      "Auto Detect PAC Status failed, the System Account relies on "
      "auto-detection only, WinHTTP is DIRECT, and a join or PRT request "
      "failed on the network",
      "If this network needs a proxy, publish WPAD (DHCP or DNS) so SYSTEM "
      "finds the PAC file, or set a WinHTTP proxy for the SYSTEM context; "
      "if it needs none, look at the firewall for the failed endpoint "
      "instead.",
      DSREG_REF_D2, "D2 (proxy in the SYSTEM context), WinHTTP errors",
      "Auto Detect PAC Status no longer failed, or a WinHTTP "
      "proxy is set, and the failed request passes",
      NULL, NULL},
     dsreg_check_system_wpad},
    {{"capture-incomplete", WARN, "Capture incomplete",
      "Device State, User State or SSO State missing, or the capture ends "
      "in an empty section",
      "Save the whole output again: dsregcmd /status > status.txt (cmd) or "
      "dsregcmd /status | Out-File status.txt (PowerShell).",
      DSREG_REF_D1,
      "D1 (the sections of the output), docs/format.md §4 (Captures and "
      "sections)",
      "the new capture has Device State, User State and SSO State", NULL, NULL},
     dsreg_check_incomplete},
    /* Must stay the last row: it reports what the rows above could not
     * decide (rules/not_judged.c). */
    {{"checks-not-run", INFO, "Checks not judged",
      "a check needs what the capture does not give: a reference time for "
      "dates (no Client Time, no --now), the user's context (taken as "
      "SYSTEM, the computer account or a local account), an elevated or "
      "un-elevated run, or a value that parses",
      "Capture 'dsregcmd /status' again as the signed-in user, straight to "
      "a file, and give --now with the time it was taken.",
      DSREG_REF_D1,
      "D1 (run as a user account; KeySignTest; Client Time), "
      "docs/format.md §7 (Value types)",
      NULL, NULL, NULL},
     dsreg_check_not_run},
};

#define RULE_COUNT (sizeof RULES / sizeof RULES[0])

size_t dsreg_rule_count(void) { return RULE_COUNT; }

const dsreg_rule *dsreg_rule_at(size_t i) {
  return i < RULE_COUNT ? &RULES[i].rule : NULL;
}

size_t dsreg_rule_index(const char *id) {
  /* A finding's id is the row's own pointer: found without comparing text.
   * An id from elsewhere (a caller's copy, a command line) is compared by
   * text after that. */
  for (size_t i = 0; id && i < RULE_COUNT; i++)
    if (RULES[i].rule.id == id)
      return i;
  for (size_t i = 0; id && i < RULE_COUNT; i++)
    if (strcmp(RULES[i].rule.id, id) == 0)
      return i;
  return RULE_COUNT;
}

const dsreg_rule *dsreg_rule_find(const char *id) {
  return dsreg_rule_at(dsreg_rule_index(id));
}

const dsreg_rule *dsreg_rule_row(size_t i, dsreg_check_fn *check) {
  if (i >= RULE_COUNT)
    return NULL;
  *check = RULES[i].check;
  return &RULES[i].rule;
}

/* The rule set is indexed by catalogue position: the capacity is public
 * ABI, so the catalogue must stay below it with room to grow. */
_Static_assert(RULE_COUNT + 32 <= DSREG_RULE_SET_CAPACITY,
               "DSREG_RULE_SET_CAPACITY leaves too little room for new rules");

void dsreg_rule_set_clear(dsreg_rule_set *set) {
  if (set)
    memset(set, 0, sizeof *set);
}

dsreg_status dsreg_rule_set_add(dsreg_rule_set *set, const char *id) {
  size_t i = dsreg_rule_index(id);
  if (!set || i == RULE_COUNT)
    return DSREG_EINVAL;
  set->bits[i / 32] |= UINT32_C(1) << (i % 32);
  return DSREG_OK;
}

static bool has_index(const dsreg_rule_set *set, size_t i) {
  return set && i < RULE_COUNT && (set->bits[i / 32] >> (i % 32) & 1u);
}

bool dsreg_rule_set_has(const dsreg_rule_set *set, const char *id) {
  return has_index(set, dsreg_rule_index(id));
}

size_t dsreg_rule_set_count(const dsreg_rule_set *set) {
  size_t n = 0;
  for (size_t i = 0; i < RULE_COUNT; i++)
    n += has_index(set, i);
  return n;
}
