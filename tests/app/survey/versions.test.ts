import { describe, expect, it } from "vitest";
import {
  addChoice,
  addQuestion,
  DraftEditError,
  editQuestion,
  mergeTranslations,
  moveChoice,
  moveQuestion,
  moveQuestionTo,
  proposeKey,
  renameQuestion,
  removeChoice,
  removeQuestion,
  structureSignature,
} from "~/survey/versions";
import { describePlace, translationCoverage } from "~/survey/translation";
import { languagesOf, localized } from "~/survey/definition";
import { reference } from "./reference";

const v3 = reference().versions[2]!;
const keys = (qs: { key: string }[]) => qs.map((q) => q.key);

describe("structureSignature", () => {
  it("ignores other languages but not the default language, order or waves", () => {
    const base = structureSignature(v3, "sv");
    const translated = structuredClone(v3);
    translated.questions[0]!.text.ar = "…";
    translated.questions[0]!.text.en = "Changed";
    expect(structureSignature(translated, "sv")).toBe(base);
    const reworded = structuredClone(v3);
    reworded.questions[0]!.options![0]!.text.sv = "Ändrad";
    expect(structureSignature(reworded, "sv")).not.toBe(base);
    const waves = structuredClone(v3);
    waves.questions[2]!.waves = ["closure", "followup"];
    expect(structureSignature(waves, "sv")).not.toBe(base);
  });
});

describe("mergeTranslations", () => {
  it("adds and replaces texts of other languages, keeps those the file lacks", () => {
    const stored = structuredClone(v3.questions);
    stored[0]!.text.ar = "stored arabic";
    const incoming = structuredClone(v3.questions);
    incoming[0]!.options![0]!.text.fa = "persian";
    incoming[1]!.text.en = "";
    const { questions, changedLanguages } = mergeTranslations(stored, incoming, "sv");
    expect(changedLanguages).toEqual(["fa"]);
    expect(questions[0]!.text.ar).toBe("stored arabic");
    expect(questions[0]!.options![0]!.text.fa).toBe("persian");
    expect(questions[1]!.text.en).toBe("I am");
  });
});

describe("draft edits", () => {
  it("edits texts per language, options and waves; an empty text removes that language", () => {
    const edited = editQuestion(v3.questions, {
      key: "gender",
      lang: "en",
      text: "  I am  ",
      options: { woman: "Woman", other: "" },
      waves: ["closure"],
    });
    const q = edited.find((x) => x.key === "gender")!;
    expect(q.text).toEqual({ sv: "Jag är", en: "I am" });
    expect(q.options!.map((o) => o.text.en)).toEqual(["Woman", "A man", undefined]);
    expect(q.waves).toEqual(["closure"]);
    // the input is never changed
    expect(v3.questions[1]!.options![0]!.text.en).toBe("A woman");
  });

  it("adds, moves and removes questions and options", () => {
    let qs = addQuestion(v3.questions, { key: "safe_now", type: "single", waves: ["followup"], lang: "sv", text: "Känner du dig trygg?" });
    // a new question goes before the closing free-text question, not after it
    expect(keys(qs).slice(-2)).toEqual(["safe_now", "comments"]);
    expect(qs.at(-2)).toEqual({ key: "safe_now", type: "single", waves: ["followup"], text: { sv: "Känner du dig trygg?" }, options: [] });
    qs = addChoice(qs, "safe_now", "options", { key: "yes", lang: "sv", text: "Ja" });
    qs = addChoice(qs, "safe_now", "options", { key: "no", lang: "sv", text: "Nej" });
    qs = moveChoice(qs, "safe_now", "options", "no", -1);
    expect(keys(qs.at(-2)!.options!)).toEqual(["no", "yes"]);
    qs = moveQuestion(qs, "safe_now", 1);
    expect(keys(qs).slice(-2)).toEqual(["comments", "safe_now"]);
    qs = moveQuestion(qs, "role", -1); // already first: stays
    expect(keys(qs)[0]).toBe("role");
    qs = removeChoice(qs, "safe_now", "options", "yes");
    qs = removeQuestion(qs, "gender");
    expect(keys(qs)).not.toContain("gender");
    qs = addChoice(qs, "violence_by_type", "rows", { key: "digital", lang: "sv", text: "Digitalt våld" });
    expect(keys(qs.find((q) => q.key === "violence_by_type")!.rows!)).toContain("digital");
  });

  it("inserts at a chosen place, moves to a place in one step, and proposes keys from the Swedish text", () => {
    let qs = addQuestion(v3.questions, { key: "", type: "single", waves: ["closure"], lang: "sv", text: "Känner du dig trygg i dag?", at: 2 });
    expect(keys(qs).slice(0, 4)).toEqual(["role", "gender", "kanner_du_dig_trygg_i_dag", "contact_satisfaction"]);
    // the same text again gets a key of its own
    qs = addQuestion(qs, { key: "", type: "text", waves: ["closure"], lang: "sv", text: "Känner du dig trygg i dag?", at: 0 });
    expect(keys(qs)[0]).toBe("kanner_du_dig_trygg_i_dag_2");
    qs = moveQuestionTo(qs, "kanner_du_dig_trygg_i_dag_2", qs.length - 1);
    expect(keys(qs).at(-1)).toBe("kanner_du_dig_trygg_i_dag_2");
    expect(keys(moveQuestionTo(qs, "comments", 0))[0]).toBe("comments");
    qs = renameQuestion(qs, "kanner_du_dig_trygg_i_dag", "safe_today");
    expect(keys(qs)).toContain("safe_today");
    expect(() => renameQuestion(qs, "safe_today", "role")).toThrow(/duplicateQuestion/);
  });

  it("proposed keys are ASCII, start with a letter, fit 40 characters and are unique", () => {
    expect(proposeKey("Hur mår du – på en skala 1–5?", [])).toBe("hur_mar_du_pa_en_skala_1_5");
    expect(proposeKey("Ärendet avslutades för över sex månader sedan, och vi undrar hur det går", [])).toBe("arendet_avslutades_for_over_sex_manader");
    expect(proposeKey("2024: något nytt", [])).toBe("q_2024_nagot_nytt");
    expect(proposeKey("???", ["q"])).toBe("q_2");
    expect(proposeKey("Ja", ["ja", "ja_2"])).toBe("ja_3");
    for (const k of [proposeKey("Ελληνικά ✓ ትግርኛ", []), proposeKey("ŞĞİ çöü", [])]) expect(k).toMatch(/^[a-z][a-z0-9_]{0,39}$/);
  });

  it("refuses duplicate keys and lists a question type does not have", () => {
    expect(() => addQuestion(v3.questions, { key: "role", type: "text", waves: ["closure"], lang: "sv", text: "x" })).toThrow(DraftEditError);
    expect(() => addChoice(v3.questions, "role", "options", { key: "both", lang: "sv", text: "x" })).toThrow(/duplicateChoice/);
    expect(() => addChoice(v3.questions, "comments", "options", { key: "a", lang: "sv", text: "x" })).toThrow(/noOptions/);
    expect(() => addChoice(v3.questions, "role", "rows", { key: "a", lang: "sv", text: "x" })).toThrow(/noRows/);
    expect(() => removeQuestion(v3.questions, "nope")).toThrow(/noQuestion/);
  });
});

describe("translationCoverage", () => {
  it("sv and en are complete in the reference; Arabic misses every text", () => {
    expect(translationCoverage(v3.questions, "sv")).toMatchObject({ complete: true, missing: [] });
    expect(translationCoverage(v3.questions, "en").complete).toBe(true);
    const ar = translationCoverage(v3.questions, "ar");
    // 10 questions, 3+3+3+3+4+3+3+3 options, 4 rows + 4 options on the matrix
    expect(ar.total).toBe(10 + 25 + 8);
    expect(ar.missing).toHaveLength(ar.total);
    expect(ar.complete).toBe(false);
  });

  it("names each missing text", () => {
    const qs = structuredClone(v3.questions);
    delete qs[8]!.rows![2]!.text.en;
    qs[0]!.text.en = " ";
    const en = translationCoverage(qs, "en");
    expect(en.missing.map(describePlace)).toEqual(["role", "violence_by_type / rows / sexual"]);
  });
});

describe("languagesOf and localized", () => {
  it("lists the languages with texts, and falls back per text, never to a key", () => {
    const qs = structuredClone(v3.questions);
    qs[0]!.text.ar = "عربي";
    expect(languagesOf(qs)).toEqual(["sv", "en", "ar"]);
    expect(localized(qs[0]!.text, "ar", "sv")).toBe("عربي");
    expect(localized(qs[1]!.text, "ar", "sv")).toBe("Jag är");
  });
});
