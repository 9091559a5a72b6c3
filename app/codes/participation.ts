/**
 * Whether the team may see how many of a month's codes were answered. Staff know which client got
 * which code, and the code lookup never tells the slip holder whether its client answered
 * (lookup.server.ts). A live count would: hand out one code, watch "answered" go from 0 to 1. So
 * a hand-out month's answered and expired counts show only once they can no longer change (none
 * of its codes can still be answered) and when at least k codes were handed out, as every other
 * count about clients.
 */
export type HandOutCounts = { issued: number; answered: number; expired: number; /** codes still answerable */ open: number };

export type SettledCounts = { answered: number; expired: number };

export function settledCounts(row: HandOutCounts, k: number): SettledCounts | null {
  if (row.open > 0 || row.issued < k) return null;
  return { answered: row.answered, expired: row.expired };
}
