import { beforeAll, describe, expect, it } from "vitest";
import { startSession } from "~/auth/session.server";
import { createUser } from "~/auth/users.server";
import { loader as exportLoader } from "~/routes/admin.results.export";
import { loader as reviewLoader } from "~/routes/admin.results._index";
import { addCodeCount, addResponses, respondents } from "../../support/results-fixture";
import { csvBlocks, csvNumber, excelReadsAsDate, readCsvLikeExcel, readXlsx, values, type Sheet } from "../../support/spreadsheet";

let cookie = "";

beforeAll(async () => {
  const user = await createUser({ email: "export@example.se", role: "staff", password: "right-password-1" });
  const login = await startSession(user.id, "/admin");
  cookie = login.headers.get("Set-Cookie")!.split(";")[0]!;
  await addResponses(
    respondents(7, { method_satisfaction: { yes: 6, partly: 1 }, violence_stopped: { yes: 5, no: 2 }, comments: {} }).map((answers, i) => ({
      version: 2,
      month: "2019-04",
      answers: i < 2 ? { ...answers, comments: { text: `svar ${i}` } } : answers,
    })),
  );
  await addResponses([{ version: 2, wave: "followup", month: "2019-04", answers: { method_satisfaction: "no", violence_stopped: "no" } }]);
  await addCodeCount({ version: 2, validMonth: "2019-04", issued: 9 });
  // whom we don't reach: nine Tigrinya codes, none answered; three from the police, a group too small to show
  await addCodeCount({ version: 2, validMonth: "2019-04", issued: 6, lang: "ti", referral: "self" });
  await addCodeCount({ version: 2, validMonth: "2019-04", issued: 3, lang: "ti", referral: "police" });
});

/** The CSV as Excel reads it, split into its tables. */
async function csvTables(res: Response): Promise<string[][][]> {
  return csvBlocks(readCsvLikeExcel(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer())));
}

/**
 * Every table of a download has a name for each column and no row wider than its header: its
 * header is the first row of more than one cell (title and note lines are one cell wide).
 */
function expectNamedColumns(tables: string[][][]) {
  for (const tb of tables) {
    const header = tb.find((r) => r.length > 1)!;
    expect(header, JSON.stringify(tb[0])).toBeDefined();
    expect(header.filter((h) => h.trim() === ""), `nameless column in ${JSON.stringify(header)}`).toEqual([]);
    for (const r of tb.filter((x) => x.length > 1)) expect(r.length, JSON.stringify(r)).toBe(header.length);
  }
}

/** Each sheet's header row (the row under the frozen pane's edge) names every column, and the rows are no wider. */
function expectFrozenNamedHeaders(sheets: Sheet[]) {
  for (const sheet of sheets) {
    expect(sheet.frozenRows, sheet.name).toBeGreaterThan(0);
    const header = sheet.rows[sheet.frozenRows - 1]!.map((c) => c.value);
    expect(header.length, sheet.name).toBeGreaterThan(1);
    expect(header.every((h) => typeof h === "string" && h.trim() !== ""), `${sheet.name}: ${JSON.stringify(header)}`).toBe(true);
    for (const r of sheet.rows) expect(r.length, `${sheet.name}: ${JSON.stringify(r.map((c) => c.value))}`).toBeLessThanOrEqual(header.length);
  }
}

const get = (loader: (args: Parameters<typeof exportLoader>[0]) => Promise<unknown>, query: string, withCookie = true) =>
  loader({
    request: new Request(`http://localhost/admin/results/export?${query}`, { headers: withCookie ? { Cookie: cookie } : {} }),
    params: {},
    context: {},
  });

describe("result downloads", () => {
  it("writes a Swedish CSV: BOM, semicolons, decimal comma, counts beside percentages", async () => {
    const res = (await get(exportLoader, "survey=brukarenkat&month=2019-04&format=csv&lang=sv")) as Response;
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="brukarenkat-2019-04-2019-04.csv"/);
    const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(body.startsWith("\uFEFF")).toBe(true);
    const rows = body.slice(1).split("\r\n").map((l) => l.split(";"));
    expect(rows).toContainEqual(["Ja, absolut", "6", "85,7"]); // follow-up (1 answer) is waiting: not released
    expect(rows).toContainEqual(["Delvis", "1", "14,3"]);
    expect(body).not.toContain("svar 0"); // free text never leaves the page
  });

  it("writes decimal points in English and withholds a wave still waiting for answers", async () => {
    const res = (await get(exportLoader, "survey=brukarenkat&month=2019-04&wave=followup&format=csv&lang=en")) as Response;
    const body = await res.text();
    expect(body).toContain("Follow-up after six months: not shown. Some of these months have too few answers so far");
    expect(body).not.toContain("Yes, absolutely");
    const closure = await (await get(exportLoader, "survey=brukarenkat&month=2019-04&wave=closure&format=csv&lang=en") as Response).text();
    expect(closure).toContain("Yes, absolutely;6;85.7");
  });

  it("writes the same tables as XLSX: a sheet each, header frozen, percentages as real percentages", async () => {
    const res = (await get(exportLoader, "survey=brukarenkat&month=2019-04&wave=closure&format=xlsx&lang=sv")) as Response;
    const sheets = await readXlsx(await res.arrayBuffer());
    expect(sheets.map((x) => x.name).slice(0, 3)).toEqual(["Om tabellerna", "Översikt", "Indikator per block"]);
    // one sheet per question, named by its number and text, at most 31 characters (Excel's limit)
    const method = sheets.find((x) => x.rows.some((r) => r[0]?.value === "Ja, absolut"))!;
    expect(method.name).toMatch(/^\d+\. /);
    expect(method.name.length).toBeLessThanOrEqual(31);
    expect(values(method)[method.frozenRows - 1]).toEqual(["Svarsalternativ", "Avslut: Antal", "Avslut: %"]);
    const yes = method.rows.find((r) => r[0]?.value === "Ja, absolut")!;
    expect(yes.map((c) => c.value)).toEqual(["Ja, absolut", 6, 0.857]);
    expect(yes[2]!.numFmt).toBe("0.0 %");
    expect(new Set(sheets.map((x) => x.name.toLowerCase())).size).toBe(sheets.length);
    expectFrozenNamedHeaders(sheets);

    // the headline: the interval in two named columns, every share a percentage (0.6, not 60)
    const headline = sheets.find((x) => x.name === "Översikt")!;
    const header = values(headline)[headline.frozenRows - 1]!;
    expect(header).toEqual(expect.arrayContaining(["95 % KI, från", "95 % KI, till", "Svarsfrekvens", "Mål"]));
    const month = headline.rows.find((r) => String(r[1]?.value).startsWith("Månaden"))!;
    const at = (name: string) => month[header.indexOf(name)]!;
    expect([at("Mål").value, at("Mål").numFmt]).toEqual([0.6, "0.0 %"]);
    expect(at("Svarsfrekvens").value).toBeCloseTo(7 / 18, 3); // 7 answers, 18 codes
    const [low, high] = [at("95 % KI, från"), at("95 % KI, till")];
    expect(typeof low.value === "number" && typeof high.value === "number" && low.value < high.value && high.value <= 1).toBe(true);
  });

  it("writes every CSV table with a name for each column: the interval named in two columns", async () => {
    const tables = await csvTables((await get(exportLoader, "survey=brukarenkat&month=2019-04&wave=closure&format=csv&lang=sv")) as Response);
    expectNamedColumns(tables);
    const headline = tables.find((tb) => tb[0]![0] === "Översikt")!;
    const header = headline[1]!;
    // a CSV cell says 56,3, not 56,3 %: every percentage column names its unit
    expect(header.slice(header.indexOf("Andel (%)"), header.indexOf("Andel (%)") + 3)).toEqual(["Andel (%)", "95 % KI, från", "95 % KI, till"]);
    expect(header).toEqual(expect.arrayContaining(["Svarsfrekvens (%)", "Mål (%)", "Antal svar"]));
    const month = headline.find((r) => r[1]?.startsWith("Månaden"))!;
    // numbers Swedish Excel reads as numbers: decimal comma, the interval inside 0–100
    const [low, high] = [csvNumber(month[header.indexOf("95 % KI, från")], "sv")!, csvNumber(month[header.indexOf("95 % KI, till")], "sv")!];
    expect(0 <= low && low < high && high <= 100, JSON.stringify([header, month])).toBe(true);
    expect(csvNumber(month[header.indexOf("Mål (%)")], "sv")).toBe(60);
  });

  it("writes whom we don't reach with named columns only, a language by name, and why a row is hidden", async () => {
    const query = "survey=brukarenkat&view=reach&month=2019-04&scope=month";
    const tables = await csvTables((await get(exportLoader, `${query}&format=csv&lang=sv`)) as Response);
    expectNamedColumns(tables);
    const byLang = tables.find((tb) => tb[0]![0] === "Per språk på lappen")!;
    expect(byLang[1]).toEqual(["Grupp", "Utdelade", "Besvarade", "Varav på papper", "Andel besvarade (%)"]); // nothing hidden: no fifth column
    expect(byLang).toContainEqual(["tigrinja (ti)", "9", "0", "0", "0,0"]);
    const byReferral = tables.find((tb) => tb[0]![0] === "Per remissväg")!;
    expect(byReferral[1]).toEqual(["Grupp", "Utdelade", "Besvarade", "Varav på papper", "Andel besvarade (%)", "Dold"]);
    // hidden because only three codes were handed out: not a matter of who answered
    expect(byReferral.find((r) => r[0] === "Polisen")).toEqual(["Polisen", "", "", "", "", "Färre än 5 koder lämnades ut i gruppen, så siffrorna visas inte."]);

    const sheets = await readXlsx(await ((await get(exportLoader, `${query}&format=xlsx&lang=en`)) as Response).arrayBuffer());
    expect(sheets.map((x) => x.name)).toEqual(expect.arrayContaining(["About these tables", "By occasion", "By language of the slip", "By referral path"]));
    expectFrozenNamedHeaders(sheets);
    const ti = sheets.find((x) => x.name === "By language of the slip")!.rows.find((r) => r[0]?.value === "Tigrinya (ti)")!;
    expect(ti.map((c) => c.value)).toEqual(["Tigrinya (ti)", 9, 0, 0, 0]);
    expect(ti[4]!.numFmt).toBe("0.0 %");
    const police = sheets.find((x) => x.name === "By referral path")!.rows.find((r) => r[0]?.value === "Police")!;
    expect(police.at(-1)?.value).toBe("Fewer than 5 codes were handed out in this group, so the figures are not shown.");
  });

  it("writes months Excel keeps as text: a one-month block is not opened as the date mar-25", async () => {
    for (const query of ["survey=brukarenkat&month=2019-04", "survey=brukarenkat&view=reach&month=2019-04&scope=month"]) {
      const tables = await csvTables((await get(exportLoader, `${query}&format=csv&lang=sv`)) as Response);
      const dated = tables.flat(2).filter(excelReadsAsDate);
      expect(dated, query).toEqual([]);
    }
    const tables = await csvTables((await get(exportLoader, "survey=brukarenkat&month=2019-04&wave=closure&format=csv&lang=sv")) as Response);
    const trend = tables.find((tb) => tb[0]![0] === "Indikator per block")!;
    const block = trend[1]!.indexOf("Släppt block");
    // the same characters on screen (a non-breaking hyphen), read as text
    expect(trend.slice(2).map((r) => r[block])).toContain("2019\u201104");
  });

  it("sends anonymous visitors to the login page", async () => {
    await expect(get(exportLoader, "format=csv", false)).rejects.toMatchObject({ status: 302 });
  });

  it("gives the review page free text only in a released block, and no column for a wave still waiting", async () => {
    const { data } = (await get(reviewLoader, "survey=brukarenkat&month=2019-04")) as {
      data: { columns: { wave: string; texts: Record<string, { shown: string[]; withheld: number } | null> }[]; withheld: { wave: string }[] };
    };
    const closure = data.columns.find((c) => c.wave === "closure")!;
    expect(closure.texts.comments?.shown.sort()).toEqual(["svar 0", "svar 1"]);
    expect(closure.texts.comments?.withheld).toBe(0);
    expect(data.columns.find((c) => c.wave === "followup")).toBeUndefined();
    expect(data.withheld.map((w) => w.wave)).toEqual(["followup"]);
  });
});
