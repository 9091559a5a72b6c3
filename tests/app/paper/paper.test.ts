import { describe, expect, it } from "vitest";
import { printStock } from "~/codes/stock.server";
import { enterPaperAnswers, openForEntry, printableSheet } from "~/paper/paper.server";
import { submitResponse } from "~/respondent/submit.server";
import { prisma } from "~/utils/db.server";
import { createUnit } from "~/units/units.server";
import { DEFAULT_UNIT } from "~/units/scope";
import { codeRow, freshCodes, plain } from "../../support/codes";

// the units the staff member at the desk works in
const OWN = [DEFAULT_UNIT];

const ti = async (wave: "closure" | "followup" = "closure") =>
  plain((await freshCodes(1, { lang: "ti", wave, confirmDraftLanguage: true, ...(wave === "followup" ? { validFrom: "2099-01-01" } : {}) }))[0]!.code);
const ANSWERS: [string, string][] = [
  ["feel_better", "yes"],
  ["violence_by_type.physical", "stopped"],
  ["comments", "ጽቡቕ"],
];

describe("the printed sheet", () => {
  it("is the code's wave in its language, right to left for Arabic, every text in the sheet's language", async () => {
    const sheet = (await printableSheet(await ti(), OWN))!;
    expect(sheet.lang).toBe("ti");
    expect(sheet.dir).toBe("ltr");
    expect(sheet.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(sheet.questions.map((q) => q.key)).toContain("contact_satisfaction"); // a closure-only question
    expect(sheet.envelope).toMatch(/ፖስታ/);
    expect(JSON.stringify(sheet)).not.toMatch(/Har våldet|kuvertet/); // no Swedish on a Tigrinya sheet
    const arabic = (await printableSheet(plain((await freshCodes(1, { lang: "ar", confirmDraftLanguage: true }))[0]!.code), OWN))!;
    expect(arabic.dir).toBe("rtl");
  });

  it("leaves out what the follow-up does not ask", async () => {
    const keys = (await printableSheet(await ti("followup"), OWN))!.questions.map((q) => q.key);
    expect(keys).not.toContain("contact_satisfaction");
    expect(keys).toContain("violence_stopped");
  });

  it("for a slip in stock (wave not known yet) holds every question of its version once", async () => {
    const [slip] = await printStock({ survey: "brukarenkat", lang: "ti", count: 1, confirmDraftLanguage: true });
    const keys = (await printableSheet(slip!.code, OWN))!.questions.map((q) => q.key);
    expect(keys).toContain("contact_satisfaction");
    expect(keys.filter((k) => k === "violence_stopped")).toHaveLength(1);
    expect(keys).toHaveLength(new Set(keys).size);
  });

  it("is refused alike for an unknown, a used and a malformed code", async () => {
    const used = await ti();
    await submitResponse(await codeRow(used), [], "ti");
    for (const code of ["ZZZZZZZZZZZZ", used, "not a code"]) expect(await printableSheet(code, OWN)).toBeNull();
  });
});

describe("typing a returned sheet in", () => {
  it("stores what a phone answer stores, and counts the channel only on the code's monthly row", async () => {
    const paper = await ti();
    const phone = await ti();
    const before = await prisma.codeCount.aggregate({ _sum: { answered: true, answeredOnPaper: true } });
    expect(await enterPaperAnswers(paper, ANSWERS, OWN)).toEqual({ status: "saved" });
    const phoneRow = await codeRow(phone);
    const { parseAnswers } = await import("~/respondent/answers");
    const { versionFor } = await import("~/respondent/page.server");
    const parsed = parseAnswers(ANSWERS, (await versionFor(phoneRow)).questions, "closure");
    expect(await submitResponse(phoneRow, parsed.answers, "ti")).toEqual({ status: "saved" });
    const after = await prisma.codeCount.aggregate({ _sum: { answered: true, answeredOnPaper: true } });
    expect(after._sum.answered! - before._sum.answered!).toBe(2);
    expect(after._sum.answeredOnPaper! - before._sum.answeredOnPaper!).toBe(1);

    const responses = await prisma.response.findMany({ where: { answers: { some: { text: "ጽቡቕ" } } }, include: { answers: true } });
    expect(responses).toHaveLength(2);
    const shape = (r: (typeof responses)[number]) => ({
      ...r,
      id: undefined,
      answers: r.answers.map((a) => ({ ...a, responseId: undefined })).sort((a, b) => a.questionKey.localeCompare(b.questionKey)),
    });
    expect(shape(responses[0]!)).toEqual(shape(responses[1]!));
  });

  it("is single use both ways: a code answered on paper cannot be answered on the phone, nor the reverse", async () => {
    const paper = await ti();
    const row = await codeRow(paper);
    expect(await enterPaperAnswers(paper, ANSWERS, OWN)).toEqual({ status: "saved" });
    expect(await submitResponse(row, [], "ti")).toEqual({ status: "unusable" });
    const phone = await ti();
    expect(await submitResponse(await codeRow(phone), [], "ti")).toEqual({ status: "saved" });
    expect(await openForEntry(phone, OWN)).toEqual({ status: "unusable" });
    expect(await enterPaperAnswers(phone, ANSWERS, OWN)).toEqual({ status: "unusable" });
  });

  it("refuses wrong answers with the client's own validation and leaves the code unused", async () => {
    const code = await ti();
    const refused = await enterPaperAnswers(code, [["feel_better", "maybe"], ["nonsense", "1"], ["feel_better.row", "yes"]], OWN);
    expect(refused.status).toBe("invalid");
    if (refused.status !== "invalid") return;
    expect(refused.errors.map((e) => e.code).sort()).toEqual(["unknownOption", "unknownQuestion", "unknownQuestion"]);
    expect(await prisma.surveyCode.count({ where: { hash: (await codeRow(code)).hash } })).toBe(1);
    expect(await enterPaperAnswers(code, ANSWERS, OWN)).toEqual({ status: "saved" });
  });

  it("says a follow-up not yet open opens later, and keeps it", async () => {
    const code = await ti("followup");
    const opened = await openForEntry(code, OWN);
    expect(opened.status).toBe("notYetValid");
    expect((await enterPaperAnswers(code, ANSWERS, OWN)).status).toBe("notYetValid");
    expect(await codeRow(code)).toBeTruthy();
  });

  it("shows the sheet's words beside the Swedish, numbered as on the sheet", async () => {
    const opened = await openForEntry(await ti(), OWN);
    expect(opened.status).toBe("form");
    if (opened.status !== "form") return;
    const q = opened.form.questions.find((x) => x.key === "violence_stopped")!;
    expect(q.sv.text).toBe("Har våldet upphört?");
    expect(q.text).not.toBe(q.sv.text);
    expect(q.number).toBe(q.sv.number);
    expect(opened.form.lang).toBe("ti");
  });
});

describe("another unit's codes", () => {
  it("are neither printed nor entered at this unit's desk, and stay usable for their own unit", async () => {
    const south = await createUnit({ slug: "south-paper", name: "Söder" });
    const theirs = plain((await freshCodes(1, { unitId: south.id }))[0]!.code);
    expect(await printableSheet(theirs, OWN)).toBeNull();
    expect(await openForEntry(theirs, OWN)).toEqual({ status: "unusable" });
    expect(await enterPaperAnswers(theirs, ANSWERS, OWN)).toEqual({ status: "unusable" });
    expect(await codeRow(theirs)).toBeTruthy();
    expect(await enterPaperAnswers(theirs, ANSWERS, [south.id])).toEqual({ status: "saved" });
  });
});
