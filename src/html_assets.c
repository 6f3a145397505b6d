/*
 * html_assets.c - the page's one style sheet and one script, and the
 * Content-Security-Policy that names them by hash.
 *
 * Both are constants, kept as arrays of lines (one literal each, left
 * alone by clang-format) because ISO C promises string literals of only
 * 4095 bytes.  The hash is of the lines joined, which is exactly what the
 * page carries between <style> and </style>, <script> and </script>: change
 * a byte and the hash follows by itself.
 */
#include "html_assets.h"

#include <string.h>

#include "sha256.h"

/* Colours and layout; no url(), @import or font: the page loads nothing. */
// clang-format off
static const char *const STYLE[] = {
    ":root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--panel:#f6f8fa;--err:#b42318;--warn:#a15c00;--info:#175cd3;--ok:#067647;--bar:#3e6fb0}\n",
    "*{box-sizing:border-box}\n",
    "body{margin:0;font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:var(--fg);background:#fff}\n",
    "header.top{padding:14px 24px;background:#0b3a66;color:#fff}\n",
    "header.top h1{margin:0;font-size:20px;font-weight:600}\n",
    "header.top p{margin:4px 0 0}\n",
    "header.top a{color:#cfe3ff}\n",
    "main{display:flex;flex-direction:column;padding:0 24px 24px}\n",
    "#summary{order:-1}\n",
    "h2{font-size:17px;margin:22px 0 8px}\n",
    ".figures{display:flex;flex-wrap:wrap;gap:10px;margin:0}\n",
    ".figures div{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:6px 14px;min-width:8em}\n",
    ".figures dt{font-size:12px;color:var(--muted)}\n",
    ".figures dd{margin:0;font-size:20px;font-weight:600;font-variant-numeric:tabular-nums}\n",
    ".figures dd.when{font-size:14px;font-weight:500}\n",
    ".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(600px,100%),1fr));gap:14px;margin-top:14px;align-items:start}\n",
    "figure.chart{margin:0;border:1px solid var(--line);border-radius:6px;padding:10px 12px}\n",
    "figure.chart figcaption{font-weight:600;margin-bottom:4px}\n",
    "figure.chart svg{display:block;max-width:100%;height:auto}\n",
    "svg text{font:11px system-ui,-apple-system,\"Segoe UI\",sans-serif;fill:var(--fg)}\n",
    "svg text.n{fill:var(--muted)}\n",
    "svg line{stroke:var(--line)}\n",
    ".bar{fill:var(--bar)}\n",
    ".bar.error,.bar.broken,.bar.expired{fill:var(--err)}\n",
    ".bar.warning,.bar.attention,.bar.soon{fill:var(--warn)}\n",
    ".bar.info{fill:var(--info)}\n",
    ".bar.ok{fill:var(--ok)}\n",
    ".bar.none{fill:#98a2b3}\n",
    "figure.chart details{margin-top:4px;font-size:12px}\n",
    "figure.chart summary{cursor:pointer;color:var(--muted)}\n",
    "table.alt{border-collapse:collapse;font-size:12px;margin-top:4px}\n",
    "table.alt th,table.alt td{border-bottom:1px solid var(--line);padding:1px 8px;text-align:left;font-weight:normal}\n",
    "table.alt td{text-align:right;font-variant-numeric:tabular-nums}\n",
    "#controls{display:flex;flex-wrap:wrap;gap:10px;align-items:end;margin:6px 0 10px}\n",
    "#controls label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}\n",
    "#controls input,#controls select{font:inherit;padding:3px 6px;color:var(--fg)}\n",
    "#controls output{font-size:13px;color:var(--muted);padding-bottom:4px}\n",
    "table.devices{border-collapse:collapse;width:100%}\n",
    "table.devices th{position:sticky;top:0;z-index:1;background:var(--panel);text-align:left;border-bottom:2px solid var(--line);padding:6px 8px;font-size:13px;white-space:nowrap}\n",
    "table.devices th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}\n",
    "table.devices th[aria-sort=ascending] button::after{content:\" \\25B2\"}\n",
    "table.devices th[aria-sort=descending] button::after{content:\" \\25BC\"}\n",
    "table.devices td{border-bottom:1px solid var(--line);padding:5px 8px;vertical-align:top}\n",
    "table.devices tbody:hover td{background:#f8fafc}\n",
    "td.dev summary{cursor:pointer;font-weight:600;overflow-wrap:anywhere}\n",
    "td.dev details[open]{min-width:min(40em,48vw)}\n",
    ".detail{font-weight:normal;margin:8px 0 4px}\n",
    ".detail h3{font-size:13px;margin:10px 0 4px}\n",
    ".detail dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}\n",
    ".detail dt{color:var(--muted)}\n",
    ".detail dd{margin:0;overflow-wrap:anywhere}\n",
    ".findings{margin:0;padding-left:1.3em}\n",
    ".findings li{margin:0 0 8px}\n",
    ".findings p{margin:2px 0}\n",
    ".sev{display:inline-block;border-radius:3px;padding:0 5px;font-size:11px;font-weight:700;color:#fff;text-transform:uppercase}\n",
    ".sev.error{background:var(--err)}\n",
    ".sev.warning{background:var(--warn)}\n",
    ".sev.info{background:var(--info)}\n",
    ".rule,.chip{font-family:ui-monospace,Consolas,monospace}\n",
    ".rule{font-size:12px}\n",
    ".chips{display:flex;flex-wrap:wrap;gap:3px}\n",
    ".chip{font-size:11px;border-radius:3px;padding:0 4px;border:1px solid var(--line);white-space:nowrap}\n",
    ".chip.error{border-color:var(--err);color:var(--err)}\n",
    ".chip.warning{border-color:var(--warn);color:var(--warn)}\n",
    ".chip.info{border-color:var(--info);color:var(--info)}\n",
    ".verdict{font-weight:700;white-space:nowrap}\n",
    ".verdict.ok{color:var(--ok)}\n",
    ".verdict.attention{color:var(--warn)}\n",
    ".verdict.broken{color:var(--err)}\n",
    ".muted{color:var(--muted)}\n",
    ".nowrap{white-space:nowrap;font-variant-numeric:tabular-nums}\n",
    "td.src{font-size:12px;color:var(--muted);overflow-wrap:anywhere}\n",
    "tbody.failed td{background:#fff4f2}\n",
    "@media print{header.top{background:none;color:#000}#controls{display:none}table.devices th{position:static}}\n"};
// clang-format on

/* Sorting and filtering only: the page shows everything without it.  It
 * reads the data-* attributes of each <tbody> and the JSON data block, and
 * never writes HTML (textContent, Option and attributes only). */
// clang-format off
static const char *const SCRIPT[] = {
    "(function () {\n",
    "  \"use strict\";\n",
    "  var table = document.getElementById(\"devices-table\");\n",
    "  var data = document.getElementById(\"dsreg-data\");\n",
    "  var controls = document.getElementById(\"controls\");\n",
    "  if (!table || !data || !controls) return;\n",
    "  data = JSON.parse(data.textContent);\n",
    "  var items = Array.prototype.map.call(table.tBodies, function (b, i) {\n",
    "    var d = b.dataset;\n",
    "    return { b: b, i: i, hay: [d.device, d.source, d.join, d.verdict,\n",
    "      d.cause, d.rules].join(\" \").toLowerCase() };\n",
    "  });\n",
    "  function add(label, input) {\n",
    "    var l = document.createElement(\"label\");\n",
    "    l.appendChild(document.createTextNode(label));\n",
    "    l.appendChild(input);\n",
    "    controls.appendChild(l);\n",
    "    input.addEventListener(input.tagName === \"INPUT\" ? \"input\" : \"change\", apply);\n",
    "    return input;\n",
    "  }\n",
    "  function choice(id, label, list) {\n",
    "    var s = document.createElement(\"select\");\n",
    "    s.id = id;\n",
    "    s.add(new Option(\"all\", \"\"));\n",
    "    list.forEach(function (o) { s.add(new Option(o[1], o[0])); });\n",
    "    return add(label, s);\n",
    "  }\n",
    "  var text = document.createElement(\"input\");\n",
    "  text.type = \"search\";\n",
    "  text.id = \"f-text\";\n",
    "  text.placeholder = \"device, source, rule\";\n",
    "  add(\"Search\", text);\n",
    "  var join = choice(\"f-join\", \"Join type\", data.joins.map(function (j) {\n",
    "    return [j.id, j.title + \" (\" + j.count + \")\"];\n",
    "  }));\n",
    "  var verdict = choice(\"f-verdict\", \"Verdict\", data.verdicts.map(function (v) {\n",
    "    return [v.id, v.title + \" (\" + v.count + \")\"];\n",
    "  }));\n",
    "  var rule = choice(\"f-rule\", \"Rule\", data.rules.map(function (r) {\n",
    "    return [r.id, r.id + \" (\" + r.devices + \")\"];\n",
    "  }));\n",
    "  var sev = choice(\"f-sev\", \"Severity\", [[\"error\", \"error\"],\n",
    "    [\"warning\", \"warning\"], [\"info\", \"info\"]]);\n",
    "  var count = document.createElement(\"output\");\n",
    "  count.id = \"f-count\";\n",
    "  count.setAttribute(\"aria-live\", \"polite\");\n",
    "  controls.appendChild(count);\n",
    "  function has(list, v) {\n",
    "    return (\" \" + (list || \"\") + \" \").indexOf(\" \" + v + \" \") >= 0;\n",
    "  }\n",
    "  function apply() {\n",
    "    var q = text.value.trim().toLowerCase(), shown = 0;\n",
    "    items.forEach(function (it) {\n",
    "      var d = it.b.dataset;\n",
    "      var ok = (!join.value || d.join === join.value) &&\n",
    "        (!verdict.value || d.verdict === verdict.value) &&\n",
    "        (!rule.value || has(d.rules, rule.value)) &&\n",
    "        (!sev.value || has(d.sevs, sev.value)) &&\n",
    "        (!q || it.hay.indexOf(q) >= 0);\n",
    "      it.b.hidden = !ok;\n",
    "      if (ok) shown++;\n",
    "    });\n",
    "    count.value = shown + \" of \" + items.length + \" shown\";\n",
    "  }\n",
    "  var numeric = { findings: 1, cert: 1, prt: 1, vrank: 1 };\n",
    "  function key(it, k) {\n",
    "    var v = it.b.dataset[k];\n",
    "    if (v === undefined || v === \"\") return null;\n",
    "    return numeric[k] ? Number(v) : v.toLowerCase();\n",
    "  }\n",
    "  var heads = table.tHead.rows[0].cells;\n",
    "  Array.prototype.forEach.call(heads, function (th) {\n",
    "    var k = th.dataset.key;\n",
    "    if (!k) return;\n",
    "    var btn = document.createElement(\"button\");\n",
    "    btn.type = \"button\";\n",
    "    while (th.firstChild) btn.appendChild(th.firstChild);\n",
    "    th.appendChild(btn);\n",
    "    btn.addEventListener(\"click\", function () {\n",
    "      var dir = th.getAttribute(\"aria-sort\") === \"ascending\" ? -1 : 1;\n",
    "      Array.prototype.forEach.call(heads, function (h) {\n",
    "        h.removeAttribute(\"aria-sort\");\n",
    "      });\n",
    "      th.setAttribute(\"aria-sort\", dir > 0 ? \"ascending\" : \"descending\");\n",
    "      items.sort(function (a, b) {\n",
    "        var x = key(a, k), y = key(b, k);\n",
    "        if (x === null || y === null)\n",
    "          return x === y ? a.i - b.i : x === null ? 1 : -1;\n",
    "        if (x < y) return -dir;\n",
    "        if (x > y) return dir;\n",
    "        return a.i - b.i;\n",
    "      });\n",
    "      var frag = document.createDocumentFragment();\n",
    "      items.forEach(function (it) { frag.appendChild(it.b); });\n",
    "      table.appendChild(frag);\n",
    "    });\n",
    "  });\n",
    "  apply();\n",
    "})();\n"};
// clang-format on

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void put_lines(dsreg_buf *b, const char *const *lines, size_t n) {
  for (size_t i = 0; i < n; i++)
    dsreg_buf_puts(b, lines[i]);
}

void dsreg_html_put_style(dsreg_buf *b) { put_lines(b, STYLE, COUNT(STYLE)); }

void dsreg_html_put_script(dsreg_buf *b) {
  put_lines(b, SCRIPT, COUNT(SCRIPT));
}

/* 'sha256-' + base64 of the digest of the joined lines. */
static void source_hash(const char *const *lines, size_t n, char out[52]) {
  dsreg_sha256_ctx c;
  unsigned char d[32];
  dsreg_sha256_init(&c);
  for (size_t i = 0; i < n; i++)
    dsreg_sha256_feed(&c, lines[i], strlen(lines[i]));
  dsreg_sha256_finish(&c, d);
  char b64[45];
  dsreg_base64(d, sizeof d, b64);
  dsreg_fit(out, 52, "sha256-%s", b64);
}

const char *dsreg_html_csp(void) {
  static char csp[256];
  if (!csp[0]) {
    char style[52], script[52];
    source_hash(STYLE, COUNT(STYLE), style);
    source_hash(SCRIPT, COUNT(SCRIPT), script);
    /* base-uri and form-action do not fall back to default-src. */
    dsreg_fit(csp, sizeof csp,
              "default-src 'none'; style-src '%s'; script-src '%s'; "
              "base-uri 'none'; form-action 'none'",
              style, script);
  }
  return csp;
}
