/**
 * Once per browser run: the build (every spec file's server then starts in a second or two), a
 * folder of this run's own, and the template database each spec file gets a copy of
 * (fixtures.ts): a file in the folder, or on a PostgreSQL run a database on the test server.
 * Returns the teardown that removes them.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { buildIfNeeded } from "../../../scripts/build-if-needed";
import { claimRunDir } from "../../setup/run-dir";
import { databaseUrlFor, ON_POSTGRESQL, onServer } from "../../setup/postgresql";
import { templateDatabase } from "./postgresql";

export const TEMPLATE_NAME = "template.db";

export default async function globalSetup() {
  buildIfNeeded();
  const run = claimRunDir("e2e");
  const template = ON_POSTGRESQL ? templateDatabase() : null;
  if (template) await onServer(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`, `CREATE DATABASE "${template}"`);
  execFileSync(process.execPath, ["--import", "tsx", "tests/e2e/support/make-template.ts"], {
    env: { ...process.env, DATABASE_URL: template ? databaseUrlFor(template) : `file:${path.join(run.dir, TEMPLATE_NAME)}` },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return async () => {
    if (template) await onServer(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    run.remove();
  };
}
