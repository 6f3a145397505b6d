/*
 * redact.c - a capture with its identifiers replaced (see dsreg/redact.h).
 *
 * The copy is made in three passes over the fields, because later ones
 * lean on what earlier ones learnt: the device and domain names first, so
 * that "CONTOSO\jdoe" in Executing Account Name gets the same DOMAIN1 as
 * DomainName (the rules compare the two, as they compare the account's
 * domain with the device's NetBIOS name); then the other declared
 * identifiers; then free text, where every identifier the capture declared
 * is replaced wherever it is quoted, along with what has the shape of one.
 */
#include "dsreg/redact.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "internal.h"
#include "redact_names.h"
#include "redact_text.h"

struct dsreg_redactor {
  dsreg_names names;
  dsreg_arena arena; /* the strings of the capture last redacted */
  dsreg_buf tmp;
  dsreg_known *known;
  size_t known_count, known_cap;
  dsreg_field *fields;
  size_t fields_cap;
  unsigned char *keep; /* per field: kept as it is (find_kept) */
  size_t keep_cap;
  dsreg_section *sections;
  size_t sections_cap;
  dsreg_line *unparsed;
  size_t unparsed_cap;
  dsreg_note *notes;
  size_t notes_cap;
  dsreg_work_account *accounts;
  size_t accounts_cap;
  dsreg_capture cap;
  bool oom;
};

/* Names Windows gives every device: they say nothing about this one, and
 * the rules read some of them (SYSTEM, the built-in Administrator). */
static const char *const BUILTIN_DOMAINS[] = {
    "NT AUTHORITY",   "AzureAD",          "BUILTIN",   "NT SERVICE",
    "Window Manager", "Font Driver Host", "WORKGROUP", "NT VIRTUAL MACHINE",
    "IIS APPPOOL"};
static const char *const BUILTIN_USERS[] = {
    "SYSTEM", "LOCAL SERVICE",  "NETWORK SERVICE",    "Administrator",
    "Guest",  "DefaultAccount", "WDAGUtilityAccount", "ANONYMOUS LOGON"};

/* Names of Microsoft's own, which a tenant may carry too (the TenantName of
 * Microsoft's tenant): public, and words of other values ("Microsoft
 * Platform Crypto Provider"), so they are not looked for in free text. */
static const char *const PUBLIC_NAMES[] = {"Microsoft", "Windows", "Azure",
                                           "Entra",     "Intune",  "Office"};

static bool in_list(const char *s, size_t n, const char *const *list,
                    size_t count) {
  for (size_t i = 0; i < count; i++)
    if (dsreg_eq_nocase(s, n, list[i]))
      return true;
  return false;
}
#define IN(s, n, list) in_list(s, n, list, sizeof(list) / sizeof((list)[0]))

dsreg_redactor *dsreg_redactor_new(void) {
  return calloc(1, sizeof(dsreg_redactor));
}

void dsreg_redactor_free(dsreg_redactor *r) {
  if (!r)
    return;
  dsreg_names_free(&r->names);
  dsreg_arena_free(&r->arena);
  dsreg_buf_free(&r->tmp);
  free(r->known);
  free(r->fields);
  free(r->keep);
  free(r->sections);
  free(r->unparsed);
  free(r->notes);
  free(r->accounts);
  free(r);
}

size_t dsreg_redactor_count(const dsreg_redactor *r) {
  return r ? r->names.count : 0;
}

/* Makes *arr hold n items of `size` bytes; false when out of memory. */
static bool reserve(void **arr, size_t *cap, size_t n, size_t size) {
  if (n <= *cap)
    return true;
  size_t want = *cap ? *cap : 16;
  while (want < n)
    want *= 2;
  void *p = realloc(*arr, want * size);
  if (!p)
    return false;
  *arr = p;
  *cap = want;
  return true;
}

static dsreg_scan scan_of(dsreg_redactor *r) {
  dsreg_scan sc = {&r->names, &r->known, &r->known_count};
  return sc;
}

/* A real capture declares about twenty identifiers; one made of thousands
 * of DeviceId lines must not make every word of its free text a search
 * through them all.  Past this many, free text relies on the shapes and on
 * the run's table of names (redact_text.c). */
#define KNOWN_MAX 64

/* Remembers that value[0..n) of this capture reads p[0..pn), so that free
 * text quoting it is redacted too.  Only words are looked for. */
static void learn(dsreg_redactor *r, const char *s, size_t n, const char *p,
                  size_t pn) {
  if (n < 2 || !dsreg_ascii_is_alnum((unsigned char)s[0]) ||
      (n == pn && memcmp(s, p, n) == 0) || IN(s, n, PUBLIC_NAMES) ||
      r->known_count == KNOWN_MAX)
    return;
  for (size_t k = 0; k < r->known_count; k++)
    if (r->known[k].n == n && memcmp(r->known[k].s, s, n) == 0)
      return;
  if (!reserve((void **)&r->known, &r->known_cap, r->known_count + 1,
               sizeof *r->known)) {
    r->oom = true;
    return;
  }
  /* Kept longest first, so that an FQDN wins over its first label. */
  size_t i = r->known_count++;
  while (i > 0 && r->known[i - 1].n < n) {
    r->known[i] = r->known[i - 1];
    i--;
  }
  r->known[i] = (dsreg_known){s, n, p, pn};
}

/* The pseudonym of `kind` for s[0..n), learnt; NULL when out of memory. */
static const char *name(dsreg_redactor *r, dsreg_name_kind kind, const char *s,
                        size_t n, size_t *pn) {
  const char *p = dsreg_names_get(&r->names, kind, s, n, pn);
  if (!p)
    r->oom = true;
  else
    learn(r, s, n, p, *pn);
  return p;
}

/* ---- the declared identifiers ------------------------------------------ */

/* CONTOSO-DT117.corp.contoso.com -> DEVICE-1.domain1.example.  NetBIOS
 * cuts the name to 15 characters where an account names its device, so
 * the cut name reads the same. */
static void device(dsreg_redactor *r, dsreg_buf *b, const char *s, size_t n) {
  const char *dot = memchr(s, '.', n);
  size_t label = dot ? (size_t)(dot - s) : n, pn, dn = 0;
  const char *p = name(r, DSREG_NAME_DEVICE, s, label, &pn), *d = NULL;
  if (!p)
    return;
  if (label > 15 &&
      dsreg_names_alias(&r->names, DSREG_NAME_DEVICE, s, 15, p, pn) == 0)
    learn(r, s, 15, p, pn);
  dsreg_buf_put(b, p, pn);
  if (dot && label + 1 < n) {
    d = name(r, DSREG_NAME_DOMAIN, dot + 1, n - label - 1, &dn);
    if (!d)
      return;
    dsreg_buf_putc(b, '.');
    dsreg_buf_put(b, d, dn);
  } else if (dot) {
    dsreg_buf_put(b, dot, n - label);
  }
}

/* DOMAIN\user, or DOMAIN\HOST$ for the computer account. */
static void account_name(dsreg_redactor *r, dsreg_buf *b, const char *s,
                         size_t n) {
  size_t pn;
  const char *p;
  if (!n || IN(s, n, BUILTIN_USERS)) {
    dsreg_buf_put(b, s, n);
    return;
  }
  if (s[n - 1] == '$') {
    p = dsreg_names_find(&r->names, DSREG_NAME_DEVICE, s, n - 1, &pn);
    if (!p)
      p = name(r, DSREG_NAME_DEVICE, s, n - 1, &pn);
    if (p) {
      dsreg_buf_put(b, p, pn);
      dsreg_buf_putc(b, '$');
    }
    return;
  }
  if ((p = name(r, DSREG_NAME_USER, s, n, &pn)))
    dsreg_buf_put(b, p, pn);
}

static void account_domain(dsreg_redactor *r, dsreg_buf *b, const char *s,
                           size_t n) {
  size_t pn;
  bool word = false;
  for (size_t i = 0; i < n; i++)
    word |= dsreg_ascii_is_alnum((unsigned char)s[i]);
  if (!word || IN(s, n, BUILTIN_DOMAINS)) {
    dsreg_buf_put(b, s, n);
    return;
  }
  /* The domain the capture named, else the device itself (a local
   * account), else a domain of its own. */
  const char *p = dsreg_names_find(&r->names, DSREG_NAME_NETBIOS, s, n, &pn);
  if (!p)
    p = dsreg_names_find(&r->names, DSREG_NAME_DEVICE, s, n, &pn);
  if (p)
    learn(r, s, n, p, pn);
  else
    p = name(r, DSREG_NAME_NETBIOS, s, n, &pn);
  if (p)
    dsreg_buf_put(b, p, pn);
}

/* Executing Account Name: "DOMAIN\user, user@upn" (or a UPN, or a user). */
static void account(dsreg_redactor *r, dsreg_buf *b, const char *s, size_t n,
                    const dsreg_scan *sc) {
  const char *bs = memchr(s, '\\', n);
  if (!bs) {
    if (memchr(s, '@', n) || !n) {
      dsreg_scan_text(sc, b, s, n, DSREG_SCAN_TEXT);
    } else {
      size_t cut = strcspn(s, ",");
      account_name(r, b, s, cut < n ? cut : n);
      if (cut < n)
        dsreg_scan_text(sc, b, s + cut, n - cut, DSREG_SCAN_TEXT);
    }
    return;
  }
  size_t dlen = (size_t)(bs - s), rest = dlen + 1, nlen = 0;
  while (rest + nlen < n && s[rest + nlen] != ',')
    nlen++;
  account_domain(r, b, s, dlen);
  dsreg_buf_putc(b, '\\');
  account_name(r, b, s + rest, nlen);
  dsreg_scan_text(sc, b, s + rest + nlen, n - rest - nlen, DSREG_SCAN_TEXT);
}

/* A value that is an id whatever it looks like: a GUID stays a GUID (in
 * its braces), hex stays hex of its length, anything else is opaque. */
static void id(dsreg_redactor *r, dsreg_buf *b, const char *s, size_t n) {
  size_t pn, g = 0;
  const char *p;
  bool braces = n >= 2 && s[0] == '{' && s[n - 1] == '}';
  const char *in = braces ? s + 1 : s;
  size_t len = braces ? n - 2 : n;
  bool all_hex = len > 0, zero = true;
  for (size_t i = 0; i < len; i++) {
    all_hex &= dsreg_ascii_hex_digit((unsigned char)in[i]) >= 0;
    zero &= in[i] == '0' || in[i] == '-';
  }
  if (len && (g = dsreg_scan_guid_len(in, len)) != len)
    g = 0;
  if (!n || (zero && (g || all_hex))) {
    dsreg_buf_put(b, s, n);
    return;
  }
  p = name(r,
           g         ? DSREG_NAME_GUID
           : all_hex ? DSREG_NAME_HEX
                     : DSREG_NAME_OPAQUE,
           in, len, &pn);
  if (!p)
    return;
  if (braces)
    dsreg_buf_putc(b, '{');
  dsreg_buf_put(b, p, pn);
  if (braces)
    dsreg_buf_putc(b, '}');
}

/* The new text of field f (identifier kind `ident`) into r->tmp. */
static void rewrite(dsreg_redactor *r, dsreg_ident ident,
                    const dsreg_field *f) {
  const char *s = f->value;
  size_t n = f->value_len, pn;
  const char *p;
  dsreg_buf *b = &r->tmp;
  dsreg_scan sc = scan_of(r);
  switch (ident) {
  case DSREG_IDENT_DEVICE:
    if (n)
      device(r, b, s, n);
    break;
  case DSREG_IDENT_DOMAIN:
    if (!n || IN(s, n, BUILTIN_DOMAINS))
      dsreg_buf_put(b, s, n);
    else if ((p = name(r, DSREG_NAME_NETBIOS, s, n, &pn)))
      dsreg_buf_put(b, p, pn);
    break;
  case DSREG_IDENT_TENANT:
    if (!n || IN(s, n, PUBLIC_NAMES))
      dsreg_buf_put(b, s, n);
    else if ((p = name(r, DSREG_NAME_TENANT, s, n, &pn)))
      dsreg_buf_put(b, p, pn);
    break;
  case DSREG_IDENT_ID:
    id(r, b, s, n);
    break;
  case DSREG_IDENT_USER: /* an address: account() scans it as text */
  case DSREG_IDENT_ACCOUNT:
    account(r, b, s, n, &sc);
    break;
  case DSREG_IDENT_HOSTS:
    dsreg_scan_text(&sc, b, s, n, DSREG_SCAN_HOSTS);
    break;
  case DSREG_IDENT_NONE:
    dsreg_scan_text(&sc, b, s, n, DSREG_SCAN_TEXT);
    break;
  }
}

/* The arena copy of r->tmp (then emptied); NULL when out of memory. */
static const char *keep_tmp(dsreg_redactor *r, size_t *len) {
  if (r->tmp.oom) {
    r->oom = true;
    return NULL;
  }
  char *s =
      dsreg_arena_strdup(&r->arena, r->tmp.data ? r->tmp.data : "", r->tmp.len);
  *len = r->tmp.len;
  r->tmp.len = 0;
  if (!s)
    r->oom = true;
  return s;
}

static void redact_field(dsreg_redactor *r, dsreg_field *f, dsreg_ident ident) {
  size_t len;
  r->tmp.len = 0;
  rewrite(r, ident, f);
  const char *s = keep_tmp(r, &len);
  if (!s)
    return;
  if (ident != DSREG_IDENT_NONE)
    learn(r, f->value, f->value_len, s, len);
  f->value = s;
  f->value_len = len;
}

/* Free text of the capture (a title, a line, a note) through the scan. */
static const char *redact_free(dsreg_redactor *r, const char *s, size_t n,
                               size_t *len) {
  dsreg_scan sc = scan_of(r);
  r->tmp.len = 0;
  dsreg_scan_text(&sc, &r->tmp, s, n, DSREG_SCAN_TEXT);
  return keep_tmp(r, len);
}

/* The types with no room for names (a flag, a time, a code, a number). */
static bool closed_type(dsreg_value_type type) {
  switch (type) {
  case DSREG_TYPE_FLAG:
  case DSREG_TYPE_TIME:
  case DSREG_TYPE_VALIDITY:
  case DSREG_TYPE_HEX:
  case DSREG_TYPE_TEST:
  case DSREG_TYPE_INT:
    return true;
  default:
    return false;
  }
}

static void mark_kept(unsigned char *keep, const dsreg_capture *in,
                      const dsreg_value *v) {
  if (v && v->field && v->state == DSREG_VALUE_OK && in->field_count &&
      v->field >= in->fields && v->field < in->fields + in->field_count)
    keep[v->field - in->fields] = 1;
}

/* Marks the fields whose typed value parsed as a closed type: they are
 * kept as they are, for rewriting them could only change what the rules
 * see.  One walk over the typed values, not one per field. */
static void find_kept(unsigned char *keep, const dsreg_capture *in) {
  if (in->field_count)
    memset(keep, 0, in->field_count);
  for (size_t i = 0; i < dsreg_field_def_count(); i++) {
    const dsreg_field_def *def = dsreg_field_def_at(i);
    if (!closed_type(def->type))
      continue;
    if (def->section != DSREG_SECTION_WORK_ACCOUNT)
      mark_kept(keep, in, dsreg_field_def_value(def, &in->typed, NULL));
    else
      for (size_t a = 0; a < in->typed.work_account_count; a++)
        mark_kept(keep, in,
                  dsreg_field_def_value(def, &in->typed,
                                        &in->typed.work_accounts[a]));
  }
}

/* What to do with field i: its row's ident, or -1 to keep it as it is. */
static int ident_of(const dsreg_redactor *r, const dsreg_capture *in,
                    size_t i) {
  const dsreg_field *f = &in->fields[i];
  const dsreg_field_def *def =
      f->known >= 0 ? dsreg_field_def_at((size_t)f->known) : NULL;
  if (r->keep[i])
    return -1;
  return def ? (int)def->ident : DSREG_IDENT_NONE;
}

/* Pass 0: device and domain names; 1: the other identifiers; 2: free text. */
static int pass_of(dsreg_ident ident) {
  switch (ident) {
  case DSREG_IDENT_DEVICE:
  case DSREG_IDENT_DOMAIN:
    return 0;
  case DSREG_IDENT_NONE:
    return 2;
  default:
    return 1;
  }
}

/* Points a typed value of the copy at the copied field. */
static void remap(dsreg_value *v, const dsreg_capture *in,
                  const dsreg_field *fields) {
  if (v->field && in->field_count && v->field >= in->fields &&
      v->field < in->fields + in->field_count)
    v->field = fields + (v->field - in->fields);
}

static void retype(dsreg_redactor *r, const dsreg_capture *in) {
  dsreg_capture *c = &r->cap;
  c->typed = in->typed;
  for (size_t a = 0; a < in->typed.work_account_count; a++)
    r->accounts[a] = in->typed.work_accounts[a];
  c->typed.work_accounts = in->typed.work_account_count ? r->accounts : NULL;
  for (size_t i = 0; i < dsreg_field_def_count(); i++) {
    const dsreg_field_def *def = dsreg_field_def_at(i);
    if (def->section != DSREG_SECTION_WORK_ACCOUNT) {
      remap((dsreg_value *)(void *)((char *)&c->typed + def->offset), in,
            r->fields);
      continue;
    }
    for (size_t a = 0; a < in->typed.work_account_count; a++)
      remap((dsreg_value *)(void *)((char *)&r->accounts[a] + def->offset), in,
            r->fields);
  }
}

dsreg_status dsreg_redact_capture(dsreg_redactor *r, const dsreg_capture *in,
                                  const dsreg_capture **out) {
  if (out)
    *out = NULL;
  if (!r || !in || !out)
    return DSREG_EINVAL;
  dsreg_arena_reset(&r->arena);
  r->known_count = 0;
  r->oom = false;
  if (!reserve((void **)&r->fields, &r->fields_cap, in->field_count,
               sizeof *r->fields) ||
      !reserve((void **)&r->keep, &r->keep_cap, in->field_count, 1) ||
      !reserve((void **)&r->sections, &r->sections_cap, in->section_count,
               sizeof *r->sections) ||
      !reserve((void **)&r->unparsed, &r->unparsed_cap, in->unparsed_count,
               sizeof *r->unparsed) ||
      !reserve((void **)&r->notes, &r->notes_cap, in->note_count,
               sizeof *r->notes) ||
      !reserve((void **)&r->accounts, &r->accounts_cap,
               in->typed.work_account_count, sizeof *r->accounts))
    return DSREG_ENOMEM;
  dsreg_capture *c = &r->cap;
  *c = *in;
  if (in->field_count)
    memcpy(r->fields, in->fields, in->field_count * sizeof *r->fields);
  find_kept(r->keep, in);
  for (int pass = 0; pass < 3; pass++)
    for (size_t i = 0; i < in->field_count && !r->oom; i++) {
      int ident = ident_of(r, in, i);
      if (ident >= 0 && pass_of((dsreg_ident)ident) == pass)
        redact_field(r, &r->fields[i], (dsreg_ident)ident);
    }
  for (size_t i = 0; i < in->section_count && !r->oom; i++) {
    r->sections[i] = in->sections[i];
    r->sections[i].title =
        redact_free(r, in->sections[i].title, in->sections[i].title_len,
                    &r->sections[i].title_len);
  }
  for (size_t i = 0; i < in->unparsed_count && !r->oom; i++) {
    r->unparsed[i] = in->unparsed[i];
    r->unparsed[i].text = redact_free(r, in->unparsed[i].text,
                                      in->unparsed[i].len, &r->unparsed[i].len);
  }
  for (size_t i = 0; i < in->note_count && !r->oom; i++) {
    size_t len;
    r->notes[i] = in->notes[i];
    r->notes[i].message = redact_free(r, in->notes[i].message,
                                      strlen(in->notes[i].message), &len);
  }
  if (r->oom)
    return DSREG_ENOMEM;
  c->fields = in->field_count ? r->fields : NULL;
  c->sections = in->section_count ? r->sections : NULL;
  c->unparsed = in->unparsed_count ? r->unparsed : NULL;
  c->notes = in->note_count ? r->notes : NULL;
  retype(r, in);
  *out = c;
  return DSREG_OK;
}

const char *dsreg_redact_source(dsreg_redactor *r, const char *source) {
  if (!r || !source)
    return NULL;
  if (strcmp(source, "<stdin>") == 0 || strcmp(source, "dsregcmd /status") == 0)
    return source;
  size_t n = strlen(source), pn;
  const char *p =
      dsreg_names_find(&r->names, DSREG_NAME_SOURCE, source, n, &pn);
  if (p)
    return p;
  /* The extension stays, so that source-1.txt still opens as text. */
  const char *base = source;
  for (const char *q = source; *q; q++)
    if (*q == '/' || *q == '\\')
      base = q + 1;
  const char *dot = strrchr(base, '.'), *ext = "";
  if (dot && dot != base && strlen(dot) <= 9) {
    ext = dot;
    for (const char *q = dot + 1; *q; q++)
      if (!dsreg_ascii_is_alnum((unsigned char)*q))
        ext = "";
  }
  char buf[64];
  snprintf(buf, sizeof buf, "source-%lu%s",
           r->names.next[DSREG_NAME_SOURCE] + 1, ext);
  if (dsreg_names_alias(&r->names, DSREG_NAME_SOURCE, source, n, buf,
                        strlen(buf)))
    return NULL;
  r->names.next[DSREG_NAME_SOURCE]++;
  return dsreg_names_find(&r->names, DSREG_NAME_SOURCE, source, n, NULL);
}

dsreg_status dsreg_redact_text(dsreg_redactor *r, const char *s, size_t n,
                               dsreg_outbuf *b) {
  if (!r || !b || (!s && n))
    return DSREG_EINVAL;
  static dsreg_known *const none = NULL;
  static const size_t zero = 0;
  dsreg_scan sc = {&r->names, &none, &zero};
  dsreg_scan_text(&sc, b, s, n, DSREG_SCAN_TEXT);
  return dsreg_buf_status(b);
}
