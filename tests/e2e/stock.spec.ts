import { expect, test, type Page } from "./support/fixtures";
import { STAFF } from "./support/accounts";
import { login } from "./support/login";
import { runOnE2eDatabase } from "./support/run";

/**
 * Issue 13's "done when": a stack of Tigrinya slips is printed, one is handed out at closure and
 * one as a follow-up opening six months on; the reach page counts both in the month they were
 * handed out, and the follow-up slip shows the not-yet-open page until its day.
 */
const seed = (step: string) => runOnE2eDatabase("tests/e2e/support/seed-stock.ts", [step]).trim();

/** The handed-out count of a reach table's row, read off the page. */
async function handedOut(page: Page, table: string, row: string | RegExp): Promise<number> {
  const section = page.locator("section.question").filter({ has: page.getByRole("heading", { name: table }) });
  const cells = section.getByRole("row").filter({ has: page.getByRole("rowheader", { name: row }) }).getByRole("cell");
  return Number((await cells.first().innerText()).replace(/\D/g, ""));
}

test("Tigrinya slips printed ahead count when handed out, in the month they were handed out", async ({ page }) => {
  test.setTimeout(240_000); // one long walk through four pages and two database steps
  const yearAgo = seed("background");
  await login(page, STAFF);
  page.on("dialog", (d) => void d.accept()); // leaving a printed batch asks first

  const reach = `/admin/results/reach?survey=brukarenkat&month=${yearAgo}&scope=month`;
  await page.goto(reach);
  const before = {
    closure: await handedOut(page, "Per tillfälle", "Avslut"),
    followup: await handedOut(page, "Per tillfälle", /Uppföljning/),
  };

  // print a stack of three
  await page.goto("/admin/stock");
  await page.getByLabel("Lapparnas språk").selectOption("ti");
  await page.getByLabel(/ej granskad översättning/).check();
  await page.getByLabel("Antal lappar").fill("3");
  await page.getByRole("button", { name: "Skapa lappar att skriva ut" }).click();
  await expect(page.locator(".slip")).toHaveCount(3);
  const codes = await page.locator(".slip-code").allInnerTexts();
  await expect(page.locator(".slip").first()).toHaveAttribute("lang", "ti");

  // printed is not handed out: the code opens nothing yet
  const unopened = await page.request.get(`/s/${codes[0]}`);
  expect(unopened.status()).toBe(410);

  // hand one out at closure, one as a follow-up on the proposed day
  await page.goto("/admin/activate");
  // what to tell the client: the quick exit clears the screen, not the browser's history
  await page.getByText("Råd till klienten om telefonen").click();
  await expect(page.locator("details.client-safety")).toContainText("Den röda knappen överst");
  await expect(page.locator("details.client-safety")).toContainText("privat fönster");
  await page.getByLabel("Koden på lappen").fill(codes[0]!.toLowerCase());
  await page.getByLabel("Vid avslut").check();
  await page.getByLabel("Hur kontakten började (valfritt)").selectOption("other");
  await page.getByRole("button", { name: "Aktivera lappen" }).click();
  await expect(page.getByRole("status")).toContainText("gäller från i dag");

  await page.getByLabel("Koden på lappen").fill(codes[1]!);
  await page.getByLabel(/Uppföljning efter sex månader/).check();
  const proposed = await page.getByLabel("Uppföljning: koden börjar gälla").inputValue();
  const sixMonthsOn = new Date();
  sixMonthsOn.setMonth(sixMonthsOn.getMonth() + 6);
  expect(proposed.slice(0, 7)).toBe(sixMonthsOn.toISOString().slice(0, 7));
  await page.getByLabel("Hur kontakten började (valfritt)").selectOption("other");
  await page.getByRole("button", { name: "Aktivera lappen" }).click();
  await expect(page.getByRole("status")).toContainText("be klienten spara den");

  // a slip already handed out cannot be handed out again
  await page.getByLabel("Koden på lappen").fill(codes[0]!);
  await page.getByRole("button", { name: "Aktivera lappen" }).click();
  await expect(page.getByRole("alert")).toContainText("kan inte aktiveras");

  // the closure code opens now; the follow-up says from which day
  expect((await page.request.get(`/s/${codes[0]}`)).status()).toBe(200);
  const later = await page.request.get(`/s/${codes[1]}?lang=sv`);
  expect(later.status()).toBe(403);
  expect(await later.text()).toContain(proposed.slice(0, 4));

  // the start page: one Tigrinya slip left in stock
  await page.goto("/admin");
  await expect(page.locator(".attention")).toContainText("1 på ትግርኛ");

  // a year on (no code of that month can be answered any more), the reach page counts the two in
  // the month they were handed out
  seed("year-passes");
  await page.goto(reach);
  expect(await handedOut(page, "Per tillfälle", "Avslut")).toBe(before.closure + 1);
  expect(await handedOut(page, "Per tillfälle", /Uppföljning/)).toBe(before.followup + 1);
  expect(await handedOut(page, "Per månad", /./)).toBe(before.closure + before.followup + 2);
});
