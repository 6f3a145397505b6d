/*
 * redact_names.c - the pseudonym table of --redact (see redact_names.h).
 */
#include "redact_names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"

struct dsreg_name_entry {
  unsigned hash;
  dsreg_name_kind kind;
  size_t len, plen;
  char *pseudonym; /* points into the same block, after key */
  char key[];      /* lower-case copy of the value */
};

static unsigned hash_of(dsreg_name_kind kind, const char *s, size_t n) {
  unsigned h = 2166136261u ^ (unsigned)kind; /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned)dsreg_ascii_lower((unsigned char)s[i])) * 16777619u;
  return h;
}

static int same_key(const dsreg_name_entry *e, dsreg_name_kind kind,
                    const char *s, size_t n) {
  if (e->kind != kind || e->len != n)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (e->key[i] != (char)dsreg_ascii_lower((unsigned char)s[i]))
      return 0;
  return 1;
}

static size_t slot_of(const dsreg_names *t, unsigned h, dsreg_name_kind kind,
                      const char *s, size_t n) {
  size_t i = h & (t->cap - 1);
  while (t->slots[i] && !same_key(t->slots[i], kind, s, n))
    i = (i + 1) & (t->cap - 1);
  return i;
}

/* Doubles the table (from nothing to 64 slots); kept at most half full so
 * that probes stay short. */
static int grow(dsreg_names *t) {
  size_t cap = t->cap ? t->cap * 2 : 64;
  dsreg_name_entry **slots = calloc(cap, sizeof(dsreg_name_entry *));
  if (!slots)
    return -1;
  for (size_t i = 0; i < t->cap; i++) {
    dsreg_name_entry *e = t->slots[i];
    if (!e)
      continue;
    size_t j = e->hash & (cap - 1);
    while (slots[j])
      j = (j + 1) & (cap - 1);
    slots[j] = e;
  }
  free(t->slots);
  t->slots = slots;
  t->cap = cap;
  return 0;
}

/* The documentation ranges of RFC 5737, then the benchmarking range of RFC
 * 2544 (198.18.0.0/15) for runs with more addresses than those hold. */
static void ipv4_of(unsigned long n, char *buf, size_t size) {
  if (n <= 254)
    snprintf(buf, size, "192.0.2.%lu", n);
  else if (n <= 508)
    snprintf(buf, size, "198.51.100.%lu", n - 254);
  else if (n <= 762)
    snprintf(buf, size, "203.0.113.%lu", n - 508);
  else {
    unsigned long k = (n - 763) % 131072u;
    snprintf(buf, size, "198.%lu.%lu.%lu", 18 + k / 65536, k / 256 % 256,
             k % 256);
  }
}

/* The top-level label a domain pseudonym keeps: the suffixes that cannot
 * be routed or verified (the rules judge a UPN by them), else "example". */
static const char *top_label(const char *s, size_t len) {
  static const char *const KEPT[] = {"local", "lan",         "internal",
                                     "corp",  "localdomain", "intra",
                                     "home",  "private"};
  size_t i = len;
  while (i > 0 && s[i - 1] != '.')
    i--;
  if (i == 0)
    return "example";
  for (size_t k = 0; k < sizeof KEPT / sizeof KEPT[0]; k++)
    if (dsreg_eq_nocase(s + i, len - i, KEPT[k]))
      return KEPT[k];
  return "example";
}

/* The pseudonym number n of `kind` for value[0..len). */
static size_t make(dsreg_name_kind kind, unsigned long n, const char *value,
                   size_t len, char *buf, size_t size) {
  switch (kind) {
  case DSREG_NAME_GUID:
    snprintf(buf, size, "00000000-0000-0000-0000-%012lu", n);
    break;
  case DSREG_NAME_HEX: {
    /* The same length, so that a thumbprint stays 40 hex digits. */
    char num[24];
    int d = snprintf(num, sizeof num, "%lu", n);
    size_t digits = d > 0 ? (size_t)d : 0;
    if (len >= size)
      len = size - 1;
    if (digits > len)
      digits = len;
    memset(buf, '0', len - digits);
    memcpy(buf + len - digits, num + strlen(num) - digits, digits);
    buf[len] = '\0';
    break;
  }
  case DSREG_NAME_DEVICE:
    snprintf(buf, size, "DEVICE-%lu", n);
    break;
  case DSREG_NAME_NETBIOS:
    snprintf(buf, size, "DOMAIN%lu", n);
    break;
  case DSREG_NAME_DOMAIN:
    snprintf(buf, size, "domain%lu.%s", n, top_label(value, len));
    break;
  case DSREG_NAME_HOST:
    snprintf(buf, size, "host%lu.%s", n, top_label(value, len));
    break;
  case DSREG_NAME_USER:
    snprintf(buf, size, "user%lu", n);
    break;
  case DSREG_NAME_TENANT:
    snprintf(buf, size, "Tenant%lu", n);
    break;
  case DSREG_NAME_IPV4:
    ipv4_of(n, buf, size);
    break;
  case DSREG_NAME_IPV6:
    snprintf(buf, size, "2001:db8::%lx", n);
    break;
  case DSREG_NAME_SID:
    snprintf(buf, size, "1000000000-1000000000-%lu", 1000000000ul + n);
    break;
  case DSREG_NAME_SOURCE:
    snprintf(buf, size, "source-%lu", n);
    break;
  case DSREG_NAME_OPAQUE:
  case DSREG_NAME_KIND_COUNT:
    snprintf(buf, size, "redacted-%lu", n);
    break;
  }
  return strlen(buf);
}

static dsreg_name_entry *insert(dsreg_names *t, dsreg_name_kind kind,
                                const char *value, size_t len,
                                const char *pseudonym, size_t plen) {
  if ((t->count + 1) * 2 > t->cap && grow(t))
    return NULL;
  unsigned h = hash_of(kind, value, len);
  size_t i = slot_of(t, h, kind, value, len);
  if (t->slots[i])
    return t->slots[i];
  dsreg_name_entry *e = malloc(sizeof *e + len + 1 + plen + 1);
  if (!e)
    return NULL;
  e->hash = h;
  e->kind = kind;
  e->len = len;
  e->plen = plen;
  for (size_t k = 0; k < len; k++)
    e->key[k] = (char)dsreg_ascii_lower((unsigned char)value[k]);
  e->key[len] = '\0';
  e->pseudonym = e->key + len + 1;
  memcpy(e->pseudonym, pseudonym, plen);
  e->pseudonym[plen] = '\0';
  t->slots[i] = e;
  t->count++;
  return e;
}

const char *dsreg_names_find(const dsreg_names *t, dsreg_name_kind kind,
                             const char *value, size_t len, size_t *plen) {
  if (!t->cap)
    return NULL;
  const dsreg_name_entry *e =
      t->slots[slot_of(t, hash_of(kind, value, len), kind, value, len)];
  if (!e)
    return NULL;
  if (plen)
    *plen = e->plen;
  return e->pseudonym;
}

const char *dsreg_names_get(dsreg_names *t, dsreg_name_kind kind,
                            const char *value, size_t len, size_t *plen) {
  const char *found = dsreg_names_find(t, kind, value, len, plen);
  if (found)
    return found;
  char buf[128];
  size_t n = make(kind, t->next[kind] + 1, value, len, buf, sizeof buf);
  dsreg_name_entry *e = insert(t, kind, value, len, buf, n);
  if (!e)
    return NULL;
  t->next[kind]++;
  if (plen)
    *plen = e->plen;
  return e->pseudonym;
}

int dsreg_names_alias(dsreg_names *t, dsreg_name_kind kind, const char *value,
                      size_t len, const char *pseudonym, size_t plen) {
  return insert(t, kind, value, len, pseudonym, plen) ? 0 : -1;
}

void dsreg_names_free(dsreg_names *t) {
  for (size_t i = 0; i < t->cap; i++)
    free(t->slots[i]);
  free(t->slots);
  memset(t, 0, sizeof *t);
}
