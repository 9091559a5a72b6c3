import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ROLES } from "~/auth/roles";
import { requireUser } from "~/auth/session.server";
import { createUser, setUserActive, UserExistsError } from "~/auth/users.server";
import { prisma } from "~/utils/db.server";

export const CreateUserSchema = z.object({
  intent: z.literal("create"),
  email: z.string({ required_error: "required" }).trim().toLowerCase().email("email"),
  role: z.enum(ROLES, { required_error: "required", invalid_type_error: "required" }),
});
const SetActiveSchema = z.object({
  intent: z.enum(["deactivate", "activate"]),
  userId: z.string().min(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireUser(request, "admin");
  const users = await prisma.user.findMany({
    orderBy: { email: "asc" },
    select: { id: true, email: true, role: true, active: true },
  });
  return { users, myId: me.id };
}

export async function action({ request }: ActionFunctionArgs) {
  const me = await requireUser(request, "admin");
  const formData = await request.formData();
  if (formData.get("intent") !== "create") {
    const parsed = SetActiveSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw new Response("Bad request", { status: 400 });
    if (parsed.data.userId === me.id) throw new Response("You cannot deactivate yourself", { status: 400 });
    await setUserActive(parsed.data.userId, parsed.data.intent === "activate");
    return { result: null, created: null };
  }
  const submission = parseWithZod(formData, { schema: CreateUserSchema });
  if (submission.status !== "success") return { result: submission.reply(), created: null };
  try {
    const created = await createUser(submission.value);
    return { result: submission.reply({ resetForm: true }), created };
  } catch (e) {
    if (e instanceof UserExistsError)
      return { result: submission.reply({ fieldErrors: { email: ["exists"] } }), created: null };
    throw e;
  }
}

export default function Users() {
  const { users, myId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateUserSchema }),
    shouldValidate: "onBlur",
  });
  const fieldError = (errors?: string[]) => (errors?.[0] ? t(`validation.${errors[0]}`) : null);
  return (
    <>
      <h1>{t("users.title")}</h1>
      {actionData?.created ? (
        <div className="notice" role="status">
          <p>{t("users.created", { email: actionData.created.email })}</p>
          <p>
            {t("users.passwordOnce")} <code className="secret">{actionData.created.password}</code>
          </p>
        </div>
      ) : null}
      <table>
        <thead>
          <tr>
            <th scope="col">{t("users.email")}</th>
            <th scope="col">{t("users.role")}</th>
            <th scope="col">{t("users.status")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("users.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td>{t(`roles.${u.role}`)}</td>
              <td>{u.active ? t("users.active") : t("users.inactive")}</td>
              <td>
                {u.id === myId ? null : (
                <Form method="post">
                  <input type="hidden" name="userId" value={u.id} />
                  <button type="submit" name="intent" value={u.active ? "deactivate" : "activate"}>
                    {u.active ? t("users.deactivate") : t("users.activate")}
                  </button>
                </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("users.createTitle")}</h2>
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="create" />
        <label htmlFor={fields.email.id}>{t("users.email")}</label>
        <input {...getInputProps(fields.email, { type: "email" })} />
        <p className="field-error" id={fields.email.errorId}>
          {fieldError(fields.email.errors)}
        </p>
        <label htmlFor={fields.role.id}>{t("users.role")}</label>
        <select {...getSelectProps(fields.role)} defaultValue="staff">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
        <p className="field-error" id={fields.role.errorId}>
          {fieldError(fields.role.errors)}
        </p>
        <button type="submit">{t("users.create")}</button>
      </Form>
    </>
  );
}
