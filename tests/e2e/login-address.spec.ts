/**
 * Logging in on another address than PUBLIC_URL (the walk-through of 2026-11-28 opened the
 * "listening on" address, http://127.0.0.1:PORT, with PUBLIC_URL http://localhost:PORT). The
 * origin check still refuses the post; the page says, in Swedish or English, which address to open.
 * The e2e server's PUBLIC_URL is http://127.0.0.1:PORT, so here localhost is the other address.
 */
import { expect, test } from "./support/fixtures";
import { ADMIN } from "./support/accounts";

const otherAddress = (publicUrl: string) => publicUrl.replace("127.0.0.1", "localhost");

test("on another address the login page names PUBLIC_URL, and the refused post says the same, styled", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  await page.goto(`${otherAddress(baseURL!)}/login`);
  const notice = page.getByTestId("other-address");
  await expect(notice).toContainText(`den är inställd på adressen ${baseURL}`);
  await expect(notice.getByRole("link", { name: `Logga in på ${baseURL}` })).toHaveAttribute("href", `${baseURL}/login`);

  await page.getByLabel("E-post").fill(ADMIN.email);
  await page.getByLabel("Lösenord").fill(ADMIN.password);
  const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Logga in" }).click()]);
  expect(answer.status()).toBe(403); // the check itself stays
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Begäran avvisades");
  await expect(page.locator("main")).toContainText(`Öppna tjänsten på ${baseURL}`);
  await expect(page.getByRole("link", { name: `Öppna ${baseURL}` })).toHaveAttribute("href", `${baseURL}/login`);
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
  // styled: the staff font, not the browser's default serif
  expect(await page.locator("body").evaluate((b) => getComputedStyle(b).fontFamily)).toContain("system-ui");

  // the named address works
  await page.getByRole("link", { name: `Öppna ${baseURL}` }).click();
  await expect(page.getByTestId("other-address")).toHaveCount(0);
  await page.getByLabel("E-post").fill(ADMIN.email);
  await page.getByLabel("Lösenord").fill(ADMIN.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).toHaveURL(/\/admin/);
  await context.close();
});

test("without JavaScript, in English, the refused login names PUBLIC_URL", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${otherAddress(baseURL!)}/login`);
  await page.getByLabel("E-mail").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The request was refused");
  await expect(page.locator("main")).toContainText(`Open the service at ${baseURL}`);
  await expect(page.getByRole("link", { name: `Open ${baseURL}` })).toHaveAttribute("href", `${baseURL}/login`);
  await context.close();
});
