/**
 * Paper questionnaires (decision 0024) against the real server: only staff print and type in,
 * only from our own origin; a returned sheet is single use both ways, a code already answered on
 * the phone is refused with the very sentence an unknown code gets, a refused entry leaves the
 * code usable, and the files keep neither the staff member nor the channel with the response.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/auth/users.server";
import { prisma } from "~/utils/db.server";
import { freshCodes, plain } from "../support/codes";
import { postAnswers, staffCookie, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let stopped = false;
let cookie: string;
const STAFF = { email: "paper-staff@example.se", password: "paper-staff-password-1" };
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
const UNKNOWN = "ZZZZZZZZZZZZ";
const typedCodes: string[] = [];

beforeAll(async () => {
  await freshCodes(1); // seeds the survey in this file's database before the server opens it
  await createUser({ email: STAFF.email, role: "staff", password: STAFF.password });
  server = await startServer(undefined, { log: true });
  cookie = await staffCookie(server, STAFF);
}, 180_000);
afterAll(async () => {
  if (!stopped) await server?.stop();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: "POST", redirect: "manual", headers: { ...FORM, Origin: server.url, Cookie: cookie, ...headers }, body }).then(
    async (r) => ({ status: r.status, location: r.headers.get("location"), text: await r.text() }),
  );
/** Types a returned sheet in: the code, then the answers as the phone form would send them. */
const enter = (code: string, answers: string, headers?: Record<string, string>) => {
  typedCodes.push(code);
  return post("/admin/paper", `intent=submit&paper-code=${code}&${answers}`, headers);
};
const openEntry = (code: string) => post("/admin/paper", `intent=open&paper-code=${code}`);
/** The page's refusal or error sentence, tags stripped. */
const alert = (html: string) => /<(p|div) class="form-error" role="alert">(.*?)<\/\1>/s.exec(html)?.[2]?.replace(/<[^>]+>/g, "") ?? "";
const issue = async (lang = "ti") => plain((await freshCodes(1, { lang, confirmDraftLanguage: true }))[0]!.code);

describe("who may print and type in", () => {
  it("refuses anyone without a staff session, and a post from another origin, before the code is touched", async () => {
    const code = await issue();
    const anonymous = await fetch(`${server.url}/admin/paper`, {
      method: "POST",
      redirect: "manual",
      headers: { ...FORM, Origin: server.url },
      body: `intent=submit&paper-code=${code}&feel_better=yes`,
    });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    const forged = await enter(code, "feel_better=yes", { Origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    const print = await fetch(`${server.url}/admin/paper/print`, { method: "POST", redirect: "manual", headers: { ...FORM, Origin: server.url }, body: `paper-code=${code}` });
    expect(print.status).toBe(302);
    // the code still opens: nothing above used it
    expect((await fetch(`${server.url}/s/${code}`)).status).toBe(200);
  });
});

describe("a returned sheet", () => {
  it("is stored as a phone answer would be, once: then the phone gets the 410 and typing it again is refused", async () => {
    const code = await issue();
    const saved = await enter(code.toLowerCase(), "feel_better=yes&violence_stopped=reduced&comments=tack");
    expect(saved.status).toBe(303);
    expect(saved.location).toBe("/admin/paper?saved=1");
    expect((await fetch(`${server.url}/s/${code}`)).status).toBe(410);
    const again = await enter(code, "feel_better=no");
    expect(alert(again.text)).toBe(alert((await enter(UNKNOWN, "feel_better=no")).text));
    expect(alert(again.text)).toMatch(/kan inte tas emot/);
  });

  it("answered on the phone is refused with the very sentence an unknown code gets, when opened and when sent", async () => {
    const code = await issue();
    expect((await postAnswers(server.url, code, "feel_better=yes&lang=ti")).status).toBe(303);
    const unknownOpen = alert((await openEntry(UNKNOWN)).text);
    expect(unknownOpen).toMatch(/kan inte tas emot/);
    expect(alert((await openEntry(code)).text)).toBe(unknownOpen);
    expect(alert((await enter(code, "feel_better=yes")).text)).toBe(unknownOpen);
    const answered = await prisma.codeCount.aggregate({ _sum: { answered: true, answeredOnPaper: true } });
    expect(answered._sum.answered! - answered._sum.answeredOnPaper!).toBeGreaterThanOrEqual(1);
  });

  it("with a wrong answer is refused in the staff language and the code stays usable", async () => {
    const code = await issue();
    const wrong = await enter(code, "feel_better=maybe&violence_stopped=yes");
    expect(wrong.status).toBe(400);
    expect(alert(wrong.text)).toMatch(/Fråga \d+: Svaret finns inte bland frågans alternativ/);
    const english = await post("/admin/paper", `intent=submit&paper-code=${code}&feel_better=maybe`, { Cookie: `${cookie}; lng=en` });
    expect(alert(english.text)).toMatch(/Question \d+: The answer is not one of the question/);
    expect((await fetch(`${server.url}/s/${code}`)).status).toBe(200);
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

describe("what data entry leaves in the files", () => {
  it("holds no staff member and no channel with the response, and no code in the log", async () => {
    await prisma.$executeRawUnsafe(`DELETE FROM "Answer"`);
    await prisma.$executeRawUnsafe(`DELETE FROM "Response"`);
    const code = await issue();
    expect((await enter(code, "feel_better=yes&comments=skrivet%20p%C3%A5%20papper")).status).toBe(303);
    await post("/admin/paper/print", `paper-code=${await issue()}`);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: STAFF.email } });
    const session = await prisma.session.findFirstOrThrow({ where: { userId: user.id } });
    const file = process.env.DATABASE_URL!.replace(/^file:/, "");
    const db = new Database(file, { readonly: true });
    try {
      for (const table of ["SurveyCode", "CodeCount", "Response", "Answer", "AnswerCount"]) {
        const text = JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all());
        for (const secret of [user.id, user.email, session.id]) expect(text, `${table} names the staff member`).not.toContain(secret);
      }
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
    stopped = true;
    expect(await server.stop()).toBe(0);
    const log = server.stdout();
    expect(log).toContain("/admin/paper");
    for (const typed of typedCodes) expect(log.toUpperCase()).not.toContain(typed.toUpperCase());
  }, 120_000);
});
