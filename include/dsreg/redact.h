/*
 * dsreg/redact.h - a capture with every identifier replaced by a pseudonym
 * (--redact), so that its report, or the capture itself, can be posted.
 *
 *   dsreg_redactor *r = dsreg_redactor_new();
 *   // in the capture callback, before dsreg_analyze():
 *   const dsreg_capture *safe;
 *   if (dsreg_redact_capture(r, cap, &safe) == DSREG_OK)
 *     analyse and write `safe` instead of `cap`;
 *   ...
 *   dsreg_redactor_free(r);
 *
 * What is replaced: the values the field table (dsreg/fields.def, column
 * `ident`) declares as identifiers (DeviceId, TenantId, thumbprints, key
 * ids, device, domain and tenant names, UPNs, the executing account), and,
 * in every other value, section title, unparsed line and note: GUIDs, long
 * hex ids, UPNs and e-mail addresses, SIDs, IPv4 and IPv6 addresses, host
 * names that are not Microsoft's public endpoints (login.microsoftonline.com,
 * enterpriseregistration.windows.net, *.manage.microsoft.com... are kept),
 * and any identifier already met in the run.  Free text is searched by
 * pattern: that part is best effort (docs/redact.md).
 *
 * A pseudonym keeps the shape of what it replaces (a GUID stays a GUID, a
 * thumbprint 40 hex digits, a UPN user1@domain1.example, a device DEVICE-1,
 * an address 192.0.2.1 or 2001:db8::1), and the same value gets the same
 * pseudonym for the life of the redactor, ignoring ASCII case: the same
 * device or tenant stays recognisable across the captures of a run, and
 * the rules reach the same findings on the redacted capture.
 *
 * A redactor is not thread safe; pseudonyms are numbered in the order
 * values are met, so a caller that wants the same numbering every time
 * redacts its captures in a fixed order.  Memory grows with the number of
 * distinct identifiers, not with the input.
 */
#ifndef DSREG_REDACT_H
#define DSREG_REDACT_H

#include <stddef.h>

#include "dsreg/capture.h"
#include "dsreg/export.h"
#include "dsreg/report.h"
#include "dsreg/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dsreg_redactor dsreg_redactor;

/** A new redactor with no pseudonyms given yet; NULL when out of memory.
 * Caller frees with dsreg_redactor_free(). */
DSREG_EXPORT dsreg_redactor *dsreg_redactor_new(void);

/** Frees the redactor and everything it handed out; NULL is a no-op. */
DSREG_EXPORT void dsreg_redactor_free(dsreg_redactor *r);

/**
 * Makes *out a copy of `in` in which every identifier is a pseudonym:
 * field values, section titles, unparsed lines and notes.  Keys, line
 * numbers, flags and the typed values' types, states, codes and times are
 * those of `in`; each typed value points to its field in the copy.  `in`
 * is not changed and not kept.
 *
 * *out is owned by `r` and shares with `in` what it keeps unchanged (the
 * keys, and the values typed as flags, times, codes and numbers): it is
 * valid until the next dsreg_redact_capture() on `r`,
 * dsreg_redactor_free(), or the end of `in` (for a parser's capture, the
 * return of the callback), whichever comes first.  Returns DSREG_OK,
 * DSREG_EINVAL (a NULL argument) or DSREG_ENOMEM (then *out is NULL; the
 * pseudonyms given so far stay).
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status dsreg_redact_capture(
    dsreg_redactor *r, const dsreg_capture *in, const dsreg_capture **out);

/**
 * The pseudonym of a source name (a file's path often holds the device's
 * name): "source-N" and the file's extension, the same for the same name.
 * "<stdin>" and the live source "dsregcmd /status" name nothing and are
 * returned as they are.  Borrowed from `r` (or `source` itself), valid
 * until dsreg_redactor_free(); NULL when out of memory or an argument is
 * NULL.
 */
DSREG_EXPORT const char *dsreg_redact_source(dsreg_redactor *r,
                                             const char *source);

/**
 * Appends s[0..n) to `b` with the identifiers of free text replaced, as in
 * a capture's unparsed lines (for messages the caller writes itself).
 * `s` is not kept.  Returns DSREG_OK, DSREG_EINVAL (NULL `r` or `b`, or
 * NULL `s` with n > 0) or DSREG_ENOMEM (b->oom is set as well).
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status dsreg_redact_text(dsreg_redactor *r,
                                                            const char *s,
                                                            size_t n,
                                                            dsreg_outbuf *b);

/** Number of distinct values the redactor has given a pseudonym (0 for
 * NULL).  Same thread rule as the other calls on `r`. */
DSREG_EXPORT size_t dsreg_redactor_count(const dsreg_redactor *r);

#ifdef __cplusplus
}
#endif

#endif
