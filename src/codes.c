/*
 * codes.c - the error-code knowledge base behind dsreg/codes.h.
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
#include "dsreg/codes.h"

#include <string.h>

#include "ascii.h"
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
#define FIX_WHFB_REJOIN                                                        \
  "Disconnect the device from the organization (Settings > Accounts > "        \
  "Access work or school), join it again, then retry."
#define FIX_FPURL                                                              \
  "Open http://clientconfig.microsoftonline-p.net/FPURL.xml and check "

static const dsreg_code_info codes[] = {
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
     "Transient: wait for the lockout to expire; the join retries by itself.",
     DSREG_REF_D2},
    {HEX(0x80280036), "TPM_E_NOTFIPS", DSREG_CODE_TPM,
     "Registration with a TPM (1.2) in FIPS mode is not supported.",
     "Disable FIPS mode or the TPM; Windows 10 1809 and later finish the join "
     "without the TPM.",
     DSREG_REF_D2},
    {HEX(0x80290407), "TPM_E_PCP_INTERNAL_ERROR", DSREG_CODE_TPM,
     "Generic TPM failure.",
     "Disable the TPM on the device; Windows 10 1809 and later detect TPM "
     "failures and finish the join without it.",
     DSREG_REF_D2},

    /* PRT Attempt Status: D3 status, CloudAP and XML codes.  D3 gives
     * 0x800484c1 as another spelling of 0xc00484c1. */
    {HEX(0x800484c1), "AAD_CLOUDAP_E_WSTRUST_SAML_TOKENS_ARE_EMPTY",
     DSREG_CODE_PRT,
     "The WS-Trust endpoint returned an error instead of SAML tokens (same "
     "as 0xc00484c1).",
     "Read the WS-Trust error in AAD Operational event 1088 and make sure no "
     "proxy rewrites the response.",
     DSREG_REF_D3},
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
     "Reboot; if it comes back, reset the TPM (tpm.msc or Clear-Tpm), "
     "knowing that this destroys the keys it holds.",
     DSREG_REF_WHFB_ERRORS},
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

    /* Server messages: D3 "Common server error codes", D2 sync-join server
     * errors (AADSTS90002), D4 for the device re-registration steps. */
    {TXT("AADSTS50034"), "", DSREG_CODE_SERVER,
     "Entra ID has no such user in this tenant.",
     "Check the UPN the user typed (AAD Analytic event 1144) and that the "
     "on-premises account is synced to Entra ID.",
     DSREG_REF_D3},
    {TXT("AADSTS50126"), "", DSREG_CODE_SERVER,
     "Invalid username or password; on a hybrid device with password hash "
     "sync, possibly a new password not synced yet.",
     "Have the user retype the password; after a password change wait for "
     "the sync to finish, then lock and unlock to get a fresh PRT.",
     DSREG_REF_D3},
    {TXT("AADSTS50155"), "", DSREG_CODE_SERVER,
     "Device authentication failed: the device is disabled or deleted in "
     "Entra ID.",
     "Re-enable it, or re-register: hybrid, dsregcmd /debug /leave elevated "
     "then sign out and in; Entra joined, dsregcmd /forcerecovery; "
     "registered, disconnect and reconnect the work account.",
     DSREG_REF_D4},
    {TXT("AADSTS90002"), "", DSREG_CODE_SERVER,
     "Tenant not found: a wrong tenant ID in the SCP, or a UPN suffix that "
     "is not a verified domain (e.g. .local).",
     "Fix the tenant ID in the SCP; for user sign-in make the UPN suffix a "
     "verified domain or use Alternate Login ID.",
     DSREG_REF_D2},
    /* Seen in captures only; D1 documents EnterprisePrt, which it breaks. */
    {TXT("MSIS9682"), "", DSREG_CODE_SERVER,
     "AD FS refused the JWT bearer request: the signing certificate is not "
     "from a registered device with a transport key.",
     "No fix is documented; look the correlation ID up in the AD FS Admin "
     "log and check that AD FS can see the device's registration.",
     DSREG_REF_D1},

    /* Plain Win32: SCP missing in the AD Configuration Test (format.md 8.1,
     * inferred from captures; D2 covers the SCP). */
    {HEX(0x80070002), "ERROR_FILE_NOT_FOUND", DSREG_CODE_WIN32,
     "Object not found; as AD Configuration Test : FAIL [0x80070002] it "
     "means the SCP object is missing from Active Directory.",
     "Create the SCP in the forest's configuration partition (Entra Connect > "
     "Configure device options), then rerun dsregcmd /status elevated.",
     DSREG_REF_D2},
};

#define CODE_COUNT (sizeof codes / sizeof codes[0])

static const char *const context_names[] = {
    "any", "discover", "discovery_sub", "auth", "join",   "tpm",
    "prt", "network",  "kerberos_join", "whfb", "server", "win32",
};

/* Text rows (AADSTS, MSIS) carry value 0, which "0x0" must not reach. */
static int is_numeric_row(const dsreg_code_info *row) {
  return dsreg_ascii_is_digit((unsigned char)row->code[0]);
}

static const dsreg_code_info *find_value(uint32_t value,
                                         dsreg_code_context prefer) {
  const dsreg_code_info *first = NULL;
  size_t i;

  for (i = 0; i < CODE_COUNT; i++) {
    const dsreg_code_info *row = &codes[i];

    if (!is_numeric_row(row) || row->value != value)
      continue;
    if (prefer != DSREG_CODE_ANY && row->context == prefer)
      return row;
    if (first == NULL)
      first = row;
  }
  return first;
}

static const dsreg_code_info *find_text(const char *s, size_t n,
                                        dsreg_code_context prefer) {
  const dsreg_code_info *first = NULL;
  size_t i;

  for (i = 0; i < CODE_COUNT; i++) {
    const dsreg_code_info *row = &codes[i];

    if (is_numeric_row(row) || !dsreg_eq_nocase(s, n, row->code))
      continue;
    if (prefer != DSREG_CODE_ANY && row->context == prefer)
      return row;
    if (first == NULL)
      first = row;
  }
  return first;
}

/* Parses s[0..n) (n > 0) as decimal; 0 on overflow or a non-digit. */
static int parse_decimal(const char *s, size_t n, uint64_t limit,
                         uint64_t *out) {
  uint64_t v = 0;
  size_t i;

  for (i = 0; i < n; i++) {
    if (!dsreg_ascii_is_digit((unsigned char)s[i]))
      return 0;
    v = v * 10u + (uint64_t)(s[i] - '0');
    if (v > limit)
      return 0;
  }
  *out = v;
  return 1;
}

const dsreg_code_info *dsreg_code_lookup(const char *text, size_t len,
                                         dsreg_code_context prefer) {
  const char *s = text, *end;
  size_t n;
  uint64_t mag = 0; /* set by parse_decimal; gcc -O2 cannot see it */
  uint32_t value;

  if (text == NULL)
    return NULL;
  end = text + len;
  while (s < end && dsreg_ascii_is_space((unsigned char)*s))
    s++;
  while (end > s && dsreg_ascii_is_space((unsigned char)end[-1]))
    end--;

  /* Windows documentation prints HRESULTs as signed 32-bit decimals. */
  if (s < end && *s == '-') {
    s++;
    for (n = 0; s + n < end && dsreg_ascii_is_alnum((unsigned char)s[n]); n++)
      ;
    if (n == 0 || !parse_decimal(s, n, UINT64_C(0x80000000), &mag) || mag == 0)
      return NULL;
    return find_value((uint32_t)(UINT64_C(0x100000000) - mag), prefer);
  }

  /* The code is the leading alphanumeric run, so "AADSTS50126: ..." and
   * "0x801c0021/0x801c000c" yield their first code while "AADSTS501260"
   * stays a different code. */
  for (n = 0; s + n < end && dsreg_ascii_is_alnum((unsigned char)s[n]); n++)
    ;
  if (n == 0)
    return NULL;

  if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    if (dsreg_parse_hex32(s + 2, n - 2, &value))
      return NULL;
    return find_value(value, prefer);
  }
  if (dsreg_ascii_is_digit((unsigned char)s[0])) {
    if (!parse_decimal(s, n, UINT32_MAX, &mag))
      return NULL;
    return find_value((uint32_t)mag, prefer);
  }
  return find_text(s, n, prefer);
}

const dsreg_code_info *dsreg_code_lookup_value(uint32_t value,
                                               dsreg_code_context prefer) {
  return find_value(value, prefer);
}

size_t dsreg_code_count(void) { return CODE_COUNT; }

const dsreg_code_info *dsreg_code_at(size_t i) {
  return i < CODE_COUNT ? &codes[i] : NULL;
}

const char *dsreg_code_context_name(dsreg_code_context ctx) {
  size_t i = (size_t)ctx;

  /* An out-of-range value is a caller bug, but printing it must not crash. */
  if (i >= sizeof context_names / sizeof context_names[0])
    return "unknown";
  return context_names[i];
}
