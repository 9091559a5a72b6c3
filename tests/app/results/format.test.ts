import { describe, expect, it } from "vitest";
import { serverT } from "~/i18n/i18n.server";
import { formatCount, formatPercent, percentOf } from "~/results/format";
import { answeredOfLabel } from "~/results/review-labels";

const t = serverT("sv", "results");

describe("numbers as the review writes them", () => {
  it("groups thousands and rounds percentages half up, the Swedish way", () => {
    expect(formatCount(237097, "sv")).toBe("237\u00a0097");
    expect(percentOf(18, 21)).toBe(85.7);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(formatPercent(85.7, "sv")).toBe("85,7\u00a0%");
    expect(formatPercent(85.7, "en")).toBe("85.7%");
  });

  it("says how many answered a question: of how many and the share, the count alone when the base is withheld, a dash when the table is hidden", () => {
    expect(answeredOfLabel({ suppressed: false, answered: 1271, respondents: 2000 }, "sv", t)).toBe("1\u00a0271 av 2\u00a0000 (63,6\u00a0%)");
    expect(answeredOfLabel({ suppressed: false, answered: 12, respondents: null }, "sv", t)).toBe("12");
    expect(answeredOfLabel({ suppressed: true, answered: 3, respondents: 40 }, "sv", t)).toBe("–");
    expect(answeredOfLabel(null, "sv", t)).toBe("–");
    expect(answeredOfLabel({ suppressed: false, answered: 0, respondents: 0 }, "en", t)).toBe("0 av 0 (–)");
  });
});
