import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { surveyVisibility } from "~/units/units.server";
import { exportSurvey } from "~/survey/store.server";

const QuerySchema = z.object({ version: z.coerce.number().int().min(1).optional() });

/** The definition file (all versions, or ?version=N) as a download, in the import format. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "manager");
  const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new Response("Bad request", { status: 400 });
  const { version } = query.data;
  const def = await exportSurvey(params.slug ?? "", version, await surveyVisibility(user));
  if (!def) throw new Response("Not found", { status: 404 });
  const name = version === undefined ? `${def.slug}.json` : `${def.slug}-v${version}.json`;
  return new Response(JSON.stringify(def, null, 2) + "\n", {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
    },
  });
}
