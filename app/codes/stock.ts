/**
 * Slips printed ahead (stock) and their activation at hand-out (docs/decisions/0020-slip-stock.md):
 * the rules that need no database, so routes, the CLI and unit tests share them.
 */
import { addMonths as addMonthsToMonth } from "~/results/period";
import type { Wave } from "~/survey/definition";
import { addDays, addMonths, DAY_PATTERN, startOfDay } from "~/utils/months";

/** An unused slip in stock stops working this many days after it was printed. */
export const STOCK_VALID_DAYS = 365;

/** Months between closure and the follow-up the team asks again at. */
export const FOLLOWUP_MONTHS = 6;

/** The day a follow-up slip is proposed to open: six months after it is handed out. */
export const proposedFollowupDay = (today: string) => addMonths(today, FOLLOWUP_MONTHS);

/** When a code handed out on `today` opens and stops working, and in which months it counts. */
export type HandOutDays = {
  validFrom: string; // YYYY-MM-DD
  expiresAt: string; // YYYY-MM-DD, the first day it no longer works
  /** the month it counts as handed out in (response rates) */
  validMonth: string;
  /** the month it opens: decides in which months it could be answered (attributesToStore) */
  opensMonth: string;
};

export type HandOutDaysResult = { ok: true; days: HandOutDays } | { ok: false; error: "followupDate" | "date" | "past" };

/**
 * The days of a code handed out on `today`. A closure code opens the same day unless a later day
 * is given; a follow-up needs its day (an empty one would open it six months early). It counts
 * in the month it is handed out, whenever it opens.
 */
export function handOutDays(wave: Wave, validFrom: string | undefined, today: string, codeValidDays: number): HandOutDaysResult {
  if (wave === "followup" && !validFrom) return { ok: false, error: "followupDate" };
  const day = validFrom ?? today;
  if (!DAY_PATTERN.test(day)) return { ok: false, error: "date" };
  try {
    startOfDay(day);
  } catch {
    return { ok: false, error: "date" };
  }
  if (day < today) return { ok: false, error: "past" };
  return {
    ok: true,
    days: { validFrom: day, expiresAt: addDays(day, codeValidDays), validMonth: today.slice(0, 7), opensMonth: day.slice(0, 7) },
  };
}

/** Handed-out counts as the start page reads them (CodeCount rows, summed). */
export type HandedOut = { wave: string; validMonth: string; issued: number };

/**
 * Follow-up slips due to be handed out in `month`: the closure codes handed out six months
 * before. A count of codes, never a list of clients: nothing joins a closure code to a person.
 */
/** The month whose closure codes are due a follow-up in `month`. */
export const followupClosureMonth = (month: string) => addMonthsToMonth(month, -FOLLOWUP_MONTHS);

export function followupsDue(counts: readonly HandedOut[], month: string): { closureMonth: string; due: number } {
  const closureMonth = followupClosureMonth(month);
  const due = counts.filter((c) => c.wave === "closure" && c.validMonth === closureMonth).reduce((n, c) => n + c.issued, 0);
  return { closureMonth, due };
}
