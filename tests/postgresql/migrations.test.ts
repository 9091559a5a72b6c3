import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migratePostgresql, POSTGRESQL_MIGRATIONS_DIR } from "~/setup/migrate-postgresql.server";
import { migrationSql, POSTGRESQL_SCHEMA } from "../../scripts/postgresql-schema";
import { TMP_DIR } from "../setup/paths";
import { databaseUrlFor, onServer } from "../setup/postgresql";

/**
 * The committed PostgreSQL migrations, applied the way the app applies them, must build exactly
 * the schema prisma/postgresql/schema.prisma describes: otherwise someone changed the schema
 * without `npm run db:pg-sync` writing its migration (or edited one by hand).
 */
const created: string[] = [];
async function freshDatabase(label: string): Promise<string> {
  const name = `${label}_${process.pid}_${created.length}`;
  await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`);
  created.push(name);
  return databaseUrlFor(name);
}
afterAll(() => onServer(...created.map((n) => `DROP DATABASE IF EXISTS ${n} WITH (FORCE)`)));

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Columns, indexes and constraints of the public schema, as text that two databases can share. */
async function catalog(url: string): Promise<string[]> {
  const rows = await query<{ line: string }>(
    url,
    `SELECT format('column %s.%s %s null=%s default=%s', table_name, column_name, data_type, is_nullable, column_default) AS line
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
     UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
     UNION ALL SELECT format('constraint %s %s', conname, pg_get_constraintdef(oid)) FROM pg_constraint
       WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'`,
  );
  return rows.map((r) => r.line).sort();
}

describe("PostgreSQL migrations", () => {
  it("build exactly the generated schema", async () => {
    const migrated = await freshDatabase("migrated");
    expect((await migratePostgresql(migrated)).length).toBeGreaterThan(0);
    const direct = await freshDatabase("direct");
    await query(direct, migrationSql(null, fs.readFileSync(POSTGRESQL_SCHEMA, "utf8")));
    const expected = await catalog(direct);
    expect(expected.length).toBeGreaterThan(20);
    expect(await catalog(migrated), "run npm run db:pg-sync and commit the migration it writes").toEqual(expected);
  }, 120_000);

  it("are recorded as Prisma records them and applied once", async () => {
    const url = await freshDatabase("recorded");
    const applied = await migratePostgresql(url);
    expect(applied).toEqual(fs.readdirSync(POSTGRESQL_MIGRATIONS_DIR).filter((d) => /^\d{14}_/.test(d)).sort());
    expect(await migratePostgresql(url)).toEqual([]);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(url, `SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"`);
    expect(rows.map((r) => r.migration_name)).toEqual(applied);
    for (const r of rows) expect(r.finished_at).not.toBeNull();
    for (const r of rows) expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
  }, 120_000);

  it("leave the database untouched when one of them fails", async () => {
    const url = await freshDatabase("failing");
    const dir = path.join(TMP_DIR, `failing-migrations-${process.pid}`);
    fs.mkdirSync(path.join(dir, "20000101000000_good"), { recursive: true });
    fs.mkdirSync(path.join(dir, "20000102000000_bad"), { recursive: true });
    fs.writeFileSync(path.join(dir, "20000101000000_good", "migration.sql"), `CREATE TABLE "Good" ("id" TEXT PRIMARY KEY);`);
    fs.writeFileSync(path.join(dir, "20000102000000_bad", "migration.sql"), `ALTER TABLE "Missing" ADD COLUMN "x" TEXT;`);
    await expect(migratePostgresql(url, dir)).rejects.toThrow(/Missing/);
    const tables = await query<{ t: string }>(url, `SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables).toEqual([]);
  }, 120_000);
});
