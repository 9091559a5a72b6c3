import { ReportInputError, loadSurvey, reachTables, surveyDataMonths, type GroupFilter } from "~/results/aggregate.server";
import { groupDims, isWithheld, loadReleases, runReleasedReport } from "~/results/release.server";
import { nearestReleased } from "~/results/releases";
import { importedJson, importedLine, importedReports } from "~/results/imported.server";
import { formatCount, formatDecimal, formatShare, percentOf } from "~/results/format";
import { isMonth, parsePeriod } from "~/results/period";
import type { MergedQuestion, Report } from "~/results/report";
import { localized, WAVES, type Wave } from "~/survey/definition";
import { requireString, UsageError, type Command } from "../framework";
import { unitOption } from "./units";
import { listUnits } from "~/units/units.server";

function month(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (!isMonth(v)) throw new UsageError(`--${name} must be a month, YYYY-MM`);
  return v;
}

function optional(values: Record<string, unknown>, name: string): string | null {
  const v = values[name];
  return typeof v === "string" && v.trim() ? v.trim() : null;
}

export const report: Command = {
  name: "report",
  summary: "Prints the outcome tables of a survey for a period (small groups hidden).",
  usage:
    "report --survey SLUG [--from YYYY-MM] [--to YYYY-MM | --period 2015|2015-T1|2015-03|R12:2015-06] [--wave closure|followup] [--version N]... [--role R] [--gender G] [--group G] [--referral R] [--unit SLUG] [--json]",
  options: {
    unit: { type: "string" },
    survey: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    period: { type: "string" },
    wave: { type: "string" },
    version: { type: "string", multiple: true },
    role: { type: "string" },
    gender: { type: "string" },
    group: { type: "string" },
    referral: { type: "string" },
    json: { type: "boolean" },
  },
  async run({ values }, ctx) {
    const slug = requireString(values, "survey");
    let from = month(values, "from");
    let to = month(values, "to");
    if (values.period !== undefined) {
      const p = parsePeriod(String(values.period));
      if (!p) throw new UsageError("--period must be a year (2015), a tertial (2015-T1), a month (2015-03) or R12:YYYY-MM");
      if (from || to) throw new UsageError("give --period or --from/--to, not both");
      ({ from, to } = p);
    }
    const wave = values.wave === undefined ? null : String(values.wave);
    if (wave !== null && !(WAVES as readonly string[]).includes(wave))
      throw new UsageError(`--wave must be one of ${WAVES.join(", ")}`);
    const versions = ((values.version as string[] | undefined) ?? []).map((v) => {
      if (!/^\d+$/.test(v)) throw new UsageError(`--version must be a version number, got "${v}"`);
      return Number(v);
    });
    const groups: GroupFilter = {
      role: optional(values, "role"),
      gender: optional(values, "gender"),
      clientGroup: optional(values, "group"),
      referral: optional(values, "referral"),
    };
    try {
      const loaded = await loadSurvey(slug);
      // without --unit: every unit pooled, each cut to its own released blocks
      const unitScope = (await unitOption(values))?.scope;
      const releases = await loadReleases(loaded, undefined, undefined, unitScope, groupDims(groups));
      if (!from || !to) {
        // without a period: everything released so far, so a first look needs no flags. It ends
        // at the last closed month cut to whole blocks, never at the last month with an answer:
        // that moved when one client answered (a review found it)
        const span = await surveyDataMonths(loaded);
        const scope = wave ? [releases.byWave[wave as Wave]] : Object.values(releases.byWave);
        const last = releases.lastClosed;
        const whole = nearestReleased({ from: from ?? (span && span.first <= last ? span.first : last), to: to ?? last }, scope);
        from ??= whole?.from ?? last;
        to ??= whole?.to ?? last;
      }
      if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
      const query = { survey: slug, period: { from, to }, wave: wave as Wave | null, versions, groups, unitScope };
      // the survey's versions are checked before anything is withheld: a typo is a usage error
      const unknown = versions.filter((v) => !loaded.info.versions.some((x) => x.version === v));
      if (unknown.length) throw new ReportInputError(`survey "${slug}" has no published version ${unknown.join(", ")}`);
      const result = await runReleasedReport(query, loaded, releases);
      if (isWithheld(result)) {
        ctx.stdout(values.json ? JSON.stringify({ withheld: true, reason: result.reason }, null, 2) : `Withheld: ${result.reason}`);
        return;
      }
      const units = unitScope ? undefined : await unitSlugs();
      // blocks with answers, as for one unit (a pooled view also sums empty months of each unit)
      const blocks = result.blocks.filter((b) => b.block.n > 0).map((b) => ({ wave: b.wave, from: b.block.from, to: b.block.to, ...(units && b.unitId ? { unit: units.get(b.unitId) } : {}) }));
      // whom we don't reach, as the reach page shows it: codes handed out (activated) and answered
      // by wave, month of hand-out, slip language, group and referral, small rows hidden
      const reach = values.json ? await reachTables({ survey: slug, period: { from, to }, wave: wave as Wave | null, versions, unitScope }, undefined, loaded) : [];
      // published totals from before the app, wholly inside the period: their own field, never mixed into the live counts
      const imported = await importedReports(loaded, { wave: wave as Wave | null, versions, period: { from, to }, groups, unitScope });
      if (values.json) ctx.stdout(JSON.stringify({ ...result.report, blocks, reach, imported: imported.map(importedJson) }, null, 2));
      else ctx.stdout([plainText(result.report, result.questions, localized(result.survey.title, "sv")), ...imported.map(importedLine)].join("\n"));
    } catch (e) {
      if (e instanceof ReportInputError) throw new UsageError(e.message);
      throw e;
    }
  },
};

/** Unit slugs by id, to name a pooled report's blocks; null when the install has one unit. */
async function unitSlugs(): Promise<Map<string, string> | undefined> {
  const units = await listUnits();
  return units.length > 1 ? new Map(units.map((u) => [u.id, u.slug])) : undefined;
}

const pad = (s: string, n: number) => s + " ".repeat(Math.max(0, n - s.length));
const lpad = (s: string, n: number) => " ".repeat(Math.max(0, n - s.length)) + s;

/** The tables as the team publishes them: Swedish labels and numbers, counts beside percentages. */
export function plainText(r: Report, questions: MergedQuestion[], title: string): string {
  const sv = "sv";
  const out: string[] = [
    `${title} (${r.survey})`,
    `Period ${r.from} – ${r.to}; ${r.wave === "closure" ? "avslut" : r.wave === "followup" ? "uppföljning" : "avslut och uppföljning"}; version ${r.versions.join(", ") || "–"}`,
    `Utdelade enkäter: ${formatCount(r.issued, sv)}   Svar: ${formatCount(r.responses, sv)}   Svarsfrekvens: ${formatShare(r.responseRate, sv)}`,
    `Grupper med färre än ${r.minGroupSize} svar visas inte.`,
  ];
  if (r.attributesWithheld !== undefined)
    out.push(`Svar med språk, klientgrupp eller remissväg dold (för få delade värdet): ${r.attributesWithheld === null ? `färre än ${r.minGroupSize} i något block` : formatCount(r.attributesWithheld, sv)}`);
  if (r.suggestion) out.push(`Dolda tabeller: prova en längre period, t.ex. --from ${r.suggestion.from} --to ${r.suggestion.to}.`);
  const table = (labels: { key: string; text: Record<string, string> }[], cells: { key: string; count: number | null; percent: number | null }[], answered: number | null) => {
    const width = Math.max(12, ...cells.map((c) => localized(labels.find((l) => l.key === c.key)?.text ?? {}, sv).length || c.key.length)) + 2;
    const lines = [`  ${pad("Namn", width)}${lpad("Antal", 7)}${lpad("%", 8)}`];
    for (const c of cells) {
      const label = localized(labels.find((l) => l.key === c.key)?.text ?? {}, sv) || c.key;
      lines.push(`  ${pad(label, width)}${lpad(formatCount(c.count, sv), 7)}${lpad(c.percent === null ? "–" : formatDecimal(c.percent, sv), 8)}`);
    }
    lines.push(`  ${pad("Total", width)}${lpad(formatCount(answered, sv), 7)}${lpad(answered ? "100" : "–", 8)}`);
    return lines;
  };
  for (const q of r.questions) {
    const def = questions.find((m) => m.key === q.key)!;
    out.push("", `${localized(def.text, sv)} (${q.key})`);
    if (q.suppressed) {
      out.push(`  Dold: färre än ${r.minGroupSize} har svarat.`);
      continue;
    }
    if (q.options) out.push(...table(def.options, q.options, q.answered));
    for (const row of q.rows ?? []) {
      out.push(`  ${localized(def.rows.find((x) => x.key === row.key)?.text ?? {}, sv) || row.key}`);
      if (row.suppressed) out.push(`    Dold: färre än ${r.minGroupSize} har svarat.`);
      else out.push(...table(def.options, row.options, row.answered).map((l) => "  " + l));
    }
    const pct = percentOf(q.answered ?? 0, q.respondents ?? 0);
    out.push(`  Svarsfrekvens: ${pct === null ? "–" : formatDecimal(pct, sv)} % (${formatCount(q.answered, sv)} av ${formatCount(q.respondents, sv)})`);
  }
  for (const i of r.indicators) {
    out.push("", `Indikator ${i.key}: ${i.suppressed ? "dold (för få svar)" : `${formatShare(i.value, sv)} av ${i.n}, 95 % KI ${formatShare(i.ci95?.[0], sv)}–${formatShare(i.ci95?.[1], sv)}`}; mål ${formatShare(i.target, sv)}: ${STATUS_SV[i.status]}`);
  }
  return out.join("\n");
}

const STATUS_SV = {
  met: "målet nås",
  not_met: "målet nås inte",
  uncertain: "för få svar för att avgöra",
  suppressed: "för få svar för att visa",
} as const;
