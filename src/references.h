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

/* Plan your Microsoft Entra hybrid join implementation: dual state and the
 * automatic clean-up of registered state. */
#define DSREG_REF_HYBRID_PLAN DSREG_LEARN_DEVICES "hybrid-join-plan"

/* Windows Hello for Business errors during PIN creation: the codes of
 * Windows Hello provisioning. */
#define DSREG_REF_WHFB_ERRORS                                                  \
  "https://learn.microsoft.com/en-us/windows/security/identity-protection/"    \
  "hello-for-business/hello-errors-during-pin-creation"
/* WinHTTP error messages: D2 and D3 point here for the full list. */
#define DSREG_REF_WINHTTP                                                      \
  "https://learn.microsoft.com/en-us/windows/win32/winhttp/error-messages"

#endif
