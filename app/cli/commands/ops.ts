import { BackupInputError, backupDatabase, restoreDatabase } from "~/ops/backup.server";
import { backupPostgresql, restorePostgresql } from "~/ops/backup-postgresql.server";
import { runRetention } from "~/ops/retention.server";
import { databaseUrl, sqlitePath } from "~/utils/database-url";
import { requireString, UsageError, type Command } from "../framework";

async function asInputError<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof BackupInputError) throw new UsageError(e.message);
    throw e;
  }
}

export const backup: Command = {
  name: "backup",
  summary: "Writes a consistent copy of the database to FILE, also while the app runs (PostgreSQL: a pg_dump archive).",
  usage: "backup --out FILE [--json]",
  options: { out: { type: "string" }, json: { type: "boolean" } },
  async run({ values }, ctx) {
    const out = requireString(values, "out");
    const url = databaseUrl();
    const file = sqlitePath(url);
    const { bytes } = await asInputError(() => (file === null ? backupPostgresql(url, out) : backupDatabase(file, out)));
    ctx.stdout(values.json ? JSON.stringify({ out, bytes }) : `Backup written to ${out} (${bytes} bytes)`);
  },
};

export const restore: Command = {
  name: "restore",
  summary: "Replaces the database with a backup. Stop the app first.",
  usage: "restore --from FILE [--json]",
  options: { from: { type: "string" }, json: { type: "boolean" } },
  skipSetup: true,
  async run({ values }, ctx) {
    const from = requireString(values, "from");
    const url = databaseUrl();
    const file = sqlitePath(url);
    await asInputError(() => (file === null ? restorePostgresql(from, url) : restoreDatabase(from, file)));
    ctx.stdout(values.json ? JSON.stringify({ restored: from }) : `Restored ${file ?? "the PostgreSQL database"} from ${from}`);
  },
};

export const retentionRun: Command = {
  name: "retention run",
  summary: "Deletes expired code rows, keeping the monthly counts response rates need.",
  usage: "retention run [--json]",
  options: { json: { type: "boolean" } },
  async run({ values }, ctx) {
    const result = await runRetention();
    ctx.stdout(
      values.json
        ? JSON.stringify(result)
        : `Deleted ${result.deletedExpired} expired code rows`,
    );
  },
};
