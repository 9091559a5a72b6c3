import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ClientGroupOptions, ReferralOptions, LanguageOptions, DraftLanguageNotice } from "~/components/code-fields";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { issuingUnitOf, issuingUnitsOf } from "~/units/units.server";
import { UnitChooser, UnitInput } from "~/components/unit-field";
import { CLIENT_GROUPS, MAX_CODES_PER_BATCH, REFERRALS } from "~/codes/attributes";
import { shownCodeCounts } from "~/codes/dashboard.server";
import { minGroupSize } from "~/results/aggregate.server";
import { DraftLanguageError, IssueError, issueCodes } from "~/codes/issue.server";
import { batchCsv, slipsFor } from "~/codes/slips.server";
import { issuableSurveys } from "~/codes/languages.server";
import { proposedFollowupDay } from "~/codes/stock";
import { SlipBatch } from "~/components/slip-batch";
import { env } from "~/env.server";
import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { RESPONDENT_LANGUAGES } from "~/i18n/languages";
import { WAVES } from "~/survey/definition";
import { dayOf } from "~/utils/months";

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.enum(values).optional());

export const IssueFormSchema = z.object({
  survey: z.string({ required_error: "required" }),
  wave: z.enum(WAVES, { required_error: "required" }),
  count: z.number({ required_error: "required", invalid_type_error: "count" }).int("count").min(1, "count").max(MAX_CODES_PER_BATCH, "count"),
  lang: z.enum(RESPONDENT_LANGUAGES.map((l) => l.code) as [string, ...string[]], { required_error: "required" }),
  clientGroup: optionalEnum(CLIENT_GROUPS),
  referral: optionalEnum(REFERRALS),
  validFrom: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "date")
    .optional(),
  confirmDraftLanguage: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
})
  // an empty date would make a follow-up code valid today, six months early
  .refine((v) => v.wave !== "followup" || v.validFrom !== undefined, { path: ["validFrom"], message: "followupDate" });

const followupDay = proposedFollowupDay;

export async function loader({ request }: LoaderFunctionArgs) {
  const { unit, units } = await issuingUnitsOf(await requireUser(request, "staff"), request);
  return {
    unit: unit.slug,
    units,
    surveys: await issuableSurveys(unit.id),
    // answered and expired only once they cannot change (participation.ts)
    counts: await shownCodeCounts(new Date(), [unit.id]),
    k: minGroupSize(),
    today: dayOf(new Date()),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "staff");
  const form = await request.formData();
  const unit = await issuingUnitOf(user, request, form);
  const submission = parseWithZod(form, { schema: IssueFormSchema });
  if (submission.status !== "success") return { result: submission.reply(), slips: null, csv: null };
  try {
    const codes = await issueCodes({ ...submission.value, unitId: unit.id });
    const slips = await slipsFor(codes, `${env().publicUrl}/s`, dayOf(new Date()));
    // an empty form after a batch: a second click must not make a second batch of the same
    return { result: submission.reply({ resetForm: true }), slips, csv: batchCsv(codes, staffLanguage(request)) };
  } catch (e) {
    if (e instanceof DraftLanguageError) {
      const t = serverT(staffLanguage(request), "codes");
      return { result: submission.reply({ formErrors: [t("issue.draftRefused")] }), slips: null, csv: null };
    }
    if (e instanceof IssueError) return { result: submission.reply({ formErrors: [e.message] }), slips: null, csv: null };
    throw e;
  }
}

/** Drawn anew for each unit: its surveys, and the form's choices, are that unit's. */
export default function Codes() {
  return <CodesPage key={useLoaderData<typeof loader>().unit} />;
}

function CodesPage() {
  const { unit, units, surveys, counts, today, k } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation("codes");
  const validFromInput = useRef<HTMLInputElement>(null);
  const [surveySlug, setSurveySlug] = useState(surveys[0]?.slug);
  // without JavaScript the page is drawn anew after each post: start from the language just sent,
  // so a refused draft language shows its confirmation
  const sentLang = actionData?.result.initialValue?.lang;
  const [langCode, setLangCode] = useState(typeof sentLang === "string" ? sentLang : "sv");
  const languages = surveys.find((s) => s.slug === surveySlug)?.languages ?? [];
  const draftLanguage = languages.find((l) => l.code === langCode && !l.reviewed);
  // the form was reset after a batch (conform remounts its fields): the choices it drives too
  useEffect(() => {
    if (!actionData?.slips) return;
    setLangCode("sv");
    setSurveySlug(surveys[0]?.slug);
  }, [actionData, surveys]);
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: IssueFormSchema }),
    shouldValidate: "onBlur",
    // the optional choices too: after a batch resets the form, a select without one was left blank
    defaultValue: { wave: "closure", count: "1", lang: "sv", survey: surveys[0]?.slug, clientGroup: "", referral: "" },
  });
  const fieldError = (errors?: string[]) =>
    errors?.[0] ? t(`validation.${errors[0]}`, { max: MAX_CODES_PER_BATCH, day: followupDay(today) }) : null;
  const slips = actionData?.slips;

  return (
    <>
      <h1 className="no-print">{t("title")}</h1>
      {slips ? <SlipBatch slips={slips} csv={actionData!.csv!} fileName={`koder-${today}.csv`} /> : null}

      <p className="no-print">
        <Link to="/admin/activate">{t("links.activate")}</Link> · <Link to="/admin/stock">{t("links.stock")}</Link>
      </p>

      <section className="no-print">
        <h2>{t("issue.title")}</h2>
        <p>{t("issue.intro")}</p>
        <UnitChooser units={units} value={unit} />
        <Form method="post" {...getFormProps(form)} className="stack">
          {form.errors?.length ? (
            <p className="form-error" role="alert" id={form.errorId}>
              {form.errors[0]}
            </p>
          ) : null}
          <UnitInput units={units} value={unit} />
          <label htmlFor={fields.survey.id}>{t("issue.survey")}</label>
          <select {...getSelectProps(fields.survey)} onChange={(e) => setSurveySlug(e.target.value)}>
            {surveys.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.title[i18n.language] ?? s.title[s.defaultLanguage]}
              </option>
            ))}
          </select>
          <label htmlFor={fields.wave.id}>{t("issue.wave")}</label>
          <select
            {...getSelectProps(fields.wave)}
            onChange={(e) => {
              // propose the six-month date, but never overwrite one the worker chose
              const date = validFromInput.current;
              if (e.target.value === "followup" && date && !date.value) date.value = followupDay(today);
            }}
          >
            {WAVES.map((w) => (
              <option key={w} value={w}>
                {t(`waves.${w}`)}
              </option>
            ))}
          </select>
          <label htmlFor={fields.count.id}>{t("issue.count")}</label>
          <input {...getInputProps(fields.count, { type: "number" })} min={1} max={MAX_CODES_PER_BATCH} />
          <p className="field-error" id={fields.count.errorId}>
            {fieldError(fields.count.errors)}
          </p>
          <label htmlFor={fields.lang.id}>{t("issue.lang")}</label>
          <select {...getSelectProps(fields.lang)} onChange={(e) => setLangCode(e.target.value)} aria-describedby="lang-hint">
            <LanguageOptions languages={languages} />
          </select>
          <p className="hint" id="lang-hint">
            {t("issue.onlyOffered")}
          </p>
          <DraftLanguageNotice language={draftLanguage} />
          <label htmlFor={fields.clientGroup.id}>{t("issue.group")}</label>
          <select {...getSelectProps(fields.clientGroup)}>
            <ClientGroupOptions />
          </select>
          <label htmlFor={fields.referral.id}>{t("issue.referral")}</label>
          <select {...getSelectProps(fields.referral)}>
            <ReferralOptions />
          </select>
          <label htmlFor={fields.validFrom.id}>{t("issue.validFrom")}</label>
          <input
            {...getInputProps(fields.validFrom, { type: "date" })}
            ref={validFromInput}
            min={today}
            aria-describedby={`${fields.validFrom.id}-hint`}
          />
          <p className="hint" id={`${fields.validFrom.id}-hint`}>
            {t("issue.validFromHint", { day: followupDay(today) })}
          </p>
          <p className="field-error" id={fields.validFrom.errorId}>
            {fieldError(fields.validFrom.errors)}
          </p>
          <button type="submit">{t("issue.submit")}</button>
        </Form>
      </section>

      <section className="no-print">
        <h2>{t("counts.title")}</h2>
        <p>{t("counts.intro")}</p>
        <p>{t("counts.settledOnly", { k })}</p>
        {counts.length === 0 ? (
          <p>{t("counts.none")}</p>
        ) : (
          <table className="reflow">
            <thead>
              <tr>
                <th scope="col">{t("counts.month")}</th>
                <th scope="col">{t("issue.wave")}</th>
                <th scope="col" className="num">{t("counts.issued")}</th>
                <th scope="col" className="num">{t("counts.answered")}</th>
                <th scope="col" className="num">{t("counts.expired")}</th>
              </tr>
            </thead>
            <tbody>
              {counts.map((c) => (
                <tr key={`${c.month}-${c.wave}`}>
                  <td data-label={t("counts.month")}>{c.month}</td>
                  <td data-label={t("issue.wave")}>{t(`waves.${c.wave}`)}</td>
                  <td className="num" data-label={t("counts.issued")}>{c.issued}</td>
                  <td className="num" data-label={t("counts.answered")}>{c.settled ? c.settled.answered : "–"}</td>
                  <td className="num" data-label={t("counts.expired")}>{c.settled ? c.settled.expired : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
