import { describe, expect, it } from "vitest";
import { WITHHELD_ATTRIBUTE } from "~/codes/attributes";
import { lookupCode } from "~/codes/lookup.server";
import { activateCode, printStock, StockRefusedError, stockCounts, voidStockCode } from "~/codes/stock.server";
import { attention } from "~/home/attention.server";
import { runRetention } from "~/ops/retention.server";
import { submitResponse } from "~/respondent/submit.server";
import { reachTables } from "~/results/aggregate.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { prisma } from "~/utils/db.server";
import { codeRow } from "../../support/codes";

const FEEL_BETTER = [{ questionKey: "feel_better", rowKey: "", optionKey: "yes", text: null }];
const print = async (lang: string, count: number, on: Date) => {
  await seedReferenceSurvey();
  return printStock({ survey: "brukarenkat", lang, count, confirmDraftLanguage: true }, on);
};

describe("stock counts", () => {
  it("count unactivated, unexpired slips per language, and only those", async () => {
    const now = new Date("2026-11-10T10:00:00Z");
    const ti = await print("ti", 5, now);
    expect((await lookupCode(ti[0]!.code, now)).status).toBe("unusable"); // printed opens nothing
    await print("ar", 2, now);
    await print("so", 4, new Date("2025-10-01T10:00:00Z")); // a year and more in stock: void
    await activateCode({ code: ti[0]!.code, wave: "closure" }, now);
    expect((await lookupCode(ti[0]!.code, now)).status).toBe("valid");
    await voidStockCode(ti[1]!.code);
    expect(await stockCounts(now)).toEqual([
      { survey: "brukarenkat", lang: "ti", count: 3 },
      { survey: "brukarenkat", lang: "ar", count: 2 },
    ]);
    // and nothing counts as handed out but the one activated
    const counted = async () => (await prisma.codeCount.findMany()).map((c) => [c.lang, c.wave, c.validMonth, c.issued, c.expired]);
    expect(await counted()).toEqual([["ti", "closure", "2026-11", 1, 0]]);
    // retention takes the void Somali stack away without counting it as expired
    expect(await runRetention(now)).toEqual({ deletedExpired: 4 });
    expect(await counted()).toEqual([["ti", "closure", "2026-11", 1, 0]]);
  });
});

describe("activated codes in reach and on the start page", () => {
  it("count in the month of activation, never in the month printed", async () => {
    const printed = await print("ti", 12, new Date("2026-03-03T10:00:00Z"));
    for (const c of printed.slice(0, 6)) await activateCode({ code: c.code, wave: "closure", referral: "police" }, new Date("2026-04-14T10:00:00Z"));
    for (const c of printed.slice(6, 11)) await activateCode({ code: c.code, wave: "followup", validFrom: "2026-10-14" }, new Date("2026-05-02T10:00:00Z"));
    // reach counts a hand-out month once none of its codes can be answered: after the follow-ups' end
    const spent = new Date("2027-06-01T10:00:00Z");
    const [byMonth, byWave] = await reachTables({ survey: "brukarenkat", period: { from: "2026-03", to: "2026-05" }, wave: null }, ["validMonth", "wave"], undefined, spent);
    expect(byMonth!.rows.map((r) => [r.key, r.issued])).toEqual([
      ["2026-04", 6],
      ["2026-05", 5],
    ]);
    expect(byWave!.rows.map((r) => [r.key, r.issued])).toEqual([
      ["closure", 6],
      ["followup", 5],
    ]);
    // six months on, the closure codes of April say how many follow-ups are due
    expect((await attention(new Date("2026-10-05T10:00:00Z"))).followups).toEqual({ closureMonth: "2026-04", due: 6 });
  });

  it("keep a follow-up's language where enough codes open in the months it can be answered", async () => {
    const printed = await print("ti", 5, new Date("2026-05-01T10:00:00Z"));
    // handed out in May, all opening in November: their answers in November keep "ti"
    for (const c of printed) await activateCode({ code: c.code, wave: "followup", validFrom: "2026-11-02" }, new Date("2026-05-04T10:00:00Z"));
    const answerOn = new Date("2026-11-03T10:00:00Z");
    expect((await submitResponse(await codeRow(printed[0]!.code), FEEL_BETTER, "ti", answerOn)).status).toBe("saved");
    const [stored] = await prisma.response.findMany();
    expect(stored!.lang).toBe("ti");
  });

  it("withhold it where fewer than k such codes open then", async () => {
    const printed = await print("ti", 4, new Date("2026-09-01T10:00:00Z"));
    for (const c of printed) await activateCode({ code: c.code, wave: "followup", validFrom: "2027-03-02" }, new Date("2026-09-04T10:00:00Z"));
    expect((await submitResponse(await codeRow(printed[0]!.code), FEEL_BETTER, "ti", new Date("2027-03-03T10:00:00Z"))).status).toBe("saved");
    expect((await prisma.response.findFirstOrThrow({ where: { month: "2027-03" } })).lang).toBe(WITHHELD_ATTRIBUTE);
  });
});

describe("activating a slip", () => {
  it("counts it handed out once, however many activations of it race (a double tap, two desks)", async () => {
    const now = new Date("2026-11-12T10:00:00Z");
    const [slip] = await print("fa", 1, now);
    const tries = await Promise.allSettled(Array.from({ length: 20 }, () => activateCode({ code: slip!.code, wave: "closure" }, now)));
    expect(tries.filter((t) => t.status === "fulfilled")).toHaveLength(1);
    expect(tries.filter((t) => t.status === "rejected").every((t) => (t as PromiseRejectedResult).reason instanceof StockRefusedError)).toBe(true);
    // one more Farsi code counted would let a response keep "fa" with a code too few behind it
    const counts = await prisma.codeCount.findMany({ where: { lang: "fa" } });
    expect(counts.map((c) => c.issued)).toEqual([1]);
  });
});
