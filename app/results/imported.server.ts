/**
 * Imported totals in the database (docs/decisions/0026-imported-totals.md): reading an uploaded
 * CSV or XLSX (imported.ts), refusing periods that overlap live data or another import, storing
 * the counts in ImportedPeriod/ImportedCount (never Response/Answer), and the same
 * disclosure-controlled Report for every view that shows them.
 */
import { DEFAULT_UNIT, type UnitScope } from "~/units/scope";
import ExcelJS from "exceljs";
import zlib from "node:zlib";
import type { VersionDefinition, Wave } from "~/survey/definition";
import { prisma } from "~/utils/db.server";
import { chosenVersions, minGroupSize, surveyDataMonths, type GroupFilter, type loadSurvey } from "./aggregate.server";
import { parseImport, readCsv, type ImportProblem, type ParseOptions, type ParseResult, type ParsedPeriod, type Sheet } from "./imported";
import type { Period } from "./period";
import { buildReport, mergeQuestions, type MergedQuestion, type Report } from "./report";

type Loaded = Awaited<ReturnType<typeof loadSurvey>>;

/** Larger than any published table needs; an upload over it is refused before it is read. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/**
 * Bounds of an XLSX once unpacked: far above any published table (the 2015 tables are 40 rows),
 * far below what hurts. 2 MB of zip can inflate a thousandfold, and a cell placed at XFD1048576
 * makes a 7 kB sheet 17 billion cells wide and deep.
 */
export const MAX_IMPORT_UNPACKED_BYTES = 32 * 1024 * 1024;
export const MAX_IMPORT_CELLS = 100_000;

/** An upload that is refused before any table is read in it. */
export class UnreadableImport extends Error {
  constructor(readonly code: "not_a_workbook" | "too_many_cells") {
    super(code);
  }
}

/** The file's cells: XLSX by its zip signature, anything else as delimited text. */
export async function readImportFile(bytes: Uint8Array): Promise<Sheet[]> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readXlsx(bytes);
  return [readCsv(decodeText(bytes))];
}

/** UTF-8 (ours, with its BOM); a file that is not is Excel's "CSV (semikolonavgränsad)", saved as Windows-1252. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/**
 * Inflates every entry the zip's central directory names (as the XLSX reader will), each no
 * further than the size it declares and all together no further than the bound: a zip bomb, or
 * one that understates its sizes, is refused before exceljs unpacks it whole into memory.
 */
function checkUnpackedSize(zip: Buffer): void {
  try {
    const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (end < 0) throw new Error("no end of central directory");
    let at = zip.readUInt32LE(end + 16);
    let total = 0;
    for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
      if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("no central directory entry");
      const [method, packed, size, local] = [zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 20), zip.readUInt32LE(at + 24), zip.readUInt32LE(at + 42)];
      total += size;
      // 0xFFFFFFFF is a ZIP64 size: larger than the bound anyway
      if (total > MAX_IMPORT_UNPACKED_BYTES) throw new UnreadableImport("too_many_cells");
      const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      if (method === 8) zlib.inflateRawSync(zip.subarray(data, data + packed), { maxOutputLength: Math.max(1, size) });
      else if (method !== 0) throw new Error("unknown compression");
      at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
  } catch (e) {
    if (e instanceof UnreadableImport) throw e;
    // inflating past the declared size (RangeError) is the same bomb, told it is smaller
    throw new UnreadableImport(e instanceof RangeError && /larger than/i.test(e.message) ? "too_many_cells" : "not_a_workbook");
  }
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet[]> {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  checkUnpackedSize(zip);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(zip as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableImport("not_a_workbook");
  }
  // the grid is walked cell by cell below: bound it by its extent, not by the cells the file holds
  if (wb.worksheets.reduce((sum, ws) => sum + ws.rowCount * ws.columnCount, 0) > MAX_IMPORT_CELLS) throw new UnreadableImport("too_many_cells");
  return wb.worksheets.map((ws) => {
    const width = ws.columnCount;
    const rows = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
      // trailing empties are padding, except inside a table (a hidden cell keeps its column)
      while (cells.length > 1 && cells[cells.length - 1] === "" && cells.slice(1).every((x) => x === "")) cells.pop();
      rows.push({ ref: r, cells: cells.length === 1 && cells[0] === "" ? [] : cells });
    }
    return { name: ws.name, rows };
  });
}

/** A number as its format shows it: a percentage cell (0.857 shown as 85,7 %) as the percentage, with its decimals. */
function numberText(v: number, numFmt: string | undefined): string {
  if (!numFmt?.includes("%")) return String(v);
  const digits = /0\.(0+)/.exec(numFmt)?.[1]?.length ?? 0;
  return (v * 100).toFixed(digits);
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return numberText(v, cell.numFmt);
  if (typeof v === "object" && "richText" in v) return v.richText.map((p) => p.text).join("").trim();
  // a formula counts by the value Excel computed and saved with it; without one it stays the formula, refused where a number belongs
  if (typeof v === "object" && ("formula" in v || "sharedFormula" in v)) {
    const result = v.result;
    if (result === undefined || result === null) return `=${"formula" in v ? v.formula : v.sharedFormula}`;
    return typeof result === "number" ? numberText(result, cell.numFmt) : String(result).trim();
  }
  return String(cell.text ?? v).trim();
}

/** Refusals that need the database: live months inside a period, or an import of the same wave overlapping it. */
async function conflicts(loaded: Loaded, periods: ParsedPeriod[]): Promise<ImportProblem[]> {
  const problems: ImportProblem[] = [];
  // the app's first month (codes or answers) alone: each month with answers was named once, which
  // told a month's first answer (the open month's too) to whoever tried an import of it
  const first = (await surveyDataMonths(loaded))?.first;
  for (const p of periods) {
    if (first && p.to >= first) problems.push({ code: "overlaps_live", values: { from: p.from, to: p.to, month: first } });
    const other = await prisma.importedPeriod.findFirst({
      where: { surveyVersion: { surveyId: loaded.info.id }, wave: p.wave, fromMonth: { lte: p.to }, toMonth: { gte: p.from } },
    });
    if (other) problems.push({ code: "overlaps_imported", values: { from: other.fromMonth, to: other.toMonth, wave: p.wave } });
  }
  return problems;
}

export type ImportCheck = ParseResult & { conflicts: ImportProblem[] };

/** Everything an upload would store, and everything that refuses it; stores nothing. */
export async function checkImport(loaded: Loaded, bytes: Uint8Array, opts: ParseOptions = {}): Promise<ImportCheck> {
  let sheets: Sheet[];
  try {
    sheets = await readImportFile(bytes);
  } catch (e) {
    if (e instanceof UnreadableImport) return { periods: [], problems: [{ code: e.code }], ignoredTables: [], conflicts: [] };
    throw e;
  }
  const parsed = parseImport(sheets, loaded.definitions.map((d) => d.def), opts);
  return { ...parsed, conflicts: parsed.problems.length ? [] : await conflicts(loaded, parsed.periods) };
}

/** Stores the file's periods in one transaction, or nothing (the problems are returned). */
export async function saveImport(loaded: Loaded, bytes: Uint8Array, source: string, opts: ParseOptions = {}): Promise<ImportCheck & { saved: number }> {
  const check = await checkImport(loaded, bytes, opts);
  if (check.problems.length || check.conflicts.length || check.periods.length === 0) return { ...check, saved: 0 };
  await prisma.$transaction(
    check.periods.map((p) =>
      prisma.importedPeriod.create({
        data: {
          surveyVersionId: loaded.definitions.find((d) => d.def.version === p.version)!.id,
          wave: p.wave,
          fromMonth: p.from,
          toMonth: p.to,
          issued: p.issued,
          responses: p.responses,
          source: source.slice(0, 200),
          counts: { create: p.counts },
        },
      }),
    ),
  );
  return { ...check, saved: check.periods.length };
}

export async function deleteImported(loaded: Loaded, id: string): Promise<boolean> {
  const { count } = await prisma.importedPeriod.deleteMany({ where: { id, surveyVersion: { surveyId: loaded.info.id } } });
  return count > 0;
}

export type ImportedWithheld = { withheld: true; reason: string };

/** An imported period as every view shows it: marked, whole, never filterable by group. */
export type ImportedReport = {
  id: string;
  /** what these numbers are: published totals, not responses collected by the app */
  source: "imported_totals";
  file: string;
  from: string;
  to: string;
  wave: Wave;
  version: number;
  /** imported periods hold no groups: any group filter leaves them out, said so */
  filterable: false;
  /** null when a group filter is set, or when the period is withheld */
  report: Report | null;
  /** the version's wording of the report's questions */
  questions: MergedQuestion[];
  withheld: ImportedWithheld | null;
};

export type ImportedQuery = {
  wave: Wave | null;
  versions?: number[] | null;
  /** only periods wholly inside it: a period is never cut, so two ranges cannot be subtracted down into one */
  period?: Period;
  groups?: GroupFilter;
  questionKeys?: string[];
  minGroupSize?: number;
  /** imported totals are the install's first team's (the default unit): any other scope leaves them out, like a group */
  unitScope?: UnitScope;
};

const hasGroup = (g: GroupFilter | undefined) => !!g && Object.values(g).some(Boolean);
const outsideDefaultUnit = (scope: UnitScope | undefined) => !!scope && (scope.unitIds.length !== 1 || scope.unitIds[0] !== DEFAULT_UNIT);

/** What a report of an imported period is made of, stored or only parsed (the preview). */
type PeriodCounts = Pick<ParsedPeriod, "from" | "to" | "issued" | "responses" | "counts"> & { id: string; file: string; wave: string };

/** The survey's imported periods for a query, oldest first, each a disclosure-controlled report. */
export async function importedReports(loaded: Loaded, q: ImportedQuery): Promise<ImportedReport[]> {
  const chosen = chosenVersions(loaded, q.versions);
  const rows = await prisma.importedPeriod.findMany({
    where: {
      surveyVersionId: { in: chosen.map((d) => d.id) },
      ...(q.wave ? { wave: q.wave } : {}),
      ...(q.period ? { fromMonth: { gte: q.period.from }, toMonth: { lte: q.period.to } } : {}),
    },
    include: { counts: true },
    orderBy: [{ fromMonth: "asc" }, { wave: "asc" }],
  });
  return rows.map((p) =>
    importedReport(loaded, chosen.find((d) => d.id === p.surveyVersionId)!.def, { ...p, file: p.source, from: p.fromMonth, to: p.toMonth }, q),
  );
}

/** The preview of an upload: exactly what the views will show once it is stored. */
export function previewReports(loaded: Loaded, periods: ParsedPeriod[]): ImportedReport[] {
  return periods.map((p, i) =>
    importedReport(loaded, loaded.definitions.find((d) => d.def.version === p.version)!.def, { ...p, id: `preview-${i}`, file: "" }, { wave: p.wave }),
  );
}

function importedReport(loaded: Loaded, def: VersionDefinition, p: PeriodCounts, q: ImportedQuery): ImportedReport {
  const k = minGroupSize(q.minGroupSize);
  const wave = p.wave as Wave;
  const base = { id: p.id, source: "imported_totals" as const, file: p.file, from: p.from, to: p.to, wave, version: def.version, filterable: false as const };
  // a period of fewer than k respondents is one small group: nothing of it is shown
  if (p.responses > 0 && p.responses < k)
    return { ...base, report: null, questions: [], withheld: { withheld: true, reason: `fewer than ${k} responses in the imported period` } };
  if (hasGroup(q.groups) || outsideDefaultUnit(q.unitScope)) return { ...base, report: null, questions: [], withheld: null };
  const keys = new Set(p.counts.map((c) => c.questionKey));
  const questions = mergeQuestions([def], wave).filter((m) => keys.has(m.key) && (!q.questionKeys || q.questionKeys.includes(m.key)));
  const report = buildReport({
    survey: loaded.info.slug,
    period: { from: p.from, to: p.to },
    wave,
    versions: [def.version],
    questions,
    indicators: loaded.info.indicators,
    counts: {
      responses: [{ version: def.version, wave, n: p.responses }],
      options: p.counts.filter((c) => c.optionKey !== ""),
      answered: p.counts.filter((c) => c.optionKey === "" && c.rowKey === "").map((c) => ({ questionKey: c.questionKey, n: c.n })),
      issued: p.issued,
    },
    minGroupSize: k,
  });
  return { ...base, report, questions, withheld: null };
}

/** The imported periods of a survey for the list on the import page. */
export async function listImported(loaded: Loaded) {
  const rows = await prisma.importedPeriod.findMany({
    where: { surveyVersion: { surveyId: loaded.info.id } },
    include: { surveyVersion: { select: { version: true } } },
    orderBy: [{ fromMonth: "asc" }, { wave: "asc" }],
  });
  return rows.map((r) => ({ id: r.id, from: r.fromMonth, to: r.toMonth, wave: r.wave as Wave, version: r.surveyVersion.version, issued: r.issued, responses: r.responses, file: r.source }));
}

/**
 * An imported period in `report --json` (its own `imported` array: the existing fields stay the
 * live responses'): the report's fields, marked with source "imported_totals" and filterable false.
 */
export function importedJson(x: ImportedReport) {
  const head = { source: x.source, from: x.from, to: x.to, wave: x.wave, versions: [x.version], filterable: x.filterable };
  if (x.withheld) return { ...head, withheld: true, reason: x.withheld.reason };
  if (!x.report) return { ...head, withheld: true, reason: "imported totals hold no groups or units: not filterable" };
  const { issued, responses, responseRate, minGroupSize: k, questions, indicators } = x.report;
  return { ...head, issued, responses, responseRate, minGroupSize: k, questions, indicators };
}

/** One line for the plain-text report (Swedish, like the rest of it). */
export function importedLine(x: ImportedReport): string {
  const head = `Importerad summa ${x.from} – ${x.to} (${x.wave === "closure" ? "avslut" : "uppföljning"}, version ${x.version})`;
  if (!x.report) return `${head}: ${x.withheld ? "dold (för få svar)" : "inga grupper: kan inte filtreras"}`;
  const inds = x.report.indicators.map((i) => `${i.key} ${i.suppressed || i.value === null ? "–" : `${Math.round(i.value * 1000) / 10} % av ${i.n}`}`);
  return `${head}: ${x.report.responses} svar av ${x.report.issued ?? "–"} utdelade${inds.length ? `; ${inds.join("; ")}` : ""}`;
}
