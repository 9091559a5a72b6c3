/**
 * The acceptance example: the team's published 2015 closure tables (tests/fixtures/reference/
 * README.md, copied from the shared reference) reproduced by `report --json`.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "~/cli/main";
import { parseCommandArgs, UsageError } from "~/cli/framework";
import { report } from "~/cli/commands/report";
import { addCodeCount, addResponses, respondents, versionId } from "../../support/results-fixture";
import { publishedTables } from "../../support/published-2015";

async function runReport(argv: string[]): Promise<string> {
  const lines: string[] = [];
  await report.run(parseCommandArgs(report, argv), { stdout: (t) => lines.push(t), stdin: async () => "" });
  return lines.join("\n");
}

describe("report reproduces the published 2015 closure tables", () => {
  let published: Awaited<ReturnType<typeof publishedTables>>;

  beforeAll(async () => {
    await versionId(2); // seeds the reference survey
    published = await publishedTables();
    expect(published.tables.map((t) => t.question)).toEqual([
      "method_satisfaction",
      "alternative_strategies",
      "expectations_met",
    ]);
    const counts: Record<string, Record<string, number>> = {};
    for (const t of published.tables) counts[t.question] = Object.fromEntries(t.rows.map((r) => [r.option, r.count]));
    // the indicator example of interfaces.md: 14 of 21 say the violence has stopped
    counts.violence_stopped = { yes: 14, reduced: 5, no: 2 };
    const people = respondents(published.returned, counts);
    // spread over the year as four whole release blocks (decision 0011): Jan–Mar 5, Apr–Jun 5,
    // Jul–Sep 6, Oct–Dec 6, so the one who skipped two questions is in a block where five answered
    // them. Responses count in their month, codes in the month they became valid.
    const monthOf = [1, 1, 2, 2, 3, 4, 4, 5, 5, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12];
    await addResponses(people.map((answers, i) => ({ version: 2, month: `2015-${String(monthOf[i]).padStart(2, "0")}`, answers })));
    for (let m = 1; m <= 12; m++)
      await addCodeCount({ version: 2, validMonth: `2015-${String(m).padStart(2, "0")}`, issued: m === 1 ? 3 : 2 });
    // noise outside the period and in the other wave must not count
    await addResponses([{ version: 2, month: "2016-01", answers: { method_satisfaction: "no" } }]);
    await addResponses([{ version: 2, wave: "followup", month: "2015-05", answers: { violence_stopped: "no" } }]);
  });

  it("gives the published percentages, the response rate and 21 of 22 answering", async () => {
    const json = JSON.parse(
      await runReport(["--survey", "brukarenkat", "--from", "2015-01", "--to", "2015-12", "--wave", "closure", "--version", "2", "--json"]),
    );
    expect(json).toMatchObject({
      survey: "brukarenkat",
      from: "2015-01",
      to: "2015-12",
      wave: "closure",
      versions: [2],
      issued: published.handedOut,
      responses: published.returned,
      responseRate: 0.88,
      minGroupSize: 5,
    });
    const byKey = Object.fromEntries(json.questions.map((q: { key: string }) => [q.key, q]));
    for (const t of published.tables) {
      expect(byKey[t.question].suppressed).toBe(false);
      expect(byKey[t.question].options).toEqual(t.rows.map((r) => ({ key: r.option, count: r.count, percent: r.percent })));
    }
    expect(byKey.method_satisfaction.options.map((o: { percent: number }) => o.percent)).toEqual([85.7, 14.3, 0]);
    expect(byKey.alternative_strategies.options.map((o: { percent: number }) => o.percent)).toEqual([72.7, 13.6, 0, 13.6]);
    expect(byKey.expectations_met.options.map((o: { percent: number }) => o.percent)).toEqual([90.9, 9.1, 0]);
    expect(byKey.method_satisfaction).toMatchObject({ type: "single", respondents: 22, answered: 21 });
    expect(json.indicators).toEqual([
      expect.objectContaining({ key: "violence_stopped", n: 21, value: 0.667, target: 0.6, ci95: [0.454, 0.828] }),
    ]);
  });

  it("prints the same tables as text with Swedish numbers", async () => {
    const text = await runReport(["--survey", "brukarenkat", "--from", "2015-01", "--to", "2015-12", "--wave", "closure"]);
    expect(text).toMatch(/Svarsfrekvens: 88,0\s%/);
    expect(text).toMatch(/Ja, absolut\s+18\s+85,7/);
    expect(text).toContain("95,5 % (21 av 22)");
  });

  it("withholds a month that is not a release block of its own, and names the block it belongs to", async () => {
    const json = JSON.parse(await runReport(["--survey", "brukarenkat", "--from", "2015-03", "--to", "2015-03", "--wave", "closure", "--json"]));
    expect(json).toEqual({ withheld: true, reason: expect.stringContaining("2015-01 – 2015-03") });
    const block = JSON.parse(await runReport(["--survey", "brukarenkat", "--from", "2015-01", "--to", "2015-03", "--wave", "closure", "--json"]));
    expect(block).toMatchObject({ responses: 5, blocks: [{ wave: "closure", from: "2015-01", to: "2015-03" }] });
    expect(await runReport(["--survey", "brukarenkat", "--from", "2015-03", "--to", "2015-03", "--wave", "closure"])).toMatch(/^Withheld: /);
  });

  it("is a command of the CLI: JSON on stdout, exit 0; a usage error is one line on stderr and exit 1", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
    try {
      expect(await runCli(["report", "--survey", "brukarenkat", "--from", "2015-01", "--to", "2015-12", "--wave", "closure", "--json"])).toBe(0);
      expect(JSON.parse(out.join(""))).toMatchObject({ responses: 22, issued: 25, responseRate: 0.88 });
      expect(await runCli(["report", "--json"])).toBe(1);
      expect(err.join("")).toBe("error: --survey is required\n");
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });

  it("adds whom we don't reach to the JSON, the reach page's rows with its small ones hidden", async () => {
    const json = JSON.parse(await runReport(["--survey", "brukarenkat", "--period", "2015", "--wave", "closure", "--json"]));
    expect(json).toMatchObject({ responses: 22, issued: 25 }); // the documented fields are unchanged
    const table = (by: string) => (json.reach as { by: string; rows: { key: string; issued: number | null; suppressed: boolean }[] }[]).find((t) => t.by === by)!;
    expect(table("wave").rows).toEqual([expect.objectContaining({ key: "closure", issued: 25, suppressed: false })]);
    // two or three codes a month: every month is hidden, and the total still says 25
    expect(table("validMonth").rows).toHaveLength(12);
    expect(table("validMonth").rows.every((r) => r.suppressed && r.issued === null)).toBe(true);
    expect(["wave", "validMonth", "lang", "clientGroup", "referral"].every((by) => table(by))).toBe(true);
  });

  it("takes a period as a year, a tertial or rolling twelve months", async () => {
    const year = JSON.parse(await runReport(["--survey", "brukarenkat", "--period", "2015", "--wave", "closure", "--json"]));
    expect(year).toMatchObject({ from: "2015-01", to: "2015-12", responses: 22 });
    // a tertial or rolling year that cuts a release block is withheld, pointing at whole blocks
    const t1 = JSON.parse(await runReport(["--survey", "brukarenkat", "--period", "2015-T1", "--wave", "closure", "--json"]));
    expect(t1).toEqual({ withheld: true, reason: expect.stringContaining("2015-01 – 2015-06") });
    const half = JSON.parse(await runReport(["--survey", "brukarenkat", "--from", "2015-01", "--to", "2015-06", "--wave", "closure", "--json"]));
    expect(half).toMatchObject({ from: "2015-01", to: "2015-06", responses: 10, issued: 13 });
    const r12 = JSON.parse(await runReport(["--survey", "brukarenkat", "--period", "R12:2016-01", "--wave", "closure", "--json"]));
    expect(r12).toMatchObject({ withheld: true });
    await expect(runReport(["--survey", "brukarenkat", "--period", "2015-T4"])).rejects.toThrow(/--period/);
  });

  it("refuses bad input with a usage error", async () => {
    await expect(runReport(["--survey", "nope", "--json"])).rejects.toThrow(UsageError);
    await expect(runReport(["--survey", "brukarenkat", "--from", "2015-13"])).rejects.toThrow(/YYYY-MM/);
    await expect(runReport(["--survey", "brukarenkat", "--version", "9"])).rejects.toThrow(/no published version 9/);
    await expect(runReport(["--survey", "brukarenkat", "--wave", "later"])).rejects.toThrow(/--wave/);
  });
});
