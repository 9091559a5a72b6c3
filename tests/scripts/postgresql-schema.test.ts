import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { changesSchema, migrationSql, POSTGRESQL_SCHEMA, postgresqlSchema, SQLITE_SCHEMA } from "../../scripts/postgresql-schema";

/**
 * Runs without PostgreSQL: fails when prisma/schema.prisma changed (a merge, a new table) and
 * `npm run db:pg-sync` was not run. tests/postgresql/migrations.test.ts checks on a server that
 * the committed migrations build this schema.
 */
const FIX = "prisma/postgresql/ is out of date with prisma/schema.prisma: run npm run db:pg-sync and commit what it writes";

describe("the PostgreSQL schema", () => {
  it("is the SQLite schema with the PostgreSQL provider, as generated", () => {
    const generated = postgresqlSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
    expect(generated).toMatch(/provider = "postgresql"/);
    expect(generated).not.toMatch(/"sqlite"/);
    expect(fs.readFileSync(POSTGRESQL_SCHEMA, "utf8"), FIX).toBe(generated);
  });

  it("needs no migration beyond the committed ones", () => {
    const committed = fs.readFileSync(POSTGRESQL_SCHEMA, "utf8");
    const sql = migrationSql(committed, postgresqlSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8")));
    expect(changesSchema(sql), `${FIX}\n${sql}`).toBe(false);
    // and the check can fail: a model added to the SQLite schema needs a migration
    const grown = fs.readFileSync(SQLITE_SCHEMA, "utf8") + "\nmodel SlipStock {\n  id String @id\n  count Int\n}\n";
    expect(changesSchema(migrationSql(committed, postgresqlSchema(grown)))).toBe(true);
  }, 60_000);
});
