/**
 * Isolation for browser tests: each spec file gets its own copy of the run's template database
 * (global-setup.ts) and its own server on it, so no spec sees another's data and specs can run
 * alone or in any order with the same result. A spec opts in with one line:
 *
 *   import { expect, test } from "./support/fixtures";   // instead of "@playwright/test"
 *
 * The database is copied when the file first needs it (a `cli`/`runOnE2eDatabase` call in a
 * hook or test, or a page); the server starts on port 0 for the file's first test that opens a
 * page and sets `baseURL` to it. A worker runs one spec file at a time: when the next file starts,
 * the last file's server is stopped and its database removed.
 *
 * On a PostgreSQL run (TEST_DATABASE=postgresql, playwright.postgresql.config.ts) the copy is a
 * database of its own on TEST_POSTGRESQL_URL's server, made from the run's template database
 * (postgresql.ts), and the server runs on it as a PostgreSQL installation does.
 */
import { test as base } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { startServer, type RunningServer } from "../../support/server";
import { E2E_SECRETS } from "./accounts";
import { TEMPLATE_NAME } from "./global-setup";
import { ON_POSTGRESQL } from "../../setup/postgresql";
import { createSpecFileDatabase } from "./postgresql";

type SpecFileApp = { file: string; databaseUrl: string; remove: () => Promise<void> | void; server?: Promise<RunningServer> };

let current: SpecFileApp | undefined;
const retiring: Promise<void>[] = [];

function retire(app: SpecFileApp) {
  retiring.push(
    (async () => {
      // a server that failed to start has failed the test that waited for it: nothing to stop
      await (await app.server?.catch(() => undefined))?.stop();
      await app.remove();
    })(),
  );
}

/** The app of the spec file now running (from Playwright's test info), its database copied on first use. */
function specFileApp(): SpecFileApp {
  const file = base.info().file;
  if (current?.file === file) return current;
  if (current) retire(current);
  if (ON_POSTGRESQL) return (current = { file, ...createSpecFileDatabase(file) });
  const runDir = process.env.TEST_RUN_DIR;
  if (!runDir) throw new Error("TEST_RUN_DIR is unset: run browser tests through playwright.config.ts (its global setup)");
  // the process id too: after a failure Playwright goes on with the file in a new worker, on a new copy
  const dir = path.join(runDir, `${path.basename(file).replace(/\.spec\.ts$/, "")}-${process.pid}`);
  fs.mkdirSync(dir, { mode: 0o700 }); // private, as npm start checks
  const database = path.join(dir, "e2e.db");
  fs.copyFileSync(path.join(runDir, TEMPLATE_NAME), database);
  current = { file, databaseUrl: `file:${database}`, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
  return current;
}

/** DATABASE_URL of the running spec file's own database, for CLI runs and seed scripts on it. */
export function specFileDatabaseUrl(): string {
  return specFileApp().databaseUrl;
}

/** The running spec file's server, started on its database the first time a test asks. */
function specFileServer(): Promise<RunningServer> {
  const app = specFileApp();
  app.server ??= startServer(app.databaseUrl, { env: E2E_SECRETS }).then((server) => {
    server.process.stderr!.on("data", (d) => process.stderr.write(d)); // the app's errors, as they happen
    return server;
  });
  return app.server;
}

// Playwright reads a fixture's dependencies from its first parameter, which must be a
// destructuring pattern even when there are none
/* eslint-disable no-empty-pattern */
export const test = base.extend<object, { stopSpecFileServers: void }>({
  baseURL: async ({}, provide) => provide((await specFileServer()).url),
  stopSpecFileServers: [
    async ({}, provide) => {
      await provide();
      if (current) retire(current);
      current = undefined;
      await Promise.all(retiring);
    },
    { scope: "worker", auto: true },
  ],
});
/* eslint-enable no-empty-pattern */

// everything else as @playwright/test has it, so the import line is the only change
export * from "@playwright/test";
