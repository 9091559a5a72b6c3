import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * PostgreSQL migrations: the committed SQL of prisma/postgresql/migrations, applied here with
 * `pg`, because `prisma migrate deploy` through the pg driver adapter fails (Prisma issue 27403,
 * "Column type 'name' could not be deserialized"). Recorded in Prisma's own `_prisma_migrations`
 * table and format, so `prisma migrate status` reads the same history (decision 0022).
 */
export const POSTGRESQL_MIGRATIONS_DIR = path.resolve("prisma", "postgresql", "migrations");

// Prisma's table, as its schema engine creates it on PostgreSQL
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Any fixed number: two processes starting at once apply the migrations one after the other. */
const MIGRATION_LOCK = 4_106_022;

export function postgresqlMigrationNames(dir = POSTGRESQL_MIGRATIONS_DIR): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/**
 * Applies every pending migration in one transaction (PostgreSQL's DDL is transactional: a
 * failing migration leaves the database as it was). Returns the names applied.
 */
export async function migratePostgresql(databaseUrl: string, dir = POSTGRESQL_MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(MIGRATIONS_TABLE);
    const applied = new Set(
      (await client.query<{ migration_name: string }>(
        `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
      )).rows.map((r) => r.migration_name),
    );
    const pending = postgresqlMigrationNames(dir).filter((m) => !applied.has(m));
    for (const name of pending) {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      await client.query(sql);
      await client.query(
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count")
         VALUES ($1, $2, now(), $3, now(), 1)`,
        [randomUUID(), createHash("sha256").update(sql).digest("hex"), name],
      );
    }
    await client.query("COMMIT");
    return pending;
  } finally {
    // before COMMIT, ending the connection rolls everything back
    await client.end();
  }
}
