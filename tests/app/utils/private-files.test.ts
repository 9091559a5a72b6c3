import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { checkDataPermissions, createPrivateFile, ExposedDataError } from "~/utils/private-files.server";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "brukarrost-private-"));
const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

/** Runs `work` with the process umask set to `mask`, as a careless shell would have it. */
function withUmask<T>(mask: number, work: () => T): T {
  const before = process.umask(mask);
  try {
    return work();
  } finally {
    process.umask(before);
  }
}

describe("private files", () => {
  it("creates the directory 0700 and the file 0600 even under umask 000, and SQLite's WAL and SHM inherit it", () => {
    const dir = path.join(tmp(), "data");
    const file = path.join(dir, "brukarrost.db");
    withUmask(0o000, () => {
      expect(createPrivateFile(file)).toBe(true);
      const db = new Database(file);
      db.pragma("journal_mode = WAL");
      db.exec("CREATE TABLE answer (text TEXT); INSERT INTO answer VALUES ('fritext')");
      expect(modeOf(file + "-wal")).toBe(0o600);
      expect(modeOf(file + "-shm")).toBe(0o600);
      db.close();
    });
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    expect(createPrivateFile(file)).toBe(false);
  });

  it("warns in development and refuses in production, with a chmod that really closes every hole", () => {
    const dir = path.join(tmp(), "data");
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    for (const [name, mode] of [["brukarrost.db", 0o644], ["brukarrost.db-wal", 0o604], ["token-secret", 0o600], ["it's odd", 0o644]] as const) {
      fs.writeFileSync(path.join(dir, name), "x");
      fs.chmodSync(path.join(dir, name), mode);
    }
    const warnings: string[] = [];
    checkDataPermissions([dir], "development", (m) => warnings.push(m));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Warning: Other accounts on this host can read .*brukarrost\.db \(0644\)/);
    expect(warnings[0]).not.toMatch(/token-secret/);

    let error: unknown;
    try {
      checkDataPermissions([dir], "production", () => expect.fail("production must not just warn"));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExposedDataError);
    const fix = /Fix: (.+)$/.exec((error as Error).message)![1]!;
    execFileSync("/bin/sh", ["-c", fix]);
    expect(() => checkDataPermissions([dir], "production")).not.toThrow();
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(path.join(dir, "it's odd"))).toBe(0o600);
  });

  it("says nothing when the directory does not exist yet", () => {
    expect(() => checkDataPermissions([path.join(tmp(), "missing")], "production")).not.toThrow();
  });
});
