import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasRole, type Role } from "~/auth/roles";
import { requireUser } from "~/auth/session.server";
import { codeCounts } from "~/codes/dashboard.server";
import { monthOf } from "~/utils/months";

/** The start page: the tasks of the day for this role, and this month's code counts. */
const TASKS: { to: string; key: string; role: Role }[] = [
  { to: "/admin/codes", key: "codes", role: "staff" },
  { to: "/admin/results", key: "review", role: "staff" },
  { to: "/admin/results/reach", key: "reach", role: "staff" },
  { to: "/admin/compare", key: "compare", role: "manager" },
  { to: "/admin/surveys", key: "surveys", role: "manager" },
  { to: "/admin/users", key: "users", role: "admin" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const month = monthOf(new Date());
  const thisMonth = (await codeCounts()).filter((c) => c.month === month);
  const sum = (k: "issued" | "answered") => thisMonth.reduce((n, c) => n + c[k], 0);
  return {
    user,
    month,
    issued: sum("issued"),
    answered: sum("answered"),
    tasks: TASKS.filter((task) => hasRole(user.role, task.role)).map(({ to, key }) => ({ to, key })),
  };
}

export default function StaffHome() {
  const { user, month, issued, answered, tasks } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("staff");
  const monthName = new Intl.DateTimeFormat(i18n.language, { month: "long", year: "numeric" }).format(new Date(`${month}-15`));
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p>{t("home.welcome", { email: user.email })}</p>
      <p className="notice">
        {t("home.thisMonth", { month: monthName, issued: issued, answered: answered })}
      </p>
      {/* i18n-uses: staff:home.tasks.* */}
      <ul className="tasks">
        {tasks.map((task) => (
          <li key={task.to}>
            <Link to={task.to}>{t(`home.tasks.${task.key}.title`)}</Link>
            <p>{t(`home.tasks.${task.key}.text`)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
