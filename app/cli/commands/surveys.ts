import fs from "node:fs";
import { unitBySlug, UnitInputError } from "~/units/units.server";
import { withReleasedResponses } from "~/results/released-responses.server";
import { exportSurvey, importSurvey, listSurveys, SurveyImportError } from "~/survey/store.server";
import { MAX_DEFINITION_BYTES, oversized, parseSurveyDefinition } from "~/survey/validate";
import { UsageError, type Command } from "../framework";

export const surveysImport: Command = {
  name: "surveys import",
  summary:
    "Imports a questionnaire definition (all versions in the file, published). An unchanged file changes nothing.",
  usage: "surveys import FILE [--unit SLUG] [--json]",
  options: { json: { type: "boolean" }, unit: { type: "string" } },
  positionals: true,
  async run({ values, positionals }, ctx) {
    if (positionals.length !== 1) throw new UsageError("give exactly one FILE (usage: surveys import FILE [--json])");
    const file = positionals[0]!;
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) throw new UsageError(`${file}: no such file`);
    // refuse before reading a huge file into memory
    if (stat.size > MAX_DEFINITION_BYTES) throw new UsageError(`${file}: ${oversized(stat.size)}`);
    const parsed = parseSurveyDefinition(fs.readFileSync(file, "utf8"));
    if (!parsed.ok) throw new UsageError(`${file} is not a valid questionnaire: ${parsed.errors.join("; ")}`);
    try {
      // --unit: a new questionnaire owned by that unit alone; otherwise shared by the organisation
      const unit = values.unit === undefined ? undefined : await unitBySlug(String(values.unit)).catch((e: unknown) => {
        throw e instanceof UnitInputError ? new UsageError(e.message) : e;
      });
      const summary = await importSurvey(parsed.definition, unit ? { owner: { organisationId: unit.organisationId, ownerUnitId: unit.id } } : {});
      if (values.json) return ctx.stdout(JSON.stringify(summary));
      const list = (n: number[]) => n.join(", ");
      const parts = [
        summary.created.length ? `created version ${list(summary.created)}` : "",
        summary.published.length ? `published draft ${list(summary.published)}` : "",
        ...summary.translated.map((t) => `version ${t.version}: new texts in ${t.languages.join(", ")} (to review)`),
        summary.unchanged.length ? `unchanged version ${list(summary.unchanged)}` : "",
      ].filter(Boolean);
      ctx.stdout(`Imported "${summary.slug}": ${parts.join("; ")}`);
    } catch (e) {
      if (e instanceof SurveyImportError) throw new UsageError(`${file}: ${e.message}`);
      throw e;
    }
  },
};

export const surveysList: Command = {
  name: "surveys list",
  summary: "Lists surveys with their versions, status and response counts.",
  usage: "surveys list [--json]",
  options: { json: { type: "boolean" } },
  async run({ values }, ctx) {
    // as the reports count them: released months only (null: withheld), never a live count
    const surveys = await withReleasedResponses(await listSurveys());
    // the --json fields of before units (docs: interfaces); the owner is the web pages' concern
    if (values.json) return ctx.stdout(JSON.stringify(surveys.map(({ slug, title, defaultLanguage, versions }) => ({ slug, title, defaultLanguage, versions }))));
    if (surveys.length === 0) return ctx.stdout("No surveys.");
    for (const s of surveys) {
      ctx.stdout(`${s.slug}  ${s.title[s.defaultLanguage] ?? ""}`);
      for (const v of s.versions)
        ctx.stdout(`  version ${v.version}  ${v.status.padEnd(9)}  ${String(v.responses ?? "–").padStart(5)} responses  ${v.label}`);
    }
  },
};

export const surveysExport: Command = {
  name: "surveys export",
  summary: "Writes a survey back in the import format (all versions, or one), to stdout or --out FILE.",
  usage: "surveys export SLUG [--version N] [--out FILE]",
  options: { version: { type: "string" }, out: { type: "string" } },
  positionals: true,
  async run({ values, positionals }, ctx) {
    if (positionals.length !== 1) throw new UsageError("give exactly one SLUG (usage: surveys export SLUG [--version N] [--out FILE])");
    const slug = positionals[0]!;
    let version: number | undefined;
    if (values.version !== undefined) {
      version = Number(values.version);
      if (!Number.isInteger(version) || version < 1) throw new UsageError("--version must be a whole number from 1");
    }
    const def = await exportSurvey(slug, version);
    if (!def)
      throw new UsageError(version === undefined ? `no survey "${slug}"` : `survey "${slug}" has no version ${version}`);
    const text = JSON.stringify(def, null, 2) + "\n";
    if (typeof values.out === "string") {
      fs.writeFileSync(values.out, text);
      ctx.stdout(`Wrote ${values.out}`);
    } else {
      ctx.stdout(text.trimEnd());
    }
  },
};
