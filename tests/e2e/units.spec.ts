import { expect, test } from "./support/fixtures";
import { ADMIN, MANAGER } from "./support/accounts";
import { login } from "./support/login";
import { cli } from "./support/run";

test("one unit shows no unit selector; an admin adds a unit, makes an organisation manager, who compares units", async ({ page, browser }) => {
  await login(page, MANAGER);
  await page.goto("/admin/results");
  await expect(page.getByLabel("Enhet")).toHaveCount(0);

  const admin = await (await browser.newContext()).newPage();
  await login(admin, ADMIN);
  await admin.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Enheter", exact: true }).click();
  await admin.getByLabel("Namn", { exact: true }).fill("Skärholmen relationsvåldsteam");
  await admin.getByLabel(/^Kortnamn/).fill("skarholmen");
  await admin.getByRole("button", { name: "Skapa enhet" }).click();
  await expect(admin.getByRole("status")).toHaveText("Sparat.");
  await expect(admin.getByRole("cell", { name: "skarholmen", exact: true })).toBeVisible();
  // the unit the install started with is named in Swedish, not by the migration's English "Unit"
  await expect(admin.getByRole("cell", { name: "Vår enhet", exact: true })).toBeVisible();
  await expect(admin.getByRole("cell", { name: "Unit", exact: true })).toHaveCount(0);

  // the manager becomes an organisation manager of the default unit's organisation
  const row = admin.getByRole("row").filter({ hasText: MANAGER.email });
  await row.getByLabel("Roll").selectOption("orgmanager");
  // the status already says "Sparat." from creating the unit: wait for this save's own answer
  const saved = admin.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/admin/units"));
  await row.getByRole("button", { name: "Spara" }).click();
  expect((await saved).ok()).toBe(true);
  await expect(admin.getByRole("status")).toHaveText("Sparat.");

  await page.goto("/admin/results");
  await expect(page.getByLabel("Enhet")).toBeVisible();
  await page.getByLabel("Enhet").selectOption("skarholmen");
  await page.getByRole("button", { name: "Visa" }).first().click();
  await expect(page).toHaveURL(/unit=skarholmen/);

  await page.goto("/admin/units/compare");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jämför enheter");
  await expect(page.getByRole("rowheader", { name: "Skärholmen relationsvåldsteam" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Alla enheter (sammanslaget)" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Vår enhet" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Unit", exact: true })).toHaveCount(0);
  // renamed, it is called by its name; the CLI still knows the stored one
  cli(["units", "rename", "default", "Farsta relationsvåldsteam"]);
  await page.reload();
  await expect(page.getByRole("rowheader", { name: "Farsta relationsvåldsteam" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Vår enhet" })).toHaveCount(0);
});

test("a unit's staff account cannot open another unit's results", async ({ page }) => {
  cli(["units", "create", "--slug", "north", "--name", "North"]);
  cli(["units", "create", "--slug", "south", "--name", "South"]);
  cli(["users", "create", "--email", "north@example.se", "--role", "staff", "--unit", "north", "--password-stdin"], "north-password-long-1\n");
  await login(page, { email: "north@example.se", password: "north-password-long-1" });
  for (const path of ["/admin/results?unit=south", "/admin/results/reach?unit=south", "/admin/results/export?unit=south&format=csv", "/admin/codes?unit=south"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(403);
  }
  const own = await page.goto("/admin/results?unit=north");
  expect(own?.status()).toBe(200);
});
