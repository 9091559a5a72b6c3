import { describe, expect, it } from "vitest";
import { answerableMonths } from "~/codes/attributes";
import { env } from "~/env.server";
import type { AnswerRow } from "~/respondent/answers";
import { submitResponse, writerJob } from "~/respondent/submit.server";
import { openWriter, type WriterJob, type WriterStatement } from "~/respondent/writer.worker";
import { SentTexts, writeSubmit } from "~/respondent/writer.server";
import { databasePath } from "~/utils/database-url";
import { prisma } from "~/utils/db.server";
import { monthOf } from "~/utils/months";
import { CLIENT_GROUPS } from "~/codes/attributes";
import { loadSurvey } from "~/results/aggregate.server";
import { rebuildAnswerCounts } from "~/results/queries.sql.server";
import { codeRow, freshCodes } from "../../support/codes";
import { answerRows, randomAnswers, seeded } from "../../support/random-answers";

const answers = (marker: string): AnswerRow[] => [
  { questionKey: "feel_better", rowKey: "", optionKey: "yes", text: null },
  { questionKey: "comments", rowKey: "", optionKey: "", text: marker },
];

async function jobFor(code: string, marker: string, id: number): Promise<WriterJob> {
  const month = monthOf(new Date());
  return { id, ...writerJob(await codeRow(code), answers(marker), "sv", month, answerableMonths(month, env().codeValidDays), "phone") };
}

const COUNT_COLUMNS = `"level", "surveyVersionId", "wave", "month", "unitId", "clientGroup", "referral", "role", "gender", "questionKey", "rowKey", "optionKey"`;
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

  it("crosses to the writer as JSON text without changing a value", async () => {
    const [c] = await freshCodes(1, { clientGroup: "perpetrator", referral: "police", lang: "ti", confirmDraftLanguage: true });
    const month = monthOf(new Date());
    const job = writerJob(await codeRow(c!.code), answers("x"), "ti", month, answerableMonths(month, env().codeValidDays), "paper");
    const values = [job.claim, ...job.writes, job.counts!.statement].flatMap((s) => s.values);
    expect(values.some((v) => v === null) && values.some((v) => typeof v === "number")).toBe(true);
    expect(JSON.parse(JSON.stringify(job))).toStrictEqual(job);
  });

  it("refuses a job JSON cannot carry before sending anything, and the next job that brings the same new text is saved", async () => {
    const [first, second] = await freshCodes(2);
    const { id: _, ...unsendable } = await jobFor(first!.code, "never-sent", 0);
    // a text the writer has never seen, in a job with a value JSON cannot carry
    const claimOnce = (job: Omit<WriterJob, "id">, values: unknown[]) => ({ ...job, claim: { sql: `${job.claim.sql!} -- once`, values } });
    await expect(writeSubmit(claimOnce(unsendable, [...unsendable.claim.values, 1n]))).rejects.toThrow(/BigInt/);
    const { id: __, ...next } = await jobFor(second!.code, "sent-after", 0);
    expect((await writeSubmit(claimOnce(next, next.claim.values))).status).toBe("saved");
    expect(await stillIssued(first!.code)).toBe(true);
    expect(await storedTexts()).toContain("sent-after");
  });

  it("stores a comment exactly as written, every character, after its trip to the writer", async () => {
    const [c] = await freshCodes(1);
    const written = `"quoted" \\ back\nslash\u0000 ትግርኛ العربية 👩🏽‍⚕️ end`;
    expect((await submitResponse(await codeRow(c!.code), answers(written), "sv")).status).toBe("saved");
    expect(await storedTexts()).toContain(written);
    expect(await freeTexts()).toContain(written);
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

  it("adds a batch's saved responses to the answer counts at once, equal to a recount", async () => {
    const rnd = seeded(27);
    const newest = (await loadSurvey("brukarenkat")).definitions.at(-1)!.def;
    // groups and role/gender answers differ, so the batch's responses fall into different cells
    const codes = await Promise.all(Array.from({ length: 30 }, () => freshCodes(1, { clientGroup: rnd.pick(CLIENT_GROUPS) }).then(([c]) => c!)));
    const [broken] = await freshCodes(1, { referral: "other" });
    const brokenRow = await codeRow(broken!.code);
    await prisma.codeCount.deleteMany({ where: { surveyVersionId: brokenRow.surveyVersionId, referral: "other" } });
    const month = monthOf(new Date());
    const jobs: WriterJob[] = [];
    for (const [i, c] of [...codes, broken!, codes[0]!].entries()) {
      const answered = answerRows(randomAnswers(rnd, newest, "closure"));
      jobs.push({ id: i, ...writerJob(await codeRow(c.code), answered, "sv", month, answerableMonths(month, env().codeValidDays), "phone") });
    }
    const before = await prisma.response.count();
    const writer = openWriter({ file: databasePath(), busyTimeoutMs: 5000 });
    const reply = writer.commit(jobs);
    writer.close();
    // 30 saved; the broken one failed in its savepoint; the second submit of the first code found it used
    expect(reply.outcomes.filter((o) => o.status === "saved")).toHaveLength(30);
    expect(await prisma.response.count()).toBe(before + 30);

    const cube = () => prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "AnswerCount" ORDER BY ${COUNT_COLUMNS}`);
    const kept = await cube();
    await rebuildAnswerCounts();
    expect(await cube()).toEqual(kept);
  });

  it("stores nothing of a batch whose count cells fail, and leaves its codes unused", async () => {
    const codes = await freshCodes(3);
    const jobs = await Promise.all(codes.map((c, i) => jobFor(c.code, `batch-failing-${i}`, i)));
    // prepares, then fails as it runs: a count cell without its version
    const failing = `INSERT INTO "AnswerCount" (${COUNT_COLUMNS}, "n") VALUES (?, ? || NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
    for (const job of jobs) job.counts = { ...job.counts!, statement: { sql: failing, values: [] } };
    const writer = openWriter({ file: databasePath(), busyTimeoutMs: 5000 });
    const reply = writer.commit(jobs);
    writer.close();
    expect(reply.outcomes.map((o) => o.status)).toEqual(["failed", "failed", "failed"]);
    for (const c of codes) expect(await stillIssued(c.code)).toBe(true);
    const texts = await storedTexts();
    for (let i = 0; i < 3; i++) expect(texts.has(`batch-failing-${i}`)).toBe(false);
  });

  it("sends each statement text once, then its key; a text of a job never sent is sent with the next, under a key no other text has", () => {
    const sent = new SentTexts();
    const added: string[] = [];
    expect(sent.compact({ sql: "A", values: [1] }, added)).toEqual({ sql: "A", key: 0, values: [1] });
    expect(sent.compact({ sql: "A", values: [2] }, added)).toEqual({ key: 0, values: [2] });
    const unsent: string[] = [];
    expect(sent.compact({ sql: "B", values: [] }, unsent)).toEqual({ sql: "B", key: 1, values: [] });
    sent.forget(unsent);
    expect(added).toEqual(["A"]);
    const again = sent.compact({ sql: "B", values: [] }, []);
    expect(again.sql).toBe("B");
    expect(sent.compact({ sql: "C", values: [] }, []).key).not.toBe(again.key);
    expect(sent.compact({ sql: "A", values: [] }, []).key).toBe(0);
  });

  it("keeps taking submits after a statement fails to prepare, though each text crosses to it once", async () => {
    // as writer.server.ts sends them: a text the first time, its key after that
    const sent = new SentTexts();
    const compact = (s: WriterStatement) => sent.compact(s, []);
    const sendable = (job: WriterJob): WriterJob => ({ ...job, claim: compact(job.claim), writes: job.writes.map(compact), counts: { ...job.counts!, statement: compact(job.counts!.statement) } });
    const [first, second, third] = await freshCodes(3);
    const broken = await jobFor(first!.code, "prepare-broken", 1);
    const jobs = [sendable({ ...broken, claim: { sql: `DELETE FROM "NoSuchTable" WHERE "id" = ?`, values: ["x"] } }), sendable(await jobFor(second!.code, "prepare-second", 2))];
    const writer = openWriter({ file: databasePath(), busyTimeoutMs: 5000 });
    try {
      expect(writer.commit(jobs).outcomes.map((o) => [o.id, o.status]).sort()).toEqual([[1, "failed"], [2, "saved"]]);
      // the next batch names every text by key only
      const later = sendable(await jobFor(third!.code, "prepare-third", 3));
      expect(later.claim.sql).toBeUndefined();
      expect(writer.commit([later]).outcomes.map((o) => o.status)).toEqual(["saved"]);
    } finally {
      writer.close();
    }
    expect(await stillIssued(first!.code)).toBe(true);
    const texts = await storedTexts();
    expect(["prepare-second", "prepare-third"].every((t) => texts.has(t))).toBe(true);
  });
});
