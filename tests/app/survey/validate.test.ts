import { describe, expect, it } from "vitest";
import { ISSUE_CODES, MAX_DEFINITION_BYTES, parseSurveyDefinition } from "~/survey/validate";
import { REFERENCE_TEXT, referenceJson } from "./reference";

function errorsOf(json: unknown): string[] {
  const result = parseSurveyDefinition(typeof json === "string" ? json : JSON.stringify(json));
  if (result.ok) throw new Error("expected the definition to be refused");
  return result.errors;
}

describe("parseSurveyDefinition", () => {
  it("accepts the reference questionnaire unchanged, with all three versions", () => {
    const result = parseSurveyDefinition(REFERENCE_TEXT);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.definition.versions.map((v) => v.version)).toEqual([1, 2, 3]);
  });

  it("names a duplicate question key and its version", () => {
    const def = referenceJson();
    def.versions[0].questions[1].key = "contact_satisfaction";
    expect(errorsOf(def)).toEqual(['versions[0] (version 1): duplicate question key "contact_satisfaction"']);
  });

  it("names a duplicate option key and its question", () => {
    const def = referenceJson();
    def.versions[2].questions[8].rows[1].key = "physical";
    expect(errorsOf(def)).toEqual([
      'versions[2] (version 3).questions[8] "violence_by_type": duplicate row key "physical"',
    ]);
  });

  it("names a duplicate version number", () => {
    const def = referenceJson();
    def.versions[1].version = 1;
    expect(errorsOf(def)).toContain("versions: version 1 appears more than once");
  });

  it("names a question without text in the default language", () => {
    const def = referenceJson();
    delete def.versions[1].questions[0].text.sv;
    expect(errorsOf(def)).toEqual([
      'versions[1] (version 2).questions[0] "role": missing text in the default language "sv"',
    ]);
  });

  it("names an option without text in the default language", () => {
    const def = referenceJson();
    def.versions[0].questions[0].options[2].text = { en: "Not satisfactory" };
    expect(errorsOf(def)).toEqual([
      'versions[0] (version 1).questions[0] "contact_satisfaction" option "unsatisfied": missing text in the default language "sv"',
    ]);
  });

  it("names a single, multi or matrix question without options", () => {
    const def = referenceJson();
    delete def.versions[0].questions[0].options;
    def.versions[0].questions[1].type = "multi";
    def.versions[0].questions[1].options = [];
    delete def.versions[2].questions[8].options;
    expect(errorsOf(def)).toEqual([
      'versions[0] (version 1).questions[0] "contact_satisfaction": a single question needs options',
      'versions[0] (version 1).questions[1] "method_satisfaction": a multi question needs options',
      'versions[2] (version 3).questions[8] "violence_by_type": a matrix question needs options',
    ]);
  });

  it("names a matrix question without rows", () => {
    const def = referenceJson();
    def.versions[2].questions[8].rows = [];
    expect(errorsOf(def)).toEqual(['versions[2] (version 3).questions[8] "violence_by_type": a matrix question needs rows']);
  });

  it("names an unknown question type and lists the known ones", () => {
    const def = referenceJson();
    def.versions[0].questions[2].type = "scale";
    expect(errorsOf(def)).toEqual([
      'versions[0].questions[2].type: unknown type "scale" (expected one of single, multi, matrix, text)',
    ]);
  });

  it("names an unknown wave", () => {
    const def = referenceJson();
    def.versions[1].questions[3].waves = ["closure", "six_months"];
    expect(errorsOf(def)).toEqual([
      'versions[1].questions[3].waves[1]: unknown wave "six_months" (expected one of closure, followup)',
    ]);
  });

  it("names an unknown field instead of dropping it", () => {
    const def = referenceJson();
    def.versions[0].questions[0].option = def.versions[0].questions[0].options;
    expect(errorsOf(def)).toEqual(['versions[0].questions[0]: unknown field "option"']);
  });

  it("names an indicator pointing at a question no version has", () => {
    const def = referenceJson();
    def.indicators[0].question = "violence_ended";
    expect(errorsOf(def)).toEqual(['indicators[0] "violence_stopped": question "violence_ended" is in no version']);
  });

  it("names an indicator pointing at an option the question lacks, per version", () => {
    const def = referenceJson();
    def.indicators[0].success = ["yes", "stopped"];
    expect(errorsOf(def)).toEqual([
      'indicators[0] "violence_stopped": option "stopped" is not an option of "violence_stopped" in version 1',
      'indicators[0] "violence_stopped": option "stopped" is not an option of "violence_stopped" in version 2',
      'indicators[0] "violence_stopped": option "stopped" is not an option of "violence_stopped" in version 3',
    ]);
  });

  it("refuses an oversized file before parsing it", () => {
    const big = REFERENCE_TEXT.replace(/}\s*$/, `, "padding": "${"x".repeat(MAX_DEFINITION_BYTES)}" }`);
    expect(errorsOf(big)).toEqual([
      `(file): ${Buffer.byteLength(big)} bytes is larger than the limit of ${MAX_DEFINITION_BYTES} bytes`,
    ]);
  });

  it("refuses text that is not JSON", () => {
    expect(errorsOf("{ not json")[0]).toMatch(/^\(file\): not valid JSON/);
  });

  it("refuses maxLength on a choice question and options on a text question", () => {
    const def = referenceJson();
    def.versions[0].questions[0].maxLength = 100;
    def.versions[0].questions[4].options = [{ key: "a", text: { sv: "A" } }];
    expect(errorsOf(def)).toEqual([
      'versions[0] (version 1).questions[0] "contact_satisfaction": maxLength applies to text questions only',
      'versions[0] (version 1).questions[4] "comments": a text question has no options',
    ]);
  });
});

describe("issue messages on staff pages", () => {
  it("every issue has a Swedish and an English text, and the English one is the command line's", async () => {
    const { resources } = await import("~/i18n/resources.server");
    const { issueText } = await import("~/survey/http.server");
    const { serverT } = await import("~/i18n/i18n.server");
    const sv = resources.sv!.surveys as { issues: Record<string, string> };
    const en = resources.en!.surveys as { issues: Record<string, string> };
    expect(Object.keys(sv.issues).sort()).toEqual([...ISSUE_CODES].sort());
    expect(Object.keys(en.issues).sort()).toEqual([...ISSUE_CODES].sort());
    const def = referenceJson();
    def.versions[2].questions[8].rows[1].key = "physical";
    def.indicators[0].question = "violence_ended";
    delete def.versions[0].questions[0].text.sv;
    const result = parseSurveyDefinition(JSON.stringify(def));
    if (result.ok) throw new Error("expected errors");
    expect(result.issues.map((i) => issueText(i, serverT("en", "surveys")))).toEqual(result.errors);
    expect(result.issues.map((i) => issueText(i, serverT("sv", "surveys")))).toEqual([
      'versions[0] (version 1).questions[0] "contact_satisfaction": text saknas på grundspråket "sv"',
      'versions[2] (version 3).questions[8] "violence_by_type": nyckeln "physical" (row) finns mer än en gång',
      'indicators[0] "violence_stopped": frågan "violence_ended" finns inte i någon version',
    ]);
  });
});
