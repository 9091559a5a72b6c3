/**
 * Downloads of the version comparison (CSV, XLSX) for a manager: the same selection, tables,
 * hidden cells and verdicts as /admin/compare.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { unitsOfRequest, visibilityOf } from "~/units/units.server";
import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { compareTables } from "~/results/compare-export.server";
import { loadCompare, parseCompareParams } from "~/results/compare.server";
import { toCsv, toXlsx } from "~/results/export.server";
import { downloadUnit } from "~/units/download.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const units = await unitsOfRequest(await requireUser(request, "manager"), request);
  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const lang = staffLanguage(request);
  const t = serverT(lang, "compare");
  const data = await loadCompare(parseCompareParams(url), units.scope, visibilityOf(units));
  if (!data) throw new Response("No survey", { status: 404 });
  const { of, fileNamePart } = downloadUnit(units, lang);
  const tables = compareTables(data, t, lang, of);
  const c = data.comparison;
  const name = c ? `${c.survey}${fileNamePart}-compare-v${c.versions.join("-")}-${c.from}-${c.to}` : `${data.survey.slug}${fileNamePart}-compare`;
  if (format === "csv")
    return new Response(toCsv(tables, lang), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}.csv"` },
    });
  const body = await toXlsx(tables);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}.xlsx"`,
    },
  });
}
