import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  checkCodeKeys,
  checkLocales,
  checkQuestionnaireTranslations,
  loadCodeFiles,
  loadLocales,
  scanCodeKeys,
} from "~/i18n/coverage";
import { loadTranslationFiles } from "~/survey/translation-files.server";
import { parseSurveyDefinition } from "~/survey/validate";

const required = { staff: ["sv", "en"] } as const;

describe("locale coverage check", () => {
  it("passes on the project's locales", () => {
    expect(checkLocales(loadLocales("locales"))).toEqual([]);
  });

  it("fails when a key is removed from one locale", () => {
    const locales = loadLocales("locales");
    const en = structuredClone(locales.en!.staff!) as { login: Record<string, string> };
    delete en.login.password;
    expect(checkLocales({ ...locales, en: { ...locales.en, staff: en } }, required)).toContain(
      'en/staff.json: missing key "login.password"',
    );
  });

  it("fails on a key the source does not have and on an unknown variable", () => {
    const locales = {
      sv: { staff: { a: "Hej {{name}}" } },
      en: { staff: { a: "Hi {{nmae}}", b: "extra" } },
    };
    expect(checkLocales(locales, required)).toEqual([
      'en/staff.json: key "b" is not in sv',
      'en/staff.json: "a" uses {{nmae}}, which the source does not have',
    ]);
  });

  it("accepts plural forms a language needs and the source lacks", () => {
    const locales = {
      sv: { staff: { n_one: "{{count}} svar", n_other: "{{count}} svar" } },
      en: { staff: { n_one: "{{count}} answer", n_few: "{{count}} answers", n_other: "{{count}} answers" } },
    };
    expect(checkLocales(locales, required)).toEqual([]);
  });
});

describe("keys the code uses", () => {
  const staffLocales = (staff: Record<string, unknown>) => ({ sv: { staff } });
  const scan = (source: string, path = "app/routes/x.tsx") => scanCodeKeys([{ path, source }]);

  it("passes on the project's code and locales", () => {
    expect(checkCodeKeys(loadLocales("locales"), scanCodeKeys(loadCodeFiles("app")))).toEqual([]);
  });

  it("fails when a key the code uses is removed from the Swedish source", () => {
    const locales = loadLocales("locales");
    const sv = structuredClone(locales.sv!.staff!) as { login: Record<string, string> };
    delete sv.login.password;
    const code = scanCodeKeys(loadCodeFiles("app"));
    const problems = checkCodeKeys({ ...locales, sv: { ...locales.sv, staff: sv } }, code);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^app\/routes\/login\.tsx:\d+: "login\.password" is not in sv\/staff\.json$/);
  });

  it("fails on a source key no code uses, and on a misspelt key in the code", () => {
    const code = scan(`const { t } = useTranslation("staff");\nt("login.title"); t("login.titel");`);
    expect(checkCodeKeys(staffLocales({ login: { title: "Logga in", unused: "x" } }), code)).toEqual([
      'app/routes/x.tsx:2: "login.titel" is not in sv/staff.json',
      'sv/staff.json: "login.unused" is not used in the code',
    ]);
  });

  it("takes the namespace from serverT, from ns:key, and plural keys by their base", () => {
    const code = scan(
      `const t = serverT(staffLanguage(request), "staff");\nt("a"); t("common:b"); t("n", { count: 2 });`,
    );
    const locales = { sv: { staff: { a: "A", n_one: "1", n_other: "2" }, common: { b: "B" } } };
    expect(checkCodeKeys(locales, code)).toEqual([]);
  });

  it("counts keys under a template prefix or an i18n-uses comment as used, and nothing else", () => {
    const code = scan(
      [
        `const { t } = useTranslation("staff");`,
        "t(`roles.${role}`);",
        "// i18n-uses: staff:status.* staff:intro",
        "t(label);",
      ].join("\n"),
    );
    const locales = staffLocales({ roles: { admin: "A", staff: "S" }, status: { on: "P" }, intro: "I", other: "O" });
    expect(checkCodeKeys(locales, code)).toEqual(['sv/staff.json: "other" is not used in the code']);
  });

  it("refuses a key with no static part at all", () => {
    const code = scan("const { t } = useTranslation('staff');\nt(`${key}`);");
    expect(checkCodeKeys(staffLocales({}), code)).toEqual([
      "app/routes/x.tsx:2: t() with a computed key; declare its keys in an i18n-uses comment",
    ]);
  });
});

describe("questionnaire translations in the check", () => {
  const seed = () => {
    const parsed = parseSurveyDefinition(fs.readFileSync("prisma/seed/questionnaire.json", "utf8"));
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    return { definition: parsed.definition, ...loadTranslationFiles("prisma/seed/translations") };
  };

  it("passes on the seed questionnaire and its translation files", () => {
    const { definition, files, errors } = seed();
    expect(errors).toEqual([]);
    expect(checkQuestionnaireTranslations(definition, files)).toEqual([]);
  });

  it("names each version and language that lacks a text, and the place", () => {
    const { definition, files } = seed();
    const am = structuredClone(files.find((f) => f.lang === "am")!);
    delete am.questions.comments!.text;
    const others = files.filter((f) => f.lang !== "am" && f.lang !== "so");
    const problems = checkQuestionnaireTranslations(definition, [...others, am]);
    expect(problems.filter((p) => p.includes(" in am:"))).toEqual([1, 2, 3].map(
      (v) => `questionnaire "brukarenkat" version ${v} in am: 1 text missing: comments.text`,
    ));
    // no file at all: every version reports every text
    expect(problems.filter((p) => p.includes(" in so:"))).toHaveLength(3);
    expect(problems.find((p) => p.includes("version 3 in so:"))).toMatch(/45 texts missing: title, /);
  });

  it("reports a reviewer's typo in a key", () => {
    const { definition, files } = seed();
    const fa = structuredClone(files.find((f) => f.lang === "fa")!);
    fa.questions.violence_by_type!.rows!.sexul = "خشونت جنسی";
    const others = files.filter((f) => f.lang !== "fa");
    expect(checkQuestionnaireTranslations(definition, [...others, fa])).toEqual([
      'questionnaire "brukarenkat" translation fa: questions.violence_by_type.rows.sexul: no such text',
    ]);
  });
});

describe("plural forms", () => {
  const required = { respondent: ["sv", "ar"] } as const;
  it("fails when a language lacks a plural form its rules need", () => {
    const locales = {
      sv: { respondent: { n_one: "ett svar", n_other: "{{count}} svar" } },
      ar: { respondent: { n_one: "إجابة واحدة", n_other: "{{count}} إجابة" } },
    };
    expect(checkLocales(locales, required)).toEqual(
      ["zero", "two", "few", "many"].map((f) => `ar/respondent.json: "n" lacks the plural form _${f}`),
    );
  });
});
