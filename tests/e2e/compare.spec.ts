import { expect, test, type Page } from "./support/fixtures";
import fs from "node:fs";
import { MANAGER, STAFF } from "./support/accounts";
import { login } from "./support/login";
import { addMonths, currentMonth } from "../../app/results/period";
import { cli, collectConsoleErrors, downloadCsv, downloadXlsx, expectCanvasDrawn, runOnE2eDatabase } from "./support/run";

test.beforeAll(() => {
  runOnE2eDatabase("tests/e2e/support/seed-compare.ts");
  runOnE2eDatabase("tests/e2e/support/seed-compare-v4.ts");
});

/** Opens one folded table by clicking its summary, as a reader would. */
async function openFold(page: Page, name: string) {
  const fold = page.locator(`details[data-fold="${name}"]`);
  await fold.locator("> summary").click();
  await expect(fold).toHaveAttribute("open", "");
  return fold;
}

test("a manager compares versions 1–3: presence, tables, verdicts, charts, downloads and print", async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await login(page, MANAGER);
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Jämför versioner" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Jämför versioner och tillfällen");
  for (const v of ["1", "2", "3"]) await page.getByRole("checkbox", { name: new RegExp(`^${v}\\b`) }).check();
  await page.getByLabel("Från månad").fill("2023-01");
  await page.getByLabel("Till månad").fill("2023-12");
  await page.getByLabel("Tillfälle").selectOption("closure");
  await page.getByRole("button", { name: "Jämför" }).click();
  await expect(page).toHaveURL(/version=1&version=2&version=3/);

  // which questions are compared (across the versions with answers that ask them) and which not
  await openFold(page, "presence");
  const shared = page.locator('table[data-list="shared"] tbody tr');
  await expect(shared).toHaveCount(9);
  for (const key of ["contact_satisfaction", "method_satisfaction", "expectations_met", "violence_stopped", "comments"])
    await expect(page.locator(`table[data-list="shared"] tr[data-key="${key}"]`)).toBeVisible();
  for (const key of ["alternative_strategies", "feel_better", "role", "gender"])
    await expect(page.locator(`table[data-list="shared"] tr[data-key="${key}"] td.presence`)).toHaveText(["–", "Finns", "Finns"]);
  await expect(page.locator('table[data-list="apart"] tr[data-key="violence_by_type"] td.presence')).toHaveText(["–", "–", "Finns"]);

  // side by side: counts, percentages, intervals and the verdict in words
  await openFold(page, "question-method_satisfaction");
  const method = page.locator('section[data-question="method_satisfaction"][data-view="side"]');
  const yes = method.getByRole("row", { name: /Ja, absolut/ });
  await expect(yes).toContainText("30,0\u00a0%");
  await expect(yes).toContainText("95,0\u00a0%");
  await expect(yes).toContainText("14,5\u00a0% – 51,9\u00a0%");
  await expect(yes).toContainText("Högre i version 3 än i version 1");
  await openFold(page, "question-violence_stopped");
  await expect(page.locator('section[data-question="violence_stopped"][data-view="side"]').getByRole("row", { name: /Ja, helt/ })).toContainText(
    "Ingen tydlig skillnad",
  );
  // pooled and the waves, with the cohort note
  await openFold(page, "pooled");
  await expect(page.locator('section[data-question="method_satisfaction"][data-view="pooled"]').getByRole("row", { name: /Ja, absolut/ })).toContainText("37");
  await openFold(page, "waves");
  await expect(page.getByText("kopplas aldrig ihop per klient")).toBeVisible();
  const waveInd = page.locator('details[data-fold="waves"] .indicator[data-indicator="violence_stopped"]');
  await expect(waveInd.getByRole("row", { name: /Avslut/ })).toContainText("65,0\u00a0%");
  await expect(waveInd.getByRole("row", { name: /Uppföljning/ })).toContainText("50,0\u00a0%");

  // grouped bars drawn by chart.js, one series per version
  const chart = method.locator('canvas[data-chart="bar"]');
  await expect(chart).toBeVisible();
  await expectCanvasDrawn(chart);
  expect(consoleErrors).toEqual([]);

  // CSV: BOM, ';', decimal comma
  const { text: csv, rows } = await downloadCsv(page);
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(rows).toContainEqual(["Ja, absolut", "6", "30,0", "14,5", "51,9", "12", "60,0", "38,7", "78,1", "19", "95,0", "76,4", "99,1", "Högre i version 3 än i version 1"]);

  // XLSX: a sheet per table with its header frozen, percentages as real percentages
  const sheets = await downloadXlsx(page);
  const methodSheet = sheets.find((x) => x.rows.some((r) => r[0]?.value === "Ja, absolut"))!;
  expect(methodSheet.frozenRows).toBe(2);
  expect(methodSheet.rows.find((r) => r[0]?.value === "Ja, absolut")!.map((c) => c.value)).toEqual([
    "Ja, absolut", 6, 0.3, 0.145, 0.519, 12, 0.6, 0.387, 0.781, 19, 0.95, 0.764, 0.991, "Högre i version 3 än i version 1",
  ]);

  if (process.env.E2E_SCREENSHOTS)
    for (const y of [0, 1400, 2800, 4200])
      await page.screenshot({ path: `tests/.tmp/compare-${y}.png`, fullPage: true, clip: { x: 0, y, width: 1280, height: 1400 } });
  // print: no navigation, filters or links; the tables stay, the charts give way to them
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("header.staff-header")).toBeHidden();
  await expect(page.locator("form.filters")).toBeHidden();
  await expect(yes).toBeVisible();
  await expect(chart).toBeHidden();
  if (process.env.E2E_SCREENSHOTS)
    await page.screenshot({ path: "tests/.tmp/compare-print.png", fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 3000 } });
  const pdf = await page.pdf({ format: "A4" });
  if (process.env.E2E_SCREENSHOTS) fs.writeFileSync("tests/.tmp/compare.pdf", pdf);
  expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
});

test("without JavaScript the comparison tables are all there", async ({ browser, page: withJs }) => {
  await login(withJs, MANAGER);
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await withJs.context().storageState() });
  const page = await context.newPage();
  await page.goto("/admin/compare?survey=brukarenkat&from=2023-01&to=2023-12&wave=closure");
  // folded, so read as text rather than through the accessibility tree
  const yes = page.locator('section[data-question="method_satisfaction"][data-view="side"] tr', { hasText: "Ja, absolut" });
  await expect(yes).toContainText("Högre i version 3 än i version 1");
  await page.goto("/admin/compare?survey=brukarenkat&from=2023-01&to=2023-12&wave=closure&lang=en");
  const en = page.locator('section[data-question="method_satisfaction"][data-view="side"] tr', { hasText: "Yes, absolutely" });
  await expect(en).toContainText("30.0%");
  await expect(en).toContainText("Higher in version 3 than in version 1");
  await page.locator('details[data-fold="waves"] > summary').click();
  await expect(page.getByText("never linked per client")).toBeVisible();
  await context.close();
});

test("staff cannot open the comparison", async ({ page }) => {
  await login(page, STAFF);
  await expect(page.getByRole("link", { name: "Jämför versioner" })).toHaveCount(0);
  const response = await page.goto("/admin/compare");
  expect(response?.status()).toBe(403);
});

// ---------------------------------------------------------------- issue 19: versions 3 and 4

const V4 = "/admin/compare?survey=brukarenkat-v4";
const month = (delta: number) => addMonths(currentMonth(), delta);

/** PDF pages: Chromium writes one uncompressed "/Type /Page" dictionary per page. */
function pdfPages(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

/** Tables wider than the printed page would be cut: every table must end inside the page. */
async function tablesCut(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll("table")]
      .filter((t) => t.getBoundingClientRect().width > 0 && (t.getBoundingClientRect().right > width + 1 || t.scrollWidth > t.clientWidth + 1))
      .map((t) => t.closest("[data-fold]")?.getAttribute("data-fold") ?? t.className);
  });
}

test("the comparison opens on versions 3 and 4 over closed months, with a summary first and the tables folded", async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await login(page, MANAGER);
  await page.goto(V4);
  // the period: from version 3's first answers to the last closed month, not the open month
  // nor the follow-up codes that open next year
  await expect(page.getByLabel("Från månad")).toHaveValue(month(-8));
  await expect(page.getByLabel("Till månad")).toHaveValue(month(-1));
  await expect(page.locator("[data-compared]")).toHaveText("Jämförs: version 3 (32 svar), version 4 (9 svar)");
  await expect(page.locator("[data-no-answers]")).toHaveCount(0);

  // one table, the indicator first, then one line per question; no versions 1 and 2
  const summary = page.locator("table.summary-table");
  await expect(summary.locator("thead th")).toHaveText(["Fråga", "Svar", "Version 3", "Version 4", "Bedömning"]);
  const lines = summary.locator("tbody tr");
  await expect(lines.first()).toHaveAttribute("data-kind", "indicator");
  await expect(lines.first()).toContainText("Andel som upplever att våldet har upphört (mål 60,0\u00a0%)");
  // the goal's verdict per version, without opening the fold: neither interval decides it
  await expect(lines.first().locator(".summary-status")).toHaveText(["För få svar för att avgöra", "För få svar för att avgöra"]);
  await expect(lines.first()).toContainText("56,3\u00a0%");
  await expect(lines.first()).toContainText("66,7\u00a0%");
  await expect(lines.first()).toContainText("Ingen tydlig skillnad");
  const method = summary.locator('tr[data-summary="method_satisfaction"]');
  await expect(method).toContainText("Ja, absolut");
  await expect(method).toContainText("37,5\u00a0%");
  await expect(method).toContainText("100,0\u00a0%");
  await expect(method).toContainText("Högre i version 4");
  // every question of versions 3 and 4 is there, matrix rows included; the question only
  // version 4 asks is not
  for (const key of ["role", "gender", "feel_better", "contact_satisfaction"]) await expect(summary.locator(`tr[data-summary="${key}"]`)).toHaveCount(1);
  await expect(summary.locator('tr[data-summary="violence_by_type"]')).toHaveCount(4);
  await expect(summary.locator('tr[data-summary="life_better"]')).toHaveCount(0);
  await expect(page.locator("p.detectable")).toContainText("med 9 och 32 svar hade bara en skillnad på mer än ungefär 50 procentenheter kunnat synas");

  // the full tables are folded and open one by one
  await expect(page.locator("details.fold")).not.toHaveCount(0);
  await expect(page.locator("details.fold[open]")).toHaveCount(0);
  const yes = page.locator('section[data-question="method_satisfaction"][data-view="side"]').getByRole("row", { name: /Ja, absolut/ });
  await expect(yes).toBeHidden();
  const fold = await openFold(page, "question-method_satisfaction");
  await expect(fold.locator("summary")).toContainText("Högre i version 4");
  await expect(yes).toBeVisible();
  await expect(page.locator("details.fold[open]")).toHaveCount(1);
  // the summary fits one screen above the folds
  const foldsTop = await page.locator("#details-h").evaluate((h) => h.getBoundingClientRect().top + window.scrollY);
  const summaryTop = await page.locator("#summary-h").evaluate((h) => h.getBoundingClientRect().top + window.scrollY);
  expect(foldsTop - summaryTop).toBeLessThan(1100);
  expect(consoleErrors).toEqual([]);

  // JSON on the command line: the same defaults, and the same summary
  const json = JSON.parse(cli(["compare", "--survey", "brukarenkat-v4", "--json"]));
  expect(json).toMatchObject({ versions: [3, 4], answered: [3, 4], from: month(-8), to: month(-1) });
  expect(json.summary[0]).toMatchObject({ kind: "indicator", key: "violence_stopped", text: "no clear difference" });
  expect(json.summary.find((l: { key: string }) => l.key === "method_satisfaction")).toMatchObject({ text: "higher in version 4" });
  expect(json.detectable).toMatchObject({ n: [9, 32], points: 50 });
});

test("a version without answers says so and takes no question out of the comparison", async ({ page }) => {
  await login(page, MANAGER);
  await page.goto(V4);
  for (const v of ["1", "2", "3", "4"]) await page.getByRole("checkbox", { name: new RegExp(`^${v}\\b`) }).check();
  await page.getByRole("button", { name: "Jämför" }).click();
  await expect(page).toHaveURL(/version=1&version=2&version=3&version=4/);
  await expect(page.locator("[data-no-answers]")).toHaveText("Inga svar under perioden: 1, 2");
  const summary = page.locator("table.summary-table");
  await expect(summary.locator("thead th")).toHaveText(["Fråga", "Svar", "Version 3", "Version 4", "Bedömning"]);
  for (const key of ["role", "gender", "feel_better", "violence_by_type"]) await expect(summary.locator(`tr[data-summary="${key}"]`).first()).toBeVisible();
  // nowhere does an empty version show as hidden
  await expect(summary.locator('tr[data-kind="indicator"]')).not.toContainText("Dold");
  await openFold(page, "presence");
  for (const key of ["role", "gender", "feel_better", "violence_by_type"])
    await expect(page.locator(`table[data-list="shared"] tr[data-key="${key}"] td.presence`)).toHaveText(
      key === "violence_by_type" ? ["–", "–", "Finns", "Finns"] : ["–", "Finns", "Finns", "Finns"],
    );
  await expect(page.locator('table[data-list="apart"] tr[data-key="life_better"]')).toContainText("Nej, finns i färre än två versioner med svar");
  const ind = page.locator('details[data-fold="indicator-violence_stopped"]');
  await ind.locator("> summary").click();
  await expect(ind.getByRole("row")).toHaveText([/Grupp/, /Version 3/, /Version 4/]);

  // versions 1 and 2 alone: nothing to compare, said in words
  await page.goto(`${V4}&version=1&version=2`);
  await expect(page.getByRole("alert")).toContainText("Färre än två av versionerna har svar");
});

test("without JavaScript the tables fold and unfold, and print all open on at most four A4 pages", async ({ browser, page: withJs }) => {
  await login(withJs, MANAGER);
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await withJs.context().storageState() });
  const page = await context.newPage();
  await page.goto(V4);
  const fold = page.locator('details[data-fold="question-method_satisfaction"]');
  const yes = fold.getByRole("row", { name: /Ja, absolut/ });
  await expect(yes).toBeHidden();
  await fold.locator("> summary").click();
  await expect(yes).toBeVisible();
  await fold.locator("> summary").click();
  await expect(yes).toBeHidden();

  // print, by CSS alone: every fold shows, nothing is cut at the page's width
  await page.setViewportSize({ width: 680, height: 1000 });
  await page.emulateMedia({ media: "print" });
  await expect(yes).toBeVisible();
  for (const name of ["presence", "indicator-violence_stopped"]) await expect(page.locator(`details[data-fold="${name}"] .fold-body`)).toBeVisible();
  // the further views (pooled, the waves) print only when the reader opened them
  await expect(page.locator('details[data-fold="pooled"]')).toBeHidden();
  await expect(page.locator('details[data-fold="question-violence_by_type"] table').first()).toBeVisible();
  expect(await tablesCut(page)).toEqual([]);
  const pdf = await page.pdf({ format: "A4" });
  if (process.env.E2E_SCREENSHOTS) fs.writeFileSync("tests/.tmp/compare-v4.pdf", pdf);
  const pages = pdfPages(pdf);
  expect(pages).toBeGreaterThan(0);
  expect(pages).toBeLessThanOrEqual(4);
  await page.emulateMedia({ media: "screen" });
  await page.locator('details[data-fold="pooled"] > summary').click();
  await page.emulateMedia({ media: "print" });
  await expect(page.locator('details[data-fold="pooled"] .fold-body')).toBeVisible();
  await context.close();

  // with JavaScript the same print, and the folds the reader had closed stay closed afterwards
  await withJs.goto(V4);
  const pdfJs = await withJs.pdf({ format: "A4" });
  expect(pdfPages(pdfJs)).toBeLessThanOrEqual(4);
  await expect(withJs.locator("details.fold[open]")).toHaveCount(0);
});
