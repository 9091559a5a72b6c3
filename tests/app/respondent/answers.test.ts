import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { SurveyDefinitionSchema } from "~/survey/definition";
import { parseAnswers } from "~/respondent/answers";
import { parseFormBody } from "~/respondent/form-body";

const reference = SurveyDefinitionSchema.parse(JSON.parse(fs.readFileSync("prisma/seed/questionnaire.json", "utf8")));
const v3 = reference.versions.find((v) => v.version === 3)!.questions;

const form = (body: string) => {
  const parsed = parseFormBody(body);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.pairs;
};

describe("parsing a submitted questionnaire", () => {
  it("stores single, matrix and text answers by key", () => {
    const result = parseAnswers(
      form("lang=ar&violence_stopped=yes&violence_by_type.sexual=stopped&violence_by_type.physical=reduced&comments=%D8%B4%D9%83%D8%B1%D8%A7"),
      v3,
      "closure",
    );
    expect(result.errors).toEqual([]);
    expect(result.answers).toEqual([
      { questionKey: "violence_stopped", rowKey: "", optionKey: "yes", text: null },
      { questionKey: "violence_by_type", rowKey: "sexual", optionKey: "stopped", text: null },
      { questionKey: "violence_by_type", rowKey: "physical", optionKey: "reduced", text: null },
      { questionKey: "comments", rowKey: "", optionKey: "", text: "شكرا" },
    ]);
  });

  it("accepts an empty submission: every question is optional", () => {
    expect(parseAnswers(form("lang=sv&comments="), v3, "closure")).toEqual({ answers: [], values: {}, errors: [] });
  });

  it("refuses unknown questions, options and matrix rows, naming the field", () => {
    const result = parseAnswers(
      form("nope=1&violence_stopped=maybe&violence_by_type.spiritual=stopped&role.x=subjected"),
      v3,
      "closure",
    );
    expect(result.errors).toEqual([
      { field: "nope", code: "unknownQuestion" },
      { field: "violence_stopped", code: "unknownOption" },
      { field: "violence_by_type.spiritual", code: "unknownQuestion" },
      { field: "role.x", code: "unknownQuestion" },
    ]);
    expect(result.answers).toEqual([]);
  });

  it("refuses two answers to a single-choice question", () => {
    expect(parseAnswers(form("gender=woman&gender=man"), v3, "closure").errors).toEqual([
      { field: "gender", code: "multipleValues" },
    ]);
  });

  it("refuses a question of the other wave", () => {
    // method_satisfaction is asked at closure only
    expect(parseAnswers(form("method_satisfaction=yes"), v3, "followup").errors).toEqual([
      { field: "method_satisfaction", code: "notInWave" },
    ]);
  });

  it("refuses text over its limit, counting characters not bytes, and keeps it to edit", () => {
    const ok = "ä".repeat(2000);
    expect(parseAnswers([["comments", ok]], v3, "closure").errors).toEqual([]);
    const long = "ä".repeat(2001);
    const result = parseAnswers([["comments", long]], v3, "closure");
    expect(result.errors).toEqual([{ field: "comments", code: "tooLong", max: 2000 }]);
    expect(result.values.comments).toBe(long);
    expect(result.answers).toEqual([]);
  });
});

describe("reading the form body strictly", () => {
  it("decodes ordinary bodies", () => {
    expect(parseFormBody("a=1+2&b=%C3%A4&c")).toEqual({ ok: true, pairs: [["a", "1 2"], ["b", "ä"], ["c", ""]] });
  });

  it("refuses broken percent-encoding and invalid UTF-8", () => {
    expect(parseFormBody("comments=%E0%A4%A")).toEqual({ ok: false, reason: "malformed" });
    expect(parseFormBody("comments=%FF%FE")).toEqual({ ok: false, reason: "malformed" });
    expect(parseFormBody("comments=%00")).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses oversized bodies", () => {
    expect(parseFormBody("comments=" + "a".repeat(300_000))).toEqual({ ok: false, reason: "tooLarge" });
  });
});
