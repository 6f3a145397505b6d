/*
 * test_codes.c - the error-code knowledge base (dsreg/codes.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "dsreg/codes.h"

#define LAST_CONTEXT DSREG_CODE_AUTOPILOT

static const dsreg_code_info *lookup(const char *text,
                                     dsreg_code_context prefer) {
  return dsreg_code_lookup(text, strlen(text), prefer);
}

static int is_numeric_code(const char *code) {
  return code[0] >= '0' && code[0] <= '9';
}

static int same_text_ci(const char *a, const char *b) {
  for (; *a != '\0' && *b != '\0'; a++, b++) {
    char x = *a, y = *b;
    if (x >= 'A' && x <= 'Z')
      x = (char)(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z')
      y = (char)(y - 'A' + 'a');
    if (x != y)
      return 0;
  }
  return *a == *b;
}

static void assert_row(const dsreg_code_info *row, const char *code,
                       const char *name, dsreg_code_context ctx) {
  assert_non_null(row);
  assert_string_equal(row->code, code);
  assert_string_equal(row->name, name);
  assert_int_equal(row->context, ctx);
}

static void test_lookup_known_codes(void **state) {
  (void)state;
  assert_row(lookup("0x801c001d", DSREG_CODE_ANY), "0x801c001d",
             "DSREG_AUTOJOIN_ADCONFIG_READ_FAILED", DSREG_CODE_DISCOVER);
  assert_row(lookup("0x801c0021", DSREG_CODE_ANY), "0x801c0021",
             "DSREG_AUTOJOIN_DISC_FAILED", DSREG_CODE_DISCOVER);
  assert_row(lookup("0x8007000d", DSREG_CODE_ANY), "0x8007000d",
             "E_INVALIDDATA", DSREG_CODE_DISCOVERY_SUB);
  assert_row(lookup("0xcaa90017", DSREG_CODE_ANY), "0xcaa90017",
             "ERROR_ADAL_PROTOCOL_NOT_SUPPORTED", DSREG_CODE_AUTH);
  assert_row(lookup("0x80090016", DSREG_CODE_ANY), "0x80090016",
             "NTE_BAD_KEYSET", DSREG_CODE_TPM);
  assert_row(lookup("0xc000006d", DSREG_CODE_ANY), "0xc000006d",
             "STATUS_LOGON_FAILURE", DSREG_CODE_PRT);
  assert_row(lookup("0x801c0095", DSREG_CODE_ANY), "0x801c0095",
             "DSREG_TOKEN_MISSING_ON_PREM_ID", DSREG_CODE_KERBEROS_JOIN);
  assert_row(lookup("0x801c004d", DSREG_CODE_ANY), "0x801c004d",
             "DSREG_NO_DEFAULT_ACCOUNT", DSREG_CODE_WHFB);
  assert_row(lookup("0x80070002", DSREG_CODE_ANY), "0x80070002",
             "ERROR_FILE_NOT_FOUND", DSREG_CODE_WIN32);
  assert_row(lookup("0x80072f94", DSREG_CODE_ANY), "0x80072f94",
             "ERROR_WINHTTP_AUTODETECTION_FAILED", DSREG_CODE_NETWORK);
  assert_row(lookup("AADSTS50126", DSREG_CODE_ANY), "AADSTS50126",
             "InvalidUserNameOrPassword", DSREG_CODE_SERVER);
  assert_row(lookup("MSIS9682", DSREG_CODE_ANY), "MSIS9682", "",
             DSREG_CODE_SERVER);

  assert_int_equal(lookup("0x801c03f2", DSREG_CODE_ANY)->value, 0x801c03f2u);
  assert_int_equal(lookup("AADSTS50155", DSREG_CODE_ANY)->value, 0);
  assert_non_null(strstr(lookup("AADSTS50155", DSREG_CODE_ANY)->reference,
                         "/entra/identity/devices/faq"));
}

static void test_prefer_picks_context_row(void **state) {
  const dsreg_code_info *join, *whfb;

  (void)state;
  join = lookup("0x801c03f2", DSREG_CODE_JOIN);
  whfb = lookup("0x801c03f2", DSREG_CODE_WHFB);
  assert_row(join, "0x801c03f2", "DSREG_E_DIRECTORY_FAILURE", DSREG_CODE_JOIN);
  assert_row(whfb, "0x801c03f2", "DSREG_E_DIRECTORY_FAILURE", DSREG_CODE_WHFB);
  assert_ptr_not_equal(join, whfb);
  assert_non_null(strstr(join->meaning, "DirectoryError"));
  assert_non_null(strstr(whfb->meaning, "proxyAddresses"));

  /* No preference, or one with no row: the registration meaning, first. */
  assert_ptr_equal(lookup("0x801c03f2", DSREG_CODE_ANY), join);
  assert_ptr_equal(lookup("0x801c03f2", DSREG_CODE_PRT), join);
  assert_ptr_equal(dsreg_code_lookup_value(0x801c03f2u, DSREG_CODE_WHFB), whfb);
  assert_ptr_equal(dsreg_code_lookup_value(0x801c03f2u, DSREG_CODE_ANY), join);

  assert_int_equal(lookup("0x80090031", DSREG_CODE_ANY)->context,
                   DSREG_CODE_TPM);
  assert_int_equal(lookup("0x80090031", DSREG_CODE_WHFB)->context,
                   DSREG_CODE_WHFB);
  assert_int_equal(lookup("0x801c001d", DSREG_CODE_ANY)->context,
                   DSREG_CODE_DISCOVER);
  assert_int_equal(lookup("0x801c001d", DSREG_CODE_JOIN)->context,
                   DSREG_CODE_JOIN);
  assert_int_equal(lookup("0x801c000c", DSREG_CODE_ANY)->context,
                   DSREG_CODE_DISCOVERY_SUB);
  assert_int_equal(lookup("0x801c000c", DSREG_CODE_WHFB)->context,
                   DSREG_CODE_WHFB);
  assert_int_equal(lookup("0x80072ee2", DSREG_CODE_ANY)->context,
                   DSREG_CODE_DISCOVERY_SUB);
  assert_int_equal(lookup("0x80072ee2", DSREG_CODE_JOIN)->context,
                   DSREG_CODE_JOIN);
  assert_int_equal(lookup("0x80072ee2", DSREG_CODE_NETWORK)->context,
                   DSREG_CODE_NETWORK);
}

static void test_hex_case_and_leading_zeros(void **state) {
  const dsreg_code_info *row;

  (void)state;
  row = lookup("0x801c03f2", DSREG_CODE_ANY);
  assert_non_null(row);
  assert_ptr_equal(lookup("0X801C03F2", DSREG_CODE_ANY), row);
  assert_ptr_equal(lookup("0x801C03f2", DSREG_CODE_ANY), row);
  assert_ptr_equal(lookup("0x00801c03f2", DSREG_CODE_ANY), row);
  assert_ptr_equal(lookup("0x0000000000801c03f2", DSREG_CODE_ANY), row);
  assert_ptr_equal(lookup("0x2EFD", DSREG_CODE_ANY),
                   lookup("12029", DSREG_CODE_ANY));

  /* Zero is a value like any other, and no row has it. */
  assert_null(lookup("0x0", DSREG_CODE_ANY));
  assert_null(lookup("0x00000000", DSREG_CODE_ANY));
  assert_null(dsreg_code_lookup_value(0, DSREG_CODE_ANY));
  assert_null(dsreg_code_lookup_value(0, DSREG_CODE_SERVER));
}

static void test_negative_decimal(void **state) {
  (void)state;
  assert_row(lookup("-2145648611", DSREG_CODE_ANY), "0x801c001d",
             "DSREG_AUTOJOIN_ADCONFIG_READ_FAILED", DSREG_CODE_DISCOVER);
  assert_row(lookup("-2145647630", DSREG_CODE_WHFB), "0x801c03f2",
             "DSREG_E_DIRECTORY_FAILURE", DSREG_CODE_WHFB);
  assert_row(lookup("-2147012894", DSREG_CODE_ANY), "0x80072ee2",
             "WININET_E_TIMEOUT", DSREG_CODE_DISCOVERY_SUB);
  assert_row(lookup("-1073741715", DSREG_CODE_ANY), "0xc000006d",
             "STATUS_LOGON_FAILURE", DSREG_CODE_PRT);
  assert_row(lookup("-894894057", DSREG_CODE_ANY), "0xcaa90017",
             "ERROR_ADAL_PROTOCOL_NOT_SUPPORTED", DSREG_CODE_AUTH);

  assert_null(lookup("-", DSREG_CODE_ANY));
  assert_null(lookup("-0", DSREG_CODE_ANY));
  assert_null(lookup("-2147483649", DSREG_CODE_ANY));
  assert_null(lookup("-4294967296", DSREG_CODE_ANY));
  assert_null(lookup("-0x801c001d", DSREG_CODE_ANY));
  assert_null(lookup("--2145648611", DSREG_CODE_ANY));
}

static void test_decimal_winhttp(void **state) {
  const dsreg_code_info *row;

  (void)state;
  row = lookup("12029", DSREG_CODE_ANY);
  assert_row(row, "12029", "ERROR_WINHTTP_CANNOT_CONNECT", DSREG_CODE_NETWORK);
  assert_int_equal(row->value, 12029);
  assert_ptr_equal(dsreg_code_lookup_value(12029, DSREG_CODE_PRT), row);
  assert_ptr_equal(lookup("012029", DSREG_CODE_ANY), row);
  assert_row(lookup("12002", DSREG_CODE_ANY), "12002", "ERROR_WINHTTP_TIMEOUT",
             DSREG_CODE_NETWORK);
  assert_row(lookup("12007", DSREG_CODE_ANY), "12007",
             "ERROR_WINHTTP_NAME_NOT_RESOLVED", DSREG_CODE_NETWORK);
  assert_row(lookup("12030", DSREG_CODE_ANY), "12030",
             "ERROR_WINHTTP_CONNECTION_ERROR", DSREG_CODE_NETWORK);

  /* The HRESULT form is a different number with its own rows. */
  assert_int_equal(lookup("0x80072efd", DSREG_CODE_NETWORK)->value,
                   0x80072efdu);
  assert_null(lookup("12031", DSREG_CODE_ANY));
  assert_null(lookup("4294967296", DSREG_CODE_ANY));
  assert_null(lookup("99999999999999999999999", DSREG_CODE_ANY));
}

static void test_server_code_prefix(void **state) {
  const dsreg_code_info *row;

  (void)state;
  row = lookup("AADSTS50126: Error validating credentials due to invalid "
               "username or password.",
               DSREG_CODE_ANY);
  assert_row(row, "AADSTS50126", "InvalidUserNameOrPassword",
             DSREG_CODE_SERVER);
  assert_ptr_equal(lookup("aadsts50126", DSREG_CODE_ANY), row);
  assert_ptr_equal(lookup("AaDsTs50126 (trace)", DSREG_CODE_ANY), row);
  assert_ptr_equal(lookup("  AADSTS50126\r\n", DSREG_CODE_PRT), row);
  assert_row(
      lookup("AADSTS90002: Tenant 'corp.local' not found.", DSREG_CODE_SERVER),
      "AADSTS90002", "InvalidTenantName", DSREG_CODE_SERVER);
  assert_row(lookup("MSIS9682: Received invalid OAuth JWT Bearer request.",
                    DSREG_CODE_ANY),
             "MSIS9682", "", DSREG_CODE_SERVER);
  assert_row(lookup("msis9682", DSREG_CODE_ANY), "MSIS9682", "",
             DSREG_CODE_SERVER);
}

static void test_server_code_needs_whole_token(void **state) {
  (void)state;
  assert_null(lookup("AADSTS501260", DSREG_CODE_ANY));
  assert_null(lookup("AADSTS501260: something", DSREG_CODE_ANY));
  assert_null(lookup("AADSTS5012", DSREG_CODE_ANY));
  assert_null(lookup("AADSTS50126x", DSREG_CODE_ANY));
  assert_null(lookup("XAADSTS50126", DSREG_CODE_ANY));
  assert_null(lookup("AADSTS", DSREG_CODE_ANY));
  assert_null(lookup("MSIS96820", DSREG_CODE_ANY));
  assert_null(lookup("Error: AADSTS50126", DSREG_CODE_ANY));
}

static void test_unknown_codes(void **state) {
  (void)state;
  assert_null(lookup("0xdeadbeef", DSREG_CODE_ANY));
  assert_null(lookup("0xd0020017", DSREG_CODE_ANY));
  assert_null(lookup("AADSTS12345", DSREG_CODE_ANY));
  assert_null(lookup("hello", DSREG_CODE_ANY));
  assert_null(lookup("0x", DSREG_CODE_ANY));
  assert_null(lookup("0xg", DSREG_CODE_ANY));
  assert_null(lookup("0x801c03f2z", DSREG_CODE_ANY));
  assert_null(lookup("0x1801c03f2", DSREG_CODE_ANY));
  assert_null(lookup("", DSREG_CODE_ANY));
  assert_null(lookup(" \t\r\n", DSREG_CODE_ANY));
  assert_null(lookup(": AADSTS50126", DSREG_CODE_ANY));
  assert_null(dsreg_code_lookup(NULL, 0, DSREG_CODE_ANY));
  assert_null(dsreg_code_lookup(NULL, 10, DSREG_CODE_ANY));
  assert_null(dsreg_code_lookup_value(0xdeadbeefu, DSREG_CODE_ANY));
}

static void test_whitespace_and_length(void **state) {
  static const char buf[] = "0x801c03f2ff AADSTS50126";
  const dsreg_code_info *row;

  (void)state;
  row = lookup("0x801c03f2", DSREG_CODE_ANY);
  assert_ptr_equal(lookup("  0x801c03f2\r\n", DSREG_CODE_ANY), row);
  assert_ptr_equal(lookup("\t0x801c03f2 ", DSREG_CODE_ANY), row);
  assert_ptr_equal(lookup("0x801c0021/0x801c000c", DSREG_CODE_ANY),
                   lookup("0x801c0021", DSREG_CODE_ANY));
  assert_row(lookup(" \t12029 \n", DSREG_CODE_ANY), "12029",
             "ERROR_WINHTTP_CANNOT_CONNECT", DSREG_CODE_NETWORK);

  /* `len` bounds the text; no NUL is needed after it. */
  assert_ptr_equal(dsreg_code_lookup(buf, 10, DSREG_CODE_ANY), row);
  assert_null(dsreg_code_lookup(buf, 12, DSREG_CODE_ANY));
  assert_null(dsreg_code_lookup(buf, 0, DSREG_CODE_ANY));
  assert_row(dsreg_code_lookup(buf + 13, 11, DSREG_CODE_ANY), "AADSTS50126",
             "InvalidUserNameOrPassword", DSREG_CODE_SERVER);
  assert_null(dsreg_code_lookup(buf + 13, 10, DSREG_CODE_ANY));
}

/* Every code of format.md section 8 (and the extra ones the format names),
 * with the context its row must have. */
static const struct {
  const char *code;
  dsreg_code_context ctx;
} required[] = {
    /* 8.1 */
    {"0x801c001d", DSREG_CODE_DISCOVER},
    {"0x801c0021", DSREG_CODE_DISCOVER},
    {"0x801c001f", DSREG_CODE_DISCOVER},
    {"0x801c003d", DSREG_CODE_DISCOVER},
    {"0x80070002", DSREG_CODE_WIN32},
    {"0x801c000c", DSREG_CODE_DISCOVERY_SUB},
    /* 8.2 */
    {"0x80072efd", DSREG_CODE_DISCOVERY_SUB},
    {"0x80072ee2", DSREG_CODE_DISCOVERY_SUB},
    {"0x80072f8f", DSREG_CODE_DISCOVERY_SUB},
    {"0x801c003a", DSREG_CODE_DISCOVERY_SUB},
    {"0x801c0025", DSREG_CODE_DISCOVERY_SUB},
    {"0x8007000d", DSREG_CODE_DISCOVERY_SUB},
    /* 8.3 */
    {"0xcaa90017", DSREG_CODE_AUTH},
    {"0xcaa9002c", DSREG_CODE_AUTH},
    {"0xcaa90023", DSREG_CODE_AUTH},
    {"0xcaa82ee2", DSREG_CODE_AUTH},
    {"0xcaa82efe", DSREG_CODE_AUTH},
    {"0xcaa82f8f", DSREG_CODE_AUTH},
    {"0xcaa82efd", DSREG_CODE_AUTH},
    {"0xcaa20003", DSREG_CODE_AUTH},
    {"0xcaa90014", DSREG_CODE_AUTH},
    {"0xcaa90006", DSREG_CODE_AUTH},
    {"0xcaa1002d", DSREG_CODE_AUTH},
    /* 8.4 */
    {"0x801c03f2", DSREG_CODE_JOIN},
    {"0x801c0002", DSREG_CODE_JOIN},
    {"0x801c0006", DSREG_CODE_JOIN},
    {"0x801c001d", DSREG_CODE_JOIN},
    {"0x80090016", DSREG_CODE_TPM},
    {"0x80290407", DSREG_CODE_TPM},
    {"0x80280036", DSREG_CODE_TPM},
    {"0x80090031", DSREG_CODE_TPM},
    {"0x80072ee2", DSREG_CODE_JOIN},
    {"0x80072ee7", DSREG_CODE_JOIN},
    {"0x80072efe", DSREG_CODE_JOIN},
    {"0x801c0095", DSREG_CODE_KERBEROS_JOIN},
    {"0x80090311", DSREG_CODE_KERBEROS_JOIN},
    {"0x80090303", DSREG_CODE_KERBEROS_JOIN},
    {"0x8009030c", DSREG_CODE_KERBEROS_JOIN},
    /* 8.5 */
    {"0xc000006d", DSREG_CODE_PRT},
    {"0xc000006a", DSREG_CODE_PRT},
    {"0xc00000d0", DSREG_CODE_PRT},
    {"0xc000023c", DSREG_CODE_PRT},
    {"0xc00000be", DSREG_CODE_PRT},
    {"0xc00000c4", DSREG_CODE_PRT},
    {"0xc000005f", DSREG_CODE_PRT},
    {"0xc004844c", DSREG_CODE_PRT},
    {"0xc0048442", DSREG_CODE_PRT},
    {"0xc00484c1", DSREG_CODE_PRT},
    {"0x800484c1", DSREG_CODE_PRT},
    {"0xc004848b", DSREG_CODE_PRT},
    {"0xc004848c", DSREG_CODE_PRT},
    {"0xc00cee4f", DSREG_CODE_PRT},
    {"AADSTS50155", DSREG_CODE_SERVER},
    {"AADSTS50034", DSREG_CODE_SERVER},
    {"AADSTS50126", DSREG_CODE_SERVER},
    {"AADSTS90002", DSREG_CODE_SERVER},
    {"MSIS9682", DSREG_CODE_SERVER},
    {"12002", DSREG_CODE_NETWORK},
    {"12007", DSREG_CODE_NETWORK},
    {"12029", DSREG_CODE_NETWORK},
    {"12030", DSREG_CODE_NETWORK},
    {"0x80072f94", DSREG_CODE_NETWORK},
    /* 8.6 */
    {"0x80090029", DSREG_CODE_WHFB},
    {"0x80090031", DSREG_CODE_WHFB},
    {"0x80090035", DSREG_CODE_WHFB},
    {"0x801C0003", DSREG_CODE_WHFB},
    {"0x801C000E", DSREG_CODE_WHFB},
    {"0x801C000F", DSREG_CODE_WHFB},
    {"0x801C0015", DSREG_CODE_WHFB},
    {"0x801C03ED", DSREG_CODE_WHFB},
    {"0x801C03F2", DSREG_CODE_WHFB},
    {"0x801C044D", DSREG_CODE_WHFB},
    {"0x801c004D", DSREG_CODE_WHFB},
    {"0x801C0001", DSREG_CODE_WHFB},
    {"0x801C0002", DSREG_CODE_WHFB},
    {"0x801C0006", DSREG_CODE_WHFB},
    {"0x801C000C", DSREG_CODE_WHFB},
    {"0x801C0013", DSREG_CODE_WHFB},
    {"0x801C0014", DSREG_CODE_WHFB},
    {"0x801C001B", DSREG_CODE_WHFB},
};

static void test_every_reference_code_present(void **state) {
  size_t i;

  (void)state;
  for (i = 0; i < sizeof required / sizeof required[0]; i++) {
    const dsreg_code_info *row = lookup(required[i].code, required[i].ctx);

    if (row == NULL || row->context != required[i].ctx)
      fail_msg("%s has no %s row", required[i].code,
               dsreg_code_context_name(required[i].ctx));
  }
}

static void test_table_rows_are_well_formed(void **state) {
  size_t i, j, n = dsreg_code_count();

  (void)state;
  assert_true(n >= sizeof required / sizeof required[0]);
  for (i = 0; i < n; i++) {
    const dsreg_code_info *row = dsreg_code_at(i);
    char upper[32];

    assert_non_null(row);
    assert_non_null(row->code);
    assert_true(row->code[0] != '\0');
    assert_non_null(row->name);
    assert_non_null(row->meaning);
    assert_true(row->meaning[0] != '\0');
    assert_non_null(row->remedy);
    assert_non_null(row->reference);
    assert_int_equal(strncmp(row->reference, "https://", 8), 0);
    assert_in_range(row->context, DSREG_CODE_DISCOVER, LAST_CONTEXT);

    /* Each row is what a lookup of its own code in its own context finds. */
    assert_ptr_equal(lookup(row->code, row->context), row);
    if (is_numeric_code(row->code)) {
      assert_ptr_equal(dsreg_code_lookup_value(row->value, row->context), row);
      if (row->code[1] == 'x') {
        snprintf(upper, sizeof upper, "0X%08lX", (unsigned long)row->value);
        assert_ptr_equal(lookup(upper, row->context), row);
      }
    } else {
      assert_int_equal(row->value, 0);
    }

    for (j = i + 1; j < n; j++) {
      const dsreg_code_info *other = dsreg_code_at(j);
      int same_code;

      if (is_numeric_code(row->code) != is_numeric_code(other->code))
        continue;
      same_code = is_numeric_code(row->code)
                      ? row->value == other->value
                      : same_text_ci(row->code, other->code);
      if (same_code && row->context == other->context)
        fail_msg("rows %zu and %zu are both %s in %s", i, j, row->code,
                 dsreg_code_context_name(row->context));
    }
  }
}

/* The first-row fallback relies on this order. */
static void test_table_is_sorted(void **state) {
  size_t i, n = dsreg_code_count();

  (void)state;
  for (i = 1; i < n; i++) {
    const dsreg_code_info *a = dsreg_code_at(i - 1), *b = dsreg_code_at(i);

    assert_true(a->context <= b->context);
    if (a->context != b->context)
      continue;
    if (is_numeric_code(a->code) && is_numeric_code(b->code)) {
      if (a->value >= b->value)
        fail_msg("%s before %s", a->code, b->code);
    } else if (strcmp(a->code, b->code) >= 0) {
      fail_msg("%s before %s", a->code, b->code);
    }
  }
}

static void test_code_at_bounds(void **state) {
  size_t n = dsreg_code_count();

  (void)state;
  assert_true(n > 0);
  assert_non_null(dsreg_code_at(0));
  assert_non_null(dsreg_code_at(n - 1));
  assert_null(dsreg_code_at(n));
  assert_null(dsreg_code_at(n + 1));
  assert_null(dsreg_code_at(SIZE_MAX));
}

static void test_context_names(void **state) {
  int i, j;

  (void)state;
  assert_string_equal(dsreg_code_context_name(DSREG_CODE_DISCOVER), "discover");
  assert_string_equal(dsreg_code_context_name(DSREG_CODE_PRT), "prt");
  assert_string_equal(dsreg_code_context_name(DSREG_CODE_WHFB), "whfb");
  for (i = DSREG_CODE_ANY; i <= (int)LAST_CONTEXT; i++) {
    const char *name = dsreg_code_context_name((dsreg_code_context)i);
    const char *p;

    assert_non_null(name);
    assert_true(name[0] != '\0');
    for (p = name; *p != '\0'; p++)
      assert_false(*p >= 'A' && *p <= 'Z');
    for (j = DSREG_CODE_ANY; j < i; j++)
      assert_string_not_equal(name,
                              dsreg_code_context_name((dsreg_code_context)j));
  }
  assert_non_null(
      dsreg_code_context_name((dsreg_code_context)(LAST_CONTEXT + 1)));
  assert_non_null(dsreg_code_context_name((dsreg_code_context)-1));
}

/* W8 of the expert review: D1 says HTTP Error is "WinHttp transport error
 * code", and WinHTTP's error messages page names 12175 (0x80072f8f)
 * ERROR_WINHTTP_SECURE_FAILURE: "One or more errors were found in the Secure
 * Sockets Layer (SSL) certificate sent by the server". */
static void test_network_context_secure_failure(void **state) {
  const dsreg_code_info *net, *disc;

  (void)state;
  net = lookup("0x80072f8f", DSREG_CODE_NETWORK);
  assert_row(net, "0x80072f8f", "ERROR_WINHTTP_SECURE_FAILURE",
             DSREG_CODE_NETWORK);
  assert_string_equal(net->meaning,
                      "TLS validation of the server certificate failed, "
                      "typically because of a TLS-inspecting proxy or a "
                      "device clock that is wrong (WinHTTP 12175 as an "
                      "HRESULT).");
  assert_non_null(strstr(net->remedy, "w32tm /query /status"));
  assert_ptr_equal(dsreg_code_lookup_value(0x80072f8fu, DSREG_CODE_NETWORK),
                   net);
  assert_ptr_equal(lookup("-2147012721", DSREG_CODE_NETWORK), net);
  /* The discovery sub-error keeps its own row, and stays the first. */
  disc = lookup("0x80072f8f", DSREG_CODE_ANY);
  assert_row(disc, "0x80072f8f", "WININET_E_DECODING_FAILED",
             DSREG_CODE_DISCOVERY_SUB);
  assert_ptr_equal(lookup("0x80072f8f", DSREG_CODE_DISCOVERY_SUB), disc);
  assert_int_equal(lookup("0x80072f8f", DSREG_CODE_WHFB)->context,
                   DSREG_CODE_WHFB);
}

/* The WinHTTP TLS and proxy family: decimal as the page prints it, and the
 * HRESULT dsregcmd prints in HTTP Error; both in the network context. */
static void test_winhttp_family_decimal_and_hex(void **state) {
  static const struct {
    const char *dec, *hex, *name;
  } w[] = {
      {"12037", "0x80072f05", "ERROR_WINHTTP_SECURE_CERT_DATE_INVALID"},
      {"12038", "0x80072f06", "ERROR_WINHTTP_SECURE_CERT_CN_INVALID"},
      {"12044", "0x80072f0c", "ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED"},
      {"12045", "0x80072f0d", "ERROR_WINHTTP_SECURE_INVALID_CA"},
      {"12057", "0x80072f19", "ERROR_WINHTTP_SECURE_CERT_REV_FAILED"},
      {"12152", "0x80072f78", "ERROR_WINHTTP_INVALID_SERVER_RESPONSE"},
      {"12157", "0x80072f7d", "ERROR_WINHTTP_SECURE_CHANNEL_ERROR"},
      {"12166", "0x80072f86", "ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT"},
      {"12167", "0x80072f87", "ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT"},
      {"12169", "0x80072f89", "ERROR_WINHTTP_SECURE_INVALID_CERT"},
      {"12170", "0x80072f8a", "ERROR_WINHTTP_SECURE_CERT_REVOKED"},
      {"12175", "0x80072f8f", "ERROR_WINHTTP_SECURE_FAILURE"},
      {"12178", "0x80072f92", "ERROR_WINHTTP_AUTO_PROXY_SERVICE_ERROR"},
      {"12180", "0x80072f94", "ERROR_WINHTTP_AUTODETECTION_FAILED"},
  };
  size_t i;

  (void)state;
  for (i = 0; i < sizeof w / sizeof w[0]; i++) {
    const dsreg_code_info *d = lookup(w[i].dec, DSREG_CODE_NETWORK);
    const dsreg_code_info *h = lookup(w[i].hex, DSREG_CODE_NETWORK);

    assert_row(d, w[i].dec, w[i].name, DSREG_CODE_NETWORK);
    assert_row(h, w[i].hex, w[i].name, DSREG_CODE_NETWORK);
    assert_int_equal(h->value, 0x80070000u | d->value);
    assert_ptr_not_equal(d, h);
    assert_string_equal(d->reference, h->reference);
  }
  assert_string_equal(lookup("12045", DSREG_CODE_ANY)->meaning,
                      "The server certificate chains to a root that the "
                      "device does not trust.");
}

/* D3 leaves these attempt statuses out; names and meanings from MS-ERREF
 * 2.3.1 (e.g. STATUS_ACCOUNT_LOCKED_OUT "The user account has been
 * automatically locked"). */
static void test_prt_account_statuses(void **state) {
  static const struct {
    const char *code, *name;
  } st[] = {
      {"0xc000005e", "STATUS_NO_LOGON_SERVERS"},
      {"0xc000006e", "STATUS_ACCOUNT_RESTRICTION"},
      {"0xc000006f", "STATUS_INVALID_LOGON_HOURS"},
      {"0xc0000071", "STATUS_PASSWORD_EXPIRED"},
      {"0xc0000072", "STATUS_ACCOUNT_DISABLED"},
      {"0xc0000193", "STATUS_ACCOUNT_EXPIRED"},
      {"0xc0000224", "STATUS_PASSWORD_MUST_CHANGE"},
      {"0xc0000234", "STATUS_ACCOUNT_LOCKED_OUT"},
  };
  size_t i;

  (void)state;
  for (i = 0; i < sizeof st / sizeof st[0]; i++)
    assert_row(lookup(st[i].code, DSREG_CODE_PRT), st[i].code, st[i].name,
               DSREG_CODE_PRT);
  assert_string_equal(lookup("0xc0000234", DSREG_CODE_PRT)->meaning,
                      "The user account is locked out after too many bad "
                      "passwords.");
  assert_row(lookup("-1073741260", DSREG_CODE_ANY), "0xc0000234",
             "STATUS_ACCOUNT_LOCKED_OUT", DSREG_CODE_PRT);
}

/* The AADSTS error reference: "AADSTS50057 | UserDisabled - The user account
 * is disabled", "AADSTS130004 | NgcKeyNotFound", "AADSTS80001 |
 * OnPremiseStoreIsNotAvailable - The Authentication Agent is unable to
 * connect to Active Directory".  80003, 80004 and 80006 are not on the page,
 * so they stay unknown. */
static void test_aadsts_prt_and_wam_codes(void **state) {
  static const char *const present[] = {
      "AADSTS50053",  "AADSTS50055",  "AADSTS50056",  "AADSTS50057",
      "AADSTS50059",  "AADSTS50064",  "AADSTS50076",  "AADSTS50079",
      "AADSTS50097",  "AADSTS50107",  "AADSTS50128",  "AADSTS50131",
      "AADSTS50132",  "AADSTS50133",  "AADSTS50144",  "AADSTS50173",
      "AADSTS50187",  "AADSTS53003",  "AADSTS70043",  "AADSTS700082",
      "AADSTS80001",  "AADSTS80002",  "AADSTS80005",  "AADSTS80007",
      "AADSTS80010",  "AADSTS80012",  "AADSTS80013",  "AADSTS80014",
      "AADSTS90019",  "AADSTS90033",  "AADSTS90072",  "AADSTS130004",
      "AADSTS130005", "AADSTS130006", "AADSTS130007", "AADSTS130008",
      "AADSTS135010", "AADSTS135011", "AADSTS240001",
  };
  const dsreg_code_info *row;
  size_t i;

  (void)state;
  for (i = 0; i < sizeof present / sizeof present[0]; i++) {
    row = lookup(present[i], DSREG_CODE_SERVER);
    assert_non_null(row);
    assert_string_equal(row->code, present[i]);
    assert_int_equal(row->context, DSREG_CODE_SERVER);
    assert_true(row->remedy[0] != '\0');
  }
  row = lookup("AADSTS50057: The user account is disabled.", DSREG_CODE_PRT);
  assert_row(row, "AADSTS50057", "UserDisabled", DSREG_CODE_SERVER);
  assert_string_equal(row->meaning, "The user account is disabled.");
  assert_row(lookup("aadsts130004", DSREG_CODE_ANY), "AADSTS130004",
             "NgcKeyNotFound", DSREG_CODE_SERVER);
  assert_row(lookup("AADSTS80001", DSREG_CODE_ANY), "AADSTS80001",
             "OnPremiseStoreIsNotAvailable", DSREG_CODE_SERVER);
  assert_row(lookup("AADSTS240001", DSREG_CODE_ANY), "AADSTS240001",
             "BulkAADJTokenUnauthorized", DSREG_CODE_SERVER);
  assert_null(lookup("AADSTS80003", DSREG_CODE_ANY));
  assert_null(lookup("AADSTS80004", DSREG_CODE_ANY));
  assert_null(lookup("AADSTS80006", DSREG_CODE_ANY));
  /* D5: "Conditional Access policies aren't evaluated when PRTs are
   * issued", so the CA codes send the admin to the sign-in logs. */
  assert_non_null(
      strstr(lookup("AADSTS53003", DSREG_CODE_ANY)->remedy, "sign-in logs"));
}

/* W7 of the expert review: D2 lists AADSTS90002 only among the sync-join
 * server errors ("Tenant ID in the SCP object is incorrect"), while in a PRT
 * request the tenant comes from the user's UPN suffix. */
static void test_aadsts90002_by_context(void **state) {
  const dsreg_code_info *join, *server;

  (void)state;
  join = lookup("AADSTS90002: Tenant 'x' not found.", DSREG_CODE_JOIN);
  server =
      lookup("AADSTS90002: Tenant 'corp.local' not found.", DSREG_CODE_SERVER);
  assert_row(join, "AADSTS90002", "InvalidTenantName", DSREG_CODE_JOIN);
  assert_row(server, "AADSTS90002", "InvalidTenantName", DSREG_CODE_SERVER);
  assert_ptr_not_equal(join, server);
  assert_string_not_equal(join->remedy, server->remedy);
  assert_non_null(strstr(join->remedy, "SCP"));
  assert_null(strstr(server->remedy, "SCP"));
  assert_non_null(strstr(server->remedy, "verified custom domain"));
  assert_non_null(strstr(server->remedy, "AD FS federated domains only"));
  /* PRT callers pass SERVER; a PRT preference falls back to the first row. */
  assert_ptr_equal(lookup("AADSTS90002", DSREG_CODE_ANY), join);
  assert_ptr_equal(lookup("AADSTS90002", DSREG_CODE_PRT), join);
}

/* The MDM registration error values (e.g. "MENROLL_E_DEVICECAPREACHED
 * 0x80180013 The user has already enrolled too many devices") and Intune's
 * enrollment errors (0x8018002b: "The UPN contains an unverified or
 * non-routable domain" or "MDM user scope is set to None"). */
static void test_mdm_codes(void **state) {
  const dsreg_code_info *row;

  (void)state;
  assert_row(lookup("0x80180013", DSREG_CODE_ANY), "0x80180013",
             "MENROLL_E_DEVICECAPREACHED", DSREG_CODE_MDM);
  assert_row(lookup("0x80180018", DSREG_CODE_MDM), "0x80180018",
             "MENROLL_E_USERLICENSE", DSREG_CODE_MDM);
  assert_row(lookup("0x8018000A", DSREG_CODE_MDM), "0x8018000a",
             "MENROLL_E_DEVICE_ALREADY_ENROLLED", DSREG_CODE_MDM);
  assert_row(lookup("0x80180031", DSREG_CODE_MDM), "0x80180031",
             "MENROLL_E_MDM_NOT_CONFIGURED", DSREG_CODE_MDM);
  row = lookup("0x8018002b", DSREG_CODE_ANY);
  assert_row(row, "0x8018002b", "", DSREG_CODE_MDM);
  assert_non_null(strstr(row->remedy, "MDM user scope"));
  assert_row(lookup("-2145910765", DSREG_CODE_ANY), "0x80180013",
             "MENROLL_E_DEVICECAPREACHED", DSREG_CODE_MDM);
  assert_string_equal(dsreg_code_context_name(DSREG_CODE_MDM), "mdm");
  assert_string_equal(dsreg_code_context_name(DSREG_CODE_AUTOPILOT),
                      "autopilot");
}

/* Autopilot known issues: "0x81039001
 * E_AUTOPILOT_CLIENT_TPM_MAX_ATTESTATION_RETRY_EXCEEDED", "0x801c03ea ...
 * TPM attestation failed", "0x80180014" when a device is redeployed; Intune:
 * "0x80180022 ... running Windows Home Edition". */
static void test_autopilot_codes_by_context(void **state) {
  const dsreg_code_info *ap, *other;

  (void)state;
  assert_row(lookup("0x81039001", DSREG_CODE_ANY), "0x81039001",
             "E_AUTOPILOT_CLIENT_TPM_MAX_ATTESTATION_RETRY_EXCEEDED",
             DSREG_CODE_AUTOPILOT);
  assert_row(lookup("0xc1036501", DSREG_CODE_ANY), "0xc1036501", "",
             DSREG_CODE_AUTOPILOT);
  assert_row(lookup("0x801c03f3", DSREG_CODE_ANY), "0x801c03f3", "",
             DSREG_CODE_AUTOPILOT);
  assert_row(lookup("0x800705b4", DSREG_CODE_ANY), "0x800705b4",
             "ERROR_TIMEOUT", DSREG_CODE_AUTOPILOT);
  assert_row(lookup("0x80070774", DSREG_CODE_ANY), "0x80070774",
             "ERROR_DOMAIN_CONTROLLER_NOT_FOUND", DSREG_CODE_AUTOPILOT);

  /* 0x801c03ea: Windows Hello key authorization, or Autopilot attestation. */
  ap = lookup("0x801c03ea", DSREG_CODE_AUTOPILOT);
  other = lookup("0x801c03ea", DSREG_CODE_ANY);
  assert_int_equal(ap->context, DSREG_CODE_AUTOPILOT);
  assert_int_equal(other->context, DSREG_CODE_WHFB);
  assert_non_null(strstr(ap->meaning, "TPM attestation failed"));
  assert_string_not_equal(ap->remedy, other->remedy);

  /* 0x80180014 and 0x80180022: MDM meaning first, Autopilot's by context. */
  ap = lookup("0x80180014", DSREG_CODE_AUTOPILOT);
  other = lookup("0x80180014", DSREG_CODE_ANY);
  assert_int_equal(other->context, DSREG_CODE_MDM);
  assert_int_equal(ap->context, DSREG_CODE_AUTOPILOT);
  assert_non_null(strstr(ap->remedy, "Delete the device record in Intune"));
  assert_string_not_equal(ap->remedy, other->remedy);
  ap = lookup("0x80180022", DSREG_CODE_AUTOPILOT);
  assert_string_equal(ap->meaning,
                      "Autopilot enrollment failed because the device runs "
                      "Windows Home.");
  assert_string_equal(lookup("0x80180022", DSREG_CODE_MDM)->name,
                      "MENROLL_E_PROV_CSP_MISC");
}

/* TPM COM error codes and TBS return codes; D2's "Disable TPM" remedies keep
 * the BitLocker caveat, and lockouts are waited out (D2: "Avoid clearing the
 * TPM"). */
static void test_tpm_codes(void **state) {
  static const struct {
    const char *code, *name;
  } t[] = {
      {"0x80280001", "TPM_E_AUTHFAIL"},
      {"0x80280006", "TPM_E_DEACTIVATED"},
      {"0x80280007", "TPM_E_DISABLED"},
      {"0x80280009", "TPM_E_FAIL"},
      {"0x80280012", "TPM_E_NOSRK"},
      {"0x8028001c", "TPM_E_FAILEDSELFTEST"},
      {"0x80280803", "TPM_E_DEFEND_LOCK_RUNNING"},
      {"0x80280921", "TPM_20_E_LOCKOUT"},
      {"0x80284001", "TBS_E_INTERNAL_ERROR"},
      {"0x80284008", "TBS_E_SERVICE_NOT_RUNNING"},
      {"0x8028400f", "TBS_E_TPM_NOT_FOUND"},
      {"0x80290401", "TPM_E_PCP_DEVICE_NOT_READY"},
      {"0x8029041b", "TPM_E_LOCKED_OUT"},
  };
  size_t i;

  (void)state;
  for (i = 0; i < sizeof t / sizeof t[0]; i++)
    assert_row(lookup(t[i].code, DSREG_CODE_ANY), t[i].code, t[i].name,
               DSREG_CODE_TPM);
  assert_non_null(strstr(lookup("0x80280921", DSREG_CODE_ANY)->remedy,
                         "do not clear the TPM"));
  assert_non_null(strstr(lookup("0x80290407", DSREG_CODE_ANY)->remedy,
                         "BitLocker recovery key"));
  assert_non_null(strstr(lookup("0x80280036", DSREG_CODE_ANY)->remedy,
                         "BitLocker recovery key"));
  assert_null(
      strstr(lookup("0x80090031", DSREG_CODE_WHFB)->remedy, "Clear-Tpm"));
}

/* Win32 1312/1317 (D2 join phase, event 220), by decimal and as HRESULTs. */
static void test_win32_logon_session_and_user(void **state) {
  (void)state;
  assert_row(lookup("1312", DSREG_CODE_ANY), "1312",
             "ERROR_NO_SUCH_LOGON_SESSION", DSREG_CODE_WIN32);
  assert_row(lookup("1317", DSREG_CODE_ANY), "1317", "ERROR_NO_SUCH_USER",
             DSREG_CODE_WIN32);
  assert_row(lookup("0x80070520", DSREG_CODE_ANY), "0x80070520",
             "ERROR_NO_SUCH_LOGON_SESSION", DSREG_CODE_WIN32);
  assert_row(lookup("0x80070525", DSREG_CODE_ANY), "0x80070525",
             "ERROR_NO_SUCH_USER", DSREG_CODE_WIN32);
  assert_non_null(
      strstr(lookup("1317", DSREG_CODE_ANY)->remedy, "repadmin /showrepl"));
}

/* Issue 11 section 2: no /leave without checking the device object and
 * keeping the BitLocker recovery key; no remedy says lock and unlock, since
 * the PRT rule appends that step itself. */
static void test_remedies_are_safe(void **state) {
  size_t i, n = dsreg_code_count();

  (void)state;
  for (i = 0; i < n; i++) {
    const dsreg_code_info *row = dsreg_code_at(i);

    if (strstr(row->remedy, "/leave"))
      assert_non_null(strstr(row->remedy, "BitLocker recovery key"));
    if (row->context == DSREG_CODE_PRT || row->context == DSREG_CODE_SERVER)
      assert_null(strstr(row->remedy, "lock and unlock"));
  }
  assert_non_null(strstr(lookup("AADSTS50155", DSREG_CODE_ANY)->remedy,
                         "Disabled: re-enable it; do not re-register."));
}

/* 118 rows in 11 contexts before issue 11. */
static void test_table_size(void **state) {
  size_t i, n = dsreg_code_count(), per[LAST_CONTEXT + 1] = {0};

  (void)state;
  for (i = 0; i < n; i++)
    per[dsreg_code_at(i)->context]++;
  assert_int_equal(n, 245);
  assert_int_equal(per[DSREG_CODE_NETWORK], 36);
  assert_int_equal(per[DSREG_CODE_SERVER], 44);
  assert_int_equal(per[DSREG_CODE_TPM], 17);
  assert_int_equal(per[DSREG_CODE_PRT], 22);
  assert_int_equal(per[DSREG_CODE_MDM], 27);
  assert_int_equal(per[DSREG_CODE_AUTOPILOT], 8);
  assert_int_equal(per[DSREG_CODE_WIN32], 5);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lookup_known_codes),
      cmocka_unit_test(test_prefer_picks_context_row),
      cmocka_unit_test(test_hex_case_and_leading_zeros),
      cmocka_unit_test(test_negative_decimal),
      cmocka_unit_test(test_decimal_winhttp),
      cmocka_unit_test(test_server_code_prefix),
      cmocka_unit_test(test_server_code_needs_whole_token),
      cmocka_unit_test(test_unknown_codes),
      cmocka_unit_test(test_whitespace_and_length),
      cmocka_unit_test(test_every_reference_code_present),
      cmocka_unit_test(test_table_rows_are_well_formed),
      cmocka_unit_test(test_table_is_sorted),
      cmocka_unit_test(test_code_at_bounds),
      cmocka_unit_test(test_context_names),
      cmocka_unit_test(test_network_context_secure_failure),
      cmocka_unit_test(test_winhttp_family_decimal_and_hex),
      cmocka_unit_test(test_prt_account_statuses),
      cmocka_unit_test(test_aadsts_prt_and_wam_codes),
      cmocka_unit_test(test_aadsts90002_by_context),
      cmocka_unit_test(test_mdm_codes),
      cmocka_unit_test(test_autopilot_codes_by_context),
      cmocka_unit_test(test_tpm_codes),
      cmocka_unit_test(test_win32_logon_session_and_user),
      cmocka_unit_test(test_remedies_are_safe),
      cmocka_unit_test(test_table_size),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
