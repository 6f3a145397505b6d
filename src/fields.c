/*
 * fields.c - the field table, section titles and key lookup.
 */
#include "internal.h"

#include <stdint.h>
#include <string.h>

/* The lists of dsreg/fields.def flattened into rows: each group of
 * dsreg_typed in order, a nested group (B) at its place, so the rows follow
 * the layout of the structs whatever order the lists name them in.  `path`
 * is where the group sits in dsreg_typed, `sec` and `prt` what its B row
 * says. */
#define ROW(path, sec, prt, key, type, ident, member, codes, doc, alias)       \
  {DSREG_SECTION_##sec,                                                        \
   key,                                                                        \
   DSREG_TYPE_##type,                                                          \
   DSREG_IDENT_##ident,                                                        \
   #path "." #member,                                                          \
   offsetof(dsreg_typed, path.member),                                         \
   alias,                                                                      \
   doc,                                                                        \
   DSREG_CODE_##codes,                                                         \
   DSREG_PRT_##prt},
#define TYPED_F(path, sec, prt, key, type, ident, member, codes, doc)          \
  ROW(path, sec, prt, key, type, ident, member, codes, doc, 0)
#define TYPED_A(path, sec, prt, key, type, ident, member, codes, doc)          \
  ROW(path, sec, prt, key, type, ident, member, codes, doc, 1)
#define NO_B(...)
#define NESTED_B(path, sec, prt, group, member, section, bprt, opener)         \
  DSREG_FIELDS_##group(TYPED_F, TYPED_A, NO_B, path.member, section, bprt)
#define TOP_B(unused, group, member, section, prt, opener)                     \
  DSREG_FIELDS_##group(TYPED_F, TYPED_A, NESTED_B, member, section, prt)

/* Work Account rows sit in dsreg_work_account, and name its members. */
#define ACCOUNT_ROW(unused, key, type, ident, member, codes, doc, alias)       \
  {DSREG_SECTION_WORK_ACCOUNT,                                                 \
   key,                                                                        \
   DSREG_TYPE_##type,                                                          \
   DSREG_IDENT_##ident,                                                        \
   #member,                                                                    \
   offsetof(dsreg_work_account, member),                                       \
   alias,                                                                      \
   doc,                                                                        \
   DSREG_CODE_##codes,                                                         \
   DSREG_PRT_NONE},
#define ACCOUNT_F(unused, key, type, ident, member, codes, doc)                \
  ACCOUNT_ROW(unused, key, type, ident, member, codes, doc, 0)
#define ACCOUNT_A(unused, key, type, ident, member, codes, doc)                \
  ACCOUNT_ROW(unused, key, type, ident, member, codes, doc, 1)

static const dsreg_field_def TABLE[] = {DSREG_FIELDS_typed(
    TOP_B, _) DSREG_FIELDS_work_account(ACCOUNT_F, ACCOUNT_A, NO_B, _)};

/* The rows whose line opens a PRT diagnostics block (AzureAdPrt,
 * EnterprisePrt), from the B rows that declare the blocks. */
typedef struct opener {
  size_t offset;
  dsreg_prt_kind prt;
} opener;
#define OPENS_NONE(path, opener_member)
#define OPENS_AZURE(path, opener_member)                                       \
  {offsetof(dsreg_typed, path.opener_member), DSREG_PRT_AZURE},
#define OPENS_ENTERPRISE(path, opener_member)                                  \
  {offsetof(dsreg_typed, path.opener_member), DSREG_PRT_ENTERPRISE},
#define IGNORE_ROW(...)
#define OPENER_NESTED_B(path, sec, prt, group, member, section, bprt, opener)  \
  OPENS_##bprt(path, opener)
#define OPENER_TOP_B(unused, group, member, section, prt, opener)              \
  DSREG_FIELDS_##group(IGNORE_ROW, IGNORE_ROW, OPENER_NESTED_B, member,        \
                       section, prt)
static const opener OPENERS[] = {DSREG_FIELDS_typed(OPENER_TOP_B, _)};

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

/* The titles with their lengths: a title is matched on every box line, and
 * most candidates differ in length, which is cheaper to compare first. */
typedef struct title_def {
  const char *text;
  size_t len;
} title_def;

#define TITLE(s)                                                               \
  { s, sizeof(s) - 1 }
static const title_def TITLES[DSREG_SECTION_KIND_COUNT] = {
    [DSREG_SECTION_UNKNOWN] = TITLE(""),
    [DSREG_SECTION_DEVICE_STATE] = TITLE("Device State"),
    [DSREG_SECTION_DEVICE_DETAILS] = TITLE("Device Details"),
    [DSREG_SECTION_TENANT_DETAILS] = TITLE("Tenant Details"),
    [DSREG_SECTION_USER_STATE] = TITLE("User State"),
    [DSREG_SECTION_SSO_STATE] = TITLE("SSO State"),
    [DSREG_SECTION_WORK_ACCOUNT] = TITLE("Work Account"),
    [DSREG_SECTION_DIAGNOSTIC_DATA] = TITLE("Diagnostic Data"),
    [DSREG_SECTION_IE_PROXY_USER] = TITLE("IE Proxy Config for Current User"),
    [DSREG_SECTION_IE_PROXY_SYSTEM] =
        TITLE("IE Proxy Config for System Account"),
    [DSREG_SECTION_URL_PROXY] = TITLE("URL Specific Proxy Config"),
    [DSREG_SECTION_WINHTTP_PROXY] = TITLE("WinHttp Default Proxy Config"),
    [DSREG_SECTION_NGC] = TITLE("Ngc Prerequisite Check"),
};
#undef TITLE

const char *dsreg_section_kind_title(dsreg_section_kind kind) {
  if ((unsigned)kind >= DSREG_SECTION_KIND_COUNT)
    return "";
  return TITLES[kind].text;
}

dsreg_section_kind dsreg_section_kind_of(const char *title, size_t len,
                                         unsigned *ordinal) {
  if (ordinal)
    *ordinal = 0;
  for (int k = 1; k < DSREG_SECTION_KIND_COUNT; k++) {
    if (k == DSREG_SECTION_WORK_ACCOUNT)
      continue;
    /* printed as the table has it, almost always: memcmp first */
    if (TITLES[k].len == len && (memcmp(title, TITLES[k].text, len) == 0 ||
                                 dsreg_eq_nocase(title, len, TITLES[k].text)))
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

dsreg_prt_kind dsreg_field_opens_prt(size_t row) {
  if (row >= TABLE_ROWS || TABLE[row].section == DSREG_SECTION_WORK_ACCOUNT)
    return DSREG_PRT_NONE;
  for (size_t i = 0; i < sizeof OPENERS / sizeof OPENERS[0]; i++)
    if (OPENERS[i].offset == TABLE[row].offset)
      return OPENERS[i].prt;
  return DSREG_PRT_NONE;
}

int dsreg_field_prt_twin(size_t row, dsreg_prt_kind prt) {
  /* The blocks come from one list, so a row's twin has the same place in
   * the other block. */
  size_t first[DSREG_PRT_ENTERPRISE + 1] = {0}, seen[DSREG_PRT_ENTERPRISE + 1];
  memset(seen, 0, sizeof seen);
  if (row >= TABLE_ROWS || TABLE[row].prt == DSREG_PRT_NONE ||
      prt == DSREG_PRT_NONE || (unsigned)prt > DSREG_PRT_ENTERPRISE)
    return -1;
  for (size_t r = 0; r < TABLE_ROWS; r++) {
    dsreg_prt_kind k = TABLE[r].prt;
    if (k != DSREG_PRT_NONE && !seen[k]) {
      seen[k] = 1;
      first[k] = r;
    }
  }
  size_t twin = first[prt] + (row - first[TABLE[row].prt]);
  return seen[prt] && twin < TABLE_ROWS && TABLE[twin].prt == prt &&
                 TABLE[twin].key == TABLE[row].key
             ? (int)twin
             : -1;
}
