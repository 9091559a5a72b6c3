import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "./support/fixtures";
import { ADMIN } from "./support/accounts";
import { login } from "./support/login";

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** Staff issues one closure code in the given language; returns the QR URL printed on the slip. */
async function issueCode(page: Page, lang: string): Promise<string> {
  await login(page, ADMIN);
  await page.goto("/admin/codes");
  await page.getByLabel("Antal koder").fill("1");
  await page.getByLabel("Föreslaget språk").selectOption(lang);
  // the nine machine-made translations are drafts: issuing in them is confirmed
  if (lang !== "sv" && lang !== "en") await page.getByLabel(/ej granskad översättning/).check();
  await page.getByLabel("Klientgrupp (valfritt)").selectOption("both");
  await page.getByRole("button", { name: "Skapa koder" }).click();
  await expect(page.locator("section[aria-labelledby=batch-heading]").getByRole("status")).toContainText("Koderna sparas inte");
  // the form is empty for the next batch: the optional choices say "not set" again, not blank
  for (const label of ["Klientgrupp (valfritt)", "Hur kontakten började (valfritt)"])
    expect(await page.getByLabel(label).evaluate((s: HTMLSelectElement) => s.options[s.selectedIndex]?.text ?? "(blank)")).toBe("Anges inte");
  // what to tell the client when handing the slip over; on screen only, never on the slips
  const advice = page.locator("section[aria-labelledby=batch-heading] details.client-safety");
  await advice.getByText("Råd till klienten om telefonen").click();
  await expect(advice).toContainText("historik sparar ändå enkätens adress");
  await page.emulateMedia({ media: "print" });
  await expect(advice).toBeHidden();
  await page.emulateMedia({ media: "screen" });
  const url = await page.locator(".slip img").getAttribute("alt");
  expect(url).toMatch(/\/s\/[0-9A-Z]{12}$/);
  const code = await page.locator(".slip-code").textContent();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return url!;
}

/**
 * WCAG 2.1 AA scan of what the page shows now. axe runs as a script, so the page's markup is
 * scanned in a phone-sized page with JavaScript on: the same HTML a no-JS client got.
 */
async function expectNoAxeViolations(page: Page) {
  const html = await page.content();
  const context = await page.context().browser()!.newContext({ ...PHONE });
  const scanned = await context.newPage();
  await scanned.setContent(html);
  const results = await new AxeBuilder({ page: scanned }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  await context.close();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

async function phone(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled, locale: "sv-SE" });
  const page = await context.newPage();
  const foreign: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith("http://127.0.0.1:") && !r.url().startsWith("data:")) foreign.push(r.url());
  });
  return { context, page, foreign };
}

const submitButton = (page: Page) => page.locator("#answers > button[type=submit]");

for (const javaScriptEnabled of [false, true]) {
  test(`a client answers in Arabic on a phone (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ page, browser }) => {
    const url = await issueCode(page, "ar");
    const { context, page: client, foreign } = await phone(browser, javaScriptEnabled);

    const opened = await client.goto(url);
    expect(opened!.status()).toBe(200);
    expect(opened!.headers()["cache-control"]).toBe("no-store");
    await expect(client.locator("html")).toHaveAttribute("lang", "ar");
    await expect(client.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(client).toHaveTitle(/^(Enkät|استبيان|استطلاع)/);
    await expect(client.locator("a#exit")).toHaveAttribute("href", /^https:\/\//);
    expect(await client.locator("script[src]").count()).toBe(0); // nothing to download and run
    // RTL: the questions' text starts at the right edge on a 360 px screen
    const legend = await client.locator("legend").first().boundingBox();
    expect(legend!.x + legend!.width).toBeGreaterThan(300);
    // readable at 360 px: nothing wider than the screen
    expect(await client.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoAxeViolations(client);

    await client.locator('input[name="violence_stopped"][value="yes"]').check();
    await client.locator('input[name="violence_by_type.sexual"][value="stopped"]').check();
    await client.locator("textarea[name=comments]").fill("شكرا");
    await submitButton(client).click();
    await expect(client).toHaveURL(/\/s\/thanks\?lang=ar$/);
    await expect(client.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(client.locator("h1")).toBeVisible();
    await expectNoAxeViolations(client);

    // the used code: the neutral page, with a box to type another code, in the client's language
    const again = await client.goto(url);
    expect(again!.status()).toBe(410);
    await expect(client.locator('form[action="/s"] input[name="code"]')).toBeVisible();
    await expectNoAxeViolations(client);

    // nothing kept on the phone, nothing fetched from elsewhere
    expect(await context.cookies()).toEqual([]);
    expect(await client.evaluate(() => window.localStorage.length + window.sessionStorage.length)).toBe(0);
    expect(foreign).toEqual([]);
    await context.close();
  });
}

test("a rejected answer shows the form again with the error, keeps the answers and the code", async ({ page, browser }) => {
  const url = await issueCode(page, "en");
  const { context, page: client } = await phone(browser, false);
  await client.goto(url);
  await client.locator('input[name="gender"][value="woman"]').check();
  // a tampered option value, as a broken or hostile client would send
  await client.locator('input[name="violence_stopped"][value="yes"]').evaluate((el: HTMLInputElement) => {
    el.value = "bogus";
    el.checked = true;
  });
  const response = client.waitForResponse((r) => r.request().method() === "POST");
  await submitButton(client).click();
  expect((await response).status()).toBe(400);
  await expect(client.getByRole("alert")).toContainText("One answer needs to be corrected");
  await expect(client.locator('input[name="gender"][value="woman"]')).toBeChecked();
  await expectNoAxeViolations(client);
  // the code still works
  await client.goto(url);
  await client.locator('input[name="feel_better"][value="yes"]').check();
  await submitButton(client).click();
  await expect(client).toHaveURL(/\/s\/thanks/);
  await context.close();
});

test("switching language mid-questionnaire keeps the answers without JavaScript", async ({ page, browser }) => {
  const url = await issueCode(page, "sv");
  const { context, page: client } = await phone(browser, false);
  await client.goto(url);
  await client.locator('input[name="role"][value="subjected"]').check();
  await client.locator("#switchLang").selectOption("fa");
  await client.locator('button[name="intent"][value="switchLang"]').click();
  await expect(client.locator("html")).toHaveAttribute("lang", "fa");
  await expect(client.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(client.locator('input[name="role"][value="subjected"]')).toBeChecked();
  await context.close();
});

test("a client types the code by hand, with spaces and lower case", async ({ page, browser }) => {
  const url = await issueCode(page, "sv");
  const code = url.split("/s/")[1]!;
  const { context, page: client } = await phone(browser, false);
  await client.goto("/s");
  await expectNoAxeViolations(client);
  await client.getByLabel("Din kod").fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4, 8)} ${code.slice(8)}`);
  await client.getByRole("button", { name: "Fortsätt" }).click();
  await expect(client).toHaveURL(new RegExp(`/s/${code}`));
  await expect(client.locator("#answers")).toBeVisible();
  await client.goto("/s/ZZZZZZZZZZZZ");
  await expect(client.locator("h1")).toHaveText("Koden kan inte användas");
  await context.close();
});
