/*
 * code_table.c - the rows of the error-code knowledge base: data only; the
 * lookups are in codes.c.
 *
 * The rows follow the Microsoft Learn pages of docs/format.md, 9. Sources
 * (references.h).  Meanings and remedies are paraphrased, never quoted, so
 * they can be short and name the command or log to look at.
 *
 * Order matters: rows are grouped by context in enum order, and lookups
 * without a matching `prefer` return the first hit, so the registration
 * meaning of a shared number (0x801c03f2, 0x80090031, ...) wins over the
 * Windows Hello one.  Within a group, rows are sorted by code.
 */
#include "code_table.h"

#include "references.h"

/* Spelling the number once keeps `code` and `value` from drifting apart. */
#define HEX(v) #v, v
#define DEC(v) #v, v
#define TXT(s) s, 0

/* Remedies shared by many rows; each says where to look next. */
#define FIX_PRT_HTTP                                                           \
  "Read Server Error Code and Server Error Description (or AAD Operational "   \
  "events 1081/1088) and look the AADSTS code up; if Entra ID was not "        \
  "reached, let the computer account find and silently authenticate to the "   \
  "outbound proxy."
#define FIX_PRT_NET                                                            \
  "For a server error read Server Error Code (AAD Operational events "         \
  "1081/1088); for a network error take the URL from AAD Analytic event 1022 " \
  "and the network sub-error from AAD Operational event 1084."
#define FIX_WINHTTP                                                            \
  "Take the URL from AAD Analytic event 1022 or Operational event 1084; if "   \
  "an outbound proxy is required, make sure the computer account can "         \
  "discover it and authenticate to it silently."
#define FIX_DISC_NET                                                           \
  "Check that https://enterpriseregistration.windows.net and "                 \
  "https://login.microsoftonline.com are reachable in the SYSTEM context "     \
  "(run dsregcmd /status elevated; check proxy and firewall)."
#define FIX_DRS_NET                                                            \
  "Check connectivity to https://enterpriseregistration.windows.net in the "   \
  "SYSTEM context (proxy, firewall, DNS)."
#define FIX_MEX                                                                \
  "Fix the federation service's MEX configuration so it publishes the "        \
  "endpoint URLs, and make sure no proxy rewrites the response."
#define FIX_WHFB_UNKNOWN                                                       \
  "No specific fix is documented: retry, sign out and in, reboot, then "       \
  "collect logs for Microsoft Support."
#define FIX_WHFB_SIGNIN "Sign out and sign in again, then retry the PIN setup."
/* D8 says "unjoin and rejoin"; how depends on the join type, and a hybrid
 * device cannot be disconnected from Settings. */
#define FIX_REJOIN_HOW                                                         \
  "Entra joined: disconnect it (Settings > Accounts > Access work or school; " \
  "afterwards only an offline local administrator can sign in) and join it "   \
  "again; hybrid joined: keep the BitLocker recovery key, run dsregcmd "       \
  "/debug /leave elevated and sign out and in (managed domains rejoin only "   \
  "after the next Entra Connect sync); registered: remove and re-add the "     \
  "work account."
#define FIX_WHFB_REJOIN "Re-register the device, then retry. " FIX_REJOIN_HOW
#define FIX_FPURL                                                              \
  "Open http://clientconfig.microsoftonline-p.net/FPURL.xml and check "
/* A disabled or deleted device object: check it before re-registering (D4),
 * since re-registering a device that is only disabled loses nothing but
 * re-enabling it is the fix. */
#define FIX_DEVICE_OBJECT                                                      \
  "Find the device by its DeviceId in the Entra admin center. Disabled: "      \
  "re-enable it; do not re-register. Deleted: re-register it. "                \
  "Entra joined: dsregcmd /forcerecovery; hybrid joined: keep the BitLocker "  \
  "recovery key, run dsregcmd /debug /leave elevated and sign out and in "     \
  "(managed domains rejoin only after the next Entra Connect sync); "          \
  "registered: remove and re-add the work account."
/* TLS failures of WinHTTP: a TLS-inspecting proxy and clock skew are the
 * causes the pages name (D8 for the clock). */
#define FIX_TLS                                                                \
  "Check the device clock (w32tm /query /status) and whether a proxy "         \
  "inspects TLS: exempt the Microsoft sign-in and registration endpoints "     \
  "from TLS inspection; AAD Analytic event 1022 has the URL."
#define FIX_PAC                                                                \
  "Harmless if the network needs no proxy; otherwise fix the PAC file or "     \
  "WPAD (DNS or DHCP), or set the proxy explicitly (netsh winhttp show "       \
  "proxy), so SYSTEM reaches the Microsoft endpoints."
#define FIX_PTA                                                                \
  "Check the pass-through authentication agents (Entra admin center > Entra "  \
  "Connect > Pass-through authentication): at least one active, on servers "   \
  "that can reach a domain controller of the user's forest; read the agent's " \
  "log for the failure."
#define FIX_CA                                                                 \
  "Conditional Access is evaluated for app tokens, not when a PRT is issued "  \
  "(D5): find the failed sign-in in the Entra sign-in logs (by correlation "   \
  "ID) to see which policy applied and what it requires."
#define FIX_NGC_KEY                                                            \
  "The Windows Hello key on the device no longer matches Entra ID: have the "  \
  "user sign in with the password and set up the PIN again (Settings > "       \
  "Accounts > Sign-in options)."
#define FIX_AD_ACCOUNT                                                         \
  "Check the user in Active Directory (synced users) or in Entra ID (cloud "   \
  "users)."
#define FIX_TPM_LOCKOUT                                                        \
  "Wait for the lockout to expire (the TPM forgives failures over time); do "  \
  "not clear the TPM for a lockout: that destroys every key it holds, the "    \
  "device's join keys and BitLocker's included."

const dsreg_code_info dsreg_code_table[] = {
    /* Discover phase: D2 "Discover phase", common error codes. */
    {HEX(0x801c001d), "DSREG_AUTOJOIN_ADCONFIG_READ_FAILED",
     DSREG_CODE_DISCOVER,
     "The service connection point (SCP) could not be read from Active "
     "Directory, so the tenant to join is unknown.",
     "Configure the SCP (Entra Connect > Configure device options, or the "
     "manual PowerShell steps), then rerun dsregcmd /status elevated and check "
     "AD Configuration Test.",
     DSREG_REF_D2},
    {HEX(0x801c001f), "DSREG_AUTOJOIN_DISC_WAIT_TIMEOUT", DSREG_CODE_DISCOVER,
     "Discovery of the device registration service timed out.",
     "Check that https://enterpriseregistration.windows.net is reachable in "
     "the SYSTEM context, through the outbound proxy if one is required.",
     DSREG_REF_D2},
    {HEX(0x801c0021), "DSREG_AUTOJOIN_DISC_FAILED", DSREG_CODE_DISCOVER,
     "Generic discovery failure: the registration service metadata could not "
     "be fetched.",
     "Look up the sub-error: the second code of DRS Discovery Test : FAIL "
     "[x/y] (User Device Registration event 201 before Windows 10 1803).",
     DSREG_REF_D2},
    {HEX(0x801c003d), "DSREG_AUTOJOIN_USERREALM_DISCOVERY_FAILED",
     DSREG_CODE_DISCOVER,
     "User realm discovery failed: the domain could not be classified as "
     "managed or federated.",
     "Look up the sub-error in DRS Discovery Test and check that "
     "https://login.microsoftonline.com is reachable in the SYSTEM context.",
     DSREG_REF_D2},

    /* Discovery sub-errors: D2 network, HTTP and other errors; 0x801c000c is
     * the sub-error in D1's own sample output. */
    {HEX(0x8007000d), "E_INVALIDDATA", DSREG_CODE_DISCOVERY_SUB,
     "The discovery response was not valid JSON, typically an HTML "
     "authentication page returned by a proxy.",
     "Let the SYSTEM context (computer account) discover and silently "
     "authenticate to the outbound proxy, or exempt the Microsoft "
     "registration endpoints from it.",
     DSREG_REF_D2},
    {HEX(0x80072ee2), "WININET_E_TIMEOUT", DSREG_CODE_DISCOVERY_SUB,
     "Network timeout during discovery.", FIX_DISC_NET, DSREG_REF_D2},
    {HEX(0x80072efd), "WININET_E_CANNOT_CONNECT", DSREG_CODE_DISCOVERY_SUB,
     "No connection could be made to the discovery endpoint.", FIX_DISC_NET,
     DSREG_REF_D2},
    {HEX(0x80072f8f), "WININET_E_DECODING_FAILED", DSREG_CODE_DISCOVERY_SUB,
     "The network stack could not decode the server's response, usually "
     "because a proxy changed it.",
     "Make sure no proxy or TLS-inspection device rewrites the response; the "
     "same number is also WinHTTP's TLS failure, so check the device clock "
     "too.",
     DSREG_REF_D2},
    {HEX(0x801c000c), "", DSREG_CODE_DISCOVERY_SUB,
     "Discovery failed (the sub-error only says so; seen under "
     "DSREG_AUTOJOIN_DISC_FAILED).",
     "No specific fix is documented: check that "
     "https://enterpriseregistration.windows.net is reachable as SYSTEM and "
     "that the SCP names a verified domain of the right tenant.",
     DSREG_REF_D1},
    {HEX(0x801c0025), "DSREG_SERVER_BUSY", DSREG_CODE_DISCOVERY_SUB,
     "The registration service answered HTTP 503: it is temporarily "
     "unavailable.",
     "Nothing to fix locally: the next join attempt (sign-in or the "
     "Automatic-Device-Join task) should succeed once the service is back.",
     DSREG_REF_D2},
    {HEX(0x801c003a), "DSREG_DISCOVERY_TENANT_NOT_FOUND",
     DSREG_CODE_DISCOVERY_SUB,
     "The tenant named in the SCP was not found: wrong tenant ID, or no "
     "active subscription in the tenant.",
     "Correct the tenant ID in the SCP (Entra Connect > Configure device "
     "options) and confirm the tenant has an active subscription.",
     DSREG_REF_D2},

    /* Auth phase, federated domains only: D2 "Authentication phase". */
    {HEX(0xcaa1002d), "ERROR_ADAL_OPERATION_PENDING", DSREG_CODE_AUTH,
     "Unspecified ADAL failure while getting the federated token.",
     "Read the sub-error and server error in User Device Registration event "
     "305.",
     DSREG_REF_D2},
    {HEX(0xcaa20003), "ERROR_ADAL_SERVER_ERROR_INVALID_GRANT", DSREG_CODE_AUTH,
     "Microsoft Entra ID rejected the SAML token from the on-premises "
     "identity provider.",
     "Check the federation server's claim rules for hybrid join and its "
     "authentication logs for the server error.",
     DSREG_REF_D2},
    {HEX(0xcaa82ee2), "ERROR_ADAL_INTERNET_TIMEOUT", DSREG_CODE_AUTH,
     "Network timeout while getting the federated token.",
     "Check that https://login.microsoftonline.com and the on-premises "
     "identity provider are reachable in the SYSTEM context.",
     DSREG_REF_D2},
    {HEX(0xcaa82efd), "ERROR_ADAL_INTERNET_CANNOT_CONNECT", DSREG_CODE_AUTH,
     "No connection could be made to https://login.microsoftonline.com.",
     "Check the network path (proxy, firewall, DNS) to "
     "https://login.microsoftonline.com from the SYSTEM context.",
     DSREG_REF_D2},
    {HEX(0xcaa82efe), "ERROR_ADAL_INTERNET_CONNECTION_ABORTED", DSREG_CODE_AUTH,
     "The connection to the authorization endpoint was cut.",
     "Retry the join later or from a more stable network.", DSREG_REF_D2},
    {HEX(0xcaa82f8f), "ERROR_ADAL_INTERNET_SECURE_FAILURE", DSREG_CODE_AUTH,
     "The server's TLS certificate could not be validated.",
     "Check the device clock for skew (w32tm /query /status) and any "
     "TLS-inspecting proxy, then retry.",
     DSREG_REF_D2},
    {HEX(0xcaa90006), "ERROR_ADAL_WSTRUST_TOKEN_REQUEST_FAIL", DSREG_CODE_AUTH,
     "The token endpoint returned an error when the access token was "
     "requested.",
     "Find the underlying error in the ADAL log (User Device Registration "
     "event 305).",
     DSREG_REF_D2},
    {HEX(0xcaa90014), "ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED",
     DSREG_CODE_AUTH,
     "The WS-Trust endpoint answered with a fault instead of an assertion.",
     "Check the federation server's configuration and its logs for the "
     "server error.",
     DSREG_REF_D2},
    {HEX(0xcaa90017), "ERROR_ADAL_PROTOCOL_NOT_SUPPORTED", DSREG_CODE_AUTH,
     "The on-premises identity provider does not offer WS-Trust, which a "
     "federated join needs.",
     "Enable WS-Trust on the identity provider; otherwise the join depends on "
     "the sync-join fallback.",
     DSREG_REF_D2},
    {HEX(0xcaa90023), "ERROR_ADAL_COULDNOT_DISCOVER_USERNAME_PASSWORD_ENDPOINT",
     DSREG_CODE_AUTH,
     "No username/password (WS-Trust) endpoint was found in the identity "
     "provider's metadata.",
     "Enable the WS-Trust endpoints on the identity provider and check that "
     "its MEX response lists them.",
     DSREG_REF_D2},
    {HEX(0xcaa9002c), "ERROR_ADAL_FAILED_TO_PARSE_XML", DSREG_CODE_AUTH,
     "The federation service's metadata exchange (MEX) answer was not XML.",
     "Check that the MEX endpoint returns valid XML and that no proxy "
     "replaces the response.",
     DSREG_REF_D2},

    /* Join phase: D2 "Join phase" DRS, network and other errors. */
    {HEX(0x80072ee2), "WININET_E_TIMEOUT", DSREG_CODE_JOIN,
     "Network timeout while registering the device.", FIX_DRS_NET,
     DSREG_REF_D2},
    {HEX(0x80072ee7), "WININET_E_NAME_NOT_RESOLVED", DSREG_CODE_JOIN,
     "The registration server's name could not be resolved.",
     "Check DNS and proxy settings in the SYSTEM context, e.g. nslookup "
     "enterpriseregistration.windows.net.",
     DSREG_REF_D2},
    {HEX(0x80072efe), "WININET_E_CONNECTION_ABORTED", DSREG_CODE_JOIN,
     "The connection to the registration server ended abnormally.",
     "Retry the join later or from a more stable network.", DSREG_REF_D2},
    {HEX(0x801c0002), "DSREG_E_DEVICE_AUTHENTICATION_ERROR", DSREG_CODE_JOIN,
     "The registration service returned AuthenticationError with a sub-code "
     "other than DeviceNotFound (e.g. the computer SID could not be "
     "verified).",
     "Read Server ErrorCode and Server Message; a SID verification failure "
     "means Entra Connect has not synced the computer yet, so wait for the "
     "sync and the next attempt.",
     DSREG_REF_D2},
    {HEX(0x801c0006), "DSREG_E_DEVICE_INTERNALSERVICE_ERROR", DSREG_CODE_JOIN,
     "The registration service reported an error on its side.",
     "Read Server ErrorCode and Server Message in Diagnostic Data, then retry "
     "the join later.",
     DSREG_REF_D2},
    {HEX(0x801c001d), "DSREG_AUTOJOIN_ADCONFIG_READ_FAILED", DSREG_CODE_JOIN,
     "The computer object could not be read from Active Directory "
     "(User Device Registration event 220); Win32 1312 or 1317 there point "
     "to AD replication.",
     "Check AD replication (repadmin /showrepl) and retry; transient "
     "replication delays clear by themselves.",
     DSREG_REF_D2},
    {HEX(0x801c03f2), "DSREG_E_DIRECTORY_FAILURE", DSREG_CODE_JOIN,
     "The registration service returned DirectoryError.",
     "Read Server Message: device object not found means wait for Entra "
     "Connect sync; throttled means retry after about 5 minutes; AADSTS90002 "
     "means fix the tenant ID in the SCP.",
     DSREG_REF_D2},
    /* D2 lists AADSTS90002 only among the sync-join server errors: there
     * the SCP names the tenant.  Rules pass JOIN for the pre-join Server
     * Message; in PRT diagnostics the SERVER row applies. */
    {TXT("AADSTS90002"), "InvalidTenantName", DSREG_CODE_JOIN,
     "In a sync join: the tenant named in the SCP was not found, or it has no "
     "active subscription.",
     "Correct the tenant in the SCP (Entra Connect > Configure device options, "
     "or the client-side SCP registry values of a targeted rollout), check "
     "that "
     "the tenant has an active subscription, then let the join retry.",
     DSREG_REF_D2},

    /* TPM errors met while joining: D2 "Join phase", TPM errors. */
    {HEX(0x80090016), "NTE_BAD_KEYSET", DSREG_CODE_TPM,
     "The device key set does not exist: the TPM was cleared, or the image "
     "was sysprepped from a joined or registered machine.",
     "Avoid clearing the TPM; build images from a machine that was never "
     "joined or registered; users may have to remove and re-add their work "
     "accounts.",
     DSREG_REF_D2},
    {HEX(0x80090031), "NTE_AUTHENTICATION_IGNORED", DSREG_CODE_TPM,
     "The TPM is locked out (anti-hammering).",
     "Transient: wait for the lockout to expire; the join retries by itself. "
     "Do not clear the TPM for a lockout.",
     DSREG_REF_D2},
    /* TPM and TBS codes beyond D2's: the COM error codes and TBS return
     * codes pages; the remedies are the pages' meanings turned into steps. */
    {HEX(0x80280001), "TPM_E_AUTHFAIL", DSREG_CODE_TPM,
     "The TPM refused an authorization value.",
     "Reboot and retry; if it repeats, check the TPM in tpm.msc and update its "
     "firmware from the PC manufacturer.",
     DSREG_REF_TPM_ERRORS},
    {HEX(0x80280006), "TPM_E_DEACTIVATED", DSREG_CODE_TPM,
     "The TPM is deactivated.",
     "Activate the TPM in the UEFI/BIOS setup (or the manufacturer's tool), "
     "then reboot and retry.",
     DSREG_REF_TPM_ERRORS},
    {HEX(0x80280007), "TPM_E_DISABLED", DSREG_CODE_TPM, "The TPM is disabled.",
     "Enable the TPM in the UEFI/BIOS setup, then reboot and retry.",
     DSREG_REF_TPM_ERRORS},
    {HEX(0x80280009), "TPM_E_FAIL", DSREG_CODE_TPM, "A TPM operation failed.",
     "Update the TPM firmware from the PC manufacturer; Windows 10 1809 and "
     "later finish a hybrid join without the TPM when it fails.",
     DSREG_REF_TPM_ERRORS},
    {HEX(0x80280012), "TPM_E_NOSRK", DSREG_CODE_TPM,
     "The TPM has no storage root key: it has not been prepared.",
     "Run tpm.msc as an administrator and check that the TPM is ready for use "
     "(Prepare the TPM if offered), then retry.",
     DSREG_REF_TPM_ERRORS},
    {HEX(0x8028001c), "TPM_E_FAILEDSELFTEST", DSREG_CODE_TPM,
     "The TPM failed its self-test.",
     "Reboot; if it persists, the TPM needs the manufacturer's firmware update "
     "or repair.",
     DSREG_REF_TPM_ERRORS},
    {HEX(0x80280036), "TPM_E_NOTFIPS", DSREG_CODE_TPM,
     "Registration with a TPM (1.2) in FIPS mode is not supported.",
     "Update to Windows 10 1809 or later, which finishes the join without the "
     "TPM; otherwise turn FIPS mode off, or disable the TPM only after backing "
     "up the BitLocker recovery key (BitLocker will ask for it).",
     DSREG_REF_D2},
    {HEX(0x80280803), "TPM_E_DEFEND_LOCK_RUNNING", DSREG_CODE_TPM,
     "The TPM (1.2) is defending against dictionary attacks and is in a "
     "time-out period.",
     FIX_TPM_LOCKOUT, DSREG_REF_TPM_ERRORS},
    {HEX(0x80280921), "TPM_20_E_LOCKOUT", DSREG_CODE_TPM,
     "The TPM (2.0) is in dictionary-attack lockout: keys that need "
     "authorization cannot be used for now.",
     FIX_TPM_LOCKOUT, DSREG_REF_TPM_ERRORS},
    {HEX(0x80284001), "TBS_E_INTERNAL_ERROR", DSREG_CODE_TPM,
     "Internal software error in the TPM Base Services.",
     "Reboot and retry; if it persists, collect logs for Microsoft Support.",
     DSREG_REF_TBS},
    {HEX(0x80284008), "TBS_E_SERVICE_NOT_RUNNING", DSREG_CODE_TPM,
     "The TPM Base Services (TBS) service is not running and could not be "
     "started.",
     "Set the TPM Base Services service to start automatically, start it, and "
     "retry.",
     DSREG_REF_TBS},
    {HEX(0x8028400f), "TBS_E_TPM_NOT_FOUND", DSREG_CODE_TPM,
     "No compatible TPM was found on this computer.",
     "Enable the TPM in the UEFI/BIOS setup if the device has one; otherwise "
     "the keys are kept in software.",
     DSREG_REF_TBS},
    {HEX(0x80290401), "TPM_E_PCP_DEVICE_NOT_READY", DSREG_CODE_TPM,
     "The Platform Crypto Provider found the TPM not ready for use.",
     "Run tpm.msc as an administrator and check that the TPM is ready for use, "
     "then retry.",
     DSREG_REF_TPM_ERRORS},
    {HEX(0x80290407), "TPM_E_PCP_INTERNAL_ERROR", DSREG_CODE_TPM,
     "Generic TPM failure.",
     "Update to Windows 10 1809 or later, which detects TPM failures and "
     "finishes the join without the TPM; disable the TPM only if that is not "
     "possible, and only after backing up the BitLocker recovery key.",
     DSREG_REF_D2},
    {HEX(0x8029041b), "TPM_E_LOCKED_OUT", DSREG_CODE_TPM,
     "The TPM is in dictionary-attack lockout (reported by the Platform Crypto "
     "Provider).",
     FIX_TPM_LOCKOUT, DSREG_REF_TPM_ERRORS},

    /* PRT Attempt Status: D3 status, CloudAP and XML codes.  D3 gives
     * 0x800484c1 as another spelling of 0xc00484c1. */
    {HEX(0x800484c1), "AAD_CLOUDAP_E_WSTRUST_SAML_TOKENS_ARE_EMPTY",
     DSREG_CODE_PRT,
     "The WS-Trust endpoint returned an error instead of SAML tokens (same "
     "as 0xc00484c1).",
     "Read the WS-Trust error in AAD Operational event 1088 and make sure no "
     "proxy rewrites the response.",
     DSREG_REF_D3},
    /* NTSTATUS attempt statuses that D3 does not list: names and meanings
     * from MS-ERREF; the account-state remedies name where the account
     * lives. */
    {HEX(0xc000005e), "STATUS_NO_LOGON_SERVERS", DSREG_CODE_PRT,
     "No domain controller was available to check the sign-in.",
     "Check line of sight to a domain controller (nltest /dsgetdc:DOMAIN; "
     "connect the VPN first when off site), then retry.",
     DSREG_REF_NTSTATUS},
    {HEX(0xc000005f), "STATUS_NO_SUCH_LOGON_SESSION", DSREG_CODE_PRT,
     "User realm discovery failed: Entra ID does not know the domain of the "
     "user's UPN.",
     "Add the UPN suffix as a verified custom domain (AAD Analytic event 1144 "
     "shows the UPN); for a non-routable suffix such as .local, configure "
     "Alternate Login ID.",
     DSREG_REF_D3},
    {HEX(0xc000006a), "STATUS_WRONG_PASSWORD", DSREG_CODE_PRT,
     "Entra ID could not be reached, or Entra ID or the WS-Trust endpoint "
     "answered HTTP 400.",
     FIX_PRT_HTTP, DSREG_REF_D3},
    {HEX(0xc000006d), "STATUS_LOGON_FAILURE", DSREG_CODE_PRT,
     "Entra ID could not be reached, or Entra ID or the WS-Trust endpoint "
     "answered HTTP 400.",
     FIX_PRT_HTTP, DSREG_REF_D3},
    {HEX(0xc000006e), "STATUS_ACCOUNT_RESTRICTION", DSREG_CODE_PRT,
     "An account restriction stops the sign-in (for example workstation or "
     "blank-password restrictions).",
     FIX_AD_ACCOUNT " Look at its Log On To and account options.",
     DSREG_REF_NTSTATUS},
    {HEX(0xc000006f), "STATUS_INVALID_LOGON_HOURS", DSREG_CODE_PRT,
     "The user tried to sign in outside the allowed logon hours.",
     "Check the user's Logon Hours in Active Directory.", DSREG_REF_NTSTATUS},
    {HEX(0xc0000071), "STATUS_PASSWORD_EXPIRED", DSREG_CODE_PRT,
     "The user's password has expired.",
     "Have the user change the password (Ctrl+Alt+Del > Change a password); "
     "with password hash sync, wait for the sync.",
     DSREG_REF_NTSTATUS},
    {HEX(0xc0000072), "STATUS_ACCOUNT_DISABLED", DSREG_CODE_PRT,
     "The user account is disabled.",
     FIX_AD_ACCOUNT " Re-enable it if it should sign in; synced accounts "
                    "follow after the next Entra Connect sync.",
     DSREG_REF_NTSTATUS},
    {HEX(0xc00000be), "STATUS_BAD_NETWORK_PATH", DSREG_CODE_PRT,
     "Entra ID or the WS-Trust endpoint answered with an HTTP error above "
     "400, or a required endpoint was unreachable.",
     FIX_PRT_NET, DSREG_REF_D3},
    {HEX(0xc00000c4), "STATUS_UNEXPECTED_NETWORK_ERROR", DSREG_CODE_PRT,
     "Entra ID or the WS-Trust endpoint answered with an HTTP error above "
     "400, or a required endpoint was unreachable.",
     FIX_PRT_NET, DSREG_REF_D3},
    {HEX(0xc00000d0), "STATUS_REQUEST_NOT_ACCEPTED", DSREG_CODE_PRT,
     "Entra ID or the WS-Trust endpoint answered HTTP 400.",
     "Look the AADSTS code in Server Error Description up (or read AAD "
     "Operational events 1081/1088); AAD Analytic event 1022 has the URL.",
     DSREG_REF_D3},
    {HEX(0xc0000193), "STATUS_ACCOUNT_EXPIRED", DSREG_CODE_PRT,
     "The user account has expired.",
     "Extend or clear Account expires on the user in Active Directory.",
     DSREG_REF_NTSTATUS},
    {HEX(0xc0000224), "STATUS_PASSWORD_MUST_CHANGE", DSREG_CODE_PRT,
     "The user must change the password before signing in.",
     "Have the user sign in interactively and change the password.",
     DSREG_REF_NTSTATUS},
    {HEX(0xc0000234), "STATUS_ACCOUNT_LOCKED_OUT", DSREG_CODE_PRT,
     "The user account is locked out after too many bad passwords.",
     "Unlock the account in Active Directory (or wait out the lockout "
     "duration) and find the device or app that keeps sending an old "
     "password.",
     DSREG_REF_NTSTATUS},
    {HEX(0xc000023c), "STATUS_NETWORK_UNREACHABLE", DSREG_CODE_PRT,
     "Entra ID or the WS-Trust endpoint answered with an HTTP error above "
     "400, or a required endpoint was unreachable.",
     FIX_PRT_NET, DSREG_REF_D3},
    {HEX(0xc0048442), "AAD_CLOUDAP_E_OAUTH_USER_SID_IS_EMPTY", DSREG_CODE_PRT,
     "The ID token returned by Entra ID carried no user SID.",
     "Make sure no proxy alters the server response.", DSREG_REF_D3},
    {HEX(0xc004844c), "AAD_CLOUDAP_E_OAUTH_USERNAME_IS_MALFORMED",
     DSREG_CODE_PRT,
     "The user's UPN is not an internet-style name (user@domain).",
     "Fix the UPN (whoami /upn; AAD Analytic event 1144 shows what was "
     "sent); on hybrid devices the domain controller must return it in that "
     "form; for .local suffixes configure Alternate Login ID.",
     DSREG_REF_D3},
    {HEX(0xc004848b), "AAD_CLOUDAP_E_HTTP_PASSWORD_URI_IS_EMPTY",
     DSREG_CODE_PRT,
     "The identity provider's MEX response lists no password endpoint.",
     FIX_MEX, DSREG_REF_D3},
    {HEX(0xc004848c), "AAD_CLOUDAP_E_HTTP_CERTIFICATE_URI_IS_EMPTY",
     DSREG_CODE_PRT,
     "The identity provider's MEX response lists no certificate endpoint.",
     FIX_MEX, DSREG_REF_D3},
    {HEX(0xc00484c1), "AAD_CLOUDAP_E_WSTRUST_SAML_TOKENS_ARE_EMPTY",
     DSREG_CODE_PRT,
     "The WS-Trust endpoint returned an error instead of SAML tokens.",
     "Read the WS-Trust error in AAD Operational event 1088 and make sure no "
     "proxy rewrites the response.",
     DSREG_REF_D3},
    {HEX(0xc00cee4f), "WC_E_DTDPROHIBITED", DSREG_CODE_PRT,
     "The WS-Trust XML response contained a DTD, which the client refuses.",
     "Configure the identity provider not to send a DTD; AAD Analytic event "
     "1022 shows the URL that returned it.",
     DSREG_REF_D3},

    /* Network: D3 "Common network error codes" (decimal WinHTTP codes, and
     * their HRESULT forms as dsregcmd prints them in HTTP Error), plus the
     * autoproxy code seen in Auto Detect PAC Status. */
    {DEC(12002), "ERROR_WINHTTP_TIMEOUT", DSREG_CODE_NETWORK,
     "The HTTP request timed out.", FIX_WINHTTP, DSREG_REF_D3},
    {DEC(12007), "ERROR_WINHTTP_NAME_NOT_RESOLVED", DSREG_CODE_NETWORK,
     "The server name could not be resolved.", FIX_WINHTTP, DSREG_REF_D3},
    {DEC(12029), "ERROR_WINHTTP_CANNOT_CONNECT", DSREG_CODE_NETWORK,
     "No connection could be made to the server.", FIX_WINHTTP, DSREG_REF_D3},
    {DEC(12030), "ERROR_WINHTTP_CONNECTION_ERROR", DSREG_CODE_NETWORK,
     "The connection to the server was reset or ended unexpectedly.",
     FIX_WINHTTP, DSREG_REF_D3},
    /* The TLS and proxy family of the WinHTTP error messages page: W8 of
     * the expert review (HTTP Error is a WinHTTP transport code, D1). */
    {DEC(12037), "ERROR_WINHTTP_SECURE_CERT_DATE_INVALID", DSREG_CODE_NETWORK,
     "A server certificate is outside its validity period as seen by the "
     "device clock.",
     "Check the device clock first (w32tm /query /status; w32tm /resync), "
     "then whether a TLS-inspecting proxy presents an expired certificate.",
     DSREG_REF_WINHTTP},
    {DEC(12038), "ERROR_WINHTTP_SECURE_CERT_CN_INVALID", DSREG_CODE_NETWORK,
     "The server certificate's name does not match the host name "
     "requested.",
     "A proxy or TLS-inspection device is presenting its own certificate: "
     "exempt the Microsoft sign-in and registration endpoints from TLS "
     "inspection.",
     DSREG_REF_WINHTTP},
    {DEC(12044), "ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED", DSREG_CODE_NETWORK,
     "The server asked for a client certificate.",
     "Usually a proxy or firewall demanding client certificate "
     "authentication: exempt the Microsoft endpoints; AAD Analytic event "
     "1022 has the URL.",
     DSREG_REF_WINHTTP},
    {DEC(12045), "ERROR_WINHTTP_SECURE_INVALID_CA", DSREG_CODE_NETWORK,
     "The server certificate chains to a root that the device does not "
     "trust.",
     "A TLS-inspecting proxy's root is not trusted by the computer: exempt "
     "the Microsoft endpoints from TLS inspection (or deploy that root to "
     "the machine store).",
     DSREG_REF_WINHTTP},
    {DEC(12057), "ERROR_WINHTTP_SECURE_CERT_REV_FAILED", DSREG_CODE_NETWORK,
     "Revocation could not be checked because the revocation server was "
     "unreachable.",
     "Let SYSTEM reach the CRL and OCSP URLs of the certificate chain "
     "through the proxy.",
     DSREG_REF_WINHTTP},
    {DEC(12152), "ERROR_WINHTTP_INVALID_SERVER_RESPONSE", DSREG_CODE_NETWORK,
     "The server response could not be parsed.",
     "Make sure no proxy or TLS-inspection device alters the response; AAD "
     "Analytic event 1022 has the URL.",
     DSREG_REF_WINHTTP},
    {DEC(12157), "ERROR_WINHTTP_SECURE_CHANNEL_ERROR", DSREG_CODE_NETWORK,
     "The secure channel (TLS) could not be set up.", FIX_TLS,
     DSREG_REF_WINHTTP},
    {DEC(12166), "ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT", DSREG_CODE_NETWORK,
     "The proxy auto-configuration (PAC) script failed to run.", FIX_PAC,
     DSREG_REF_WINHTTP},
    {DEC(12167), "ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT", DSREG_CODE_NETWORK,
     "The PAC file could not be downloaded.", FIX_PAC, DSREG_REF_WINHTTP},
    {DEC(12169), "ERROR_WINHTTP_SECURE_INVALID_CERT", DSREG_CODE_NETWORK,
     "The server certificate is invalid.", FIX_TLS, DSREG_REF_WINHTTP},
    {DEC(12170), "ERROR_WINHTTP_SECURE_CERT_REVOKED", DSREG_CODE_NETWORK,
     "The server certificate has been revoked.", FIX_TLS, DSREG_REF_WINHTTP},
    {DEC(12175), "ERROR_WINHTTP_SECURE_FAILURE", DSREG_CODE_NETWORK,
     "TLS validation of the server certificate failed, typically because "
     "of a TLS-inspecting proxy or a device clock that is wrong.",
     FIX_TLS, DSREG_REF_WINHTTP},
    {DEC(12178), "ERROR_WINHTTP_AUTO_PROXY_SERVICE_ERROR", DSREG_CODE_NETWORK,
     "The WinHTTP auto-proxy service could not find the proxy.", FIX_PAC,
     DSREG_REF_WINHTTP},
    {DEC(12180), "ERROR_WINHTTP_AUTODETECTION_FAILED", DSREG_CODE_NETWORK,
     "Automatic proxy detection (WPAD) found no PAC script.", FIX_PAC,
     DSREG_REF_WINHTTP},
    {HEX(0x80072ee2), "ERROR_WINHTTP_TIMEOUT", DSREG_CODE_NETWORK,
     "The HTTP request timed out (WinHTTP 12002 as an HRESULT).", FIX_WINHTTP,
     DSREG_REF_D3},
    {HEX(0x80072ee7), "ERROR_WINHTTP_NAME_NOT_RESOLVED", DSREG_CODE_NETWORK,
     "The server name could not be resolved (WinHTTP 12007 as an HRESULT).",
     FIX_WINHTTP, DSREG_REF_D3},
    {HEX(0x80072efd), "ERROR_WINHTTP_CANNOT_CONNECT", DSREG_CODE_NETWORK,
     "No connection could be made to the server (WinHTTP 12029 as an "
     "HRESULT).",
     FIX_WINHTTP, DSREG_REF_D3},
    {HEX(0x80072efe), "ERROR_WINHTTP_CONNECTION_ERROR", DSREG_CODE_NETWORK,
     "The connection was reset or ended unexpectedly (WinHTTP 12030 as an "
     "HRESULT).",
     FIX_WINHTTP, DSREG_REF_D3},
    {HEX(0x80072f05), "ERROR_WINHTTP_SECURE_CERT_DATE_INVALID",
     DSREG_CODE_NETWORK,
     "A server certificate is outside its validity period as seen by the "
     "device clock (WinHTTP 12037 as an HRESULT).",
     "Check the device clock first (w32tm /query /status; w32tm /resync), "
     "then whether a TLS-inspecting proxy presents an expired certificate.",
     DSREG_REF_WINHTTP},
    {HEX(0x80072f06), "ERROR_WINHTTP_SECURE_CERT_CN_INVALID",
     DSREG_CODE_NETWORK,
     "The server certificate's name does not match the host name requested "
     "(WinHTTP 12038 as an HRESULT).",
     "A proxy or TLS-inspection device is presenting its own certificate: "
     "exempt the Microsoft sign-in and registration endpoints from TLS "
     "inspection.",
     DSREG_REF_WINHTTP},
    {HEX(0x80072f0c), "ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED",
     DSREG_CODE_NETWORK,
     "The server asked for a client certificate (WinHTTP 12044 as an "
     "HRESULT).",
     "Usually a proxy or firewall demanding client certificate "
     "authentication: exempt the Microsoft endpoints; AAD Analytic event "
     "1022 has the URL.",
     DSREG_REF_WINHTTP},
    {HEX(0x80072f0d), "ERROR_WINHTTP_SECURE_INVALID_CA", DSREG_CODE_NETWORK,
     "The server certificate chains to a root that the device does not "
     "trust (WinHTTP 12045 as an HRESULT).",
     "A TLS-inspecting proxy's root is not trusted by the computer: exempt "
     "the Microsoft endpoints from TLS inspection (or deploy that root to "
     "the machine store).",
     DSREG_REF_WINHTTP},
    {HEX(0x80072f19), "ERROR_WINHTTP_SECURE_CERT_REV_FAILED",
     DSREG_CODE_NETWORK,
     "Revocation could not be checked because the revocation server was "
     "unreachable (WinHTTP 12057 as an HRESULT).",
     "Let SYSTEM reach the CRL and OCSP URLs of the certificate chain "
     "through the proxy.",
     DSREG_REF_WINHTTP},
    {HEX(0x80072f78), "ERROR_WINHTTP_INVALID_SERVER_RESPONSE",
     DSREG_CODE_NETWORK,
     "The server response could not be parsed (WinHTTP 12152 as an "
     "HRESULT).",
     "Make sure no proxy or TLS-inspection device alters the response; AAD "
     "Analytic event 1022 has the URL.",
     DSREG_REF_WINHTTP},
    {HEX(0x80072f7d), "ERROR_WINHTTP_SECURE_CHANNEL_ERROR", DSREG_CODE_NETWORK,
     "The secure channel (TLS) could not be set up (WinHTTP 12157 as an "
     "HRESULT).",
     FIX_TLS, DSREG_REF_WINHTTP},
    {HEX(0x80072f86), "ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT", DSREG_CODE_NETWORK,
     "The proxy auto-configuration (PAC) script failed to run (WinHTTP "
     "12166 as an HRESULT).",
     FIX_PAC, DSREG_REF_WINHTTP},
    {HEX(0x80072f87), "ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT",
     DSREG_CODE_NETWORK,
     "The PAC file could not be downloaded (WinHTTP 12167 as an HRESULT).",
     FIX_PAC, DSREG_REF_WINHTTP},
    {HEX(0x80072f89), "ERROR_WINHTTP_SECURE_INVALID_CERT", DSREG_CODE_NETWORK,
     "The server certificate is invalid (WinHTTP 12169 as an HRESULT).",
     FIX_TLS, DSREG_REF_WINHTTP},
    {HEX(0x80072f8a), "ERROR_WINHTTP_SECURE_CERT_REVOKED", DSREG_CODE_NETWORK,
     "The server certificate has been revoked (WinHTTP 12170 as an "
     "HRESULT).",
     FIX_TLS, DSREG_REF_WINHTTP},
    {HEX(0x80072f8f), "ERROR_WINHTTP_SECURE_FAILURE", DSREG_CODE_NETWORK,
     "TLS validation of the server certificate failed, typically because "
     "of a TLS-inspecting proxy or a device clock that is wrong (WinHTTP "
     "12175 as an HRESULT).",
     FIX_TLS, DSREG_REF_WINHTTP},
    {HEX(0x80072f92), "ERROR_WINHTTP_AUTO_PROXY_SERVICE_ERROR",
     DSREG_CODE_NETWORK,
     "The WinHTTP auto-proxy service could not find the proxy (WinHTTP "
     "12178 as an HRESULT).",
     FIX_PAC, DSREG_REF_WINHTTP},
    {HEX(0x80072f94), "ERROR_WINHTTP_AUTODETECTION_FAILED", DSREG_CODE_NETWORK,
     "Automatic proxy detection (WPAD) found no PAC script (WinHTTP 12180 as "
     "an HRESULT).",
     "Harmless if the network needs no proxy; otherwise publish WPAD (DNS or "
     "DHCP) or set the proxy explicitly (netsh winhttp show proxy) so SYSTEM "
     "can reach the Microsoft endpoints.",
     DSREG_REF_WINHTTP},

    /* Hybrid join through Entra Kerberos: D6 "Kerberos errors".  D6 gives no
     * fix for SEC_E_TARGET_UNKNOWN; the SPN check is the page's own setup
     * step for the principal the KDC reports as unknown. */
    {HEX(0x80090303), "SEC_E_TARGET_UNKNOWN", DSREG_CODE_KERBEROS_JOIN,
     "The KDC does not know the target service (Kerberos log: "
     "KDC_ERR_S_PRINCIPAL_UNKNOWN).",
     "No fix is documented; check that the Device Registration Service "
     "principal lists the SPN adrs/enterpriseregistration.windows.net "
     "(Get-EntraServicePrincipal).",
     DSREG_REF_D6},
    {HEX(0x8009030c), "SEC_E_LOGON_DENIED", DSREG_CODE_KERBEROS_JOIN,
     "No Kerberos key exists for the Device Registration Service principal "
     "(Kerberos log: KDC_ERR_NULL_KEY).",
     "Add the tag KerberosPolicy:ExchangeForJwt to that service principal "
     "(Set-EntraServicePrincipal -Tags).",
     DSREG_REF_D6},
    {HEX(0x80090311), "SEC_E_NO_AUTHENTICATING_AUTHORITY",
     DSREG_CODE_KERBEROS_JOIN,
     "No working Windows Server 2025 domain controller could be contacted.",
     "Deploy a Windows Server 2025 DC (build 26100.6905 or later), run "
     "EnableKerbHaadj.exe on it, keep its KDC service running and check with "
     "dcdiag that it advertises itself.",
     DSREG_REF_D6},
    {HEX(0x801c0095), "DSREG_TOKEN_MISSING_ON_PREM_ID",
     DSREG_CODE_KERBEROS_JOIN,
     "The Kerberos ticket from the on-premises KDC lacks the on-premises ID "
     "that Entra ID needs.",
     "Run EnableKerbHaadj.exe on every Windows Server 2025 domain controller "
     "of the domain, then restart them.",
     DSREG_REF_D6},

    /* Windows Hello provisioning: D8, both the table with mitigations and
     * "Errors with unknown mitigation".  Names come from winerror.h and
     * ntstatus.h where D8 gives none; D8's "NTE_NO_MEMORY" for 0x8009002a
     * is corrected to the header's name for that value. */
    {HEX(0x80070057), "E_INVALIDARG", DSREG_CODE_WHFB,
     "A parameter or argument was invalid.", FIX_WHFB_UNKNOWN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x80072f0c), "ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED", DSREG_CODE_WHFB,
     "Cause listed as unknown; the number is WinHTTP 12044, a server asking "
     "for a client certificate.",
     FIX_WHFB_UNKNOWN, DSREG_REF_WHFB_ERRORS},
    {HEX(0x80072f8f), "ERROR_WINHTTP_SECURE_FAILURE", DSREG_CODE_WHFB,
     "TLS failure, typically because the device clock and the server's "
     "differ.",
     "Correct the device clock (w32tm /resync) and retry; otherwise contact "
     "Microsoft Support.",
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x80090005), "NTE_BAD_DATA", DSREG_CODE_WHFB,
     "The key storage provider reported bad data.", FIX_WHFB_REJOIN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x8009000f), "NTE_EXISTS", DSREG_CODE_WHFB,
     "A key container or key of that name already exists.", FIX_WHFB_REJOIN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x80090010), "NTE_PERM", DSREG_CODE_WHFB,
     "The key storage provider denied access.", FIX_WHFB_UNKNOWN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x80090011), "NTE_NOT_FOUND", DSREG_CODE_WHFB,
     "The key container or key does not exist.", FIX_WHFB_REJOIN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x80090020), "NTE_FAIL", DSREG_CODE_WHFB,
     "The key storage provider failed internally.", FIX_WHFB_UNKNOWN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x80090027), "NTE_INVALID_PARAMETER", DSREG_CODE_WHFB,
     "A caller passed a wrong parameter.",
     "If third-party code gets this, that code must be fixed; otherwise "
     "contact Microsoft Support.",
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x80090029), "NTE_NOT_SUPPORTED", DSREG_CODE_WHFB,
     "The TPM is not set up.",
     "As an administrator run tpm.msc and choose Prepare the TPM.",
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x8009002a), "NTE_NO_MORE_ITEMS", DSREG_CODE_WHFB,
     "Reported by D8 as out of memory (labelled NTE_NO_MEMORY there; "
     "winerror.h names this value NTE_NO_MORE_ITEMS).",
     "Close programs that use a lot of memory and retry.",
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x8009002d), "NTE_INTERNAL_ERROR", DSREG_CODE_WHFB,
     "Internal error in the key storage provider.", FIX_WHFB_UNKNOWN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x80090031), "NTE_AUTHENTICATION_IGNORED", DSREG_CODE_WHFB,
     "The TPM ignored the request, typically because it is locked out.",
     /* D8 suggests resetting the TPM, D2 says to avoid clearing it: for a
      * lockout the cool-down is the safe step. */
     FIX_TPM_LOCKOUT, DSREG_REF_WHFB_ERRORS},
    {HEX(0x80090035), "NTE_DEVICE_NOT_FOUND", DSREG_CODE_WHFB,
     "The Windows Hello policy requires a TPM and the device has none.",
     "Change the policy (Use a hardware security device) so a TPM is not "
     "required, or use a device with a TPM.",
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x80090036), "NTE_USER_CANCELLED", DSREG_CODE_WHFB,
     "The user dismissed an interactive prompt.",
     "Retry; the user is asked again.", DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c0001), "", DSREG_CODE_WHFB,
     "The registration server's (ADRS) response is not in a valid format.",
     FIX_WHFB_UNKNOWN, DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c0002), "DSREG_E_DEVICE_AUTHENTICATION_ERROR", DSREG_CODE_WHFB,
     "The server failed to authenticate the user.", FIX_WHFB_UNKNOWN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c0003), "", DSREG_CODE_WHFB,
     "The user lacks permission to enroll.",
     "Check that the user is allowed to register devices and Windows Hello "
     "keys (Entra ID > Devices > Device settings).",
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c0006), "DSREG_E_DEVICE_INTERNALSERVICE_ERROR", DSREG_CODE_WHFB,
     "The server hit an unhandled exception.", FIX_WHFB_UNKNOWN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c000b), "", DSREG_CODE_WHFB,
     "A redirection is needed, but its target is not a well-known server.",
     FIX_WHFB_UNKNOWN, DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c000c), "", DSREG_CODE_WHFB, "Discovery failed.",
     FIX_WHFB_UNKNOWN, DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c000e), "", DSREG_CODE_WHFB,
     "The user has reached the device registration quota.",
     "Remove another device registered with the same account, or raise "
     "Maximum number of devices per user in Entra ID device settings.",
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c000f), "", DSREG_CODE_WHFB,
     "Enrollment succeeded but needs a reboot to complete.",
     "Reboot the device.", DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c0010), "", DSREG_CODE_WHFB,
     "The attestation identity key (AIK) certificate is invalid or "
     "untrusted.",
     FIX_WHFB_SIGNIN, DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c0011), "", DSREG_CODE_WHFB,
     "The transport key's attestation statement was rejected.", FIX_WHFB_SIGNIN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c0012), "", DSREG_CODE_WHFB,
     "The discovery request is malformed.", FIX_WHFB_SIGNIN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c0013), "", DSREG_CODE_WHFB, "The token carries no tenant ID.",
     FIX_WHFB_UNKNOWN, DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c0014), "", DSREG_CODE_WHFB, "The token carries no user SID.",
     FIX_WHFB_UNKNOWN, DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c0015), "", DSREG_CODE_WHFB,
     "This setup needs the device to be joined to an AD domain.",
     "Join the device to the AD domain first.", DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c0016), "", DSREG_CODE_WHFB,
     "FPURL.xml, the federation provider configuration, is empty.",
     FIX_FPURL "that the file is not empty.", DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c0017), "", DSREG_CODE_WHFB,
     "The federation provider domain (FPDOMAINNAME) is empty.",
     FIX_FPURL "that FPDOMAINNAME is not empty.", DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c0018), "", DSREG_CODE_WHFB,
     "The client configuration URL (CLIENTCONFIG) of the federation "
     "provider is missing.",
     FIX_FPURL "that CLIENTCONFIG holds a valid URL.", DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c0019), "", DSREG_CODE_WHFB,
     "The federation provider's client configuration has no content.",
     FIX_WHFB_UNKNOWN, DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c001a), "", DSREG_CODE_WHFB,
     "The federation provider client configuration has no DRS endpoint.",
     FIX_WHFB_UNKNOWN, DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c001b), "", DSREG_CODE_WHFB,
     "The device certificate was not found.", FIX_WHFB_UNKNOWN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c004d), "DSREG_NO_DEFAULT_ACCOUNT", DSREG_CODE_WHFB,
     "Provisioning found no default WAM account to request the Entra token "
     "with, so the PIN cannot be enrolled.",
     "Check WamDefaultSet in User State; no specific fix is documented: sign "
     "out and in, then contact Microsoft Support.",
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c03e9), "", DSREG_CODE_WHFB,
     "The server sent a malformed response message.", FIX_WHFB_SIGNIN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c03ea), "", DSREG_CODE_WHFB,
     "The server refused to authorize the user or device.",
     "Check that the token is valid and that the user may register Windows "
     "Hello for Business keys.",
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c03eb), "", DSREG_CODE_WHFB,
     "The server answered with an unexpected HTTP status.", FIX_WHFB_SIGNIN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c03ec), "", DSREG_CODE_WHFB,
     "The server hit an unhandled exception.", FIX_WHFB_SIGNIN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c03ed), "", DSREG_CODE_WHFB,
     "The request was refused: MFA required but not done, no token in the "
     "Authorization header, objects unreadable, an invalid request, or the "
     "user may not join devices.",
     "Sign out and in; if it persists, disconnect and rejoin the device, and "
     "allow the user to join devices in Entra ID device settings.",
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c03ee), "", DSREG_CODE_WHFB, "Attestation failed.",
     FIX_WHFB_SIGNIN, DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c03ef), "", DSREG_CODE_WHFB,
     "The AIK certificate has expired or been invalidated.", FIX_WHFB_SIGNIN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c03f0), "", DSREG_CODE_WHFB, "The user has no registered key.",
     FIX_WHFB_UNKNOWN, DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c03f1), "", DSREG_CODE_WHFB, "The token carries no UPN.",
     FIX_WHFB_UNKNOWN, DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c03f2), "DSREG_E_DIRECTORY_FAILURE", DSREG_CODE_WHFB,
     "Windows Hello key registration failed: the directory refused the write, "
     "typically because another object has the same proxyAddresses value.",
     "Resolve the duplicate proxyAddresses (Entra Connect sync errors); if "
     "there is none, make the user's mail address match the primary SMTP "
     "address in proxyAddresses.",
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c044c), "", DSREG_CODE_WHFB,
     "No core window exists for the calling thread.", FIX_WHFB_UNKNOWN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c044d), "", DSREG_CODE_WHFB,
     "The authorization token has no device ID, or no user token could be "
     "obtained.",
     "Disconnect and rejoin the device; for the user token case sign out and "
     "in and check network and credentials.",
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c044e), "", DSREG_CODE_WHFB,
     "The credentials the user entered never arrived.", FIX_WHFB_SIGNIN,
     DSREG_REF_WHFB_ERRORS},
    {HEX(0x801c0451), "", DSREG_CODE_WHFB,
     "The user token belongs to a switched account.",
     "Delete the token broker files under "
     "%LOCALAPPDATA%\\Packages\\Microsoft.AAD.BrokerPlugin_cw5n1h2txyewy\\AC\\"
     "TokenBroker\\Accounts and reboot.",
     DSREG_REF_WHFB_ERRORS},
    {HEX(0xc00000bb), "STATUS_NOT_SUPPORTED", DSREG_CODE_WHFB,
     "The domain controller does not support the PIN sign-in, usually because "
     "its KDC certificate is missing or its revocation list is unreachable.",
     "Give the domain controllers a valid KDC authentication certificate and "
     "make its CRL reachable from clients; meanwhile sign in another way.",
     DSREG_REF_WHFB_ERRORS},
    {HEX(0xcaa30193), "", DSREG_CODE_WHFB,
     "HTTP 403: the request left the device but a server, proxy or firewall "
     "refused it.",
     "Check the proxy and firewall rules for the Microsoft endpoints; "
     "otherwise contact Microsoft Support.",
     DSREG_REF_WHFB_ERRORS},

    /* Server messages: D3 "Common server error codes", the AADSTS error
     * reference (names and meanings; the codes of PRT and WAM diagnostics),
     * D4 for the device re-registration steps.  This row of AADSTS90002 is
     * the PRT meaning; the pre-join one is in the JOIN group. */
    {TXT("AADSTS130004"), "NgcKeyNotFound", DSREG_CODE_SERVER,
     "The user has no Windows Hello (NGC) key registered in Entra ID.",
     FIX_NGC_KEY, DSREG_REF_AADSTS},
    {TXT("AADSTS130005"), "NgcInvalidSignature", DSREG_CODE_SERVER,
     "The Windows Hello (NGC) key signature could not be verified.",
     FIX_NGC_KEY, DSREG_REF_AADSTS},
    {TXT("AADSTS130006"), "NgcTransportKeyNotFound", DSREG_CODE_SERVER,
     "The device has no NGC transport key configured in Entra ID.",
     "The device's registration lost its transport key: re-register the "
     "device. " FIX_REJOIN_HOW,
     DSREG_REF_AADSTS},
    {TXT("AADSTS130007"), "NgcDeviceIsDisabled", DSREG_CODE_SERVER,
     "The device of the Windows Hello key is disabled in Entra ID.",
     FIX_DEVICE_OBJECT, DSREG_REF_AADSTS},
    {TXT("AADSTS130008"), "NgcDeviceIsNotFound", DSREG_CODE_SERVER,
     "The device referenced by the Windows Hello key was not found in "
     "Entra ID.",
     FIX_DEVICE_OBJECT, DSREG_REF_AADSTS},
    {TXT("AADSTS135010"), "KeyNotFound", DSREG_CODE_SERVER,
     "The key used to sign in was not found in Entra ID.", FIX_NGC_KEY,
     DSREG_REF_AADSTS},
    {TXT("AADSTS135011"), "", DSREG_CODE_SERVER,
     "The device used to sign in is disabled in Entra ID.", FIX_DEVICE_OBJECT,
     DSREG_REF_AADSTS},
    {TXT("AADSTS240001"), "BulkAADJTokenUnauthorized", DSREG_CODE_SERVER,
     "The user is not authorized to register devices in Entra ID.",
     "Allow the user (or the provisioning package account) to join "
     "devices: Entra ID > Devices > Device settings.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS50034"), "UserAccountNotFound", DSREG_CODE_SERVER,
     "Entra ID has no such user in this tenant.",
     "Check the UPN the user typed (AAD Analytic event 1144) and that the "
     "on-premises account is synced to Entra ID.",
     DSREG_REF_D3},
    {TXT("AADSTS50053"), "", DSREG_CODE_SERVER,
     "The account is locked after too many failed sign-ins (smart "
     "lockout), or the sign-in came from an IP address with malicious "
     "activity.",
     "Read the failure reason of the sign-in with error 50053 in the Entra "
     "sign-in logs; for a lockout, wait it out or unblock the user, and "
     "find the device or app sending an old password.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS50055"), "InvalidPasswordExpiredPassword", DSREG_CODE_SERVER,
     "The user's password has expired.",
     "Have the user change the password (self-service reset or an "
     "administrator), then retry.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS50056"), "", DSREG_CODE_SERVER,
     "The directory holds no password for this user.",
     "Have the user enter the password again; for a synced user check that "
     "password hash sync or pass-through authentication covers the "
     "account.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS50057"), "UserDisabled", DSREG_CODE_SERVER,
     "The user account is disabled.",
     "Re-enable the account (in Active Directory for synced users, then "
     "wait for the sync; in Entra ID for cloud users).",
     DSREG_REF_AADSTS},
    {TXT("AADSTS50059"), "MissingTenantRealmAndNoUserInformationProvided",
     DSREG_CODE_SERVER,
     "Neither the request nor the credentials identify the tenant.",
     "Check the UPN the device sent (AAD Analytic event 1144) and that its "
     "suffix is a verified domain of the tenant.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS50064"), "CredentialAuthenticationError", DSREG_CODE_SERVER,
     "Validation of the username or password failed.",
     "Have the user retype the password; with pass-through authentication "
     "check the agents.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS50076"), "UserStrongAuthClientAuthNRequired", DSREG_CODE_SERVER,
     "Multifactor authentication is required (Conditional Access, per-user "
     "MFA or a new location).",
     FIX_CA, DSREG_REF_AADSTS},
    {TXT("AADSTS50079"), "UserStrongAuthEnrollmentRequired", DSREG_CODE_SERVER,
     "The user must register for multifactor authentication (managed "
     "users) or bring the MFA claim from the federation service (federated "
     "users).",
     "Have the user register security info "
     "(https://aka.ms/mysecurityinfo); for federated domains check that "
     "the federation service issues the MFA claim.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS50097"), "DeviceAuthenticationRequired", DSREG_CODE_SERVER,
     "Device authentication is required but was not provided.",
     "Check that the device is joined or registered and healthy: "
     "DeviceAuthStatus SUCCESS in dsregcmd /status; in a browser, use a "
     "supported one signed in to Windows.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS50107"), "InvalidRealmUri", DSREG_CODE_SERVER,
     "The requested federation realm object does not exist.",
     "Check the federation settings of the domain "
     "(Get-MgDomainFederationConfiguration) against the AD FS "
     "configuration.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS50126"), "InvalidUserNameOrPassword", DSREG_CODE_SERVER,
     "Invalid username or password; on a hybrid device with password hash "
     "sync, possibly a new password not synced yet.",
     "Have the user retype the password; after a password change wait for "
     "the sync to finish so that a fresh PRT can be issued.",
     DSREG_REF_D3},
    {TXT("AADSTS50128"), "", DSREG_CODE_SERVER,
     "Invalid domain name: nothing in the request or credentials "
     "identifies the tenant.",
     "Check the UPN suffix the user signed in with: it must be a verified "
     "domain of the tenant.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS50131"), "ConditionalAccessFailed", DSREG_CODE_SERVER,
     "A Conditional Access error: bad Windows device state, suspicious "
     "activity, or an access or security policy decision.",
     FIX_CA, DSREG_REF_AADSTS},
    {TXT("AADSTS50132"), "SsoArtifactInvalidOrExpired", DSREG_CODE_SERVER,
     "The session is no longer valid because the password expired or was "
     "changed recently.",
     "Have the user sign in again with the current password.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS50133"), "SsoArtifactRevoked", DSREG_CODE_SERVER,
     "The session was revoked because the password expired or was changed "
     "recently.",
     "Have the user sign in again with the current password; with password "
     "hash sync, wait for the new password to sync.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS50144"), "InvalidPasswordExpiredOnPremPassword",
     DSREG_CODE_SERVER, "The user's Active Directory password has expired.",
     "Have the user change the password on a domain-connected device "
     "(Ctrl+Alt+Del > Change a password) or through self-service password "
     "reset.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS50155"), "DeviceAuthenticationFailed", DSREG_CODE_SERVER,
     "Device authentication failed: the device is disabled or deleted in "
     "Entra ID.",
     FIX_DEVICE_OBJECT, DSREG_REF_D4},
    {TXT("AADSTS50173"), "FreshTokenNeeded", DSREG_CODE_SERVER,
     "The grant was revoked (an administrator or the user revoked the "
     "sessions): a fresh sign-in is needed.",
     "Nothing to fix on the device: the next sign-in with the password gets "
     "new tokens; if nobody revoked the sessions, check the audit log.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS50187"), "DeviceInformationNotProvided", DSREG_CODE_SERVER,
     "The service could not perform device authentication.",
     "Check DeviceAuthStatus in dsregcmd /status; if the device is not "
     "healthy, see the device findings first.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS53003"), "BlockedByConditionalAccess", DSREG_CODE_SERVER,
     "A Conditional Access policy blocked the token.", FIX_CA,
     DSREG_REF_AADSTS},
    {TXT("AADSTS700082"), "ExpiredOrRevokedGrantInactiveToken",
     DSREG_CODE_SERVER,
     "The refresh token expired because it was not used for a long time.",
     "Expected after a long absence: have the user sign in again.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS70043"), "BadTokenDueToSignInFrequency", DSREG_CODE_SERVER,
     "The refresh token expired under a Conditional Access sign-in "
     "frequency policy.",
     "Have the user sign in again; if that is unexpected, check the "
     "sign-in frequency setting of the policy in the sign-in logs.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS80001"), "OnPremiseStoreIsNotAvailable", DSREG_CODE_SERVER,
     "The pass-through authentication agent cannot connect to Active "
     "Directory.",
     FIX_PTA, DSREG_REF_AADSTS},
    {TXT("AADSTS80002"), "OnPremisePasswordValidatorRequestTimedout",
     DSREG_CODE_SERVER,
     "The pass-through authentication password check timed out.", FIX_PTA,
     DSREG_REF_AADSTS},
    {TXT("AADSTS80005"), "OnPremisePasswordValidatorUnpredictableWebException",
     DSREG_CODE_SERVER,
     "Unknown error processing the pass-through authentication agent's "
     "response.",
     "Retry; if it persists, check the agents and open a support request "
     "with the correlation ID.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS80007"), "OnPremisePasswordValidatorErrorOccurredOnPrem",
     DSREG_CODE_SERVER,
     "The pass-through authentication agent could not validate the "
     "password.",
     FIX_PTA, DSREG_REF_AADSTS},
    {TXT("AADSTS80010"), "OnPremisePasswordValidationEncryptionException",
     DSREG_CODE_SERVER,
     "The pass-through authentication agent could not decrypt the "
     "password.",
     FIX_PTA, DSREG_REF_AADSTS},
    {TXT("AADSTS80012"), "OnPremisePasswordValidationAccountLogonInvalidHours",
     DSREG_CODE_SERVER,
     "The user signed in outside the logon hours set in Active Directory.",
     "Check the user's Logon Hours in Active Directory.", DSREG_REF_AADSTS},
    {TXT("AADSTS80013"), "OnPremisePasswordValidationTimeSkew",
     DSREG_CODE_SERVER,
     "Time skew between the pass-through authentication agent's server and "
     "Active Directory.",
     "Fix time synchronization on the agent servers (w32tm /query /status) "
     "against the domain hierarchy.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS80014"),
     "OnPremisePasswordValidationAuthenticationAgentTimeout", DSREG_CODE_SERVER,
     "The pass-through authentication agent answered too late.", FIX_PTA,
     DSREG_REF_AADSTS},
    {TXT("AADSTS90002"), "InvalidTenantName", DSREG_CODE_SERVER,
     "In a PRT or token request: the tenant derived from the user's UPN "
     "suffix was not found, because the suffix is not a verified domain of "
     "the tenant (e.g. .local).",
     "Check the UPN (whoami /upn; AAD Analytic event 1144): add its suffix "
     "as a verified custom domain, or give the user a UPN with a verified "
     "suffix and wait for the Entra Connect sync; Alternate Login ID is an "
     "option for AD FS federated domains only.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS90019"), "MissingTenantRealm", DSREG_CODE_SERVER,
     "Entra ID could not determine the tenant from the request.",
     "Check the UPN the device sent (AAD Analytic event 1144): its suffix "
     "must be a verified domain of the tenant.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS90033"), "MsodsServiceUnavailable", DSREG_CODE_SERVER,
     "The Microsoft Online Directory Service is not available.",
     "Transient service error: retry later; check the Microsoft 365 "
     "service health.",
     DSREG_REF_AADSTS},
    {TXT("AADSTS90072"), "PassThroughUserMfaError", DSREG_CODE_SERVER,
     "The account does not exist in the tenant signed in to, so it cannot "
     "satisfy that tenant's MFA; also seen when ImmutableID (sourceAnchor) "
     "differs between AD and Entra ID.",
     "Sign in with an account of the tenant, or add the account as an "
     "external user; for synced users check the sourceAnchor match in "
     "Entra Connect.",
     DSREG_REF_AADSTS},
    /* Seen in captures only; D1 documents EnterprisePrt, which it breaks. */
    {TXT("MSIS9682"), "", DSREG_CODE_SERVER,
     "AD FS refused the JWT bearer request: the signing certificate is not "
     "from a registered device with a transport key.",
     "No fix is documented; look the correlation ID up in the AD FS Admin "
     "log and check that AD FS can see the device's registration.",
     DSREG_REF_D1},

    /* Plain Win32: SCP missing in the AD Configuration Test (format.md 8.1,
     * inferred from captures; D2 covers the SCP). */
    {DEC(1312), "ERROR_NO_SUCH_LOGON_SESSION", DSREG_CODE_WIN32,
     "A specified logon session does not exist; seen with 0x801c001d in "
     "the join phase (User Device Registration event 220), where it points "
     "to AD replication.",
     "Check AD replication between the domain controllers (repadmin "
     "/showrepl) and retry; a recently created or moved computer object "
     "appears once replication has finished.",
     DSREG_REF_D2},
    {DEC(1317), "ERROR_NO_SUCH_USER", DSREG_CODE_WIN32,
     "The specified account does not exist; seen with 0x801c001d in the "
     "join phase (event 220) when the domain controller used does not know "
     "the computer yet.",
     "Check AD replication between the domain controllers (repadmin "
     "/showrepl) and retry; a recently created or moved computer object "
     "appears once replication has finished.",
     DSREG_REF_D2},
    {HEX(0x80070002), "ERROR_FILE_NOT_FOUND", DSREG_CODE_WIN32,
     "Object not found; as AD Configuration Test : FAIL [0x80070002] it "
     "means the SCP object is missing from Active Directory.",
     "Create the SCP in the forest's configuration partition (Entra Connect > "
     "Configure device options), then rerun dsregcmd /status elevated.",
     DSREG_REF_D2},
    {HEX(0x80070520), "ERROR_NO_SUCH_LOGON_SESSION", DSREG_CODE_WIN32,
     "A specified logon session does not exist (Win32 1312 as an HRESULT); "
     "in the join phase it points to AD replication.",
     "Check AD replication between the domain controllers (repadmin "
     "/showrepl) and retry; a recently created or moved computer object "
     "appears once replication has finished.",
     DSREG_REF_D2},
    {HEX(0x80070525), "ERROR_NO_SUCH_USER", DSREG_CODE_WIN32,
     "The specified account does not exist (Win32 1317 as an HRESULT); in "
     "the join phase the domain controller used does not know the computer "
     "yet.",
     "Check AD replication between the domain controllers (repadmin "
     "/showrepl) and retry; a recently created or moved computer object "
     "appears once replication has finished.",
     DSREG_REF_D2},

    /* MDM enrollment: the MDM registration error values (names, meanings)
     * and Intune's Windows enrollment errors (causes, fixes).  0x8018002b
     * is named only on Intune's page, without a symbol. */
    {HEX(0x8007064c), "", DSREG_CODE_MDM,
     "The machine is already enrolled: enrolled before, cloned from an "
     "enrolled image, or an old account certificate is still present.",
     "Follow Intune's steps for error 0x8007064c: remove the old Intune "
     "certificate and the OnlineManagement registry key, then re-enroll.",
     DSREG_REF_INTUNE_ENROLL},
    {HEX(0x80180001), "MENROLL_E_DEVICE_MESSAGE_FORMAT_ERROR", DSREG_CODE_MDM,
     "The MDM server's message had an invalid format.",
     "Retry later; if it persists, read the MDM diagnostic event log "
     "(DeviceManagement-Enterprise-Diagnostics-Provider/Admin) and contact "
     "the MDM provider.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180002), "MENROLL_E_DEVICE_AUTHENTICATION_ERROR", DSREG_CODE_MDM,
     "The MDM server failed to authenticate the user.",
     "Check that the user can sign in and holds an Intune license, then "
     "retry.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180003), "MENROLL_E_DEVICE_AUTHORIZATION_ERROR", DSREG_CODE_MDM,
     "The user is not authorized to enroll.",
     "Check the MDM user scope (Entra ID > Mobility (MDM and MAM)) and the "
     "Intune enrollment restrictions for this user.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180004), "MENROLL_E_DEVICE_CERTIFCATEREQUEST_ERROR",
     DSREG_CODE_MDM,
     "The user has no permission for the certificate template, or the "
     "certificate authority is unreachable.",
     "Retry later; if it persists, read the MDM diagnostic event log "
     "(DeviceManagement-Enterprise-Diagnostics-Provider/Admin) and contact "
     "the MDM provider.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180005), "MENROLL_E_DEVICE_CONFIGMGRSERVER_ERROR", DSREG_CODE_MDM,
     "The management server failed (for example a database access error).",
     "Retry later; if it persists, read the MDM diagnostic event log "
     "(DeviceManagement-Enterprise-Diagnostics-Provider/Admin) and contact "
     "the MDM provider.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180006), "MENROLL_E_DEVICE_INTERNALSERVICE_ERROR", DSREG_CODE_MDM,
     "The MDM server hit an unhandled exception.",
     "Retry later; if it persists, read the MDM diagnostic event log "
     "(DeviceManagement-Enterprise-Diagnostics-Provider/Admin) and contact "
     "the MDM provider.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180007), "MENROLL_E_DEVICE_INVALIDSECURITY_ERROR", DSREG_CODE_MDM,
     "The MDM server hit an unhandled exception (security).",
     "Retry later; if it persists, read the MDM diagnostic event log "
     "(DeviceManagement-Enterprise-Diagnostics-Provider/Admin) and contact "
     "the MDM provider.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180008), "MENROLL_E_DEVICE_UNKNOWN_ERROR", DSREG_CODE_MDM,
     "Unknown MDM server error.",
     "Retry later; if it persists, read the MDM diagnostic event log "
     "(DeviceManagement-Enterprise-Diagnostics-Provider/Admin) and contact "
     "the MDM provider.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180009), "MENROLL_E_ENROLLMENT_IN_PROGRESS", DSREG_CODE_MDM,
     "Another enrollment is under way.",
     "Wait for it to finish (Settings > Accounts > Access work or school), "
     "then retry.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x8018000a), "MENROLL_E_DEVICE_ALREADY_ENROLLED", DSREG_CODE_MDM,
     "The device is already enrolled, typically by another user who joined "
     "it or enrolled it.",
     "Sign in as the user who enrolled the device and remove that work or "
     "school account (Settings > Accounts > Access work or school), then "
     "enroll with this user.",
     DSREG_REF_INTUNE_ENROLL},
    {HEX(0x8018000b), "MENROLL_E_DEVICE_NOT_ENROLLED", DSREG_CODE_MDM,
     "The device is not enrolled.",
     "Enroll the device (automatic enrollment through Entra ID or Settings "
     "> Accounts > Access work or school).",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180010), "MENROLL_E_CONNECTIVITY", DSREG_CODE_MDM,
     "A network error (DNS, timeout) during enrollment.",
     "Check that the device reaches the MDM enrollment endpoints (DNS, "
     "proxy, firewall) and retry.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180012), "MENROLL_E_INVALIDSSLCERT", DSREG_CODE_MDM,
     "The MDM server's TLS certificate is not valid.",
     "Check the device clock and any TLS-inspecting proxy between the "
     "device and the MDM server.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180013), "MENROLL_E_DEVICECAPREACHED", DSREG_CODE_MDM,
     "The user has enrolled too many devices.",
     "Delete or retire the user's old devices in Intune, or raise the "
     "device limit restriction.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180014), "MENROLL_E_DEVICENOTSUPPORTED", DSREG_CODE_MDM,
     "This platform or Windows version may not enroll; Intune: Windows "
     "(MDM) enrollment is blocked in the tenant's enrollment restrictions.",
     "Allow Windows (MDM) in Intune's device platform restriction for the "
     "user, or upgrade the device.",
     DSREG_REF_INTUNE_ENROLL},
    {HEX(0x80180015), "MENROLL_E_NOTSUPPORTED", DSREG_CODE_MDM,
     "MDM is not supported for this device.",
     "No fix on the device: check that the edition and version of Windows "
     "support MDM.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180016), "MENROLL_E_NOTELIGIBLETORENEW", DSREG_CODE_MDM,
     "The server rejected the device's renewal request.",
     "Check the device clock; re-enrolling the device usually fixes it.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180017), "MENROLL_E_INMAINTENANCE", DSREG_CODE_MDM,
     "The MDM account is in maintenance.", "Retry later.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180018), "MENROLL_E_USERLICENSE", DSREG_CODE_MDM,
     "The user's license blocks enrollment.",
     "Assign an Intune (or Microsoft 365 with Intune) license to the user, "
     "then retry.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180019), "MENROLL_E_ENROLLMENTDATAINVALID", DSREG_CODE_MDM,
     "The server rejected the enrollment data; it may be misconfigured.",
     "Check the MDM configuration in Entra ID (Mobility (MDM and MAM)) and "
     "the MDM URLs.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x8018001c), "MENROLL_E_PLATFORM_LICENSE_ERROR", DSREG_CODE_MDM,
     "This version of Windows does not support this enrollment type.",
     "Upgrade the Windows edition (Pro or higher) before enrolling.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180022), "MENROLL_E_PROV_CSP_MISC", DSREG_CODE_MDM,
     "Provisioning failed in a configuration service provider not "
     "otherwise listed.",
     "Read the MDM diagnostic event log for the CSP that failed.",
     DSREG_REF_MDM_ERRORS},
    {HEX(0x80180026), "MENROLL_E_DEVICE_MANAGEMENT_BLOCKED", DSREG_CODE_MDM,
     "MDM enrollment is blocked on the device (Group Policy, "
     "SetManagedExternally, or the old Intune PC agent).",
     "Uninstall the Intune PC software client, and remove any policy that "
     "blocks MDM enrollment; otherwise set MDM user scope to None if the "
     "device must not enroll.",
     DSREG_REF_INTUNE_ENROLL},
    {HEX(0x8018002b), "", DSREG_CODE_MDM,
     "Automatic MDM enrollment failed: the UPN suffix is unverified or not "
     "routable (.local), or the MDM user scope is None.",
     "Give the user a UPN with a verified suffix (and wait for the Entra "
     "Connect sync), or set MDM user scope to All or to a group that "
     "includes the user.",
     DSREG_REF_INTUNE_ENROLL},
    {HEX(0x80180030), "MENROLL_E_USER_CANCELED", DSREG_CODE_MDM,
     "The user canceled the enrollment.",
     "Retry and complete the sign-in and MFA prompts.", DSREG_REF_MDM_ERRORS},
    {HEX(0x80180031), "MENROLL_E_MDM_NOT_CONFIGURED", DSREG_CODE_MDM,
     "MDM is not configured.",
     "Configure the MDM application in Entra ID (Mobility (MDM and MAM)) "
     "with its MDM URLs and scope.",
     DSREG_REF_MDM_ERRORS},

    /* Windows Autopilot: the known issues page and Intune's enrollment
     * errors.  Where a number has an MDM or Windows Hello meaning too, this
     * is the meaning during Autopilot provisioning. */
    {HEX(0x800705b4), "ERROR_TIMEOUT", DSREG_CODE_AUTOPILOT,
     "Autopilot (Securing your hardware): a timeout, commonly because the "
     "device has no TPM 2.0 (for example a virtual machine) in "
     "self-deploying mode.",
     "Use a device with a physical TPM 2.0 for self-deploying and "
     "pre-provisioning; Windows 10 1709 or later (1809 or later with "
     "hybrid join).",
     DSREG_REF_AUTOPILOT_ISSUES},
    {HEX(0x80070774), "ERROR_DOMAIN_CONTROLLER_NOT_FOUND", DSREG_CODE_AUTOPILOT,
     "Hybrid Autopilot: the domain controller could not be reached, or the "
     "device got into a state that cannot join the domain (typically "
     "Assign user set in a hybrid profile).",
     "Unassign the user from the Autopilot device and check that the "
     "hybrid profile is assigned; then check that the Intune Connector for "
     "AD has rights on the target OU.",
     DSREG_REF_INTUNE_ENROLL},
    {HEX(0x80180014), "MENROLL_E_DEVICENOTSUPPORTED", DSREG_CODE_AUTOPILOT,
     "Autopilot self-deploying or pre-provisioning: the device was "
     "redeployed while its Intune record still exists.",
     "Delete the device record in Intune, then redeploy; or allow "
     "personally owned Windows (MDM) enrollment.",
     DSREG_REF_AUTOPILOT_ISSUES},
    {HEX(0x80180022), "MENROLL_E_PROV_CSP_MISC", DSREG_CODE_AUTOPILOT,
     "Autopilot enrollment failed because the device runs Windows Home.",
     "Upgrade the device to Pro edition or higher.", DSREG_REF_INTUNE_ENROLL},
    {HEX(0x801c03ea), "", DSREG_CODE_AUTOPILOT,
     "Autopilot: TPM attestation failed, so the device could not join "
     "Entra ID with a device token (often a TPM that supports 2.0 but "
     "still runs 1.2 firmware).",
     "Update the TPM firmware to 2.0; if it persists, check that the "
     "device is not in two groups with different Autopilot profiles.",
     DSREG_REF_INTUNE_ENROLL},
    {HEX(0x801c03f3), "", DSREG_CODE_AUTOPILOT,
     "Autopilot pre-provisioning: Entra ID has no device object for the "
     "device (it was deleted).",
     "Remove the device from Entra ID, Intune and Autopilot, then register "
     "it with Autopilot again, which recreates the device object.",
     DSREG_REF_AUTOPILOT_ISSUES},
    {HEX(0x81039001), "E_AUTOPILOT_CLIENT_TPM_MAX_ATTESTATION_RETRY_EXCEEDED",
     DSREG_CODE_AUTOPILOT,
     "Autopilot: TPM attestation failed intermittently (Securing your "
     "hardware) in self-deploying or pre-provisioning mode.",
     "Retry the provisioning; a later attempt often succeeds.",
     DSREG_REF_AUTOPILOT_ISSUES},
    {HEX(0xc1036501), "", DSREG_CODE_AUTOPILOT,
     "Autopilot self-deploying: automatic MDM enrollment failed because "
     "Entra ID has more than one MDM configuration.",
     "Keep one MDM application configured for automatic enrollment in "
     "Entra ID (Mobility (MDM and MAM)).",
     DSREG_REF_AUTOPILOT_ISSUES},
};

const size_t dsreg_code_table_rows =
    sizeof dsreg_code_table / sizeof dsreg_code_table[0];
