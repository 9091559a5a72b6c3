import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-policy";
import { requireUser, sessionId } from "~/auth/session.server";
import { loginLimiter } from "~/auth/throttle.server";
import { changePassword } from "~/auth/users.server";

export const ChangePasswordSchema = z
  .object({
    current: z.string({ required_error: "required" }).max(200),
    password: z.string({ required_error: "required" }).min(MIN_PASSWORD_LENGTH, "short").max(200),
    repeat: z.string({ required_error: "required" }).max(200),
  })
  .refine((v) => v.password === v.repeat, { path: ["repeat"], message: "mismatch" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { email: user.email, min: MIN_PASSWORD_LENGTH };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: ChangePasswordSchema });
  if (submission.status !== "success") return { result: submission.reply({ hideFields: ["current", "password", "repeat"] }), changed: false };
  const hidden = ["current", "password", "repeat"];
  // a stolen session must not become a way to guess the password behind it
  const key = `password-change:${user.id}`;
  if (loginLimiter.reserve([key]) > 0)
    return { result: submission.reply({ fieldErrors: { current: ["throttled"] }, hideFields: hidden }), changed: false };
  const ok = await changePassword(user.id, submission.value.current, submission.value.password, await sessionId(request));
  if (!ok) return { result: submission.reply({ fieldErrors: { current: ["wrong"] }, hideFields: hidden }), changed: false };
  loginLimiter.reset(key);
  return { result: submission.reply({ resetForm: true }), changed: true };
}

export default function Account() {
  const { email, min } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
    shouldValidate: "onBlur",
  });
  // i18n-uses: staff:account.errors.*
  const error = (errors?: string[]) => (errors?.[0] ? t(`account.errors.${errors[0]}`, { min }) : null);
  return (
    <>
      <h1>{t("account.title")}</h1>
      <p>{email}</p>
      {actionData?.changed ? (
        <p className="notice" role="status">
          {t("account.changed")}
        </p>
      ) : null}
      <h2>{t("account.changeTitle")}</h2>
      <Form method="post" {...getFormProps(form)} className="stack">
        <label htmlFor={fields.current.id}>{t("account.current")}</label>
        <input {...getInputProps(fields.current, { type: "password" })} autoComplete="current-password" />
        <p className="field-error" id={fields.current.errorId}>{error(fields.current.errors)}</p>
        <label htmlFor={fields.password.id}>{t("account.new")}</label>
        <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" />
        <p className="field-error" id={fields.password.errorId}>{error(fields.password.errors)}</p>
        <label htmlFor={fields.repeat.id}>{t("account.repeat")}</label>
        <input {...getInputProps(fields.repeat, { type: "password" })} autoComplete="new-password" />
        <p className="field-error" id={fields.repeat.errorId}>{error(fields.repeat.errors)}</p>
        <button type="submit">{t("account.submit")}</button>
      </Form>
    </>
  );
}
