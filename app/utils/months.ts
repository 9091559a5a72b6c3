/** Dates as the teams see them: months and days in Swedish time. */
const TIME_ZONE = "Europe/Stockholm";

const partsFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

type LocalParts = { year: string; month: string; day: string; hour: string; minute: string };
// Minutes asked for lately: every submit asks for the month of now and of its code's first day,
// and formatToParts took 30 µs of each. Bounded: a report may ask for thousands of instants.
const recentMinutes = new Map<number, LocalParts>();
const RECENT_MINUTES = 64;

function localParts(date: Date): LocalParts {
  // Swedish time has differed from UTC by whole hours since 1900: one UTC minute is one local minute
  const minute = Math.floor(date.getTime() / 60_000);
  const known = recentMinutes.get(minute);
  if (known) return known;
  const p = Object.fromEntries(partsFormat.formatToParts(date).map((x) => [x.type, x.value]));
  const parts = { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute! };
  if (recentMinutes.size >= RECENT_MINUTES) recentMinutes.clear();
  recentMinutes.set(minute, parts);
  return parts;
}

/** "2026-03" for an instant, in Swedish time. */
export function monthOf(date: Date): string {
  const p = localParts(date);
  return `${p.year}-${p.month}`;
}

/** "2026-03-05" for an instant, in Swedish time. */
export function dayOf(date: Date): string {
  const p = localParts(date);
  return `${p.year}-${p.month}-${p.day}`;
}

export const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The instant a Swedish calendar day begins ("2026-03-05" → 2026-03-04T23:00:00Z). */
export function startOfDay(day: string): Date {
  if (!DAY_PATTERN.test(day)) throw new RangeError(`not a date: ${day}`);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  for (const offsetHours of [1, 2, 0, 3]) {
    const candidate = new Date(Date.UTC(y, m - 1, d) - offsetHours * 3_600_000);
    const p = localParts(candidate);
    if (`${p.year}-${p.month}-${p.day}` === day && p.hour === "00" && p.minute === "00") return candidate;
  }
  throw new RangeError(`not a date: ${day}`);
}

/** Adds whole calendar days to a Swedish day. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The same day some months on, or the month's last day when it has no such day (31 Aug + 6 → 28 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const lastOfTarget = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastOfTarget))).toISOString().slice(0, 10);
}
