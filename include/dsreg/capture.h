/*
 * dsreg/capture.h - one parsed `dsregcmd /status` capture.
 *
 * A capture keeps everything the text said, in order: its sections, every
 * `Key : Value` field (unknown ones and repeated ones included), the lines
 * that were none of these, and notes on what looked damaged.  On top of
 * that, `typed` holds the known fields as typed values, declared once in the
 * field table (dsreg/fields.h).
 *
 * Lifetime: a dsreg_capture handed to a dsreg_capture_fn callback, and every
 * pointer reachable from it, is borrowed from the parser and valid only until
 * that callback returns.  Copy what you keep.
 *
 * Strings are UTF-8, NUL-terminated, and never contain a NUL byte (the
 * decoder turns NUL into U+FFFD); the length is given beside each one.
 */
#ifndef DSREG_CAPTURE_H
#define DSREG_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dsreg/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The byte encoding the decoder found. */
typedef enum dsreg_encoding {
  DSREG_ENCODING_UNKNOWN = 0, /**< nothing decoded yet */
  DSREG_ENCODING_UTF8,        /**< UTF-8 (or ASCII) without a BOM */
  DSREG_ENCODING_UTF8_BOM,    /**< UTF-8 with a BOM */
  DSREG_ENCODING_UTF16LE_BOM, /**< Windows PowerShell 5.1 `>`, Out-File */
  DSREG_ENCODING_UTF16BE_BOM,
  DSREG_ENCODING_UTF16LE, /**< no BOM, recognised by its NUL bytes */
  DSREG_ENCODING_UTF16BE
} dsreg_encoding;

/** "utf-8", "utf-8-bom", "utf-16le-bom", ...; static string. */
DSREG_EXPORT const char *dsreg_encoding_name(dsreg_encoding enc);

/** The sections dsregcmd prints; anything else is DSREG_SECTION_UNKNOWN. */
typedef enum dsreg_section_kind {
  DSREG_SECTION_UNKNOWN = 0,
  DSREG_SECTION_DEVICE_STATE,
  DSREG_SECTION_DEVICE_DETAILS,
  DSREG_SECTION_TENANT_DETAILS,
  DSREG_SECTION_USER_STATE,
  DSREG_SECTION_SSO_STATE,
  DSREG_SECTION_WORK_ACCOUNT, /**< "Work Account 1", "Work Account 2"... */
  DSREG_SECTION_DIAGNOSTIC_DATA,
  DSREG_SECTION_IE_PROXY_USER,   /**< IE Proxy Config for Current User */
  DSREG_SECTION_IE_PROXY_SYSTEM, /**< IE Proxy Config for System Account */
  DSREG_SECTION_URL_PROXY,       /**< URL Specific Proxy Config */
  DSREG_SECTION_WINHTTP_PROXY,   /**< WinHttp Default Proxy Config */
  DSREG_SECTION_NGC,             /**< Ngc Prerequisite Check */
  DSREG_SECTION_KIND_COUNT
} dsreg_section_kind;

/** Which PRT a PRT diagnostics field belongs to. */
typedef enum dsreg_prt_kind {
  DSREG_PRT_NONE = 0,
  DSREG_PRT_AZURE,     /**< follows AzureAdPrt */
  DSREG_PRT_ENTERPRISE /**< follows EnterprisePrt */
} dsreg_prt_kind;

/** dsreg_field.flags */
enum {
  DSREG_FIELD_OLD_LAYOUT = 1u << 0, /**< printed as `Key: value` */
  DSREG_FIELD_WRAPPED = 1u << 1,    /**< value joined from a console wrap */
  DSREG_FIELD_TRUNCATED = 1u << 2   /**< line longer than the limit */
};

/** One `Key : Value` line, as printed (key and value trimmed). */
typedef struct dsreg_field {
  const char *key;
  size_t key_len;
  const char *value; /**< "" when printed as `Key :` or `Key : ` */
  size_t value_len;
  unsigned long line;  /**< 1-based line in the input stream */
  size_t section;      /**< index into dsreg_capture.sections */
  int known;           /**< row of the field table, or -1 when unknown */
  dsreg_prt_kind prt;  /**< for PRT diagnostics keys, the PRT they follow */
  unsigned flags;      /**< DSREG_FIELD_x */
  unsigned occurrence; /**< 1 the first time the key appears in its section,
                            2 the second time (PRT diagnostics of both PRTs,
                            retyped composites), ... */
} dsreg_field;

/** One boxed section.  Its fields are fields[first_field .. +field_count]. */
typedef struct dsreg_section {
  const char *title; /**< trimmed text between the pipes */
  size_t title_len;
  dsreg_section_kind kind;
  unsigned ordinal;    /**< n of "Work Account n"; 0 otherwise */
  unsigned occurrence; /**< 1 the first time the title appears, 2... */
  unsigned long line;  /**< line of the title */
  size_t first_field;
  size_t field_count;
} dsreg_section;

/** A line inside a capture that was no box, field, blank, prompt or footer. */
typedef struct dsreg_line {
  const char *text;
  size_t len;
  unsigned long line;
  size_t section; /**< index of the section it appeared in */
} dsreg_line;

/** Something the parser noticed: a value that does not fit its type, a line
 * cut at the length limit, a repeated key.  Never fatal. */
typedef struct dsreg_note {
  unsigned long line; /**< 0 when it concerns the whole capture */
  const char *message;
} dsreg_note;

/* ---- typed values ------------------------------------------------------ */

/** The value types of the field table. */
typedef enum dsreg_value_type {
  DSREG_TYPE_TEXT = 0,   /**< free text, kept as printed */
  DSREG_TYPE_FLAG,       /**< YES / NO and the special values */
  DSREG_TYPE_GUID,       /**< 8-4-4-4-12 hex, optional braces */
  DSREG_TYPE_THUMBPRINT, /**< 40 hex digits */
  DSREG_TYPE_TIME,       /**< YYYY-MM-DD hh:mm:ss.fff UTC */
  DSREG_TYPE_VALIDITY,   /**< [ time -- time ] */
  DSREG_TYPE_URL,        /**< scheme://... */
  DSREG_TYPE_HEX,        /**< 0x... error code */
  DSREG_TYPE_TEST,       /**< PASS, SKIPPED, FAIL [0x...], FAIL [0x.../0x...] */
  DSREG_TYPE_INT         /**< decimal integer */
} dsreg_value_type;

/** Lower-case name of a type ("flag", "guid", ...); static string. */
DSREG_EXPORT const char *dsreg_value_type_name(dsreg_value_type type);

/** How a typed value turned out. */
typedef enum dsreg_value_state {
  DSREG_VALUE_ABSENT = 0, /**< the field was not printed */
  DSREG_VALUE_EMPTY,      /**< printed with an empty value */
  DSREG_VALUE_OK,         /**< parsed as its type */
  DSREG_VALUE_INVALID     /**< printed, but does not fit its type (a note
                               says why; the raw text is in field->value) */
} dsreg_value_state;

/** Values of a FLAG field. */
typedef enum dsreg_flag {
  DSREG_FLAG_NONE = 0, /**< not a flag value (absent, empty or invalid) */
  DSREG_FLAG_YES,
  DSREG_FLAG_NO,
  DSREG_FLAG_ERROR,     /**< ERROR, or ERROR (0x...) with `code` set */
  DSREG_FLAG_UNKNOWN,   /**< UNKNOWN */
  DSREG_FLAG_NOT_SET,   /**< NOT SET */
  DSREG_FLAG_INVALID,   /**< INVALID (Virtual Desktop) */
  DSREG_FLAG_NONE_TEXT, /**< the word NONE */
  DSREG_FLAG_MANAGED    /**< Managed by MDM */
} dsreg_flag;

/** Results of a TEST field. */
typedef enum dsreg_test {
  DSREG_TEST_NONE = 0,
  DSREG_TEST_PASS,
  DSREG_TEST_FAIL, /**< `code` and maybe `sub_code` set */
  DSREG_TEST_SKIPPED
} dsreg_test;

/** One typed value.  Only the members of its type mean anything. */
typedef struct dsreg_value {
  const dsreg_field *field; /**< where it came from; NULL when absent */
  dsreg_value_state state;
  dsreg_flag flag;   /**< FLAG */
  dsreg_test test;   /**< TEST */
  bool has_code;     /**< HEX; FLAG ERROR (0x..); TEST FAIL [0x..] */
  bool has_sub_code; /**< TEST FAIL [0x../0x..] */
  uint32_t code;
  uint32_t sub_code;
  int64_t number;  /**< INT */
  int64_t time_ms; /**< TIME; VALIDITY start: ms since 1970-01-01 UTC */
  int64_t end_ms;  /**< VALIDITY end */
} dsreg_value;

typedef struct dsreg_device_state {
  dsreg_value azure_ad_joined, enterprise_joined, domain_joined, domain_name,
      virtual_desktop, device_name;
} dsreg_device_state;

typedef struct dsreg_device_details {
  dsreg_value device_id, thumbprint, device_certificate_validity,
      key_container_id, key_provider, tpm_protected, device_auth_status;
} dsreg_device_details;

typedef struct dsreg_tenant_details {
  dsreg_value tenant_name, tenant_id, idp, auth_code_url, access_token_url,
      mdm_url, mdm_tou_url, mdm_compliance_url, settings_url, join_srv_version,
      join_srv_url, join_srv_id, key_srv_version, key_srv_url, key_srv_id,
      webauthn_srv_version, webauthn_srv_url, webauthn_srv_id,
      device_management_srv_ver, device_management_srv_url,
      device_management_srv_id;
} dsreg_tenant_details;

typedef struct dsreg_user_state {
  dsreg_value ngc_set, ngc_key_id, can_reset, workplace_joined,
      work_account_count, wam_default_set, wam_default_authority,
      wam_default_id, wam_default_guid;
} dsreg_user_state;

/** AcquirePrtDiagnostics / RefreshPrtDiagnostics block of one PRT. */
typedef struct dsreg_prt_diag {
  dsreg_value acquire, refresh, previous_attempt, attempt_status, user_identity,
      credential_type, correlation_id, endpoint_uri, http_method, http_error,
      http_status, server_error_code, server_error_description;
} dsreg_prt_diag;

typedef struct dsreg_sso_state {
  dsreg_value azure_ad_prt, azure_ad_prt_update_time, azure_ad_prt_expiry_time,
      azure_ad_prt_authority;
  dsreg_prt_diag azure_prt_diag;
  dsreg_value enterprise_prt, enterprise_prt_update_time,
      enterprise_prt_expiry_time, enterprise_prt_authority;
  dsreg_prt_diag enterprise_prt_diag;
  dsreg_value on_prem_tgt, cloud_tgt, kerb_top_level_names;
} dsreg_sso_state;

/** One `Work Account n` section, or the workplace fields of a pre-1809
 * User State (then `section` is that User State). */
typedef struct dsreg_work_account {
  size_t section; /**< index into dsreg_capture.sections */
  dsreg_value workplace_device_id, workplace_thumbprint, workplace_idp,
      device_certificate_validity, key_container_id, key_provider,
      tpm_protected, workplace_tenant_id, workplace_tenant_name,
      workplace_mdm_url, workplace_settings_url, ngc_set;
} dsreg_work_account;

typedef struct dsreg_diagnostic_data {
  /* pre-join variant */
  dsreg_value diagnostics_reference, user_context, client_time,
      ad_connectivity_test, ad_configuration_test, drs_discovery_test,
      drs_connectivity_test, kerberos_ticket_test, token_acquisition_test,
      fallback_to_sync_join, fallback_to_fed_join, previous_registration,
      registration_type, error_phase, client_error_code, server_error_code,
      server_message, https_status, request_id, executing_account_name;
  /* post-join variant */
  dsreg_value aad_recovery_enabled, key_sign_test, display_name_updated,
      os_version_updated, host_name_updated, last_host_name_update;
} dsreg_diagnostic_data;

typedef struct dsreg_ie_proxy {
  dsreg_value auto_detect_settings, auto_configuration_url, proxy_server_list,
      proxy_bypass_list;
} dsreg_ie_proxy;

typedef struct dsreg_url_proxy {
  dsreg_value auto_detect_pac_status;
} dsreg_url_proxy;

typedef struct dsreg_winhttp_proxy {
  dsreg_value access_type;
} dsreg_winhttp_proxy;

typedef struct dsreg_ngc {
  dsreg_value ngc_pre_req, is_device_joined, is_user_azure_ad, policy_enabled,
      post_logon_enabled, device_eligible, session_is_not_remote,
      cert_enrollment, adfs_refresh_token, adfs_ra_is_ready,
      logon_cert_template_ready, on_prem_tgt, cloud_tgt, scep_ready,
      aad_recovery_needed, pre_req_result;
} dsreg_ngc;

/** The known fields of a capture, typed.  A value whose section was not
 * printed is DSREG_VALUE_ABSENT: a missing section is not a NO. */
typedef struct dsreg_typed {
  dsreg_device_state device_state;
  dsreg_device_details device_details;
  dsreg_tenant_details tenant_details;
  dsreg_user_state user_state;
  dsreg_sso_state sso_state;
  dsreg_diagnostic_data diagnostic_data;
  dsreg_ie_proxy ie_proxy_user;
  dsreg_ie_proxy ie_proxy_system;
  dsreg_url_proxy url_proxy;
  dsreg_winhttp_proxy winhttp_proxy;
  dsreg_ngc ngc;
  const dsreg_work_account *work_accounts; /**< in order of appearance */
  size_t work_account_count;
} dsreg_typed;

/** One capture: from its first section box to its footer, the next
 * Device State box, or the end of the input. */
typedef struct dsreg_capture {
  unsigned long index;     /**< 1-based number of the capture in the stream */
  unsigned long line;      /**< line where it starts (its first box line) */
  unsigned long end_line;  /**< last line that belonged to it */
  dsreg_encoding encoding; /**< encoding of the stream */
  bool has_footer;         /**< ended with "For more information..." */
  unsigned long replacements;  /**< invalid bytes turned into U+FFFD in it */
  unsigned long dropped_lines; /**< lines past the per-capture limit */

  const dsreg_section *sections;
  size_t section_count;
  const dsreg_field *fields; /**< all fields, in input order */
  size_t field_count;
  const dsreg_line *unparsed;
  size_t unparsed_count;
  const dsreg_note *notes;
  size_t note_count;

  dsreg_typed typed;
} dsreg_capture;

/**
 * First section of `kind` in `cap` (for WORK_ACCOUNT, of any ordinal), or
 * NULL.  Borrowed from `cap`.
 */
DSREG_EXPORT const dsreg_section *
dsreg_capture_section(const dsreg_capture *cap, dsreg_section_kind kind);

/** True when the value was printed with a non-empty text. */
DSREG_EXPORT bool dsreg_value_present(const dsreg_value *v);

/** The value's text as printed, "" when absent.  Borrowed from the capture.*/
DSREG_EXPORT const char *dsreg_value_text(const dsreg_value *v);

/** True when a FLAG value reads YES. */
DSREG_EXPORT bool dsreg_value_yes(const dsreg_value *v);

/** True when a FLAG value reads NO. */
DSREG_EXPORT bool dsreg_value_no(const dsreg_value *v);

#ifdef __cplusplus
}
#endif

#endif
