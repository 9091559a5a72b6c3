import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests drive Debian's Chromium (apt-get install chromium fonts-noto-core): no browser
 * is downloaded. Each spec file gets its own copy of a template database and its own server on
 * port 0, run as `npm start` would (tests/e2e/support/fixtures.ts): specs import `test` from there.
 */
export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "./tests/e2e/support/global-setup.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    locale: "sv-SE",
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
});
