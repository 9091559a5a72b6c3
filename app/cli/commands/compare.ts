import type { Verdict } from "~/results/compare";
import { CompareInputError, runComparison, type Comparison } from "~/results/compare.server";
import { loadSurvey } from "~/results/aggregate.server";
import { importedJson, importedReports } from "~/results/imported.server";
import { formatCount, formatDecimal, formatShare } from "~/results/format";
import { isWithheld } from "~/results/release.server";
import { isMonth } from "~/results/period";
import type { KeyClass } from "~/results/compare";
import { localized, WAVES, type Wave } from "~/survey/definition";
import { unitOption } from "./units";
import { requireString, UsageError, type Command } from "../framework";

function month(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (!isMonth(v)) throw new UsageError(`--${name} must be a month, YYYY-MM`);
  return v;
}

/** "1,2,3" or "all". */
export function parseVersions(spec: string): number[] | "all" {
  if (spec.trim().toLowerCase() === "all") return "all";
  const parts = spec.split(",").map((s) => s.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) throw new UsageError(`--versions must be version numbers such as 1,2,3 or "all", got "${spec}"`);
  return parts.map(Number);
}

export const compare: Command = {
  name: "compare",
  summary: "Compares questionnaire versions side by side, pooled, and closure vs follow-up (small groups hidden).",
  usage: "compare --survey SLUG [--versions 1,2,3|all] [--wave closure|followup] [--from YYYY-MM] [--to YYYY-MM] [--unit SLUG] [--json]",
  options: {
    unit: { type: "string" },
    survey: { type: "string" },
    versions: { type: "string" },
    wave: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    json: { type: "boolean" },
  },
  async run({ values }, ctx) {
    const slug = requireString(values, "survey");
    // without --versions: the versions with answers in the period, as on /admin/compare
    const versions = values.versions === undefined ? "answered" : parseVersions(requireString(values, "versions"));
    const from = month(values, "from");
    const to = month(values, "to");
    if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    const wave = values.wave === undefined ? "closure" : String(values.wave);
    if (!(WAVES as readonly string[]).includes(wave)) throw new UsageError(`--wave must be one of ${WAVES.join(", ")}`);
    try {
      const unitScope = (await unitOption(values))?.scope;
      const result = await runComparison({ survey: slug, versions, wave: wave as Wave, from, to, unitScope });
      if (isWithheld(result)) {
        ctx.stdout(values.json ? JSON.stringify({ withheld: true, reason: result.reason }, null, 2) : `Withheld: ${result.reason}`);
        return;
      }
      const { comparison, classes } = result;
      // published totals from before the app, per version: an added field, the comparison's own stay as they were
      const imported = values.json ? await importedReports(await loadSurvey(slug), { wave: wave as Wave, versions: comparison.versions, unitScope }) : [];
      ctx.stdout(values.json ? JSON.stringify({ ...comparison, imported: imported.map(importedJson) }, null, 2) : plainText(comparison, classes));
    } catch (e) {
      if (e instanceof CompareInputError) throw new UsageError(e.message);
      throw e;
    }
  },
};

const sv = "sv";
const WHERE_SV: Record<string, string> = { closure: "vid avslut", followup: "vid uppföljningen", pooled: "sammanslaget" };
const whereSv = (column: string) => WHERE_SV[column] ?? `i version ${column}`;

function verdictSv(v: Verdict | null, columns: number): string {
  if (!v) return "";
  if (v.kind === "too_few") return "för få svar för att jämföra";
  if (v.kind === "no_clear_difference") return "ingen tydlig skillnad";
  return v.pairs.map((p) => (columns === 2 ? `högre ${whereSv(p.higher)}` : `högre ${whereSv(p.higher)} än ${whereSv(p.lower)}`)).join("; ");
}

type Parts = NonNullable<Comparison["questions"][number]["parts"]>;

/** Swedish text for a terminal: counts beside percentages and intervals, a verdict per option. */
export function plainText(c: Comparison, classes: KeyClass[]): string {
  const name = (key: string) => localized(classes.find((x) => x.key === key)?.text ?? {}, sv) || key;
  const option = (q: string, key: string) => localized(classes.find((x) => x.key === q)?.options.find((o) => o.key === key)?.text ?? {}, sv) || key;
  const row = (q: string, key: string) => localized(classes.find((x) => x.key === q)?.rows.find((o) => o.key === key)?.text ?? {}, sv) || key;
  const cell = (n: number | null, pct: number | null, ci: [number, number] | null) =>
    n === null ? "–" : `${n} (${formatDecimal(pct, sv)} %, ${formatShare(ci?.[0], sv)}–${formatShare(ci?.[1], sv)})`;
  const tables = (q: string, parts: Parts, label: (col: string) => string) => {
    const lines: string[] = [];
    for (const p of parts) {
      if (p.row) lines.push(`  ${row(q, p.row)}`);
      lines.push(`    Besvarad av: ${p.columns.map((col) => `${label(col.column)}: ${col.notAsked ? "ställs inte" : formatCount(col.answered, sv)}`).join(", ")}`);
      const hidden = p.columns.filter((col) => col.suppressed).map((col) => label(col.column));
      if (hidden.length) lines.push(`    Dolt (färre än ${c.minGroupSize} svar, eller för att en dold siffra inte ska kunna räknas fram): ${hidden.join(", ")}`);
      for (const o of p.options)
        lines.push(
          `    ${option(q, o.key)}: ${o.cells.map((x) => `${label(x.column)}: ${cell(x.count, x.percent, x.ci95)}`).join(" | ")}${o.verdict ? ` → ${verdictSv(o.verdict, o.cells.length)}` : ""}`,
        );
    }
    return lines;
  };
  const v = (col: string) => `v${col}`;
  const w = (col: string) => (col === "closure" ? "avslut" : col === "followup" ? "uppföljning" : col);
  const out: string[] = [
    `Jämförelse av versioner ${c.versions.join(", ")} (${c.survey}), ${c.from} – ${c.to}, ${c.wave === "closure" ? "avslut" : "uppföljning"}`,
    `Svar: ${c.responses.map((r) => `version ${r.column} ${formatCount(r.n, sv)}`).join(", ")}. Grupper med färre än ${c.minGroupSize} svar visas inte.`,
    "Skillnad anges bara där 95 %-intervallen inte överlappar.",
    ...c.withheld.map((w) => `Dold kolumn ${w.column}: ${w.reason}`),
  ];
  out.push("", "Sammanfattning (andel för första svarsalternativet, indikatorn först):");
  for (const line of c.summary) {
    const label = line.kind === "indicator" ? `Indikator ${line.key}` : line.row ? `${name(line.question)} – ${row(line.question, line.row)}` : name(line.question);
    const cells = line.cells.map((x) => `v${x.column}: ${x.notAsked ? "ställs inte" : x.hidden ? "dold" : `${formatDecimal(x.percent, sv)} %`}`);
    out.push(`  ${label}: ${cells.join(" | ")} → ${verdictSv(line.verdict, line.cells.filter((x) => !x.notAsked).length)}`);
  }
  if (c.detectable)
    out.push(
      c.detectable.points === null
        ? `Med ${c.detectable.n[0]} och ${c.detectable.n[1]} svar hade ingen skillnad alls kunnat synas.`
        : `Med ${c.detectable.n[0]} och ${c.detectable.n[1]} svar hade bara en skillnad på mer än ungefär ${c.detectable.points} procentenheter kunnat synas.`,
    );
  const noAnswers = c.versions.filter((v) => !c.answered.includes(v));
  if (noAnswers.length) out.push(`Inga svar under perioden: version ${noAnswers.join(", ")}.`);
  out.push("", "Frågor som jämförs (mellan versionerna med svar som ställer frågan):");
  for (const q of c.questions.filter((x) => x.status === "shared")) {
    out.push("", `${name(q.key)} (${q.key})${q.reworded ? " – omformulerad mellan versionerna" : ""}`);
    if (!q.parts) out.push("  Ställs inte vid detta tillfälle.");
    else out.push(...tables(q.key, q.parts, v));
  }
  const apart = c.questions.filter((x) => x.status !== "shared");
  if (apart.length) {
    out.push("", "Frågor som inte jämförs (i färre än två versioner med svar, eller med ändrade svarsalternativ):");
    for (const q of apart) out.push(`  ${q.key}: version ${q.inVersions.join(", ")}${q.status === "not_comparable" ? " (ändrade svarsalternativ)" : ""}`);
  }
  out.push("", `Sammanslaget, version ${c.pooled.versions.join(", ")} (${formatCount(c.pooled.responses, sv)} svar):`);
  for (const q of c.pooled.questions) out.push(`${name(q.key)}`, ...tables(q.key, q.parts, () => "alla"));
  out.push("", "Avslut och uppföljning efter sex månader (två olika grupper av svarande, aldrig kopplade per klient):");
  for (const q of c.waves.questions) out.push(`${name(q.key)}`, ...tables(q.key, q.parts, w));
  for (const i of c.waves.indicators)
    out.push(
      "",
      `Indikator ${i.key}: ${i.cells.map((x) => `${w(x.column)}: ${x.suppressed || x.value === null ? "dold" : `${formatShare(x.value, sv)} av ${x.n}, 95 % KI ${formatShare(x.ci95?.[0], sv)}–${formatShare(x.ci95?.[1], sv)}`}`).join(" | ")} → ${verdictSv(i.verdict, i.cells.length)}`,
    );
  return out.join("\n");
}
