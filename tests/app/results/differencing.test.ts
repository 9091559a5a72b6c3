/**
 * Issue 11's differencing attacks against `report --json`: versions, time, a period extended by
 * a small month, and a filter's complement. With a fixed clock (mid-June 2026: June is open).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseCommandArgs } from "~/cli/framework";
import { report } from "~/cli/commands/report";
import { addResponses, type ResponseSpec } from "../../support/results-fixture";
import { ATTACK_SLUG, importAttackSurvey } from "../../support/attack-survey";
import { differencingAttack, periodsOf, type AttackQuery, type Respondent } from "../../support/differencing";

const k = 5;

async function cli(argv: string[]): Promise<Record<string, unknown>> {
  const lines: string[] = [];
  await report.run(parseCommandArgs(report, [...argv, "--json"]), { stdout: (t) => lines.push(t), stdin: async () => "" });
  return JSON.parse(lines.join("\n"));
}

function argsOf(q: AttackQuery): string[] {
  return [
    "--survey", ATTACK_SLUG, "--from", q.from, "--to", q.to,
    ...(q.wave ? ["--wave", q.wave] : []),
    ...q.versions.flatMap((v) => ["--version", String(v)]),
    ...(q.referral ? ["--referral", q.referral] : []),
  ];
}

const people: Respondent[] = [];
function person(month: string, version: number, referral: string, extra: Partial<ResponseSpec> = {}): ResponseSpec {
  people.push({ month, version, referral, wave: extra.wave ?? "closure" });
  return { slug: ATTACK_SLUG, version, month, referral, answers: { helped: "yes" }, ...extra };
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-06-15T10:00:00Z"));
  await importAttackSurvey();
  await addResponses([
    // January: five on version 3 (police) and ONE on version 4 (self-referred, writes in Farsi)
    ...Array.from({ length: 5 }, () => person("2026-01", 3, "police")),
    person("2026-01", 4, "self", { lang: "fa", answers: { helped: "no", comments: { text: "تنها نظر" } } }),
    // February 2 + March 4: one block of 6
    person("2026-02", 3, "police"),
    person("2026-02", 3, "self"),
    ...Array.from({ length: 2 }, () => person("2026-03", 3, "police")),
    ...Array.from({ length: 2 }, () => person("2026-03", 3, "self")),
    // April 1 + May 9: one block of 10, five police and five self-referred
    person("2026-04", 3, "police"),
    ...Array.from({ length: 4 }, () => person("2026-05", 3, "police")),
    ...Array.from({ length: 5 }, () => person("2026-05", 3, "self")),
    // two follow-up answers in March: waiting for more
    ...Array.from({ length: 2 }, () => person("2026-03", 3, "police", { wave: "followup" })),
    // June is still open
    person("2026-06", 3, "police"),
  ]);
});

afterAll(() => {
  vi.useRealTimers();
});

describe("report --json cannot be subtracted down to fewer than k respondents", () => {
  it("(a) versions: 'all versions' minus 'version 3' would give the one version-4 respondent", async () => {
    const all = await cli(["--survey", ATTACK_SLUG, "--from", "2026-01", "--to", "2026-01", "--wave", "closure"]);
    expect(all).toMatchObject({ responses: 6 });
    const v3 = await cli(["--survey", ATTACK_SLUG, "--from", "2026-01", "--to", "2026-01", "--wave", "closure", "--version", "3"]);
    expect(v3).toEqual({ withheld: true, reason: expect.stringMatching(/versions/) });
    const others = await cli(["--survey", ATTACK_SLUG, "--from", "2026-01", "--to", "2026-01", "--wave", "closure", "--version", "1", "--version", "2", "--version", "4"]);
    expect(others).toMatchObject({ withheld: true });
    // versions 3 and 4 together are the whole hidden class: shown, and equal to "all"
    const both = await cli(["--survey", ATTACK_SLUG, "--from", "2026-01", "--to", "2026-01", "--wave", "closure", "--version", "3", "--version", "4"]);
    expect(both).toMatchObject({ responses: 6 });
  });

  it("(b) time: the open month is never shown, and one new answer changes no released report", async () => {
    const june = ["--survey", ATTACK_SLUG, "--from", "2026-06", "--to", "2026-06", "--wave", "closure"];
    expect(await cli(june)).toEqual({ withheld: true, reason: expect.stringMatching(/has not ended/) });
    const before = await cli(["--survey", ATTACK_SLUG, "--from", "2026-04", "--to", "2026-05", "--wave", "closure"]);
    await addResponses([{ slug: ATTACK_SLUG, version: 3, month: "2026-06", answers: { helped: "no" } }]);
    expect(await cli(june)).toMatchObject({ withheld: true });
    vi.setSystemTime(new Date("2026-07-02T10:00:00Z"));
    try {
      // June has ended with 2 answers: still waiting, alone or added to the released months
      expect(await cli(june)).toEqual({ withheld: true, reason: expect.stringMatching(/waiting for more answers/) });
      expect(await cli(["--survey", ATTACK_SLUG, "--from", "2026-04", "--to", "2026-06", "--wave", "closure"])).toMatchObject({ withheld: true });
      expect(await cli(["--survey", ATTACK_SLUG, "--from", "2026-04", "--to", "2026-05", "--wave", "closure"])).toEqual(before);
      // without a period, the CLI reports what is released: up to May
      expect(await cli(["--survey", ATTACK_SLUG, "--wave", "closure"])).toMatchObject({ from: "2026-01", to: "2026-05", responses: 22 });
    } finally {
      vi.setSystemTime(new Date("2026-06-15T10:00:00Z"));
    }
  });

  it("(c) a period extended by a month of 1–4 answers is withheld; whole blocks differ by ≥ k", async () => {
    expect(await cli(["--survey", ATTACK_SLUG, "--from", "2026-01", "--to", "2026-03", "--wave", "closure"])).toMatchObject({ responses: 12 });
    const extended = await cli(["--survey", ATTACK_SLUG, "--from", "2026-01", "--to", "2026-04", "--wave", "closure"]);
    expect(extended).toEqual({ withheld: true, reason: expect.stringMatching(/2026-01 – 2026-05/) });
    expect(await cli(["--survey", ATTACK_SLUG, "--from", "2026-01", "--to", "2026-05", "--wave", "closure"])).toMatchObject({ responses: 22 });
    // both waves: the follow-up answers of March are waiting, so nothing reaching March is pooled
    expect(await cli(["--survey", ATTACK_SLUG, "--from", "2026-01", "--to", "2026-03"])).toMatchObject({ withheld: true });
    expect(await cli(["--survey", ATTACK_SLUG, "--from", "2026-01", "--to", "2026-01"])).toMatchObject({ responses: 6 });
  });

  it("(d) a filter whose complement holds 1–4 is withheld; one whose complement holds k is shown", async () => {
    const police = (from: string, to: string) => cli(["--survey", ATTACK_SLUG, "--from", from, "--to", to, "--wave", "closure", "--referral", "police"]);
    expect(await police("2026-01", "2026-01")).toMatchObject({ withheld: true, reason: expect.stringMatching(/referral path/) });
    expect(await police("2026-02", "2026-03")).toMatchObject({ withheld: true });
    const shown = await police("2026-04", "2026-05");
    expect(shown).toMatchObject({ responses: 5 });
    expect(await police("2026-01", "2026-05")).toMatchObject({ withheld: true });
    const text = await report.run(parseCommandArgs(report, ["--survey", ATTACK_SLUG, "--from", "2026-01", "--to", "2026-01", "--referral", "police"]), {
      stdout: (t) => expect(t).toMatch(/^Withheld: The filter on referral path is withheld/),
      stdin: async () => "",
    });
    expect(text).toBeUndefined();
  });

  it("the differencing attacker learns nothing about fewer than k from every permitted report", async () => {
    const months = ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];
    const filters: Omit<AttackQuery, "from" | "to" | "wave">[] = [
      { versions: [] },
      { versions: [3] },
      { versions: [4] },
      { versions: [3, 4] },
      { versions: [1, 2, 3] },
      { versions: [], referral: "police" },
      { versions: [], referral: "self" },
      { versions: [3], referral: "police" },
    ];
    const queries: AttackQuery[] = [];
    for (const p of periodsOf(months)) for (const wave of ["closure", "followup", null] as const) for (const f of filters) queries.push({ ...p, wave, ...f });
    const result = await differencingAttack(
      people.filter((p) => p.month < "2026-06"),
      queries,
      async (q) => {
        const out = await cli(argsOf(q));
        return out.withheld ? { withheld: true } : { withheld: false, responses: out.responses as number | null };
      },
      k,
    );
    // the attack had material: many reports permitted, nested pairs subtracted, and some withheld
    expect(result.permitted).toBeGreaterThan(50);
    expect(result.pairs).toBeGreaterThan(200);
    expect(result.withheld).toBeGreaterThan(100);
  }, 180_000);

  it("reports how many answers have an attribute withheld, as a count only at 0 or ≥ k per block", async () => {
    expect(await cli(["--survey", ATTACK_SLUG, "--from", "2026-01", "--to", "2026-05", "--wave", "closure"])).toMatchObject({ attributesWithheld: 0 });
  });
});
