import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ClientGroupOptions, CodeInput, ReferralOptions } from "~/components/code-fields";
import { ClientSafetyAdvice } from "~/components/client-safety-advice";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { issuingUnitOf } from "~/units/units.server";
import { CLIENT_GROUPS, REFERRALS } from "~/codes/attributes";
import { HandOutDayError, IssueError } from "~/codes/issue.server";
import { activateCode, StockRefusedError } from "~/codes/stock.server";
import { proposedFollowupDay } from "~/codes/stock";
import { QrScanButton } from "~/components/qr-scan";
import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { RESPONDENT_LANGUAGES } from "~/i18n/languages";
import { WAVES } from "~/survey/definition";
import { dayOf } from "~/utils/months";

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.enum(values).optional());

/** What staff send at hand-out. The opening day is read only for a follow-up. */
export const ActivateFormSchema = z
  .object({
    code: z.string({ required_error: "code" }).min(1, "code").max(64, "code"),
    wave: z.enum(WAVES),
    validFrom: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(10).optional()),
    clientGroup: optionalEnum(CLIENT_GROUPS),
    referral: optionalEnum(REFERRALS),
  })
  .transform((v) => ({ ...v, validFrom: v.wave === "followup" ? v.validFrom : undefined }));

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const today = dayOf(new Date());
  return { today, followupDay: proposedFollowupDay(today) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "staff");
  const t = serverT(staffLanguage(request), "codes");
  const form = await request.formData();
  const unit = await issuingUnitOf(user, request, form);
  const submission = parseWithZod(form, { schema: ActivateFormSchema });
  if (submission.status !== "success") return { ok: false as const, message: t("activate.refused") };
  try {
    // another unit's slip is refused like an unknown one (stock.server.ts)
    const done = await activateCode({ ...submission.value, unitId: unit.id });
    return { ok: true as const, activated: done };
  } catch (e) {
    if (e instanceof StockRefusedError) return { ok: false as const, message: t("activate.refused") };
    // i18n-uses: codes:validation.*
    if (e instanceof HandOutDayError) return { ok: false as const, message: t(`validation.${e.reason}`, { day: proposedFollowupDay(dayOf(new Date())) }) };
    if (e instanceof IssueError) return { ok: false as const, message: e.message };
    throw e;
  }
}

export default function Activate() {
  const { today, followupDay } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("codes");
  const form = useRef<HTMLFormElement>(null);
  // after each activation the form is empty for the next slip
  useEffect(() => {
    if (result?.ok) form.current?.reset();
  }, [result]);
  const languageName = (code: string) => RESPONDENT_LANGUAGES.find((l) => l.code === code)?.name ?? code;
  const day = (d: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${d}T12:00:00Z`));
  return (
    <>
      <h1>{t("activate.title")}</h1>
      <p>{t("activate.intro")}</p>
      <ClientSafetyAdvice />
      {/* i18n-uses: codes:activate.done codes:activate.doneLater */}
      {result?.ok ? (
        <div className="notice" role="status">
          <p>
            {t(result.activated.validFrom > today ? "activate.doneLater" : "activate.done", {
              language: languageName(result.activated.lang),
              wave: t(`waves.${result.activated.wave}`),
              from: day(result.activated.validFrom),
            })}
          </p>
        </div>
      ) : result ? (
        <p className="form-error" role="alert">
          {result.message}
        </p>
      ) : null}
      <Form method="post" className="stack activate-form" ref={form}>
        <label htmlFor="activate-code">{t("activate.code")}</label>
        <CodeInput id="activate-code" name="code" aria-describedby="activate-code-hint" />
        <p className="hint" id="activate-code-hint">
          {t("activate.codeHint")}
        </p>
        <QrScanButton inputId="activate-code" />
        <fieldset>
          <legend>{t("issue.wave")}</legend>
          {WAVES.map((w) => (
            <label key={w} className="checks">
              <input type="radio" name="wave" value={w} defaultChecked={w === "closure"} /> {t(`waves.${w}`)}
            </label>
          ))}
        </fieldset>
        <label htmlFor="activate-from">{t("activate.opens")}</label>
        <input id="activate-from" name="validFrom" type="date" min={today} defaultValue={followupDay} aria-describedby="activate-from-hint" />
        <p className="hint" id="activate-from-hint">
          {t("activate.opensHint", { day: day(followupDay) })}
        </p>
        <label htmlFor="activate-group">{t("issue.group")}</label>
        <select id="activate-group" name="clientGroup" defaultValue="">
          <ClientGroupOptions />
        </select>
        <label htmlFor="activate-referral">{t("issue.referral")}</label>
        <select id="activate-referral" name="referral" defaultValue="">
          <ReferralOptions />
        </select>
        <button type="submit">{t("activate.submit")}</button>
      </Form>
      <p>
        <Link to="/admin/stock">{t("links.stock")}</Link>
      </p>
    </>
  );
}
