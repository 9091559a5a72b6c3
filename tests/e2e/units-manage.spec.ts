import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/fixtures";
import { login } from "./support/login";
import { cli } from "./support/run";

const ORG = { email: "org@example.se", password: "org-password-long-1" };
const SOUTH = { email: "south@example.se", password: "south-password-long-1" };

test.beforeAll(() => {
  cli(["units", "create", "--slug", "north", "--name", "North"]);
  cli(["units", "create", "--slug", "south", "--name", "South"]);
  cli(["users", "create", "--email", ORG.email, "--role", "orgmanager", "--unit", "north", "--password-stdin"], `${ORG.password}\n`);
  cli(["users", "create", "--email", SOUTH.email, "--role", "manager", "--unit", "south", "--password-stdin"], `${SOUTH.password}\n`);
  // South's own survey: offered only when South is the unit codes are issued in
  const reference = JSON.parse(fs.readFileSync("prisma/seed/questionnaire.json", "utf8"));
  const file = path.join(os.tmpdir(), `bara-south-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify({ ...reference, slug: "bara-south", title: { ...reference.title, sv: SOUTH_SURVEY } }));
  try {
    cli(["surveys", "import", file, "--unit", "south"]);
  } finally {
    fs.rmSync(file);
  }
});
const SOUTH_SURVEY = "Södras egen enkät";

test("an organisation manager issues codes into another unit of the organisation and renames units", async ({ page }) => {
  await login(page, ORG);
  await page.goto("/admin/codes");
  const unit = page.getByLabel("Enhet som koderna hör till");
  await expect(unit).toHaveValue("north");
  await unit.selectOption({ label: "South" });
  // choosing a unit reloads the page for it (its surveys) before the form is filled
  await expect(page).toHaveURL(/[?&]unit=south/);
  await expect(unit).toHaveValue("south");
  await page.getByLabel("Antal koder").fill("2");
  await page.getByRole("button", { name: "Skapa koder" }).click();
  await expect(page.getByRole("heading", { name: "2 nya koder" })).toBeVisible();

  // the two codes count in South, not in the manager's own North
  await page.goto("/admin/codes?unit=south");
  await expect(page.getByRole("cell", { name: "2", exact: true }).first()).toBeVisible();
  await page.goto("/admin/codes");
  await expect(page.getByText("Inga koder har skapats än.")).toBeVisible();

  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Enheter", exact: true }).click();
  await page.getByLabel("Nytt namn för South").fill("Södra teamet");
  await page.getByRole("button", { name: "Byt namn på South" }).click();
  await expect(page.getByRole("status")).toHaveText("Sparat.");
  await expect(page.getByRole("cell", { name: "Södra teamet", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "south", exact: true })).toBeVisible();

  await page.getByLabel("Nytt namn för North").fill("södra teamet");
  await page.getByRole("button", { name: "Byt namn på North" }).click();
  await expect(page.getByRole("status")).toHaveText("Organisationen har redan en enhet med det namnet. Välj ett annat namn.");
  await expect(page.getByRole("cell", { name: "North", exact: true })).toBeVisible();
  // creating units and moving accounts stay the administrator's
  await expect(page.getByRole("button", { name: "Skapa enhet" })).toHaveCount(0);
});

test("a survey only for the organisation manager's unit is not found by another unit; a shared one is listed", async ({ page, browser }) => {
  const reference = JSON.parse(fs.readFileSync("prisma/seed/questionnaire.json", "utf8"));
  const file = (slug: string) => ({ name: `${slug}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ ...reference, slug })) });
  await login(page, ORG);
  await page.goto("/admin/surveys");
  await page.getByLabel("Fil (JSON)").setInputFiles(file("bara-north"));
  await page.getByLabel("Bara min enhet (North)").check();
  await page.getByRole("button", { name: "Ladda upp" }).click();
  await expect(page.getByRole("status")).toContainText('"bara-north"');
  // shared is what a fresh form proposes
  await page.goto("/admin/surveys");
  await expect(page.getByLabel("Hela organisationen (alla enheter)")).toBeChecked();
  await page.getByLabel("Fil (JSON)").setInputFiles(file("alla"));
  await page.getByRole("button", { name: "Ladda upp" }).click();
  await expect(page.getByRole("status")).toContainText('"alla"');

  const south = await (await browser.newContext()).newPage();
  await login(south, SOUTH);
  await south.goto("/admin/surveys");
  // a unit's manager is told where an upload goes, and is offered no choice
  // (South, or "Södra teamet" once the first test renamed it)
  await expect(south.getByText(/^En ny enkät som du laddar upp hör bara till din enhet \((South|Södra teamet)\)\.$/)).toBeVisible();
  await expect(south.getByLabel("Hela organisationen (alla enheter)")).toHaveCount(0);
  await expect(south.getByRole("heading", { name: /\(alla\)/ })).toBeVisible();
  await expect(south.getByRole("heading", { name: /\(bara-north\)/ })).toHaveCount(0);
  for (const path of ["/admin/surveys/bara-north/3", "/admin/surveys/bara-north/3/recordings"]) expect((await south.request.get(path)).status(), path).toBe(404);
  expect((await page.request.get("/admin/surveys/bara-north/3/recordings")).status()).toBe(200);
});

test("choosing another unit on the codes page offers that unit's own survey, and codes for it are issued there", async ({ page }) => {
  await login(page, ORG);
  await page.goto("/admin/codes");
  const survey = page.getByLabel("Enkät", { exact: true });
  await expect(survey.getByRole("option", { name: SOUTH_SURVEY })).toHaveCount(0);
  await page.getByLabel("Enhet som koderna hör till").selectOption("south");
  await expect(page).toHaveURL(/[?&]unit=south/);
  await expect(survey.getByRole("option", { name: SOUTH_SURVEY })).toHaveCount(1);
  await survey.selectOption({ label: SOUTH_SURVEY });
  await page.getByRole("button", { name: "Skapa koder" }).click();
  // issued in South: North may not issue for South's own survey (issueCodes refuses it)
  await expect(page.getByRole("heading", { name: "1 ny kod" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("“Välj enhet” reloads the codes and stock pages with the chosen unit's surveys", async ({ page }) => {
    await login(page, ORG);
    for (const [path, label] of [
      ["/admin/codes", "Enkät"],
      ["/admin/stock", "Enkät"],
    ] as const) {
      await page.goto(path);
      const survey = page.getByLabel(label, { exact: true });
      await expect(survey.getByRole("option", { name: SOUTH_SURVEY })).toHaveCount(0);
      await page.getByLabel("Enhet som koderna hör till").selectOption("south");
      await page.getByRole("button", { name: "Välj enhet" }).click();
      await expect(page).toHaveURL(new RegExp(`${path}\\?unit=south$`));
      await expect(survey.getByRole("option", { name: SOUTH_SURVEY })).toHaveCount(1);
    }
  });
});
