/**
 * A generic differencing attacker. It knows the fixture (every respondent and their attributes),
 * asks every query it is allowed to ask, and for each pair of permitted answers where one
 * query's respondents contain the other's, subtracts them: the difference must be 0 or ≥ k
 * respondents. It also checks that a permitted answer counts exactly the respondents it claims
 * to (otherwise the subtraction would prove nothing).
 */
import { expect } from "vitest";

export type Respondent = {
  month: string;
  wave: "closure" | "followup";
  version: number;
  referral?: string | null;
  clientGroup?: string | null;
};

export type AttackQuery = {
  from: string;
  to: string;
  wave: "closure" | "followup" | null;
  versions: number[];
  referral?: string;
};

/** The respondents a query covers, by index into the fixture. */
export function covered(people: readonly Respondent[], q: AttackQuery): Set<number> {
  const out = new Set<number>();
  people.forEach((p, i) => {
    if (p.month < q.from || p.month > q.to) return;
    if (q.wave && p.wave !== q.wave) return;
    if (q.versions.length && !q.versions.includes(p.version)) return;
    if (q.referral && p.referral !== q.referral) return;
    out.add(i);
  });
  return out;
}

export type Answer = { withheld: true } | { withheld: false; responses: number | null };

/**
 * Runs every query through `ask` (the CLI, an HTTP export…) and attacks the permitted answers.
 * Returns how many were permitted, so a test can also show the attack had something to work on.
 */
export async function differencingAttack(
  people: readonly Respondent[],
  queries: readonly AttackQuery[],
  ask: (q: AttackQuery) => Promise<Answer>,
  k: number,
): Promise<{ permitted: number; withheld: number; pairs: number }> {
  const permitted: { q: AttackQuery; set: Set<number> }[] = [];
  let withheld = 0;
  for (const q of queries) {
    const answer = await ask(q);
    if (answer.withheld) {
      withheld++;
      continue;
    }
    const set = covered(people, q);
    // a hidden group (responses null) gives no count to subtract
    if (answer.responses === null) continue;
    expect(answer.responses, `responses of ${JSON.stringify(q)}`).toBe(set.size);
    permitted.push({ q, set });
  }
  let pairs = 0;
  for (const a of [{ q: null, set: new Set<number>() }, ...permitted])
    for (const b of permitted) {
      if (a.set.size > b.set.size || ![...a.set].every((i) => b.set.has(i))) continue;
      const difference = b.set.size - a.set.size;
      pairs++;
      expect(difference === 0 || difference >= k, `${JSON.stringify(b.q)} minus ${JSON.stringify(a.q)} leaves ${difference}`).toBe(true);
    }
  return { permitted: permitted.length, withheld, pairs };
}

/** Every period (from ≤ to) of the given months. */
export function periodsOf(months: readonly string[]): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (const from of months) for (const to of months) if (from <= to) out.push({ from, to });
  return out;
}
