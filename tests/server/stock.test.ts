/**
 * Slips printed ahead (decision 0020) against the real server: a stock code opens nothing until
 * it is activated, activation happens once, a voided or expired slip never opens, a slip typed
 * back in says nothing about whether its client answered, and the files keep no staff member,
 * no time finer than the day and no code.
 */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { printStock } from "~/codes/stock.server";
import { databasePath } from "~/utils/database-url";
import { dayOf, startOfDay } from "~/utils/months";
import { prisma } from "~/utils/db.server";
import { plain } from "../support/codes";
import { postAnswers } from "../support/server";
import { staffServer, tablesNamingStaff } from "../support/staff-server";

const STAFF = { email: "stock-staff@example.se", password: "stock-staff-password-1" };
const staff = staffServer(STAFF);
const UNKNOWN = "ZZZZZZZZZZZZ";

/** The respondent page of a code, without the per-response CSP nonce. */
const open = async (code: string) => {
  const r = await fetch(`${staff.server.url}/s/${code}?lang=ti`);
  return { status: r.status, body: (await r.text()).replace(/nonce="[^"]*"/g, "") };
};
/** The message the activation page answers with (success or refusal), tags stripped. */
const message = (html: string) => /<(?:p|div) class="(?:notice|form-error)"[^>]*>(.*?)<\/(?:p|div)>/s.exec(html)?.[1]?.replace(/<[^>]+>/g, "") ?? "";
const activate = (code: string, wave = "closure", validFrom = "") => staff.post("/admin/activate", { code, wave, validFrom });

/** Prints a stack of Tigrinya slips through the stock page and reads the codes off the sheet. */
async function printStack(count: number): Promise<string[]> {
  const r = await staff.post("/admin/stock", { intent: "print", survey: "brukarenkat", lang: "ti", count: String(count), confirmDraftLanguage: "on" });
  expect(r.status).toBe(200);
  const codes = [...r.text.matchAll(/class="slip-code">([0-9A-Z-]{14})</g)].map((m) => plain(m[1]!));
  expect(codes).toHaveLength(count);
  return codes;
}

describe("a slip printed for stock", () => {
  it("is the one 410 page before activation, opens once activated, and cannot be activated twice", async () => {
    const [slip] = await printStack(3);
    const unknownPage = await open(UNKNOWN);
    expect(unknownPage.status).toBe(410);
    expect(await open(slip!)).toEqual(unknownPage);
    expect(await prisma.codeCount.count()).toBe(1); // only the seeding code: printing counts nothing

    const first = await activate(slip!.toLowerCase());
    expect(message(first.text)).toMatch(/utlämnad/);
    expect((await open(slip!)).status).toBe(200);

    const again = await activate(slip!);
    expect(message(again.text)).toMatch(/kan inte aktiveras/);
    // a handed-out slip typed back in is refused exactly like an unknown code: nothing tells
    // whether the client has answered yet
    expect(message((await activate(UNKNOWN)).text)).toBe(message(again.text));
    expect((await postAnswers(staff.server.url, slip!, "feel_better=yes&lang=ti")).status).toBe(303);
    expect(message((await activate(slip!)).text)).toBe(message(again.text));
  });

  it("is the one 410 page after voiding, and a voided slip cannot be activated", async () => {
    const [slip, other] = await printStack(2);
    const voided = await staff.post("/admin/stock", { intent: "void", code: slip! });
    expect(message(voided.text)).toMatch(/makulerad/);
    expect(await open(slip!)).toEqual(await open(UNKNOWN));
    expect(message((await activate(slip!)).text)).toMatch(/kan inte aktiveras/);
    expect((await open(slip!)).status).toBe(410);
    // a slip handed out cannot be voided (that would tell whether it was answered)
    await activate(other!);
    expect(message((await staff.post("/admin/stock", { intent: "void", code: other! })).text)).toMatch(/inte en oanvänd lapp/);
    expect((await open(other!)).status).toBe(200);
  });

  it("cannot be activated once its stock time is over", async () => {
    const [old] = await printStock({ survey: "brukarenkat", lang: "ti", count: 1, confirmDraftLanguage: true }, new Date(Date.now() - 400 * 86_400_000));
    expect(message((await activate(plain(old!.code))).text)).toMatch(/kan inte aktiveras/);
    expect((await open(plain(old!.code))).status).toBe(410);
  });

  it("activated as a follow-up shows the not-yet-open page (403) until its day", async () => {
    const [slip] = await printStack(1);
    const day = new Date(Date.now() + 183 * 86_400_000).toISOString().slice(0, 10);
    expect(message((await activate(slip!, "followup", day)).text)).toMatch(/börjar gälla/);
    const r = await open(slip!);
    expect(r.status).toBe(403);
    expect(r.body).toContain(day.slice(0, 4));
  });
});

describe("what activation leaves in the files", () => {
  it("holds no staff member, no time finer than the day, and no code in the log", async () => {
    const printed = await printStack(2);
    await activate(printed[0]!, "closure");
    await activate(printed[1]!, "followup", new Date(Date.now() + 183 * 86_400_000).toISOString().slice(0, 10));
    expect(await tablesNamingStaff(STAFF.email)).toEqual([]);
    const db = new Database(databasePath(), { readonly: true });
    try {
      const codes = db.prepare(`SELECT "validFrom", "expiresAt" FROM "SurveyCode"`).all() as { validFrom: unknown; expiresAt: unknown }[];
      expect(codes.length).toBeGreaterThan(0);
      for (const c of codes)
        for (const value of [c.validFrom, c.expiresAt]) {
          const at = new Date(value as string | number);
          expect(at.getTime(), `${String(value)} is finer than a day`).toBe(startOfDay(dayOf(at)).getTime());
        }
    } finally {
      db.close();
    }
    expect(await staff.server.stop()).toBe(0);
    const log = staff.server.stdout();
    expect(log).toContain("/admin/activate");
    for (const code of printed) expect(log).not.toContain(code);
  }, 120_000);
});
