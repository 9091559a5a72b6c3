import Database from "better-sqlite3";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databasePath } from "~/utils/database-url";
import { prisma } from "~/utils/db.server";
import { freshCodes, plain } from "../support/codes";
import { postAnswers, startServer, type RunningServer } from "../support/server";
import { filesOfTheApp, traces, usedCode } from "../support/traces";
import { TMP_DIR } from "../setup/paths";

// The attacker holds a copy of every file the app writes, taken right after clients answered
// (traces: the used codes' plain forms and hashes in those files).

// Not execFileSync: while the loop is blocked the server closes the idle keep-alive socket, and
// the next fetch reuses it before seeing the close ("other side closed").
async function backupWithTheCli(): Promise<string> {
  const out = path.join(TMP_DIR, `backup-${process.pid}-${randomBytes(4).toString("hex")}.db`);
  await promisify(execFile)(process.execPath, ["--import", "tsx", "app/cli/main.ts", "backup", "--out", out], { env: process.env });
  return out;
}

function markersIn(file: string): Set<string> {
  const db = new Database(file, { readonly: true });
  try {
    return new Set((db.prepare(`SELECT "text" FROM "Answer" WHERE "questionKey" = 'comments'`).all() as { text: string }[]).map((r) => r.text));
  } finally {
    db.close();
  }
}

async function answer(server: RunningServer, formatted: string): Promise<string> {
  const marker = `m${randomBytes(6).toString("hex")}`;
  const r = await postAnswers(server.url, plain(formatted), `feel_better=yes&comments=${marker}&lang=sv`);
  expect(r.status).toBe(303);
  return marker;
}

// SQLite writes its temporary files (a savepoint's journal, a big sort's spill) here, and unlinks
// each as soon as it is opened: only watching the directory shows one was written.
const tempDir = path.join(TMP_DIR, `sqlite-temp-${process.pid}`);

const EVERY_QUESTION = [
  "lang=sv&role=subjected&gender=woman&contact_satisfaction=satisfied&method_satisfaction=yes&alternative_strategies=partly",
  "expectations_met=yes&feel_better=yes&violence_stopped=yes&violence_by_type.physical=stopped&violence_by_type.psychological=reduced",
].join("&");

let server: RunningServer;
beforeAll(async () => {
  await freshCodes(1); // seeds the survey before the server opens the database
  fs.mkdirSync(tempDir, { recursive: true });
  server = await startServer(undefined, { env: { SQLITE_TMPDIR: tempDir } });
}, 180_000);
afterAll(async () => {
  await server?.stop();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

describe("a copy of every file the app writes, after clients answered", () => {
  it("holds no trace of any used code, and every response", async () => {
    const codes = await freshCodes(30);
    const used = codes.slice(0, 20);
    const markers = await Promise.all(used.map((c) => answer(server, c.code)));
    const backup = await backupWithTheCli();

    const usedCodes = used.map((c) => usedCode(c.code));
    expect(traces([...filesOfTheApp(), backup], usedCodes)).toEqual([]);
    // the attack can see: codes not used are all still there, hash and all
    const unused = codes.slice(20).map((c) => usedCode(c.code));
    for (const file of [databasePath(), backup]) {
      expect(traces([file], unused)).toHaveLength(unused.length);
      const stored = markersIn(file);
      for (const m of markers) expect(stored.has(m), `${m} in ${path.basename(file)}`).toBe(true);
    }
  }, 120_000);

  it("holds no trace of a code the moment its client gets the thank-you redirect", async () => {
    // the promise is "before", not "soon after": a writer that answered first and checkpointed
    // afterwards would pass the test above, which looks only after a backup of some seconds
    // (checked: a checkpoint put off by 200 ms leaves the code in the WAL here)
    for (const c of await freshCodes(8)) {
      await answer(server, c.code);
      expect(traces(filesOfTheApp(), [usedCode(c.code)])).toEqual([]);
    }
  }, 60_000);

  it("is clean again once a reader that held the WAL (a long backup, a report) lets go", async () => {
    const [c] = await freshCodes(1);
    const reader = new Database(databasePath(), { readonly: true });
    try {
      reader.exec("BEGIN");
      reader.prepare(`SELECT COUNT(*) FROM "Response"`).get(); // a read snapshot, held open
      const marker = await answer(server, c!.code); // the answer is saved even while the checkpoint must wait
      expect(await prisma.answer.count({ where: { text: marker } })).toBe(1);
    } finally {
      reader.exec("COMMIT");
      reader.close();
    }
    // the server retries the checkpoint every 100 ms; once the reader is gone it succeeds
    const used = [usedCode(c!.code)];
    for (let waited = 0; traces(filesOfTheApp(), used).length > 0 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(traces(filesOfTheApp(), used)).toEqual([]);
    expect(fs.statSync(`${databasePath()}-wal`).size).toBe(0);
  }, 60_000);

  it("writes no temporary file while clients answer: a savepoint's journal held the code's page beside its response's", async () => {
    const codes = await freshCodes(24);
    const created: string[] = [];
    const watcher = fs.watch(tempDir, (_event, name) => created.push(String(name)));
    try {
      // in parallel, every question answered: the writer commits them in batches, each submit in a
      // savepoint whose journal outgrows what SQLite keeps in memory by default
      const statuses = await Promise.all(codes.map(async (c) => (await postAnswers(server.url, plain(c.code), `${EVERY_QUESTION}&comments=${c.code}`)).status));
      expect(statuses.every((s) => s === 303)).toBe(true);
      await new Promise((r) => setTimeout(r, 200)); // inotify's events arrive after the fact
      expect(created).toEqual([]);
      // the watch sees a file that is created and unlinked at once, as SQLite's are
      fs.closeSync(fs.openSync(path.join(tempDir, "probe"), "w"));
      fs.rmSync(path.join(tempDir, "probe"));
      for (let waited = 0; created.length === 0 && waited < 2000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      expect(created).toContain("probe");
    } finally {
      watcher.close();
    }
  }, 60_000);
});
