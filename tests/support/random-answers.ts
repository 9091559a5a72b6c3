/**
 * Reproducible random respondents for the reference survey: seeded, so a failing equivalence
 * test can be rerun with the same data.
 */
import type { AnswerRow } from "~/respondent/answers";
import type { VersionDefinition, Wave } from "~/survey/definition";
import type { Answers } from "./results-fixture";
import { CLIENT_GROUPS, REFERRALS } from "~/codes/attributes";
import type { GroupFilter } from "~/results/aggregate.server";

/** mulberry32: a tiny seeded PRNG, enough for test data. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, pick, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof seeded>;

/** Answers one respondent might give to a version's questions of one wave, skips included. */
export function randomAnswers(rnd: Random, def: VersionDefinition, wave: Wave): Answers {
  const out: Answers = {};
  for (const q of def.questions) {
    if (!q.waves.includes(wave) || rnd.chance(0.15)) continue;
    const options = (q.options ?? []).map((o) => o.key);
    if (q.type === "single") out[q.key] = rnd.pick(options);
    else if (q.type === "multi") out[q.key] = options.filter(() => rnd.chance(0.4));
    else if (q.type === "matrix") {
      const rows: Record<string, string> = {};
      for (const r of q.rows ?? []) if (rnd.chance(0.7)) rows[r.key] = rnd.pick(options);
      out[q.key] = rows;
    } else if (rnd.chance(0.4)) out[q.key] = { text: `text ${Math.floor(rnd.next() * 1000)}` };
  }
  return out;
}

/** The same answers as the rows submitResponse stores. */
export function answerRows(answers: Answers): AnswerRow[] {
  const rows: AnswerRow[] = [];
  for (const [questionKey, value] of Object.entries(answers)) {
    if (value === undefined) continue;
    if (typeof value === "string") rows.push({ questionKey, rowKey: "", optionKey: value, text: null });
    else if (Array.isArray(value)) for (const o of value) rows.push({ questionKey, rowKey: "", optionKey: o, text: null });
    else if ("text" in value && typeof value.text === "string") rows.push({ questionKey, rowKey: "", optionKey: "", text: value.text });
    else for (const [rowKey, o] of Object.entries(value as Record<string, string>)) rows.push({ questionKey, rowKey, optionKey: o, text: null });
  }
  return rows;
}

/** A random group filter: each dimension chosen with its own chance (role, gender, client group, referral). */
export function randomGroups(rnd: Random, chance: { role: number; gender: number; clientGroup: number; referral: number }): GroupFilter {
  const g: GroupFilter = {};
  if (rnd.chance(chance.role)) g.role = rnd.pick(["subjected", "perpetrator", "both"]);
  if (rnd.chance(chance.gender)) g.gender = rnd.pick(["woman", "man", "other"]);
  if (rnd.chance(chance.clientGroup)) g.clientGroup = rnd.pick(CLIENT_GROUPS);
  if (rnd.chance(chance.referral)) g.referral = rnd.pick(REFERRALS);
  return g;
}
