import { followupClosureMonth, followupsDue } from "~/codes/stock";
import { stockCounts } from "~/codes/stock.server";
import { RESPONDENT_LANGUAGES } from "~/i18n/languages";
import { loadSurvey } from "~/results/aggregate.server";
import { isWithheld, loadReleases, runReleasedReport } from "~/results/release.server";
import { latestBlock } from "~/results/releases";
import { WAVES } from "~/survey/definition";
import { languageReadiness } from "~/survey/readiness";
import { listSurveyTitles, newestPublishedVersion, type SurveyVisibility } from "~/survey/store.server";
import { prisma } from "~/utils/db.server";
import { monthOf } from "~/utils/months";
import { awaitingReview } from "./attention";
import type { UnitScope } from "~/units/scope";

/**
 * The indicators of the latest released block of each wave, as the monthly review shows them:
 * through the release gate, so the start page never shows what the review would withhold.
 */
async function indicatorStatus(slug: string, now: Date, unitScope?: UnitScope) {
  const loaded = await loadSurvey(slug);
  const releases = await loadReleases(loaded, undefined, now, unitScope, []);
  const questionKeys = loaded.info.indicators.map((i) => i.question);
  const out = [];
  for (const wave of WAVES) {
    const block = latestBlock(releases.byWave[wave]);
    if (!block) continue;
    const released = await runReleasedReport({ survey: slug, period: { from: block.from, to: block.to }, wave, questionKeys, unitScope }, loaded, releases);
    if (isWithheld(released)) continue;
    for (const ind of released.report.indicators) {
      const def = loaded.info.indicators.find((i) => i.key === ind.key);
      out.push({
        wave,
        period: { from: block.from, to: block.to },
        key: ind.key,
        label: def?.short ?? def?.label ?? {},
        value: ind.value,
        n: ind.n,
        target: ind.target,
        status: ind.status,
      });
    }
  }
  return out;
}

/** Languages of the newest published version waiting for a translator's review. */
async function translationsAwaiting(slug: string) {
  const v = await newestPublishedVersion(slug);
  if (!v) return [];
  const readiness = RESPONDENT_LANGUAGES.filter((l) => l.code !== v.survey.defaultLanguage).map((l) =>
    languageReadiness(v.survey, v.version, l.code, v.reviews[l.code]),
  );
  return awaitingReview(readiness).map((a) => ({ ...a, version: v.version.version }));
}

/** Everything the start page lists as needing attention, for the first survey. */
export async function attention(now = new Date(), unit?: { scope: UnitScope; unitId: string; visible: SurveyVisibility }) {
  const month = monthOf(now);
  // only the month followupsDue looks at: every month of an organisation's codes took a second at 1M
  const handedOut = await prisma.codeCount.groupBy({
    by: ["wave", "validMonth"],
    where: { wave: "closure", validMonth: followupClosureMonth(month), ...(unit ? { unitId: { in: [...unit.scope.unitIds] } } : {}) },
    _sum: { issued: true },
  });
  const due = followupsDue(
    handedOut.map((c) => ({ wave: c.wave, validMonth: c.validMonth, issued: c._sum.issued ?? 0 })),
    month,
  );
  const slug = (await listSurveyTitles(unit?.visible))[0]?.slug;
  return {
    month,
    followups: due,
    stock: await stockCounts(now, unit?.unitId),
    indicators: slug ? await indicatorStatus(slug, now, unit?.scope) : [],
    translations: slug ? await translationsAwaiting(slug) : [],
  };
}
