/**
 * The one SQLite connection that stores submits, on a thread of its own (decision 0027).
 *
 * Group commit: every submit that arrived while a batch was committing forms the next batch, one
 * transaction with each submit in its own savepoint (one that fails rolls back only itself). The
 * batch runs in a shuffled order, so nothing stored follows the order submits arrived in. After
 * the COMMIT (synchronous = FULL: on disk) the WAL is checkpointed and truncated, and only then
 * is each submit answered. Waiting on a lock (a staff transaction of the Prisma connection, a
 * backup's reader) blocks this thread, never the event loop that serves pages.
 *
 * Relative imports only: this file runs in a worker loaded through tsx, outside the app bundle.
 */
import type Database from "better-sqlite3";
import { randomInt } from "node:crypto";
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { answerCells, type CountCell, type CountedAnswer, type CountedResponse } from "../results/answer-cells";
import { shuffleInPlace } from "../utils/shuffle";
import { openDatabase } from "../utils/sqlite.server";

/**
 * One statement with `?` placeholders and its values (Prisma.Sql's `sql` and `values`). Across
 * the thread boundary a statement's text travels once; after that only its `key`.
 */
export type WriterStatement = { sql?: string; key?: number; values: unknown[]; /** rows it must change, else the submit fails */ changes?: number };
/**
 * A submit: `claim` must delete exactly one row, else the submit is refused and nothing stored.
 * `counts`: the stored response and its answer rows, whose AnswerCount cells (answer-cells.ts)
 * are summed over the batch's saved submits and added once each by `statement` (the cell's
 * values, then the sum) after the savepoints, in the same transaction.
 */
export type WriterJob = {
  id: number;
  claim: WriterStatement;
  writes: WriterStatement[];
  counts?: { statement: WriterStatement; response: CountedResponse; answers: CountedAnswer[] };
};
export type WriterOutcome = { id: number; status: "saved" | "unclaimed" | "failed"; error?: string };
export type WriterReply = { outcomes: WriterOutcome[]; checkpointed: boolean };
export type WriterOptions = { file: string; busyTimeoutMs: number };

class ExpectationFailed extends Error {}

export function openWriter(options: WriterOptions) {
  const db = openDatabase(options.file, { fileMustExist: true, timeout: options.busyTimeoutMs });
  // A savepoint's journal holds the pages it changes as they were before: the code's page with
  // its hash beside the page its response went into. On file (SQLite's default) it was written
  // to the temp directory for every batch, a linking copy that outlives its unlinking on disk,
  // and cost 60 % of the writer's writes. In memory it never leaves the process (decision 0010).
  db.pragma("temp_store = MEMORY");
  // every text the main thread sent, by key: it sends each only once, so a text that fails to
  // prepare must stay known (its submits fail, later ones that name it prepare it again)
  const texts = new Map<string | number, string>();
  const prepared = new Map<string | number, Database.Statement>();
  const run = (s: WriterStatement) => {
    const id = s.key ?? s.sql!;
    let statement = prepared.get(id);
    if (!statement) {
      const sql = texts.get(id) ?? s.sql;
      if (sql === undefined) throw new Error(`no statement text for key ${id}`);
      prepared.set(id, (statement = db.prepare(sql)));
    }
    const { changes } = statement.run(...s.values);
    return changes;
  };

  // prepared once: exec would parse them again for every submit
  const savepoint = db.prepare("SAVEPOINT submit");
  const release = db.prepare("RELEASE submit");
  const rollBack = db.prepare("ROLLBACK TO submit");
  const undo = () => {
    rollBack.run();
    release.run();
  };

  function store(job: WriterJob): WriterOutcome {
    savepoint.run();
    try {
      if (run(job.claim) !== 1) {
        undo();
        return { id: job.id, status: "unclaimed" };
      }
      for (const s of job.writes) {
        const changes = run(s);
        if (s.changes !== undefined && changes !== s.changes) throw new ExpectationFailed(`changed ${changes} rows, expected ${s.changes}`);
      }
      release.run();
      return { id: job.id, status: "saved" };
    } catch (e) {
      undo();
      return { id: job.id, status: "failed", error: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Stores a batch in one transaction and empties the WAL; each outcome holds after COMMIT. */
  function commit(jobs: WriterJob[]): WriterReply {
    // texts first: the shuffled order may run a submit that names a text by key before the one that brought it
    for (const job of jobs)
      for (const s of [job.claim, ...job.writes, ...(job.counts ? [job.counts.statement] : [])]) if (s.sql !== undefined) texts.set(s.key ?? s.sql, s.sql);
    const order = shuffleInPlace([...jobs], randomInt);
    let outcomes: WriterOutcome[];
    try {
      db.exec("BEGIN IMMEDIATE");
      outcomes = order.map(store);
      addCounts(order.filter((_, i) => outcomes[i]!.status === "saved"));
      db.exec("COMMIT");
    } catch (e) {
      if (db.inTransaction) db.exec("ROLLBACK");
      const error = e instanceof Error ? e.message : String(e);
      return { outcomes: jobs.map((j) => ({ id: j.id, status: "failed", error })), checkpointed: false };
    }
    return { outcomes, checkpointed: checkpoint() };
  }

  /** A failure here fails the whole batch: its transaction is rolled back, every code stays unused. */
  function addCounts(saved: WriterJob[]) {
    const sums = new Map<string, { statement: WriterStatement; cell: CountCell; n: number }>();
    for (const { counts } of saved) {
      if (!counts) continue;
      for (const cell of answerCells(counts.response, counts.answers)) {
        const key = cell.join("\u0000");
        const sum = sums.get(key);
        if (sum) sum.n++;
        else sums.set(key, { statement: counts.statement, cell, n: 1 });
      }
    }
    for (const { statement, cell, n } of sums.values()) run({ ...statement, values: [...cell, n] });
  }

  /** TRUNCATE waits (busy_timeout) for readers of an older snapshot, on this thread only. */
  function checkpoint(): boolean {
    try {
      const [result] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
      return result?.busy === 0;
    } catch (e) {
      if (e instanceof Error && /busy|locked/i.test(e.message)) return false;
      throw e;
    }
  }

  /** How the connection commits (tests: synchronous = FULL, secure_delete on, temp_store = MEMORY). */
  const settings = () => ({
    synchronous: Number(db.pragma("synchronous", { simple: true })),
    secureDelete: Number(db.pragma("secure_delete", { simple: true })),
    tempStore: Number(db.pragma("temp_store", { simple: true })),
  });

  return { commit, settings, close: () => db.close() };
}

if (parentPort && (workerData as { writer?: WriterOptions } | undefined)?.writer) {
  const port = parentPort;
  const writer = openWriter((workerData as { writer: WriterOptions }).writer);
  // a job arrives as its JSON text (writeSubmit)
  port.on("message", (first: string) => {
    let closing = first === "close";
    const batch: WriterJob[] = first === "close" ? [] : [JSON.parse(first) as WriterJob];
    // everything that arrived meanwhile joins this batch; what arrives during it, the next one
    for (;;) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        if (m.message === "close") closing = true;
        else batch.push(JSON.parse(m.message as string) as WriterJob);
      }
      if (batch.length === 0) break;
      port.postMessage(writer.commit(batch.splice(0)));
    }
    if (closing) {
      writer.close();
      port.close();
    }
  });
}
