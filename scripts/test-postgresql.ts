/**
 * `npm run test:postgresql [-- vitest args]`: the storage, submit, report, fault and privacy tests
 * against PostgreSQL. Uses TEST_POSTGRESQL_URL (a role that may create databases) when set;
 * otherwise starts a throwaway cluster of Debian's `postgresql` package in a temporary folder,
 * on a free port, and removes it afterwards. Each test file gets its own database, copied from
 * a migrated template (tests/setup/).
 */
import { spawnSync } from "node:child_process";
import { startCluster } from "./postgresql-cluster";

const given = process.env.TEST_POSTGRESQL_URL;
const cluster = given ? null : await startCluster();
let status = 1;
try {
  const vitest = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--config", "vitest.postgresql.config.ts", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, TEST_DATABASE: "postgresql", TEST_POSTGRESQL_URL: given ?? cluster!.url },
  });
  status = vitest.status ?? 1;
} finally {
  cluster?.stop();
}
process.exit(status);
