/**
 * The unit_name_key migration's backfill (decision 0023) on an SQLite install that already holds
 * units, including duplicate names from before names were checked: it must apply (the unique
 * index would otherwise refuse to build), give every first name its key and leave later
 * duplicates without one. SQLite's lower() folds only ASCII: "SÖDRA" keeps "sÖdra".
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { TMP_DIR } from "../../setup/paths";

const MIGRATIONS = path.join("prisma", "migrations");
const file = path.join(TMP_DIR, `name-key-migration-${process.pid}.db`);
afterAll(() => fs.rmSync(file, { force: true }));

it("backfills each organisation's first unit of a name with its key and refuses new duplicates", () => {
  const names = fs.readdirSync(MIGRATIONS).filter((d) => /^\d{14}_/.test(d)).sort();
  const target = names.findIndex((d) => d.endsWith("_unit_name_key"));
  expect(target).toBeGreaterThan(0);
  const db = new Database(file);
  try {
    const apply = (name: string) => db.exec(fs.readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
    names.slice(0, target).forEach(apply);
    db.exec(`INSERT INTO "Organisation" ("id", "name", "slug") VALUES ('oslo', 'Oslo kommune', 'oslo')`);
    const unit = db.prepare(`INSERT INTO "Unit" ("id", "organisationId", "name", "slug") VALUES (?, ?, ?, ?)`);
    for (const [id, org, name] of [
      ["u1", "default", "Team A"],
      ["u2", "default", "team a"],
      ["u3", "default", "SÖDRA"],
      ["u4", "default", "Södra"],
      ["u5", "oslo", "Team A"],
    ]) unit.run(id, org, name, id);
    apply(names[target]!);
    const keys = Object.fromEntries(db.prepare(`SELECT "id", "nameKey" FROM "Unit"`).all().map((r) => [(r as { id: string }).id, (r as { nameKey: string | null }).nameKey]));
    expect(keys).toEqual({ default: "unit", u1: "team a", u2: null, u3: "sÖdra", u4: "södra", u5: "team a" });
    expect(() => unit.run("u6", "default", "TEAM A", "u6")).not.toThrow(); // no key given: the app always gives one
    expect(() => db.prepare(`UPDATE "Unit" SET "nameKey" = 'team a' WHERE "id" = 'u6'`).run()).toThrow(/UNIQUE/);
  } finally {
    db.close();
  }
});
