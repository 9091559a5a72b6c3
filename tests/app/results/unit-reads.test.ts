/**
 * A unit's report reads its own rows of AnswerCount, not every unit's rows of its months
 * (decision 0029): each term of a read with units is an index seek on (level, unit, month), in
 * SQLite's own query plan. Not timed: the plan is what makes the cost grow with the unit's data.
 */
import { describe, expect, it } from "vitest";
import { cellsWhere, type CellRead, type Span } from "~/results/queries.sql.server";
import { databaseProvider } from "~/utils/database-url";
import { prisma, SQL } from "~/utils/db.server";

async function plan(reads: CellRead[], spans: Span[]): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ detail: string }[]>`
    EXPLAIN QUERY PLAN SELECT c."questionKey", SUM(c."n") FROM "AnswerCount" c
    WHERE ${cellsWhere(reads, spans)} AND c."surveyVersionId" IN (${SQL.join(["v1", "v2"])})
    GROUP BY c."questionKey"`;
  return rows.map((r) => r.detail);
}

const SEEK = /^SEARCH c USING PRIMARY KEY \(level=\? AND unitId=\? AND month>\? AND month<\?\)$/;

describe("reads with units", () => {
  it("seek each unit's months, for one unit, a pooled scope and a level read in two parts", async () => {
    if (databaseProvider() !== "sqlite") return; // the plan's wording is SQLite's
    const oneUnit = await plan([{ level: 0, from: "2025-01", to: "2025-12" }], [{ unitIds: ["u1"], wave: "closure", from: "2025-01", to: "2025-12" }]);
    const pooled = await plan(
      [
        { level: 3, from: "2025-01", to: "2025-06" },
        { level: 1, from: "2025-07", to: "2025-12", where: SQL.sql`c."questionKey" = ''` },
      ],
      [
        { unitIds: ["u1", "u2", "u3"], wave: "closure", from: "2025-01", to: "2025-12" },
        { unitIds: ["u4"], wave: "followup", from: "2025-03", to: "2025-08" },
      ],
    );
    for (const steps of [oneUnit, pooled]) {
      const reads = steps.filter((s) => /^(SEARCH|SCAN) c\b/.test(s));
      expect(reads.length).toBeGreaterThan(0);
      for (const s of reads) expect(s).toMatch(SEEK);
    }
    expect(pooled.filter((s) => SEEK.test(s))).toHaveLength(4);
  });
});
