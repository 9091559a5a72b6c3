import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import fs from "node:fs";
import { MANAGER, STAFF } from "./support/accounts";
import { login } from "./support/login";
import { collectConsoleErrors, downloadCsv, expectCanvasDrawn, runOnE2eDatabase } from "./support/run";

test.beforeAll(() => {
  runOnE2eDatabase("tests/e2e/support/seed-compare.ts");
});

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

  // which questions are shared and which are listed apart
  const shared = page.locator('table[data-list="shared"] tbody tr');
  await expect(shared).toHaveCount(5);
  for (const key of ["contact_satisfaction", "method_satisfaction", "expectations_met", "violence_stopped", "comments"])
    await expect(page.locator(`table[data-list="shared"] tr[data-key="${key}"]`)).toBeVisible();
  for (const key of ["alternative_strategies", "feel_better", "role", "gender"])
    await expect(page.locator(`table[data-list="apart"] tr[data-key="${key}"] td.presence`)).toHaveText(["–", "Finns", "Finns"]);
  await expect(page.locator('table[data-list="apart"] tr[data-key="violence_by_type"] td.presence')).toHaveText(["–", "–", "Finns"]);

  // side by side: counts, percentages, intervals and the verdict in words
  const method = page.locator('section[data-question="method_satisfaction"][data-view="side"]');
  const yes = method.getByRole("row", { name: /Ja, absolut/ });
  await expect(yes).toContainText("30,0\u00a0%");
  await expect(yes).toContainText("95,0\u00a0%");
  await expect(yes).toContainText("14,5\u00a0% – 51,9\u00a0%");
  await expect(yes).toContainText("Högre i version 3 än i version 1");
  await expect(page.locator('section[data-question="violence_stopped"][data-view="side"]').getByRole("row", { name: /Ja, helt/ })).toContainText(
    "Ingen tydlig skillnad",
  );
  // pooled and the waves, with the cohort note
  await expect(page.locator('section[data-question="method_satisfaction"][data-view="pooled"]').getByRole("row", { name: /Ja, absolut/ })).toContainText("37");
  await expect(page.getByText("kopplas aldrig ihop per klient")).toBeVisible();
  const waveInd = page.locator('#waves-h ~ .indicator[data-indicator="violence_stopped"]');
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

  // XLSX: the same table, numbers as numbers
  const [xlsxDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Excel (XLSX)" }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await xlsxDownload.path())!);
  const values: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
  expect(values).toContainEqual(["Ja, absolut", 6, 30, 14.5, 51.9, 12, 60, 38.7, 78.1, 19, 95, 76.4, 99.1, "Högre i version 3 än i version 1"]);

  if (process.env.E2E_SCREENSHOTS)
    for (const y of [0, 1400, 2800, 4200])
      await page.screenshot({ path: `tests/.tmp/compare-${y}.png`, fullPage: true, clip: { x: 0, y, width: 1280, height: 1400 } });
  // print: no navigation, filters or links; the tables and charts stay
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("header.staff-header")).toBeHidden();
  await expect(page.locator("form.filters")).toBeHidden();
  await expect(yes).toBeVisible();
  await expect(chart).toBeVisible();
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
  const yes = page.locator('section[data-question="method_satisfaction"][data-view="side"]').getByRole("row", { name: /Ja, absolut/ });
  await expect(yes).toContainText("Högre i version 3 än i version 1");
  await page.goto("/admin/compare?survey=brukarenkat&from=2023-01&to=2023-12&wave=closure&lang=en");
  const en = page.locator('section[data-question="method_satisfaction"][data-view="side"]').getByRole("row", { name: /Yes, absolutely/ });
  await expect(en).toContainText("30.0%");
  await expect(en).toContainText("Higher in version 3 than in version 1");
  await expect(page.getByText("never linked per client")).toBeVisible();
  await context.close();
});

test("staff cannot open the comparison", async ({ page }) => {
  await login(page, STAFF);
  await expect(page.getByRole("link", { name: "Jämför versioner" })).toHaveCount(0);
  const response = await page.goto("/admin/compare");
  expect(response?.status()).toBe(403);
});
