#!/usr/bin/env node
// dashboard.test.js - dsregdiag --format html in headless Chromium.
//
//   node dashboard.test.js CHROMIUM PAGE.html EXPECTED.csv [SHOT.png]
//
// EXPECTED.csv is `dsregdiag --format csv --columns
// source,capture,device_name,verdict,root_cause,findings,errors,warnings,infos,
// cert_valid_to,error`
// of the same sources: the page must hold the rows the CSV holds, and
// its filters must leave exactly the rows the CSV says.  Prints one line a
// check and exits 1 when any failed.
"use strict";
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");

const [chromium, pageFile, csvFile, shot] = process.argv.slice(2);
if (!chromium || !pageFile || !csvFile) {
  console.error("usage: dashboard.test.js CHROMIUM PAGE.html EXPECTED.csv [SHOT.png]");
  process.exit(2);
}

// RFC 4180, as dsregdiag writes it (every field quoted, CRLF or LF).
function parseCsv(text) {
  const rows = [];
  let row = [], field = "", i = 0, quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ",") { row.push(field); field = ""; i++; continue; }
    if (c === "\r") { i++; continue; }
    if (c === "\n") { row.push(field); rows.push(row); row = []; field = ""; i++; continue; }
    field += c; i++;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  const head = rows.shift();
  return rows.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k]])));
}

// A CSV cell that a spreadsheet would take for a formula starts with '.
const unquote = (s) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);
const idOf = (source, capture) => source + "\u0000" + (capture || "");

let failed = 0;
let last = Date.now();
function check(name, ok, detail) {
  const now = Date.now();
  console.log((ok ? "ok   " : "FAIL ") + name + (ok || !detail ? "" : ": " + detail) +
    " (" + ((now - last) / 1000).toFixed(1) + " s)");
  last = now;
  if (!ok) failed++;
}

(async () => {
  // A CSV written with -o starts with a UTF-8 BOM, for Excel (README).
  const expected = parseCsv(fs.readFileSync(csvFile, "utf8").replace(/^\uFEFF/, ""))
    .map((r) => Object.assign(r, { source: unquote(r.source) }));
  const url = "file://" + path.resolve(pageFile);
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1000 });
    const problems = [];
    page.on("console", (m) => {
      if (m.type() === "error" || /Content.Security.Policy/i.test(m.text()))
        problems.push("console " + m.type() + ": " + m.text());
    });
    page.on("pageerror", (e) => problems.push("page error: " + e.message));
    page.on("dialog", async (d) => {
      problems.push("dialog: " + d.message());
      await d.dismiss();
    });
    page.on("request", (r) => {
      if (r.url() !== url) problems.push("request: " + r.url());
    });
    await page.evaluateOnNewDocument(() => {
      window.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        window.__csp.push(e.violatedDirective + " " + e.blockedURI));
    });
    await page.goto(url, { waitUntil: "load", timeout: 120000 });

    // The page as loaded.
    const csp = await page.evaluate(() => window.__csp);
    check("no CSP violation", csp.length === 0, csp.join("; "));
    const policy = await page.$eval('meta[http-equiv="Content-Security-Policy"]',
      (m) => m.content);
    check("CSP allows only hashed inline script and style",
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]{43}='; script-src 'sha256-[A-Za-z0-9+/]{43}=';/.test(policy),
      policy);
    const counter = await page.$eval("#f-count", (o) => o.textContent).catch(() => null);
    check("the script ran (filters built)", counter !== null, "no #f-count");

    const rows = await page.$$eval("#devices-table > tbody", (bs) => bs.map((b) => ({
      id: b.dataset.source + "\u0000" + (b.dataset.capture || ""),
      device: b.dataset.device,
      verdict: b.dataset.verdict,
      cause: b.dataset.cause,
      rules: b.dataset.rules ? b.dataset.rules.split(" ") : [],
      sevs: b.dataset.sevs ? b.dataset.sevs.split(" ") : [],
      cert: b.dataset.cert,
      failed: b.classList.contains("failed"),
    })));
    check("one table entry per CSV row", rows.length === expected.length,
      rows.length + " entries, " + expected.length + " CSV rows");
    const want = new Map(expected.map((r) =>
      [idOf(r.source, r.error ? "" : r.capture), r]));
    let mismatch = [];
    for (const r of rows) {
      const e = want.get(r.id);
      if (!e) { mismatch.push("unexpected " + r.id); continue; }
      if (r.failed !== !!e.error) mismatch.push(r.id + ": failed " + r.failed);
      if (!e.error && r.device !== unquote(e.device_name))
        mismatch.push(r.id + ": device " + JSON.stringify(r.device));
      if (!e.error && (r.verdict !== e.verdict || r.cause !== e.root_cause))
        mismatch.push(r.id + ": verdict " + r.verdict + ", root cause " + r.cause);
      const rules = [...new Set(e.findings ? e.findings.split(";") : [])].sort();
      if (rules.join(" ") !== [...r.rules].sort().join(" "))
        mismatch.push(r.id + ": rules " + r.rules.join(" "));
    }
    check("every entry matches its CSV row (device, verdict, root cause, findings)",
      mismatch.length === 0, mismatch.slice(0, 5).join("; "));
    check("counter says all shown", counter === rows.length + " of " + rows.length + " shown", counter);

    // The page as it opens, before anything is clicked.  1400 CSS pixels at
    // 0.7: small enough for the README as it is.
    if (shot) {
      await page.setViewport({ width: 1400, height: 1300, deviceScaleFactor: 0.7 });
      await page.screenshot({ path: shot, fullPage: false });
      await page.setViewport({ width: 1400, height: 1000 });
      console.log("screenshot: " + shot);
    }

    const visibleIds = () => page.$$eval("#devices-table > tbody",
      (bs) => bs.filter((b) => !b.hidden).map((b) =>
        b.dataset.source + "\u0000" + (b.dataset.capture || "")));
    const choose = (sel, value) => page.$eval(sel, (s, v) => {
      s.value = v;
      s.dispatchEvent(new Event("change"));
    }, value);

    // Filter by rule: the most and the least common rule.
    const byRule = new Map();
    for (const e of expected)
      for (const r of new Set(e.findings ? e.findings.split(";") : []))
        byRule.set(r, (byRule.get(r) || []).concat([idOf(e.source, e.capture)]));
    const ruleIds = [...byRule.keys()].sort((a, b) =>
      byRule.get(b).length - byRule.get(a).length || (a < b ? -1 : 1));
    for (const rule of [ruleIds[0], ruleIds[ruleIds.length - 1]]) {
      if (!rule) continue;
      await choose("#f-rule", rule);
      const got = (await visibleIds()).sort();
      const exp = byRule.get(rule).slice().sort();
      check("rule filter " + rule + " leaves exactly its " + exp.length + " devices",
        JSON.stringify(got) === JSON.stringify(exp), got.length + " shown");
    }
    await choose("#f-rule", "");

    // Filter by verdict: the library's, as the CSV has it.
    for (const verdict of ["broken", "attention", "ok"]) {
      await choose("#f-verdict", verdict);
      const got = (await visibleIds()).sort();
      const exp = expected.filter((e) => !e.error && e.verdict === verdict)
        .map((e) => idOf(e.source, e.capture)).sort();
      check("verdict filter " + verdict + " leaves exactly its " + exp.length + " devices",
        JSON.stringify(got) === JSON.stringify(exp), got.length + " shown");
    }
    await choose("#f-verdict", "");

    // Filter by severity.
    await choose("#f-sev", "error");
    const errs = expected.filter((e) => Number(e.errors) > 0)
      .map((e) => idOf(e.source, e.capture)).sort();
    const gotErr = (await visibleIds()).sort();
    check("severity filter error leaves the " + errs.length + " devices with an error",
      JSON.stringify(gotErr) === JSON.stringify(errs), gotErr.length + " shown");
    await choose("#f-sev", "");

    // Sort by certificate end, both ways; no certificate goes last.
    const certOrder = () => page.$$eval("#devices-table > tbody",
      (bs) => bs.map((b) => b.dataset.cert === undefined ? null : Number(b.dataset.cert)));
    const ordered = (v, dir) => {
      const known = v.filter((x) => x !== null);
      const firstNull = v.indexOf(null);
      if (firstNull >= 0 && v.slice(firstNull).some((x) => x !== null)) return false;
      return known.every((x, i) => i === 0 || dir * (x - known[i - 1]) >= 0);
    };
    await page.click('th[data-key="cert"] button');
    let v = await certOrder();
    check("sort by certificate end, ascending", ordered(v, 1) && v.length === rows.length);
    const csvCerts = expected.filter((e) => e.cert_valid_to).map((e) => Date.parse(e.cert_valid_to)).sort((a, b) => a - b);
    check("certificate ends are the CSV's", JSON.stringify(v.filter((x) => x !== null)) === JSON.stringify(csvCerts));
    await page.click('th[data-key="cert"] button');
    v = await certOrder();
    check("sort by certificate end, descending", ordered(v, -1));
    check("aria-sort follows", await page.$eval('th[data-key="cert"]', (t) => t.getAttribute("aria-sort")) === "descending");

    // Sort by verdict, worst first: BROKEN, ATTENTION, OK, failed sources.
    await page.click('th[data-key="vrank"] button');
    await page.click('th[data-key="vrank"] button');
    const ranks = await page.$$eval("#devices-table > tbody", (bs) => bs.map((b) => b.dataset.vrank));
    const known = ranks.filter((x) => x !== undefined && x !== "").map(Number);
    check("sort by verdict, worst first",
      known.every((x, i) => i === 0 || x <= known[i - 1]) &&
      ranks.slice(known.length).every((x) => x === undefined || x === ""));

    // The hostile device name, if the fleet has it, is text.
    const xss = "<img src=x onerror=alert(1)>";
    if (expected.some((e) => unquote(e.device_name) === xss)) {
      const names = await page.$$eval("td.dev summary", (s) => s.map((x) => x.textContent));
      check("XSS device name shows as text", names.includes(xss));
      await page.$$eval("td.dev summary", (s) => s.forEach((x) => x.textContent.startsWith("<img") && x.click()));
      await new Promise((r) => setTimeout(r, 200));
      check("no <img> element anywhere", (await page.$$("img")).length === 0);
    }

    // The detail opens in place.
    await page.click("td.dev details > summary");
    check("a device's detail opens in place", await page.$eval("td.dev details",
      (d) => d.open && /Findings/.test(d.textContent)));

    // Text filter.
    const firstDev = rows.find((r) => r.device && !r.failed);
    if (firstDev) {
      await page.$eval("#f-text", (t, q) => { t.value = q; t.dispatchEvent(new Event("input")); }, firstDev.device);
      const got = await visibleIds();
      const exp = rows.filter((r) => (r.device + " " + r.id).toLowerCase().includes(firstDev.device.toLowerCase()));
      check("text filter finds the device", got.includes(firstDev.id) && got.length >= 1 && got.length <= rows.length, got.length + " shown");
      await page.$eval("#f-text", (t) => { t.value = ""; t.dispatchEvent(new Event("input")); });
    }

    check("no console error, page error, dialog or request", problems.length === 0,
      problems.slice(0, 5).join("; "));

    // Scripting off: everything is there, nothing is built.
    const off = await browser.newPage();
    await off.setJavaScriptEnabled(false);
    await off.goto(url, { waitUntil: "load", timeout: 120000 });
    const n = await off.$$eval("#devices-table > tbody", (b) => b.length);
    const built = await off.$$eval("#controls > *", (c) => c.length);
    const details = await off.$$eval("td.dev details", (d) => d.length);
    check("scripting off: every entry and detail is in the page",
      n === rows.length && details === rows.filter((r) => !r.failed).length && built === 0,
      n + " entries, " + details + " details, " + built + " controls");
    await off.close();
  } finally {
    await browser.close();
  }
  console.log(failed ? failed + " check(s) failed" : "all checks passed");
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
