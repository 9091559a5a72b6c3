import { describe, expect, it } from "vitest";
import type { IssueRequest } from "~/codes/attributes";
import { issueCodes } from "~/codes/issue.server";
import { submitResponse } from "~/respondent/submit.server";
import { reachPending, reachTables, runReport } from "~/results/aggregate.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { codeRow } from "../../support/codes";

const FEEL_BETTER = [{ questionKey: "feel_better", rowKey: "", optionKey: "yes", text: null }];

/** Issues codes and answers the first `answered` of them, through the app's own paths. */
async function issueAndAnswer(request: Partial<IssueRequest> & { count: number }, answered: number, issuedOn: Date, answeredOn: Date) {
  await seedReferenceSurvey();
  const codes = await issueCodes({ survey: "brukarenkat", wave: "closure", lang: "sv", ...request }, issuedOn);
  for (const c of codes.slice(0, answered)) {
    expect((await submitResponse(await codeRow(c.code), FEEL_BETTER, "sv", answeredOn)).status).toBe("saved");
  }
}

describe("whom we do not reach: participation shown from MIN_GROUP_SIZE codes handed out, answers never", () => {
  it("shows 2 of 20 police-referred clients answering, and hides the rows with 4 and 3 codes", async () => {
    const issued = new Date("2026-03-02T09:00:00Z");
    const answered = new Date("2026-03-20T09:00:00Z");
    await issueAndAnswer({ count: 20, referral: "police" }, 2, issued, answered);
    await issueAndAnswer({ count: 4, referral: "self" }, 4, issued, answered);
    await issueAndAnswer({ count: 3, referral: "social_services" }, 1, issued, answered);

    const [byReferral, byMonth] = await reachTables({ survey: "brukarenkat", period: { from: "2026-03", to: "2026-03" }, wave: null }, ["referral", "validMonth"]);
    expect(byReferral!.rows).toEqual([
      // fewer answered than k is shown: it says who took part, not what anyone answered
      { key: "police", issued: 20, answered: 2, answeredOnPaper: 0, rate: 0.1, suppressed: false },
      { key: "self", issued: null, answered: null, answeredOnPaper: null, rate: null, suppressed: true, reason: "too_few" },
      { key: "social_services", issued: null, answered: null, answeredOnPaper: null, rate: null, suppressed: true, reason: "too_few" },
    ].sort((a, b) => a.key.localeCompare(b.key)));
    // the hidden rows together hold 7 ≥ k: the total does not give either away
    expect(byReferral!.total).toEqual({ issued: 27, answered: 7, answeredOnPaper: 0, rate: 0.259, suppressed: false });
    expect(byMonth!.rows).toEqual([{ key: "2026-03", issued: 27, answered: 7, answeredOnPaper: 0, rate: 0.259, suppressed: false }]);
  });

  it("shows a row of exactly k codes handed out and hides one of k-1", async () => {
    const day = new Date("2026-05-04T09:00:00Z");
    await issueAndAnswer({ count: 5, clientGroup: "subjected" }, 0, day, day);
    await issueAndAnswer({ count: 4, clientGroup: "both" }, 0, day, day);
    await issueAndAnswer({ count: 4, clientGroup: "perpetrator" }, 0, day, day);
    const [byGroup] = await reachTables({ survey: "brukarenkat", period: { from: "2026-05", to: "2026-05" }, wave: null }, ["clientGroup"]);
    const row = (key: string) => byGroup!.rows.find((r) => r.key === key);
    expect(row("subjected")).toEqual({ key: "subjected", issued: 5, answered: 0, answeredOnPaper: 0, rate: 0, suppressed: false });
    expect(row("both")).toMatchObject({ issued: null, suppressed: true, reason: "too_few" });
    expect(row("perpetrator")).toMatchObject({ issued: null, suppressed: true, reason: "too_few" });
  });
});

describe("response rate of codes valid later than they were handed out", () => {
  it("counts them, and their answers, in the month they were handed out, not the month they open (decision 0020)", async () => {
    // handed out on 20 November, valid from 3 December (a follow-up visit planned ahead)
    await issueAndAnswer({ count: 8, validFrom: "2026-12-03", wave: "followup" }, 6, new Date("2026-11-20T10:00:00Z"), new Date("2026-12-05T10:00:00Z"));
    // counted once none of the codes can still be answered (a month later than the last day they work)
    const spent = new Date("2027-06-01T10:00:00Z");
    const [byMonth] = await reachTables({ survey: "brukarenkat", period: { from: "2026-11", to: "2026-12" }, wave: "followup" }, ["validMonth"], undefined, spent);
    expect(byMonth!.rows).toEqual([{ key: "2026-11", issued: 8, answered: 6, answeredOnPaper: 0, rate: 0.75, suppressed: false }]);
    const report = async (month: string) =>
      (await runReport({ survey: "brukarenkat", period: { from: month, to: month }, wave: "followup" })).report;
    const november = await report("2026-11");
    const december = await report("2026-12");
    // the review's rate divides the month's answers by the month's hand-outs: over the two months it is exact
    expect([november.issued, november.responses]).toEqual([8, 0]);
    expect([december.issued, december.responses, december.responseRate]).toEqual([0, 6, null]);
    const both = (await runReport({ survey: "brukarenkat", period: { from: "2026-11", to: "2026-12" }, wave: "followup" })).report;
    expect([both.issued, both.responses, both.responseRate]).toEqual([8, 6, 0.75]);
  });
});

describe("whom we do not reach, watched by a desk that knows who got which code", () => {
  it("does not move while clients answer: a hand-out month counts from the day none of its codes can be answered", async () => {
    const handedOut = new Date("2026-07-30T09:00:00Z");
    await seedReferenceSurvey();
    const codes = await issueCodes({ survey: "brukarenkat", wave: "closure", lang: "sv", count: 8, referral: "other" }, handedOut);
    const q = { survey: "brukarenkat", period: { from: "2026-07", to: "2026-07" }, wave: null } as const;
    // August: July has ended, its codes can still be answered
    const watching = new Date("2026-08-03T09:00:00Z");
    const before = await reachTables(q, ["validMonth", "referral"], undefined, watching);
    const pendingBefore = await reachPending(q, undefined, watching);
    expect(pendingBefore).toEqual([{ wave: "closure", validMonth: "2026-07" }]);
    expect(before.flatMap((t) => t.rows)).toEqual([]);
    // every client answers, the last one too: neither the tables nor the months left out move
    for (const c of codes) {
      expect((await submitResponse(await codeRow(c.code), FEEL_BETTER, "sv", watching)).status).toBe("saved");
      expect(await reachTables(q, ["validMonth", "referral"], undefined, watching)).toEqual(before);
      expect(await reachPending(q, undefined, watching)).toEqual(pendingBefore);
    }

    // 29 October, the first day no code opening in July works (CODE_VALID_DAYS 90): counted
    const spent = new Date("2026-10-29T12:00:00Z");
    expect(await reachPending(q, undefined, new Date("2026-10-28T12:00:00Z"))).toEqual(pendingBefore);
    const [byMonth] = await reachTables(q, ["validMonth"], undefined, spent);
    expect(byMonth!.rows).toEqual([{ key: "2026-07", issued: 8, answered: 8, answeredOnPaper: 0, rate: 1, suppressed: false }]);
    expect(await reachPending(q, undefined, spent)).toEqual([]);
  });
});
