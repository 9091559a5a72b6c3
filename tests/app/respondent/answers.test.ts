import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { SurveyDefinitionSchema, type Question } from "~/survey/definition";
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

describe("each kind of question, field by field", () => {
  const choice = (key: string) => ({ key, text: { sv: key } });
  const helpedBy: Question = {
    key: "helped_by",
    type: "multi",
    waves: ["closure"],
    text: { sv: "Vad hjälpte?" },
    options: [choice("talk"), choice("group"), choice("shelter")],
  };
  const questions = [...v3, helpedBy];

  it("stores each chosen option of a multiple-choice question once, in the order sent", () => {
    const result = parseAnswers(form("helped_by=shelter&helped_by=talk&helped_by=shelter&helped_by="), questions, "closure");
    expect(result.errors).toEqual([]);
    expect(result.answers).toEqual([
      { questionKey: "helped_by", rowKey: "", optionKey: "shelter", text: null },
      { questionKey: "helped_by", rowKey: "", optionKey: "talk", text: null },
    ]);
    expect(result.values).toEqual({ helped_by: ["shelter", "talk"] });
  });

  it("refuses a multiple-choice answer with an unknown option, saving none of it and keeping the valid ones to edit", () => {
    const result = parseAnswers(form("helped_by=talk&helped_by=police"), questions, "closure");
    expect(result.errors).toEqual([{ field: "helped_by", code: "unknownOption" }]);
    expect(result.answers).toEqual([]);
    expect(result.values).toEqual({ helped_by: ["talk"] });
  });

  it("refuses a multiple-choice question outside its wave", () => {
    expect(parseAnswers(form("helped_by=talk"), questions, "followup").errors).toEqual([
      { field: "helped_by", code: "notInWave" },
    ]);
  });

  it("keeps the chosen option of single and matrix questions to re-render the form", () => {
    const result = parseAnswers(form("gender=woman&violence_by_type.sexual=stopped"), v3, "closure");
    expect(result.values).toEqual({ gender: "woman", "violence_by_type.sexual": "stopped" });
  });

  it("ignores empty duplicates of a single answer: a radio left blank is not a second answer", () => {
    const result = parseAnswers(form("gender=&gender=man&gender="), v3, "closure");
    expect(result.errors).toEqual([]);
    expect(result.answers).toEqual([{ questionKey: "gender", rowKey: "", optionKey: "man", text: null }]);
  });

  it("neither stores nor echoes an unknown option of a single or matrix question", () => {
    const result = parseAnswers(form("violence_stopped=maybe&violence_by_type.physical=gone"), v3, "closure");
    expect(result.errors).toEqual([
      { field: "violence_stopped", code: "unknownOption" },
      { field: "violence_by_type.physical", code: "unknownOption" },
    ]);
    expect(result.values).toEqual({});
    expect(result.answers).toEqual([]);
  });

  it("refuses a matrix question sent without a row, and a row of a question that has none", () => {
    expect(parseAnswers(form("violence_by_type=stopped&gender.woman=woman"), v3, "closure").errors).toEqual([
      { field: "violence_by_type", code: "unknownQuestion" },
      { field: "gender.woman", code: "unknownQuestion" },
    ]);
  });

  it("refuses every row of a matrix question defined without rows, instead of failing", () => {
    const grid: Question = { key: "grid", type: "matrix", waves: ["closure"], text: { sv: "Rutnät" }, options: [choice("yes")] };
    expect(parseAnswers(form("grid.a=yes"), [grid], "closure").errors).toEqual([{ field: "grid.a", code: "unknownQuestion" }]);
  });

  it("refuses two free texts for one question", () => {
    const result = parseAnswers(form("comments=a&comments=b"), v3, "closure");
    expect(result.errors).toEqual([{ field: "comments", code: "multipleValues" }]);
    expect(result.answers).toEqual([]);
  });

  it("stores free text trimmed with plain newlines, and stores nothing for blanks", () => {
    const result = parseAnswers(form("comments=%20Tack%0D%0Af%C3%B6r%20allt%0D%0A"), v3, "closure");
    expect(result.answers).toEqual([{ questionKey: "comments", rowKey: "", optionKey: "", text: "Tack\nför allt" }]);
    expect(result.values).toEqual({ comments: " Tack\nför allt\n" });
    const blank = parseAnswers(form("comments=%20%0D%0A%20"), v3, "closure");
    expect(blank).toEqual({ answers: [], values: { comments: " \n " }, errors: [] });
  });

  it.each(["lang", "switchLang", "switchTo", "intent", "view"])("passes over the form's own field %s", (field) => {
    expect(parseAnswers([[field, "x"], ["gender", "man"]], v3, "closure")).toEqual({
      answers: [{ questionKey: "gender", rowKey: "", optionKey: "man", text: null }],
      values: { gender: "man" },
      errors: [],
    });
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
