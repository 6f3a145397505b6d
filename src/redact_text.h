/*
 * redact_text.h - identifiers found by their shape in free text (--redact).
 *
 * Private to the library.  One pass over the text, left to right: at each
 * word start it tries, in this order, an identifier this capture declared
 * (a device name, a tenant name...), a URL, an e-mail address or UPN, a
 * SID, a GUID, an IPv6 or IPv4 address, a long hex id, a host name, and a
 * word already given a pseudonym in the run; what matches is replaced,
 * everything else copied.  Replacements are never scanned again, so a
 * pseudonym is never itself replaced.
 */
#ifndef DSREG_REDACT_TEXT_H
#define DSREG_REDACT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "redact_names.h"

/* An identifier of the capture being redacted and its pseudonym. */
typedef struct dsreg_known {
  const char *s;
  size_t n;
  const char *p;
  size_t pn;
} dsreg_known;

/* The known list is reached through pointers because it grows while a
 * field is rewritten (an account teaches its user name mid-value). */
typedef struct dsreg_scan {
  dsreg_names *names;
  dsreg_known *const *known; /* longest first */
  const size_t *known_count;
} dsreg_scan;

enum {
  DSREG_SCAN_TEXT = 0,
  DSREG_SCAN_PATH = 1u << 0, /* a URL's path: no bare host names */
  DSREG_SCAN_HOSTS = 1u << 1 /* a host list: every name is a host */
};

/* Appends s[0..n) to `out` with its identifiers replaced.  Out of memory
 * shows as out->oom. */
void dsreg_scan_text(const dsreg_scan *sc, dsreg_buf *out, const char *s,
                     size_t n, unsigned mode);

/* Appends the pseudonym of host s[0..n): kept when it is one of
 * Microsoft's public endpoints, an address's pseudonym for an address. */
void dsreg_scan_host(const dsreg_scan *sc, dsreg_buf *out, const char *s,
                     size_t n);

/* True for a host of Microsoft's public services (login.microsoftonline.com,
 * *.manage.microsoft.com, ...), which names no one; a tenant's own name
 * under them (contoso.onmicrosoft.com, contoso.sharepoint.com) does. */
bool dsreg_public_host(const char *s, size_t n);

/* Appends the pseudonym of `kind` for s[0..n). */
void dsreg_scan_put_name(const dsreg_scan *sc, dsreg_buf *out,
                         dsreg_name_kind kind, const char *s, size_t n);

/* Length of the GUID (8-4-4-4-12 hex) at s[0..n), else 0. */
size_t dsreg_scan_guid_len(const char *s, size_t n);

#endif
