import { env } from "~/env.server";
import { minGroupSize } from "~/results/aggregate.server";
import { prisma } from "~/utils/db.server";
import { dayOf } from "~/utils/months";
import { settledCounts, type SettledCounts } from "./participation";

export type CodeCountRow = { wave: string; month: string; issued: number; answered: number; expired: number; lastOpensMonth: string };

/**
 * Issued / answered / expired codes per wave and month the codes opened — counts only, never
 * which code. Expired = codes past their end not yet deleted, plus those retention already removed;
 * lastOpensMonth = the latest month the codes open in (a follow-up's is months on). Staff pages
 * show answered and expired only through settledCounts (participation.ts). `month`: that month's
 * codes only.
 */
export async function codeCounts(now = new Date(), unitIds?: readonly string[], month?: string): Promise<CodeCountRow[]> {
  // one month when asked (the start page): every month of an organisation's codes took a second at 1M
  const selected = { ...(unitIds ? { unitId: { in: [...unitIds] } } : {}), ...(month ? { validMonth: month } : {}) };
  const [counts, expiredLive] = await Promise.all([
    prisma.codeCount.groupBy({
      by: ["wave", "validMonth"],
      where: selected,
      _sum: { issued: true, answered: true, expired: true },
      _max: { opensMonth: true },
    }),
    prisma.surveyCode.groupBy({
      by: ["wave", "validMonth"],
      where: { stock: false, expiresAt: { lte: now }, ...selected },
      _count: { _all: true },
    }),
  ]);
  const live = new Map(expiredLive.map((e) => [`${e.wave}|${e.validMonth}`, e._count._all]));
  return counts
    .map((c) => ({
      wave: c.wave,
      month: c.validMonth,
      issued: c._sum.issued ?? 0,
      answered: c._sum.answered ?? 0,
      expired: (c._sum.expired ?? 0) + (live.get(`${c.wave}|${c.validMonth}`) ?? 0),
      // "" for codes counted before CodeCount had the column: they opened in their own month
      lastOpensMonth: c._max.opensMonth || c.validMonth,
    }))
    .sort((a, b) => b.month.localeCompare(a.month) || a.wave.localeCompare(b.wave));
}

/** The counts as staff pages show them: handed out, and answered and expired only where settled (participation.ts). */
export async function shownCodeCounts(
  now = new Date(),
  unitIds?: readonly string[],
  month?: string,
): Promise<{ wave: string; month: string; issued: number; settled: SettledCounts | null }[]> {
  const today = dayOf(now);
  return (await codeCounts(now, unitIds, month)).map((c) => ({
    wave: c.wave,
    month: c.month,
    issued: c.issued,
    settled: settledCounts(c, minGroupSize(), today, env().codeValidDays),
  }));
}
