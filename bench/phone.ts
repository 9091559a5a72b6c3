/**
 * The questionnaire on a cheap phone: Lighthouse's mobile run (simulated 4× slower CPU and a
 * slow 4G network) of the first view in sv, ar and ti, with its performance score, total
 * blocking time, first contentful paint and the main thread's style and layout time. Then an
 * A/B of the stylesheet on copies of the ar and ti pages served as static files, to see what
 * the style and layout time is spent on. Not part of CI's pass/fail: the numbers vary with the
 * machine's load. Needs Chromium (CHROME_PATH, default /usr/bin/chromium).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { table } from "./support";

const LANGS = ["sv", "ar", "ti"] as const;
const RUNS = Number(process.env.BENCH_PHONE_RUNS ?? 3);

type Run = { score: number; tbt: number; fcp: number; styleLayout: number };

async function lighthouseRuns(urls: string[], runs: number): Promise<Map<string, Run>> {
  const { default: lighthouse } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  });
  const out = new Map<string, Run>();
  try {
    for (const url of urls) {
      const results: Run[] = [];
      for (let i = 0; i < runs; i++) {
        const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
        const lhr = result!.lhr;
        if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const breakdown = (lhr.audits["mainthread-work-breakdown"]?.details as { items?: { group: string; duration: number }[] } | undefined)?.items ?? [];
        results.push({
          score: lhr.categories.performance?.score ?? 0,
          tbt: lhr.audits["total-blocking-time"]?.numericValue ?? NaN,
          fcp: lhr.audits["first-contentful-paint"]?.numericValue ?? NaN,
          styleLayout: breakdown.filter((b) => b.group === "styleLayout").reduce((s, b) => s + b.duration, 0),
        });
      }
      // the median run by score, then by blocking time
      results.sort((a, b) => b.score - a.score || a.tbt - b.tbt);
      out.set(url, results[Math.floor(results.length / 2)]!);
    }
  } finally {
    chrome.kill();
  }
  return out;
}

/** Stylesheet variants of a page: as served, and without each suspect. */
const VARIANTS: [string, (html: string) => string][] = [
  ["as served", (html) => html],
  ["without :has()", (html) => html.replace(/[^{}]*:has\([^{}]*\{[^}]*\}/g, "")],
  ["font chain system-ui, sans-serif", (html) => html.replace(/font-family:[^;}]*/, "font-family:system-ui,sans-serif")],
];

function serveStatic(pages: Map<string, string>): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    const page = pages.get(req.url ?? "");
    res.writeHead(page ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" });
    res.end(page ?? "");
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() })),
  );
}

const ms = (x: number) => `${Math.round(x)} ms`;

export async function phone(base: string, code: string): Promise<string> {
  const pageUrl = (lang: string) => `${base}/s/${code}?lang=${lang}`;
  // the server answers 503 "Starting" until the app is loaded, which takes long on a busy machine
  for (let i = 0; i < 300 && (await fetch(pageUrl("sv"))).status === 503; i++) await new Promise((r) => setTimeout(r, 1000));
  const live = await lighthouseRuns(LANGS.map(pageUrl), RUNS);
  const rows = LANGS.map((lang) => {
    const r = live.get(pageUrl(lang))!;
    return [lang, r.score.toFixed(2), ms(r.tbt), ms(r.fcp), ms(r.styleLayout), r.score >= 1 && r.tbt < 50 && r.fcp < 1000 ? "yes" : "NO"];
  });

  const pages = new Map<string, string>();
  for (const lang of ["ar", "ti"]) {
    const html = await (await fetch(pageUrl(lang))).text();
    VARIANTS.forEach(([, variant], i) => pages.set(`/${lang}/${i}`, variant(html)));
  }
  const server = await serveStatic(pages);
  let ab: Map<string, Run>;
  try {
    ab = await lighthouseRuns([...pages.keys()].map((p) => server.url + p), Math.max(1, RUNS - 1));
  } finally {
    server.close();
  }
  const abRows = [...pages.keys()].map((p) => {
    const [, lang, i] = p.split("/") as [string, string, string];
    const r = ab.get(server.url + p)!;
    return [lang, VARIANTS[Number(i)]![0], r.score.toFixed(2), ms(r.tbt), ms(r.fcp), ms(r.styleLayout)];
  });
  return [
    table(
      `The questionnaire's first view, Lighthouse mobile (median of ${RUNS}; goal: score 1.00, TBT < 50 ms, FCP < 1 s)`,
      ["language", "performance", "total blocking time", "first contentful paint", "style & layout (main thread)", "goal met"],
      rows,
    ),
    table("Stylesheet A/B on static copies of the page (what style and layout time is spent on)", ["language", "stylesheet", "performance", "TBT", "FCP", "style & layout"], abRows),
  ].join("\n");
}
