import { databaseProvider } from "~/utils/database-url";
import { prisma } from "~/utils/db.server";
import { monthOf } from "~/utils/months";
import { lastDerivableMonth } from "~/results/levels";
import { buildDimensionLevels } from "~/results/queries.sql.server";
import { buildReleaseSummaries } from "~/results/release-summaries-build.server";
import { rewritePostgresqlStorage } from "./storage.sql.server";

export type RetentionResult = { deletedExpired: number };

/**
 * Deletes code rows past their expiry (used ones are gone already: a submit deletes its code).
 * Only the monthly counts stay (CodeCount: issued, answered, expired), so response rates do not
 * change. Responses are kept. On PostgreSQL the tables are then rewritten, so neither used nor
 * expired codes linger as dead tuples and responses leave arrival order (storage.sql.server.ts).
 */
export async function runRetention(now = new Date()): Promise<RetentionResult> {
  const result = await deleteExpiredCodes(now);
  if (databaseProvider() === "postgresql") await rewritePostgresqlStorage();
  return result;
}

async function deleteExpiredCodes(now: Date): Promise<RetentionResult> {
  return prisma.$transaction(async (tx) => {
    // slips left in stock were never handed out: they go without a count
    const expired = await tx.surveyCode.groupBy({
      by: ["unitId", "surveyVersionId", "wave", "validMonth", "validFrom", "clientGroup", "referral", "lang"],
      where: { stock: false, expiresAt: { lte: now } },
      _count: { _all: true },
    });
    for (const group of expired) {
      await tx.codeCount.update({
        where: {
          surveyVersionId_wave_validMonth_clientGroup_referral_lang_opensMonth_unitId: {
            unitId: group.unitId,
            surveyVersionId: group.surveyVersionId,
            wave: group.wave,
            validMonth: group.validMonth,
            clientGroup: group.clientGroup ?? "",
            referral: group.referral ?? "",
            lang: group.lang,
            opensMonth: monthOf(group.validFrom),
          },
        },
        data: { expired: { increment: group._count._all } },
      });
    }
    const deletedExpired = await tx.surveyCode.deleteMany({ where: { expiresAt: { lte: now } } });
    return { deletedExpired: deletedExpired.count };
  });
}

const DAY_MS = 86_400_000;

/**
 * Runs retention at start and then daily in the serving process, and derives the reports'
 * levels for months closed since, at start and hourly (decision 0028): the submit path pays nothing.
 */
export async function scheduleRetention(log: (line: string) => void): Promise<() => void> {
  const job = <T extends object>(name: string, work: () => Promise<T>) =>
    work().then(
      (r) => log(JSON.stringify({ job: name, ...r })),
      (e: unknown) => console.error(`${name} failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  const levels = () =>
    job("report levels", async () => {
      const through = lastDerivableMonth(new Date());
      const rows = await buildDimensionLevels(through);
      // after the levels: the summaries read them
      return { rows, summaries: await buildReleaseSummaries(through) };
    });
  const run = async () => {
    await job("retention", () => runRetention());
    await levels();
  };
  // the first run is done before the server serves a request: nothing races it for the database
  await run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  // hourly as well: a month just closed gets its levels within the hour (two MAX reads otherwise)
  const hourly = setInterval(levels, DAY_MS / 24);
  hourly.unref();
  return () => {
    clearInterval(timer);
    clearInterval(hourly);
  };
}
