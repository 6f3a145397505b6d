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
 *
 * Threads: a capture is only read, by the functions here and everywhere
 * else in the library, so several threads may read one at once while its
 * callback runs (the parser that owns it must not be fed meanwhile).  The
 * functions below keep no state: they are thread safe.
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
  DSREG_ENCODING_UTF16BE,
  DSREG_ENCODING_CP437, /**< OEM United States (cmd `>` in the US) */
  DSREG_ENCODING_CP850, /**< OEM Western Europe (cmd `>` in Europe) */
  DSREG_ENCODING_CP1252 /**< Windows "ANSI", Western Europe */
} dsreg_encoding;

/** "utf-8", "utf-8-bom", "utf-16le-bom", ..., "cp437", "cp850", "cp1252";
 * static string. */
DSREG_EXPORT const char *dsreg_encoding_name(dsreg_encoding enc);

/** The encoding a user names: "auto" (DSREG_ENCODING_UNKNOWN: detect),
 * "utf-8", "utf-16le", "utf-16be", "cp437", "cp850" or "cp1252", in any
 * case.  Returns false, and leaves *out alone, for any other name. */
DSREG_EXPORT bool dsreg_encoding_from_name(const char *name,
                                           dsreg_encoding *out);

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

/* The typed structs are built from the field lists of dsreg/fields.def, so
 * that a member cannot exist without its row: each F row is a dsreg_value,
 * each B row a nested group.  dsreg/fields.def documents every member. */
#include "dsreg/fields.def"

#define DSREG_DECL_F(unused, key, type, ident, member, codes, doc)             \
  dsreg_value member;
#define DSREG_DECL_A(unused, key, type, ident, member, codes, doc)
#define DSREG_DECL_B(unused, group, member, section, prt, opener)              \
  dsreg_##group member;
#define DSREG_DECL_STRUCT(group)                                               \
  typedef struct dsreg_##group {                                               \
    DSREG_FIELDS_##group(DSREG_DECL_F, DSREG_DECL_A, DSREG_DECL_B, _)          \
  } dsreg_##group;

DSREG_DECL_STRUCT(device_state)
DSREG_DECL_STRUCT(device_details)
DSREG_DECL_STRUCT(tenant_details)
DSREG_DECL_STRUCT(user_state)
/** AcquirePrtDiagnostics / RefreshPrtDiagnostics block of one PRT. */
DSREG_DECL_STRUCT(prt_diag)
DSREG_DECL_STRUCT(sso_state)
DSREG_DECL_STRUCT(diagnostic_data)
DSREG_DECL_STRUCT(ie_proxy)
DSREG_DECL_STRUCT(url_proxy)
DSREG_DECL_STRUCT(winhttp_proxy)
DSREG_DECL_STRUCT(ngc)

/** One `Work Account n` section, or the workplace fields of a pre-1809
 * User State (then `section` is that User State). */
typedef struct dsreg_work_account {
  size_t section; /**< index into dsreg_capture.sections */
  DSREG_FIELDS_work_account(DSREG_DECL_F, DSREG_DECL_A, DSREG_DECL_B, _)
} dsreg_work_account;

#undef DSREG_DECL_STRUCT
#undef DSREG_DECL_F
#undef DSREG_DECL_A
#undef DSREG_DECL_B

/** The known fields of a capture, typed.  A value whose section was not
 * printed is DSREG_VALUE_ABSENT: a missing section is not a NO. */
typedef struct dsreg_typed {
#define DSREG_DECL_B(unused, group, member, section, prt, opener)              \
  dsreg_##group member;
  DSREG_FIELDS_typed(DSREG_DECL_B, _)
#undef DSREG_DECL_B
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
  bool fragment; /**< field lines with no section boxes: its sections were
                      inferred from the keys (docs/format.md §4) */
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

/** True when the value was printed with a non-empty text; false for
 * NULL. */
DSREG_EXPORT bool dsreg_value_present(const dsreg_value *v);

/** The value's text as printed, "" when absent (or NULL).  Borrowed from
 * the capture: valid as long as it is. */
DSREG_EXPORT const char *dsreg_value_text(const dsreg_value *v);

/** True when a FLAG value reads YES. */
DSREG_EXPORT bool dsreg_value_yes(const dsreg_value *v);

/** True when a FLAG value reads NO. */
DSREG_EXPORT bool dsreg_value_no(const dsreg_value *v);

#ifdef __cplusplus
}
#endif

#endif
