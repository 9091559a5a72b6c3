import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase } from "~/ops/backup.server";
import { submitResponse } from "~/respondent/submit.server";
import { migrate } from "~/setup/migrate.server";
import { databasePath } from "~/utils/database-url";
import { openDatabase } from "~/utils/sqlite.server";
import { TEMPLATE_DB, TMP_DIR } from "../../setup/paths";
import { codeRow, freshCodes } from "../../support/codes";

const run = promisify(execFile);
const live = () => databasePath();
const tmpFile = (name: string) => path.join(TMP_DIR, `${name}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`);
const ANSWER = [{ questionKey: "feel_better", rowKey: "", optionKey: "yes", text: null }];

/** Every table's rows, in a stable order, read through SQLite (so WAL commits count). */
function dump(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY ${columnList(db, t)}`).all()]));
  } finally {
    db.close();
  }
}
const columnList = (db: Database.Database, table: string) =>
  (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => `"${c.name}"`).join(", ");

function expectSameTables(actual: Record<string, unknown[]>, expected: Record<string, unknown[]>) {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const table of Object.keys(expected)) expect(actual[table], table).toEqual(expected[table]);
}

let codes: string[];
beforeAll(async () => {
  migrate(process.env.DATABASE_URL!); // WAL, as in production
  codes = (await freshCodes(400)).map((c) => c.code);
});
let next = 0;
const submitNext = async () => expect((await submitResponse(await codeRow(codes[next++]!), ANSWER, "sv")).status).toBe("saved");

describe("backup of a live WAL database", () => {
  it("holds the commits still in the WAL, equal to the live database table by table", async () => {
    for (let i = 0; i < 10; i++) await submitNext();
    // a submit empties the WAL (decision 0010), issuing codes does not: these commits are only in
    // the -wal file, and a plain copy of the main file would miss them
    await freshCodes(5);
    expect(fs.statSync(`${live()}-wal`).size).toBeGreaterThan(0);
    const plainCopy = tmpFile("plain-copy");
    // copied by another process: closing any descriptor of the file in this one would drop this
    // process's SQLite locks on it (POSIX), and the next process to close would delete our -shm
    await run("cp", [live(), plainCopy]);
    const liveTables = dump(live());
    expect(liveTables.Response!.length).toBeGreaterThanOrEqual(10);
    expect(dump(plainCopy).SurveyCode!.length).toBeLessThan(liveTables.SurveyCode!.length);

    const out = tmpFile("backup-idle");
    await backupDatabase(live(), out);
    expectSameTables(dump(out), liveTables);
    expect(fs.existsSync(`${out}-wal`)).toBe(false); // the backup stands alone
  });

  it("is one consistent moment of the live database while answers are written", async () => {
    for (let i = 0; i < 10; i++) await submitNext();
    const moments = [JSON.stringify(dump(live()))];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; (writing || i < 5) && next < codes.length; i++) {
        await submitNext();
        moments.push(JSON.stringify(dump(live())));
        await new Promise((r) => setImmediate(r)); // one request at a time, as the server's loop takes them
      }
    })();
    const out = tmpFile("backup-busy");
    await new Promise((r) => setTimeout(r, 5));
    await backupDatabase(live(), out);
    writing = false;
    await writer;
    const copy = dump(out);
    expect(moments.length).toBeGreaterThan(5);
    expect(moments).toContain(JSON.stringify(copy));
    // and not the first moment only: answers written before the backup began are in it
    expect(copy.Response!.length).toBeGreaterThanOrEqual(10);
  });
});

describe("restore", () => {
  it("replaces a database left with stale -wal and -shm files by exactly the backup", async () => {
    const out = tmpFile("backup-for-restore");
    await backupDatabase(live(), out);
    const backupTables = dump(out);

    // a crashed server's files: the target with commits only in its WAL, never checkpointed
    const target = tmpFile("crashed");
    fs.copyFileSync(out, target);
    const crashed = openDatabase(target);
    crashed.pragma("journal_mode = WAL");
    crashed.pragma("wal_autocheckpoint = 0");
    crashed.exec("DELETE FROM Answer; DELETE FROM Response; DELETE FROM SurveyCode");
    const staleWal = fs.readFileSync(`${target}-wal`);
    const staleShm = fs.readFileSync(`${target}-shm`);
    crashed.close(); // a clean close checkpoints; put the crash's files back
    fs.writeFileSync(`${target}-wal`, staleWal);
    fs.writeFileSync(`${target}-shm`, staleShm);
    expect(staleWal.length).toBeGreaterThan(0);
    expect(dump(target).Response).toEqual([]); // SQLite would replay the stale WAL

    restoreDatabase(out, target);
    expectSameTables(dump(target), backupTables);
    const db = new Database(target, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  });
});

describe("the backup and restore commands", () => {
  const cli = (args: string[], databaseFile: string) =>
    run(process.execPath, ["--import", "tsx", "app/cli/main.ts", ...args], {
      env: { ...process.env, DATABASE_URL: `file:${databaseFile}` },
    });

  it("back up the live database while it is written, and restore it into a new place", async () => {
    const out = tmpFile("cli-backup");
    let writing = true;
    const writer = (async () => {
      while (writing && next < codes.length) await submitNext();
    })();
    const backup = await cli(["backup", "--out", out, "--json"], live());
    writing = false;
    await writer;
    expect(JSON.parse(backup.stdout)).toEqual({ out, bytes: fs.statSync(out).size });
    const copy = dump(out);
    // one moment: every answered code counted has its response (a used code's row is gone)
    const answered = (copy.CodeCount as { answered: number }[]).reduce((sum, c) => sum + c.answered, 0);
    expect(copy.Response!.length).toBe(answered);
    expect(copy.Response!.length).toBeGreaterThanOrEqual(10);

    const restoredTo = tmpFile("cli-restored");
    const restored = await cli(["restore", "--from", out, "--json"], restoredTo);
    expect(JSON.parse(restored.stdout)).toEqual({ restored: out });
    expectSameTables(dump(restoredTo), copy);

    // and an idle database backs up to exactly itself through the command
    const idle = tmpFile("cli-idle");
    await cli(["backup", "--out", idle], live());
    expectSameTables(dump(idle), dump(live()));
  }, 120_000);

  it("refuse a damaged backup and leave the database as it was", async () => {
    const damaged = tmpFile("damaged");
    fs.writeFileSync(damaged, Buffer.concat([fs.readFileSync(TEMPLATE_DB).subarray(0, 4096), Buffer.alloc(4096, 7)]));
    const before = dump(live());
    const result = await cli(["restore", "--from", damaged], live()).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: /);
    expectSameTables(dump(live()), before);
  }, 120_000);
});
