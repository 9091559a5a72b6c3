import { serverT } from "~/i18n/i18n.server";
import type { DownloadOf } from "~/results/export.server";
import { unitDisplayName } from "./scope";
import type { RequestUnits } from "./units.server";

/**
 * Whose figures a download holds, where the installation has several units (whoever downloads):
 * the unit's name (or the pooled organisation) for the first table, and `-north` / `-pooled` for
 * the file name. A single-team install keeps its file names and tables as they were.
 */
export function downloadUnit(units: Pick<RequestUnits, "unit" | "installUnits">, lang: string): { of: DownloadOf; fileNamePart: string } {
  if (units.installUnits < 2) return { of: {}, fileNamePart: "" };
  const common = serverT(lang, "common");
  const name = units.unit ? unitDisplayName(units.unit, common("units.ours")) : common("units.pooled");
  return { of: { unit: { label: common("units.label"), name } }, fileNamePart: `-${units.unit?.slug ?? "pooled"}` };
}
