import { databaseProvider } from "~/utils/database-url";
import { prisma } from "~/utils/db.server";

/** What the migrated database holds, read from its own catalog (SQLite's or PostgreSQL's). */
const onPostgresql = () => databaseProvider() === "postgresql";

/** Tables, views and triggers (and on PostgreSQL also rules, functions and publications) of the app. */
export async function schemaObjects(): Promise<{ type: string; name: string }[]> {
  if (!onPostgresql()) {
    return prisma.$queryRawUnsafe(
      "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
  }
  return prisma.$queryRawUnsafe(`
    SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'view' ELSE 'other' END AS type, c.relname::text AS name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
    UNION ALL SELECT 'trigger', t.tgname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND NOT t.tgisinternal
    UNION ALL SELECT 'rule', r.rulename::text FROM pg_rules r WHERE r.schemaname = current_schema()
    UNION ALL SELECT 'function', p.proname::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()
    UNION ALL SELECT 'publication', pubname::text FROM pg_publication
    ORDER BY 2`);
  // (catalog names are cast to text: the pg adapter cannot read PostgreSQL's "name" type)
}

export async function tableColumns(table: string): Promise<string[]> {
  const rows = onPostgresql()
    ? await prisma.$queryRawUnsafe<{ name: string }[]>(
        `SELECT column_name::text AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
        table,
      )
    : await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('${table}')`);
  return rows.map((r) => r.name);
}

/** The tables `table`'s foreign keys point to. */
export async function foreignTables(table: string): Promise<string[]> {
  const rows = onPostgresql()
    ? await prisma.$queryRawUnsafe<{ table: string }[]>(
        `SELECT confrelid::regclass::text AS "table" FROM pg_constraint WHERE contype = 'f' AND conrelid = $1::regclass`,
        `"${table}"`,
      )
    : await prisma.$queryRawUnsafe<{ table: string }[]>(`SELECT "table" FROM pragma_foreign_key_list('${table}')`);
  // regclass prints quoted names for mixed case ("SurveyVersion")
  return rows.map((r) => r.table.replace(/^"|"$/g, ""));
}

/**
 * A table's rows in the order they are stored: SQLite's scan order; PostgreSQL's physical
 * (ctid) order, which a copy of its data files or a pg_dump shows.
 */
export async function storedOrder(table: string, column: string): Promise<string[]> {
  // every column: SQLite then scans the table itself, not a smaller covering index
  const rows = await prisma.$queryRawUnsafe<Record<string, string>[]>(
    onPostgresql() ? `SELECT * FROM "${table}" ORDER BY ctid` : `SELECT * FROM "${table}"`,
  );
  return rows.map((r) => r[column]!);
}
