import { describe, expect, it } from "vitest";
import { loadLocales } from "~/i18n/coverage";
import { createI18n } from "~/i18n/instance";
import { RESPONDENT_LANGUAGES } from "~/i18n/languages";

const locales = loadLocales("locales");
const t = (lang: string) => createI18n(lang, locales, "respondent").getFixedT(lang, "respondent");

describe("respondent texts in every client language", () => {
  it.each(RESPONDENT_LANGUAGES.map((l) => l.code))("%s has its own text for every key, never the Swedish fallback", (lang) => {
    expect(locales[lang]?.respondent, `locales/${lang}/respondent.json`).toBeDefined();
    if (lang === "sv") return;
    const own = t(lang);
    const sv = t("sv");
    for (const key of ["quickExit", "intro.kept", "intro.voluntary", "entry.label", "thanks.support", "slip.line1"]) {
      expect(own(key), `${lang} ${key}`).not.toBe(key);
      expect(own(key), `${lang} ${key}`).not.toBe(sv(key));
    }
  });

  it.each(RESPONDENT_LANGUAGES.map((l) => l.code))("%s says how many answers to correct in its own plural form", (lang) => {
    const own = t(lang);
    for (const count of [1, 2, 3, 11, 100, 1_000_000]) {
      const text = own("errors.summary", { count });
      expect(text, `${lang} ${count}`).not.toMatch(/errors\.summary|\{\{/);
      if (lang !== "sv") expect(text).not.toBe(t("sv")("errors.summary", { count }));
    }
    // the limit a client reads is the real number, whatever form the language takes
    expect(own("errors.tooLong", { count: 2000 })).toMatch(/2[\s.,\u00a0]?000/);
  });

  it("Arabic uses its six forms: one, two, few, many and other read differently", () => {
    const ar = t("ar");
    const texts = [1, 2, 3, 11, 100].map((count) => ar("errors.summary", { count }));
    expect(new Set(texts).size).toBe(5);
    expect(ar("form.textHint", { count: 2 })).toBe("الحد الأقصى: حرفان.");
  });
});
