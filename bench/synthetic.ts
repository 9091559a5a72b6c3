/**
 * Shared parts of the benchmarks that generate survey data: a seeded random source, weighted
 * draws, month lists, one respondent's answers and the median timer.
 */

/** mulberry32: reproducible data without storing a seed file */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Weighted draws from one random source; weights beyond a list's values are ignored. */
export function drawing(random: () => number) {
  const draw = (weights: readonly number[]): number => {
    const total = weights.reduce((s, w) => s + w, 0);
    let x = random() * total;
    for (let i = 0; i < weights.length; i++) if ((x -= weights[i]!) < 0) return i;
    return weights.length - 1;
  };
  const pick = <T>(values: readonly T[], weights: readonly number[]): T => values[draw(weights.slice(0, values.length))]!;
  /** an index drawn from many fixed weights, by binary search over their running sums */
  const drawer = (weights: readonly number[]) => {
    const sums: number[] = [];
    weights.reduce((s, w) => (sums.push(s + w), s + w), 0);
    const total = sums.at(-1)!;
    return () => {
      const x = random() * total;
      let lo = 0;
      let hi = sums.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sums[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
  };
  return { random, draw, pick, drawer };
}

/** `count` months ending with `last` (YYYY-MM), oldest first. */
export function monthList(last: string, count: number): string[] {
  const [y, m] = last.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const total = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
  });
}

/** Median wall-clock ms of `runs` calls after `warmup` untimed ones. */
export async function median(fn: () => Promise<unknown>, runs: number, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** A questionnaire version as the generators need it: option and row keys only. */
export type Def = { id: string; questions: { key: string; type: string; waves: string[]; options: string[]; rows: string[] }[] };

/** The loaded survey's versions in the generators' shape. */
export function generatorDefs(
  definitions: readonly { id: string; def: { questions: readonly { key: string; type: string; waves: string[]; options?: readonly { key: string }[]; rows?: readonly { key: string }[] }[] } }[],
): Def[] {
  return definitions.map((d) => ({
    id: d.id,
    questions: d.def.questions.map((q) => ({
      key: q.key,
      type: q.type,
      waves: q.waves,
      options: (q.options ?? []).map((o) => o.key),
      rows: (q.rows ?? []).map((r) => r.key),
    })),
  }));
}

/** More answers as more teams join, fewer in July and December. */
export const monthWeights = (months: readonly string[]) =>
  months.map((mo, i) => (0.6 + (0.8 * i) / (months.length - 1)) * (mo.endsWith("-07") ? 0.6 : mo.endsWith("-12") ? 0.8 : 1));

/**
 * A respondent's month (index into the weights' months) and version: three versions 20 months
 * each, the old one lingering two months after a new one.
 */
export function monthAndVersion<D>({ random, draw }: ReturnType<typeof drawing>, weights: readonly number[], defs: readonly D[]) {
  const monthIndex = draw(weights);
  let vi = Math.min(defs.length - 1, Math.floor(monthIndex / 20));
  if (vi > 0 && monthIndex % 20 < 2 && random() < 0.3) vi--;
  return { monthIndex, def: defs[vi]! };
}

/** A code's attributes, drawn in a fixed order (cached data stay reproducible). */
export function codeAttributes({ random, pick }: ReturnType<typeof drawing>) {
  const wave = random() < 0.72 ? "closure" : "followup";
  const clientGroup = pick(["subjected", "perpetrator", "both", null], [55, 28, 7, 10]);
  const referral = pick(["police", "self", "social_services", "other", null], [25, 30, 30, 5, 10]);
  const lang = pick(["sv", "en", "ar", "so", "ti", "fa"], [70, 6, 9, 5, 5, 5]);
  return { wave, clientGroup, referral, lang };
}

/**
 * One respondent's answer rows `[questionKey, rowKey, optionKey, text]` in primary-key order,
 * hanging together: role follows the code's group, gender follows role, the indicator improves
 * with `monthIndex` (0–59).
 */
export function respondentAnswers(
  { random, pick }: ReturnType<typeof drawing>,
  def: Def,
  code: { wave: string; clientGroup: string | null },
  monthIndex: number,
  indicator: { question: string; success: readonly string[] },
): [string, string, string, string | null][] {
  const rows: [string, string, string, string | null][] = [];
  let role: string | undefined;
  for (const q of def.questions) {
    if (!q.waves.includes(code.wave)) continue;
    if (q.type === "text") {
      if (random() < 0.12) rows.push([q.key, "", "", pick(["Bra bemötande.", "Samtalen hjälpte mig.", "Önskar fler tider.", "Tack."], [3, 3, 2, 2])]);
      continue;
    }
    if (random() < 0.07) continue; // skipped
    if (q.type === "matrix") {
      for (const row of q.rows) if (random() < 0.6) rows.push([q.key, row, pick(q.options, [45, 30, 15, 10]), null]);
      continue;
    }
    let option: string;
    if (q.key === "role") {
      option = code.clientGroup && random() < 0.85 ? code.clientGroup : pick(q.options, [60, 30, 10]);
      role = option;
    } else if (q.key === "gender") {
      option = pick(q.options, role === "perpetrator" ? [13, 85, 2] : [82, 15, 3]);
    } else if (q.key === indicator.question) {
      const p = 0.5 + (0.16 * monthIndex) / 59 + (code.wave === "followup" ? 0.05 : 0);
      option = random() < p ? indicator.success[0]! : pick(q.options.filter((o) => !indicator.success.includes(o)), [70, 30]);
    } else {
      option = pick(q.options, [55, 25, 12, 8]);
    }
    if (q.type === "multi") {
      for (const o of q.options) if (o === option || random() < 0.2) rows.push([q.key, "", o, null]);
    } else rows.push([q.key, "", option, null]);
  }
  // in primary-key order: pages fill one after another
  rows.sort((a, b) => (a[0] + "\u0000" + a[1] + "\u0000" + a[2] < b[0] + "\u0000" + b[1] + "\u0000" + b[2] ? -1 : 1));
  return rows;
}
