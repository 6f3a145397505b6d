/*
 * dsreg/fields.h - the table of known fields.
 *
 * Every field dsregdiag knows is declared once (dsreg/fields.def): its key
 * as printed, its type, where its typed value lives and which codes explain
 * it.  This table is those lists flattened, one row per typed value in the
 * order of the structs (a group used twice, such as the PRT diagnostics
 * block, gives rows for each use).  The parser, the JSON and CSV writers and
 * docs/fields.md all read it.  All data is static and immutable; pointers
 * stay valid for the life of the program and are never freed; every
 * function here is thread safe.
 */
#ifndef DSREG_FIELDS_H
#define DSREG_FIELDS_H

#include <stddef.h>

#include "dsreg/capture.h"
#include "dsreg/codes.h"
#include "dsreg/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What in a field's value identifies a device, a person or an
 * organisation: how --redact (dsreg/redact.h) rewrites it.  Declared per row
 * in dsreg/fields.def; a field that is not in the table is NONE. */
typedef enum dsreg_ident {
  DSREG_IDENT_NONE = 0, /**< free text: searched for GUIDs, UPNs, hosts... */
  DSREG_IDENT_ID,       /**< the whole value is an id (GUID, hex, opaque) */
  DSREG_IDENT_DEVICE,   /**< a device name or FQDN */
  DSREG_IDENT_DOMAIN,   /**< a NetBIOS domain name */
  DSREG_IDENT_TENANT,   /**< a tenant display name */
  DSREG_IDENT_USER,     /**< a UPN, or a user name */
  DSREG_IDENT_ACCOUNT,  /**< DOMAIN\user, optionally ", UPN" */
  DSREG_IDENT_HOSTS     /**< host names and proxy lists */
} dsreg_ident;

typedef struct dsreg_field_def {
  dsreg_section_kind section; /**< home section */
  const char *key;            /**< as printed: "AzureAdJoined" */
  dsreg_value_type type;
  dsreg_ident ident;  /**< what --redact rewrites in the value */
  const char *member; /**< path of the typed value: "device_state.domain_name";
                           for WORK_ACCOUNT rows, a dsreg_work_account member */
  size_t offset;      /**< offset of that member in dsreg_typed (or in
                           dsreg_work_account) */
  int is_alias;       /**< another spelling of an earlier row's member */
  const char *doc;    /**< one line of documentation */
  dsreg_code_context codes; /**< the context that explains a code in it */
  dsreg_prt_kind prt;       /**< the PRT whose diagnostics block holds it */
} dsreg_field_def;

/** Number of rows. */
DSREG_EXPORT size_t dsreg_field_def_count(void);

/** Row `i`, NULL past the end. */
DSREG_EXPORT const dsreg_field_def *dsreg_field_def_at(size_t i);

/** The title dsregcmd prints for a section kind ("Device State"); for
 * WORK_ACCOUNT "Work Account", for UNKNOWN "". Static string. */
DSREG_EXPORT const char *dsreg_section_kind_title(dsreg_section_kind kind);

/** The kind of a section title (trimmed, any case; "Work Account 3" sets
 * *ordinal to 3 when `ordinal` is not NULL). */
DSREG_EXPORT dsreg_section_kind dsreg_section_kind_of(const char *title,
                                                      size_t len,
                                                      unsigned *ordinal);

/**
 * The typed value a row describes: in `typed` for ordinary rows, in
 * `account` for WORK_ACCOUNT rows (NULL then gives NULL).  Borrowed.
 */
DSREG_EXPORT const dsreg_value *
dsreg_field_def_value(const dsreg_field_def *def, const dsreg_typed *typed,
                      const dsreg_work_account *account);

#ifdef __cplusplus
}
#endif

#endif
