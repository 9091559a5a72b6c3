import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { requestUnits } from "~/units/units.server";
import { PaperSheet } from "~/components/paper-sheet";
import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { printableSheet } from "~/paper/paper.server";
import { PAPER_CODE_FIELD } from "~/paper/sheet";
import { CodeInput } from "~/components/code-fields";

// the sheet goes home with a client (and a print header may show the title): keep it neutral,
// not the staff layout's page title (tests/e2e/paper.spec.ts)
export const meta: MetaFunction = () => [{ title: "Brukarröst" }];

/** The code is posted, never put in a URL: it stays out of history, logs and referrers. */
export const PrintPaperSchema = z.object({ [PAPER_CODE_FIELD]: z.string().min(1).max(64) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  // the units whose codes this account may print: its own, or its organisation's (decision 0023)
  const units = (await requestUnits(await requireUser(request, "staff"), null)).choices.map((u) => u.id);
  const t = serverT(staffLanguage(request), "codes");
  const parsed = PrintPaperSchema.safeParse(Object.fromEntries(await request.formData()));
  const sheet = parsed.success ? await printableSheet(parsed.data[PAPER_CODE_FIELD], units) : null;
  return sheet ? { sheet } : { refused: t("paper.printRefused") };
}

export default function PrintPaper() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation("codes");
  const sheet = result && "sheet" in result ? result.sheet : null;
  return (
    <>
      <div className="no-print">
        <h1>{t("paper.printTitle")}</h1>
        {sheet ? (
          <p className="actions">
            <button type="button" onClick={() => window.print()}>
              {t("paper.print")}
            </button>
            <span className="hint">{t("paper.printHint")}</span>
          </p>
        ) : (
          <>
            <p>{t("paper.printIntro")}</p>
            {result && "refused" in result ? (
              <p className="form-error" role="alert">
                {result.refused}
              </p>
            ) : null}
            {/* a whole page load: the sheet's running header is a nonce'd style only the server can write */}
            <Form method="post" reloadDocument className="stack">
              <label htmlFor="print-code">{t("paper.code")}</label>
              <CodeInput id="print-code" name={PAPER_CODE_FIELD} />
              <button type="submit">{t("paper.show")}</button>
            </Form>
          </>
        )}
        <p>
          <Link to="/admin/paper">{t("paper.entryTitle")}</Link>
        </p>
      </div>
      {sheet ? <PaperSheet sheet={sheet} /> : null}
    </>
  );
}
