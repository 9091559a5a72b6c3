/**
 * The monthly review printed to A4 after it was looked at on a wide screen (the walk-through of
 * 2026-11-28): chart.js had sized the trend chart's canvas for the screen, so on paper it ran
 * over the table of released blocks below it and past the page's right edge (the last month cut off).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "./support/fixtures";
import { STAFF } from "./support/accounts";
import { login } from "./support/login";
import { printToPdf } from "./support/pdf";
import { expectCanvasDrawn, runOnE2eDatabase } from "./support/run";

const REVIEW = "/admin/results?survey=brukarenkat&month=2025-03"; // tests/e2e/support/seed-results.ts
const DPI = 50;
// the report's @page margins (app/styles/staff.css): 14 mm top and bottom, 12 mm left and right
const SIDE_MM = 12;

test.beforeAll(() => {
  runOnE2eDatabase("tests/e2e/support/seed-results.ts");
});

// the test draws a magenta outline just inside the trend chart's canvas, so the printed pages
// show exactly where the chart's box went
const MARK = "#ff00ff";
const isMark = (r: number, g: number, b: number) => r > 200 && g < 80 && b > 200;

/** Where the chart's box landed on paper (millimetres), and where the table under it starts (its header's first word). */
function printedChart(pdf: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-print-"));
  try {
    fs.writeFileSync(path.join(dir, "review.pdf"), pdf);
    execFileSync("pdftoppm", ["-r", String(DPI), path.join(dir, "review.pdf"), path.join(dir, "page")]);
    const pxPerMm = DPI / 25.4;
    for (const f of fs.readdirSync(dir).filter((name) => name.endsWith(".ppm")).sort()) {
      const data = fs.readFileSync(path.join(dir, f));
      const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString("latin1"))!;
      const [width, height] = [Number(header[1]), Number(header[2])];
      const px = data.subarray(header[0].length);
      let [left, right, top, bottom] = [width, -1, height, -1];
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 3;
          if (!isMark(px[i]!, px[i + 1]!, px[i + 2]!)) continue;
          [left, right, top, bottom] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y)];
        }
      if (right < 0) continue;
      const n = f.match(/(\d+)\.ppm$/)![1]!;
      const words = execFileSync("pdftotext", ["-bbox", "-f", n, "-l", n, path.join(dir, "review.pdf"), "-"]).toString("utf8");
      const tops = [...words.matchAll(/yMin="([\d.]+)"[^>]*>Släppt</g)].map((m) => (Number(m[1]) * 25.4) / 72);
      const mm = (n: number) => Math.round((n / pxPerMm) * 10) / 10;
      const tableTop = Math.min(...tops.filter((y) => y > mm(top)));
      return { page: f, pageWidth: mm(width), left: mm(left), right: mm(right + 1), top: mm(top), bottom: mm(bottom + 1), height: mm(bottom + 1 - top), tableTop };
    }
    throw new Error("no page shows the trend chart");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The chart's box on paper: inside the printable width and filling it, 6 cm high as the print CSS says (not shrunk), its table below it, not under it. */
function expectChartFitsPage(chart: ReturnType<typeof printedChart>) {
  const where = JSON.stringify(chart);
  expect(chart.pageWidth, where).toBeCloseTo(210, -0.5);
  expect(chart.left, where).toBeGreaterThanOrEqual(SIDE_MM - 1);
  expect(chart.right, where).toBeLessThanOrEqual(210 - SIDE_MM + 1);
  expect(chart.right - chart.left, where).toBeGreaterThanOrEqual(210 - 2 * SIDE_MM - 3);
  expect(chart.height, where).toBeGreaterThanOrEqual(57);
  expect(chart.height, where).toBeLessThanOrEqual(62);
  expect(chart.bottom, where).toBeLessThanOrEqual(chart.tableTop);
}

async function print(page: Page, name: string) {
  // through the CSSOM, which the CSP allows (a <style> element it would refuse)
  await page.locator(".trend canvas").evaluateAll((canvases, mark) => canvases.forEach((c) => {
    (c as HTMLElement).style.setProperty("outline", `2px solid ${mark}`);
    (c as HTMLElement).style.setProperty("outline-offset", "-2px");
  }), MARK);
  const pdf = await printToPdf(page, name);
  if (process.env.E2E_SCREENSHOTS) execFileSync("pdftoppm", ["-r", String(DPI), "-png", `tests/.tmp/${name}.pdf`, `tests/.tmp/${name}`]);
  return printedChart(pdf);
}

async function chartAndTable(page: Page) {
  return page.locator(".trend").first().evaluate((trend) => {
    const box = (el: Element | null) => {
      const r = el!.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    return { canvas: box(trend.querySelector("canvas")), table: box(trend.querySelector("table")), page: document.documentElement.clientWidth };
  });
}

test("the trend chart printed after the screen view stays inside the page and above its table", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await login(page, STAFF);
  await page.goto(REVIEW);
  // a tab (and the browser's history) names the page, not only the product
  await expect(page).toHaveTitle("Månadsgenomgång – Brukarröst");
  await expectCanvasDrawn(page.locator('.trend canvas[data-chart="line"]').first());
  expectChartFitsPage(await print(page, "review-after-screen"));

  // and the print layout itself, at the printable width: the chart above its table
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: Math.floor(((210 - 2 * SIDE_MM) / 25.4) * 96), height: 1000 });
  const boxes = await chartAndTable(page);
  expect(boxes.canvas.right).toBeLessThanOrEqual(boxes.page + 0.5);
  expect(boxes.canvas.bottom).toBeLessThanOrEqual(boxes.table.top + 0.5);
});

test("the trend chart printed with print media emulated first fits the page too", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await login(page, STAFF);
  await page.emulateMedia({ media: "print" });
  await page.goto(REVIEW);
  await expectCanvasDrawn(page.locator('.trend canvas[data-chart="line"]').first());
  expectChartFitsPage(await print(page, "review-emulated"));
});
