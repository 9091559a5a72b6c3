import { expect, type Page } from "@playwright/test";

export async function login(page: Page, account: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel(/e-?post|e-?mail/i).fill(account.email);
  await page.getByLabel(/lösenord|password/i).fill(account.password);
  await page.getByRole("button", { name: /logga in|log in/i }).click();
  await expect(page).toHaveURL(/\/admin/);
}
