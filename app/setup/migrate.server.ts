import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "~/utils/sqlite.server";
import { databasePath, providerOf } from "~/utils/database-url";
import { createPrivateFile } from "~/utils/private-files.server";

const MIGRATIONS_DIR = path.resolve("prisma", "migrations");

function migrationNames(): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Migrations in prisma/migrations not yet applied to the database file. */
export function pendingMigrations(file = databasePath()): string[] {
  if (!fs.existsSync(file)) return migrationNames();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get();
    if (!table) return migrationNames();
    const applied = new Set(
      (db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL").all() as {
        migration_name: string;
      }[]).map((r) => r.migration_name),
    );
    return migrationNames().filter((m) => !applied.has(m));
  } finally {
    db.close();
  }
}

/**
 * Applies pending migrations with Prisma's own `migrate deploy` (its JavaScript schema engine,
 * offline), then turns on WAL. Skips the CLI when nothing is pending, so a restart is quick.
 */
export function migrate(databaseUrl: string): string[] {
  const file = databaseUrl.slice("file:".length);
  // created here, 0600 in a 0700 directory, before Prisma's engine or SQLite would create it 0644
  createPrivateFile(file);
  const pending = pendingMigrations(file);
  if (pending.length > 0) {
    const cli = path.resolve("node_modules", "prisma", "build", "index.js");
    execFileSync(process.execPath, [cli, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
  }
  const db = openDatabase(file);
  try {
    // WAL: readers (reports, backups) never block the single writer that records answers.
    db.pragma("journal_mode = WAL");
    if (pending.length > 0) {
      // Migrations rebuild tables and delete rows without secure_delete: rewrite the file from
      // its live rows so no freed page keeps them (a used code of an older version, decision 0010).
      db.pragma("secure_delete = ON");
      db.exec("VACUUM");
      db.pragma("wal_checkpoint(TRUNCATE)");
    }
  } finally {
    db.close();
  }
  return pending;
}

/** Brings any database DATABASE_URL can name up to date: SQLite (above) or PostgreSQL. */
export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  if (providerOf(databaseUrl) === "postgresql") {
    const { migratePostgresql } = await import("./migrate-postgresql.server");
    return migratePostgresql(databaseUrl);
  }
  return migrate(databaseUrl);
}
