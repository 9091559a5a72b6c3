/**
 * The organisation manager's unit comparison (decision 0023): each unit's own released report
 * side by side, and the pooled organisation. A unit's column covers its own whole released blocks
 * inside the chosen period (named per column), so it is a report the unit itself may see; a unit
 * with fewer than k answers so far shows nothing. The pooled column sums only such blocks.
 */
import { loadSurvey, type ReportQuery } from "~/results/aggregate.server";
import { isWithheld, loadReleases, runReleasedReport, unitReleases } from "~/results/release.server";
import { releasedSpanInside } from "~/results/releases";
import type { Period } from "~/results/period";
import type { Report } from "~/results/report";
import type { LocalizedText, Wave } from "~/survey/definition";
import type { UnitInfo } from "./scope";

export type UnitColumn = {
  unit: { slug: string; name: string } | null;
  /** the months this column covers; null when nothing of the period is released */
  period: Period | null;
  report: Report | null;
  withheld: string | null;
};

export async function compareUnits(
  q: { survey: string; period: Period; wave: Wave },
  units: readonly UnitInfo[],
): Promise<{ columns: UnitColumn[]; indicators: { key: string; label: LocalizedText }[] }> {
  const loaded = await loadSurvey(q.survey);
  const base: Omit<ReportQuery, "period" | "unitScope"> = { survey: q.survey, wave: q.wave };
  const columns: UnitColumn[] = [];
  const unitScope = { unitIds: units.map((u) => u.id) };
  // read once for every unit: each column's releases are cut from the pooled scope's
  const pooledReleases = await loadReleases(loaded, undefined, undefined, unitScope, []);
  for (const unit of units) {
    const releases = unitReleases(pooledReleases, unit.id);
    const period = releasedSpanInside(q.period, releases.byWave[q.wave]);
    const name = { slug: unit.slug, name: unit.name };
    if (!period) {
      columns.push({ unit: name, period: null, report: null, withheld: "nothing released in the period" });
      continue;
    }
    const r = await runReleasedReport({ ...base, period, unitScope: releases.scope }, loaded, releases);
    columns.push(isWithheld(r) ? { unit: name, period, report: null, withheld: r.reason } : { unit: name, period, report: r.report, withheld: null });
  }
  const pooled = await runReleasedReport({ ...base, period: q.period, unitScope }, loaded, pooledReleases);
  columns.push(isWithheld(pooled) ? { unit: null, period: q.period, report: null, withheld: pooled.reason } : { unit: null, period: q.period, report: pooled.report, withheld: null });
  return { columns, indicators: loaded.info.indicators.map((i) => ({ key: i.key, label: i.short ?? i.label })) };
}
