import type { UnitScope } from "~/units/scope";
import { WAVES } from "~/survey/definition";
import { loadSurvey } from "./aggregate.server";
import { loadReleases, releasedResponses } from "./release.server";

/**
 * Responses per version as the reports may show them (decision 0011): whole released blocks of
 * closed months only, each version what a report filtered on it over every released month of
 * each wave would count; null where such a report is withheld. The survey pages once counted live, this month
 * included: hand out a code, watch 41 become 42, and know that client answered. Months still
 * waiting for enough answers count as nothing, as in the reports. What the reports give away
 * this shares: a version's "0" becomes "–" (or a count) only when a block is released. Drafts
 * are not counted ("–").
 */
export async function releasedResponsesByVersion(slug: string, unitScope?: UnitScope): Promise<Map<number, number | null>> {
  const loaded = await loadSurvey(slug);
  const releases = await loadReleases(loaded, undefined, undefined, unitScope, []);
  const counts = new Map<number, number | null>();
  for (const { def } of loaded.definitions) {
    let total: number | null = 0;
    for (const wave of WAVES) {
      const blocks = releases.byWave[wave].blocks;
      if (!blocks.some((b) => b.n > 0)) continue;
      const period = { from: blocks[0]!.from, to: blocks.at(-1)!.to };
      // the report's own release check and block counts, without reading the report (seconds at 1M)
      const n = releasedResponses({ survey: slug, period, wave, versions: [def.version], groups: {}, unitScope }, releases);
      if (n === null) {
        total = null;
        break;
      }
      total += n;
    }
    counts.set(def.version, total);
  }
  return counts;
}

/** Surveys with each version's released responses (null: none to show on their own, "–"). */
export async function withReleasedResponses<S extends { slug: string; versions: { version: number }[] }>(
  surveys: S[],
  unitScope?: UnitScope,
): Promise<(Omit<S, "versions"> & { versions: (S["versions"][number] & { responses: number | null })[] })[]> {
  return Promise.all(
    surveys.map(async (s) => {
      const counts = await releasedResponsesByVersion(s.slug, unitScope);
      return { ...s, versions: s.versions.map((v) => ({ ...v, responses: counts.get(v.version) ?? null })) };
    }),
  );
}
