/**
 * Earlier results: managers upload the team's published tables (CSV or XLSX in the layout of the
 * review's download), see what would be stored, and import them as imported totals
 * (docs/decisions/0026-imported-totals.md). Works without JavaScript: the preview carries the
 * file back as a hidden field, and the import reads and checks it again from scratch.
 */
// i18n-namespace: history
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { ImportedTotals } from "~/components/imported-totals";
import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { loadSurvey, minGroupSize } from "~/results/aggregate.server";
import { problemTexts, type Translate } from "~/results/imported";
import { checkImport, deleteImported, listImported, MAX_IMPORT_BYTES, previewReports, saveImport, type ImportedReport } from "~/results/imported.server";
import { listSurveyTitles, surveyHidden, type SurveyVisibility } from "~/survey/store.server";
import { DEFAULT_UNIT } from "~/units/scope";
import { requestUnits, visibilityOf } from "~/units/units.server";
import { localized, WAVES } from "~/survey/definition";

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(64);
export const ImportSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.enum(["preview", "import"]),
    survey: slug,
    version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
    wave: z.preprocess((v) => (v === "" ? undefined : v), z.enum(WAVES).optional()),
  }),
  z.object({ intent: z.literal("delete"), survey: slug, id: z.string().min(1).max(64) }),
]);

/**
 * Imported totals are the default unit's (imported.server.ts): only a manager who sees that unit
 * may read, import or delete them, or another unit's manager would write into its reports.
 */
async function importer(request: Request): Promise<SurveyVisibility> {
  const units = await requestUnits(await requireUser(request, "manager"), null);
  if (!units.choices.some((u) => u.id === DEFAULT_UNIT)) throw new Response("Forbidden", { status: 403 });
  return visibilityOf(units);
}

async function pageData(request: Request, visible: SurveyVisibility) {
  const surveys = await listSurveyTitles(visible);
  const chosen = new URL(request.url).searchParams.get("survey");
  const s = surveys.find((x) => x.slug === chosen) ?? surveys[0];
  if (!s) return { surveys: [], survey: null, list: [], versions: [] };
  const loaded = await loadSurvey(s.slug);
  return {
    surveys: surveys.map((x) => ({ slug: x.slug, title: x.title })),
    survey: { slug: s.slug, defaultLanguage: s.defaultLanguage },
    versions: loaded.info.versions.map((v) => ({ version: v.version, label: v.label })),
    list: await listImported(loaded),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  return pageData(request, await importer(request));
}

type ActionData = {
  intent: "preview" | "import" | "delete";
  problems: string[];
  saved?: number;
  deleted?: boolean;
  /** the uploaded file, carried to the import button (base64) and its name */
  file?: { name: string; data: string };
  ignored?: string[];
  hidden?: string[];
  preview?: ImportedReport[];
  indicators?: { key: string; label: Record<string, string>; short?: Record<string, string> }[];
  minGroupSize?: number;
};

export async function action({ request }: ActionFunctionArgs): Promise<ActionData> {
  const visible = await importer(request);
  const lang = staffLanguage(request);
  const t = serverT(lang, "history") as unknown as Translate;
  // refuse an oversized upload before reading its body (base64 in the import form is 4/3 larger)
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > (MAX_IMPORT_BYTES * 4) / 3 + 64 * 1024)
    return { intent: "preview", problems: [t("tooLarge", { size: MAX_IMPORT_BYTES / 1024 / 1024 })] };
  const form = await request.formData();
  const parsed = ImportSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { intent: "preview", problems: [t("noFile")] };
  const value = parsed.data;
  if (await surveyHidden(value.survey, visible)) throw new Response("Not found", { status: 404 });
  const loaded = await loadSurvey(value.survey);
  if (value.intent === "delete") return { intent: "delete", problems: [], deleted: await deleteImported(loaded, value.id) };

  const upload = form.get("file");
  const carried = form.get("fileData");
  let bytes: Uint8Array;
  let name: string;
  if (upload instanceof File && upload.size > 0) {
    bytes = new Uint8Array(await upload.arrayBuffer());
    name = upload.name;
  } else if (typeof carried === "string" && carried) {
    bytes = new Uint8Array(Buffer.from(carried, "base64"));
    name = String(form.get("fileName") ?? "");
  } else return { intent: value.intent, problems: [t("noFile")] };
  if (bytes.length > MAX_IMPORT_BYTES) return { intent: value.intent, problems: [t("tooLarge", { size: MAX_IMPORT_BYTES / 1024 / 1024 })] };

  const opts = { version: value.version, wave: value.wave };
  const result = value.intent === "import" ? await saveImport(loaded, bytes, name, opts) : { ...(await checkImport(loaded, bytes, opts)), saved: 0 };
  const problems = problemTexts([...result.problems, ...result.conflicts], t);
  const base = {
    intent: value.intent,
    problems,
    ignored: result.ignoredTables,
    hidden: result.periods.flatMap((p) => p.hiddenTables),
  };
  if (problems.length || value.intent === "import") return { ...base, saved: result.saved };
  // the preview: the same tables every view will show, built from the parsed counts, nothing stored
  return {
    ...base,
    file: { name, data: Buffer.from(bytes).toString("base64") },
    preview: previewReports(loaded, result.periods),
    indicators: loaded.info.indicators.map((i) => ({ key: i.key, label: i.label, short: i.short })),
    minGroupSize: minGroupSize(),
  };
}

export default function ImportPage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation("history");
  const lang = i18n.language;
  if (!data.survey) return <p>{t("results:review.noSurvey")}</p>;
  const survey = data.survey;
  return (
    <article className="results">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <Form method="post" encType="multipart/form-data" className="stack" aria-label={t("title")}>
        <label htmlFor="h-survey">{t("survey")}</label>
        <select id="h-survey" name="survey" defaultValue={survey.slug}>
          {data.surveys.map((s) => (
            <option key={s.slug} value={s.slug}>
              {localized(s.title, lang)}
            </option>
          ))}
        </select>
        <label htmlFor="h-version">{t("version")}</label>
        <select id="h-version" name="version" defaultValue="">
          <option value="">{t("versionFromFile")}</option>
          {data.versions.map((v) => (
            <option key={v.version} value={v.version}>
              {v.version} ({v.label})
            </option>
          ))}
        </select>
        <label htmlFor="h-file">{t("file")}</label>
        <input id="h-file" type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        <button type="submit" name="intent" value="preview">
          {t("preview")}
        </button>
      </Form>

      {reply?.problems.length ? (
        <div className="error" role="alert" data-testid="import-refused">
          <p>{t("refused")}</p>
          <ul>
            {reply.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {reply?.saved ? (
        <p className="notice" role="status" data-testid="import-saved">
          {t("saved", { count: reply.saved })}
        </p>
      ) : null}
      {reply?.deleted ? (
        <p className="notice" role="status">
          {t("deleted")}
        </p>
      ) : null}

      {reply?.preview && reply.file && !reply.problems.length ? (
        <section aria-labelledby="h-preview" data-testid="import-preview">
          <h2 id="h-preview">{t("previewTitle")}</h2>
          {reply.ignored?.length ? <p className="meta">{t("ignored", { list: reply.ignored.join("; ") })}</p> : null}
          {reply.hidden?.length ? <p className="meta">{t("hiddenInFile", { list: reply.hidden.join(", ") })}</p> : null}
          <ImportedTotals imported={reply.preview} indicators={reply.indicators ?? []} defaultLanguage={survey.defaultLanguage} minGroupSize={reply.minGroupSize ?? 5} />
          <Form method="post" encType="multipart/form-data">
            <input type="hidden" name="survey" value={survey.slug} />
            <input type="hidden" name="fileData" value={reply.file.data} />
            <input type="hidden" name="fileName" value={reply.file.name} />
            <button type="submit" name="intent" value="import">
              {t("importing", { count: reply.preview.length })}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="h-list">
        <h2 id="h-list">{t("listTitle")}</h2>
        {data.list.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <table className="reflow" data-testid="imported-list">
            <thead>
              <tr>
                <th scope="col">{t("columns.period")}</th>
                <th scope="col">{t("columns.wave")}</th>
                <th scope="col" className="num">{t("columns.version")}</th>
                <th scope="col" className="num">{t("columns.responses")}</th>
                <th scope="col" className="num">{t("columns.issued")}</th>
                <th scope="col">{t("columns.file")}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {data.list.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.from} – {r.to}
                  </th>
                  <td>{t(`results:waves.${r.wave}`)}</td>
                  <td className="num">{r.version}</td>
                  <td className="num">{r.responses}</td>
                  <td className="num">{r.issued ?? "–"}</td>
                  <td>{r.file}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="survey" value={survey.slug} />
                      <input type="hidden" name="id" value={r.id} />
                      <button type="submit" name="intent" value="delete" className="link-button">
                        {t("delete")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}
