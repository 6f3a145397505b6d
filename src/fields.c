/*
 * fields.c - the field table, section titles and key lookup.
 */
#include "internal.h"

#include <stdint.h>
#include <string.h>

#define OFF_TYPED(m) offsetof(dsreg_typed, m)
#define OFF_DEVICE_STATE OFF_TYPED
#define OFF_DEVICE_DETAILS OFF_TYPED
#define OFF_TENANT_DETAILS OFF_TYPED
#define OFF_USER_STATE OFF_TYPED
#define OFF_SSO_STATE OFF_TYPED
#define OFF_DIAGNOSTIC_DATA OFF_TYPED
#define OFF_IE_PROXY_USER OFF_TYPED
#define OFF_IE_PROXY_SYSTEM OFF_TYPED
#define OFF_URL_PROXY OFF_TYPED
#define OFF_WINHTTP_PROXY OFF_TYPED
#define OFF_NGC OFF_TYPED
#define OFF_WORK_ACCOUNT(m) offsetof(dsreg_work_account, m)

static const dsreg_field_def TABLE[] = {
#define DSREG_FIELD(sec, key, type, member, doc)                               \
  {DSREG_SECTION_##sec,                                                        \
   key,                                                                        \
   DSREG_TYPE_##type,                                                          \
   #member,                                                                    \
   OFF_##sec(member),                                                          \
   0,                                                                          \
   doc},
#define DSREG_ALIAS(sec, key, type, member, doc)                               \
  {DSREG_SECTION_##sec,                                                        \
   key,                                                                        \
   DSREG_TYPE_##type,                                                          \
   #member,                                                                    \
   OFF_##sec(member),                                                          \
   1,                                                                          \
   doc},
#include "fields.def"
#undef DSREG_FIELD
#undef DSREG_ALIAS
};

#define TABLE_ROWS (sizeof TABLE / sizeof TABLE[0])

_Static_assert(TABLE_ROWS < DSREG_FIELD_SLOTS / 2, "grow DSREG_FIELD_SLOTS");

size_t dsreg_field_def_count(void) { return TABLE_ROWS; }

const dsreg_field_def *dsreg_field_def_at(size_t i) {
  return i < TABLE_ROWS ? &TABLE[i] : NULL;
}

const dsreg_value *dsreg_field_def_value(const dsreg_field_def *def,
                                         const dsreg_typed *typed,
                                         const dsreg_work_account *account) {
  const char *base;
  if (!def)
    return NULL;
  if (def->section == DSREG_SECTION_WORK_ACCOUNT)
    base = (const char *)account;
  else
    base = (const char *)typed;
  return base ? (const dsreg_value *)(const void *)(base + def->offset) : NULL;
}

static const char *const TITLES[DSREG_SECTION_KIND_COUNT] = {
    [DSREG_SECTION_UNKNOWN] = "",
    [DSREG_SECTION_DEVICE_STATE] = "Device State",
    [DSREG_SECTION_DEVICE_DETAILS] = "Device Details",
    [DSREG_SECTION_TENANT_DETAILS] = "Tenant Details",
    [DSREG_SECTION_USER_STATE] = "User State",
    [DSREG_SECTION_SSO_STATE] = "SSO State",
    [DSREG_SECTION_WORK_ACCOUNT] = "Work Account",
    [DSREG_SECTION_DIAGNOSTIC_DATA] = "Diagnostic Data",
    [DSREG_SECTION_IE_PROXY_USER] = "IE Proxy Config for Current User",
    [DSREG_SECTION_IE_PROXY_SYSTEM] = "IE Proxy Config for System Account",
    [DSREG_SECTION_URL_PROXY] = "URL Specific Proxy Config",
    [DSREG_SECTION_WINHTTP_PROXY] = "WinHttp Default Proxy Config",
    [DSREG_SECTION_NGC] = "Ngc Prerequisite Check",
};

const char *dsreg_section_kind_title(dsreg_section_kind kind) {
  if ((unsigned)kind >= DSREG_SECTION_KIND_COUNT)
    return "";
  return TITLES[kind];
}

dsreg_section_kind dsreg_section_kind_of(const char *title, size_t len,
                                         unsigned *ordinal) {
  if (ordinal)
    *ordinal = 0;
  for (int k = 1; k < DSREG_SECTION_KIND_COUNT; k++) {
    if (k == DSREG_SECTION_WORK_ACCOUNT)
      continue;
    if (dsreg_eq_nocase(title, len, TITLES[k]))
      return (dsreg_section_kind)k;
  }
  /* "Work Account <n>" */
  if (len > 13 && dsreg_eq_nocase(title, 13, "Work Account ")) {
    unsigned long n = 0;
    for (size_t i = 13; i < len; i++) {
      if (title[i] < '0' || title[i] > '9' || n > 100000)
        return DSREG_SECTION_UNKNOWN;
      n = n * 10 + (unsigned long)(title[i] - '0');
    }
    if (ordinal)
      *ordinal = (unsigned)n;
    return DSREG_SECTION_WORK_ACCOUNT;
  }
  return DSREG_SECTION_UNKNOWN;
}

/* Keys compare without case, spaces or punctuation: "OnPremTGT" (NGC) and
 * "OnPremTgt" (SSO State) are one key, told apart by their section. */
static size_t normalise(const char *key, size_t len, char *out, size_t cap) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    int c = dsreg_ascii_lower((unsigned char)key[i]);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (n + 1 >= cap)
        return 0; /* longer than any known key */
      out[n++] = (char)c;
    }
  }
  out[n] = '\0';
  return n;
}

static unsigned hash(const char *s, size_t n) {
  unsigned h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* A cheap hash of a key's exact bytes: its length and its first and last
 * eight bytes (keys are 2 to 26 bytes long).  Collisions only cost a probe. */
static unsigned exact_hash(const char *s, size_t n) {
  uint64_t a = 0, b = 0;
  if (n >= 8) {
    memcpy(&a, s, 8);
    memcpy(&b, s + n - 8, 8);
  } else {
    for (size_t i = 0; i < n; i++)
      a = a << 8 | (unsigned char)s[i];
  }
  uint64_t h = (a * 0x9E3779B97F4A7C15u) ^ (b * 0xC2B2AE3D27D4EB4Fu) ^ n;
  return (unsigned)(h >> 40);
}

void dsreg_field_index_build(dsreg_field_index *ix) {
  memset(ix, 0, sizeof *ix);
  for (size_t r = 0; r < TABLE_ROWS; r++) {
    char key[40];
    size_t klen = strlen(TABLE[r].key);
    size_t n = normalise(TABLE[r].key, klen, key, sizeof key);
    unsigned h = hash(key, n) & (DSREG_FIELD_SLOTS - 1);
    ix->klen[r] = (unsigned char)klen;
    for (;;) {
      int first = ix->slot[h] - 1;
      if (first < 0) {
        ix->slot[h] = (short)(r + 1);
        ix->first[r] = (short)(r + 1);
        memcpy(ix->norm[h], key, n + 1);
        break;
      }
      if (strcmp(ix->norm[h], key) == 0) {
        int last = first;
        while (ix->next[last])
          last = ix->next[last] - 1;
        ix->next[last] = (short)(r + 1);
        ix->first[r] = (short)(first + 1);
        break;
      }
      h = (h + 1) & (DSREG_FIELD_SLOTS - 1);
    }
    /* The exact table keeps the first row of each spelling. */
    unsigned e = exact_hash(TABLE[r].key, klen) & (DSREG_FIELD_SLOTS - 1);
    while (ix->exact[e] &&
           strcmp(TABLE[ix->exact[e] - 1].key, TABLE[r].key) != 0)
      e = (e + 1) & (DSREG_FIELD_SLOTS - 1);
    if (!ix->exact[e])
      ix->exact[e] = (short)(r + 1);
  }
}

/* The row of key group `first` for section `kind`, else `first`. */
static int prefer_section(const dsreg_field_index *ix, int first,
                          dsreg_section_kind kind) {
  for (int r = first; r >= 0; r = ix->next[r] - 1)
    if (TABLE[r].section == kind)
      return r;
  return first;
}

int dsreg_field_index_find(const dsreg_field_index *ix, const char *key,
                           size_t len, dsreg_section_kind kind) {
  /* Almost every key is printed exactly as the table has it. */
  unsigned e = exact_hash(key, len) & (DSREG_FIELD_SLOTS - 1);
  for (; ix->exact[e]; e = (e + 1) & (DSREG_FIELD_SLOTS - 1)) {
    int r = ix->exact[e] - 1;
    if (ix->klen[r] == len && memcmp(TABLE[r].key, key, len) == 0)
      return prefer_section(ix, ix->first[r] - 1, kind);
  }
  char norm[40];
  size_t n = normalise(key, len, norm, sizeof norm);
  if (n == 0)
    return -1;
  unsigned h = hash(norm, n) & (DSREG_FIELD_SLOTS - 1);
  while (ix->slot[h]) {
    if (strcmp(ix->norm[h], norm) == 0)
      return prefer_section(ix, ix->slot[h] - 1, kind);
    h = (h + 1) & (DSREG_FIELD_SLOTS - 1);
  }
  return -1;
}

int dsreg_field_is_prt_diag(const dsreg_field_def *def) {
  const size_t lo = offsetof(dsreg_typed, sso_state.azure_prt_diag);
  return def && def->section == DSREG_SECTION_SSO_STATE && def->offset >= lo &&
         def->offset < lo + sizeof(dsreg_prt_diag);
}

int dsreg_field_row_of(const char *key) {
  for (size_t r = 0; r < TABLE_ROWS; r++)
    if (strcmp(TABLE[r].key, key) == 0)
      return (int)r;
  return -1;
}
