import { describe, expect, it } from "vitest";
import { runCli } from "~/cli/main";
import { DERIVED_LEVELS, FREE_TEXT_LEVEL, LANGUAGE_LEVEL } from "~/results/levels";
import { prisma } from "~/utils/db.server";
import { addResponses } from "../../support/results-fixture";
import { captureCliOutput } from "../../support/cli-output";

const { out } = captureCliOutput();

describe("aggregates rebuild", () => {
  it("recounts the pre-aggregate from the responses, to the same rows", async () => {
    await addResponses([
      { version: 3, month: "2026-01", referral: "police", answers: { role: "subjected", violence_stopped: "yes" } },
      { version: 2, wave: "followup", month: "2026-02", answers: { gender: "woman", comments: { text: "tack" } } },
      { version: 3, month: "2026-03", answers: { role: "subjected" } },
    ]);
    const rows = (levels: string) =>
      prisma.$queryRawUnsafe(`SELECT * FROM "AnswerCount" WHERE "level" ${levels} ORDER BY "level", "month", "surveyVersionId", "wave", "clientGroup", "referral", "role", "gender", "questionKey", "rowKey", "optionKey"`);
    const before = await rows("<= 1");
    await prisma.$executeRawUnsafe(`DELETE FROM "AnswerCount"`);
    expect(await runCli(["aggregates", "rebuild", "--json"])).toBe(0);
    expect(JSON.parse(out.join(""))).toEqual({ responses: 3 });
    expect(await rows("<= 1")).toEqual(before);
    // and the derived levels of the closed months again (decision 0028): every month, every derived
    // level; free texts only where there is one (February's comment)
    const derived = (await rows(">= 2")) as { level: number; month: string; questionKey: string; optionKey: string; n: unknown }[];
    expect(new Set(derived.map((r) => `${r.level}|${r.month}`)).size).toBe(DERIVED_LEVELS.length * 3 - 2);
    expect(derived.filter((r) => r.level === LANGUAGE_LEVEL).map((r) => r.month).sort()).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(derived.filter((r) => r.level === FREE_TEXT_LEVEL).map((r) => [r.month, r.questionKey, r.optionKey, Number(r.n)])).toEqual([
      ["2026-02", "comments", "sv", 1],
    ]);
    // every level built through March, the free-text level too though March has no comment: else
    // the hourly job would find March unbuilt and read all of FreeText each time
    const built = await prisma.answerCountBuild.findMany({ where: { level: { in: [...DERIVED_LEVELS] } } });
    expect(Object.fromEntries(built.map((b) => [b.level, b.through]))).toEqual(Object.fromEntries(DERIVED_LEVELS.map((l) => [l, "2026-03"])));
  });
});
