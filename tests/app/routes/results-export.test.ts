import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { startSession } from "~/auth/session.server";
import { createUser } from "~/auth/users.server";
import { loader as exportLoader } from "~/routes/admin.results.export";
import { loader as reviewLoader } from "~/routes/admin.results._index";
import { addCodeCount, addResponses, respondents } from "../../support/results-fixture";

let cookie = "";

beforeAll(async () => {
  const user = await createUser({ email: "export@example.se", role: "staff", password: "right-password-1" });
  const login = await startSession(user.id, "/admin");
  cookie = login.headers.get("Set-Cookie")!.split(";")[0]!;
  await addResponses(
    respondents(7, { method_satisfaction: { yes: 6, partly: 1 }, comments: {} }).map((answers, i) => ({
      version: 2,
      month: "2019-04",
      answers: i < 2 ? { ...answers, comments: { text: `svar ${i}` } } : answers,
    })),
  );
  await addResponses([{ version: 2, wave: "followup", month: "2019-04", answers: { method_satisfaction: "no", violence_stopped: "no" } }]);
  await addCodeCount({ version: 2, validMonth: "2019-04", issued: 9 });
});

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

  it("writes the same table as XLSX with numbers as numbers", async () => {
    const res = (await get(exportLoader, "survey=brukarenkat&month=2019-04&wave=closure&format=xlsx")) as Response;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(["Ja, absolut", 6, 85.7]);
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
