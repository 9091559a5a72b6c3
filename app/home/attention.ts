/**
 * What the start page says needs attention, from counts only: the plain rules, so they are
 * tested without a database (docs/decisions/0020-slip-stock.md).
 */
import type { LanguageReadiness } from "~/survey/readiness";

export type AwaitingReview = { lang: string; reason: "draft" | "stale" };

/**
 * Languages a translator should look at: texts reworded in Swedish since they were translated
 * (stale), or a complete translation nobody qualified has reviewed yet (draft, offered to
 * clients only after confirmation). A language with missing texts is not offered and waits for
 * a translation, not a review.
 */
export function awaitingReview(readiness: readonly LanguageReadiness[]): AwaitingReview[] {
  return readiness.flatMap((r): AwaitingReview[] => {
    if (r.stale.length > 0) return [{ lang: r.lang, reason: "stale" }];
    if (r.offered && !r.reviewed) return [{ lang: r.lang, reason: "draft" }];
    return [];
  });
}

/** Languages of a stack running low: fewer slips left than this is shown as "low". */
export const LOW_STOCK = 3;
