/**
 * The staff's result pages on a 360 px phone: nothing scrolls sideways, with real rows in every
 * table (issue 13). Tables reflow into stacked rows below 40rem.
 */
import { expect, test, type Browser, type Page } from "./support/fixtures";
import { ADMIN, MANAGER, STAFF } from "./support/accounts";
import { login } from "./support/login";
import { runOnE2eDatabase } from "./support/run";

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: "sv-SE" };

test.beforeAll(() => {
  runOnE2eDatabase("tests/e2e/support/seed-results.ts");
  runOnE2eDatabase("tests/e2e/support/seed-compare.ts");
});

async function phone(browser: Browser, account: { email: string; password: string }) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await login(page, account);
  return { context, page };
}

/**
 * What scrolls sideways: the page itself, or any box inside it that scrolls its content sideways
 * (a table in a scrolling wrapper is sideways scrolling too). Names what sticks out, for the message.
 */
async function sideways(page: Page): Promise<{ scrollWidth: number; clientWidth: number; scrollers: string[]; wide: string[] }> {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? "").trim().slice(0, 40)}`;
    const all = [...document.body.querySelectorAll("*")];
    const scrollers = all
      .filter((el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
      .map(name);
    const wide = all
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5 && el.getBoundingClientRect().width > 0)
      .map(name)
      .slice(0, 8);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, scrollers, wide };
  });
}

async function expectNoSidewaysScroll(page: Page) {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `tests/.tmp/narrow-${new URL(page.url()).pathname.replace(/\W+/g, "-")}-${Date.now()}.png`, fullPage: true });
  const s = await sideways(page);
  expect(s.scrollWidth, JSON.stringify(s.wide, null, 1)).toBeLessThanOrEqual(s.clientWidth);
  expect(s.scrollers).toEqual([]);
}

const PAGES = [
  { name: "the monthly review of a month with answers (the board report on screen)", path: "/admin/results?survey=brukarenkat&month=2025-03", rows: 20 },
  { name: "the monthly review's default view", path: "/admin/results?survey=brukarenkat", rows: 10 },
  { name: "the review with both waves over a year", path: "/admin/results?survey=brukarenkat&scope=range&month=2023-12&from=2023-01&to=2023-12", rows: 20 },
  { name: "whom we don't reach", path: "/admin/results/reach?survey=brukarenkat&month=2025-03&scope=month", rows: 10 },
];

for (const p of PAGES)
  test(`${p.name} does not scroll sideways at 360 px`, async ({ browser }) => {
    const { context, page } = await phone(browser, STAFF);
    await page.goto(p.path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await page.locator("main table tbody tr").count()).toBeGreaterThanOrEqual(p.rows);
    await expectNoSidewaysScroll(page);
    await context.close();
  });

test("the version comparison, every table opened, does not scroll sideways at 360 px", async ({ browser }) => {
  const { context, page } = await phone(browser, MANAGER);
  await page.goto("/admin/compare?survey=brukarenkat&version=1&version=2&version=3&from=2023-01&to=2023-12&wave=closure");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.locator("details").evaluateAll((folds) => folds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  expect(await page.locator("details:not([open])").count()).toBe(0);
  expect(await page.locator("main table tbody tr").count()).toBeGreaterThanOrEqual(30);
  await expectNoSidewaysScroll(page);
  await context.close();
});

// the walk-through of 2026-11-28: the units' account table and the recordings table ran 31 px and
// 860 px past a phone's edge (a form in a table cell, a file input, a player side by side)
const STAFF_PAGES = [
  { name: "units and accounts", path: "/admin/units", account: ADMIN },
  { name: "a language's recordings", path: "/admin/surveys/brukarenkat/3/recordings?as=ti", account: MANAGER },
  { name: "paper data entry", path: "/admin/paper", account: STAFF },
  { name: "printing a paper questionnaire", path: "/admin/paper/print", account: STAFF },
  { name: "importing earlier results", path: "/admin/results/import", account: MANAGER },
  // the monthly counts of codes (month, wave, handed out, answered, expired) ran 111 px past the edge
  { name: "codes and their monthly counts", path: "/admin/codes", account: STAFF, table: true },
  // the walk-through of 2026-11-28 (fresh clone): the review as first opened ran 9 px past the edge
  { name: "the monthly review as first opened", path: "/admin/results", account: ADMIN, table: true },
];
for (const p of STAFF_PAGES)
  test(`${p.name} does not scroll sideways at 360 px`, async ({ browser }) => {
    const { context, page } = await phone(browser, p.account);
    await page.goto(p.path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    if ("table" in p) await expect(page.locator("main table").first()).toBeVisible();
    await expectNoSidewaysScroll(page);
    await context.close();
  });
