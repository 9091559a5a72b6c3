import { expect, test } from "./support/fixtures";
import { ADMIN } from "./support/accounts";
import { login } from "./support/login";
import { cli } from "./support/run";

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-post").fill(ADMIN.email);
  await page.getByLabel("Lösenord").fill("not-the-password");
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Fel e-post eller lösenord.");
  await expect(page).toHaveURL(/\/login/);
});

test("admin creates a staff user, who logs in and sees the staff home", async ({ page, browser }) => {
  await login(page, ADMIN);
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Användare" }).click();
  await page.getByLabel("E-post").fill("new-staff@example.se");
  await page.getByLabel("Roll").selectOption("staff");
  await page.getByRole("button", { name: "Skapa användare" }).click();
  await expect(page.getByRole("status")).toContainText("new-staff@example.se");
  const password = (await page.locator("code.secret").textContent())!.trim();
  expect(password).toHaveLength(20);

  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await login(staffPage, { email: "new-staff@example.se", password });
  await expect(staffPage.getByRole("heading", { level: 1 })).toHaveText("Brukarröst");
  await expect(staffPage.getByText("Inloggad som new-staff@example.se.")).toBeVisible();
  // staff see no admin pages
  await expect(staffPage.getByRole("link", { name: "Användare" })).toHaveCount(0);
  await expect(staffPage.getByRole("link", { name: "Lämna ut enkätkoder" })).toBeVisible();
  const refused = await staffPage.goto("/admin/users");
  expect(refused?.status()).toBe(403);
  await staffContext.close();
});

test("every page carries the security headers", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["referrer-policy"]).toBe("same-origin"); // no Referer to other sites; a real Origin on our own forms
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["cache-control"]).toBe("no-store");
});

test("anonymous visitors are sent to the login page", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fusers/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("staff log in and out with plain form posts", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("E-post").fill(ADMIN.email);
    await page.getByLabel("Lösenord").fill(ADMIN.password);
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await page.getByRole("button", { name: "Logga ut" }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.goto("/admin/users"))!.url()).toMatch(/\/login\?redirectTo=/);
  });
});

test("staff switch the interface between Swedish and English, and the choice stays", async ({ page }) => {
  await login(page, ADMIN);
  await expect(page.getByRole("link", { name: "Lämna ut enkätkoder" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("link", { name: "Hand out survey codes" })).toBeVisible();
  await page.goto("/admin/codes");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Survey codes");
  await page.getByRole("button", { name: "Svenska" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enkätkoder");
});

test("a staff member changes their own password", async ({ page, browser }) => {
  cli(["users", "create", "--email", "pw@example.se", "--role", "staff", "--password-stdin"], "first-password-123");
  await login(page, { email: "pw@example.se", password: "first-password-123" });
  await page.getByRole("link", { name: /pw@example\.se/ }).click();
  await page.getByLabel("Nuvarande lösenord").fill("first-password-123");
  await page.getByLabel("Nytt lösenord", { exact: true }).fill("second-password-123");
  await page.getByLabel("Nytt lösenord igen").fill("second-password-12");
  await page.getByRole("button", { name: "Byt lösenord" }).click();
  await expect(page.getByText("Lösenorden är inte lika.")).toBeVisible();
  await page.getByLabel("Nytt lösenord igen").fill("second-password-123");
  await page.getByRole("button", { name: "Byt lösenord" }).click();
  await expect(page.getByRole("status")).toHaveText("Lösenordet är bytt.");
  const fresh = await browser.newPage();
  await login(fresh, { email: "pw@example.se", password: "second-password-123" });
  await fresh.close();
});
