import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { checkCredentials, getUser, safeRedirect, startSession } from "~/auth/session.server";
import { loginLimiter } from "~/auth/throttle.server";
import { i18nPayload, serverT, staffLanguage } from "~/i18n/i18n.server";
import { env } from "~/env.server";
import { clientAddress } from "~/utils/client-address.server";
import "~/styles/staff.css";

export const LoginSchema = z.object({
  email: z.string({ required_error: "required" }).trim().email("email"),
  password: z.string({ required_error: "required" }).min(1, "required").max(200),
  redirectTo: z.string().optional(),
});

export const meta: MetaFunction = () => [{ title: "Brukarröst" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) return redirect("/admin");
  return { i18n: i18nPayload(staffLanguage(request), ["common", "staff"]), publicUrl: env().publicUrl };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const t = serverT(staffLanguage(request), "staff");
  const { email, password, redirectTo } = submission.value;
  const keys = [`account:${email.toLowerCase()}`, `address:${clientAddress(context)}`];
  const wait = loginLimiter.reserve(keys);
  if (wait > 0) {
    return submission.reply({
      formErrors: [t("login.throttled", { minutes: Math.ceil(wait / 60) })],
      hideFields: ["password"],
    });
  }
  const userId = await checkCredentials(email, password);
  if (!userId) {
    return submission.reply({ formErrors: [t("login.invalid")], hideFields: ["password"] });
  }
  keys.forEach((k) => loginLimiter.reset(k));
  return startSession(userId, safeRedirect(redirectTo));
}

export default function Login() {
  const { t } = useTranslation("staff");
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldValidate: "onBlur",
  });
  const fieldError = (errors?: string[]) => (errors?.[0] ? t(`validation.${errors[0]}`) : null);
  const { publicUrl } = useLoaderData<typeof loader>();
  // Forms are taken only from PUBLIC_URL's origin (server/origin.ts); the browser alone knows the
  // address it is on (a proxy may rewrite Host), so the warning comes after hydration. Without
  // JavaScript the refusal page says the same.
  const [otherAddress, setOtherAddress] = useState<string | null>(null);
  useEffect(() => {
    if (window.location.origin !== new URL(publicUrl).origin) setOtherAddress(window.location.origin);
  }, [publicUrl]);
  return (
    <main className="login">
      <h1>{t("login.title")}</h1>
      {otherAddress ? (
        <div className="notice" role="alert" data-testid="other-address">
          <p>{t("login.otherAddress", { here: otherAddress, url: publicUrl })}</p>
          <p>
            <a href={`${publicUrl}/login${searchParams.size ? `?${searchParams}` : ""}`}>{t("login.openHere", { url: publicUrl })}</a>
          </p>
        </div>
      ) : null}
      {/* a post from here would be refused: as a document, so the refusal page shows, not a broken page */}
      <Form method="post" reloadDocument={otherAddress !== null} {...getFormProps(form)}>
        {form.errors?.length ? (
          <p className="form-error" role="alert" id={form.errorId}>
            {form.errors[0]}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <label htmlFor={fields.email.id}>{t("login.email")}</label>
        <input {...getInputProps(fields.email, { type: "email" })} autoComplete="username" />
        <p className="field-error" id={fields.email.errorId}>
          {fieldError(fields.email.errors)}
        </p>
        <label htmlFor={fields.password.id}>{t("login.password")}</label>
        <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
        <p className="field-error" id={fields.password.errorId}>
          {fieldError(fields.password.errors)}
        </p>
        <button type="submit">{t("login.submit")}</button>
      </Form>
    </main>
  );
}
