import { answerableUntil } from "./attributes";

/**
 * Whether the team may see how many of a month's codes were answered. Staff know which client got
 * which code, and the code lookup never tells the slip holder whether its client answered
 * (lookup.server.ts). A live count would: hand out one code, watch "answered" go from 0 to 1. So
 * a hand-out month's answered and expired counts show only once no code of it can be answered
 * any more, and when at least k codes were handed out, as every other count about clients.
 *
 * "Can no longer be answered" is a date, from the latest month the codes open in and
 * CODE_VALID_DAYS, never from whether codes are left: the moment the last open code is answered
 * would then show, as the counts appearing, that this client answered. Lowering CODE_VALID_DAYS
 * shows months whose codes were given the longer validity earlier than they end.
 */
export type HandOutCounts = { issued: number; answered: number; expired: number; /** the latest month its codes open in */ lastOpensMonth: string };

export type SettledCounts = { answered: number; expired: number };

/** Whether every code opening in `lastOpensMonth` (or before) has reached its end by `today` (YYYY-MM-DD, Swedish). */
export const settled = (lastOpensMonth: string, today: string, codeValidDays: number) => today >= answerableUntil(lastOpensMonth, codeValidDays);

export function settledCounts(row: HandOutCounts, k: number, today: string, codeValidDays: number): SettledCounts | null {
  if (!settled(row.lastOpensMonth, today, codeValidDays) || row.issued < k) return null;
  return { answered: row.answered, expired: row.expired };
}
