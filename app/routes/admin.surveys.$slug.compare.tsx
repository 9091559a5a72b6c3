import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { QueryForm } from "~/components/intent-form";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { surveyVisibility } from "~/units/units.server";
import { ChangeLists } from "~/components/version-changes";
import { localized } from "~/survey/definition";
import { questionTexts } from "~/survey/changes.server";
import { diffVersions, type ChoiceDiff, type QuestionDiff } from "~/survey/diff";
import { exportSurvey } from "~/survey/store.server";
import "~/styles/surveys.css";

export const CompareQuerySchema = z.object({
  from: z.number({ required_error: "required" }).int().min(1),
  to: z.number({ required_error: "required" }).int().min(1),
});
// the loader reads the query leniently: a missing or bad number shows the default comparison
const LenientQuerySchema = z.object({
  from: z.coerce.number().int().min(1).optional().catch(undefined),
  to: z.coerce.number().int().min(1).optional().catch(undefined),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "manager");
  const def = await exportSurvey(params.slug ?? "", undefined, await surveyVisibility(user));
  if (!def) throw new Response("Not found", { status: 404 });
  const numbers = def.versions.map((v) => v.version);
  const query = LenientQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // default: the newest version against the one before it
  const to = numbers.includes(query.to ?? -1) ? query.to! : numbers.at(-1)!;
  const from = numbers.includes(query.from ?? -1) ? query.from! : (numbers.filter((n) => n < to).at(-1) ?? to);
  const a = def.versions.find((v) => v.version === from)!;
  const b = def.versions.find((v) => v.version === to)!;
  // the question texts to name each question by, in the version it appears in
  const texts = questionTexts(a, b);
  return { slug: def.slug, defaultLanguage: def.defaultLanguage, numbers, diff: diffVersions(a, b), texts };
}

function changeLines(d: QuestionDiff, t: TFunction): string[] {
  const empty = t("compare.empty");
  const lines: string[] = [];
  for (const c of d.textChanges)
    lines.push(t("compare.textChanged", { lang: c.lang, before: c.before ?? empty, after: c.after ?? empty }));
  if (d.type) lines.push(t("compare.typeChanged", { from: t(`types.${d.type.from}`), to: t(`types.${d.type.to}`) }));
  if (d.waves)
    lines.push(
      t("compare.wavesChanged", {
        from: d.waves.from.map((w) => t(`waves.${w}`)).join(", "),
        to: d.waves.to.map((w) => t(`waves.${w}`)).join(", "),
      }),
    );
  if (d.maxLength) lines.push(t("compare.maxLengthChanged", { from: d.maxLength.from ?? "–", to: d.maxLength.to ?? "–" }));
  const choices = (list: ChoiceDiff[], prefix: "choice" | "row") => {
    for (const c of list) {
      if (c.status === "added") lines.push(t(`compare.${prefix}Added`, { key: c.key }));
      if (c.status === "removed") lines.push(t(`compare.${prefix}Removed`, { key: c.key }));
      for (const tc of c.textChanges)
        lines.push(
          t(`compare.${prefix}Reworded`, { key: c.key, lang: tc.lang, before: tc.before ?? empty, after: tc.after ?? empty }),
        );
    }
  };
  if (d.status !== "added" && d.status !== "removed") {
    choices(d.rows, "row");
    choices(d.options, "choice");
  }
  return lines;
}

export default function Compare() {
  const { slug, defaultLanguage, numbers, diff, texts } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("surveys");
  const name = (key: string) => localized(texts[key] ?? {}, i18n.language, defaultLanguage);
  return (
    <>
      <p>
        <Link to="/admin/surveys">{t("title")}</Link>
      </p>
      <h1>{t("compare.title")}</h1>
      <QueryForm id="compare" schema={CompareQuerySchema} className="toolbar">
        <label htmlFor="from">{t("compare.from")}</label>
        <select id="from" name="from" defaultValue={diff.from} key={`from-${diff.from}`}>
          {numbers.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <label htmlFor="to">{t("compare.to")}</label>
        <select id="to" name="to" defaultValue={diff.to} key={`to-${diff.to}`}>
          {numbers.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          {t("compare.show")}
        </button>
      </QueryForm>
      <h2>
        {t("versionN", { version: diff.from })} → {t("versionN", { version: diff.to })}
      </h2>
      <ChangeLists diff={diff} texts={texts} defaultLanguage={defaultLanguage} />
      <h2>{t("compare.details")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("compare.question")}</th>
            <th scope="col">{t("status")}</th>
            <th scope="col">{t("compare.isComparable")}</th>
            <th scope="col">{t("compare.change")}</th>
          </tr>
        </thead>
        <tbody>
          {diff.questions.map((d) => {
            const lines = changeLines(d, t);
            return (
              <tr key={d.key} data-question={d.key}>
                <th scope="row">
                  <code>{d.key}</code>
                  <br />
                  <span className="muted">{name(d.key)}</span>
                </th>
                <td>{t(`compare.status.${d.status}`)}</td>
                <td>{d.status === "added" || d.status === "removed" ? "–" : d.comparable ? t("compare.yes") : t("compare.no")}</td>
                <td>
                  {lines.length ? (
                    <ul>
                      {lines.map((l) => (
                        <li key={l}>{l}</li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>
        <a href={`/admin/surveys/${slug}/download`} download>
          {t("list.download")}
        </a>
      </p>
    </>
  );
}
