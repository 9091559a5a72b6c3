import { describe, expect, it } from "vitest";
import { issueCodes } from "~/codes/issue.server";
import { runRetention } from "~/ops/retention.server";
import { submitResponse } from "~/respondent/submit.server";
import { reachTables, runReport, type ReportQuery } from "~/results/aggregate.server";
import { loadReview } from "~/results/review.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { prisma } from "~/utils/db.server";
import { codeRow } from "../../support/codes";

describe("retention and reports", () => {
  it("leaves response rates, counts and tables in every report unchanged", async () => {
    await seedReferenceSurvey();
    // two months of codes: some answered, some left to expire, some still open
    for (const [day, answered, issued, referral] of [
      ["2026-03-02", 9, 14, "police"],
      ["2026-03-10", 6, 8, "self"],
      ["2026-04-01", 7, 12, "police"],
    ] as const) {
      const now = new Date(`${day}T09:00:00Z`);
      const codes = await issueCodes({ survey: "brukarenkat", wave: "closure", count: issued, lang: "sv", clientGroup: "subjected", referral }, now);
      for (const [i, c] of codes.slice(0, answered).entries()) {
        const answers = [
          { questionKey: "violence_stopped", rowKey: "", optionKey: i % 3 ? "yes" : "no", text: null },
          { questionKey: "role", rowKey: "", optionKey: "subjected", text: null },
        ];
        expect((await submitResponse(await codeRow(c.code), answers, "sv", now)).status).toBe("saved");
      }
    }
    const queries: ReportQuery[] = [
      { survey: "brukarenkat", period: { from: "2026-03", to: "2026-03" }, wave: "closure" },
      { survey: "brukarenkat", period: { from: "2026-01", to: "2026-04" }, wave: null },
      { survey: "brukarenkat", period: { from: "2026-03", to: "2026-04" }, wave: "closure", groups: { referral: "police" } },
    ];
    const reports = () => Promise.all(queries.map(async (q) => (await runReport(q)).report));
    const reach = () => reachTables(queries[1]!);
    const review = async () => {
      const r = (await loadReview({ survey: "brukarenkat", month: "2026-04", scope: "tertial", version: [] }))!;
      return { columns: r.columns.map((c) => c.report), headlines: r.headlines, series: r.series };
    };
    const before = { reports: await reports(), reach: await reach(), review: await review() };
    expect(before.reports[1]).toMatchObject({ issued: 34, responses: 22, responseRate: 0.647 });
    expect(before.reports[2]).toMatchObject({ issued: 26, responses: 16, responseRate: 0.615 });

    // every code has expired (90 days) by August: retention deletes the code rows left
    const result = await runRetention(new Date("2026-08-01T00:00:00Z"));
    expect(result).toEqual({ deletedExpired: 12 }); // the 22 used codes went with their submits
    expect(await prisma.surveyCode.count()).toBe(0);

    expect({ reports: await reports(), reach: await reach(), review: await review() }).toEqual(before);
  });
});
