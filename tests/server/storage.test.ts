import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashCode } from "~/codes/code.server";
import { databasePath } from "~/utils/database-url";
import { prisma } from "~/utils/db.server";
import { freshCodes, plain } from "../support/codes";
import { postAnswers, startServer, type RunningServer } from "../support/server";
import { TMP_DIR } from "../setup/paths";

/**
 * The attacker holds a copy of every file the app writes, taken right after clients answered,
 * and looks for anything of a used code: its plain form, its keyed hash (as stored, as hex, as raw
 * bytes). If any is left, it can be matched to the response stored beside it.
 */
type UsedCode = { code: string; needles: Buffer[] };

function usedCode(formatted: string): UsedCode {
  const code = plain(formatted);
  const hash = hashCode(code, process.env.TOKEN_SECRET!);
  const raw = Buffer.from(hash, "base64url");
  return {
    code,
    needles: [Buffer.from(code), Buffer.from(formatted), Buffer.from(hash), Buffer.from(raw.toString("hex")), raw],
  };
}

function filesOfTheApp(): string[] {
  const db = databasePath();
  return [db, `${db}-wal`, `${db}-shm`].filter((f) => fs.existsSync(f));
}

/** Every used code with a trace in any of the files, and where. */
function traces(files: string[], used: UsedCode[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    for (const u of used) if (u.needles.some((n) => bytes.includes(n))) found.push(`${u.code} in ${path.basename(file)}`);
  }
  return found;
}

function backupWithTheCli(): string {
  const out = path.join(TMP_DIR, `backup-${process.pid}-${randomBytes(4).toString("hex")}.db`);
  execFileSync(process.execPath, ["--import", "tsx", "app/cli/main.ts", "backup", "--out", out], { env: process.env, stdio: "pipe" });
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

let server: RunningServer;
beforeAll(async () => {
  await freshCodes(1); // seeds the survey before the server opens the database
  server = await startServer();
}, 180_000);
afterAll(async () => {
  await server?.stop();
});

describe("a copy of every file the app writes, after clients answered", () => {
  it("holds no trace of any used code, and every response", async () => {
    const codes = await freshCodes(30);
    const used = codes.slice(0, 20);
    const markers = await Promise.all(used.map((c) => answer(server, c.code)));
    const backup = backupWithTheCli();

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
});
