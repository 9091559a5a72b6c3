/**
 * The comparison's column names and verdicts in words, shared by /admin/compare and its
 * downloads so the page and the file never say it differently.
 */
import type { TFunction } from "i18next";
import type { Verdict } from "./compare";

// i18n-namespace: compare
function whereLabel(column: string, t: TFunction): string {
  return column === "closure" || column === "followup" ? t(`where.${column}`) : t("where.version", { version: column });
}

export function columnLabel(column: string, t: TFunction): string {
  if (column === "closure" || column === "followup") return t(`waves.${column}`);
  if (column === "pooled") return t("pooled.column");
  return t("columnVersion", { version: column });
}

/** The verdict in the UI language; never a p-value. */
export function verdictLabel(v: Verdict | null, columns: number, t: TFunction): string {
  if (!v) return "";
  if (v.kind === "too_few") return t("verdict.tooFew");
  if (v.kind === "no_clear_difference") return t("verdict.none");
  return v.pairs
    .map((p) =>
      columns === 2
        ? t("verdict.higher", { where: whereLabel(p.higher, t) })
        : t("verdict.higherThan", { where: whereLabel(p.higher, t), than: whereLabel(p.lower, t) }),
    )
    .join("; ");
}
