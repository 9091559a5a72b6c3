import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { format } from "node:util";
import { afterAll, beforeEach, vi } from "vitest";
import { TEMPLATE_DB, TMP_DIR } from "./paths";
import { databaseUrlFor, ON_POSTGRESQL, onServer, TEMPLATE_DATABASE } from "./postgresql";

// Each test file gets its own migrated database: a copy of the template, never a mock.
const name = `test_${process.env.VITEST_POOL_ID ?? "0"}_${randomBytes(4).toString("hex")}`;
const file = path.join(TMP_DIR, `${name}.db`);
if (ON_POSTGRESQL) {
  await onServer(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  process.env.DATABASE_URL = databaseUrlFor(name);
} else {
  fs.copyFileSync(TEMPLATE_DB, file);
  process.env.DATABASE_URL = `file:${file}`;
}
process.env.SESSION_SECRET ??= "test-session-secret-test-session-secret";
process.env.TOKEN_SECRET ??= "test-token-secret-test-token-secret-xx";
(globalThis as { brukarrostPrisma?: unknown }).brukarrostPrisma = undefined;

// An error logged is an error: console.error fails the test that caused it.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${format(...args)}`);
  });
});

afterAll(async () => {
  const client = (globalThis as { brukarrostPrisma?: { $disconnect(): Promise<void> } }).brukarrostPrisma;
  await client?.$disconnect();
  if (ON_POSTGRESQL) await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  else for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});
