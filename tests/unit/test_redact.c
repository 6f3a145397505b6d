/*
 * test_redact.c - --redact (dsreg/redact.h) and the capture writer
 * (dsreg/capture_writer.h): the exact pseudonym of each kind of
 * identifier, consistency within a redactor, what is kept, and that a
 * capture written back (redacted or not) parses to the same model, on
 * every fixture.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsreg/dsreg.h"
#include "test_fixtures.h"

/* ---- a model of a capture, as text, to compare two parses ------------- */

typedef struct text {
  char *s;
  size_t len, cap;
} text;

static void put(text *t, const char *fmt, ...) {
  va_list ap;
  char buf[20000];
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  assert_true(n >= 0 && (size_t)n < sizeof buf);
  if (t->len + (size_t)n + 1 > t->cap) {
    t->cap = (t->len + (size_t)n + 1) * 2;
    t->s = realloc(t->s, t->cap);
    assert_non_null(t->s);
  }
  memcpy(t->s + t->len, buf, (size_t)n + 1);
  t->len += (size_t)n;
}

static void dump_value(text *t, const dsreg_field_def *def,
                       const dsreg_value *v) {
  if (!v || v->state == DSREG_VALUE_ABSENT)
    return;
  put(t,
      "  %s: state %d flag %d test %d code %d/%lu sub %d/%lu n %lld t "
      "%lld..%lld = %s\n",
      def->member, (int)v->state, (int)v->flag, (int)v->test, v->has_code,
      (unsigned long)v->code, v->has_sub_code, (unsigned long)v->sub_code,
      (long long)v->number, (long long)v->time_ms, (long long)v->end_ms,
      dsreg_value_text(v));
}

/* Sections, fields and typed values; not line numbers or notes. */
static void dump(text *t, const dsreg_capture *cap) {
  put(t, "capture fragment %d footer %d\n", cap->fragment, cap->has_footer);
  for (size_t i = 0; i < cap->section_count; i++)
    put(t, "section %s kind %d ordinal %u fields %zu\n", cap->sections[i].title,
        (int)cap->sections[i].kind, cap->sections[i].ordinal,
        cap->sections[i].field_count);
  for (size_t i = 0; i < cap->field_count; i++)
    put(t, "field %s = %s (row %d, section %zu)\n", cap->fields[i].key,
        cap->fields[i].value, cap->fields[i].known, cap->fields[i].section);
  for (size_t i = 0; i < dsreg_field_def_count(); i++) {
    const dsreg_field_def *def = dsreg_field_def_at(i);
    if (def->section != DSREG_SECTION_WORK_ACCOUNT)
      dump_value(t, def, dsreg_field_def_value(def, &cap->typed, NULL));
  }
  for (size_t a = 0; a < cap->typed.work_account_count; a++)
    for (size_t i = 0; i < dsreg_field_def_count(); i++) {
      const dsreg_field_def *def = dsreg_field_def_at(i);
      if (def->section == DSREG_SECTION_WORK_ACCOUNT)
        dump_value(t, def,
                   dsreg_field_def_value(def, &cap->typed,
                                         &cap->typed.work_accounts[a]));
    }
}

/* ---- parsing ----------------------------------------------------------- */

typedef struct run {
  dsreg_redactor *redactor; /* NULL: no redaction */
  text model;               /* dump of every capture (redacted if so) */
  dsreg_outbuf written;     /* every capture written back */
  text join;                /* join type of each capture */
  unsigned captures;
} run;

static int on_capture(const dsreg_capture *cap, void *user) {
  run *r = user;
  const dsreg_capture *c = cap;
  if (r->redactor)
    assert_int_equal(dsreg_redact_capture(r->redactor, cap, &c), DSREG_OK);
  dump(&r->model, c);
  assert_int_equal(dsreg_render_capture(&r->written, c), 0);
  put(&r->join, "%s\n", dsreg_join_type_id(dsreg_join_type_of(c)));
  r->captures++;
  return 0;
}

static void parse(run *r, const char *data, size_t len) {
  dsreg_parser *p = dsreg_parser_new(on_capture, r);
  assert_non_null(p);
  assert_int_equal(dsreg_parser_feed(p, data, len), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  dsreg_parser_free(p);
}

static void run_free(run *r) {
  free(r->model.s);
  free(r->join.s);
  dsreg_outbuf_free(&r->written);
  memset(r, 0, sizeof *r);
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *buf = NULL;
  size_t cap = 0, n = 0, got;
  do {
    if (n + 65536 > cap) {
      cap = (n + 65536) * 2;
      buf = realloc(buf, cap);
      assert_non_null(buf);
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  fclose(f);
  *len = n;
  return buf;
}

/* ---- one capture, redacted field by field ------------------------------ */

static const char CAPTURE[] =
    "+----------------------------------------------------------------------+\n"
    "| Device State                                                         |\n"
    "+----------------------------------------------------------------------+\n"
    "\n"
    "             AzureAdJoined : YES\n"
    "              DomainJoined : YES\n"
    "                DomainName : CONTOSO\n"
    "               Device Name : CONTOSO-LAPTOP-00042.corp.contoso.com\n"
    "\n"
    "+----------------------------------------------------------------------+\n"
    "| Device Details                                                       |\n"
    "+----------------------------------------------------------------------+\n"
    "\n"
    "                  DeviceId : C274086E-237A-4839-9046-202ACC946B16\n"
    "                Thumbprint : 91F2AAA306DC2B1209D98B16838733C7A9A28B27\n"
    "            KeyContainerId : 00000000-0000-0000-0000-000000000000\n"
    "\n"
    "+----------------------------------------------------------------------+\n"
    "| Tenant Details                                                       |\n"
    "+----------------------------------------------------------------------+\n"
    "\n"
    "                TenantName : Contoso Ltd\n"
    "                  TenantId : 086be9eb-117d-4dc3-a573-ac674ccabb08\n"
    "                       Idp : adfs.contoso.com\n"
    "               AuthCodeUrl : https://login.microsoftonline.com/"
    "086be9eb-117d-4dc3-a573-ac674ccabb08/oauth2/authorize\n"
    "               SettingsUrl : eyJVcmlzIjpbXX0=\n"
    "\n"
    "+----------------------------------------------------------------------+\n"
    "| SSO State                                                            |\n"
    "+----------------------------------------------------------------------+\n"
    "\n"
    "                AzureAdPrt : NO\n"
    "     AcquirePrtDiagnostics : PRESENT\n"
    "             User Identity : John.Doe@contoso.com\n"
    "            Correlation ID : 086BE9EB-117D-4DC3-A573-AC674CCABB08\n"
    "  Server Error Description : AADSTS50126: bad password for "
    "john.doe@contoso.com from 10.1.2.3 (fe80::1c2d:3e4f), trace "
    "3a2b1c4d-0000-4000-8000-1234567890ab, CONTOSO-LAPTOP-00042 of Contoso "
    "Ltd at 09:25:31\n"
    "\n"
    "+----------------------------------------------------------------------+\n"
    "| Diagnostic Data                                                      |\n"
    "+----------------------------------------------------------------------+\n"
    "\n"
    "    Executing Account Name : CONTOSO\\jdoe, John.Doe@contoso.com\n"
    "\n"
    "+----------------------------------------------------------------------+\n"
    "| IE Proxy Config for Current User                                     |\n"
    "+----------------------------------------------------------------------+\n"
    "\n"
    "         Proxy Server List : http=proxy01:8080;https=10.0.0.8:8443\n"
    "         Proxy Bypass List : *.contoso.com;*.microsoft.com;<local>\n"
    "\n"
    "For more information, please visit https://www.microsoft.com/aadjerrors\n";

typedef struct probe {
  dsreg_redactor *r;
  char values[64][512];
  char keys[64][64];
  size_t count;
  char unredacted_device[128];
  dsreg_value_state device_id_state;
  bool typed_points_into_copy;
} probe;

static int keep_values(const dsreg_capture *cap, void *user) {
  probe *p = user;
  const dsreg_capture *c;
  assert_int_equal(dsreg_redact_capture(p->r, cap, &c), DSREG_OK);
  assert_ptr_not_equal(c, cap);
  for (size_t i = 0; i < c->field_count && p->count < 64; i++, p->count++) {
    snprintf(p->keys[p->count], sizeof p->keys[0], "%s", c->fields[i].key);
    snprintf(p->values[p->count], sizeof p->values[0], "%s",
             c->fields[i].value);
  }
  snprintf(p->unredacted_device, sizeof p->unredacted_device, "%s",
           dsreg_value_text(&cap->typed.device_state.device_name));
  p->device_id_state = c->typed.device_details.device_id.state;
  const dsreg_field *f = c->typed.device_details.device_id.field;
  p->typed_points_into_copy =
      f >= c->fields && f < c->fields + c->field_count &&
      strcmp(dsreg_value_text(&c->typed.device_details.device_id),
             "00000000-0000-0000-0000-000000000001") == 0;
  return 0;
}

static const char *value_of(const probe *p, const char *key) {
  for (size_t i = 0; i < p->count; i++)
    if (strcmp(p->keys[i], key) == 0)
      return p->values[i];
  fail_msg("no field %s", key);
  return NULL;
}

static void redact_one(probe *p, const char *data) {
  dsreg_parser *parser = dsreg_parser_new(keep_values, p);
  assert_non_null(parser);
  assert_int_equal(dsreg_parser_feed(parser, data, strlen(data)), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(parser), DSREG_OK);
  dsreg_parser_free(parser);
}

static void test_field_pseudonyms(void **state) {
  (void)state;
  probe p;
  memset(&p, 0, sizeof p);
  p.r = dsreg_redactor_new();
  assert_non_null(p.r);
  redact_one(&p, CAPTURE);
  /* Device and domain first, so the account's domain is the same one. */
  assert_string_equal(value_of(&p, "DomainName"), "DOMAIN1");
  assert_string_equal(value_of(&p, "Device Name"), "DEVICE-1.domain1.example");
  /* Declared ids before free text, each kind numbered in input order. */
  assert_string_equal(value_of(&p, "DeviceId"),
                      "00000000-0000-0000-0000-000000000001");
  assert_string_equal(value_of(&p, "Thumbprint"),
                      "0000000000000000000000000000000000000001");
  /* The null GUID names nothing. */
  assert_string_equal(value_of(&p, "KeyContainerId"),
                      "00000000-0000-0000-0000-000000000000");
  assert_string_equal(value_of(&p, "TenantName"), "Tenant1");
  assert_string_equal(value_of(&p, "TenantId"),
                      "00000000-0000-0000-0000-000000000002");
  assert_string_equal(value_of(&p, "Idp"), "host1.example");
  /* Microsoft's endpoint stays, the tenant id in its path does not. */
  assert_string_equal(value_of(&p, "AuthCodeUrl"),
                      "https://login.microsoftonline.com/"
                      "00000000-0000-0000-0000-000000000002/oauth2/authorize");
  assert_string_equal(value_of(&p, "SettingsUrl"), "redacted-1");
  assert_string_equal(value_of(&p, "User Identity"), "user1@domain2.example");
  /* The same GUID in another case and field: the same pseudonym. */
  assert_string_equal(value_of(&p, "Correlation ID"),
                      "00000000-0000-0000-0000-000000000002");
  assert_string_equal(
      value_of(&p, "Server Error Description"),
      "AADSTS50126: bad password for user1@domain2.example from 192.0.2.2 "
      "(2001:db8::1), trace 00000000-0000-0000-0000-000000000003, DEVICE-1 "
      "of Tenant1 at 09:25:31");
  assert_string_equal(value_of(&p, "Executing Account Name"),
                      "DOMAIN1\\user2, user1@domain2.example");
  assert_string_equal(value_of(&p, "Proxy Server List"),
                      "http=host2.example:8080;https=192.0.2.1:8443");
  /* contoso.com is the UPN's domain: the same pseudonym as a host. */
  assert_string_equal(value_of(&p, "Proxy Bypass List"),
                      "*.domain2.example;*.microsoft.com;<local>");
  /* The parser's capture is not touched; typed values follow the copy. */
  assert_string_equal(p.unredacted_device,
                      "CONTOSO-LAPTOP-00042.corp.contoso.com");
  assert_int_equal(p.device_id_state, DSREG_VALUE_OK);
  assert_true(p.typed_points_into_copy);

  /* A second capture of the run: same values, same pseudonyms. */
  size_t before = dsreg_redactor_count(p.r);
  p.count = 0;
  redact_one(&p, CAPTURE);
  assert_string_equal(value_of(&p, "Device Name"), "DEVICE-1.domain1.example");
  assert_string_equal(value_of(&p, "Executing Account Name"),
                      "DOMAIN1\\user2, user1@domain2.example");
  assert_int_equal(dsreg_redactor_count(p.r), before);
  dsreg_redactor_free(p.r);
}

/* An account names its device by the NetBIOS name, cut to 15 characters:
 * a local account stays recognisably local. */
static void test_local_account(void **state) {
  (void)state;
  static const char cap[] =
      "+----------------------------------------------------------------------+"
      "\n"
      "| Device State                                                         "
      "|\n"
      "+----------------------------------------------------------------------+"
      "\n"
      "\n"
      "             AzureAdJoined : YES\n"
      "               Device Name : CONTOSO-LAPTOP-00042\n"
      "\n"
      "+----------------------------------------------------------------------+"
      "\n"
      "| Diagnostic Data                                                      "
      "|\n"
      "+----------------------------------------------------------------------+"
      "\n"
      "\n"
      "    Executing Account Name : CONTOSO-LAPTOP-\\Administrator\n";
  probe p;
  memset(&p, 0, sizeof p);
  p.r = dsreg_redactor_new();
  redact_one(&p, cap);
  assert_string_equal(value_of(&p, "Device Name"), "DEVICE-1");
  assert_string_equal(value_of(&p, "Executing Account Name"),
                      "DEVICE-1\\Administrator");
  dsreg_redactor_free(p.r);
}

/* A note quotes a value cut to 40 bytes: the cut start of a declared id is
 * replaced too. */
static int keep_notes(const dsreg_capture *cap, void *user) {
  dsreg_redactor *r = ((void **)user)[0];
  char *notes = ((void **)user)[1];
  const dsreg_capture *c;
  assert_int_equal(dsreg_redact_capture(r, cap, &c), DSREG_OK);
  for (size_t i = 0; i < c->note_count; i++) {
    strncat(notes, c->notes[i].message, 1000);
    strcat(notes, "\n");
  }
  return 0;
}

static void test_cut_value_in_note(void **state) {
  (void)state;
  static const char cap[] = "+-------------------------------------------------"
                            "---------------------+\n"
                            "| Device Details                                  "
                            "                     |\n"
                            "+-------------------------------------------------"
                            "---------------------+\n"
                            "\n"
                            "                  DeviceId : "
                            "CONTOSO-LAPTOP-0042-SERIAL-XYZ-1234567-AB\n";
  char notes[4096] = "";
  void *ctx[2] = {dsreg_redactor_new(), notes};
  dsreg_parser *p = dsreg_parser_new(keep_notes, ctx);
  assert_int_equal(dsreg_parser_feed(p, cap, strlen(cap)), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  dsreg_parser_free(p);
  assert_string_equal(
      notes, "DeviceId: 'redacted-1...' is not a GUID; kept as text\n");
  dsreg_redactor_free(ctx[0]);
}

static void expect_text(dsreg_redactor *r, const char *in, const char *want) {
  dsreg_outbuf b = {0};
  assert_int_equal(dsreg_redact_text(r, in, strlen(in), &b), 0);
  dsreg_outbuf_put(&b, "", 1);
  assert_string_equal(b.data, want);
  dsreg_outbuf_free(&b);
}

static void test_free_text(void **state) {
  (void)state;
  dsreg_redactor *r = dsreg_redactor_new();
  assert_non_null(r);
  expect_text(r, "from 10.1.2.3, 127.0.0.1 and 0.0.0.0, not 10.0.19041.1",
              "from 192.0.2.1, 127.0.0.1 and 0.0.0.0, not 10.0.19041.1");
  expect_text(r, "via FE80::1C2D:3E4F and ::1 at 11:00:27.000 UTC",
              "via 2001:db8::1 and ::1 at 11:00:27.000 UTC");
  expect_text(r, "fe80::1c2d:3e4f again, 10.1.2.3 again",
              "2001:db8::1 again, 192.0.2.1 again");
  /* Domain SIDs keep their RID; well-known SIDs name no one. */
  expect_text(r, "S-1-5-21-3623811015-3361044348-30300820-1013 S-1-5-18",
              "S-1-5-21-1000000000-1000000000-1000000001-1013 S-1-5-18");
  expect_text(r, "S-1-5-21-3623811015-3361044348-30300820-500",
              "S-1-5-21-1000000000-1000000000-1000000001-500");
  expect_text(r, "S-1-12-1-1111111111-2222222222-3333333333-4444444444",
              "S-1-12-1-1000000000-1000000000-1000000002-4444444444");
  /* Microsoft's public hosts stay; a tenant's own name under them not. */
  expect_text(r,
              "urn:ms-drs:enterpriseregistration.windows.net "
              "https://enrollment.manage.microsoft.com/x "
              "contoso.onmicrosoft.com login.windows.net",
              "urn:ms-drs:enterpriseregistration.windows.net "
              "https://enrollment.manage.microsoft.com/x "
              "host1.example login.windows.net");
  expect_text(r, "https://sts.fabrikam.com:443/adfs/ls?x=1 dsregcmd.exe",
              "https://host2.example:443/adfs/ls?x=1 dsregcmd.exe");
  /* Non-routable suffixes stay: the rules judge a UPN by them. */
  expect_text(r, "jane@fabrikam.local", "user1@domain1.local");
  /* Long hex ids keep their length; error codes are not ids. */
  expect_text(r, "key 0123456789abcdef0123 code 0x801c03f2",
              "key 00000000000000000001 code 0x801c03f2");
  /* Braces and a GUID of another case: the same pseudonym. */
  expect_text(r, "{3A2B1C4D-0000-4000-8000-1234567890AB}",
              "{00000000-0000-0000-0000-000000000001}");
  expect_text(r, "3a2b1c4d-0000-4000-8000-1234567890ab",
              "00000000-0000-0000-0000-000000000001");
  dsreg_redactor_free(r);
}

static void test_source(void **state) {
  (void)state;
  dsreg_redactor *r = dsreg_redactor_new();
  assert_string_equal(dsreg_redact_source(r, "/mnt/share/PC-0142/status.txt"),
                      "source-1.txt");
  assert_string_equal(dsreg_redact_source(r, "C:\\caps\\PC-0577.log"),
                      "source-2.log");
  assert_string_equal(dsreg_redact_source(r, "/mnt/share/PC-0142/status.txt"),
                      "source-1.txt");
  assert_string_equal(dsreg_redact_source(r, "PC-1022"), "source-3");
  assert_string_equal(dsreg_redact_source(r, "<stdin>"), "<stdin>");
  assert_string_equal(dsreg_redact_source(r, "dsregcmd /status"),
                      "dsregcmd /status");
  assert_null(dsreg_redact_source(r, NULL));
  assert_null(dsreg_redact_source(NULL, "x"));
  dsreg_redactor_free(r);
}

static void test_bad_arguments(void **state) {
  (void)state;
  const dsreg_capture *out = (const dsreg_capture *)1;
  dsreg_capture cap;
  memset(&cap, 0, sizeof cap);
  assert_int_equal(dsreg_redact_capture(NULL, &cap, &out), DSREG_EINVAL);
  assert_null(out);
  dsreg_redactor *r = dsreg_redactor_new();
  assert_int_equal(dsreg_redact_capture(r, NULL, &out), DSREG_EINVAL);
  assert_int_equal(dsreg_redact_capture(r, &cap, NULL), DSREG_EINVAL);
  /* An empty capture is a capture. */
  assert_int_equal(dsreg_redact_capture(r, &cap, &out), DSREG_OK);
  assert_int_equal(out->field_count, 0);
  dsreg_outbuf b = {0};
  assert_int_equal(dsreg_redact_text(NULL, "x", 1, &b), DSREG_EINVAL);
  assert_int_equal(dsreg_render_capture(NULL, &cap), DSREG_EINVAL);
  dsreg_redactor_free(r);
  dsreg_redactor_free(NULL);
}

/* Memory grows with distinct values: 20,000 GUIDs, each met twice. */
static void test_many_values(void **state) {
  (void)state;
  dsreg_redactor *r = dsreg_redactor_new();
  dsreg_outbuf b = {0};
  char in[64];
  for (int round = 0; round < 2; round++)
    for (unsigned i = 0; i < 20000; i++) {
      snprintf(in, sizeof in, "%08x-1111-2222-3333-444444444444", i + 1);
      b.len = 0;
      assert_int_equal(dsreg_redact_text(r, in, strlen(in), &b), 0);
    }
  assert_int_equal(dsreg_redactor_count(r), 20000);
  dsreg_outbuf_put(&b, "", 1);
  assert_string_equal(b.data, "00000000-0000-0000-0000-000000020000");
  dsreg_outbuf_free(&b);
  dsreg_redactor_free(r);
}

/* ---- every fixture ------------------------------------------------------ */

static const char *const FIXTURES[] = {DSREG_TEST_FIXTURES};

/* The capture written back parses to the same model; redacted, to the same
 * redacted model and the same join types. */
static void round_trip(const char *path, bool required) {
  size_t len;
  char *data = slurp(path, &len);
  if (!data) {
    if (required)
      fail_msg("cannot read %s", path);
    return;
  }
  for (int redact = 0; redact < 2; redact++) {
    run first, again;
    memset(&first, 0, sizeof first);
    memset(&again, 0, sizeof again);
    first.redactor = redact ? dsreg_redactor_new() : NULL;
    parse(&first, data, len);
    parse(&again, first.written.data, first.written.len);
    if (first.captures != again.captures ||
        strcmp(first.model.s, again.model.s) != 0)
      fail_msg("%s%s: the capture written back parses to something else:\n"
               "%s\n---\n%s",
               path, redact ? " (redacted)" : "", first.model.s, again.model.s);
    if (redact) {
      run plain;
      memset(&plain, 0, sizeof plain);
      parse(&plain, data, len);
      assert_string_equal(plain.join.s, first.join.s);
      run_free(&plain);
    }
    dsreg_redactor_free(first.redactor);
    run_free(&first);
    run_free(&again);
  }
  free(data);
}

static void test_round_trip_fixtures(void **state) {
  (void)state;
  char path[1024];
  for (size_t i = 0; i < sizeof FIXTURES / sizeof FIXTURES[0]; i++) {
    snprintf(path, sizeof path, "%s/%s", DSREG_SOURCE_DIR, FIXTURES[i]);
    round_trip(path, true);
  }
}

/* The shared corpus, where this machine has it. */
static void test_round_trip_shared_corpus(void **state) {
  (void)state;
  char path[1024];
  for (size_t i = 0; i < sizeof FIXTURES / sizeof FIXTURES[0]; i++) {
    const char *name = strrchr(FIXTURES[i], '/') + 1;
    snprintf(path, sizeof path, "/work/shared/corpus/%s", name);
    round_trip(path, false);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_field_pseudonyms),
      cmocka_unit_test(test_local_account),
      cmocka_unit_test(test_cut_value_in_note),
      cmocka_unit_test(test_free_text),
      cmocka_unit_test(test_source),
      cmocka_unit_test(test_bad_arguments),
      cmocka_unit_test(test_many_values),
      cmocka_unit_test(test_round_trip_fixtures),
      cmocka_unit_test(test_round_trip_shared_corpus),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
