import fs from "node:fs";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { startSession } from "~/auth/session.server";
import { createUser } from "~/auth/users.server";
import { loader as compareExport } from "~/routes/admin.compare.export";
import { loader as resultsExport } from "~/routes/admin.results.export";
import { REFERENCE_QUESTIONNAIRE } from "~/setup/bootstrap.server";
import { importSurvey } from "~/survey/store.server";
import { parseSurveyDefinition } from "~/survey/validate";
import { addResponses, respondents } from "../../support/results-fixture";
import { readCsvLikeExcel } from "../../support/spreadsheet";

/** What a manager may type as a label, each one a live formula if a spreadsheet gets it raw. */
const ATTACKS = {
  question: "=1+1",
  otherQuestion: "+SUM(1;2)",
  yes: "-2+3",
  partly: "@A1",
  no: "\t=1",
  indicator: "\r=1",
};
const FORMULA_START = /^[=+\-@\t\r]/;

/** The reference questionnaire under another slug, with the attacks as its labels in every version. */
async function importAttackSurvey() {
  const def = JSON.parse(fs.readFileSync(REFERENCE_QUESTIONNAIRE, "utf8"));
  const both = (text: string) => ({ sv: text, en: text });
  def.slug = "formler";
  def.indicators[0].label = both(ATTACKS.indicator);
  for (const v of def.versions)
    for (const q of v.questions) {
      if (q.key === "method_satisfaction") {
        q.text = both(ATTACKS.question);
        for (const o of q.options) o.text = both(ATTACKS[o.key as "yes" | "partly" | "no"]);
      }
      if (q.key === "expectations_met") q.text = both(ATTACKS.otherQuestion);
    }
  const parsed = parseSurveyDefinition(JSON.stringify(def));
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  await importSurvey(parsed.definition);
}

let cookie = "";
beforeAll(async () => {
  const user = await createUser({ email: "formulas@example.se", role: "manager", password: "right-password-1" });
  cookie = (await startSession(user.id, "/admin")).headers.get("Set-Cookie")!.split(";")[0]!;
  await importAttackSurvey();
  for (const version of [1, 3])
    await addResponses(
      respondents(10, { method_satisfaction: { yes: 6, partly: 3, no: 1 }, expectations_met: { yes: 10 }, violence_stopped: { yes: 7, no: 3 } }).map(
        (answers) => ({ slug: "formler", version, month: "2020-03", answers }),
      ),
    );
});

const download = async (loader: typeof resultsExport, path: string) =>
  (await loader({ request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }), params: {}, context: {} })) as Response;

const EXPORTS = [
  ["review", resultsExport, "/admin/results/export?survey=formler&month=2020-03&wave=closure&version=3"],
  ["comparison", compareExport, "/admin/compare/export?survey=formler&version=1&version=3&from=2020-01&to=2020-12&wave=closure"],
] as const;

describe("labels a manager writes cannot run in a spreadsheet", () => {
  it.each(EXPORTS)("the %s CSV neutralises every formula and keeps its own numbers as numbers", async (_, loader, path) => {
    const res = await download(loader, `${path}&format=csv&lang=sv`);
    const rows = readCsvLikeExcel(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer()));
    const cells = rows.flat();
    // nothing Excel would evaluate, anywhere in the file
    expect(cells.filter((c) => FORMULA_START.test(c))).toEqual([]);
    // each attack arrives once neutralised, whole, in a cell of its own
    for (const attack of Object.values(ATTACKS).filter((a) => a !== ATTACKS.indicator || loader === resultsExport))
      expect(cells).toContain(`'${attack}`);
    // the option rows: label neutralised, count and percent (decimal comma) still plain numbers
    const yes = rows.find((r) => r[0] === `'${ATTACKS.yes}`)!;
    expect(yes.slice(1, 3)).toEqual(["6", "60,0"]);
    expect(rows.find((r) => r[0] === `'${ATTACKS.no}`)!.slice(1, 3)).toEqual(["1", "10,0"]);
  });

  it.each(EXPORTS)("the %s XLSX holds every label as a typed string and has no formula at all", async (_, loader, path) => {
    const res = await download(loader, `${path}&format=xlsx&lang=en`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const strings = new Map<string, ExcelJS.ValueType>();
    let formulas = 0;
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula || cell.formula) formulas++;
          if (typeof cell.value === "string") strings.set(cell.value, cell.type);
        }),
      );
    expect(formulas).toBe(0);
    for (const attack of [ATTACKS.question, ATTACKS.otherQuestion, ATTACKS.yes, ATTACKS.partly, ATTACKS.no])
      expect([attack, strings.get(attack)]).toEqual([attack, ExcelJS.ValueType.String]);
  });
});
