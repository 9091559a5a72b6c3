import path from "node:path";
import { expect, test } from "./support/fixtures";
import { MANAGER, STAFF } from "./support/accounts";
import { login } from "./support/login";
import { collectConsoleErrors, downloadCsv, runOnE2eDatabase } from "./support/run";

const EXAMPLES = path.resolve("docs/examples/history");

test.beforeAll(() => {
  // new answers in 2025 (tests/e2e/support/seed-results.ts)
  runOnE2eDatabase("tests/e2e/support/seed-results.ts");
});

test("a manager imports the published 2015 tables; the review shows them beside new answers, marked as imported", async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await login(page, MANAGER);
  await page.goto("/admin/results");
  await page.getByRole("navigation", { name: "Resultatsidor" }).getByRole("link", { name: "Tidigare resultat" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tidigare resultat");

  // the 2014 summary: refused, naming the cell whose "99 %" no whole number of 19 people gives
  await page.getByLabel("Fil (CSV eller XLSX)").setInputFiles(path.join(EXAMPLES, "2014-summary.csv"));
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  const refused = page.getByTestId("import-refused");
  await expect(refused).toContainText("Filen kan inte importeras");
  await expect(refused).toContainText("rad 12, kolumn ”Avslut: %”");
  await expect(refused).toContainText("99 % kan inte vara ett helt antal av 19");
  await expect(page.getByText("Inga importerade perioder.")).toBeVisible();

  // the 2015 tables: a preview first (nothing stored), then the import
  await page.getByLabel("Fil (CSV eller XLSX)").setInputFiles(path.join(EXAMPLES, "2015-closure.csv"));
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  const preview = page.getByTestId("import-preview");
  await expect(preview.getByTestId("imported-period")).toContainText("Importerad summa");
  await expect(preview.getByTestId("imported-period")).toContainText("22");
  await expect(page.getByText("Inga importerade perioder.")).toBeVisible();
  await preview.getByRole("button", { name: /Importera/ }).click();
  await expect(page.getByTestId("import-saved")).toHaveText("1 importerade perioder sparade.");
  await expect(page.getByTestId("imported-list")).toContainText("2015-01 – 2015-12");

  // the review of the new answers' month: 2015 in the trend, first and marked, without an invented value
  await page.goto("/admin/results?month=2025-03&wave=closure");
  const trend = page.locator("section.trend").first();
  const imported = trend.getByTestId("trend-imported");
  await expect(imported).toHaveCount(1);
  await expect(imported).toContainText("januari 2015 – december 2015 (Importerad summa)");
  await expect(imported).toContainText("ingår inte i de publicerade tabellerna");
  await expect(trend.getByRole("row").nth(1)).toHaveAttribute("data-testid", "trend-imported");
  await expect(trend.getByRole("row").filter({ hasText: "mars 2025" })).toContainText("71,4\u00a0%");
  // and the imported period's own tables, marked, beside the month's
  const totals = page.getByTestId("imported-totals");
  await expect(totals.getByTestId("imported-period")).toContainText("Importerad summa");
  await totals.getByText(/Importerad summa \(publicerad tabell/).click();
  await expect(totals.getByRole("row", { name: /Ja, absolut/ }).first()).toContainText("85,7\u00a0%");
  expect(consoleErrors).toEqual([]);

  // the download marks it too
  const { text } = await downloadCsv(page);
  expect(text).toContain("2015-01 – 2015-12 (Importerad summa)");
});

test("the import page is for managers: staff are refused", async ({ page }) => {
  await login(page, STAFF);
  const response = await page.goto("/admin/results/import");
  expect(response!.status()).toBe(403);
  await page.goto("/admin/results");
  await expect(page.getByRole("link", { name: "Tidigare resultat" })).toHaveCount(0);
  // the form's own fields, posted by a staff session: refused before anything is read or stored
  const post = await page.request.post("/admin/results/import", {
    multipart: { intent: "import", survey: "brukarenkat", fileName: "x.csv", fileData: Buffer.from("Om tabellerna").toString("base64") },
  });
  expect(post.status()).toBe(403);
});
