/*
 * redact_text.c - identifiers found by their shape in free text (see
 * redact_text.h).
 */
#include "redact_text.h"

#include <string.h>

#include "ascii.h"

static bool alnum(int c) { return dsreg_ascii_is_alnum(c); }
static bool hex(int c) { return dsreg_ascii_hex_digit(c) >= 0; }
static bool digit(int c) { return dsreg_ascii_is_digit(c); }
static bool label_char(int c) { return alnum(c) || c == '-'; }

/* s[i] begins a word: nothing of a word, an address or an id before it. */
static bool at_start(const char *s, size_t i) {
  return i == 0 || !alnum((unsigned char)s[i - 1]);
}

/* s[i] (or the end) ends one. */
static bool at_end(const char *s, size_t n, size_t i) {
  return i >= n || !alnum((unsigned char)s[i]);
}

static bool all_zero(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != '0' && s[i] != '-')
      return false;
  return true;
}

void dsreg_scan_put_name(const dsreg_scan *sc, dsreg_buf *out,
                         dsreg_name_kind kind, const char *s, size_t n) {
  size_t pn;
  const char *p = dsreg_names_get(sc->names, kind, s, n, &pn);
  if (!p) {
    out->oom = 1;
    return;
  }
  dsreg_buf_put(out, p, pn);
}

/* ---- Microsoft's public endpoints ------------------------------------- */

/* Domains of Microsoft's own services: a host under them names no tenant,
 * device or person... */
static const char *const PUBLIC[] = {"microsoft.com",
                                     "microsoftonline.com",
                                     "microsoftonline-p.com",
                                     "windows.net",
                                     "windows.com",
                                     "live.com",
                                     "live.net",
                                     "msftauth.net",
                                     "msauth.net",
                                     "azure.net",
                                     "azure.com",
                                     "office.com",
                                     "office.net",
                                     "office365.com",
                                     "microsoftazuread-sso.com",
                                     "windowsupdate.com",
                                     "aka.ms",
                                     "msft.net",
                                     "microsoft.net",
                                     "msidentity.com",
                                     "msftidentity.com"};

/* ...except these, whose next label is a customer's own name
 * (contoso.onmicrosoft.com, contoso.blob.core.windows.net). */
static const char *const CUSTOMER[] = {
    "onmicrosoft.com", "sharepoint.com",       "core.windows.net",
    "vault.azure.net", "azurewebsites.net",    "cloudapp.azure.com",
    "cloudapp.net",    "database.windows.net", "servicebus.windows.net",
    "msappproxy.net",  "azure-api.net",        "trafficmanager.net",
    "azureedge.net",   "b2clogin.com",         "azurecr.io"};

/* s[0..n) is `dom` or a name under it. */
static bool under(const char *s, size_t n, const char *dom) {
  size_t d = strlen(dom);
  if (n < d || !dsreg_eq_nocase(s + n - d, d, dom))
    return false;
  return n == d || s[n - d - 1] == '.';
}

bool dsreg_public_host(const char *s, size_t n) {
  while (n && s[0] == '.') { /* ".windows.net" of KerbTopLevelNames */
    s++;
    n--;
  }
  while (n && s[n - 1] == '.')
    n--;
  if (!n)
    return false;
  for (size_t i = 0; i < sizeof CUSTOMER / sizeof CUSTOMER[0]; i++)
    if (under(s, n, CUSTOMER[i]))
      return strlen(CUSTOMER[i]) == n;
  for (size_t i = 0; i < sizeof PUBLIC / sizeof PUBLIC[0]; i++)
    if (under(s, n, PUBLIC[i]))
      return true;
  return false;
}

/* ---- addresses --------------------------------------------------------- */

/* Length of the IPv4 address at s[0..n), else 0; *keep when it names no
 * one (0.0.0.0, loopback, broadcast). */
static size_t ipv4_len(const char *s, size_t n, bool *keep) {
  size_t i = 0;
  unsigned part[4];
  for (int k = 0; k < 4; k++) {
    if (k) {
      if (i >= n || s[i] != '.')
        return 0;
      i++;
    }
    size_t start = i;
    unsigned v = 0;
    while (i < n && digit((unsigned char)s[i]) && i - start < 4)
      v = v * 10 + (unsigned)(s[i++] - '0');
    if (i == start || i - start > 3 || v > 255)
      return 0;
    part[k] = v;
  }
  /* A version number goes on: 10.0.19041.1 is not an address. */
  if (!at_end(s, n, i) ||
      (i + 1 < n && s[i] == '.' && digit((unsigned char)s[i + 1])))
    return 0;
  *keep =
      (part[0] == 0 && part[1] == 0 && part[2] == 0 && part[3] == 0) ||
      part[0] == 127 ||
      (part[0] == 255 && part[1] == 255 && part[2] == 255 && part[3] == 255);
  return i;
}

/* Length of the IPv6 address at s[0..n), else 0: hex groups of up to four
 * digits, with one "::" or eight groups, so that a time (09:25:31) is not
 * one.  *keep for :: and ::1. */
static size_t ipv6_len(const char *s, size_t n, bool *keep) {
  size_t len = 0, groups = 0, colons = 0, run = 0;
  bool dbl = false;
  while (len < n && (hex((unsigned char)s[len]) || s[len] == ':'))
    len++;
  if (len && s[len - 1] == ':' && !(len >= 2 && s[len - 2] == ':'))
    len--; /* "at host:" */
  for (size_t i = 0; i < len; i++) {
    if (s[i] == ':') {
      colons++;
      run = 0;
      if (i + 1 < len && s[i + 1] == ':') {
        if (dbl)
          return 0;
        dbl = true;
      }
    } else {
      if (run++ == 0)
        groups++;
      if (run > 4)
        return 0;
    }
  }
  if (!at_end(s, n, len) || (len < n && s[len] == '.'))
    return 0;
  if (dbl ? groups > 7 : colons != 7 || groups != 8)
    return 0;
  *keep = groups == 0 || (len == 3 && memcmp(s, "::1", 3) == 0);
  return *keep || groups >= 2 ? len : 0;
}

/* ---- ids --------------------------------------------------------------- */

size_t dsreg_scan_guid_len(const char *s, size_t n) {
  static const int parts[] = {8, 4, 4, 4, 12};
  size_t i = 0;
  for (int k = 0; k < 5; k++) {
    if (k) {
      if (i >= n || s[i] != '-')
        return 0;
      i++;
    }
    for (int d = 0; d < parts[k]; d++, i++)
      if (i >= n || !hex((unsigned char)s[i]))
        return 0;
  }
  return at_end(s, n, i) ? i : 0;
}

/* A run of 16 or more hex digits with a digit in it (a thumbprint, a key
 * id, a trace number), else 0. */
static size_t hex_len(const char *s, size_t n) {
  size_t i = 0;
  bool has_digit = false;
  while (i < n && hex((unsigned char)s[i]))
    has_digit |= digit((unsigned char)s[i++]);
  return i >= 16 && has_digit && at_end(s, n, i) ? i : 0;
}

/* A SID whose sub-authorities name a domain or a Microsoft Entra object
 * (S-1-5-21-a-b-c[-rid], S-1-12-1-a-b-c-d); the well-known SIDs (S-1-5-18,
 * S-1-5-32-544) name no one and are not matched. */
static size_t sid(const dsreg_scan *sc, dsreg_buf *out, const char *s,
                  size_t n) {
  size_t i = 0, start[16], len[16];
  int parts = 0;
  if (n < 4 || (s[0] != 'S' && s[0] != 's') || s[1] != '-')
    return 0;
  i = 2;
  while (parts < 16) {
    start[parts] = i;
    while (i < n && digit((unsigned char)s[i]))
      i++;
    len[parts] = i - start[parts];
    if (!len[parts])
      return 0;
    parts++;
    if (i + 1 < n && s[i] == '-' && digit((unsigned char)s[i + 1]))
      i++;
    else
      break;
  }
  if (!at_end(s, n, i) || parts < 3 || len[0] != 1 || s[start[0]] != '1')
    return 0;
  bool domain = len[1] == 1 && s[start[1]] == '5' && len[2] == 2 &&
                memcmp(s + start[2], "21", 2) == 0 && parts >= 6;
  bool entra = len[1] == 2 && memcmp(s + start[1], "12", 2) == 0 &&
               len[2] == 1 && s[start[2]] == '1' && parts >= 7;
  if (!domain && !entra)
    return 0;
  /* The domain's three sub-authorities get the pseudonym; the RID after
   * them (500, 1104) stays, so that the built-in accounts show. */
  size_t from = start[3], to = start[5] + len[5];
  dsreg_buf_put(out, s, from);
  dsreg_scan_put_name(sc, out, DSREG_NAME_SID, s + from, to - from);
  dsreg_buf_put(out, s + to, i - to);
  return i;
}

/* ---- names ------------------------------------------------------------- */

/* Last labels of file names, which are not top-level domains. */
static const char *const FILE_EXT[] = {
    "exe", "dll", "sys",  "txt", "log", "ps1",  "psm1", "cmd", "bat",  "msi",
    "cab", "zip", "json", "xml", "svc", "aspx", "asp",  "htm", "html", "php",
    "js",  "css", "png",  "jpg", "md",  "ini",  "cfg",  "dat", "etl",  "evtx",
    "csv", "cer", "pfx",  "crt", "pem", "reg",  "inf",  "mui", "tmp",  "bak"};

/* Length of the dotted host name at s[0..n) (two labels or more, the last
 * one letters, not a file extension), else 0. */
static size_t host_len(const char *s, size_t n) {
  size_t i = 0, labels = 0, last = 0;
  for (;;) {
    size_t st = i;
    while (i < n && label_char((unsigned char)s[i]))
      i++;
    if (i == st)
      return 0;
    labels++;
    last = st;
    if (i + 1 < n && s[i] == '.' && label_char((unsigned char)s[i + 1]))
      i++;
    else
      break;
  }
  size_t tl = i - last;
  if (labels < 2 || tl < 2 || tl > 24)
    return 0;
  for (size_t k = last; k < i; k++)
    if (!dsreg_ascii_is_alpha((unsigned char)s[k]))
      return 0;
  for (size_t k = 0; k < sizeof FILE_EXT / sizeof FILE_EXT[0]; k++)
    if (dsreg_eq_nocase(s + last, tl, FILE_EXT[k]))
      return 0;
  /* Package and namespace names (Microsoft.AAD.BrokerPlugin). */
  if ((i > 10 && dsreg_eq_nocase(s, 10, "microsoft.")) ||
      (i > 8 && dsreg_eq_nocase(s, 8, "windows.")))
    return 0;
  return i;
}

void dsreg_scan_host(const dsreg_scan *sc, dsreg_buf *out, const char *s,
                     size_t n) {
  bool keep = false;
  size_t pn;
  const char *p;
  if (!n || dsreg_public_host(s, n) || dsreg_eq_nocase(s, n, "localhost")) {
    dsreg_buf_put(out, s, n);
    return;
  }
  if (ipv4_len(s, n, &keep) == n || ipv6_len(s, n, &keep) == n) {
    if (keep)
      dsreg_buf_put(out, s, n);
    else
      dsreg_scan_put_name(
          sc, out, memchr(s, ':', n) ? DSREG_NAME_IPV6 : DSREG_NAME_IPV4, s, n);
    return;
  }
  /* A name the capture gave as a device or a domain keeps that pseudonym. */
  if ((p = dsreg_names_find(sc->names, DSREG_NAME_DEVICE, s, n, &pn)) ||
      (p = dsreg_names_find(sc->names, DSREG_NAME_DOMAIN, s, n, &pn))) {
    dsreg_buf_put(out, p, pn);
    return;
  }
  dsreg_scan_put_name(sc, out, DSREG_NAME_HOST, s, n);
}

/* An e-mail address or UPN: user1@domain1.example. */
static size_t email(const dsreg_scan *sc, dsreg_buf *out, const char *s,
                    size_t n) {
  size_t i = 0;
  while (i < n && (alnum((unsigned char)s[i]) || strchr("._%+'-", s[i])))
    i++;
  if (i == 0 || i >= n || s[i] != '@')
    return 0;
  size_t at = i++, d = i;
  while (i < n && (label_char((unsigned char)s[i]) || s[i] == '.'))
    i++;
  while (i > d && s[i - 1] == '.')
    i--;
  if (i == d || !alnum((unsigned char)s[d]))
    return 0;
  if (dsreg_eq_nocase(s, at, "Administrator"))
    dsreg_buf_put(out, s, at); /* the built-in account, as in an account */
  else
    dsreg_scan_put_name(sc, out, DSREG_NAME_USER, s, at);
  dsreg_buf_putc(out, '@');
  if (dsreg_public_host(s + d, i - d))
    dsreg_buf_put(out, s + d, i - d);
  else
    dsreg_scan_put_name(sc, out,
                        memchr(s + d, '.', i - d) ? DSREG_NAME_DOMAIN
                                                  : DSREG_NAME_NETBIOS,
                        s + d, i - d);
  return i;
}

static bool url_end(int c) {
  return c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\'' || c == 0x7f;
}

/* scheme://[user@]host[:port][path]: the host through dsreg_scan_host(),
 * the path searched for ids. */
static size_t url(const dsreg_scan *sc, dsreg_buf *out, const char *s,
                  size_t n) {
  size_t i = 0;
  if (!n || !dsreg_ascii_is_alpha((unsigned char)s[0]))
    return 0;
  while (i < n && (alnum((unsigned char)s[i]) || strchr("+.-", s[i])))
    i++;
  if (i + 3 > n || memcmp(s + i, "://", 3) != 0)
    return 0;
  i += 3;
  dsreg_buf_put(out, s, i);
  size_t a = i;
  while (i < n && !url_end((unsigned char)s[i]) && !strchr("/?#", s[i]))
    i++;
  size_t ae = i, h = a;
  const char *at = memchr(s + a, '@', ae - a);
  if (at) {
    h = (size_t)(at - s) + 1;
    dsreg_scan_put_name(sc, out, DSREG_NAME_USER, s + a, h - 1 - a);
    dsreg_buf_putc(out, '@');
  }
  size_t he = h;
  if (he < ae && s[he] == '[') {
    const char *close = memchr(s + he, ']', ae - he);
    he = close ? (size_t)(close - s) + 1 : ae;
    bool keep = false;
    if (he - h > 2 && ipv6_len(s + h + 1, he - h - 2, &keep) == he - h - 2) {
      dsreg_buf_putc(out, '[');
      if (keep)
        dsreg_buf_put(out, s + h + 1, he - h - 2);
      else
        dsreg_scan_put_name(sc, out, DSREG_NAME_IPV6, s + h + 1, he - h - 2);
      dsreg_buf_putc(out, ']');
    } else {
      dsreg_buf_put(out, s + h, he - h); /* a placeholder: [ADFS-Server] */
    }
  } else {
    while (he < ae && s[he] != ':')
      he++;
    dsreg_scan_host(sc, out, s + h, he - h);
  }
  dsreg_buf_put(out, s + he, ae - he); /* :port */
  while (i < n && !url_end((unsigned char)s[i]))
    i++;
  dsreg_scan_text(sc, out, s + ae, i - ae, DSREG_SCAN_PATH);
  return i;
}

/* s[i] ends a name: not inside a longer one (CONTOSO of CONTOSO-DT117 or
 * contoso.com, the user of a UPN). */
static bool name_end(const char *s, size_t n, size_t i) {
  if (i >= n)
    return true;
  unsigned char c = (unsigned char)s[i];
  if (alnum(c) || c == '-' || c == '_' || c == '@')
    return false;
  return !(c == '.' && i + 1 < n && alnum((unsigned char)s[i + 1]));
}

/* An identifier this capture declared, as a whole name; or its start cut
 * off by "..." (a note quotes a value cut to 40 bytes), from 8 bytes on. */
static size_t known(const dsreg_scan *sc, dsreg_buf *out, const char *s,
                    size_t n) {
  for (size_t k = 0; k < *sc->known_count; k++) {
    const dsreg_known *kn = &(*sc->known)[k];
    size_t j = 0;
    while (j < kn->n && j < n &&
           dsreg_ascii_lower((unsigned char)s[j]) ==
               dsreg_ascii_lower((unsigned char)kn->s[j]))
      j++;
    if ((j == kn->n && name_end(s, n, j)) ||
        (j >= 8 && j < kn->n && n - j >= 3 && memcmp(s + j, "...", 3) == 0)) {
      dsreg_buf_put(out, kn->p, kn->pn);
      return j;
    }
  }
  return 0;
}

/* A word the run already gave a pseudonym: a device, a domain, a user or a
 * tenant met in another capture. */
static size_t word(const dsreg_scan *sc, dsreg_buf *out, const char *s,
                   size_t n) {
  static const dsreg_name_kind kinds[] = {DSREG_NAME_DEVICE, DSREG_NAME_NETBIOS,
                                          DSREG_NAME_USER, DSREG_NAME_TENANT};
  size_t i = 0;
  while (i < n && (label_char((unsigned char)s[i]) || s[i] == '_'))
    i++;
  while (i > 0 && s[i - 1] == '-')
    i--;
  if (!i)
    return 0;
  for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
    size_t pn;
    const char *p = dsreg_names_find(sc->names, kinds[k], s, i, &pn);
    if (p) {
      dsreg_buf_put(out, p, pn);
      return i;
    }
  }
  return 0;
}

/* In a host list, a name (with a port, a leading "*." or alone) unless it
 * is a scheme key ("http="), a port or a <keyword>. */
static size_t list_host(const dsreg_scan *sc, dsreg_buf *out, const char *s,
                        size_t n, size_t pos, const char *all) {
  size_t i = 0;
  while (i < n &&
         (label_char((unsigned char)s[i]) || s[i] == '.' || s[i] == '_'))
    i++;
  if (!i || (i < n && s[i] == '=') || (pos > 0 && all[pos - 1] == '<'))
    return 0;
  bool digits = true;
  for (size_t k = 0; k < i; k++)
    digits &= digit((unsigned char)s[k]) || s[k] == '.';
  if (digits && memchr(s, '.', i) == NULL)
    return 0; /* a port */
  dsreg_scan_host(sc, out, s, i);
  return i;
}

void dsreg_scan_text(const dsreg_scan *sc, dsreg_buf *out, const char *s,
                     size_t n, unsigned mode) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (!alnum(c) || !at_start(s, i)) {
      dsreg_buf_putc(out, (char)c);
      i++;
      continue;
    }
    const char *p = s + i;
    size_t rest = n - i, m;
    bool keep = false;
    if ((m = url(sc, out, p, rest)) || (m = email(sc, out, p, rest)) ||
        (m = known(sc, out, p, rest)) || (m = sid(sc, out, p, rest))) {
      i += m;
      continue;
    }
    if ((m = dsreg_scan_guid_len(p, rest))) {
      if (all_zero(p, m))
        dsreg_buf_put(out, p, m);
      else
        dsreg_scan_put_name(sc, out, DSREG_NAME_GUID, p, m);
      i += m;
      continue;
    }
    if ((m = ipv6_len(p, rest, &keep)) || (m = ipv4_len(p, rest, &keep))) {
      if (keep)
        dsreg_buf_put(out, p, m);
      else
        dsreg_scan_put_name(
            sc, out, memchr(p, ':', m) ? DSREG_NAME_IPV6 : DSREG_NAME_IPV4, p,
            m);
      i += m;
      continue;
    }
    if ((m = hex_len(p, rest))) {
      if (all_zero(p, m))
        dsreg_buf_put(out, p, m);
      else
        dsreg_scan_put_name(sc, out, DSREG_NAME_HEX, p, m);
      i += m;
      continue;
    }
    if (mode & DSREG_SCAN_HOSTS) {
      if ((m = list_host(sc, out, p, rest, i, s))) {
        i += m;
        continue;
      }
    } else if (!(mode & DSREG_SCAN_PATH) && (m = host_len(p, rest))) {
      dsreg_scan_host(sc, out, p, m);
      i += m;
      continue;
    }
    if ((m = word(sc, out, p, rest))) {
      i += m;
      continue;
    }
    /* Nothing here: the rest of the word is copied, not searched. */
    while (i < n && alnum((unsigned char)s[i]))
      dsreg_buf_putc(out, s[i++]);
  }
}
