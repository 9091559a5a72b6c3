/**
 * Issue 11's differencing attacks through the HTTP CSV download of a logged-in staff user:
 * versions, time, a period extended by a small month, a filter's complement.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSession } from "~/auth/session.server";
import { createUser } from "~/auth/users.server";
import { loader as exportLoader } from "~/routes/admin.results.export";
import { loader as compareExportLoader } from "~/routes/admin.compare.export";
import { loader as reviewLoader } from "~/routes/admin.results._index";
import { addResponses, type ResponseSpec } from "../../support/results-fixture";
import { ATTACK_SLUG, importAttackSurvey } from "../../support/attack-survey";
import { differencingAttack, periodsOf, type AttackQuery, type Respondent } from "../../support/differencing";

let cookie = "";
const people: Respondent[] = [];
function person(month: string, version: number, referral: string, extra: Partial<ResponseSpec> = {}): ResponseSpec {
  people.push({ month, version, referral, wave: extra.wave ?? "closure" });
  return { slug: ATTACK_SLUG, version, month, referral, answers: { helped: "yes" }, ...extra };
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-06-15T10:00:00Z"));
  // a manager: the comparison downloads are theirs too, and no staff role sees more
  const user = await createUser({ email: "attacker@example.se", role: "manager", password: "right-password-1" });
  cookie = (await startSession(user.id, "/admin")).headers.get("Set-Cookie")!.split(";")[0]!;
  await importAttackSurvey();
  await addResponses([
    ...Array.from({ length: 5 }, () => person("2026-01", 3, "police")),
    person("2026-01", 4, "self"),
    person("2026-02", 3, "police"),
    ...Array.from({ length: 5 }, () => person("2026-03", 3, "self")),
    person("2026-04", 3, "police"),
    ...Array.from({ length: 4 }, () => person("2026-05", 3, "police")),
    ...Array.from({ length: 5 }, () => person("2026-05", 3, "self")),
    person("2026-06", 3, "police"),
  ]);
});

afterAll(() => {
  vi.useRealTimers();
});

async function csv(query: string, loader = exportLoader, path = "results"): Promise<string[][]> {
  const res = (await loader({
    request: new Request(`http://localhost/admin/${path}/export?${query}&format=csv&lang=en`, { headers: { Cookie: cookie } }),
    params: {},
    context: {},
  })) as Response;
  expect(res.status).toBe(200);
  return (await res.text()).replace(/^\uFEFF/, "").split("\r\n").map((l) => l.split(";"));
}

const selection = (q: AttackQuery) =>
  [
    `survey=${ATTACK_SLUG}`,
    `scope=range&month=${q.to}&from=${q.from}&to=${q.to}`,
    `wave=${q.wave ?? "closure"}`,
    ...q.versions.map((v) => `version=${v}`),
    ...(q.referral ? [`referral=${q.referral}`] : []),
  ].join("&");

/** The download's answer: its response count for the wave, or withheld. */
async function ask(q: AttackQuery) {
  const rows = await csv(selection(q));
  if (rows.some((r) => r.some((cell) => /^"?Closure: not shown/.test(cell)))) return { withheld: true as const };
  const row = rows.find((r) => r[0] === "Closure: Responses");
  expect(row, `no response count in ${JSON.stringify(q)}`).toBeDefined();
  return { withheld: false as const, responses: row![1] === "" ? null : Number(row![1]) };
}

describe("the CSV download cannot be subtracted down to fewer than k respondents", () => {
  it("(a) versions: version 3 alone is withheld when version 4 holds one respondent", async () => {
    expect(await ask({ from: "2026-01", to: "2026-01", wave: "closure", versions: [] })).toEqual({ withheld: false, responses: 6 });
    expect(await ask({ from: "2026-01", to: "2026-01", wave: "closure", versions: [3] })).toEqual({ withheld: true });
    const rows = await csv(selection({ from: "2026-01", to: "2026-01", wave: "closure", versions: [3] }));
    expect(rows.flat().join(" ")).toMatch(/Closure: not shown with this selection/);
    expect(rows.find((r) => r[0] === "Ja")).toBeUndefined();
  });

  it("(b) time: the open month is not in any download; the review opens on whole released blocks", async () => {
    expect(await ask({ from: "2026-06", to: "2026-06", wave: "closure", versions: [] })).toEqual({ withheld: true });
    // the latest block (April–May) is two thin months and the tertial so far lies inside it: the year so far
    const latest = await csv(`survey=${ATTACK_SLUG}&wave=closure`);
    expect(latest).toContainEqual(["Period", "2026-01 – 2026-05"]);
    expect(latest).toContainEqual(["Closure: Responses", "22"]);
    // the page says how it chose, and offers the latest block alone
    const page = (await reviewLoader({
      request: new Request(`http://localhost/admin/results?survey=${ATTACK_SLUG}&wave=closure`, { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    })) as { data: { defaultScope: string; latest: unknown; period: unknown } };
    expect([page.data.defaultScope, page.data.period, page.data.latest]).toEqual(["year", { from: "2026-01", to: "2026-05" }, { from: "2026-04", to: "2026-05" }]);
  });

  it("(c) a period extended by a month of one answer is withheld", async () => {
    expect(await ask({ from: "2026-01", to: "2026-01", wave: "closure", versions: [] })).toEqual({ withheld: false, responses: 6 });
    expect(await ask({ from: "2026-01", to: "2026-02", wave: "closure", versions: [] })).toEqual({ withheld: true });
    expect(await ask({ from: "2026-01", to: "2026-03", wave: "closure", versions: [] })).toEqual({ withheld: false, responses: 12 });
  });

  it("(d) a referral filter is withheld where its complement holds 1, shown where it holds k", async () => {
    expect(await ask({ from: "2026-01", to: "2026-01", wave: "closure", versions: [], referral: "police" })).toEqual({ withheld: true });
    expect(await ask({ from: "2026-04", to: "2026-05", wave: "closure", versions: [], referral: "police" })).toEqual({ withheld: false, responses: 5 });
  });

  it("the comparison download hides version 3 beside version 4 in January", async () => {
    const rows = await csv(`survey=${ATTACK_SLUG}&version=3&version=4&from=2026-01&to=2026-01&wave=closure`, compareExportLoader, "compare");
    const text = rows.flat().join(" ");
    expect(text).toMatch(/Version 3 is hidden/);
    expect(text).toMatch(/Version 4 is hidden/);
  });

  it("the differencing attacker over the downloads learns nothing about fewer than k", async () => {
    const filters: Omit<AttackQuery, "from" | "to" | "wave">[] = [
      { versions: [] },
      { versions: [3] },
      { versions: [3, 4] },
      { versions: [], referral: "police" },
    ];
    const queries: AttackQuery[] = [];
    for (const p of periodsOf(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"])) for (const f of filters) queries.push({ ...p, wave: "closure", ...f });
    const result = await differencingAttack(people.filter((p) => p.month < "2026-06"), queries, ask, 5);
    expect(result.permitted).toBeGreaterThan(8);
    expect(result.withheld).toBeGreaterThan(20);
  }, 180_000);
});
