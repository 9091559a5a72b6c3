import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ZodTypeAny } from "zod";

/** What an action answers for a refused form: which form, and Conform's result for it. */
export type FormReply = { formId: string; result: SubmissionResult<string[]> };

// i18n-uses: surveys:validation.*
/** Zod messages are short codes under `<ns>:validation.`; server refusals are already sentences. */
export function formMessage(message: string, t: (key: string) => string): string {
  return /^[A-Za-z]+$/.test(message) ? t(`validation.${message}`) : message;
}

/**
 * One of several forms on a page: a plain POST that works without JavaScript, validated by
 * Conform with `schema` on the client and again by the action on the server. Shows the errors
 * the action returned for this form only (`formId`).
 */
export function IntentForm({
  id,
  schema,
  children,
  className,
  action,
  encType,
  ns = "surveys",
}: {
  id: string;
  schema: ZodTypeAny;
  children: ReactNode;
  className?: string;
  action?: string;
  encType?: "multipart/form-data";
  ns?: string;
}) {
  const data = useActionData<FormReply | undefined>();
  const { t } = useTranslation(ns);
  const [form] = useForm({
    id,
    lastResult: data?.formId === id ? data.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
  const errors = [...new Set(Object.values(form.allErrors).flat())];
  return (
    <Form method="post" {...getFormProps(form)} className={className} action={action} encType={encType}>
      <input type="hidden" name="formId" value={id} />
      {errors.length ? (
        <ul className="form-error" role="alert" id={form.errorId}>
          {errors.map((e) => (
            <li key={e}>{formMessage(e, t)}</li>
          ))}
        </ul>
      ) : null}
      {children}
    </Form>
  );
}

/**
 * A GET form that only changes what a page shows (a language, two versions). Conform checks it
 * with the same zod schema the loader reads the query with; without JavaScript the loader's
 * check alone applies (a bad value falls back to the default view).
 */
export function QueryForm({
  id,
  schema,
  children,
  className,
}: {
  id: string;
  schema: ZodTypeAny;
  children: ReactNode;
  className?: string;
}) {
  const [form] = useForm({
    id,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="get" {...getFormProps(form)} className={className}>
      {children}
    </Form>
  );
}
