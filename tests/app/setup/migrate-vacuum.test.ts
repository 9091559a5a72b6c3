/**
 * "After migrations the start-up rewrites the file (VACUUM)" (docs/privacy.md): migrations
 * rebuild tables and delete rows without secure_delete, so a used code of an older version could
 * stay in a freed page. Attacked with a file whose freed pages hold a marker: after migrate(),
 * no byte of it is left.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "~/setup/migrate.server";
import { TMP_DIR } from "../../setup/paths";

const file = path.join(TMP_DIR, `migrate-vacuum-${process.pid}.db`);
const MARKER = "USED-CODE-HASH-0f3c9a";

afterAll(() => {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
});

describe("migrating a database", () => {
  it("leaves no deleted row's bytes in the file's freed pages", () => {
    fs.mkdirSync(TMP_DIR, { recursive: true });
    const old = new Database(file);
    // Prisma's own history table, empty: a file it will migrate from the first migration on
    old.exec(`CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    // rows deleted the way a migration's rebuild deletes them: without secure_delete, so their
    // bytes stay in the pages SQLite frees (two hundred pages of them)
    old.pragma("secure_delete = OFF");
    old.exec(`CREATE TABLE "OldCodes" ("hash" TEXT)`);
    const insert = old.prepare(`INSERT INTO "OldCodes" VALUES (?)`);
    for (let i = 0; i < 800; i++) insert.run(`${MARKER}-${i}-${"x".repeat(900)}`);
    old.exec(`DELETE FROM "OldCodes"`);
    old.close();
    expect(fs.readFileSync(file).includes(MARKER)).toBe(true);

    expect(migrate(`file:${file}`).length).toBeGreaterThan(0);
    for (const f of [file, `${file}-wal`].filter((x) => fs.existsSync(x))) expect(fs.readFileSync(f).includes(MARKER), path.basename(f)).toBe(false);
  }, 120_000);
});
