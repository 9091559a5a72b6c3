/**
 * `npm run test:postgresql [-- vitest args]`: the storage, submit, report, units, fault and
 * privacy tests against PostgreSQL, then the browser specs of playwright.postgresql.config.ts
 * (units kept apart and compared, a client answering) on servers running on PostgreSQL. Uses
 * TEST_POSTGRESQL_URL (a role that may create databases) when set; otherwise starts a throwaway
 * cluster of Debian's `postgresql` package in a temporary folder, on a free port, and removes it
 * afterwards. Each test file and each spec file gets its own database, copied from a migrated
 * template (tests/setup/, tests/e2e/support/postgresql.ts). Given vitest arguments (a file, a
 * filter), only vitest runs, with them: a run narrowed to iterate on a test.
 */
import { spawnSync } from "node:child_process";
import { startCluster } from "./postgresql-cluster";

const given = process.env.TEST_POSTGRESQL_URL;
const cluster = given ? null : await startCluster();
const vitestArgs = process.argv.slice(2);
const env = { ...process.env, TEST_DATABASE: "postgresql", TEST_POSTGRESQL_URL: given ?? cluster!.url };
const run = (args: string[]) => spawnSync(process.execPath, args, { stdio: "inherit", env }).status ?? 1;
let status = 1;
try {
  status = run(["node_modules/vitest/vitest.mjs", "run", "--config", "vitest.postgresql.config.ts", ...vitestArgs]);
  // the browser part runs after a vitest failure too: one run shows every failure
  if (vitestArgs.length === 0) status = Math.max(status, run(["node_modules/@playwright/test/cli.js", "test", "--config", "playwright.postgresql.config.ts"]));
} finally {
  cluster?.stop();
}
process.exit(status);
