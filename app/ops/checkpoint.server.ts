import type Database from "better-sqlite3";
import { databasePath, databaseProvider } from "~/utils/database-url";
import { openDatabase } from "~/utils/sqlite.server";

/**
 * Empties the write-ahead log when the submit writer's own checkpoint found it busy (decisions
 * 0010, 0027). The transaction that deletes a
 * code and stores its response writes both into the same run of WAL frames, beside the frames
 * that still hold the code's row; until those frames are copied into the database file and the
 * WAL is truncated, `brukarrost.db-wal` pairs the two.
 *
 * The checkpoint runs on a connection of its own with no busy wait: SQLite's busy handler would
 * block the event loop while another process (a backup, a report from the CLI) holds a read
 * transaction. Busy means such a reader, or a staff write of this process, is still open; the
 * checkpoint is then retried every RETRY_MS until it succeeds, so the pairing lasts at most as
 * long as that reader's transaction.
 */
const RETRY_MS = 100;
/**
 * How long the submit writer waits on a lock (a staff transaction, a reader during its checkpoint)
 * before it answers anyway (the answer is saved) and leaves the checkpoint to checkpointWal.
 */
export const SUBMIT_WAIT_MS = 5_000;

let connection: Database.Database | undefined;
let retrying: Promise<void> | undefined;

function checkpointConnection(): Database.Database {
  // it writes the database file (the checkpoint): durable like every writing connection
  connection ??= openDatabase(databasePath(), { fileMustExist: true, timeout: 0 });
  return connection;
}

/** One attempt; true when the WAL is empty afterwards (or the database does not use one). */
function tryCheckpoint(): boolean {
  try {
    const [result] = checkpointConnection().pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    return result?.busy === 0;
  } catch (e) {
    // SQLITE_BUSY/LOCKED while another connection holds a lock; anything else is a real error
    if (e instanceof Error && /busy|locked/i.test(e.message)) return false;
    throw e;
  }
}

/** Retries until one checkpoint succeeds; one loop at a time. */
function retryUntilEmpty(): Promise<void> {
  retrying ??= new Promise<void>((resolve, reject) => {
    const attempt = () => {
      try {
        if (tryCheckpoint()) {
          retrying = undefined;
          resolve();
        } else setTimeout(attempt, RETRY_MS).unref();
      } catch (e) {
        retrying = undefined;
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
    setTimeout(attempt, RETRY_MS).unref();
  });
  return retrying;
}

/** Checkpoints now; when busy, goes on retrying in the background until the WAL is empty. */
export function checkpointWal(): void {
  // PostgreSQL's WAL is the server's: no client can truncate it (docs/privacy.md, PostgreSQL)
  if (databaseProvider() === "postgresql" || tryCheckpoint()) return;
  retryUntilEmpty().catch((e: unknown) => console.error(`WAL checkpoint failed: ${e instanceof Error ? e.message : String(e)}`));
}

/** Closes the checkpoint connection (tests, shutdown). */
export function closeCheckpointConnection(): void {
  connection?.close();
  connection = undefined;
}
