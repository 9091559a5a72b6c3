/**
 * The levels job and `aggregates rebuild` in another process (decision 0033): a rebuild that
 * commits after the job read how far a level is built, and before it wrote, must not leave the
 * level without its earlier months while its record says they are built. Whatever the job does
 * then (fail, or build on the rebuilt rows), building again gives every level exactly as a build
 * from scratch does. The other process is a child holding its transaction open (both databases).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { loadSurvey } from "~/results/aggregate.server";
import { monthsBetween } from "~/results/period";
import { buildDimensionLevels } from "~/results/queries.sql.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { sqlitePath } from "~/utils/database-url";
import { prisma } from "~/utils/db.server";
import { addResponses, SLUG } from "../../support/results-fixture";
import { randomAnswers, seeded } from "../../support/random-answers";

const rnd = seeded(20261129);

/** Every derived row, as text, sorted. */
async function derivedRows(): Promise<string[]> {
  const rows = await prisma.answerCount.findMany({ where: { level: { gte: 2 } } });
  return rows.map((r) => JSON.stringify(r)).sort();
}

/**
 * A rebuild in another process, as `aggregates rebuild` does it: behind the levels' lock (the
 * write lock on SQLite, the table lock on PostgreSQL), empties every level and writes levels 0
 * and 1 again, committing after `holdMs`.
 */
async function rebuildElsewhere(url: string, holdMs: number) {
  const file = sqlitePath(url);
  const statements = [
    'CREATE TEMP TABLE keep AS SELECT * FROM "AnswerCount" WHERE "level" IN (0, 1)',
    'DELETE FROM "AnswerCount"',
    'DELETE FROM "AnswerCountBuild"',
    'INSERT INTO "AnswerCount" SELECT * FROM keep',
  ];
  const script =
    file === null
      ? `
    const { Client } = require("pg");
    (async () => {
      const db = new Client({ connectionString: ${JSON.stringify(url)} });
      await db.connect();
      await db.query("BEGIN");
      await db.query('LOCK TABLE "AnswerCountBuild" IN SHARE ROW EXCLUSIVE MODE');
      for (const sql of ${JSON.stringify(statements)}) await db.query(sql);
      process.stdout.write("locked\\n");
      setTimeout(async () => { await db.query("COMMIT"); await db.end(); }, ${holdMs});
    })();`
      : `
    const Database = require("better-sqlite3");
    const db = new Database(${JSON.stringify(file)}, { timeout: 5000 });
    db.exec("BEGIN IMMEDIATE");
    for (const sql of ${JSON.stringify(statements)}) db.exec(sql);
    process.stdout.write("locked\\n");
    setTimeout(() => { db.exec("COMMIT"); db.close(); }, ${holdMs});`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve()));
  // wrapped: an async function returning the promise itself would wait for the exit
  return { committed: once(child, "exit") };
}

describe("the levels job beside a rebuild", () => {
  it("never records months a rebuild emptied under it", async () => {
    await seedReferenceSurvey();
    const loaded = await loadSurvey(SLUG);
    const months = monthsBetween("2025-01", "2025-12");
    await addResponses(
      Array.from({ length: 120 }, () => {
        const { def } = rnd.pick(loaded.definitions);
        return { version: def.version, wave: "closure" as const, month: rnd.pick(months), answers: randomAnswers(rnd, def, "closure") };
      }),
    );
    await buildDimensionLevels("2025-12");
    const fromScratch = await derivedRows();
    expect(fromScratch.length).toBeGreaterThan(0);

    await prisma.$executeRawUnsafe(`DELETE FROM "AnswerCount" WHERE "level" >= 2`);
    await buildDimensionLevels("2025-06");
    // the job reads "built through June" before the rebuild commits and writes after it
    const rebuild = await rebuildElsewhere(process.env.DATABASE_URL!, 1500);
    // the job waits for the rebuild's lock, then builds on the rebuilt rows
    await buildDimensionLevels("2025-12");
    await rebuild.committed;
    await buildDimensionLevels("2025-12");
    expect(await derivedRows()).toEqual(fromScratch);
  }, 60_000);
});
