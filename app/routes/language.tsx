import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { safeRedirect } from "~/auth/session.server";
import { LANGUAGE_COOKIE } from "~/i18n/i18n.server";
import { STAFF_LANGUAGES } from "~/i18n/languages";

export const LanguageSchema = z.object({ lang: z.enum(STAFF_LANGUAGES), redirectTo: z.string().optional() });

/** Staff choose Swedish or English; the choice is kept in a cookie on their own browser. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: { "Set-Cookie": `${LANGUAGE_COOKIE}=${parsed.data.lang}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly` },
  });
}

export async function loader() {
  return redirect("/admin");
}
