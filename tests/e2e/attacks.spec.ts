import { expect, test } from "./support/fixtures";
import { ADMIN } from "./support/accounts";
import { login } from "./support/login";

// Issue 12's browser reproductions: they need a real browser's URL parsing and cookie rules.

test("a login link with a tab in redirectTo lands on this site, with JavaScript on", async ({ page, baseURL }) => {
  await page.route("http://evil.example/**", (route) => route.fulfill({ contentType: "text/html", body: "<h1>evil</h1>" }));
  await page.goto("/login?redirectTo=%2F%09%2Fevil.example%2Fphish");
  await page.getByLabel("E-post").fill(ADMIN.email);
  await page.getByLabel("Lösenord").fill(ADMIN.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).toHaveURL(`${baseURL}/admin`);
});

test("another site's auto-posting form cannot create an admin with the admin's session", async ({ page, baseURL }) => {
  await login(page, ADMIN);
  const email = `csrf-${Date.now()}@evil.example`;
  const form = (action: string) =>
    `<form method="post" action="${baseURL}${action}"><input name="intent" value="create">` +
    `<input name="email" value="${email}"><input name="role" value="admin"></form><script>document.forms[0].submit()</script>`;
  for (const action of ["/admin/users", "/admin/users.data"]) {
    await page.route("http://attacker.test/", (route) => route.fulfill({ contentType: "text/html", body: form(action) }));
    const posted = page.waitForResponse((r) => r.url().startsWith(`${baseURL}/admin/users`) && r.request().method() === "POST");
    await page.goto("http://attacker.test/");
    expect((await posted).status()).toBe(403);
    await page.unroute("http://attacker.test/");
  }
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(email)).toHaveCount(0);
});
