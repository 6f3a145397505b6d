/*
 * references.h - the public pages that rules and error codes cite, defined
 * once for the rule table (rules.c) and the code knowledge base (codes.c).
 *
 * Private to the library.  The tags (D1, D2, ...) are those of docs/format.md,
 * 9. Sources, which docs/rules.md uses too.
 */
#ifndef DSREG_REFERENCES_H
#define DSREG_REFERENCES_H

#define DSREG_LEARN_DEVICES                                                    \
  "https://learn.microsoft.com/en-us/entra/identity/devices/"

/* D1 Troubleshoot devices by using the dsregcmd command */
#define DSREG_REF_D1 DSREG_LEARN_DEVICES "troubleshoot-device-dsregcmd"
/* D2 Troubleshoot Microsoft Entra hybrid joined devices */
#define DSREG_REF_D2                                                           \
  DSREG_LEARN_DEVICES "troubleshoot-hybrid-join-windows-current"
/* D3 Troubleshoot primary refresh token issues on Windows devices */
#define DSREG_REF_D3 DSREG_LEARN_DEVICES "troubleshoot-primary-refresh-token"
/* D4 Microsoft Entra device management FAQ */
#define DSREG_REF_D4 DSREG_LEARN_DEVICES "faq"
/* D5 Understanding Primary Refresh Token */
#define DSREG_REF_D5 DSREG_LEARN_DEVICES "concept-primary-refresh-token"
/* D6 Microsoft Entra hybrid join using Microsoft Entra Kerberos */
#define DSREG_REF_D6                                                           \
  DSREG_LEARN_DEVICES "how-to-hybrid-join-using-microsoft-entra-kerberos"

/* PRT, SSO and Windows Hello pages of the PRT/SSO/WHfB rules. */
/* Plan your Microsoft Entra hybrid join implementation (UPN support table) */
#define DSREG_REF_HYBRID_PLAN DSREG_LEARN_DEVICES "hybrid-join-plan"
/* How SSO to on-premises resources works on Microsoft Entra joined devices */
#define DSREG_REF_SSO_ONPREM                                                   \
  DSREG_LEARN_DEVICES "device-sso-to-on-premises-resources"
/* Microsoft Entra authentication and authorization error codes (AADSTS) */
#define DSREG_REF_AADSTS                                                       \
  "https://learn.microsoft.com/en-us/entra/identity-platform/"                 \
  "reference-error-codes"
/* NTSTATUS values (MS-ERREF 2.3.1): names of the PRT attempt statuses that
 * D3 does not list. */
#define DSREG_REF_NTSTATUS                                                     \
  "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-erref/"    \
  "596a1078-e883-4972-9bbc-49e60bebca55"
/* COM error codes (TPM, PLA, FVE) and TBS return codes */
#define DSREG_REF_TPM_ERRORS                                                   \
  "https://learn.microsoft.com/en-us/windows/win32/com/com-error-codes-6"
#define DSREG_REF_TBS                                                          \
  "https://learn.microsoft.com/en-us/windows/win32/tbs/tbs-return-codes"
/* MDM registration error values, and Intune's Windows enrollment errors */
#define DSREG_REF_MDM_ERRORS                                                   \
  "https://learn.microsoft.com/en-us/windows/win32/mdmreg/"                    \
  "mdm-registration-constants"
#define DSREG_REF_INTUNE_ENROLL                                                \
  "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/"                 \
  "device-enrollment/troubleshoot-windows-enrollment-errors"
/* Windows Autopilot known issues */
#define DSREG_REF_AUTOPILOT_ISSUES                                             \
  "https://learn.microsoft.com/en-us/autopilot/known-issues"
/* Troubleshoot Microsoft Entra pass-through authentication */
#define DSREG_REF_PTA                                                          \
  "https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/"           \
  "tshoot-connect-pass-through-authentication"
#define DSREG_LEARN_WHFB                                                       \
  "https://learn.microsoft.com/en-us/windows/security/identity-protection/"    \
  "hello-for-business/"
/* Windows Hello for Business cloud Kerberos trust deployment */
#define DSREG_REF_WHFB_CLOUD_KERBEROS                                          \
  DSREG_LEARN_WHFB "deploy/hybrid-cloud-kerberos-trust"
/* PIN reset (destructive and non-destructive) */
#define DSREG_REF_WHFB_PIN_RESET DSREG_LEARN_WHFB "pin-reset"

/* Windows Hello for Business errors during PIN creation: the codes of
 * Windows Hello provisioning. */
#define DSREG_REF_WHFB_ERRORS                                                  \
  "https://learn.microsoft.com/en-us/windows/security/identity-protection/"    \
  "hello-for-business/hello-errors-during-pin-creation"
/* WinHTTP error messages: D2 and D3 point here for the full list. */
#define DSREG_REF_WINHTTP                                                      \
  "https://learn.microsoft.com/en-us/windows/win32/winhttp/error-messages"

#endif
