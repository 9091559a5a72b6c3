/**
 * The survey_code_hash_key migration on an SQLite install that holds codes, handed out and in
 * stock: every code survives with all it holds, keyed by its hash alone, and the table stores
 * them in hash order, not the order they were issued (decision 0010: the gap a used code left in
 * issue order told which slip of a sheet had been answered). Applied as the app applies them.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { TMP_DIR } from "../../setup/paths";

const MIGRATIONS = path.join("prisma", "migrations");
const file = path.join(TMP_DIR, `hash-key-migration-${process.pid}.db`);
afterAll(() => fs.rmSync(file, { force: true }));

const COLUMNS = ["hash", "surveyVersionId", "wave", "lang", "clientGroup", "referral", "validMonth", "validFrom", "expiresAt", "stock", "unitId"];

it("keeps every code, handed out or in stock, keyed by its hash and stored in hash order", () => {
  const names = fs.readdirSync(MIGRATIONS).filter((d) => /^\d{14}_/.test(d)).sort();
  const target = names.findIndex((d) => d.endsWith("_survey_code_hash_key"));
  expect(target).toBeGreaterThan(0);
  const db = new Database(file);
  try {
    const apply = (name: string) => db.exec(fs.readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
    names.slice(0, target).forEach(apply);
    db.exec(`INSERT INTO "Survey" ("id", "slug", "title", "defaultLanguage") VALUES ('s', 's', 'S', 'sv')`);
    db.exec(`INSERT INTO "SurveyVersion" ("id", "surveyId", "version", "label", "status", "questions", "updatedAt") VALUES ('v', 's', 1, '1', 'published', '[]', 0)`);
    const insert = db.prepare(
      `INSERT INTO "SurveyCode" ("id", ${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (?, ${COLUMNS.map(() => "?").join(", ")})`,
    );
    // issued in an order unlike their hashes' (as real hashes are), the last ones printed ahead
    const issued = Array.from({ length: 40 }, (_, i) => {
      const stock = i >= 30;
      const hash = `h${String((i * 17) % 40).padStart(2, "0")}${"x".repeat(40)}`;
      return [hash, "v", stock ? "" : "closure", "sv", i % 3 === 0 ? "subjected" : null, null, stock ? "" : "2026-11", 1_790_000_000_000 + i, 1_800_000_000_000 + i, stock ? 1 : 0, "default"];
    });
    issued.forEach((row, i) => insert.run(`00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, ...row));

    names.slice(target).forEach(apply);
    const table = db.prepare(`SELECT "sql" FROM sqlite_master WHERE "name" = 'SurveyCode'`).get() as { sql: string };
    expect(table.sql).toMatch(/WITHOUT ROWID\s*$/);
    expect((db.prepare(`PRAGMA table_info("SurveyCode")`).all() as { name: string; pk: number }[]).map((c) => [c.name, c.pk])).toEqual(
      COLUMNS.map((c) => [c, c === "hash" ? 1 : 0]),
    );
    // stored (a plain scan) in hash order, every value kept
    const stored = db.prepare(`SELECT ${COLUMNS.map((c) => `"${c}"`).join(", ")} FROM "SurveyCode"`).raw().all() as unknown[][];
    expect(stored).toEqual([...issued].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    expect(db.pragma("foreign_key_check")).toEqual([]);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    // the claim as the writer runs it: by hash, once
    const claim = db.prepare(`DELETE FROM "SurveyCode" WHERE "hash" = ? AND "stock" = false`);
    expect(claim.run(issued[0]![0]).changes).toBe(1);
    expect(claim.run(issued[0]![0]).changes).toBe(0);
    expect(claim.run(issued[35]![0]).changes).toBe(0); // in stock: not answerable
  } finally {
    db.close();
  }
});
