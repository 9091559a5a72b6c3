import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ROLES } from "~/auth/roles";
import { requireUser } from "~/auth/session.server";
import { assignUser, createUnit, listOrganisations, listUnits, manageableUnits, renameUnit, saveOrganisation, UnitInputError, UnitNameTakenError } from "~/units/units.server";
import { MAX_UNIT_NAME, UNIT_SLUG, unitDisplayName } from "~/units/scope";
import { prisma } from "~/utils/db.server";

const slug = z.string().trim().toLowerCase().regex(UNIT_SLUG);
export const CreateUnitSchema = z.object({
  intent: z.literal("unit"),
  slug,
  name: z.string().trim().min(1).max(MAX_UNIT_NAME),
  organisation: slug,
  /** a new organisation's name: creates (or renames) the organisation `organisation` */
  organisationName: z.string().trim().max(120).optional(),
});
export const AssignSchema = z.object({ intent: z.literal("assign"), userId: z.string().min(1), unit: slug, role: z.enum(ROLES) });
export const RenameUnitSchema = z.object({ intent: z.literal("rename"), unit: slug, name: z.string().trim().min(1).max(MAX_UNIT_NAME) });

const forbidden = () => new Response("Forbidden", { status: 403 });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "orgmanager");
  const admin = user.role === "admin";
  const [organisations, units, users] = await Promise.all([
    listOrganisations(),
    manageableUnits(user),
    admin ? prisma.user.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true, role: true, unitId: true, active: true } }) : [],
  ]);
  return { admin, organisations: organisations.filter((o) => units.some((u) => u.organisationId === o.id) || admin), units, users };
}

/** Installation administrators create units and move accounts; they and organisation managers rename units. */
export async function action({ request }: ActionFunctionArgs) {
  const me = await requireUser(request, "orgmanager");
  const form = Object.fromEntries(await request.formData());
  try {
    if (form.intent === "rename") {
      const parsed = RenameUnitSchema.safeParse(form);
      if (!parsed.success) return { ok: false, error: "invalid" as const };
      // a unit of another organisation is refused like a foreign ?unit=, not reported as missing
      const unit = (await manageableUnits(me)).find((u) => u.slug === parsed.data.unit);
      if (!unit) throw forbidden();
      await renameUnit(unit.id, parsed.data.name);
      return { ok: true, error: null };
    }
    if (me.role !== "admin") throw forbidden();
    if (form.intent === "assign") {
      const parsed = AssignSchema.safeParse(form);
      if (!parsed.success) return { ok: false, error: "invalid" as const };
      // an administrator does not take away their own administration by accident
      if (parsed.data.userId === me.id && parsed.data.role !== "admin") return { ok: false, error: "self" as const };
      const unit = (await listUnits()).find((u) => u.slug === parsed.data.unit);
      if (!unit) return { ok: false, error: "invalid" as const };
      await assignUser(parsed.data.userId, unit.id, parsed.data.role);
      return { ok: true, error: null };
    }
    const parsed = CreateUnitSchema.safeParse(form);
    if (!parsed.success) return { ok: false, error: "invalid" as const };
    const { organisation, organisationName } = parsed.data;
    if (organisationName) await saveOrganisation({ slug: organisation, name: organisationName });
    await createUnit({ slug: parsed.data.slug, name: parsed.data.name, organisation });
    return { ok: true, error: null };
  } catch (e) {
    if (e instanceof UnitNameTakenError) return { ok: false, error: "nameTaken" as const };
    if (e instanceof UnitInputError) return { ok: false, error: "exists" as const };
    throw e;
  }
}

export default function Units() {
  const { admin, organisations, units, users } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  return (
    <>
      <h1>{t("units.title")}</h1>
      <p>{t("units.intro")}</p>
      <p>
        <Link to="/admin/units/compare">{t("units.compare.title")}</Link>
      </p>
      {result ? (
        <p role="status" className={result.ok ? "notice" : "form-error"}>
          {result.ok ? t("units.saved") : t(`units.errors.${result.error}`)}
        </p>
      ) : null}
      <table className="reflow">
        <caption>{t("units.list")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("units.organisation")}</th>
            <th scope="col">{t("units.name")}</th>
            <th scope="col">{t("units.slug")}</th>
            <th scope="col">{t("units.rename")}</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.id}>
              <td data-label={t("units.organisation")}>{organisations.find((o) => o.id === u.organisationId)?.name}</td>
              <td data-label={t("units.name")}>{unitDisplayName(u, t("common:units.ours"))}</td>
              <td data-label={t("units.slug")}>{u.slug}</td>
              <td>
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="rename" />
                  <input type="hidden" name="unit" value={u.slug} />
                  <label htmlFor={`rename-${u.slug}`} className="visually-hidden">
                    {t("units.newName", { name: unitDisplayName(u, t("common:units.ours")) })}
                  </label>
                  <input id={`rename-${u.slug}`} name="name" required maxLength={MAX_UNIT_NAME} defaultValue={u.name} />
                  <button type="submit" aria-label={t("units.renameButtonFor", { name: unitDisplayName(u, t("common:units.ours")) })}>
                    {t("units.renameButton")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {admin ? (
        <>

      <h2>{t("units.create")}</h2>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="unit" />
        <label htmlFor="unit-name">{t("units.name")}</label>
        <input id="unit-name" name="name" required maxLength={120} />
        <label htmlFor="unit-slug">{t("units.slug")}</label>
        <input id="unit-slug" name="slug" required pattern="[a-z0-9][a-z0-9\-]{0,62}" aria-describedby="unit-slug-hint" />
        <p id="unit-slug-hint" className="hint">
          {t("units.slugHint")}
        </p>
        <label htmlFor="unit-org">{t("units.organisation")}</label>
        <input id="unit-org" name="organisation" required list="unit-orgs" defaultValue={organisations[0]?.slug} />
        <datalist id="unit-orgs">
          {organisations.map((o) => (
            <option key={o.id} value={o.slug}>
              {o.name}
            </option>
          ))}
        </datalist>
        <label htmlFor="unit-org-name">{t("units.organisationName")}</label>
        <input id="unit-org-name" name="organisationName" maxLength={120} />
        <button type="submit">{t("units.createButton")}</button>
      </Form>

      <h2>{t("units.accounts")}</h2>
      <table className="reflow">
        <thead>
          <tr>
            <th scope="col">{t("units.email")}</th>
            <th scope="col">{t("units.unitAndRole")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td>
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="assign" />
                  <input type="hidden" name="userId" value={u.id} />
                  <label htmlFor={`unit-${u.id}`} className="visually-hidden">
                    {t("units.unit")}
                  </label>
                  <select id={`unit-${u.id}`} name="unit" defaultValue={units.find((x) => x.id === u.unitId)?.slug}>
                    {units.map((x) => (
                      <option key={x.id} value={x.slug}>
                        {unitDisplayName(x, t("common:units.ours"))}
                      </option>
                    ))}
                  </select>
                  <label htmlFor={`role-${u.id}`} className="visually-hidden">
                    {t("units.role")}
                  </label>
                  <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`roles.${r}`)}
                      </option>
                    ))}
                  </select>
                  <button type="submit">{t("units.assign")}</button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
        </>
      ) : null}
    </>
  );
}
