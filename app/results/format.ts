/**
 * Numbers for people: Intl in the UI language (85,7 % in Swedish, 85.7% in English) and the
 * one rounding rule every table uses, so hand-typed figures like "86 %" never reappear.
 */

/** Percent of `part` in `whole`, one decimal, half up; null when there is no whole. */
export function percentOf(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  // integer arithmetic first: 18/21 → 857.14… → 857 → 85.7, no float drift at .x5
  return Math.round((part * 1000) / whole) / 10;
}

const locales: Record<string, string> = { sv: "sv-SE", en: "en-GB" };
const localeOf = (lang: string) => locales[lang] ?? lang;

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: string, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${lang}|${key}`;
  let f = cache.get(id);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang), options);
    cache.set(id, f);
  }
  return f;
}

/** A percentage given as 0–100 with one decimal: "85,7 %" / "85.7%". */
export function formatPercent(percent: number | null | undefined, lang: string): string {
  if (percent === null || percent === undefined) return "–";
  return nf(lang, "pct", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    percent / 100,
  );
}

/** A share given as 0–1: "88,0 %" / "88.0%". */
export function formatShare(share: number | null | undefined, lang: string): string {
  if (share === null || share === undefined) return "–";
  return formatPercent(Math.round(share * 1000) / 10, lang);
}

export function formatCount(count: number | null | undefined, lang: string): string {
  if (count === null || count === undefined) return "–";
  return nf(lang, "int", { maximumFractionDigits: 0 }).format(count);
}


/** A plain decimal for files (CSV): decimal comma in Swedish, no grouping, one decimal. */
export function formatDecimal(value: number | null | undefined, lang: string, digits = 1): string {
  if (value === null || value === undefined) return "";
  const s = value.toFixed(digits);
  return lang === "sv" ? s.replace(".", ",") : s;
}

/** "mars 2015" / "March 2015". */
export function formatMonth(month: string, lang: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(localeOf(lang), { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, 1)),
  );
}
