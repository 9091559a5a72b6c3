import { prisma } from "~/utils/db.server";

export type CodeCountRow = { wave: string; month: string; issued: number; answered: number; expired: number; open: number };

/**
 * Issued / answered / expired codes per wave and month the codes opened — counts only, never
 * which code. Expired = codes past their end not yet deleted, plus those retention already removed;
 * open = codes handed out that can still be answered. Staff pages show answered and expired only
 * through settledCounts (participation.ts).
 */
export async function codeCounts(now = new Date(), unitIds?: readonly string[]): Promise<CodeCountRow[]> {
  const unit = unitIds ? { unitId: { in: [...unitIds] } } : {};
  const [counts, expiredLive, openLive] = await Promise.all([
    prisma.codeCount.groupBy({
      by: ["wave", "validMonth"],
      where: unit,
      _sum: { issued: true, answered: true, expired: true },
    }),
    prisma.surveyCode.groupBy({
      by: ["wave", "validMonth"],
      where: { stock: false, expiresAt: { lte: now }, ...unit },
      _count: { _all: true },
    }),
    prisma.surveyCode.groupBy({
      by: ["wave", "validMonth"],
      where: { stock: false, expiresAt: { gt: now }, ...unit },
      _count: { _all: true },
    }),
  ]);
  const live = new Map(expiredLive.map((e) => [`${e.wave}|${e.validMonth}`, e._count._all]));
  const open = new Map(openLive.map((e) => [`${e.wave}|${e.validMonth}`, e._count._all]));
  return counts
    .map((c) => ({
      wave: c.wave,
      month: c.validMonth,
      issued: c._sum.issued ?? 0,
      answered: c._sum.answered ?? 0,
      expired: (c._sum.expired ?? 0) + (live.get(`${c.wave}|${c.validMonth}`) ?? 0),
      open: open.get(`${c.wave}|${c.validMonth}`) ?? 0,
    }))
    .sort((a, b) => b.month.localeCompare(a.month) || a.wave.localeCompare(b.wave));
}
