import { expect, test, type Page } from "./support/fixtures";
import { NORTH_STAFF, ORG_MANAGER, SOUTH_STAFF } from "./support/accounts";
import { login } from "./support/login";
import { runOnE2eDatabase } from "./support/run";

/**
 * Two units on one installation (decision 0023), as their staff and their organisation manager
 * see them in the browser. `npm run test:postgresql` runs this on PostgreSQL too.
 */
const MONTH = "2025-03"; // tests/e2e/support/seed-units.ts: North 6, South 7, East 3 answers

test.beforeAll(() => {
  runOnE2eDatabase("tests/e2e/support/seed-units.ts");
});

/** The cell of closure responses in MONTH that the review shows the logged-in account. */
async function monthResponses(page: Page) {
  await page.goto("/admin/results");
  await page.getByLabel("Månad", { exact: true }).fill(MONTH);
  await page.getByRole("button", { name: "Visa" }).click();
  const month = page.locator(".headline-table").getByRole("row").filter({ hasText: "Avslut" }).filter({ hasText: "Månaden" });
  return month.first().getByRole("cell").nth(1); // wave, then responses (the period is the row's header)
}

test("each unit's staff issue and count only their own codes", async ({ page, browser }) => {
  await login(page, NORTH_STAFF);
  await page.goto("/admin/codes");
  await page.getByLabel("Antal koder").fill("1");
  await page.getByRole("button", { name: "Skapa koder" }).click();
  const url = await page.locator(".slip img").getAttribute("alt");

  // a client answers North's code on a phone without JavaScript
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
  const client = await phone.newPage();
  await client.goto(url!);
  await client.locator('input[name="violence_stopped"][value="yes"]').check();
  await client.locator("#answers > button[type=submit]").click();
  await expect(client).toHaveURL(/\/s\/thanks/);
  await phone.close();

  // North counts its code as issued; whether it was answered shows only once the month's codes are
  // spent (app/codes/participation.ts); South has issued none and sees none
  await page.goto("/admin/codes");
  const counts = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Besvarade" }) });
  await expect(counts.getByRole("row")).toHaveCount(2);
  await expect(counts.getByRole("row").nth(1).getByRole("cell")).toHaveText([/^\d{4}-\d{2}$/, "Vid avslut", "1", "–", "–"]);
  const south = await (await browser.newContext()).newPage();
  await login(south, SOUTH_STAFF);
  await south.goto("/admin/codes");
  await expect(south.getByText("Inga koder har skapats än.")).toBeVisible();
  expect((await south.request.get("/admin/codes?unit=north")).status()).toBe(403);
});

test("each unit's staff see only their own unit's results", async ({ page, browser }) => {
  await login(page, NORTH_STAFF);
  await expect(await monthResponses(page)).toHaveText("6");
  expect((await page.request.get(`/admin/results?month=${MONTH}&unit=south`)).status()).toBe(403);
  const south = await (await browser.newContext()).newPage();
  await login(south, SOUTH_STAFF);
  await expect(await monthResponses(south)).toHaveText("7");
});

test("an organisation manager compares the units; a unit of three shows nowhere, nor in the pooled total", async ({ page }) => {
  await login(page, ORG_MANAGER);
  await page.goto(`/admin/units/compare?from=${MONTH}&to=${MONTH}&wave=closure`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jämför enheter");
  const row = (name: string) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
  await expect(row("Team north").getByRole("cell").nth(1)).toHaveText("6");
  await expect(row("Team south").getByRole("cell").nth(1)).toHaveText("7");
  await expect(row("Team east").getByRole("cell").nth(1)).toHaveText("Visas inte: för få släppta svar i perioden");
  // 6 + 7: East's three are not in the sum, so pooled minus the units shown gives nothing away
  await expect(row("Alla enheter (sammanslaget)").getByRole("cell").nth(1)).toHaveText("13");
});
