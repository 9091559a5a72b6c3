/**
 * Report periods as inclusive month ranges ("YYYY-MM" strings compare in calendar order).
 * A tertial (T1–T3) is the Swedish four-month reporting period: Jan–Apr, May–Aug, Sep–Dec.
 */

export type Month = string;
export type Period = { from: Month; to: Month };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is Month {
  return typeof value === "string" && MONTH.test(value);
}

function parts(month: Month): [number, number] {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  return [Number(m[1]), Number(m[2])];
}

function make(year: number, month: number): Month {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

export function addMonths(month: Month, delta: number): Month {
  const [y, m] = parts(month);
  const index = y * 12 + (m - 1) + delta;
  return make(Math.floor(index / 12), (index % 12) + 1);
}

/** Every month from `from` to `to`, inclusive. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function monthCount(p: Period): number {
  const [fy, fm] = parts(p.from);
  const [ty, tm] = parts(p.to);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

export function tertialOf(month: Month): 1 | 2 | 3 {
  const [, m] = parts(month);
  return (Math.floor((m - 1) / 4) + 1) as 1 | 2 | 3;
}

export function tertial(year: number, t: 1 | 2 | 3): Period {
  return { from: make(year, (t - 1) * 4 + 1), to: make(year, t * 4) };
}

/** The tertial the month belongs to, up to and including the month (the monthly review's view). */
export function tertialToDate(month: Month): Period {
  const [y] = parts(month);
  return { from: tertial(y, tertialOf(month)).from, to: month };
}

/** The twelve months ending with `month`. */
export function rolling12(month: Month): Period {
  return { from: addMonths(month, -11), to: month };
}

export function currentMonth(now = new Date()): Month {
  return make(now.getUTCFullYear(), now.getUTCMonth() + 1);
}

/**
 * Reads a period written as a month ("2015-03"), a tertial ("2015-T1"), a year ("2015"),
 * a range ("2015-01..2015-06") or rolling twelve months ("R12:2015-06"). Null when unreadable.
 */
export function parsePeriod(spec: string): Period | null {
  const s = spec.trim().toUpperCase();
  if (isMonth(s)) return { from: s, to: s };
  let m = /^(\d{4})-?T([1-3])$/.exec(s);
  if (m) return tertial(Number(m[1]), Number(m[2]) as 1 | 2 | 3);
  m = /^(\d{4})$/.exec(s);
  if (m) return { from: `${m[1]}-01`, to: `${m[1]}-12` };
  m = /^R12:(\d{4}-\d{2})$/.exec(s);
  if (m && isMonth(m[1])) return rolling12(m[1]);
  m = /^(\d{4}-\d{2})\s*\.\.\s*(\d{4}-\d{2})$/.exec(s);
  if (m && isMonth(m[1]) && isMonth(m[2]) && m[1] <= m[2]) return { from: m[1], to: m[2] };
  return null;
}

/** A wider period that ends where `p` ends, to suggest when a table is too small; null if none is wider. */
export function widerPeriod(p: Period): Period | null {
  const n = monthCount(p);
  if (n < 4) return tertialToDate(p.to).from < p.from ? tertialToDate(p.to) : rolling12(p.to);
  if (n < 12) return rolling12(p.to);
  if (n < 24) return { from: addMonths(p.to, -23), to: p.to };
  return null;
}
