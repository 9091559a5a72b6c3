import { describe, expect, it } from "vitest";
import { attention } from "~/home/attention.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { addResponses, respondents } from "../../support/results-fixture";

describe("the start page's indicator status", () => {
  it("is the latest released block's, through the release gate, and never the open month's", async () => {
    await seedReferenceSurvey();
    // January: 12 answers, 2 say the violence stopped — clearly under the 60 % target
    await addResponses(respondents(12, { violence_stopped: { yes: 2, no: 10 } }).map((answers) => ({ version: 3, month: "2026-01", answers })));
    // February: 20 answers, the open month on 10 February: not shown
    await addResponses(respondents(20, { violence_stopped: { yes: 20 } }).map((answers) => ({ version: 3, month: "2026-02", answers })));
    const inFebruary = await attention(new Date("2026-02-10T10:00:00Z"));
    expect(inFebruary.indicators).toEqual([
      expect.objectContaining({ wave: "closure", key: "violence_stopped", period: { from: "2026-01", to: "2026-01" }, n: 12, status: "not_met" }),
    ]);
    // once February is closed, it is the latest block, and the goal is met there
    const inMarch = await attention(new Date("2026-03-02T10:00:00Z"));
    expect(inMarch.indicators).toEqual([expect.objectContaining({ period: { from: "2026-02", to: "2026-02" }, n: 20, status: "met" })]);
  });

  it("says nothing before any block is released", async () => {
    await seedReferenceSurvey();
    expect((await attention(new Date("2025-06-10T10:00:00Z"))).indicators).toEqual([]);
  });
});
