/**
 * Reading published tables (imported totals, decision 0026) without a database: the rounding rule
 * for percentages, the shipped example files, and the refusals that name their cell.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { countsForPercent, parseImport, parsePercent, problemText, readCsv, type Translate } from "~/results/imported";
import { keepMonthText } from "~/results/csv";
import { parseSurveyDefinition } from "~/survey/validate";
import svHistory from "../../../locales/sv/history.json";
import enHistory from "../../../locales/en/history.json";
import { createI18n } from "~/i18n/instance";

const definition = (() => {
  const parsed = parseSurveyDefinition(fs.readFileSync("prisma/seed/questionnaire.json", "utf8"));
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return parsed.definition;
})();
const versions = definition.versions;
const example = (name: string) => readCsv(fs.readFileSync(`docs/examples/history/${name}`, "utf8"));
const tFor = (lang: string): Translate =>
  createI18n(lang, { sv: { history: svHistory }, en: { history: enHistory } }, "history").getFixedT(lang, "history") as unknown as Translate;
const percent = (text: string) => parsePercent(text)!;
/** Every count the rule lets a written percentage of n stand for. */
const countsOf = (text: string, n: number) => {
  const run = countsForPercent(percent(text), n);
  return run ? Array.from({ length: run.hi - run.lo + 1 }, (_, i) => run.lo + i) : [];
};

describe("the rounding rule: p with d decimals stands for the counts c with round(100c/n, d) = p", () => {
  it("finds the published 2015 counts from their percentages", () => {
    expect(countsOf("85,7", 21)).toEqual([18]);
    expect(countsOf("14,3", 21)).toEqual([3]);
    expect(countsOf("13,6", 22)).toEqual([3]);
    expect(countsOf("59", 22)).toEqual([13]);
    expect(countsOf("41", 22)).toEqual([9]);
  });

  it("finds no whole number of 19 (or 22) people that is 99 %", () => {
    expect(countsOf("99", 19)).toEqual([]);
    expect(countsOf("99", 22)).toEqual([]);
    // 18 of 19 is 94,7 %: written without decimals that is 95, never 94
    expect(countsOf("95", 19)).toEqual([18]);
    expect(countsOf("94", 19)).toEqual([]);
  });

  it("rounds half up, exactly: 1 of 8 is 12,5 %, so 13 % with no decimals", () => {
    expect(countsOf("13", 8)).toEqual([1]);
    expect(countsOf("12", 8)).toEqual([]);
    expect(countsOf("12,5", 8)).toEqual([1]);
  });

  it("gives every count a coarse percentage fits in a large total (the import then refuses it as ambiguous)", () => {
    expect(countsOf("50", 300)).toEqual([149, 150, 151]);
  });

  it("agrees with rounding every count half up, for every total up to 60 and every percentage with 0 or 1 decimals", () => {
    for (let n = 1; n <= 60; n++)
      for (const digits of [0, 1]) {
        const scale = 10 ** digits;
        const rounded = (c: number) => Math.floor((2 * 100 * scale * c + n) / (2 * n));
        for (let scaled = 0; scaled <= 100 * scale; scaled++) {
          const text = digits ? `${Math.floor(scaled / 10)},${scaled % 10}` : String(scaled);
          const expected = Array.from({ length: n + 1 }, (_, c) => c).filter((c) => rounded(c) === scaled);
          expect(countsOf(text, n), `${text} % of ${n}`).toEqual(expected);
        }
      }
  });

  it("names a percentage of a huge total by its run of counts, not count by count", () => {
    const run = countsForPercent(percent("50"), 9_999_999);
    expect(run).toEqual({ lo: 4_950_000, hi: 5_049_999 });
  });

  it("reads percentages as written, with comma or point, and refuses anything over 100", () => {
    expect(parsePercent("85,7 %")).toEqual({ scaled: 857, digits: 1, text: "85,7" });
    expect(parsePercent("85.7%")).toEqual({ scaled: 857, digits: 1, text: "85,7" });
    expect(parsePercent("")).toBeNull();
    expect(parsePercent("100,1")).toBeUndefined();
    expect(parsePercent("ja")).toBeUndefined();
  });
});

describe("months as our CSVs write them", () => {
  it("imports a file whose months are written with a non-breaking hyphen (so Excel keeps them as text)", () => {
    expect(keepMonthText("2015-03")).toBe("2015\u201103");
    const text = fs.readFileSync("docs/examples/history/2015-closure.csv", "utf8");
    const kept = text.replace(/(\d{4})-(\d{2})\b/g, "$1\u2011$2");
    expect(kept).not.toBe(text);
    const result = parseImport([readCsv(kept)], versions);
    expect(result.problems).toEqual([]);
    expect(result.periods.map((p) => [p.from, p.to])).toEqual([["2015-01", "2015-12"]]);
  });
});

describe("the shipped example files", () => {
  it("reads the 2015 tables as whole counts, the gender split from its percentages", () => {
    const result = parseImport([example("2015-closure.csv")], versions);
    expect(result.problems).toEqual([]);
    expect(result.periods).toHaveLength(1);
    const p = result.periods[0]!;
    expect(p).toMatchObject({ wave: "closure", version: 2, from: "2015-01", to: "2015-12", issued: 25, responses: 22 });
    const of = (q: string) => Object.fromEntries(p.counts.filter((c) => c.questionKey === q).map((c) => [c.optionKey || "answered", c.n]));
    expect(of("gender")).toEqual({ woman: 13, man: 9, other: 0, answered: 22 });
    expect(of("method_satisfaction")).toEqual({ yes: 18, partly: 3, no: 0, answered: 21 });
    expect(of("alternative_strategies")).toEqual({ yes: 16, partly: 3, no: 0, not_relevant: 3, answered: 22 });
    expect(of("expectations_met")).toEqual({ yes: 20, partly: 2, no: 0, answered: 22 });
  });

  it("refuses the 2014 summary, naming the 99 % cell first, in Swedish and in English", () => {
    const result = parseImport([example("2014-summary.csv")], versions);
    expect(result.periods).toEqual([]);
    const first = result.problems[0]!;
    expect(first).toMatchObject({ code: "percent_impossible", values: { percent: "99", n: 19 } });
    expect(first.cell).toMatchObject({ line: 12, column: "Avslut: %", row: "Tillfredsställande", table: "Hur upplevde du kontakten med Relationsvåldsteamet?" });
    expect(problemText(first, tFor("sv"))).toBe(
      "rad 12, kolumn ”Avslut: %”, tabell ”Hur upplevde du kontakten med Relationsvåldsteamet?”, rad ”Tillfredsställande”: " +
        "99 % kan inte vara ett helt antal av 19: inget antal av 19 personer avrundas till 99 %.",
    );
    expect(problemText(first, tFor("en"))).toMatch(/^line 12, column “Avslut: %”.*: 99 % cannot be a whole count of 19: no number of 19 people rounds to 99 %\.$/);
    // the summary's other two figures cannot be whole numbers of 19 either; each is named
    expect(result.problems.map((p) => [p.code, p.values?.percent])).toEqual([
      ["percent_impossible", "99"],
      ["percent_impossible", "94"],
      ["percent_impossible", "93"],
    ]);
  });
});

const csv = (lines: string[]) => readCsv(lines.join("\r\n"));
const about = ["Om tabellerna", "Uppgift;Värde", "Period;2013", "Versioner;version 2", "Avslut: Svar;22", "Avslut: Utdelade koder;25", ""];
const method = (rows: string[]) => ["Upplever du att det sätt vi arbetade på gällande våld var tillfredsställande?", "Svarsalternativ;Avslut: Antal;Avslut: %", ...rows];

describe("refusals name the cell", () => {
  it("a count that contradicts its percentage", () => {
    const r = parseImport([csv([...about, ...method(["Ja, absolut;17;85,7", "Delvis;3;14,3", "Nej;0;0", "Total;21;100"])])], versions);
    expect(r.problems).toEqual([
      expect.objectContaining({ code: "percent_mismatch", cell: expect.objectContaining({ line: 10, row: "Ja, absolut" }) }),
    ]);
  });

  it("options that do not add up to the total", () => {
    const r = parseImport([csv([...about, ...method(["Ja, absolut;18;", "Delvis;2;", "Nej;0;", "Total;21;"])])], versions);
    expect(r.problems).toEqual([expect.objectContaining({ code: "sum_mismatch", values: { sum: 20, total: 21 }, cell: expect.objectContaining({ line: 13, row: "Total" }) })]);
  });

  it("an option, a question or a version the survey does not have", () => {
    const r = parseImport([csv([...about, ...method(["Kanske;18;", "Total;18;"]), "", "Vad tycker du om kaffet?", "Svarsalternativ;Avslut: Antal", "Gott;3"])], versions);
    expect(r.problems.map((p) => p.code)).toEqual(["unknown_option", "unknown_question"]);
    expect(parseImport([csv([...about])], versions, { version: 9 }).problems.map((p) => p.code)).toEqual(["unknown_version"]);
  });

  it("more answers than the period's responses, or fewer handed out than answered", () => {
    const small = about.map((l) => l.replace("Avslut: Svar;22", "Avslut: Svar;20").replace("Utdelade koder;25", "Utdelade koder;19"));
    const r = parseImport([csv([...small, ...method(["Ja, absolut;18;", "Delvis;3;", "Nej;0;", "Total;21;"])])], versions);
    expect(r.problems.map((p) => p.code).sort()).toEqual(["answered_over_responses", "issued_under_responses"]);
  });

  it("a percentage of a large total that more than one count rounds to", () => {
    const big = about.map((l) => l.replace("Avslut: Svar;22", "Avslut: Svar;300").replace("Utdelade koder;25", "Utdelade koder;320"));
    const r = parseImport([csv([...big, ...method(["Ja, absolut;;50", "Delvis;;50", "Nej;;0", "Total;300;100"])])], versions);
    expect(r.problems[0]).toMatchObject({ code: "percent_ambiguous", values: { counts: "149, 150, 151" } });
  });

  it("a table our download hid (too few) is left out, not refused", () => {
    const r = parseImport([csv([...about, ...method(["Ja, absolut;;", "Delvis;;", "Nej;;", "Total;;"])])], versions);
    expect(r.problems).toEqual([]);
    expect(r.periods[0]!.hiddenTables).toEqual(["method_satisfaction"]);
    expect(r.periods[0]!.counts).toEqual([]);
  });
});

describe("a matrix question as our download writes it", () => {
  const rows = (label: string, counts: number[]) => {
    const options = ["Har upphört", "Har minskat", "Oförändrat eller ökat", "Inte aktuellt för mig"];
    const total = counts.reduce((s, n) => s + n, 0);
    return [...options.map((o, i) => `${label};${o};${counts[i]};`), `${label};Total;${total};100`];
  };
  const file = (note: string) =>
    csv([
      "Om tabellerna", "Uppgift;Value", "Period;2013", "Versions;version 3", "Closure: Responses;12", "",
      "Hur ser det ut nu för varje typ av våld?",
      "Påstående;Svarsalternativ;Avslut: Antal;Avslut: %",
      ...rows("Fysiskt våld", [6, 3, 1, 0]),
      ...rows("Psykiskt våld", [5, 5, 1, 0]),
      note,
    ]);

  it("reads each row's counts and the question's answered people from its note, in either language's labels", () => {
    const r = parseImport([file("Avslut: Besvarad av 11 av 12 (91,7 %)")], versions);
    expect(r.problems).toEqual([]);
    const counts = r.periods[0]!.counts;
    expect(counts.find((c) => c.rowKey === "" && c.optionKey === "")).toEqual({ questionKey: "violence_by_type", rowKey: "", optionKey: "", n: 11 });
    expect(counts.filter((c) => c.rowKey !== "").reduce((s, c) => s + c.n, 0)).toBe(21);
  });

  it("without the note, takes the largest row's total (never more people than answered a row)", () => {
    const r = parseImport([file("")], versions);
    expect(r.periods[0]!.counts.find((c) => c.rowKey === "" && c.optionKey === "")!.n).toBe(11);
  });

  it("names an unknown statement", () => {
    const r = parseImport([csv(["Om tabellerna", "Uppgift;Värde", "Period;2013", "Versioner;version 3", "Avslut: Svar;12", "", "Hur ser det ut nu för varje typ av våld?", "Påstående;Svarsalternativ;Avslut: Antal", "Digitalt våld;Har upphört;3"])], versions);
    expect(r.problems).toEqual([expect.objectContaining({ code: "unknown_row", values: { text: "Digitalt våld" } })]);
  });
});
