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
  /** the unit's slug (decision 0023); missing on a one-unit install */
  unit?: string;
};

export type AttackQuery = {
  from: string;
  to: string;
  wave: "closure" | "followup" | null;
  versions: number[];
  referral?: string;
  /** one unit's report; missing on a multi-unit install = every unit pooled */
  unit?: string;
};

/** A released block as a report names it: a pooled report covers only these (unit, wave, months). */
export type CoveredBlock = { unit?: string; wave: string; from: string; to: string };

/**
 * The respondents a query covers, by index into the fixture: within its period, unit and filters,
 * and for a pooled report only within the blocks it says it sums (each unit's own whole blocks).
 */
export function covered(people: readonly Respondent[], q: AttackQuery, blocks?: readonly CoveredBlock[]): Set<number> {
  const out = new Set<number>();
  people.forEach((p, i) => {
    if (p.month < q.from || p.month > q.to) return;
    if (q.unit && p.unit !== q.unit) return;
    if (blocks && !blocks.some((b) => b.unit === p.unit && b.wave === p.wave && p.month >= b.from && p.month <= b.to)) return;
    if (q.wave && p.wave !== q.wave) return;
    if (q.versions.length && !q.versions.includes(p.version)) return;
    if (q.referral && p.referral !== q.referral) return;
    out.add(i);
  });
  return out;
}

export type Answer = { withheld: true } | { withheld: false; responses: number | null; blocks?: readonly CoveredBlock[] };

/**
 * Runs every query through `ask` (the CLI, an HTTP export…) and attacks the permitted answers.
 * Returns how many were permitted, so a test can also show the attack had something to work on.
 */
export async function differencingAttack(
  people: readonly Respondent[],
  queries: readonly AttackQuery[],
  ask: (q: AttackQuery) => Promise<Answer>,
  k: number,
): Promise<{ permitted: number; withheld: number; pairs: number; seen: Set<number> }> {
  const permitted: { q: AttackQuery; set: Set<number> }[] = [];
  let withheld = 0;
  for (const q of queries) {
    const answer = await ask(q);
    if (answer.withheld) {
      withheld++;
      continue;
    }
    const set = covered(people, q, answer.blocks);
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
  // every respondent some permitted report counted
  const seen = new Set(permitted.flatMap((p) => [...p.set]));
  return { permitted: permitted.length, withheld, pairs, seen };
}

/** Every period (from ≤ to) of the given months. */
export function periodsOf(months: readonly string[]): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (const from of months) for (const to of months) if (from <= to) out.push({ from, to });
  return out;
}
