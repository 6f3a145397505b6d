/*
 * redact_names.h - the pseudonyms of one --redact run.
 *
 * Private to the library.  A hash table from (kind, value) to the
 * pseudonym given to it the first time it was met, so that the same
 * value always reads the same within a run.  Values compare without ASCII
 * case: a GUID, a host or a NetBIOS name is the same whatever its case.
 * Memory grows with the distinct values only.
 */
#ifndef DSREG_REDACT_NAMES_H
#define DSREG_REDACT_NAMES_H

#include <stddef.h>

/* The kinds of identifier; each has its own counter and pseudonym shape. */
typedef enum dsreg_name_kind {
  DSREG_NAME_GUID,    /* 00000000-0000-0000-0000-00000000000N */
  DSREG_NAME_HEX,     /* as long as the value: 000...0N */
  DSREG_NAME_DEVICE,  /* DEVICE-N */
  DSREG_NAME_NETBIOS, /* DOMAINN */
  DSREG_NAME_DOMAIN,  /* domainN.example */
  DSREG_NAME_HOST,    /* hostN.example */
  DSREG_NAME_USER,    /* userN */
  DSREG_NAME_TENANT,  /* TenantN */
  DSREG_NAME_OPAQUE,  /* redacted-N */
  DSREG_NAME_IPV4,    /* 192.0.2.N, then the other documentation ranges */
  DSREG_NAME_IPV6,    /* 2001:db8::N */
  DSREG_NAME_SID,     /* the domain part of a SID: 1000000000-1000000000-N */
  DSREG_NAME_SOURCE,  /* source-N */
  DSREG_NAME_KIND_COUNT
} dsreg_name_kind;

typedef struct dsreg_name_entry dsreg_name_entry;

typedef struct dsreg_names {
  dsreg_name_entry **slots; /* open addressing; NULL = empty */
  size_t cap;               /* a power of two, or 0 */
  size_t count;
  unsigned long next[DSREG_NAME_KIND_COUNT]; /* last number given per kind */
} dsreg_names;

/* The pseudonym of value[0..len) of `kind`, made on first sight; NULL when
 * out of memory.  *plen gets its length.  Borrowed from `t`, valid until
 * dsreg_names_free(). */
const char *dsreg_names_get(dsreg_names *t, dsreg_name_kind kind,
                            const char *value, size_t len, size_t *plen);

/* The pseudonym already given to value[0..len) of `kind`, else NULL. */
const char *dsreg_names_find(const dsreg_names *t, dsreg_name_kind kind,
                             const char *value, size_t len, size_t *plen);

/* Makes value[0..len) of `kind` read `pseudonym` too (a NetBIOS name cut
 * to 15 characters is its device).  Keeps an existing entry.  -1 when out
 * of memory. */
int dsreg_names_alias(dsreg_names *t, dsreg_name_kind kind, const char *value,
                      size_t len, const char *pseudonym, size_t plen);

void dsreg_names_free(dsreg_names *t);

#endif
