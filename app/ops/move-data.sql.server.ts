/**
 * Moves an embedded SQLite install's rows into an empty PostgreSQL database of the same schema
 * version (`migrate-data`). Generic over the tables both sides have, so tables added later move
 * without changes here; a table on only one side stops the move. One PostgreSQL transaction:
 * it moves everything or nothing, and it checks each table's row count before committing.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { migrate } from "~/setup/migrate.server";
import { migratePostgresql } from "~/setup/migrate-postgresql.server";

export class MoveDataError extends Error {}

export type MovedTable = { table: string; rows: number };

const ROWS_PER_INSERT = 500;

/** Tables in an order where every table comes after those its foreign keys point to. */
function dependencyOrder(db: Database.Database, tables: string[]): string[] {
  const parents = new Map(
    tables.map((t) => [
      t,
      (db.prepare(`SELECT "table" AS parent FROM pragma_foreign_key_list(?)`).all(t) as { parent: string }[])
        .map((r) => r.parent)
        .filter((p) => p !== t),
    ]),
  );
  const ordered: string[] = [];
  const visit = (t: string, path: string[]) => {
    if (ordered.includes(t)) return;
    if (path.includes(t)) throw new MoveDataError(`foreign keys form a cycle: ${[...path, t].join(" → ")}`);
    for (const p of parents.get(t) ?? []) visit(p, [...path, t]);
    ordered.push(t);
  };
  for (const t of [...tables].sort()) visit(t, []);
  return ordered;
}

type ColumnType = Map<string, string>;

/** A SQLite value as PostgreSQL's column type takes it (SQLite has no boolean or timestamp type). */
function convert(value: unknown, type: string | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (type === "boolean") return value === 1 || value === "1" || value === true || value === "true";
  if (type?.startsWith("timestamp")) {
    const date = new Date(typeof value === "number" || /^\d+$/.test(String(value)) ? Number(value) : String(value));
    if (Number.isNaN(date.getTime())) throw new MoveDataError(`cannot read "${String(value)}" as a time`);
    // UTC wall-clock text: Prisma stores timestamp(3) without time zone in UTC
    return date.toISOString().replace("T", " ").replace("Z", "");
  }
  return value;
}

export async function moveSqliteToPostgresql(sqliteUrl: string, postgresqlUrl: string): Promise<MovedTable[]> {
  // both at the newest schema: the same tables and columns on each side
  migrate(sqliteUrl);
  await migratePostgresql(postgresqlUrl);
  const source = new Database(sqliteUrl.slice("file:".length), { readonly: true, fileMustExist: true });
  const target = new pg.Client({ connectionString: postgresqlUrl });
  await target.connect();
  try {
    const sourceTables = (
      source.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`).all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    const targetTables = (
      await target.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
      )
    ).rows.map((r) => r.name);
    const onlyOneSide = [...sourceTables.filter((t) => !targetTables.includes(t)), ...targetTables.filter((t) => !sourceTables.includes(t))];
    if (onlyOneSide.length) throw new MoveDataError(`the schemas differ (${onlyOneSide.join(", ")}): update both installs to the same version first`);

    await target.query("BEGIN");
    // the units migration makes the default unit and organisation on both sides: the source's
    // rows (perhaps renamed) replace the target's
    await target.query(`DELETE FROM "Unit" WHERE "id" = 'default' AND NOT EXISTS (SELECT 1 FROM "User")`);
    await target.query(`DELETE FROM "Organisation" WHERE "id" = 'default' AND NOT EXISTS (SELECT 1 FROM "Unit")`);
    for (const table of targetTables) {
      const { rows } = await target.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "${table}") AS "any"`);
      if (rows[0]!.any) throw new MoveDataError(`the PostgreSQL database is not empty (table ${table} has rows): move into a new database`);
    }
    const moved: MovedTable[] = [];
    for (const table of dependencyOrder(source, sourceTables)) moved.push({ table, rows: await moveTable(source, target, table) });
    await target.query("COMMIT");
    return moved;
  } finally {
    // before COMMIT, ending the connection rolls the move back
    await target.end();
    source.close();
  }
}

async function moveTable(source: Database.Database, target: pg.Client, table: string): Promise<number> {
  const types: ColumnType = new Map(
    (
      await target.query<{ name: string; type: string }>(
        `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
        [table],
      )
    ).rows.map((r) => [r.name, r.type]),
  );
  const columns = (source.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name);
  const missing = columns.filter((c) => !types.has(c));
  if (missing.length || columns.length !== types.size) {
    throw new MoveDataError(`table ${table} has different columns on the two sides: update both installs to the same version first`);
  }
  const list = columns.map((c) => `"${c}"`).join(", ");
  let batch: unknown[][] = [];
  let count = 0;
  const flush = async () => {
    if (!batch.length) return;
    const values = batch.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(", ")})`).join(", ");
    await target.query(`INSERT INTO "${table}" (${list}) VALUES ${values}`, batch.flat());
    count += batch.length;
    batch = [];
  };
  for (const row of source.prepare(`SELECT ${list} FROM "${table}"`).raw().iterate() as Iterable<unknown[]>) {
    batch.push(row.map((v, i) => convert(v, types.get(columns[i]!))));
    if (batch.length === ROWS_PER_INSERT) await flush();
  }
  await flush();
  const copied = (await target.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${table}"`)).rows[0]!.n;
  const expected = (source.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
  if (Number(copied) !== expected || count !== expected) throw new MoveDataError(`table ${table}: ${copied} rows arrived of ${expected}`);
  return count;
}
