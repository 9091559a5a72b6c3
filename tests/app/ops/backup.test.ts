import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase } from "~/ops/backup.server";
import { submitResponse } from "~/respondent/submit.server";
import { databasePath } from "~/utils/database-url";
import { freshCodes, codeRow } from "../../support/codes";
import { TMP_DIR } from "../../setup/paths";

const tmp = TMP_DIR;

function dumpTables(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    return Object.fromEntries(tables.map((t) => [t.name, db.prepare(`SELECT * FROM "${t.name}" ORDER BY 1, 2`).all()]));
  } finally {
    db.close();
  }
}

describe("backup and restore", () => {
  it("copies a consistent database while answers are being written, and restores every table", async () => {
    const codes = await freshCodes(40);
    const submit = async (i: number) => submitResponse(await codeRow(codes[i]!.code), [{ questionKey: "feel_better", rowKey: "", optionKey: "yes", text: null }], "sv");
    for (let i = 0; i < 20; i++) await submit(i);

    const out = path.join(tmp, `backup-${process.pid}-${Date.now()}.db`);
    // answers keep arriving during the backup
    const [result] = await Promise.all([backupDatabase(databasePath(), out), ...Array.from({ length: 20 }, (_, i) => submit(20 + i))]);
    expect(result.bytes).toBeGreaterThan(0);

    const copy = dumpTables(out);
    expect(copy.Response!.length).toBeGreaterThanOrEqual(20);
    // consistent: every code gone from the copy (used) has its response, and no response lacks its code
    expect(copy.SurveyCode!.length + copy.Response!.length).toBe(40);

    // the copy is private from its first byte; a backup someone later opened up does not restore open
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    fs.chmodSync(out, 0o644);
    const restoredFile = path.join(tmp, `restored-${process.pid}-${Date.now()}.db`);
    restoreDatabase(out, restoredFile);
    expect(fs.statSync(restoredFile).mode & 0o777).toBe(0o600);
    expect(dumpTables(restoredFile)).toEqual(copy);
    expect(Object.keys(copy)).toEqual(expect.arrayContaining(["Response", "Answer", "SurveyCode", "CodeCount", "User", "Survey"]));
  });

  it("refuses to overwrite an existing file and to restore something that is not a database of ours", async () => {
    const existing = path.join(tmp, `exists-${process.pid}.db`);
    fs.writeFileSync(existing, "x");
    await expect(backupDatabase(databasePath(), existing)).rejects.toThrow(/exists already/);
    const foreign = path.join(tmp, `foreign-${process.pid}.db`);
    new Database(foreign).exec("CREATE TABLE t (x)");
    expect(() => restoreDatabase(foreign, path.join(tmp, "never.db"))).toThrow(/not a Brukarröst database/);
  });
});
