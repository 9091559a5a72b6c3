/**
 * Imported totals in the database (decision 0026): the shipped 2015 file gives the README's
 * published tables, the 2014 summary is refused at its 99 % cell, our own download imports back
 * into an empty install as the same tables, and nothing imported can be subtracted, filtered or
 * mistaken for a response.
 */
import fs from "node:fs";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCommandArgs, UsageError } from "~/cli/framework";
import { historyImport, historyList } from "~/cli/commands/history";
import { report } from "~/cli/commands/report";
import { serverT } from "~/i18n/i18n.server";
import { loadSurvey } from "~/results/aggregate.server";
import { reviewTables, toCsv, toXlsx } from "~/results/export.server";
import { checkImport, readImportFile, deleteImported, importedReports, listImported, MAX_IMPORT_UNPACKED_BYTES, saveImport } from "~/results/imported.server";
import { parseImport, problemTexts, readCsv, type Translate } from "~/results/imported";
import { loadReview, parseReviewParams } from "~/results/review.server";
import { loadCompare, parseCompareParams } from "~/results/compare.server";
import { prisma } from "~/utils/db.server";
import { publishedTables } from "../../support/published-2015";
import { addCodeCount, addResponses, respondents, SLUG, versionId } from "../../support/results-fixture";

const EXAMPLE_2015 = "docs/examples/history/2015-closure.csv";
const EXAMPLE_2014 = "docs/examples/history/2014-summary.csv";

async function run(command: typeof report, argv: string[]): Promise<string> {
  const lines: string[] = [];
  await command.run(parseCommandArgs(command, argv), { stdout: (t) => lines.push(t), stdin: async () => "" });
  return lines.join("\n");
}
const rowCounts = async () => ({
  responses: await prisma.response.count(),
  answers: await prisma.answer.count(),
  answerCounts: await prisma.answerCount.count(),
  codeCounts: await prisma.codeCount.count(),
});
const csvBytes = (lines: string[]) => new TextEncoder().encode(lines.join("\r\n"));

/** 22 live closure responses over 2017, in whole release blocks, with their codes. */
async function live2017() {
    const people = respondents(22, {
      role: { subjected: 14, perpetrator: 6, both: 2 },
      gender: { woman: 13, man: 9 },
      method_satisfaction: { yes: 18, partly: 3 },
      violence_stopped: { yes: 14, reduced: 5, no: 2 },
      comments: { text: 7 } as unknown as Record<string, number>,
    }).map((a, i) => ({ ...a, comments: i < 7 ? { text: "tack" } : undefined }));
    const monthOf = [1, 1, 2, 2, 3, 4, 4, 5, 5, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12];
    await addResponses(people.map((answers, i) => ({ version: 2, month: `2017-${String(monthOf[i]).padStart(2, "0")}`, answers })));
    for (let m = 1; m <= 12; m++) await addCodeCount({ version: 2, validMonth: `2017-${String(m).padStart(2, "0")}`, issued: m === 1 ? 3 : 2 });
  }

beforeAll(async () => {
  await versionId(2); // seeds the reference survey
  await live2017();
});

describe("history import of the shipped example files", () => {
  it("imports the 2015 tables: report --json gives the README's published numbers in its imported field", async () => {
    const before = await rowCounts();
    expect(await run(historyImport, [EXAMPLE_2015, "--survey", SLUG])).toMatch(/^imported 2015-01 – 2015-12 closure \(version 2\): 22 responses, 25 handed out, 4 questions$/);
    // aggregates only: not one response, answer or pre-aggregated count appeared
    expect(await rowCounts()).toEqual(before);

    const json = JSON.parse(await run(report, ["--survey", SLUG, "--from", "2015-01", "--to", "2015-12", "--wave", "closure", "--json"]));
    // the documented fields stay the app's own responses: none in 2015
    expect(json).toMatchObject({ from: "2015-01", to: "2015-12", responses: 0 });
    expect(json.imported).toHaveLength(1);
    const imported = json.imported[0];
    const published = await publishedTables();
    expect(imported).toMatchObject({ source: "imported_totals", filterable: false, from: "2015-01", to: "2015-12", wave: "closure", versions: [2] });
    expect(imported).toMatchObject({ issued: published.handedOut, responses: published.returned, responseRate: 0.88 });
    const byKey = Object.fromEntries(imported.questions.map((q: { key: string }) => [q.key, q]));
    for (const t of published.tables) expect(byKey[t.question].options).toEqual(t.rows.map((r) => ({ key: r.option, count: r.count, percent: r.percent })));
    expect(byKey.method_satisfaction).toMatchObject({ respondents: 22, answered: 21, suppressed: false });
    expect(byKey.gender.options).toEqual([
      { key: "woman", count: 13, percent: 59.1 },
      { key: "man", count: 9, percent: 40.9 },
      { key: "other", count: 0, percent: 0 },
    ]);
    // the published tables hold no free text and no violence question: neither is invented
    expect(Object.keys(byKey).sort()).toEqual(["alternative_strategies", "expectations_met", "gender", "method_satisfaction"]);
    expect(imported.indicators).toEqual([]);
    expect(await run(report, ["--survey", SLUG, "--from", "2015-01", "--to", "2015-12", "--wave", "closure"])).toContain(
      "Importerad summa 2015-01 – 2015-12 (avslut, version 2): 22 svar av 25 utdelade",
    );
    expect(JSON.parse(await run(historyList, ["--survey", SLUG, "--json"]))).toEqual([expect.objectContaining({ from: "2015-01", to: "2015-12", responses: 22, issued: 25, file: "2015-closure.csv" })]);
  });

  it("refuses the 2014 summary, naming the 99 % cell, and stores nothing", async () => {
    const before = await prisma.importedPeriod.count();
    const refused = run(historyImport, [EXAMPLE_2014, "--survey", SLUG]);
    await expect(refused).rejects.toThrow(UsageError);
    await expect(refused).rejects.toThrow(/line 12, column “Avslut: %”, table “Hur upplevde du kontakten med Relationsvåldsteamet\?”, row “Tillfredsställande”: 99 % cannot be a whole count of 19/);
    await expect(run(historyImport, [EXAMPLE_2014, "--survey", SLUG, "--lang", "sv"])).rejects.toThrow(/rad 12, .*99 % kan inte vara ett helt antal av 19/);
    expect(await prisma.importedPeriod.count()).toBe(before);
  });

  it("refuses a second import over an imported period of the same wave", async () => {
    await expect(run(historyImport, [EXAMPLE_2015, "--survey", SLUG])).rejects.toThrow(/already an imported period 2015-01 – 2015-12/);
  });
});

describe("imported periods beside live data", () => {
  it("refuses a period reaching into the app's time, naming its first month only: a new answer changes nothing", async () => {
    const file = csvBytes(["Om tabellerna", "Uppgift;Värde", "Period;2018", "Versioner;version 2", "Avslut: Svar;6", "", "Jag är", "Svarsalternativ;Avslut: Antal", "Kvinna;6", "Total;6"]);
    const loaded = await loadSurvey(SLUG);
    const before = await saveImport(loaded, file, "x.csv");
    // each month with answers was named: trying an import told staff a month's first answer
    await addResponses([{ version: 2, month: "2018-03", answers: { method_satisfaction: "yes" } }]);
    const result = await saveImport(loaded, file, "x.csv");
    expect(result.saved).toBe(0);
    expect(result.conflicts).toEqual(before.conflicts);
    expect(result.conflicts).toEqual([{ code: "overlaps_live", values: { from: "2018-01", to: "2018-12", month: "2017-01" } }]);
  });

  it("withholds an imported period of fewer than k responses, and a table answered by fewer than k", async () => {
    const loaded = await loadSurvey(SLUG);
    const small = csvBytes(["Om tabellerna", "Uppgift;Värde", "Period;2012", "Versioner;version 2", "Avslut: Svar;4", "", "Jag är", "Svarsalternativ;Avslut: Antal", "Kvinna;4", "Total;4"]);
    expect((await saveImport(loaded, small, "small.csv")).saved).toBe(1);
    const thin = csvBytes(["Om tabellerna", "Uppgift;Värde", "Period;2013", "Versioner;version 2", "Avslut: Svar;9", "", "Jag är", "Svarsalternativ;Avslut: Antal", "Kvinna;3", "Man;1", "Total;4", "", "Har våldet upphört?", "Svarsalternativ;Avslut: Antal", "Ja, helt;6", "Det har minskat;2", "Nej;1", "Total;9"]);
    expect((await saveImport(loaded, thin, "thin.csv")).saved).toBe(1);
    const json = JSON.parse(await run(report, ["--survey", SLUG, "--from", "2012-01", "--to", "2013-12", "--wave", "closure", "--json"]));
    expect(json.imported[0]).toEqual({ source: "imported_totals", from: "2012-01", to: "2012-12", wave: "closure", versions: [2], filterable: false, withheld: true, reason: expect.stringContaining("fewer than 5") });
    expect(JSON.stringify(json.imported[0])).not.toMatch(/"count"|"responses"/);
    const gender = json.imported[1].questions.find((q: { key: string }) => q.key === "gender");
    expect(gender).toMatchObject({ suppressed: true, answered: null, options: [{ count: null }, { count: null }, { count: null }] });
    expect(json.imported[1].indicators).toEqual([expect.objectContaining({ key: "violence_stopped", n: 9, value: 0.667 })]);
  });

  it("is never cut: a period that takes part of an imported one leaves it out whole", async () => {
    const json = JSON.parse(await run(report, ["--survey", SLUG, "--from", "2015-01", "--to", "2015-06", "--wave", "closure", "--json"]));
    expect(json.imported).toEqual([]);
  });

  it("is not filterable: with a group filter an imported period says so and shows nothing", async () => {
    const json = JSON.parse(await run(report, ["--survey", SLUG, "--from", "2013-01", "--to", "2015-12", "--wave", "closure", "--gender", "woman", "--json"]));
    expect(json.imported.map((x: { withheld: boolean; reason: string }) => [x.withheld, x.reason])).toEqual([
      [true, expect.stringContaining("not filterable")],
      [true, expect.stringContaining("not filterable")],
    ]);
    const review = await loadReview(parseReviewParams(new URL("http://x/admin/results?survey=brukarenkat&scope=range&month=2017-12&from=2017-01&to=2017-12&wave=closure&gender=woman")));
    const points = review!.series.flatMap((s) => s.points.filter((p) => p.imported));
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((p) => p.n === null && p.value === null && p.suppressed)).toBe(true);
    expect(points.filter((p) => p.notFilterable)).toHaveLength(points.length - 1); // the 2012 one is withheld as too small
  });

  it("takes part in the trend: imported points first, marked, then the live blocks", async () => {
    const review = await loadReview(parseReviewParams(new URL("http://x/admin/results?survey=brukarenkat&scope=range&month=2017-12&from=2017-01&to=2017-12&wave=closure")));
    const series = review!.series.find((s) => s.indicator === "violence_stopped" && s.wave === "closure")!;
    expect(series.points.filter((p) => p.imported).map((p) => [p.month, p.to, p.n, p.value, !!p.notInTables])).toEqual([
      ["2012-01", "2012-12", null, null, false],
      ["2013-01", "2013-12", 9, 0.667, false],
      // the published 2015 tables have no violence question: the period is shown, no value invented
      ["2015-01", "2015-12", null, null, true],
    ]);
    expect(series.points.findIndex((p) => !p.imported)).toBe(3);
    expect(review!.imported.map((x) => x.from)).toEqual(["2012-01", "2013-01", "2015-01"]);
    const tables = reviewTables(review!, serverT("sv", "results"), "sv");
    const mine = tables.find((t) => t.name === "Importerade summor (före appen)")!;
    expect(mine.rows.map((r) => r[0])).toEqual([
      "2012-01 – 2012-12 (Importerad summa)",
      "2013-01 – 2013-12 (Importerad summa)",
      "2015-01 – 2015-12 (Importerad summa)",
    ]);
  });
});

describe("version comparison", () => {
  it("lists the imported periods of the chosen versions and wave, each whole and marked", async () => {
    const data = await loadCompare(parseCompareParams(new URL("http://x/admin/compare?survey=brukarenkat&version=2&version=3&wave=closure")));
    expect(data!.imported.map((x) => [x.version, x.from, x.to, x.source, x.report?.responses ?? null])).toEqual([
      [2, "2012-01", "2012-12", "imported_totals", null],
      [2, "2013-01", "2013-12", "imported_totals", 9],
      [2, "2015-01", "2015-12", "imported_totals", 22],
    ]);
    const onlyV3 = await loadCompare(parseCompareParams(new URL("http://x/admin/compare?survey=brukarenkat&version=1&version=3&wave=closure")));
    expect(onlyV3!.imported).toEqual([]);
    const followup = await loadCompare(parseCompareParams(new URL("http://x/admin/compare?survey=brukarenkat&wave=followup")));
    expect(followup!.imported).toEqual([]);
  });
});

describe("round trip: our own download of a period imports into an empty install as the same tables", () => {
  const query = "http://x/admin/results?survey=brukarenkat&scope=range&month=2017-12&from=2017-01&to=2017-12&wave=closure&version=2";

  for (const format of ["csv", "xlsx"] as const)
    it(`as ${format.toUpperCase()}`, async () => {
      const loaded = await loadSurvey(SLUG);
      const live = await loadReview(parseReviewParams(new URL(query)));
      const original = live!.columns.find((c) => c.wave === "closure")!.report;
      expect(original.responses).toBe(22);
      const tables = reviewTables(live!, serverT("sv", "results"), "sv");
      const bytes = format === "csv" ? new TextEncoder().encode(toCsv(tables, "sv")) : new Uint8Array(await toXlsx(tables));

      // while the months hold live answers the download is refused: never two sources for one month
      const refused = await saveImport(loaded, bytes, `export.${format}`);
      expect(refused.conflicts.map((c) => c.code)).toEqual(["overlaps_live"]);

      // an empty install: the same survey, no live data in those months
      const saved = { responses: await prisma.response.findMany({ where: { month: { startsWith: "2017" } }, include: { answers: true } }) };
      await prisma.answerCount.deleteMany({ where: { month: { startsWith: "2017" } } });
      await prisma.response.deleteMany({ where: { month: { startsWith: "2017" } } });
      await prisma.codeCount.deleteMany({ where: { validMonth: { startsWith: "2017" } } });
      try {
        const result = await saveImport(loaded, bytes, `export.${format}`);
        expect([...result.problems, ...result.conflicts]).toEqual([]);
        expect(result.saved).toBe(1);
        const [back] = await importedReports(loaded, { wave: "closure", versions: [2], period: { from: "2017-01", to: "2017-12" } });
        const r = back!.report!;
        expect([r.responses, r.issued, r.responseRate]).toEqual([original.responses, original.issued, original.responseRate]);
        const shown = original.questions.filter((q) => !q.suppressed);
        expect(r.questions.map((q) => q.key).sort()).toEqual(shown.map((q) => q.key).sort());
        for (const q of shown) expect(r.questions.find((x) => x.key === q.key)).toEqual(q);
        expect(r.indicators).toEqual(original.indicators);
        await deleteImported(loaded, back!.id);
      } finally {
        expect(saved.responses).toHaveLength(22);
        await addResponses(
          saved.responses.map((s) => ({
            version: 2,
            month: s.month,
            answers: Object.fromEntries(s.answers.map((a) => [a.questionKey, a.text !== null ? { text: a.text } : a.optionKey])),
          })),
        );
        for (let m = 1; m <= 12; m++) await addCodeCount({ version: 2, validMonth: `2017-${String(m).padStart(2, "0")}`, issued: m === 1 ? 3 : 2 });
      }
      expect((await listImported(loaded)).some((x) => x.from === "2017-01")).toBe(false);
    });
});

describe("uploads that hurt: refused before they cost memory or time, and nothing stored", () => {
  const xlsx = async (fill: (ws: ExcelJS.Worksheet) => void) => {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet("Om tabellerna"));
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const refusal = async (bytes: Uint8Array) => {
    const before = await prisma.importedPeriod.count();
    const result = await saveImport(await loadSurvey(SLUG), bytes, "attack.xlsx");
    expect(await prisma.importedPeriod.count()).toBe(before);
    return [...result.problems, ...result.conflicts].map((p) => p.code);
  };

  it("a 7 kB sheet with a cell at XFD1048576 (17 billion cells to walk)", async () => {
    const bytes = await xlsx((ws) => {
      ws.getCell("A1").value = "Uppgift";
      ws.getCell("XFD1048576").value = 1;
    });
    expect(bytes.length).toBeLessThan(10_000);
    expect(await refusal(bytes)).toEqual(["too_many_cells"]);
  });

  it("a zip bomb: a workbook that unpacks past the bound", async () => {
    const bytes = await xlsx((ws) => {
      ws.getCell("A1").value = "a".repeat(MAX_IMPORT_UNPACKED_BYTES + 1);
    });
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    expect(await refusal(bytes)).toEqual(["too_many_cells"]);
  });

  it("a zip that understates how large its entries unpack", async () => {
    const bytes = await xlsx((ws) => {
      ws.getCell("A1").value = "a".repeat(1_000_000);
    });
    // every central-directory entry claims to unpack to 100 bytes
    for (let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4))
      bytes.writeUInt32LE(100, at + 24);
    expect(await refusal(bytes)).toEqual(["too_many_cells"]);
  });

  it("a file that starts like a zip and is not one", async () => {
    expect(await refusal(new TextEncoder().encode("PK this is no workbook"))).toEqual(["not_a_workbook"]);
  });

  it("a 2 MB CSV of percentages of a Total of 9 999 999 is refused, each cell named by its run of counts", async () => {
    const rows = ["Uppgift;Värde", "Period;2013-01 – 2013-12", "Versioner;version 2", "Avslut: Svar;9999999", "", "Jag är", "Svarsalternativ;Avslut: Antal;Avslut: %"];
    const bytes = csvBytes([...rows, ...Array.from({ length: 150_000 }, () => "Kvinna;;50"), "Total;9999999;100"]);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const check = await checkImport(await loadSurvey(SLUG), bytes);
    expect(check.problems.length).toBeGreaterThan(100_000);
    expect(check.problems[0]).toMatchObject({ code: "percent_ambiguous", values: { counts: "4950000–5049999" } });
    // the page (and the command's message) lists 50 and says how many more, not a line per cell
    const shown = problemTexts(check.problems, serverT("en", "history") as unknown as Translate);
    expect(shown).toHaveLength(51);
    expect(shown[0]).toContain("could be several counts (4950000–5049999)");
    expect(shown[50]).toBe(`… and ${check.problems.length - 50} more problems of the same file.`);
  });
});

/**
 * The 2015 file as a colleague has it after opening the CSV in Swedish Excel and saving it as XLSX:
 * one sheet, counts as numbers, percentages as numbers formatted "0 %" or "0,0 %", the Total a SUM.
 */
async function asExcelWorkbook(csv: string, total: (sum: string, result: number) => ExcelJS.CellValue): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("2015-closure");
  let percentColumns: number[] = [];
  let firstOptionRow = 0;
  for (const { cells } of readCsv(csv).rows) {
    const row = ws.addRow(cells.map((c) => (/^\d+$/.test(c) ? Number(c) : c)));
    if (cells.some((c) => c.endsWith(": %"))) {
      percentColumns = cells.flatMap((c, i) => (c.endsWith(": %") ? [i + 1] : []));
      firstOptionRow = row.number + 1;
    } else if (cells.length < 2) percentColumns = [];
    for (const col of percentColumns) {
      const text = cells[col - 1];
      if (!text || !/^\d/.test(text)) continue;
      row.getCell(col).value = Number(text.replace(",", ".")) / 100;
      row.getCell(col).numFmt = text.includes(",") ? "0.0%" : "0%";
    }
    if (cells[0] === "Total" && cells[1]) {
      const sum = `SUM(B${firstOptionRow}:B${row.number - 1})`;
      row.getCell(2).value = total(sum, Number(cells[1]));
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("a file as Swedish Excel saves it", () => {
  const csv = () => fs.readFileSync(EXAMPLE_2015, "utf8");
  const definitions = async () => (await loadSurvey(SLUG)).definitions.map((d) => d.def);

  it("reads the CSV saved again as one XLSX sheet (numbers, percent formats, SUM totals) as the same counts", async () => {
    const fromCsv = parseImport([readCsv(csv())], await definitions());
    // the gender table's note deleted: its blank row then leads to the next table's title
    const bytes = await asExcelWorkbook(csv().replace(/^Rapporten anger.*\r?\n/m, ""), (formula, result) => ({ formula, result }));
    const fromXlsx = parseImport(await readImportFile(bytes), await definitions());
    expect(fromXlsx.problems).toEqual([]);
    expect(fromXlsx.periods.map(({ counts, responses, issued }) => ({ counts, responses, issued }))).toEqual(
      fromCsv.periods.map(({ counts, responses, issued }) => ({ counts, responses, issued })),
    );
  });

  it("refuses a formula cell that holds no computed value, naming it, rather than reading it as empty", async () => {
    const bytes = await asExcelWorkbook(csv(), (formula) => ({ formula }) as ExcelJS.CellFormulaValue);
    const result = parseImport(await readImportFile(bytes), await definitions());
    expect(result.periods).toEqual([]);
    expect(result.problems[0]).toMatchObject({ code: "not_a_count", cell: { row: "Total" } });
  });

  it("reads a semicolon CSV saved as Windows-1252 (not UTF-8) like the same file in UTF-8", async () => {
    const text = fs.readFileSync(EXAMPLE_2015, "utf8").replace(/^\uFEFF/, "").replace(/–/g, "-");
    const loaded = await loadSurvey(SLUG);
    const utf8 = await checkImport(loaded, new TextEncoder().encode(text));
    const ansi = await checkImport(loaded, new Uint8Array(Buffer.from(text, "latin1")));
    expect(utf8.problems).toEqual([]);
    expect(ansi.problems).toEqual([]);
    expect(ansi.periods).toEqual(utf8.periods);
  });
});
