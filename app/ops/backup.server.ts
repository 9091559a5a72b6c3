import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "~/utils/sqlite.server";

/** A problem with the files given (missing, existing, damaged): the caller's to fix. */
export class BackupInputError extends Error {}

const ALL_PAGES = 0x7fffffff;

/**
 * A consistent copy of the live database through SQLite's online backup API: it runs while the
 * app serves (WAL lets readers and the writer go on) and copies a single point in time.
 * PostgreSQL deployments use pg_dump instead.
 */
export async function backupDatabase(databaseFile: string, outFile: string): Promise<{ bytes: number }> {
  if (!fs.existsSync(databaseFile)) throw new BackupInputError(`no database at ${databaseFile}`);
  const target = path.resolve(outFile);
  if (fs.existsSync(target)) throw new BackupInputError(`${outFile} exists already; choose a new file name`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    // all pages in one step, inside one read transaction: copied in small steps, a backup
    // restarts whenever the app commits between two steps and never ends under steady answering
    await db.backup(target, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  // the copy stands alone: fold any WAL into the file
  const copy = openDatabase(target);
  try {
    copy.pragma("journal_mode = DELETE");
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`the backup failed its integrity check: ${String(check)}`);
  } finally {
    copy.close();
  }
  return { bytes: fs.statSync(target).size };
}

/**
 * Puts a backup in place of the database file. The app must be stopped: a running server keeps
 * the old file open.
 */
export function restoreDatabase(backupFile: string, databaseFile: string): void {
  if (!fs.existsSync(backupFile)) throw new BackupInputError(`no backup at ${backupFile}`);
  let source: Database.Database | undefined;
  try {
    source = new Database(backupFile, { readonly: true, fileMustExist: true });
    const check = source.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new BackupInputError(`${backupFile} is damaged: ${String(check)}`);
    const tables = source.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = '_prisma_migrations'").get() as { n: number };
    if (tables.n !== 1) throw new BackupInputError(`${backupFile} is not a Brukarröst database`);
  } catch (e) {
    // SQLite's own complaint ("file is not a database", "malformed") is about the file given
    if (e instanceof BackupInputError) throw e;
    throw new BackupInputError(`${backupFile} is damaged: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    source?.close();
  }
  fs.mkdirSync(path.dirname(path.resolve(databaseFile)), { recursive: true });
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(databaseFile + suffix, { force: true });
  fs.copyFileSync(backupFile, databaseFile);
  // a restore that a power cut could undo is not done: sync the file and its directory entry
  for (const synced of [databaseFile, path.dirname(path.resolve(databaseFile))]) {
    const fd = fs.openSync(synced, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
}
