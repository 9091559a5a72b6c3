import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * The browser specs that run a second time on PostgreSQL (`npm run test:postgresql`, after its
 * vitest part, on the same server): two units each seeing only their own codes and results and
 * an organisation manager comparing them with small groups withheld (units*.spec.ts), and a
 * client answering a single-use code in Arabic on a phone. Each spec file gets a database of its
 * own on TEST_POSTGRESQL_URL's server (tests/e2e/support/postgresql.ts). Everything else runs
 * once, on SQLite (`npm run test:e2e`); so do the other respondent tests, whose accessibility
 * scans and languages do not touch the database.
 */
if (!process.env.TEST_POSTGRESQL_URL) throw new Error("playwright.postgresql.config.ts needs TEST_POSTGRESQL_URL: run npm run test:postgresql");
process.env.TEST_DATABASE = "postgresql"; // read by the global setup and by every worker it starts

const [browser] = base.projects!;

export default defineConfig({
  ...base,
  projects: [
    { ...browser, name: "units", testMatch: "**/units*.spec.ts" },
    {
      ...browser,
      name: "respondent",
      testMatch: "**/respondent.spec.ts",
      grep: /a client answers in Arabic on a phone \(JavaScript off\)/,
      // its three accessibility scans alone pass the minute when a 2-core machine is shared
      timeout: 180_000,
    },
  ],
});
