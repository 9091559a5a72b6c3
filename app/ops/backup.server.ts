import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { createPrivateFile, ensurePrivateDir, PRIVATE_FILE_MODE } from "~/utils/private-files.server";

/** A problem with the files given (missing, existing, damaged): the caller's to fix. */
export class BackupInputError extends Error {}

/**
 * A consistent copy of the live database while the app serves: `VACUUM INTO` writes the rows of
 * one committed snapshot into a fresh, compact file. It copies rows, not pages: no free page, no
 * WAL frame, no deleted row's leftover bytes reach the copy, and in every committed state a used
 * code's row is already gone (decision 0010). Its read transaction holds back the app's WAL
 * checkpoint until it ends (app/ops/checkpoint.server.ts). PostgreSQL deployments use pg_dump.
 */
export async function backupDatabase(databaseFile: string, outFile: string): Promise<{ bytes: number }> {
  if (!fs.existsSync(databaseFile)) throw new BackupInputError(`no database at ${databaseFile}`);
  const target = path.resolve(outFile);
  // the copy holds every answer: 0600 (in a 0700 directory when it makes one) before a page is written
  if (!createPrivateFile(target)) throw new BackupInputError(`${outFile} exists already; choose a new file name`);
  try {
    await copyInto(databaseFile, target);
  } catch (e) {
    // no half-written file that looks like a backup
    for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
    throw e;
  }
  return { bytes: fs.statSync(target).size };
}

/** SQLite's online backup into `target`, then folded to a standalone file and checked. */
async function copyInto(databaseFile: string, target: string): Promise<void> {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    db.prepare("VACUUM INTO ?").run(target);
  } finally {
    db.close();
  }
  // the copy stands alone: no WAL beside it
  const copy = new Database(target);
  try {
    copy.pragma("journal_mode = DELETE");
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`the backup failed its integrity check: ${String(check)}`);
  } finally {
    copy.close();
  }
}

/**
 * Puts a backup in place of the database file. The app must be stopped: a running server keeps
 * the old file open.
 */
export function restoreDatabase(backupFile: string, databaseFile: string): void {
  if (!fs.existsSync(backupFile)) throw new BackupInputError(`no backup at ${backupFile}`);
  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    const check = source.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new BackupInputError(`${backupFile} is damaged: ${String(check)}`);
    const tables = source.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = '_prisma_migrations'").get() as { n: number };
    if (tables.n !== 1) throw new BackupInputError(`${backupFile} is not a Brukarröst database`);
  } finally {
    source.close();
  }
  ensurePrivateDir(path.dirname(path.resolve(databaseFile)));
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(databaseFile + suffix, { force: true });
  fs.copyFileSync(backupFile, databaseFile);
  // copyFile gives the copy the backup's mode, whatever it was
  fs.chmodSync(databaseFile, PRIVATE_FILE_MODE);
}
