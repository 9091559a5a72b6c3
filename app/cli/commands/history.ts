import fs from "node:fs";
import svHistory from "../../../locales/sv/history.json";
import enHistory from "../../../locales/en/history.json";
import svResults from "../../../locales/sv/results.json";
import enResults from "../../../locales/en/results.json";
import { createI18n } from "~/i18n/instance";
import { ReportInputError, loadSurvey } from "~/results/aggregate.server";
import { problemTexts, type Translate } from "~/results/imported";
import { listImported, MAX_IMPORT_BYTES, saveImport, checkImport } from "~/results/imported.server";
import { WAVES, type Wave } from "~/survey/definition";
import { requireString, UsageError, type Command } from "../framework";

/** The staff texts of the import page, for the command line's messages (English, or --lang sv). */
function cliT(lang: string): Translate {
  const resources = { sv: { history: svHistory, results: svResults }, en: { history: enHistory, results: enResults } };
  return createI18n(lang, resources, "history").getFixedT(lang, "history") as unknown as Translate;
}

async function surveyOf(values: Record<string, unknown>) {
  try {
    return await loadSurvey(requireString(values, "survey"));
  } catch (e) {
    if (e instanceof ReportInputError) throw new UsageError(e.message);
    throw e;
  }
}

export const historyImport: Command = {
  name: "history import",
  summary:
    "Imports published result tables from before the app (CSV or XLSX in the layout of the results download) as imported totals; refuses the whole file, naming each cell, if any figure cannot be whole counts.",
  usage: "history import FILE --survey SLUG [--version N] [--wave closure|followup] [--dry-run] [--lang sv|en] [--json]",
  options: {
    survey: { type: "string" },
    version: { type: "string" },
    wave: { type: "string" },
    "dry-run": { type: "boolean" },
    lang: { type: "string" },
    json: { type: "boolean" },
  },
  positionals: true,
  async run({ values, positionals }, ctx) {
    if (positionals.length !== 1) throw new UsageError(`give exactly one FILE (usage: ${historyImport.usage})`);
    const file = positionals[0]!;
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) throw new UsageError(`${file}: no such file`);
    if (stat.size > MAX_IMPORT_BYTES) throw new UsageError(`${file}: larger than ${MAX_IMPORT_BYTES} bytes`);
    const version = values.version === undefined ? undefined : Number(values.version);
    if (version !== undefined && !Number.isInteger(version)) throw new UsageError("--version must be a version number");
    const wave = values.wave as string | undefined;
    if (wave !== undefined && !(WAVES as readonly string[]).includes(wave)) throw new UsageError(`--wave must be one of ${WAVES.join(", ")}`);
    const t = cliT(values.lang === "sv" ? "sv" : "en");
    const loaded = await surveyOf(values);
    const bytes = new Uint8Array(fs.readFileSync(file));
    const opts = { version, wave: wave as Wave | undefined };
    const name = file.split(/[\\/]/).pop()!;
    const result = values["dry-run"] ? { ...(await checkImport(loaded, bytes, opts)), saved: 0 } : await saveImport(loaded, bytes, name, opts);
    const problems = [...result.problems, ...result.conflicts];
    if (problems.length) throw new UsageError(`${file}: ${t("refused")} ${problemTexts(problems, t).join(" | ")}`);
    if (values.json)
      return ctx.stdout(
        JSON.stringify({
          saved: result.saved,
          periods: result.periods.map((p) => ({ from: p.from, to: p.to, wave: p.wave, version: p.version, issued: p.issued, responses: p.responses, hiddenTables: p.hiddenTables })),
          ignoredTables: result.ignoredTables,
        }),
      );
    for (const p of result.periods)
      ctx.stdout(`${values["dry-run"] ? "would import" : "imported"} ${p.from} – ${p.to} ${p.wave} (version ${p.version}): ${p.responses} responses, ${p.issued ?? "–"} handed out, ${new Set(p.counts.map((c) => c.questionKey)).size} questions`);
  },
};

export const historyList: Command = {
  name: "history list",
  summary: "Lists a survey's imported periods (published totals from before the app).",
  usage: "history list --survey SLUG [--json]",
  options: { survey: { type: "string" }, json: { type: "boolean" } },
  async run({ values }, ctx) {
    const rows = await listImported(await surveyOf(values));
    if (values.json) return ctx.stdout(JSON.stringify(rows));
    if (rows.length === 0) return ctx.stdout("No imported periods.");
    for (const r of rows) ctx.stdout(`${r.from} – ${r.to}  ${r.wave.padEnd(8)}  version ${r.version}  ${r.responses} responses  ${r.issued ?? "–"} handed out  ${r.file}`);
  },
};
