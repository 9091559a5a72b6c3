/**
 * Texts the review and reach pages and their downloads share, so a page and its file never
 * name a group or a hidden cell differently.
 */
import type { TFunction } from "i18next";
import type { SuppressionReason } from "./disclosure";

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
