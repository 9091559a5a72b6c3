import { expect, test } from "./support/fixtures";
import { STAFF } from "./support/accounts";
import { login } from "./support/login";
import { pdfPages, printToPdf } from "./support/pdf";
import { collectConsoleErrors, downloadCsv, downloadXlsx, expectCanvasDrawn, runOnE2eDatabase } from "./support/run";

const MONTH = "2025-03"; // tests/e2e/support/seed-results.ts

test.beforeAll(() => {
  runOnE2eDatabase("tests/e2e/support/seed-results.ts");
});

test("staff reviews the month: tables, charts, hidden small groups, downloads and a clean print", async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await login(page, STAFF);
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Resultat" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Månadsgenomgång");
  await page.getByLabel("Månad", { exact: true }).fill(MONTH);
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page).toHaveURL(new RegExp(`month=${MONTH}`));

  // headline: responses and response rate of the month, the indicator against its target
  const headline = page.locator(".headline-table");
  const monthRow = headline.getByRole("row").filter({ hasText: "Avslut" }).filter({ hasText: "Månaden" });
  await expect(monthRow).toContainText("14");
  await expect(monthRow).toContainText("70,0\u00a0%"); // 14 of 20 codes
  await expect(monthRow).toContainText("71,4\u00a0%"); // 10 of 14 say the violence stopped
  await expect(monthRow).toContainText("60,0\u00a0%");

  // a question's table, counts beside percentages
  const method = page.locator('section[data-question="method_satisfaction"]');
  await expect(method.getByRole("row", { name: /Ja, absolut/ })).toContainText("12");
  await expect(method.getByRole("row", { name: /Ja, absolut/ })).toContainText("85,7\u00a0%");
  await expect(method.getByRole("row", { name: /Delvis/ })).toContainText("14,3\u00a0%");
  // three follow-up answers are waiting for more: the wave is not released, and the page says so
  await expect(page.getByTestId("withheld")).toContainText("Uppföljning efter sex månader: visas inte. Några av månaderna har ännu för få svar");
  await expect(page.locator('section[data-question="violence_stopped"]').getByRole("columnheader", { name: "Uppföljning efter sex månader" })).toHaveCount(0);
  // free text, shown because the month has 14 responses
  await expect(page.getByText("Att veta att ni finns ett samtal bort gör mig starkare")).toBeVisible();

  // charts drawn by chart.js in the browser
  const bars = page.locator('canvas[data-chart="bar"]');
  // one per question with a visible table: method_satisfaction, gender, violence_stopped
  await expect(bars).toHaveCount(3);
  await expect(page.locator('canvas[data-chart="line"]').first()).toBeVisible();
  await expectCanvasDrawn(bars.first());

  expect(consoleErrors).toEqual([]);

  // CSV: UTF-8 with BOM, ';' separated, decimal comma
  const { text: csv, rows } = await downloadCsv(page);
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(rows).toContainEqual(["Ja, absolut", "12", "85,7"]);
  expect(csv).not.toContain("starkare"); // free text stays on the page

  // XLSX: a sheet per table with its header frozen, percentages as real percentages
  const sheets = await downloadXlsx(page);
  const methodSheet = sheets.find((x) => x.rows.some((r) => r[0]?.value === "Ja, absolut"))!;
  expect(methodSheet.frozenRows).toBe(2);
  expect(methodSheet.rows.find((r) => r[0]?.value === "Ja, absolut")!.map((c) => c.value)).toEqual(["Ja, absolut", 12, 0.857]);

  if (process.env.E2E_SCREENSHOTS)
    for (const y of [0, 1400, 2800, 4200])
      await page.screenshot({ path: `tests/.tmp/review-${y}.png`, fullPage: true, clip: { x: 0, y, width: 1280, height: 1400 } });
  // print: a clean A4 report without navigation, filters or download links
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("header.staff-header")).toBeHidden();
  await expect(page.locator("form.filters")).toBeHidden();
  await expect(page.getByRole("link", { name: "CSV" })).toBeHidden();
  await expect(method.getByRole("row", { name: /Ja, absolut/ })).toBeVisible();
});

test("the board report prints on at most four A4 pages, nothing cut, with the period on every page", async ({ page }) => {
  await login(page, STAFF);
  // the width of an A4 page's printable area (210 mm less 2 × 12 mm margins) in CSS pixels
  await page.setViewportSize({ width: Math.floor((186 / 25.4) * 96), height: 1000 });
  await page.goto(`/admin/results?survey=brukarenkat&month=${MONTH}`);
  await expect(page.locator("canvas").first()).toBeVisible();
  await page.emulateMedia({ media: "print" });

  const pageWidth = await page.evaluate(() => document.documentElement.clientWidth);
  const tooWide = await page.locator(".results table").evaluateAll((tables, width) =>
    tables.filter((t) => t.getBoundingClientRect().right > width + 0.5 || t.scrollWidth > t.clientWidth + 0.5).map((t) => t.textContent!.slice(0, 40)),
  pageWidth);
  expect(tooWide).toEqual([]);
  const assessment = page.locator(".headline-table").getByRole("columnheader", { name: "Bedömning" });
  await expect(assessment).toBeVisible();
  expect((await assessment.boundingBox())!.x + (await assessment.boundingBox())!.width).toBeLessThanOrEqual(pageWidth);
  const verdict = page.locator(".headline-table td.status").first();
  await expect(verdict).toHaveText("För få svar för att avgöra");
  expect((await verdict.boundingBox())!.x + (await verdict.boundingBox())!.width).toBeLessThanOrEqual(pageWidth);

  // the running head the print margin boxes show carries the period
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--running-head"))).toContain("mars 2025");
  const pages = pdfPages(await printToPdf(page, "review"));
  expect(pages.length).toBeGreaterThanOrEqual(2);
  expect(pages.length).toBeLessThanOrEqual(4);
  expect(pages.every((p) => p.width === 210 && p.height === 297)).toBe(true);
});

test("with both waves, each wave's heading stands over its own two columns, on screen and in print", async ({ page }) => {
  runOnE2eDatabase("tests/e2e/support/seed-compare.ts"); // both waves in 2023
  await login(page, STAFF);
  await page.goto("/admin/results?survey=brukarenkat&scope=range&month=2023-12&from=2023-01&to=2023-12");
  const table = page.locator('section[data-question="violence_stopped"] table').first();
  await expect(table.getByRole("columnheader", { name: "Uppföljning efter sex månader" })).toBeVisible();
  const aligned = () =>
    table.evaluate((t: HTMLTableElement) => {
      const x = (el: Element) => Math.round(el.getBoundingClientRect().left);
      const right = (el: Element) => Math.round(el.getBoundingClientRect().right);
      const waves = [...t.tHead!.rows[0]!.cells].slice(1);
      const body = t.tBodies[0]!.rows[0]!.cells;
      // a wave's heading spans its count and percent: cells 1-2 and 3-4 of a body row
      return waves.map((w, i) => [x(w) === x(body[1 + 2 * i]!), right(w) === right(body[2 + 2 * i]!)]);
    });
  expect(await aligned()).toEqual([[true, true], [true, true]]);
  // a question asked at closure only: its table names closure, and a line says the follow-up does not ask it
  const closureOnly = page.locator('section[data-question="method_satisfaction"]');
  await expect(closureOnly.getByRole("columnheader", { name: "Avslut", exact: true })).toBeVisible();
  await expect(closureOnly.getByRole("columnheader", { name: "Uppföljning efter sex månader" })).toHaveCount(0);
  await expect(closureOnly.locator("[data-not-asked=followup]")).toHaveText("Uppföljning efter sex månader: frågan ställs inte.");
  await expect(closureOnly.locator(".answered-of")).not.toContainText("Uppföljning");
  // the download says it as the page does
  const { text: csv } = await downloadCsv(page);
  expect(csv).toContain("Uppföljning efter sex månader: frågan ställs inte.");
  await page.emulateMedia({ media: "print" });
  expect(await aligned()).toEqual([[true, true], [true, true]]);
});

test("in English the numbers are written the English way", async ({ page }) => {
  await login(page, STAFF);
  await page.goto(`/admin/results?survey=brukarenkat&month=${MONTH}&wave=closure&lang=en`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Monthly review");
  const method = page.locator('section[data-question="method_satisfaction"]');
  await expect(method.getByRole("row", { name: /Yes, absolutely/ })).toContainText("85.7%");
  await expect(method.getByRole("row", { name: /Yes, absolutely/ })).toContainText("12");
});

test("without JavaScript the review still shows every table", async ({ browser, page: withJs }) => {
  await login(withJs, STAFF);
  // the session of a normal login, in a browser that runs no script
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await withJs.context().storageState() });
  const page = await context.newPage();
  await page.goto(`/admin/results?survey=brukarenkat&month=${MONTH}`);
  const method = page.locator('section[data-question="method_satisfaction"]');
  await expect(method.getByRole("row", { name: /Ja, absolut/ })).toContainText("85,7\u00a0%");
  await expect(page.locator(".headline-table")).toContainText("71,4\u00a0%");
  await context.close();
});

test("whom we don't reach: a referral path of four is hidden with its complement", async ({ page }) => {
  await login(page, STAFF);
  await page.goto(`/admin/results/reach?survey=brukarenkat&month=${MONTH}&scope=month`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vilka vi inte når");
  const byReferral = page.locator("section").filter({ has: page.getByRole("heading", { name: "Per remissväg" }) });
  await expect(byReferral.getByRole("row", { name: /Polisen/ })).toContainText("Färre än 5 koder lämnades ut i gruppen"); // cut by codes handed out
  // the smallest other group (five follow-up codes without a referral path) is hidden with it
  await expect(byReferral.getByRole("row", { name: /Ej angivet/ })).toContainText("Döljs också");
  await expect(byReferral.getByRole("row", { name: /Polisen/ })).not.toContainText("4");
  await expect(byReferral.getByRole("row", { name: /Egen ansökan/ })).toContainText("16");
  await expect(byReferral.getByRole("row", { name: /Total/ })).toContainText("25");
});

test("result pages and downloads need a login", async ({ page }) => {
  const response = await page.request.get(`/admin/results/export?format=csv&month=${MONTH}`, { maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toMatch(/^\/login/);
});
