/**
 * Downloads of the result tables (CSV, XLSX) for a logged-in user: the same selection, the same
 * tables and the same disclosure control as the pages.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { unitsOfRequest, visibilityOf } from "~/units/units.server";
import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { reachTables, reviewTables, toCsv, toXlsx, type Table } from "~/results/export.server";
import { downloadUnit } from "~/units/download.server";
import { loadReach, loadReview, parseReviewParams } from "~/results/review.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const units = await unitsOfRequest(await requireUser(request), request);
  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const view = url.searchParams.get("view") === "reach" ? "reach" : "review";
  const lang = staffLanguage(request);
  const t = serverT(lang, "results");
  const params = parseReviewParams(url);
  const { of, fileNamePart: unitPart } = downloadUnit(units, lang);
  let tables: Table[];
  let name: string;
  if (view === "reach") {
    const data = await loadReach(params, units.scope, visibilityOf(units));
    if (!data) throw new Response("No survey", { status: 404 });
    tables = reachTables(data, t, lang, of);
    name = `${data.survey.slug}${unitPart}-reach-${data.period.from}-${data.period.to}`;
  } else {
    const data = await loadReview(params, units.scope, visibilityOf(units));
    if (!data) throw new Response("No survey", { status: 404 });
    tables = reviewTables(data, t, lang, of);
    name = `${data.survey.slug}${unitPart}-${data.period.from}-${data.period.to}`;
  }
  if (format === "csv") {
    return new Response(toCsv(tables, lang), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}.csv"`,
      },
    });
  }
  const body = await toXlsx(tables);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}.xlsx"`,
    },
  });
}
