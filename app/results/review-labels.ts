/**
 * Texts the review and reach pages and their downloads share, so a page and its file never
 * name a group or a hidden cell differently.
 */
import type { TFunction } from "i18next";
import type { SuppressionReason } from "./disclosure";
import { formatCount, formatPercent, percentOf } from "./format";

// i18n-namespace: results
/** Why a cell is empty: a group under the minimum, or hidden so it cannot be subtracted out. */
export function hiddenLabel(reason: SuppressionReason | null | undefined, minGroupSize: number, t: TFunction): string {
  return reason === "complementary" ? t("review.hiddenComplementary") : t("review.hiddenTooFew", { count: minGroupSize });
}

/** Why a reach row is empty: its groups are cut by codes handed out, not by answers. */
export function reachHiddenLabel(reason: SuppressionReason | null | undefined, minGroupSize: number, t: TFunction): string {
  return reason === "complementary" ? t("review.hiddenComplementary") : t("reach.hiddenTooFew", { count: minGroupSize });
}

/** A reach table's row: a wave, client group or referral path by name; months and languages as given. */
export function reachLabel(
  by: string,
  key: string,
  t: TFunction,
  month: (m: string) => string = (m) => m,
  language: (code: string) => string = (code) => code,
): string {
  if (key === "") return t("reach.unknown");
  if (by === "validMonth") return month(key);
  if (by === "lang") return language(key);
  if (by === "wave") return t(`waves.${key}`, { defaultValue: key });
  if (by === "clientGroup") return t(`groups.${key}`, { defaultValue: key });
  if (by === "referral") return t(`referrals.${key}`, { defaultValue: key });
  return key;
}

/**
 * How many answered a question, as the review and its files say it: "1 271 av 2 000 (63,6 %)";
 * the count alone where how many were asked is withheld (no share either); "–" for a hidden table.
 */
export function answeredOfLabel(
  table: { suppressed: boolean; answered: number | null; respondents: number | null } | null | undefined,
  lang: string,
  t: TFunction,
): string {
  if (!table || table.suppressed) return "–";
  if (table.respondents === null) return formatCount(table.answered, lang);
  const counts = t("review.answeredOfValue", { answered: formatCount(table.answered, lang), respondents: formatCount(table.respondents, lang) });
  return `${counts} (${formatPercent(percentOf(table.answered ?? 0, table.respondents), lang)})`;
}
