import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { checkpointWal, SUBMIT_WAIT_MS } from "~/ops/checkpoint.server";
import { databasePath } from "~/utils/database-url";
import type { WriterJob, WriterOptions, WriterOutcome, WriterReply, WriterStatement } from "./writer.worker";

// The worker runs from source through tsx, beside this file when it runs from source (tests,
// the CLI) and two levels up from the server bundle (build/server/index.js).
const WORKER_CANDIDATES = ["./writer.worker.ts", "../../app/respondent/writer.worker.ts"];

function workerFile(): string {
  for (const candidate of WORKER_CANDIDATES) {
    const url = new URL(candidate, import.meta.url);
    if (fs.existsSync(fileURLToPath(url))) return url.href;
  }
  throw new Error("app/respondent/writer.worker.ts not found");
}

/** A worker's entry cannot be TypeScript, even with tsx in execArgv: it imports the file through tsx's API. */
function workerSource(): string {
  const tsx = path.dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const api = pathToFileURL(path.join(tsx, "dist/esm/api/index.mjs")).href;
  const file = workerFile();
  return `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(file)}, ${JSON.stringify(file)}));`;
}

type Pending = { resolve: (o: WriterOutcome) => void; reject: (e: Error) => void };

/**
 * The statement texts a writer has been sent: each crosses the thread boundary once, with its
 * key; after that only the key does.
 */
export class SentTexts {
  private keys = new Map<string, number>();
  private next = 0;
  /** The statement as it is sent; a text sent for the first time is added to `added`. */
  compact({ sql, ...rest }: WriterStatement, added: string[]): WriterStatement {
    const known = this.keys.get(sql!);
    if (known !== undefined) return { ...rest, key: known };
    const key = this.next++;
    this.keys.set(sql!, key);
    added.push(sql!);
    return { ...rest, sql, key };
  }
  /** Texts of a job that was never sent: the next job that names them brings them. */
  forget(texts: string[]) {
    for (const sql of texts) this.keys.delete(sql);
  }
}

let worker: Worker | undefined;
// statement texts the running worker has been sent
let sent = new SentTexts();
let nextId = 0;
const pending = new Map<number, Pending>();

function failAll(error: Error) {
  for (const p of pending.values()) p.reject(error);
  pending.clear();
}

function writer(): Worker {
  if (worker) return worker;
  const options: WriterOptions = { file: databasePath(), busyTimeoutMs: SUBMIT_WAIT_MS };
  const started = new Worker(workerSource(), { eval: true, workerData: { writer: options } });
  started.on("message", (reply: WriterReply) => {
    // a reader held an old snapshot past the wait: keep trying in the background (decision 0010)
    if (!reply.checkpointed) checkpointWal();
    for (const outcome of reply.outcomes) {
      pending.get(outcome.id)?.resolve(outcome);
      pending.delete(outcome.id);
    }
    if (pending.size === 0) started.unref();
  });
  started.on("error", (e) => failAll(e));
  started.on("exit", (code) => {
    if (worker === started) worker = undefined;
    failAll(new Error(`the submit writer stopped (exit ${code})`));
  });
  // the writer keeps the process alive only while a submit waits for it (writeSubmit)
  started.unref();
  worker = started;
  sent = new SentTexts();
  return started;
}

/** Stores one submit through the group-committing writer; resolves once it is committed. */
export function writeSubmit(job: Omit<WriterJob, "id">): Promise<WriterOutcome> {
  const id = nextId++;
  const to = writer();
  const added: string[] = [];
  const compact = (s: WriterStatement) => sent.compact(s, added);
  let message: string;
  try {
    const counts = job.counts && { ...job.counts, statement: compact(job.counts.statement) };
    // as JSON text: V8's structured clone of a job's hundred small strings and objects cost twice
    // JSON's CPU on each side of the boundary (values are text, numbers and null: what SQLite binds)
    message = JSON.stringify({ id, claim: compact(job.claim), writes: job.writes.map(compact), ...(counts ? { counts } : {}) } satisfies WriterJob);
  } catch (e) {
    // nothing was sent: texts this job brought stay unknown to the writer, so the next job brings them
    sent.forget(added);
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
  return new Promise<WriterOutcome>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    to.ref();
    to.postMessage(message);
  });
}

/** Lets the writer finish what it was given, then stops it (tests, shutdown). */
export async function closeWriter(): Promise<void> {
  const stopping = worker;
  if (!stopping) return;
  const exited = new Promise((resolve) => stopping.once("exit", resolve));
  stopping.postMessage("close");
  await exited;
}
