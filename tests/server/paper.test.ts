/**
 * Paper questionnaires (decision 0024) against the real server: only staff print and type in,
 * only from our own origin; a returned sheet is single use both ways, a code already answered on
 * the phone is refused with the very sentence an unknown code gets, a refused entry leaves the
 * code usable, the print page takes the code from the body only, and the files keep neither the
 * staff member nor the channel with the response, nor any used code; the log holds no code.
 */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { formatCode, normalizeCode } from "~/codes/code";
import { databasePath } from "~/utils/database-url";
import { prisma } from "~/utils/db.server";
import { freshCodes, plain } from "../support/codes";
import { postAnswers } from "../support/server";
import { staffServer, tablesNamingStaff } from "../support/staff-server";
import { filesOfTheApp, traces, usedCode } from "../support/traces";

const STAFF = { email: "paper-staff@example.se", password: "paper-staff-password-1" };
const staff = staffServer(STAFF);
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
const UNKNOWN = "ZZZZZZZZZZZZ";
/** Every code typed into a staff page of this file (none may reach the log). */
const typedCodes: string[] = [];
/** Every code this file's answers used, on paper or on the phone (none may stay in the files). */
const usedCodes: string[] = [];

const post = (path: string, body: string, headers?: Record<string, string>) => staff.post(path, body, headers);
/** Types a returned sheet in: the code, then the answers as the phone form would send them. */
const enter = async (code: string, answers: string, headers?: Record<string, string>) => {
  typedCodes.push(code);
  const answered = await post("/admin/paper", `intent=submit&paper-code=${code}&${answers}`, headers);
  if (answered.status === 303) usedCodes.push(code);
  return answered;
};
/** Prints a code's sheet through the print page (the code in the body). */
const print = (code: string) => {
  typedCodes.push(code);
  return post("/admin/paper/print", `paper-code=${code}`);
};
const openEntry = (code: string) => {
  typedCodes.push(code);
  return post("/admin/paper", `intent=open&paper-code=${code}`);
};
/** Answers a code on the phone. */
const answerOnPhone = async (code: string, body: string) => {
  const answered = await postAnswers(staff.server.url, code, body);
  if (answered.status === 303) usedCodes.push(code);
  return answered;
};
/** The page's refusal or error sentence, tags stripped. */
const alert = (html: string) => /<(p|div) class="form-error" role="alert">(.*?)<\/\1>/s.exec(html)?.[2]?.replace(/<[^>]+>/g, "") ?? "";
const issue = async (lang = "ti") => plain((await freshCodes(1, { lang, confirmDraftLanguage: true }))[0]!.code);

describe("who may print and type in", () => {
  it("refuses anyone without a staff session, and a post from another origin, before the code is touched", async () => {
    const code = await issue();
    const anonymous = await fetch(`${staff.server.url}/admin/paper`, {
      method: "POST",
      redirect: "manual",
      headers: { ...FORM, Origin: staff.server.url },
      body: `intent=submit&paper-code=${code}&feel_better=yes`,
    });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    const forged = await enter(code, "feel_better=yes", { Origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    const printed = await fetch(`${staff.server.url}/admin/paper/print`, { method: "POST", redirect: "manual", headers: { ...FORM, Origin: staff.server.url }, body: `paper-code=${code}` });
    expect(printed.status).toBe(302);
    // the code still opens: nothing above used it
    expect((await fetch(`${staff.server.url}/s/${code}`)).status).toBe(200);
  });
});

describe("a returned sheet", () => {
  it("is stored as a phone answer would be, once: then the phone gets the 410 and typing it again is refused", async () => {
    const code = await issue();
    const saved = await enter(code.toLowerCase(), "feel_better=yes&violence_stopped=reduced&comments=tack");
    expect(saved.status).toBe(303);
    expect(saved.location).toBe("/admin/paper?saved=1");
    expect((await fetch(`${staff.server.url}/s/${code}`)).status).toBe(410);
    const again = await enter(code, "feel_better=no");
    expect(alert(again.text)).toBe(alert((await enter(UNKNOWN, "feel_better=no")).text));
    expect(alert(again.text)).toMatch(/kan inte tas emot/);
  });

  it("answered on the phone is refused with the very sentence an unknown code gets, when opened and when sent", async () => {
    const code = await issue();
    expect((await answerOnPhone(code, "feel_better=yes&lang=ti")).status).toBe(303);
    const unknownOpen = alert((await openEntry(UNKNOWN)).text);
    expect(unknownOpen).toMatch(/kan inte tas emot/);
    expect(alert((await openEntry(code)).text)).toBe(unknownOpen);
    expect(alert((await enter(code, "feel_better=yes")).text)).toBe(unknownOpen);
    const answered = await prisma.codeCount.aggregate({ _sum: { answered: true, answeredOnPaper: true } });
    expect(answered._sum.answered! - answered._sum.answeredOnPaper!).toBeGreaterThanOrEqual(1);
  });

  it("typed in while the client sends it from the phone: of many of both at once, exactly one is saved", async () => {
    const code = await issue();
    const before = await prisma.response.count();
    const tries = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? enter(code, "feel_better=yes") : answerOnPhone(code, "feel_better=no&lang=ti"))),
    );
    expect(tries.filter((t) => t.status === 303)).toHaveLength(1);
    expect(await prisma.response.count()).toBe(before + 1);
  });

  it("with a wrong answer is refused in the staff language and the code stays usable", async () => {
    const code = await issue();
    const wrong = await enter(code, "feel_better=maybe&violence_stopped=yes");
    expect(wrong.status).toBe(400);
    expect(alert(wrong.text)).toMatch(/Fråga \d+: Svaret finns inte bland frågans alternativ/);
    const english = await post("/admin/paper", `intent=submit&paper-code=${code}&feel_better=maybe`, { Cookie: `${staff.cookie}; lng=en` });
    expect(alert(english.text)).toMatch(/Question \d+: The answer is not one of the question/);
    expect((await fetch(`${staff.server.url}/s/${code}`)).status).toBe(200);
    expect((await enter(code, "feel_better=yes")).status).toBe(303);
  });

  it("opens in the sheet's language beside the Swedish", async () => {
    const code = await issue("ar");
    const page = await openEntry(code);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/lang="ar" dir="rtl"/);
    expect(page.text).toContain("Har våldet upphört?");
    expect(page.text).toContain("Blankettens språk: arabiska (ar)");
  });
});

describe("printing", () => {
  it("takes the code only from the POST body: a code in the address prints nothing", async () => {
    const code = await issue();
    typedCodes.push(code);
    const inAddress = await fetch(`${staff.server.url}/admin/paper/print?paper-code=${code}`, { headers: { Cookie: staff.cookie } });
    expect(inAddress.status).toBe(200);
    expect(await inAddress.text()).not.toContain('class="paper"');
    const posted = await print(code);
    expect(posted.status).toBe(200);
    expect(posted.text).toContain('class="paper"');
  });
});

describe("what data entry leaves in the files", () => {
  it("holds no staff member, no channel with the response, no used code in the database, -wal or -shm, and no code in the log", async () => {
    await prisma.$executeRawUnsafe(`DELETE FROM "Answer"`);
    await prisma.$executeRawUnsafe(`DELETE FROM "Response"`);
    const code = await issue();
    expect((await print(code)).status).toBe(200);
    expect((await enter(code, "feel_better=yes&comments=skrivet%20p%C3%A5%20papper")).status).toBe(303);
    expect(await tablesNamingStaff(STAFF.email)).toEqual([]);
    const db = new Database(databasePath(), { readonly: true });
    try {
      // the response is a phone answer's row: no channel, no time, nothing pointing at a session
      const responses = db.prepare(`SELECT * FROM "Response"`).all() as Record<string, unknown>[];
      expect(responses).toHaveLength(1);
      expect(Object.keys(responses[0]!).sort()).toEqual(["clientGroup", "id", "lang", "month", "referral", "surveyVersionId", "unitId", "wave"]);
      expect(JSON.stringify(responses)).not.toMatch(/paper/i);
      const paperCounted = db.prepare(`SELECT SUM("answeredOnPaper") AS n FROM "CodeCount"`).get() as { n: number };
      expect(paperCounted.n).toBeGreaterThanOrEqual(1);
    } finally {
      db.close();
    }
    // a paper entry is claimed and checkpointed like a phone answer: no file pairs a used code with its response
    expect(usedCodes.length).toBeGreaterThanOrEqual(4);
    expect(traces(filesOfTheApp(), usedCodes.map((c) => usedCode(formatCode(normalizeCode(c)!))))).toEqual([]);

    expect(await staff.server.stop()).toBe(0);
    const log = staff.server.stdout();
    expect(log).toContain("/admin/paper");
    expect(log).toContain("/admin/paper/print");
    for (const typed of typedCodes) expect(log.toUpperCase()).not.toContain(plain(typed).toUpperCase());
  }, 120_000);
});
