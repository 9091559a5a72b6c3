/**
 * The PostgreSQL schema is made from prisma/schema.prisma, never edited by hand: Prisma picks a
 * provider per schema file, not per environment (docs/decisions/0022-postgresql-second-schema.md).
 * Shared by `npm run db:pg-sync` and the test that fails when the committed copy is out of date.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const SQLITE_SCHEMA = path.join("prisma", "schema.prisma");
export const POSTGRESQL_SCHEMA = path.join("prisma", "postgresql", "schema.prisma");
export const POSTGRESQL_MIGRATIONS = path.join("prisma", "postgresql", "migrations");

const HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db:pg-sync`: edit that file, then re-run it.\n" +
  "// The same models for PostgreSQL, with a client of its own (.prisma/client-postgresql).\n\n";

/** The SQLite schema's text with the PostgreSQL provider and the second client's output. */
export function postgresqlSchema(sqliteSchema: string): string {
  const datasource = /(datasource db \{[^}]*provider\s*=\s*)"sqlite"/;
  const generator = /(generator client \{[^}]*provider\s*=\s*"prisma-client-js"\n)/;
  if (!datasource.test(sqliteSchema) || !generator.test(sqliteSchema)) {
    throw new Error(`${SQLITE_SCHEMA}: expected a "sqlite" datasource db and a prisma-client-js generator client`);
  }
  return (
    HEADER +
    sqliteSchema
      .replace(datasource, '$1"postgresql"')
      // relative to this schema's folder: node_modules/.prisma/client-postgresql
      .replace(generator, '$1  output          = "../../node_modules/.prisma/client-postgresql"\n')
  );
}

/** SQL that takes a database from schema `from` (null: empty) to schema `to`, by Prisma's offline diff. */
export function migrationSql(from: string | null, to: string): string {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? "/tmp"), "pg-schema-"));
  try {
    const toFile = path.join(dir, "to.prisma");
    fs.writeFileSync(toFile, to);
    const fromArgs = from === null ? ["--from-empty"] : ["--from-schema-datamodel", path.join(dir, "from.prisma")];
    if (from !== null) fs.writeFileSync(path.join(dir, "from.prisma"), from);
    return execFileSync(
      process.execPath,
      [path.resolve("node_modules/prisma/build/index.js"), "migrate", "diff", ...fromArgs, "--to-schema-datamodel", toFile, "--script"],
      // prisma.config.ts hands the CLI a SQLite adapter (its offline JavaScript engine, decision
      // 0001); a scratch file keeps it away from any real database. Diffing never writes to it.
      { encoding: "utf8", env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "scratch.db")}`, PRISMA_HIDE_UPDATE_MESSAGE: "1" } },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** True when a diff's SQL changes anything (Prisma writes a comment for an empty one). */
export function changesSchema(sql: string): boolean {
  return /\b(CREATE|ALTER|DROP)\b/i.test(sql);
}
