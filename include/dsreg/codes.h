/*
 * dsreg/codes.h - the error-code knowledge base.
 *
 * One table of every error code that the pages of docs/format.md, 9. Sources
 * document for
 * dsregcmd output: registration (discover, discovery sub-errors, auth, join),
 * TPM, PRT attempt status, WinHTTP/WinINet, Entra Kerberos hybrid join,
 * Windows Hello provisioning, AADSTS and MSIS server messages, MDM enrollment
 * and Windows Autopilot.  Findings quote
 * it; `dsregdiag --explain CODE` prints it.
 *
 * All data is static and read-only: every pointer returned here is valid for
 * the life of the program and must not be freed.  Thread safe.
 */
#ifndef DSREG_CODES_H
#define DSREG_CODES_H

#include <stddef.h>
#include <stdint.h>

#include "dsreg/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Where a code is met; the same number can mean different things in
 * different places (0x801c03f2 is a DRS DirectoryError when joining but
 * "key registration failed" when provisioning Windows Hello). */
typedef enum dsreg_code_context {
  DSREG_CODE_ANY = 0,       /**< no preference (lookup only) */
  DSREG_CODE_DISCOVER,      /**< discover phase of a hybrid join */
  DSREG_CODE_DISCOVERY_SUB, /**< second code of `DRS Discovery Test : FAIL` */
  DSREG_CODE_AUTH,          /**< auth phase (federated, ADAL) */
  DSREG_CODE_JOIN,          /**< join phase */
  DSREG_CODE_TPM,           /**< TPM and key storage */
  DSREG_CODE_PRT,           /**< PRT `Attempt Status` */
  DSREG_CODE_NETWORK,       /**< WinHTTP / WinINet */
  DSREG_CODE_KERBEROS_JOIN, /**< hybrid join through Entra Kerberos */
  DSREG_CODE_WHFB,          /**< Windows Hello for Business provisioning */
  DSREG_CODE_SERVER,        /**< AADSTS and MSIS server messages */
  DSREG_CODE_WIN32,         /**< plain Win32 / HRESULT_FROM_WIN32 codes */
  DSREG_CODE_MDM,           /**< MDM enrollment (MENROLL_E_ and Intune) */
  DSREG_CODE_AUTOPILOT      /**< Windows Autopilot provisioning */
} dsreg_code_context;

/** One row of the knowledge base. */
typedef struct dsreg_code_info {
  const char *code; /**< canonical spelling: "0x801c03f2", "AADSTS50126" */
  uint32_t value;   /**< numeric value of a hex or decimal code; 0 else */
  const char *name; /**< symbolic name, "" when none is documented */
  dsreg_code_context context; /**< the table it comes from */
  const char *meaning;        /**< one sentence: what it means */
  const char *remedy;         /**< the next step; "" when none is documented */
  const char *reference;      /**< Microsoft Learn (or other public) URL */
} dsreg_code_info;

/**
 * Looks a code up.  `text` (length `len`, need not be NUL-terminated) may be
 * a hex code in any case with or without leading zeros ("0x801C03F2",
 * "0x0"), a decimal WinHTTP code ("12029"), a negative decimal HRESULT as
 * the documentation prints them ("-2145648611"), or an AADSTS/MSIS code,
 * alone or at the start of a server message ("AADSTS50126: Error ...").
 * When the code exists in several contexts, the row for `prefer` wins;
 * otherwise the first row in table order.
 * Returns a borrowed static row, or NULL when the code is unknown.
 */
DSREG_EXPORT const dsreg_code_info *
dsreg_code_lookup(const char *text, size_t len, dsreg_code_context prefer);

/** Looks a numeric code up, as dsreg_code_lookup(). Borrowed static row. */
DSREG_EXPORT const dsreg_code_info *
dsreg_code_lookup_value(uint32_t value, dsreg_code_context prefer);

/** Number of rows in the table. */
DSREG_EXPORT size_t dsreg_code_count(void);

/** Row `i` (0-based, i < dsreg_code_count()), NULL past the end. Borrowed. */
DSREG_EXPORT const dsreg_code_info *dsreg_code_at(size_t i);

/** Lower-case name of a context ("discover", "prt", ...). Static string. */
DSREG_EXPORT const char *dsreg_code_context_name(dsreg_code_context ctx);

#ifdef __cplusplus
}
#endif

#endif
