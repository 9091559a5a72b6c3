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

/**
 * "version 3 (1 271 svar), version 4 (döljs, se nedan)": each compared version with its answers, or
 * why they are not shown: withheld by the release rule (the page says why) or fewer than k.
 */
export function comparedVersions(
  c: { answered: readonly number[]; responses: readonly { column: string; n: number | null }[]; withheld: readonly { column: string }[] },
  k: number,
  t: TFunction,
): string {
  return c.answered
    .map((v) => {
      const n = c.responses.find((r) => r.column === String(v))?.n ?? null;
      if (n !== null) return t("comparedVersion", { version: v, count: n });
      if (c.withheld.some((w) => w.column === String(v))) return t("comparedVersionWithheld", { version: v });
      return t("comparedVersionHidden", { version: v, count: k });
    })
    .join(", ");
}
