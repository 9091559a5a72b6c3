import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { createPrivateFile } from "~/utils/private-files.server";
import { BackupInputError } from "./backup.server";
import { rewritePostgresqlStorage } from "./storage.sql.server";

const run = promisify(execFile);

/**
 * The URL without its password, and the password for PGPASSWORD: a password on the command
 * line would show in every process listing of the machine.
 */
function connection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { dbname: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/**
 * PostgreSQL's counterpart of `VACUUM INTO`: the tables are rewritten first (no dead tuple of a
 * used code, responses in key order, storage.sql.server.ts), then `pg_dump` copies the rows of
 * one snapshot, not pages, into a custom-format archive created 0600. Needs `pg_dump` on PATH
 * (Debian: postgresql-client) of the server's major version or newer.
 */
export async function backupPostgresql(databaseUrl: string, outFile: string): Promise<{ bytes: number }> {
  const target = path.resolve(outFile);
  if (!createPrivateFile(target)) throw new BackupInputError(`${outFile} exists already; choose a new file name`);
  try {
    await rewritePostgresqlStorage();
    const { dbname, env } = connection(databaseUrl);
    await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${target}`, `--dbname=${dbname}`], { env });
  } catch (e) {
    fs.rmSync(target, { force: true });
    throw e;
  }
  return { bytes: fs.statSync(target).size };
}

/**
 * Replaces every table of the database with the archive's, in one transaction (pg_restore
 * --single-transaction): a failed restore leaves the database as it was. Stop the app first.
 */
export async function restorePostgresql(backupFile: string, databaseUrl: string): Promise<void> {
  if (!fs.existsSync(backupFile)) throw new BackupInputError(`no backup at ${backupFile}`);
  let listing: string;
  try {
    listing = (await run("pg_restore", ["--list", backupFile])).stdout;
  } catch (e) {
    throw new BackupInputError(`${backupFile} is not a pg_dump archive: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  }
  if (!/TABLE public _prisma_migrations/.test(listing)) throw new BackupInputError(`${backupFile} is not a Brukarröst database`);
  const { dbname, env } = connection(databaseUrl);
  await run(
    "pg_restore",
    ["--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", `--dbname=${dbname}`, backupFile],
    { env },
  );
}
