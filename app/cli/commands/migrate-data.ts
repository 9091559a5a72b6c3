import { MoveDataError, moveSqliteToPostgresql } from "~/ops/move-data.sql.server";
import { databaseUrl, providerOf } from "~/utils/database-url";
import { requireString, UsageError, type Command } from "../framework";

export const migrateData: Command = {
  name: "migrate-data",
  summary: "Moves an SQLite install (--from file:PATH) into the empty PostgreSQL database of DATABASE_URL. Stop the app first.",
  usage: "migrate-data --from file:PATH [--json]",
  options: { from: { type: "string" }, json: { type: "boolean" } },
  // the target must stay empty until the move: not seeded first
  skipSetup: true,
  async run({ values }, ctx) {
    const from = requireString(values, "from");
    const to = databaseUrl();
    if (providerOf(from) !== "sqlite") throw new UsageError(`--from must be a SQLite file URL (file:PATH), got "${from}"`);
    if (providerOf(to) !== "postgresql") throw new UsageError("DATABASE_URL must name the PostgreSQL database to move into (postgresql://…)");
    let moved;
    try {
      moved = await moveSqliteToPostgresql(from, to);
    } catch (e) {
      if (e instanceof MoveDataError) throw new UsageError(e.message);
      throw e;
    }
    ctx.stdout(
      values.json
        ? JSON.stringify({ tables: moved })
        : moved.map((t) => `${t.table}: ${t.rows} rows`).join("\n") + "\nMoved; keep data/token-secret (or TOKEN_SECRET) for the new install.",
    );
  },
};
