import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { surveyVisibility } from "~/units/units.server";
import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { simplePage, showQuestions, versionInfo, withRecordings } from "~/respondent/page.server";
import { Questionnaire, QuestionnaireIntro } from "~/respondent/questionnaire";
import { RespondentShell } from "~/respondent/shell";
import { WAVES } from "~/survey/definition";
import { versionFromParams } from "~/survey/http.server";
import { useNonce } from "~/utils/nonce";
import type { RouteHandle } from "~/root";

// the client's page, rendered as the client gets it: no staff script, no hydration
export const handle: RouteHandle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.banner} – ${data.pageTitle}` : "Enkät" },
  { name: "robots", content: "noindex" },
];

// `as`, not `lang`: ?lang chooses the staff member's own language (the banner's)
export const PreviewQuerySchema = z.object({
  as: z.string().regex(/^[a-z]{2,3}$/).optional(),
  wave: z.enum(WAVES).default("closure"),
});

/**
 * A manager sees any version, draft or published, exactly as a client would: the respondent
 * components, in one language the version offers, at phone width. No code exists, nothing can be
 * submitted and nothing is counted.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "manager");
  const stored = await versionFromParams(params, await surveyVisibility(user));
  const query = PreviewQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const { as, wave } = query.success ? query.data : { as: undefined, wave: "closure" as const };
  const info = versionInfo(stored);
  const shown = await withRecordings(showQuestions(info, wave, as ?? info.defaultLanguage), info);
  const staffLang = staffLanguage(request);
  const t = serverT(staffLang, "surveys");
  return {
    staffLang,
    ...simplePage(shown.lang),
    ...shown,
    wave,
    banner: t("preview.banner", { version: stored.version.version }),
    notOffered: as && as !== shown.lang ? t("preview.notOffered", { lang: as, shown: shown.lang }) : null,
  };
}

// phone width, whatever the manager's screen
const FRAME = ".preview-note{background:#fff4ce;border:2px solid #8a6d00;padding:.5rem 1rem;margin:0}.preview-frame{max-width:360px;margin:0 auto;border-inline:1px dashed #9aa3ad}";

export default function Preview() {
  const page = useLoaderData<typeof loader>();
  const nonce = useNonce();
  const search = (lang: string) => `?as=${lang}&wave=${page.wave}`;
  return (
    <div className="preview-frame" data-preview>
      <style nonce={nonce} dangerouslySetInnerHTML={{ __html: FRAME }} />
      <p className="preview-note" role="note" lang={page.staffLang}>
        <strong>{page.banner}</strong>
        {page.notOffered ? ` ${page.notOffered}` : null}
      </p>
      <RespondentShell lang={page.lang} languageHref={search} offered={page.offered}>
        <QuestionnaireIntro />
        <Questionnaire lang={page.lang} offered={page.offered} questions={page.questions} values={{}} errors={[]} preview />
      </RespondentShell>
    </div>
  );
}
