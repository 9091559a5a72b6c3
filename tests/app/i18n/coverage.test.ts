import { describe, expect, it } from "vitest";
import { checkLocales, loadLocales } from "~/i18n/coverage";

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
