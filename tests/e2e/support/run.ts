import { expect, type Locator, type Page } from "@playwright/test";
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { readCsvLikeExcel, readXlsx } from "../../support/spreadsheet";
import { E2E_SECRETS } from "./accounts";
import { specFileDatabaseUrl } from "./fixtures";

/**
 * Runs a TypeScript program (the CLI, a seed script) on the running spec file's own database
 * (fixtures.ts), in a hook or a test: a seed in `test.beforeAll` lands before the file's server starts.
 */
export function runOnE2eDatabase(script: string, args: string[] = [], input?: string): string {
  return execFileSync(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, DATABASE_URL: specFileDatabaseUrl(), ...E2E_SECRETS },
    input,
    encoding: "utf8",
    stdio: ["pipe", "pipe", "inherit"],
  });
}

/** `npm run cli -- …` on the running spec file's database. */
export const cli = (args: string[], input?: string) => runOnE2eDatabase("app/cli/main.ts", args, input);

/** Collects console errors: a CSP violation or a hydration mismatch shows up as one. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return errors;
}

/** Waits until chart.js has drawn something on the canvas. */
export async function expectCanvasDrawn(canvas: Locator) {
  await expect
    .poll(() =>
      canvas.evaluate((c: HTMLCanvasElement) => {
        const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
        return data.some((v, i) => i % 4 === 3 && v > 0);
      }),
    )
    .toBe(true);
}

/** Clicks the page's CSV link and returns the file: its text, and rows split on ';' after the BOM. */
export async function downloadCsv(page: Page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV" }).click()]);
  const text = fs.readFileSync((await download.path())!, "utf8");
  return { text, rows: readCsvLikeExcel(text) };
}

/** Clicks the page's XLSX link and reads the file's sheets as Excel would. */
export async function downloadXlsx(page: Page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Excel (XLSX)" }).click()]);
  return readXlsx(fs.readFileSync((await download.path())!));
}
