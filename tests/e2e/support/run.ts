import type { Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { E2E_DB } from "./accounts";

/** Runs a TypeScript program (the CLI, a seed script) against the e2e server's database. */
export function runOnE2eDatabase(script: string, args: string[] = [], input?: string): string {
  return execFileSync(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, DATABASE_URL: `file:./${E2E_DB}`, TOKEN_SECRET: "e2e-token-secret-e2e-token-secret-xx" },
    input,
    encoding: "utf8",
    stdio: ["pipe", "pipe", "inherit"],
  });
}

/** `npm run cli -- …` on the e2e database. */
export const cli = (args: string[], input?: string) => runOnE2eDatabase("app/cli/main.ts", args, input);

/** Collects console errors: a CSP violation or a hydration mismatch shows up as one. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return errors;
}
