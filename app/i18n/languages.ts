/** Languages a client can answer in, named in their own language (endonyms). */
export const RESPONDENT_LANGUAGES = [
  { code: "sv", name: "Svenska", dir: "ltr" },
  { code: "en", name: "English", dir: "ltr" },
  { code: "es", name: "Español", dir: "ltr" },
  { code: "tr", name: "Türkçe", dir: "ltr" },
  { code: "el", name: "Ελληνικά", dir: "ltr" },
  { code: "ti", name: "ትግርኛ", dir: "ltr" },
  { code: "am", name: "አማርኛ", dir: "ltr" },
  { code: "az", name: "Azərbaycanca", dir: "ltr" },
  { code: "ar", name: "العربية", dir: "rtl" },
  { code: "fa", name: "فارسی", dir: "rtl" },
  { code: "so", name: "Soomaali", dir: "ltr" },
] as const;

export type RespondentLanguage = (typeof RESPONDENT_LANGUAGES)[number]["code"];
export const STAFF_LANGUAGES = ["sv", "en"] as const;
export type StaffLanguage = (typeof STAFF_LANGUAGES)[number];
export const DEFAULT_LANGUAGE = "sv";

const codes: readonly string[] = RESPONDENT_LANGUAGES.map((l) => l.code);

export function isRespondentLanguage(value: unknown): value is RespondentLanguage {
  return typeof value === "string" && codes.includes(value);
}

export function isStaffLanguage(value: unknown): value is StaffLanguage {
  return value === "sv" || value === "en";
}

export function textDirection(lang: string): "ltr" | "rtl" {
  return RESPONDENT_LANGUAGES.find((l) => l.code === lang)?.dir ?? "ltr";
}

/**
 * Picks the first supported language from an Accept-Language header, by quality.
 * "ar-SE;q=0.8" matches "ar".
 */
export function fromAcceptLanguage(header: string | null, supported: readonly string[]): string | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { base: tag.toLowerCase().split("-")[0] ?? "", q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.find((l) => supported.includes(l.base))?.base;
}

/**
 * A client language named for staff: "tigrinja (ti)" in Swedish, "Tigrinya (ti)" in English,
 * with the code they also see in the code form's list.
 */
export function languageLabel(code: string, staffLanguage: string): string {
  // only a plain language subtag is asked for: anything else (an old or hand-made value) is shown as it is
  const name = /^[a-z]{2,3}$/.test(code) ? new Intl.DisplayNames([staffLanguage], { type: "language", fallback: "none" }).of(code) : undefined;
  return name ? `${name} (${code})` : code;
}
