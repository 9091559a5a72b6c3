/**
 * `npm run db:pg-sync [-- name]`: brings prisma/postgresql/ up to date with prisma/schema.prisma.
 * Regenerates the PostgreSQL schema and, when its models changed, writes the PostgreSQL migration
 * from the previous generated schema to the new one (`migrate diff`, offline). `npm run
 * db:migration` runs it after writing the SQLite migration; run it yourself after merging a
 * branch that changed the schema. Data moves inside a SQLite migration (INSERT … SELECT) are
 * not translated: add them to the PostgreSQL migration by hand and review both.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { changesSchema, migrationSql, POSTGRESQL_MIGRATIONS, POSTGRESQL_SCHEMA, postgresqlSchema, SQLITE_SCHEMA } from "./postgresql-schema";

const name = process.argv[2] ?? latestSqliteMigrationName();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:pg-sync -- [name_in_snake_case]");
  process.exit(1);
}

function latestSqliteMigrationName(): string {
  const dirs = fs.readdirSync(path.join("prisma", "migrations")).filter((d) => /^\d{14}_/.test(d)).sort();
  return dirs.at(-1)?.replace(/^\d{14}_/, "") ?? "init";
}

const next = postgresqlSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
const previous = fs.existsSync(POSTGRESQL_SCHEMA) ? fs.readFileSync(POSTGRESQL_SCHEMA, "utf8") : null;
const hasMigrations = fs.existsSync(POSTGRESQL_MIGRATIONS) && fs.readdirSync(POSTGRESQL_MIGRATIONS).some((d) => /^\d{14}_/.test(d));

const sql = migrationSql(hasMigrations ? previous : null, next);
if (changesSchema(sql)) {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(POSTGRESQL_MIGRATIONS, `${stamp}_${hasMigrations ? name : "init"}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  fs.writeFileSync(path.join(POSTGRESQL_MIGRATIONS, "migration_lock.toml"), 'provider = "postgresql"\n');
  console.log(`Wrote ${dir}/migration.sql — review it with the SQLite one.`);
} else {
  console.log("PostgreSQL migrations are up to date.");
}
if (next !== previous) {
  fs.mkdirSync(path.dirname(POSTGRESQL_SCHEMA), { recursive: true });
  fs.writeFileSync(POSTGRESQL_SCHEMA, next);
  console.log(`Wrote ${POSTGRESQL_SCHEMA}.`);
}
// the PostgreSQL client (npm install's postinstall does the same)
execFileSync("npm", ["run", "--silent", "postinstall"], { stdio: "inherit" });
