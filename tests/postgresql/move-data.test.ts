import Database from "better-sqlite3";
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashCode } from "~/codes/code.server";
import { TMP_DIR } from "../setup/paths";
import { plain } from "../support/codes";
import { databaseUrlFor, onServer } from "../setup/postgresql";

/**
 * `migrate-data` moves an SQLite install into PostgreSQL: every row of every table arrives
 * unchanged, the moved install reports exactly what the old one did and opens its unused codes,
 * and a second move into the same database is refused instead of mixing two installs.
 */
const sqliteFile = path.join(TMP_DIR, `move-${randomBytes(4).toString("hex")}.db`);
const target = `move_${randomBytes(4).toString("hex")}`;
const targetUrl = databaseUrlFor(target);
let unusedCodes: string[];

function cli(databaseUrl: string, ...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "app/cli/main.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

beforeAll(async () => {
  const filled = execFileSync(process.execPath, ["--import", "tsx", "tests/postgresql/support/fill-sqlite.ts"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: `file:${sqliteFile}` },
  });
  unusedCodes = JSON.parse(filled) as string[];
  await onServer(`CREATE DATABASE ${target}`);
}, 180_000);
afterAll(() => onServer(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`));

type Rows = Record<string, string[]>;

/** Every table's rows as sorted JSON lines, times as epoch milliseconds, booleans as booleans. */
async function postgresqlRows(): Promise<Rows> {
  const client = new pg.Client({ connectionString: targetUrl });
  await client.connect();
  try {
    const tables = (
      await client.query<{ t: string }>(`SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`)
    ).rows.map((r) => r.t);
    const out: Rows = {};
    for (const t of tables) {
      const columns = (
        await client.query<{ c: string; type: string }>(
          `SELECT column_name::text AS c, data_type::text AS type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY column_name`,
          [t],
        )
      ).rows;
      // epoch ms straight from the server: no client time zone in between
      const select = columns.map(({ c, type }) =>
        type.startsWith("timestamp") ? `(EXTRACT(EPOCH FROM "${c}" AT TIME ZONE 'UTC') * 1000)::bigint::text AS "${c}"` : `"${c}"`,
      );
      const rows = (await client.query<Record<string, unknown>>(`SELECT ${select.join(", ")} FROM "${t}"`)).rows;
      out[t] = rows.map((r) => JSON.stringify(columns.map(({ c, type }) => (type.startsWith("timestamp") && r[c] !== null ? Number(r[c]) : r[c])))).sort();
    }
    return out;
  } finally {
    await client.end();
  }
}

function sqliteRows(types: Map<string, Map<string, string>>): Rows {
  const db = new Database(sqliteFile, { readonly: true });
  try {
    const out: Rows = {};
    for (const [t, columnTypes] of types) {
      const columns = [...columnTypes.keys()].sort();
      const rows = db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[];
      out[t] = rows
        .map((r) =>
          JSON.stringify(
            columns.map((c) => {
              const v = r[c];
              if (v === null || v === undefined) return null;
              if (columnTypes.get(c) === "BOOLEAN") return v === 1;
              if (columnTypes.get(c) === "DATETIME") return typeof v === "number" ? v : new Date(String(v)).getTime();
              return v;
            }),
          ),
        )
        .sort();
    }
    return out;
  } finally {
    db.close();
  }
}

function sqliteTypes(): Map<string, Map<string, string>> {
  const db = new Database(sqliteFile, { readonly: true });
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`).all() as { name: string }[]).map((r) => r.name);
    return new Map(
      tables.map((t) => [t, new Map((db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(t) as { name: string; type: string }[]).map((c) => [c.name, c.type]))]),
    );
  } finally {
    db.close();
  }
}

describe("migrate-data from SQLite to PostgreSQL", () => {
  it("moves every row of every table unchanged", async () => {
    const moved = cli(targetUrl, "migrate-data", "--from", `file:${sqliteFile}`, "--json");
    expect(moved.stderr).toBe("");
    expect(moved.status).toBe(0);
    const tables = (JSON.parse(moved.stdout) as { tables: { table: string; rows: number }[] }).tables;
    const before = sqliteRows(sqliteTypes());
    const after = await postgresqlRows();
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const t of Object.keys(before)) expect(after[t], t).toEqual(before[t]);
    // the fixture is not trivially empty where it matters
    const count = (t: string) => tables.find((x) => x.table === t)?.rows;
    expect(count("Response")).toBe(6);
    expect(count("SurveyCode")).toBe(4);
    expect(count("Session")).toBe(1);
    expect(count("Recording")).toBe(1);
    expect(count("AnswerCount")).toBeGreaterThan(6);
    expect(count("ReleaseSummary")).toBeGreaterThanOrEqual(2);
    expect(count("ReleaseSummaryBuild")).toBe(1);
    // codes handed out before the move still open (same TOKEN_SECRET, same keyed hashes)
    expect(unusedCodes).toHaveLength(4);
    const client = new pg.Client({ connectionString: targetUrl });
    await client.connect();
    try {
      for (const code of unusedCodes) {
        const found = await client.query(`SELECT 1 FROM "SurveyCode" WHERE "hash" = $1`, [hashCode(plain(code), process.env.TOKEN_SECRET!)]);
        expect(found.rowCount, code).toBe(1);
      }
    } finally {
      await client.end();
    }
  }, 120_000);

  it("reports on PostgreSQL exactly what SQLite reported", () => {
    const args = ["report", "--survey", "brukarenkat", "--from", "2015-01", "--to", "2030-12", "--json"];
    const onSqlite = cli(`file:${sqliteFile}`, ...args);
    const onPostgresql = cli(targetUrl, ...args);
    expect(onSqlite.status).toBe(0);
    expect(onPostgresql.stdout).toBe(onSqlite.stdout);
  }, 120_000);

  it("refuses to move into a database that holds data, and changes nothing there", async () => {
    const before = await postgresqlRows();
    const again = cli(targetUrl, "migrate-data", "--from", `file:${sqliteFile}`);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
    expect(await postgresqlRows()).toEqual(before);
  }, 120_000);
});
