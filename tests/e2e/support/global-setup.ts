/**
 * Once per browser run: the build (every spec file's server then starts in a second or two), a
 * folder of this run's own, and the template database each spec file gets a copy of
 * (fixtures.ts). Returns the teardown that removes the folder.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { buildIfNeeded } from "../../../scripts/build-if-needed";
import { claimRunDir } from "../../setup/run-dir";

export const TEMPLATE_NAME = "template.db";

export default function globalSetup() {
  buildIfNeeded();
  const run = claimRunDir("e2e");
  execFileSync(process.execPath, ["--import", "tsx", "tests/e2e/support/make-template.ts"], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(run.dir, TEMPLATE_NAME)}` },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return run.remove;
}
