import fs from "node:fs";
import { describe, expect, it } from "vitest";
import type { SurveyDefinition } from "~/survey/definition";
import { RESPONDENT_LANGUAGES } from "~/i18n/languages";
import { loadTranslationFiles } from "~/survey/translation-files.server";
import {
  mergeTranslations,
  parseTranslationFile,
  TranslationError,
  translationCoverage,
  termErrors,
  translationErrors,
  type TranslationFile,
} from "~/survey/translations";
import { parseSurveyDefinition } from "~/survey/validate";

function reference(): SurveyDefinition {
  const parsed = parseSurveyDefinition(fs.readFileSync("prisma/seed/questionnaire.json", "utf8"));
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return parsed.definition;
}

function seedFiles(): TranslationFile[] {
  const { files, errors } = loadTranslationFiles("prisma/seed/translations");
  expect(errors).toEqual([]);
  return files;
}

const file = (over: Partial<TranslationFile> = {}): TranslationFile => ({
  lang: "ar",
  status: "draft",
  terms: {},
  indicators: {},
  questions: {},
  versions: {},
  ...over,
});

/** Every question, option and row key of every version, with its Swedish text. */
function keysAndSwedish(def: SurveyDefinition) {
  return def.versions.map((v) =>
    v.questions.map((q) => [
      q.key,
      q.text.sv,
      (q.options ?? []).map((o) => [o.key, o.text.sv]),
      (q.rows ?? []).map((r) => [r.key, r.text.sv]),
    ]),
  );
}

describe("questionnaire translations", () => {
  it("the seed files give every text of all three versions in all eleven languages", () => {
    const files = seedFiles();
    expect(files.map((f) => f.lang).sort()).toEqual(["am", "ar", "az", "el", "es", "fa", "so", "ti", "tr"]);
    const merged = mergeTranslations(reference(), files);
    expect(merged.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    for (const v of merged.versions)
      for (const { code } of RESPONDENT_LANGUAGES)
        expect(translationCoverage(merged, v.version, code), `version ${v.version} in ${code}`).toEqual({
          complete: true,
          missing: [],
        });
  });

  it("every seed file is marked as an unreviewed draft until a translator has checked it", () => {
    for (const f of seedFiles()) {
      expect(f.status).toBe("draft");
      expect(f.note).toMatch(/draft/i);
    }
  });

  it("puts each language's own words into the questionnaire", () => {
    const merged = mergeTranslations(reference(), seedFiles());
    const v3 = merged.versions.find((v) => v.version === 3)!;
    const byType = v3.questions.find((q) => q.key === "violence_by_type")!;
    expect(byType.rows!.find((r) => r.key === "sexual")!.text).toMatchObject({
      sv: "Sexuellt våld",
      en: "Sexual violence",
      ar: "العنف الجنسي",
      es: "Violencia sexual",
    });
    expect(merged.title.tr).toBe("Bizimle iletişiminiz hakkında anket");
  });

  it("reports a removed text as missing, with its place, in that language only", () => {
    const files = seedFiles().map((f) => structuredClone(f));
    const ti = files.find((f) => f.lang === "ti")!;
    delete ti.questions.violence_by_type!.rows!.sexual;
    delete ti.questions.role!.text;
    const merged = mergeTranslations(reference(), files);
    expect(translationCoverage(merged, 3, "ti")).toEqual({
      complete: false,
      missing: ["role.text", "violence_by_type.rows.sexual"],
    });
    // version 1 has neither question, so it stays complete
    expect(translationCoverage(merged, 1, "ti").complete).toBe(true);
    expect(translationCoverage(merged, 3, "am").complete).toBe(true);
  });

  it("counts an empty text in the definition as missing", () => {
    const def = reference();
    def.title = { ...def.title, fa: "  " };
    expect(translationCoverage(def, 1, "fa").missing[0]).toBe("title");
  });

  it("never changes keys or Swedish texts, and never overwrites the default language", () => {
    const def = reference();
    const before = structuredClone(def);
    const merged = mergeTranslations(def, seedFiles());
    expect(keysAndSwedish(merged)).toEqual(keysAndSwedish(before));
    expect(merged.title.sv).toBe(before.title.sv);
    expect(def).toEqual(before); // the input is left alone
    expect(() => mergeTranslations(def, [file({ lang: "sv", title: "Fel" })])).toThrow(/default language/);
  });

  it("refuses unknown keys instead of ignoring them, naming each one", () => {
    const typo = file({
      indicators: { violence_stoped: "x" },
      questions: {
        violence_by_typ: { text: "x" },
        violence_by_type: { rows: { sexaul: "x" }, options: { stopped: "x" } },
        comments: { options: { yes: "x" } },
      },
      versions: { "1": { questions: { role: { text: "x" } } }, "9": { questions: {} } },
    });
    let error: unknown;
    try {
      mergeTranslations(reference(), [typo]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TranslationError);
    expect((error as TranslationError).errors).toEqual([
      "ar: indicators.violence_stoped: no such indicator",
      "ar: questions.violence_by_typ: no such question",
      "ar: questions.violence_by_type.rows.sexaul: no such text",
      "ar: questions.comments.options.yes: no such text",
      "ar: versions.1.questions.role: no such question",
      "ar: versions.9: no such version",
    ]);
  });

  it("refuses a misspelt field and a missing status when the file is parsed", () => {
    const parsed = parseTranslationFile({ lang: "so", questions: { role: { option: { both: "labadaba" } } } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toContain('questions.role: unknown field "option"');
    expect(parsed.errors.some((e) => e.startsWith("status:"))).toBe(true);
  });

  it("takes a per-version text where the Swedish wording differs between versions", () => {
    const def = reference();
    const v1 = def.versions.find((v) => v.version === 1)!;
    v1.questions.find((q) => q.key === "violence_stopped")!.text.sv = "Har våldet slutat?";
    const shared = file({ questions: { violence_stopped: { text: "هل توقف العنف؟" } } });
    expect(translationErrors(def, shared)).toEqual([
      "ar: questions.violence_stopped.text: the sv text differs between versions 1, 2, 3; " +
        "give it per version under versions.<n>.questions",
    ]);
    const perVersion = file({
      questions: { violence_stopped: { text: "هل توقف العنف؟" } },
      versions: { "1": { questions: { violence_stopped: { text: "هل انتهى العنف؟" } } } },
    });
    expect(translationErrors(def, perVersion)).toEqual([]);
    const merged = mergeTranslations(def, [perVersion]);
    const text = (n: number) => {
      const version = merged.versions.find((v) => v.version === n)!;
      return version.questions.find((q) => q.key === "violence_stopped")!.text.ar;
    };
    expect([text(1), text(2), text(3)]).toEqual(["هل انتهى العنف؟", "هل توقف العنف؟", "هل توقف العنف؟"]);
  });

  it("keeps each language's words for the team and for violence the same in every question", () => {
    const files = seedFiles();
    for (const f of files) {
      expect(Object.keys(f.terms).sort(), f.lang).toEqual(["Relationsvåldsteamet", "våld"]);
      expect(termErrors(reference(), f), f.lang).toEqual([]);
    }
    // a reviewer renames the team in one question only
    const el = structuredClone(files.find((f) => f.lang === "el")!);
    el.questions.expectations_met!.text = "Τώρα που τελείωσε η επαφή σας με την Ομάδα Βίας, νιώθετε ότι εκπληρώθηκαν οι προσδοκίες σας;";
    expect(termErrors(reference(), el)).toEqual([
      'el: expectations_met.text: the sv text says "Relationsvåldsteamet", the translation lacks "Ομάδα για τη Βία στις Στενές Σχέσεις"',
    ]);
    // a misspelt term would check nothing
    expect(termErrors(reference(), file({ terms: { Relationsvåldteamet: "فريق" } }))).toEqual([
      'ar: terms: "Relationsvåldteamet" is in no sv text',
    ]);
  });

  it("refuses two files for one language", () => {
    expect(() => mergeTranslations(reference(), [file(), file()])).toThrow(/more than one translation file/);
  });

  it("throws for a version that does not exist", () => {
    expect(() => translationCoverage(reference(), 7, "ar")).toThrow(RangeError);
  });
});
