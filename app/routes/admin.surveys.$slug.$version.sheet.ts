import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { surveyVisibility } from "~/units/units.server";
import { versionFromParams } from "~/survey/http.server";
import { sheetName, writeTranslationSheet } from "~/survey/translation-sheet.server";

const QuerySchema = z.object({ as: z.string().regex(/^[a-z]{2,3}$/) });

/** A translator's XLSX sheet of one version in one language (?as=ti). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "manager");
  const v = await versionFromParams(params, await surveyVisibility(user));
  const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success || query.data.as === v.survey.defaultLanguage) throw new Response("Bad request", { status: 400 });
  return new Response(new Uint8Array(await writeTranslationSheet(v, query.data.as)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${sheetName(v, query.data.as)}"`,
    },
  });
}
