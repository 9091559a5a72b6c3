/**
 * Unit parts: per unit and wave, the months of its own released blocks that a released report
 * reads (release.server.ts). A pooled report of many units can instead read the level summed
 * over every unit and take away the months its parts leave out: for most periods a few months at
 * the edges of the small units' blocks (decision 0033). Plain TypeScript: the SQL lives in
 * queries.sql.server.ts.
 */
import { addMonths, monthCount, type Month } from "./period";

export type UnitPart = { unitId: string; wave: string; from: Month; to: Month };

/** Each unit and wave's parts clipped to `from`–`to`, merged and in order. */
function coveredRanges(parts: readonly UnitPart[], from: Month, to: Month): Map<string, { from: Month; to: Month }[]> {
  const byUnitWave = new Map<string, { from: Month; to: Month }[]>();
  for (const p of parts) {
    const a = p.from > from ? p.from : from;
    const b = p.to < to ? p.to : to;
    if (a > b) continue;
    const key = `${p.unitId}|${p.wave}`;
    const list = byUnitWave.get(key);
    if (list) list.push({ from: a, to: b });
    else byUnitWave.set(key, [{ from: a, to: b }]);
  }
  for (const [key, list] of byUnitWave) {
    list.sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
    const merged: { from: Month; to: Month }[] = [];
    for (const r of list) {
      const last = merged.at(-1);
      if (last && r.from <= addMonths(last.to, 1)) last.to = r.to > last.to ? r.to : last.to;
      else merged.push({ ...r });
    }
    byUnitWave.set(key, merged);
  }
  return byUnitWave;
}

/** Unit-months the parts read within `from`–`to` (each once, however the parts overlap). */
export function partMonths(parts: readonly UnitPart[], from: Month, to: Month): number {
  let n = 0;
  for (const ranges of coveredRanges(parts, from, to).values()) for (const r of ranges) n += monthCount(r);
  return n;
}

/**
 * The months of `from`–`to` that the parts leave out, for every unit in `units` and every wave
 * in `waves`: a unit without parts in a wave is left out over the whole range. What a sum over
 * all units minus these parts holds is exactly what the parts hold.
 */
export function partsLeftOut(parts: readonly UnitPart[], units: readonly string[], waves: readonly string[], from: Month, to: Month): UnitPart[] {
  if (from > to) return [];
  const covered = coveredRanges(parts, from, to);
  const out: UnitPart[] = [];
  for (const wave of waves)
    for (const unitId of units) {
      let next = from;
      for (const r of covered.get(`${unitId}|${wave}`) ?? []) {
        if (r.from > next) out.push({ unitId, wave, from: next, to: addMonths(r.from, -1) });
        next = addMonths(r.to, 1);
      }
      if (next <= to) out.push({ unitId, wave, from: next, to });
    }
  return out;
}
