import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "~/cli/main";
import { backupPostgresql } from "~/ops/backup-postgresql.server";
import { runRetention } from "~/ops/retention.server";
import { submitResponse } from "~/respondent/submit.server";
import { prisma } from "~/utils/db.server";
import { TMP_DIR } from "../setup/paths";
import { codeRow, freshCodes } from "../support/codes";

/**
 * The attack of tests/server/storage.test.ts on PostgreSQL's files: the hash of a used code in
 * this database's data files (its folder under the cluster's base/), and in a backup. Needs the
 * test cluster on this machine (npm run test:postgresql starts one).
 */
async function databaseFiles(): Promise<string[]> {
  // dirty pages are in shared memory until a checkpoint writes them to the files
  await prisma.$executeRawUnsafe("CHECKPOINT");
  const [dir] = await prisma.$queryRawUnsafe<{ dir: string }[]>(
    `SELECT current_setting('data_directory') || '/base/' || oid::text AS dir FROM pg_database WHERE datname = current_database()`,
  );
  return fs.readdirSync(dir!.dir).map((f) => path.join(dir!.dir, f));
}

/**
 * A file's bytes. PostgreSQL drops and rebuilds its relation cache file pg_internal.init at any
 * moment, so that one may be gone after the listing; any other file that cannot be read fails.
 */
function readIfStill(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT" && path.basename(file) === "pg_internal.init") return null;
    throw e;
  }
}

const holding = (files: string[], marker: string) => files.filter((f) => readIfStill(f)?.includes(Buffer.from(marker)));

async function usedCodeHashes(n: number): Promise<string[]> {
  const codes = await freshCodes(n);
  const hashes: string[] = [];
  for (const c of codes) {
    const row = await codeRow(c.code);
    const answers = [{ questionKey: "feel_better", rowKey: "", optionKey: "yes", text: null }];
    expect((await submitResponse(row, answers, "sv")).status).toBe("saved");
    hashes.push(row.hash);
  }
  return hashes;
}

describe("PostgreSQL's data files after clients answered", () => {
  it("hold a used code's hash as a dead row until retention rewrites the table, then nowhere", async () => {
    const hashes = await usedCodeHashes(5);
    // the attack works before the rewrite: PostgreSQL keeps deleted rows in the page
    expect(holding(await databaseFiles(), hashes[0]!).length).toBeGreaterThan(0);
    await runRetention();
    const files = await databaseFiles();
    for (const hash of hashes) expect(holding(files, hash), hash).toEqual([]);
    expect(await prisma.response.count()).toBe(5);
  });

  it("stores a backup's responses in key order, not in the order clients answered", async () => {
    // without the rewrite (CLUSTER) a table's rows sit in the order they were inserted: a dump
    // lists responses in the order clients answered, for anyone who knows when one of them did
    const answered: string[] = [];
    for (const c of await freshCodes(12)) {
      const before = new Set((await prisma.response.findMany({ select: { id: true } })).map((r) => r.id));
      const answers = [{ questionKey: "feel_better", rowKey: "", optionKey: "yes", text: null }];
      expect((await submitResponse(await codeRow(c.code), answers, "sv")).status).toBe("saved");
      answered.push((await prisma.response.findMany({ select: { id: true } })).find((r) => !before.has(r.id))!.id);
    }
    const out = path.join(TMP_DIR, `pg-backup-order-${process.pid}-${Date.now()}.dump`);
    // the backup command's own work, not runCli: that ends the pool the submits above use
    await backupPostgresql(process.env.DATABASE_URL!, out);
    const sql = execFileSync("pg_restore", ["--file=-", "--data-only", "--table=Response", out], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const rows = sql.slice(sql.indexOf("FROM stdin;\n") + "FROM stdin;\n".length, sql.indexOf("\n\\.\n")).split("\n");
    const dumped = rows.map((r) => r.split("\t")[0]!).filter((id) => answered.includes(id));
    expect(dumped).toHaveLength(12);
    expect(dumped).toEqual([...answered].sort());
    expect(dumped).not.toEqual(answered);
  });

  it("leave no used code in a backup (pg_dump after the rewrite), and the backup restores every response", async () => {
    const hashes = await usedCodeHashes(3);
    const out = path.join(TMP_DIR, `pg-backup-${process.pid}-${Date.now()}.dump`);
    expect(await runCli(["backup", "--out", out])).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    // the archive is compressed: read it back as SQL text
    const sql = execFileSync("pg_restore", ["--file=-", out], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    for (const hash of hashes) expect(sql).not.toContain(hash);
    const responses = await prisma.response.findMany({ select: { id: true } });
    for (const r of responses) expect(sql).toContain(r.id);
    // restore: the same rows come back (a response deleted after the backup reappears)
    const before = await prisma.response.count();
    await prisma.answerCount.deleteMany({});
    await prisma.answer.deleteMany({});
    await prisma.response.deleteMany({});
    expect(await runCli(["restore", "--from", out])).toBe(0);
    expect(await prisma.response.count()).toBe(before);
  });

});
