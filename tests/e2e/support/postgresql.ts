/**
 * Browser tests on PostgreSQL (TEST_DATABASE=postgresql with TEST_POSTGRESQL_URL, as
 * `npm run test:postgresql` sets them): the run's template and each spec file's own database
 * are databases on that server instead of SQLite files in the run's folder.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { databaseUrlFor, onServer } from "../../setup/postgresql";

/** Database names of this run, from its folder (`e2e-<pid>`): two runs on one server never share one. */
function runPrefix(): string {
  const runDir = process.env.TEST_RUN_DIR;
  if (!runDir) throw new Error("TEST_RUN_DIR is unset: run browser tests through a Playwright config (its global setup)");
  return `brukarrost_${path.basename(runDir).replace(/\W/g, "_")}`;
}

/** The database global-setup.ts migrates and seeds once; spec files' databases are copies of it. */
export const templateDatabase = () => `${runPrefix()}_template`;

/** Runs statements on the server's admin database, synchronously: a spec's database is made inside a sync `cli()` call. */
export function onServerSync(...statements: string[]): void {
  const program = `import pg from "pg";
const client = new pg.Client({ connectionString: process.env.TEST_POSTGRESQL_URL });
await client.connect();
try { for (const sql of JSON.parse(process.env.E2E_STATEMENTS)) await client.query(sql); } finally { await client.end(); }`;
  execFileSync(process.execPath, ["--input-type=module", "--eval", program], {
    env: { ...process.env, E2E_STATEMENTS: JSON.stringify(statements) },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

/** A new database for spec file `file` in this worker, copied from the template; its URL and how to remove it. */
export function createSpecFileDatabase(file: string): { databaseUrl: string; remove: () => Promise<void> } {
  const name = `${runPrefix()}_${path.basename(file).replace(/\.spec\.ts$/, "").replace(/\W/g, "_")}_${process.pid}`;
  onServerSync(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase()}"`);
  return { databaseUrl: databaseUrlFor(name), remove: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
