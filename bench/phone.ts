/**
 * The questionnaire on a cheap phone: Lighthouse's mobile run (simulated 4× slower CPU and a
 * slow 4G network) of the first view in sv, ar and ti, with its performance score, total
 * blocking time, first contentful paint and the main thread's style and layout time, beside a
 * static copy of the same bytes served by a plain server (the baseline). Then A/B variants of
 * that copy (the app's response headers replayed, one at a time taken away; the stylesheet's
 * suspects removed) to show what the served page pays for. Every variant is run in turn within
 * each round, so the machine's load falls on all of them alike. Not part of CI's pass/fail: the
 * numbers vary with the load. Needs Chromium (CHROME_PATH, default /usr/bin/chromium).
 * BENCH_PHONE_RUNS sets the rounds (default 3); BENCH_PHONE_AB names the languages that get the
 * whole A/B (default ti, the slowest; "none" for none): the others get the two baselines only.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import zlib from "node:zlib";
import { table } from "./support";

const LANGS = (process.env.BENCH_PHONE_LANGS ?? "sv,ar,ti").split(",");
const RUNS = Number(process.env.BENCH_PHONE_RUNS ?? 3);
const AB_LANGS = (process.env.BENCH_PHONE_AB ?? "ti").split(",");

type Run = { score: number; tbt: number; fcp: number; styleLayout: number; ttfb: number };

/** Lighthouse on every URL, round by round; the median run per URL (by score, then blocking time). */
async function lighthouseRuns(urls: string[], runs: number): Promise<Map<string, Run>> {
  const { default: lighthouse } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  });
  const all = new Map<string, Run[]>(urls.map((u) => [u, []]));
  try {
    for (let i = 0; i < runs; i++)
      for (const url of urls) {
        const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
        const lhr = result!.lhr;
        if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const breakdown = (lhr.audits["mainthread-work-breakdown"]?.details as { items?: { group: string; duration: number }[] } | undefined)?.items ?? [];
        const run: Run = {
          score: lhr.categories.performance?.score ?? 0,
          tbt: lhr.audits["total-blocking-time"]?.numericValue ?? NaN,
          fcp: lhr.audits["first-contentful-paint"]?.numericValue ?? NaN,
          styleLayout: breakdown.filter((b) => b.group === "styleLayout").reduce((s, b) => s + b.duration, 0),
          ttfb: lhr.audits["server-response-time"]?.numericValue ?? NaN,
        };
        all.get(url)!.push(run);
        // progress, for a run that takes long on a busy machine
        console.error(`phone: ${url} ${run.score.toFixed(2)} TBT ${Math.round(run.tbt)} FCP ${Math.round(run.fcp)} style ${Math.round(run.styleLayout)} load ${os.loadavg()[0]!.toFixed(1)}`);
      }
  } finally {
    chrome.kill();
  }
  return new Map([...all].map(([url, results]) => [url, results.sort((a, b) => b.score - a.score || a.tbt - b.tbt)[Math.floor(results.length / 2)]!]));
}

/** The served page as a browser gets it: its body and the headers that describe it rather than its transport. */
type Captured = { html: string; headers: [string, string][]; encoding: string | null };
const TRANSPORT = new Set(["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive", "date", "vary", "etag"]);

async function capture(url: string): Promise<Captured> {
  const response = await fetch(url, { headers: { "accept-encoding": "br, gzip" } });
  const headers = [...response.headers].filter(([name]) => !TRANSPORT.has(name));
  return { html: await response.text(), headers, encoding: response.headers.get("content-encoding") };
}

/** How a copy is served: which headers (beside Content-Type) and whether compressed as the app does. */
type Copy = { label: string; html: string; headers: [string, string][]; encoding: string | null; inTwoParts?: boolean };

const STYLESHEET_VARIANTS: [string, (html: string) => string][] = [
  ["without :has()", (html) => html.replace(/[^{}]*:has\([^{}]*\{[^}]*\}/g, "")],
  ["font chain system-ui, sans-serif", (html) => html.replace(/font-family:[^;}]*/, "font-family:system-ui,sans-serif")],
  // the same texts under another language tag: whether the language itself (line breaking, spelling) costs layout
  ["with <html lang=\"en\">", (html) => html.replace(/<html lang="[a-z]+"/, '<html lang="en"')],
];

/** Headers taken away one at a time (BENCH_PHONE_HEADERS=all: every one the app sends). */
const SUSPECT_HEADERS = ["content-security-policy", "cache-control", "cross-origin-opener-policy", "origin-agent-cluster"];

/** The A/B copies of one language's page. */
function copiesOf(page: Captured, full: boolean): Copy[] {
  const contentType: [string, string] = ["content-type", "text/html; charset=utf-8"];
  const copies: Copy[] = [
    { label: "static copy (baseline)", html: page.html, headers: [contentType], encoding: null },
    { label: "copy + every served header, compressed", html: page.html, headers: page.headers, encoding: page.encoding },
    // as the app sent it before issue 17: the head written before the rest
    { label: "static copy sent in two parts, 100 ms apart", html: page.html, headers: [contentType], encoding: null, inTwoParts: true },
  ];
  if (!full) return copies;
  for (const [name] of page.headers)
    if (name !== "content-type" && (process.env.BENCH_PHONE_HEADERS === "all" || SUSPECT_HEADERS.includes(name)))
      copies.push({ label: `  … without ${name}`, html: page.html, headers: page.headers.filter(([n]) => n !== name), encoding: page.encoding });
  copies.push({ label: "  … uncompressed", html: page.html, headers: page.headers, encoding: null });
  copies.push({ label: "static copy without the inline script", html: page.html.replace(/<script[^>]*>[^<]*<\/script>/g, ""), headers: [contentType], encoding: null });
  for (const [label, variant] of STYLESHEET_VARIANTS) copies.push({ label: `static copy ${label}`, html: variant(page.html), headers: [contentType], encoding: null });
  return copies;
}

function compress(html: string, encoding: string | null): Buffer {
  const raw = Buffer.from(html, "utf8");
  if (encoding === "br") return zlib.brotliCompressSync(raw);
  if (encoding === "gzip") return zlib.gzipSync(raw);
  return raw;
}

function serveCopies(copies: Map<string, Copy>): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    const copy = copies.get(req.url ?? "");
    if (!copy) return res.writeHead(404).end();
    if (copy.inTwoParts) {
      // as a streamed document arrives when the server writes its head before the rest
      res.writeHead(200, Object.fromEntries(copy.headers));
      const half = Buffer.from(copy.html, "utf8");
      res.write(half.subarray(0, half.length >> 1));
      setTimeout(() => res.end(half.subarray(half.length >> 1)), 100);
      return;
    }
    const body = compress(copy.html, copy.encoding);
    res.writeHead(200, Object.fromEntries([...copy.headers, ...(copy.encoding ? [["content-encoding", copy.encoding]] : []), ["content-length", String(body.length)]]));
    res.end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() })),
  );
}

const ms = (x: number) => `${Math.round(x)} ms`;
const goalMet = (r: Run) => r.score >= 1 && r.tbt < 50 && r.fcp < 1000;
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" / ");

export async function phone(base: string, code: string): Promise<string> {
  const pageUrl = (lang: string) => `${base}/s/${code}?lang=${lang}`;
  // the server answers 503 "Starting" until the app is loaded, which takes long on a busy machine
  for (let i = 0; i < 300 && (await fetch(pageUrl("sv"))).status === 503; i++) await new Promise((r) => setTimeout(r, 1000));

  const copies = new Map<string, Copy>();
  for (const lang of LANGS) copiesOf(await capture(pageUrl(lang)), AB_LANGS.includes(lang)).forEach((copy, i) => copies.set(`/${lang}/${i}`, copy));
  const server = await serveCopies(copies);
  const loadBefore = load();
  let runs: Map<string, Run>;
  try {
    runs = await lighthouseRuns([...LANGS.map(pageUrl), ...[...copies.keys()].map((p) => server.url + p)], RUNS);
  } finally {
    server.close();
  }
  const copyRun = (lang: string, i: number) => runs.get(`${server.url}/${lang}/${i}`)!;

  const rows = LANGS.map((lang) => {
    const r = runs.get(pageUrl(lang))!;
    const s = copyRun(lang, 0);
    return [lang, r.score.toFixed(2), ms(r.tbt), ms(r.fcp), ms(r.styleLayout), ms(r.ttfb), goalMet(r) ? "yes" : "NO", `${s.score.toFixed(2)} / ${ms(s.tbt)} / ${ms(s.fcp)}`];
  });
  const abRows = [...copies].map(([path, copy]) => {
    const [, lang, i] = path.split("/") as [string, string, string];
    const r = copyRun(lang, Number(i));
    return [lang, copy.label, r.score.toFixed(2), ms(r.tbt), ms(r.fcp), ms(r.styleLayout)];
  });
  return [
    table(
      `The questionnaire's first view, Lighthouse mobile (median of ${RUNS}; goal: score 1.00, TBT < 50 ms, FCP < 1 s; load average ${loadBefore} before, ${load()} after)`,
      ["language", "performance", "total blocking time", "first contentful paint", "style & layout (main thread)", "server response", "goal met", "static copy: score / TBT / FCP"],
      rows,
    ),
    table("A/B on copies of the page (same bytes; headers and stylesheet varied)", ["language", "copy", "performance", "TBT", "FCP", "style & layout"], abRows),
  ].join("\n");
}
