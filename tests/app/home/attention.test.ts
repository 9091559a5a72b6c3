import { describe, expect, it } from "vitest";
import { awaitingReview } from "~/home/attention";
import type { LanguageReadiness } from "~/survey/readiness";

const lang = (code: string, r: Partial<LanguageReadiness>): LanguageReadiness => ({
  lang: code,
  total: 40,
  missing: [],
  stale: [],
  reviewed: false,
  offered: true,
  ...r,
});

describe("translations awaiting review", () => {
  it("lists complete drafts and stale languages, not reviewed or incomplete ones", () => {
    expect(
      awaitingReview([
        lang("en", { reviewed: true }),
        lang("ti", {}),
        lang("fa", { stale: ["role.text"], offered: false, reviewed: true }),
        lang("so", { missing: ["title"], offered: false }),
      ]),
    ).toEqual([
      { lang: "ti", reason: "draft" },
      { lang: "fa", reason: "stale" },
    ]);
  });
});
