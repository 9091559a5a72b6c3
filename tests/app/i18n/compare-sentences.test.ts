import { describe, expect, it } from "vitest";
import { createI18n } from "~/i18n/instance";
import { comparedVersions } from "~/results/compare-labels";
import en from "../../../locales/en/compare.json";
import sv from "../../../locales/sv/compare.json";
import svResults from "../../../locales/sv/results.json";

// The comparison's sentences name answer counts as the tables beside them write them, and quote
// wording as the reader's language does
describe("the comparison's sentences", () => {
  const t = (lang: "sv" | "en") => createI18n(lang, { sv: { compare: sv }, en: { compare: en } }, "compare").t;

  it("group counts by thousands the Swedish way in Swedish", () => {
    expect(t("sv")("comparedVersion", { version: 3, count: 1271 })).toBe("version 3 (1\u00a0271 svar)");
    expect(t("sv")("summary.detectable", { small: 18, large: 1271, points: 20 })).toContain("med 18 och 1\u00a0271 svar");
    expect(t("sv")("summary.detectableEqual", { count: 12000, points: 4 })).toContain("med 12\u00a0000 svar i varje version");
    expect(t("sv")("summary.detectableNone", { small: 2, large: 1271 })).toContain("Med 2 och 1\u00a0271 svar");
    expect(t("sv")("pooled.intro", { list: "1, 2", count: 237097 })).toContain("(version 1, 2): 237\u00a0097 svar.");
  });

  it("and the English way in English", () => {
    expect(t("en")("comparedVersion", { version: 3, count: 1271 })).toBe("version 3 (1,271 answers)");
  });

  it("quote a version's wording as each language quotes", () => {
    expect(t("sv")("quoted", { text: "Jag är" })).toBe("”Jag är”");
    expect(t("en")("quoted", { text: "I am" })).toBe("“I am”");
  });

  it("say why a compared version's answers are not shown: withheld by the release rule, or fewer than k", () => {
    const c = {
      answered: [2, 3, 4],
      responses: [
        { column: "2", n: 1271 },
        { column: "3", n: null },
        { column: "4", n: null },
      ],
      withheld: [{ column: "3" }],
    };
    expect(comparedVersions(c, 5, t("sv"))).toBe("version 2 (1\u00a0271 svar), version 3 (döljs, se nedan), version 4 (färre än 5 svar)");
  });

  it("and the review's comment sample too", () => {
    const results = createI18n("sv", { sv: { results: svResults } }, "results").t;
    expect(results("review.freeTextSample", { count: 200, of: 27184 })).toBe("200 av 27\u00a0184 kommentarer, valda slumpvis.");
  });
});
