import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { freshCodes, plain, codeRow } from "../support/codes";
import { startServer, type RunningServer } from "../support/server";

/**
 * The respondent flow promises no cookie and no cache: a phone shared with the person who used
 * violence keeps no trace of the questionnaire. Checked over HTTP on every status it returns.
 */
let server: RunningServer;
beforeAll(async () => {
  await freshCodes(1); // seeds the survey in this file's database before the server opens it
  server = await startServer();
}, 180_000);
afterAll(async () => {
  await server?.stop();
});

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
type Step = { name: string; path: string; method?: string; body?: string; headers?: Record<string, string>; status: number };

async function send(step: Step) {
  const response = await fetch(`${server.url}${step.path}`, {
    method: step.method ?? (step.body === undefined ? "GET" : "POST"),
    body: step.body,
    redirect: "manual",
    // a staff cookie the browser may still send must not be answered with one
    headers: { Cookie: "lng=en", ...(step.body === undefined ? {} : FORM), ...step.headers },
  });
  await response.arrayBuffer();
  return response;
}

describe("no cookie, no cache on any respondent response", () => {
  it("holds for every page and status of the flow", async () => {
    const [open, switching, bad, answered, used, expired] = (await freshCodes(6)).map((c) => plain(c.code));
    const [later] = (await freshCodes(1, { validFrom: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10) })).map((c) => plain(c.code));
    await prisma.surveyCode.update({ where: { hash: (await codeRow(expired!)).hash }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const steps: Step[] = [
      { name: "code entry page", path: "/s", status: 200 },
      { name: "code entry page, other language", path: "/s?lang=ar", status: 200 },
      { name: "code entry, code not well-formed", path: "/s", body: "code=!!&lang=sv", status: 400 },
      { name: "code entry, code typed", path: "/s", body: `code=${open}&lang=fa`, status: 303 },
      { name: "questionnaire", path: `/s/${open}`, status: 200 },
      { name: "questionnaire in another language", path: `/s/${open}?lang=so`, status: 200 },
      { name: "questionnaire, cookie that cannot be decoded", path: `/s/${open}`, headers: { Cookie: "lng=%E0%A4" }, status: 200 },
      { name: "language switch keeping answers", path: `/s/${switching}`, body: "lang=sv&intent=switchLang&switchLang=ti&feel_better=yes", status: 200 },
      { name: "answers with an unknown option", path: `/s/${bad}`, body: "lang=sv&feel_better=maybe", status: 400 },
      { name: "answers that cannot be decoded", path: `/s/${bad}`, body: "comments=%E0%A4%A", status: 400 },
      { name: "answers saved", path: `/s/${answered}`, body: "lang=en&feel_better=yes", status: 303 },
      { name: "thanks page", path: "/s/thanks?lang=en", status: 200 },
      { name: "used code, opened", path: `/s/${answered}`, status: 410 },
      { name: "used code, submitted again", path: `/s/${answered}`, body: "feel_better=no", status: 410 },
      { name: "expired code", path: `/s/${expired}`, status: 410 },
      { name: "code not yet valid", path: `/s/${later}`, status: 403 },
      { name: "code not yet valid, submitted", path: `/s/${later}`, body: "feel_better=no", status: 403 },
      // interfaces.md (2026-11-28): unknown answers like used and expired
      { name: "unknown code", path: "/s/ABCDEFGHJKMN", status: 410 },
      { name: "wrong method", path: `/s/${used}`, method: "PUT", body: "feel_better=yes", status: 405 },
      // refused before the app sees them: the refusals must not leave a trace either
      { name: "answers posted from another site", path: `/s/${bad}`, body: "feel_better=yes", headers: { Origin: "https://evil.example" }, status: 403 },
      { name: "answers too large", path: `/s/${bad}`, body: `comments=${"a".repeat(300 * 1024)}`, status: 413 },
      { name: "answers with too many fields", path: `/s/${bad}`, body: Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join("&"), status: 400 },
      { name: "code path not in the printed form", path: `/S/${open}`, status: 404 },
      { name: "no such page under a code", path: `/s/${open}/x`, status: 404 },
    ];
    const seen: string[] = [];
    for (const step of steps) {
      const response = await send(step);
      const label = `${step.name}: ${step.method ?? (step.body === undefined ? "GET" : "POST")} ${step.path}`;
      expect(response.status, label).toBe(step.status);
      expect(response.headers.get("set-cookie"), label).toBeNull();
      expect(response.headers.get("cache-control") ?? "(none)", label).toMatch(/\bno-store\b/);
      seen.push(`${response.status}`);
    }
    expect(new Set(seen)).toEqual(new Set(["200", "303", "400", "403", "404", "405", "410", "413"]));
  }, 120_000);

  it("holds when code guessing is throttled", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await send({ name: "guess", path: `/s/ZZZZZZZZZZ${String(i).padStart(2, "0")}`, status: 0 });
      expect(response.headers.get("set-cookie")).toBeNull();
      expect(response.headers.get("cache-control")).toMatch(/\bno-store\b/);
      statuses.push(response.status);
    }
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("the isolation headers (decision 0030)", () => {
  it("leave the pages a code opens without a browsing-context swap, and keep them wherever anyone may open a page", async () => {
    const [code] = (await freshCodes(1)).map((c) => plain(c.code));
    for (const path of [`/s/${code}`, "/s/thanks"]) {
      const response = await send({ name: path, path, status: 200 });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cross-origin-opener-policy"), path).toBeNull();
      expect(response.headers.get("origin-agent-cluster"), path).toBeNull();
      expect(response.headers.get("content-security-policy"), path).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get("x-frame-options"), path).toBe("SAMEORIGIN");
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
    // the code entry page: another site could open it in a window and keep a handle on it while
    // the client types the code; staff pages hold sessions
    for (const path of ["/s", "/accessibility", "/login", "/admin"]) {
      const response = await send({ name: path, path, status: 0 });
      expect(response.headers.get("cross-origin-opener-policy"), path).toBe("same-origin");
      expect(response.headers.get("origin-agent-cluster"), path).toBe("?1");
    }
  });
});

/** A client's error page: their language, the quick exit, the error's title, no trace of the code or the app. */
function expectClientErrorPage(page: string, lang: string, title: string, code: string) {
  expect(page).toContain(`<html lang="${lang}" dir="${lang === "ar" || lang === "fa" ? "rtl" : "ltr"}">`);
  expect(page).toContain(`<h1>${title}</h1>`);
  expect(page).toMatch(/<a id="exit" class="exit" href="https:/);
  expect(page).not.toContain(code);
  expect(page).not.toContain("<script src");
  expect(page).not.toContain("__remixContext");
  expect(page).not.toMatch(/Error|stack|codeCount|SurveyCode/i);
}

describe("a client's page that fails (in the client's language)", () => {
  it("answers an address under /s that is no page with the client's 404", async () => {
    const [code] = (await freshCodes(1)).map((c) => plain(c.code));
    const response = await fetch(`${server.url}/s/${code}/x?lang=ti`, { headers: { Cookie: "lng=sv" } });
    expect(response.status).toBe(404);
    const page = await response.text();
    expectClientErrorPage(page, "ti", "እዚ ገጽ የለን", code!);
    // no "wait and try again" for a page that does not exist: the way on is the code box
    expect(page).toContain(`<a href="/s?lang=ti">ነቲ መጠይቕ መልሱ</a>`);
  });

  it("refuses a method no page sends with 405, naming the methods it takes, before the code is read", async () => {
    const [code] = (await freshCodes(1)).map((c) => plain(c.code));
    // refused in front of the app, with or without a body: PUT /s once looked a posted code up as
    // the code box does, a DELETE without a body was called 415, OPTIONS got Remix's 405 naming nothing
    const withBody = { headers: { ...FORM, Cookie: "lng=sv" }, body: `code=${code}&lang=ar&feel_better=yes` };
    const cases = [
      { path: `/s/${code}`, method: "PUT", allow: "GET, HEAD, POST", init: withBody },
      { path: "/s", method: "PATCH", allow: "GET, HEAD, POST", init: withBody },
      { path: "/s/thanks", method: "PUT", allow: "GET, HEAD", init: withBody },
      { path: `/s/${code}`, method: "DELETE", allow: "GET, HEAD, POST", init: {} },
      { path: "/s/thanks", method: "DELETE", allow: "GET, HEAD", init: {} },
      { path: "/s", method: "OPTIONS", allow: "GET, HEAD, POST", init: {} },
      { path: "/s/thanks", method: "OPTIONS", allow: "GET, HEAD", init: {} },
    ];
    for (const c of cases) {
      const label = `${c.method} ${c.path}`;
      const response = await fetch(`${server.url}${c.path}?lang=ar`, { method: c.method, ...c.init });
      expect(response.status, label).toBe(405);
      expect(response.headers.get("allow"), label).toBe(c.allow);
      expect(response.headers.get("set-cookie"), label).toBeNull();
      const page = await response.text();
      expect(page, label).toContain(`<html lang="ar" dir="rtl">`);
      expect(page, label).not.toContain(code);
      expect(page, label).not.toContain("<script");
      // styled under the page's own policy: the quick exit is the same red button as elsewhere
      const nonce = /style-src [^;]*'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
      expect(nonce, label).toBeTruthy();
      expect(page, label).toContain(`<style nonce="${nonce}">`);
      // the way out first, on a refusal as on every client page
      expect(page, label).toContain(`<body><div class="r"><div class="top"><a id="exit" class="exit" href="https://www.smhi.se/" rel="noreferrer">مغادرة الصفحة بسرعة</a></div><main>`);
      expect(page, label).toMatch(/\.exit\{[^}]*background:#8a1c1c/);
    }
    // a post reaches the thanks page's route, which has no form: the client's own error page
    const thanks = await fetch(`${server.url}/s/thanks?lang=ar`, { method: "POST", ...withBody });
    expect(thanks.status).toBe(405);
    expect(thanks.headers.get("allow")).toBe("GET, HEAD");
    expect(thanks.headers.get("set-cookie")).toBeNull();
    expectClientErrorPage(await thanks.text(), "ar", "حدث خطأ ما", code!);
    // an address that is no page stays one whatever the method (Remix answered a post 405)
    const posted = await fetch(`${server.url}/s/${code}/x?lang=ar`, { method: "POST", headers: FORM, body: "feel_better=yes" });
    expect(posted.status).toBe(404);
  });

  it("answers in the language posted when reading the code fails", async () => {
    const [code] = (await freshCodes(1, { lang: "en" })).map((c) => plain(c.code));
    // the code table gone for a moment: the lane and the route both fail to read the code
    await prisma.$executeRawUnsafe(`ALTER TABLE "SurveyCode" RENAME TO "SurveyCodeAway"`);
    try {
      const response = await fetch(`${server.url}/s/${code}`, { method: "POST", body: "lang=fa&feel_better=yes", redirect: "manual", headers: { ...FORM, Cookie: "lng=sv" } });
      expect(response.status).toBe(500);
      expectClientErrorPage(await response.text(), "fa", "مشکلی پیش آمد", code!);
    } finally {
      await prisma.$executeRawUnsafe(`ALTER TABLE "SurveyCodeAway" RENAME TO "SurveyCode"`);
    }
    expect(await prisma.surveyCode.count({ where: { hash: (await codeRow(code!)).hash } })).toBe(1);
  });
});

describe("the questionnaire's fast lane (decision 0027)", () => {
  // what differs by response: the moment, the body's type and framing, and the nonce (the lane's
  // 303 has none, so its policy allows no inline code at all)
  const PER_RESPONSE = ["date", "location", "content-type", "content-length", "transfer-encoding", "content-encoding", "vary", "etag"];
  const comparable = (response: Response) => {
    const headers = Object.fromEntries([...response.headers].filter(([name]) => !PER_RESPONSE.includes(name)));
    headers["content-security-policy"] = headers["content-security-policy"]!.replace(/ 'nonce-[^']+'/g, "");
    return headers;
  };

  it("answers a saved questionnaire with a 303 carrying the headers the app gives the questionnaire", async () => {
    const [fast, refused] = (await freshCodes(2)).map((c) => plain(c.code));
    const viaLane = await send({ name: "lane", path: `/s/${fast}`, body: "lang=en&feel_better=yes", status: 303 });
    // an answer the questionnaire does not offer: the lane hands it to Express and Remix
    const viaRoute = await send({ name: "route", path: `/s/${refused}`, body: "lang=en&feel_better=maybe", status: 400 });
    expect([viaLane.status, viaRoute.status]).toEqual([303, 400]);
    expect(viaLane.headers.get("location")).toBe("/s/thanks?lang=en");
    expect(viaLane.headers.get("content-security-policy")).not.toMatch(/nonce/);
    expect(viaRoute.headers.get("content-security-policy")).toMatch(/nonce/);
    expect(comparable(viaLane)).toEqual(comparable(viaRoute));
    expect(await prisma.surveyCode.count({ where: { hash: { in: [(await codeRow(refused!)).hash] } } })).toBe(1);
  });

  it("leaves a valid submit that asks for the old data protocol, however encoded, to the app's refusal", async () => {
    for (const query of ["_data=routes%2Fs.%24code", "%5Fdata=x", "_dat%61=x"]) {
      const [code] = (await freshCodes(1)).map((c) => plain(c.code));
      const response = await send({ name: query, path: `/s/${code}?${query}`, body: "lang=en&feel_better=yes", status: 400 });
      expect(response.status, query).toBe(400);
      expect(await prisma.surveyCode.count({ where: { hash: (await codeRow(code!)).hash } }), query).toBe(1);
    }
  });

  it("hands a submit that fails to store to the route, whose error page answers, and leaves the code unused", async () => {
    const [broken] = await freshCodes(1, { referral: "self", lang: "en" });
    const row = await codeRow(broken!.code);
    // its count row gone: storing the submit fails, on the lane and again in the route
    const counts = await prisma.codeCount.findMany({ where: { surveyVersionId: row.surveyVersionId, referral: "self" } });
    await prisma.codeCount.deleteMany({ where: { surveyVersionId: row.surveyVersionId, referral: "self" } });
    try {
      // a staff cookie for Swedish on the phone: the client's page still answers in Arabic
      const headers = { ...FORM, Cookie: "lng=sv" };
      const response = await fetch(`${server.url}/s/${plain(broken!.code)}`, { method: "POST", body: "lang=ar&feel_better=yes", redirect: "manual", headers });
      const page = await response.text();
      expect(response.status).toBe(500);
      expect(response.headers.get("content-type")).toMatch(/text\/html/);
      // the app's page (before the lane, Express's error handler answered in plain text)
      // in the client's language and direction, with the quick exit, a neutral title, nothing that
      // names the code and no app to hydrate
      expectClientErrorPage(page, "ar", "حدث خطأ ما", plain(broken!.code));
      expect(page).toContain("<title>استبيان</title>");
      // the lane tried first, and its log line names no code
      expect(server.stderr()).toMatch(/fast submit failed, handed to the route/);
      expect(server.stderr()).not.toContain(plain(broken!.code));
      expect(response.headers.get("cache-control")).toMatch(/\bno-store\b/);
      expect(await prisma.surveyCode.count({ where: { hash: row.hash } })).toBe(1);
    } finally {
      await prisma.codeCount.createMany({ data: counts });
    }
  });
});
