/**
 * The unit_name_key migration's backfill on a PostgreSQL install that already holds units with
 * duplicate names (the SQLite counterpart: tests/app/units/name-key-migration.test.ts). Applied
 * the way the app applies migrations; PostgreSQL's lower() follows the database's ctype, so only
 * ASCII keys are asserted exactly.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { migratePostgresql, POSTGRESQL_MIGRATIONS_DIR, postgresqlMigrationNames } from "~/setup/migrate-postgresql.server";
import { TMP_DIR } from "../setup/paths";
import { databaseUrlFor, onServer } from "../setup/postgresql";

const name = `unit_name_key_${process.pid}`;
afterAll(() => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

it("backfills each organisation's first unit of a name with its key and refuses new duplicates", async () => {
  await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`);
  const url = databaseUrlFor(name);
  const all = postgresqlMigrationNames();
  const target = all.findIndex((d) => d.endsWith("_unit_name_key"));
  expect(target).toBeGreaterThan(0);
  // the migrations before it, as an install that has not updated yet
  const before = path.join(TMP_DIR, `migrations-before-unit-name-key-${process.pid}`);
  for (const m of all.slice(0, target)) fs.cpSync(path.join(POSTGRESQL_MIGRATIONS_DIR, m), path.join(before, m), { recursive: true });
  await migratePostgresql(url, before);
  fs.rmSync(before, { recursive: true, force: true });

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`INSERT INTO "Organisation" ("id", "name", "slug") VALUES ('oslo', 'Oslo kommune', 'oslo')`);
    for (const [id, org, unitName] of [
      ["u1", "default", "Team A"],
      ["u2", "default", "team a"],
      ["u3", "oslo", "Team A"],
    ]) await client.query(`INSERT INTO "Unit" ("id", "organisationId", "name", "slug") VALUES ($1, $2, $3, $1)`, [id, org, unitName]);
    expect(await migratePostgresql(url)).toEqual(all.slice(target));
    const rows = (await client.query<{ id: string; nameKey: string | null }>(`SELECT "id", "nameKey" FROM "Unit"`)).rows;
    expect(Object.fromEntries(rows.map((r) => [r.id, r.nameKey]))).toEqual({ default: "unit", u1: "team a", u2: null, u3: "team a" });
    await expect(client.query(`UPDATE "Unit" SET "nameKey" = 'team a' WHERE "id" = 'u2'`)).rejects.toThrow(/unique/i);
  } finally {
    await client.end();
  }
}, 120_000);
