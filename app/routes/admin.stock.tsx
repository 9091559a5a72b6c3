import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CodeInput, LanguageOptions, DraftLanguageNotice } from "~/components/code-fields";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { issuingUnitOf, issuingUnitsOf } from "~/units/units.server";
import { UnitChooser, UnitInput } from "~/components/unit-field";
import { MAX_CODES_PER_BATCH } from "~/codes/attributes";
import { DraftLanguageError, IssueError } from "~/codes/issue.server";
import { issuableSurveys } from "~/codes/languages.server";
import { batchCsv, slipsFor } from "~/codes/slips.server";
import { printStock, stockCounts, StockRefusedError, voidStockCode } from "~/codes/stock.server";
import { STOCK_VALID_DAYS } from "~/codes/stock";
import { QrScanButton } from "~/components/qr-scan";
import { SlipBatch } from "~/components/slip-batch";
import { env } from "~/env.server";
import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { RESPONDENT_LANGUAGES } from "~/i18n/languages";
import { dayOf } from "~/utils/months";

export const PrintStockSchema = z.object({
  intent: z.literal("print"),
  survey: z.string().min(1),
  lang: z.enum(RESPONDENT_LANGUAGES.map((l) => l.code) as [string, ...string[]]),
  count: z.number({ invalid_type_error: "count" }).int("count").min(1, "count").max(MAX_CODES_PER_BATCH, "count"),
  confirmDraftLanguage: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
});

export const VoidStockSchema = z.object({ intent: z.literal("void"), code: z.string().min(1).max(64) });

export async function loader({ request }: LoaderFunctionArgs) {
  const { unit, units } = await issuingUnitsOf(await requireUser(request, "staff"), request);
  return { unit: unit.slug, units, surveys: await issuableSurveys(unit.id), stock: await stockCounts(new Date(), unit.id), today: dayOf(new Date()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "staff");
  const t = serverT(staffLanguage(request), "codes");
  const form = await request.formData();
  const unit = await issuingUnitOf(user, request, form);
  if (form.get("intent") === "void") {
    const parsed = VoidStockSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return { kind: "void" as const, ok: false, message: t("stock.voidRefused") };
    try {
      await voidStockCode(parsed.data.code, unit.id);
      return { kind: "void" as const, ok: true, message: t("stock.voided") };
    } catch (e) {
      if (e instanceof StockRefusedError) return { kind: "void" as const, ok: false, message: t("stock.voidRefused") };
      throw e;
    }
  }
  const submission = parseWithZod(form, { schema: PrintStockSchema });
  if (submission.status !== "success")
    return { kind: "print" as const, ok: false, message: t("validation.count", { max: MAX_CODES_PER_BATCH }) };
  try {
    const codes = await printStock({ ...submission.value, unitId: unit.id });
    const slips = await slipsFor(codes, `${env().publicUrl}/s`, dayOf(new Date()));
    return { kind: "print" as const, ok: true, slips, csv: batchCsv(codes, staffLanguage(request)) };
  } catch (e) {
    if (e instanceof DraftLanguageError) return { kind: "print" as const, ok: false, message: t("issue.draftRefused") };
    if (e instanceof IssueError) return { kind: "print" as const, ok: false, message: e.message };
    throw e;
  }
}

/** Drawn anew for each unit: its surveys and stock are that unit's. */
export default function Stock() {
  return <StockPage key={useLoaderData<typeof loader>().unit} />;
}

function StockPage() {
  const { unit, units, surveys, stock, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("codes");
  const [surveySlug, setSurveySlug] = useState(surveys[0]?.slug);
  const [langCode, setLangCode] = useState("sv");
  const languages = surveys.find((s) => s.slug === surveySlug)?.languages ?? [];
  const draftLanguage = languages.find((l) => l.code === langCode && !l.reviewed);
  const languageName = (code: string) => RESPONDENT_LANGUAGES.find((l) => l.code === code)?.name ?? code;
  const batch = result && "slips" in result && result.slips && result.csv ? { slips: result.slips, csv: result.csv } : null;
  return (
    <>
      <h1 className="no-print">{t("stock.title")}</h1>
      {batch ? <SlipBatch slips={batch.slips} csv={batch.csv} fileName={`lager-${today}.csv`} /> : null}
      {batch ? (
        <p className="notice no-print" role="status">
          {t("stock.printed", { days: STOCK_VALID_DAYS })} <Link to="/admin/activate">{t("links.activate")}</Link>
        </p>
      ) : null}

      <section className="no-print" aria-labelledby="stock-counts">
        <h2 id="stock-counts">{t("stock.countsTitle")}</h2>
        {stock.length === 0 ? (
          <p>{t("stock.empty")}</p>
        ) : (
          <table className="stock-counts">
            <thead>
              <tr>
                <th scope="col">{t("issue.lang")}</th>
                <th scope="col" className="num">
                  {t("stock.count")}
                </th>
              </tr>
            </thead>
            <tbody>
              {stock.map((s) => (
                <tr key={`${s.survey}-${s.lang}`}>
                  <th scope="row" lang={s.lang}>
                    {languageName(s.lang)}
                    {surveys.length > 1 ? ` (${s.survey})` : null}
                  </th>
                  <td className="num">{s.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="no-print" aria-labelledby="print-stock">
        <h2 id="print-stock">{t("stock.printTitle")}</h2>
        <p>{t("stock.intro")}</p>
        {result?.kind === "print" && !result.ok ? (
          <p className="form-error" role="alert">
            {result.message}
          </p>
        ) : null}
        <UnitChooser units={units} value={unit} id="stock-unit" />
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="print" />
          <UnitInput units={units} value={unit} />
          <label htmlFor="stock-survey">{t("issue.survey")}</label>
          <select id="stock-survey" name="survey" value={surveySlug} onChange={(e) => setSurveySlug(e.target.value)}>
            {surveys.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.title[i18n.language] ?? s.title[s.defaultLanguage]}
              </option>
            ))}
          </select>
          <label htmlFor="stock-lang">{t("stock.lang")}</label>
          <select id="stock-lang" name="lang" value={langCode} onChange={(e) => setLangCode(e.target.value)}>
            <LanguageOptions languages={languages} />
          </select>
          <DraftLanguageNotice language={draftLanguage} />
          <label htmlFor="stock-count">{t("stock.howMany")}</label>
          <input id="stock-count" name="count" type="number" min={1} max={MAX_CODES_PER_BATCH} defaultValue={8} required />
          <button type="submit">{t("stock.print")}</button>
        </Form>
      </section>

      <section className="no-print" aria-labelledby="void-stock">
        <h2 id="void-stock">{t("stock.voidTitle")}</h2>
        <p>{t("stock.voidIntro")}</p>
        {result?.kind === "void" ? (
          <p className={result.ok ? "notice" : "form-error"} role={result.ok ? "status" : "alert"}>
            {result.message}
          </p>
        ) : null}
        <Form method="post" className="stack" key={result?.kind === "void" && result.ok ? "voided" : "void"}>
          <input type="hidden" name="intent" value="void" />
          {/* a slip is voided in the unit whose stock the page shows */}
          <UnitInput units={units} value={unit} />
          <label htmlFor="void-code">{t("activate.code")}</label>
          <CodeInput id="void-code" name="code" />
          <QrScanButton inputId="void-code" />
          <button type="submit">{t("stock.void")}</button>
        </Form>
      </section>
    </>
  );
}
