/*
 * test_tokenize.c - classification of single lines (src/tokenize.h), one
 * test per line kind of docs/format.md §3, with the exact key and value.
 *
 * The tokenizer is where peer tools went wrong: splitting at
 * the first ':' instead of the first " : ", letting white space run past
 * the end of the line, and taking prompts or the footer for fields.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "tokenize.h"

static dsreg_token tok(const char *line) {
  dsreg_token t;
  /* Poison first, so that a member the tokenizer forgets to set shows. */
  memset(&t, 0xA5, sizeof t);
  dsreg_tokenize(line, strlen(line), &t);
  return t;
}

static void assert_text(const char *p, size_t n, const char *expect) {
  assert_non_null(p);
  assert_int_equal(n, strlen(expect));
  assert_memory_equal(p, expect, n);
}

static void assert_field(const char *line, const char *key, const char *value,
                         int old_layout) {
  dsreg_token t = tok(line);
  assert_int_equal(t.kind, DSREG_LINE_FIELD);
  assert_text(t.text, t.text_len, key);
  assert_text(t.value, t.value_len, value);
  assert_int_equal(t.old_layout, old_layout);
}

static void assert_kind(const char *line, dsreg_line_kind kind,
                        const char *text) {
  dsreg_token t = tok(line);
  assert_int_equal(t.kind, kind);
  assert_text(t.text, t.text_len, text);
  assert_null(t.value);
  assert_int_equal(t.value_len, 0);
}

/* ---- fields ----------------------------------------------------------- */

static void test_field_current_layout(void **state) {
  (void)state;
  assert_field("             AzureAdJoined : YES", "AzureAdJoined", "YES", 0);
  assert_field(" DeviceCertificateValidity : [ 2025-03-09 10:23:00.000 UTC -- "
               "2035-03-09 11:53:00.000 UTC ]",
               "DeviceCertificateValidity",
               "[ 2025-03-09 10:23:00.000 UTC -- 2035-03-09 11:53:00.000 UTC ]",
               0);
  /* The indent is the key column padding that was skipped. */
  dsreg_token t = tok("             AzureAdJoined : YES");
  assert_int_equal(t.indent, 13);
  /* 1803 layout: same separator, narrower column. */
  assert_field("          AzureAdJoined : NO", "AzureAdJoined", "NO", 0);
  /* Whitespace-collapsed copy with a tab indent and a trailing blank. */
  assert_field("\tDomainName : ADFOREST4 ", "DomainName", "ADFOREST4", 0);
}

static void test_field_empty_values(void **state) {
  (void)state;
  assert_field("                    MdmUrl :", "MdmUrl", "", 0);
  assert_field("    Auto-Configuration URL : ", "Auto-Configuration URL", "",
               0);
  assert_field("AzureAdPrtAuthority :  ", "AzureAdPrtAuthority", "", 0);
  /* Trailing CR of a CRLF line the splitter did not eat is white space. */
  assert_field("    EnterprisePrtAuthority :\r", "EnterprisePrtAuthority", "",
               0);
}

static void test_field_value_with_colons(void **state) {
  (void)state;
  assert_field("               AuthCodeUrl : https://login.microsoftonline.com/"
               "d10f84e2-ba05-45c0-90b7-994f1fafa537/oauth2/authorize",
               "AuthCodeUrl",
               "https://login.microsoftonline.com/"
               "d10f84e2-ba05-45c0-90b7-994f1fafa537/oauth2/authorize",
               0);
  assert_field("  Server Error Description : AADSTS50126: Error validating "
               "credentials due to invalid username or password.",
               "Server Error Description",
               "AADSTS50126: Error validating credentials due to invalid "
               "username or password.",
               0);
  assert_field("      AzureAdPrtUpdateTime : 2025-03-09 11:00:27.000 UTC",
               "AzureAdPrtUpdateTime", "2025-03-09 11:00:27.000 UTC", 0);
  assert_field("    EnterprisePrtAuthority : https://fs.contoso.com:443/adfs",
               "EnterprisePrtAuthority", "https://fs.contoso.com:443/adfs", 0);
  assert_field("                 JoinSrvId : "
               "urn:ms-drs:enterpriseregistration.windows.net",
               "JoinSrvId", "urn:ms-drs:enterpriseregistration.windows.net", 0);
  /* Only the first " : " splits; a later one belongs to the value. */
  assert_field("    Note : a : b", "Note", "a : b", 0);
  /* Backslashes and commas are plain value characters. */
  assert_field("    Executing Account Name : AzureAD\\INEUser, user@x.com",
               "Executing Account Name", "AzureAD\\INEUser, user@x.com", 0);
}

static void test_field_label_with_own_colon(void **state) {
  (void)state;
  assert_field("           KeySignTest: : PASSED", "KeySignTest", "PASSED", 0);
  assert_field("     KeySignTest: : MUST Run elevated to test.", "KeySignTest",
               "MUST Run elevated to test.", 0);
}

static void test_field_old_layout(void **state) {
  (void)state;
  assert_field("    AzureAdJoined: YES", "AzureAdJoined", "YES", 1);
  assert_field("WamDefaultAuthority: organizations", "WamDefaultAuthority",
               "organizations", 1);
  assert_field("        AadRecoveryEnabled: NO", "AadRecoveryEnabled", "NO", 1);
  /* Old layout with a URL value: the first colon is the separator. */
  assert_field("      AuthCodeUrl: https://login.microsoftonline.com/x",
               "AuthCodeUrl", "https://login.microsoftonline.com/x", 1);
  /* Old layout, empty value. */
  assert_field("  dmComplianceUrl:", "dmComplianceUrl", "", 1);
}

static void test_field_keys_with_spaces_and_punctuation(void **state) {
  (void)state;
  assert_field("    Auto-Configuration URL : http://wpad/wpad.dat",
               "Auto-Configuration URL", "http://wpad/wpad.dat", 0);
  assert_field("    Token acquisition Test : SKIPPED", "Token acquisition Test",
               "SKIPPED", 0);
  assert_field("     Fallback to Sync-Join : ENABLED", "Fallback to Sync-Join",
               "ENABLED", 0);
  assert_field("      Last HostName Update : NONE", "Last HostName Update",
               "NONE", 0);
  assert_field("               HTTP status : 400", "HTTP status", "400", 0);
}

/* ---- boxes ------------------------------------------------------------ */

static void test_box_rule(void **state) {
  (void)state;
  static const char rule[] = "+------------------------------------------------"
                             "----------------------+";
  assert_int_equal(strlen(rule), 72);
  assert_kind(rule, DSREG_LINE_RULE, rule);
  /* Trailing spaces (corpus 04, 16) and indentation (corpus 06). */
  assert_kind(
      "+----------------------------------------------------------------"
      "------+  ",
      DSREG_LINE_RULE, rule);
  assert_kind(
      "    +------------------------------------------------------------"
      "----------+",
      DSREG_LINE_RULE, rule);
  /* Any width from five characters. */
  assert_kind("+---+", DSREG_LINE_RULE, "+---+");
  /* Not rules: too short, or a foreign character inside. */
  assert_int_equal(tok("+--+").kind, DSREG_LINE_OTHER);
  assert_int_equal(tok("+--=--+").kind, DSREG_LINE_OTHER);
}

static void test_box_title(void **state) {
  (void)state;
  static const char t72[] = "| Device State                                  "
                            "                       |";
  static const char t73[] = "| Diagnostic Data                               "
                            "                        |";
  assert_int_equal(strlen(t72), 72);
  assert_int_equal(strlen(t73), 73);
  assert_kind(t72, DSREG_LINE_TITLE, "Device State");
  /* The documentation's 73-column title trims the same way. */
  assert_kind(t73, DSREG_LINE_TITLE, "Diagnostic Data");
  /* No closing pipe. */
  assert_kind("| Work Account 2", DSREG_LINE_TITLE, "Work Account 2");
  /* Indented and padded with trailing blanks. */
  assert_kind("  | SSO State |   ", DSREG_LINE_TITLE, "SSO State");
}

/* ---- non-field lines -------------------------------------------------- */

static void test_footer(void **state) {
  (void)state;
  /* It has a colon (https:) but is no field. */
  assert_kind(
      "For more information, please visit https://www.microsoft.com/aadjerrors",
      DSREG_LINE_FOOTER,
      "For more information, please visit "
      "https://www.microsoft.com/aadjerrors");
}

static void test_prompts(void **state) {
  (void)state;
  assert_kind("PS C:\\Windows\\system32> dsregcmd /status", DSREG_LINE_PROMPT,
              "PS C:\\Windows\\system32> dsregcmd /status");
  /* The trailing prompt, with its blank after '>'. */
  assert_kind("PS C:\\Users\\rcmlabmaster> ", DSREG_LINE_PROMPT,
              "PS C:\\Users\\rcmlabmaster>");
  assert_kind("C:\\WINDOWS\\system32>dsregcmd /status", DSREG_LINE_PROMPT,
              "C:\\WINDOWS\\system32>dsregcmd /status");
  assert_kind("C:\\WINDOWS\\system32>", DSREG_LINE_PROMPT,
              "C:\\WINDOWS\\system32>");
}

static void test_progress_line(void **state) {
  (void)state;
  assert_kind("Waiting for Diagnostics Task to complete. This could take a few "
              "minutes...",
              DSREG_LINE_PROGRESS,
              "Waiting for Diagnostics Task to complete. This could take a few "
              "minutes...");
}

static void test_code_fence(void **state) {
  (void)state;
  assert_kind("```", DSREG_LINE_FENCE, "```");
  assert_kind("```text", DSREG_LINE_FENCE, "```text");
  assert_kind("  ``` ", DSREG_LINE_FENCE, "```");
}

static void test_other_lines(void **state) {
  (void)state;
  /* The console-wrapped tail of "Auto Detect PAC Status" (corpus 05): its
   * "code:" must not make it an old-layout field with key "sing WPAD. code".
   */
  assert_kind("sing WPAD. code: 0x80072f94", DSREG_LINE_OTHER,
              "sing WPAD. code: 0x80072f94");
  /* PowerShell banner lines (corpus 07), one with a URL. */
  assert_kind("Installa la versione pi\xC3\xB9 recente di PowerShell per nuove "
              "funzionalit\xC3\xA0 e miglioramenti. https://aka.ms/PSWindows",
              DSREG_LINE_OTHER,
              "Installa la versione pi\xC3\xB9 recente di PowerShell per nuove "
              "funzionalit\xC3\xA0 e miglioramenti. https://aka.ms/PSWindows");
  assert_kind("Windows PowerShell", DSREG_LINE_OTHER, "Windows PowerShell");
  /* A log stamp with colons in the time (multi_capture.log). */
  assert_kind("==== 2025-03-02 08:00:01 ====", DSREG_LINE_OTHER,
              "==== 2025-03-02 08:00:01 ====");
  /* A key that does not start with a letter. */
  assert_kind("1st : x", DSREG_LINE_OTHER, "1st : x");
  /* A line that is only a colon. */
  assert_kind(" : YES", DSREG_LINE_OTHER, ": YES");
}

static void test_blank_lines(void **state) {
  (void)state;
  assert_int_equal(tok("").kind, DSREG_LINE_BLANK);
  /* The 93-space line after the progress line (corpus 05). */
  char spaces[94];
  memset(spaces, ' ', 93);
  spaces[93] = '\0';
  dsreg_token t = tok(spaces);
  assert_int_equal(t.kind, DSREG_LINE_BLANK);
  assert_int_equal(t.text_len, 0);
  assert_int_equal(tok(" \t \r").kind, DSREG_LINE_BLANK);
  /* A BOM and nothing else. */
  assert_int_equal(tok("\xEF\xBB\xBF").kind, DSREG_LINE_BLANK);
}

static void test_leading_bom(void **state) {
  (void)state;
  /* A file concatenated after another keeps its BOM at a line start. */
  assert_kind("\xEF\xBB\xBF+-----+", DSREG_LINE_RULE, "+-----+");
  assert_kind("\xEF\xBB\xBF| Device State |", DSREG_LINE_TITLE, "Device State");
  assert_field("\xEF\xBB\xBF   AzureAdJoined : YES", "AzureAdJoined", "YES", 0);
  /* The BOM counts as skipped indentation. */
  assert_int_equal(tok("\xEF\xBB\xBF  AzureAdJoined : YES").indent, 5);
}

/* The token points into the line: no copy, no allocation. */
static void test_token_points_into_line(void **state) {
  (void)state;
  static const char line[] = "   TenantName : Contoso";
  dsreg_token t;
  dsreg_tokenize(line, sizeof line - 1, &t);
  assert_ptr_equal(t.text, line + 3);
  assert_ptr_equal(t.value, line + 16);
  /* Only `len` bytes are read: a line need not be NUL-terminated. */
  dsreg_tokenize("DomainName : RCMLABxxxx", 19, &t);
  assert_int_equal(t.kind, DSREG_LINE_FIELD);
  assert_text(t.value, t.value_len, "RCMLAB");
}

/* White space is trimmed eight bytes at a time where the machine allows
 * (and byte by byte in the test_tokenize_bytewise build): every run of 0 to
 * 19 spaces before and after, with a tab, CR, form feed or vertical tab at
 * each place in or next to the run, must trim exactly as a byte loop does. */
static void test_trim_every_run_length(void **state) {
  (void)state;
  static const char odd[] = {'\t', '\r', '\f', '\v'};
  char line[128];
  for (int lead = 0; lead < 20; lead++)
    for (int trail = 0; trail < 20; trail++)
      for (int at = -1; at <= lead + trail; at++)
        for (size_t o = 0; o < sizeof odd; o++) {
          size_t n = 0;
          for (int i = 0; i < lead; i++)
            line[n++] = ' ';
          memcpy(line + n, "Key : Value", 11);
          n += 11;
          for (int i = 0; i < trail; i++)
            line[n++] = ' ';
          /* one odd white space byte among the spaces, or none (at -1) */
          if (at >= 0 && at < lead)
            line[at] = odd[o];
          else if (at >= lead && at < lead + trail)
            line[lead + 11 + (at - lead)] = odd[o];
          dsreg_token t;
          dsreg_tokenize(line, n, &t);
          assert_int_equal(t.kind, DSREG_LINE_FIELD);
          assert_int_equal(t.indent, (size_t)lead);
          assert_text(t.text, t.text_len, "Key");
          assert_text(t.value, t.value_len, "Value");
          if (at < 0)
            break; /* the same line for every odd byte */
        }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_field_current_layout),
      cmocka_unit_test(test_field_empty_values),
      cmocka_unit_test(test_field_value_with_colons),
      cmocka_unit_test(test_field_label_with_own_colon),
      cmocka_unit_test(test_field_old_layout),
      cmocka_unit_test(test_field_keys_with_spaces_and_punctuation),
      cmocka_unit_test(test_box_rule),
      cmocka_unit_test(test_box_title),
      cmocka_unit_test(test_footer),
      cmocka_unit_test(test_prompts),
      cmocka_unit_test(test_progress_line),
      cmocka_unit_test(test_code_fence),
      cmocka_unit_test(test_other_lines),
      cmocka_unit_test(test_blank_lines),
      cmocka_unit_test(test_leading_bom),
      cmocka_unit_test(test_token_points_into_line),
      cmocka_unit_test(test_trim_every_run_length),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
