import { describe, expect, it } from "vitest";
import { shownCodeCounts } from "~/codes/dashboard.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { addCodeCount } from "../../support/results-fixture";

describe("the start page's reads", () => {
  it("count the codes of the month asked for as the full list does, and no other month", async () => {
    await seedReferenceSurvey();
    await addCodeCount({ version: 3, validMonth: "2026-10", issued: 7, answered: 3 });
    await addCodeCount({ version: 3, validMonth: "2026-11", issued: 5, answered: 1 });
    await addCodeCount({ version: 3, wave: "followup", validMonth: "2026-11", issued: 2 });
    await addCodeCount({ version: 2, validMonth: "2026-11", issued: 4 });
    const now = new Date("2026-11-20T10:00:00Z");
    const month = await shownCodeCounts(now, undefined, "2026-11");
    expect(month).toEqual((await shownCodeCounts(now)).filter((c) => c.month === "2026-11"));
    expect(month.map((c) => [c.wave, c.issued])).toEqual([
      ["closure", 9],
      ["followup", 2],
    ]);
  });
});
