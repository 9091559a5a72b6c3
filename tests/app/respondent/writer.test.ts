import { describe, expect, it } from "vitest";
import { answerableMonths } from "~/codes/attributes";
import { env } from "~/env.server";
import type { AnswerRow } from "~/respondent/answers";
import { submitResponse, writerJob } from "~/respondent/submit.server";
import { openWriter, type WriterJob } from "~/respondent/writer.worker";
import { databasePath } from "~/utils/database-url";
import { prisma } from "~/utils/db.server";
import { monthOf } from "~/utils/months";
import { codeRow, freshCodes } from "../../support/codes";

const answers = (marker: string): AnswerRow[] => [
  { questionKey: "feel_better", rowKey: "", optionKey: "yes", text: null },
  { questionKey: "comments", rowKey: "", optionKey: "", text: marker },
];

async function jobFor(code: string, marker: string, id: number): Promise<WriterJob> {
  const month = monthOf(new Date());
  return { id, ...writerJob(await codeRow(code), answers(marker), "sv", month, answerableMonths(month, env().codeValidDays), "phone") };
}

const stillIssued = async (code: string) => (await prisma.surveyCode.count({ where: { hash: (await codeRow(code)).hash } })) === 1;
const storedTexts = async () => new Set((await prisma.answer.findMany({ where: { questionKey: "comments" }, select: { text: true } })).map((a) => a.text));
const freeTexts = async () => new Set((await prisma.freeText.findMany({ where: { questionKey: "comments" }, select: { text: true } })).map((t) => t.text));

describe("the group-committing writer", () => {
  it("rolls back only the submit that fails in a batch, and claims a code twice in one batch once", async () => {
    const [first, second] = await freshCodes(2);
    // its own count cell, then removed: its submit fails at the last statement of its savepoint
    const [broken] = await freshCodes(1, { clientGroup: "both" });
    const brokenRow = await codeRow(broken!.code);
    await prisma.codeCount.deleteMany({ where: { surveyVersionId: brokenRow.surveyVersionId, clientGroup: "both" } });
    const jobs = [
      await jobFor(first!.code, "batch-first", 1),
      await jobFor(broken!.code, "batch-broken", 2),
      await jobFor(second!.code, "batch-second", 3),
      await jobFor(second!.code, "batch-second-again", 4),
    ];
    const writer = openWriter({ file: databasePath(), busyTimeoutMs: 5000 });
    const reply = writer.commit(jobs);
    writer.close();

    const outcome = new Map(reply.outcomes.map((o) => [o.id, o.status]));
    expect(outcome.get(1)).toBe("saved");
    expect(outcome.get(2)).toBe("failed");
    expect([outcome.get(3), outcome.get(4)].sort()).toEqual(["saved", "unclaimed"]);
    expect(reply.checkpointed).toBe(true);

    const texts = await storedTexts();
    expect(texts.has("batch-first")).toBe(true);
    expect(texts.has("batch-broken")).toBe(false);
    expect(texts.has("batch-second") !== texts.has("batch-second-again")).toBe(true);
    // the failed submit left its code usable; the free-text table holds exactly the stored texts
    expect(await stillIssued(broken!.code)).toBe(true);
    const copies = await freeTexts();
    for (const marker of ["batch-first", "batch-broken", "batch-second", "batch-second-again"]) expect(copies.has(marker)).toBe(texts.has(marker));
  });

  it("runs a batch in shuffled order, not the order submits arrived in", async () => {
    // the first of two submits of one code to run wins: which one shows the order the batch ran in
    const batches = 24;
    const codes = await freshCodes(batches);
    const writer = openWriter({ file: databasePath(), busyTimeoutMs: 5000 });
    const winners: number[] = [];
    try {
      for (const [i, c] of codes.entries()) {
        const reply = writer.commit([await jobFor(c.code, `order-${i}-a`, 1), await jobFor(c.code, `order-${i}-b`, 2)]);
        winners.push(reply.outcomes.find((o) => o.status === "saved")!.id);
      }
    } finally {
      writer.close();
    }
    // in arrival order the first would always win (a chance of 2 in 2^24 that a fair shuffle looks like one)
    expect(new Set(winners)).toEqual(new Set([1, 2]));
  });

  it("saves every one of many parallel submits", async () => {
    const codes = await freshCodes(40);
    const before = await prisma.response.count();
    const results = await Promise.all(codes.map(async (c, i) => submitResponse(await codeRow(c.code), answers(`parallel-${i}`), "sv")));
    expect(results.every((r) => r.status === "saved")).toBe(true);
    expect(await prisma.response.count()).toBe(before + 40);
    const texts = await storedTexts();
    const copies = await freeTexts();
    for (let i = 0; i < 40; i++) {
      expect(texts.has(`parallel-${i}`)).toBe(true);
      expect(copies.has(`parallel-${i}`)).toBe(true);
    }
  });

  it("fails one submit whose count row is missing without failing its neighbours", async () => {
    const codes = await freshCodes(10);
    const [broken] = await freshCodes(1, { clientGroup: "perpetrator" });
    const brokenRow = await codeRow(broken!.code);
    await prisma.codeCount.deleteMany({ where: { surveyVersionId: brokenRow.surveyVersionId, clientGroup: "perpetrator" } });
    const rows = await Promise.all([...codes.map((c) => codeRow(c.code)), Promise.resolve(brokenRow)]);
    const results = await Promise.allSettled(rows.map((row, i) => submitResponse(row, answers(`neighbour-${i}`), "sv")));
    expect(results.slice(0, 10).every((r) => r.status === "fulfilled" && r.value.status === "saved")).toBe(true);
    expect(results[10]!.status).toBe("rejected");
    expect(await stillIssued(broken!.code)).toBe(true);
  });
});
