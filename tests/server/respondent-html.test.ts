import { HtmlValidate, type Message } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESPONDENT_LANGUAGES } from "~/i18n/languages";
import { freshCodes, plain } from "../support/codes";
import { startServer, type RunningServer } from "../support/server";

/**
 * Every page a client can reach, in every client language, as the production server sends it,
 * through html-validate's standard preset. React's own spelling (`charSet`, `<meta/>`) passes
 * the preset as it is, so nothing is relaxed.
 */
const validator = new HtmlValidate({ extends: ["html-validate:standard"] });

let server: RunningServer;
let code = "";
beforeAll(async () => {
  const [c] = await freshCodes(1);
  code = plain(c!.code);
  server = await startServer();
}, 180_000);
afterAll(async () => {
  await server?.stop();
});

const form = (body: string) => ({
  method: "POST",
  body,
  redirect: "manual" as const,
  headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
});

/** What each page is, how to ask for it in `lang`, and the status it must answer with. */
type Page = [string, (lang: string) => [string, RequestInit?], number[]];
const PAGES: Page[] = [
  ["code entry", (l) => [`/s?lang=${l}`], [200]],
  ["code entry, mistyped code (400)", (l) => [`/s?lang=${l}`, form(`code=x&lang=${l}`)], [400]],
  ["questionnaire", (l) => [`/s/${code}?lang=${l}`], [200]],
  ["questionnaire with errors (400)", (l) => [`/s/${code}?lang=${l}`, form(`lang=${l}&method_satisfaction=yes&method_satisfaction=no`)], [400]],
  ["thanks", (l) => [`/s/thanks?lang=${l}`], [200]],
  ["accessibility", (l) => [`/accessibility?lang=${l}`], [200]],
  ["no such page under a code (404)", (l) => [`/s/${code}/x?lang=${l}`], [404]],
];
/** Asked after the others: from the eleventh guess on, one address gets the throttle page. */
const GUESS: Page = ["unknown code, or the throttle page", (l) => [`/s/AAAAAAAAAAAA?lang=${l}`], [404, 410, 429]];

/** Problems html-validate finds in each page, with the page's name and the text around them. */
async function problemsOf(pages: Page[], lang: string): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, request, statuses] of pages) {
    const [path, init] = request(lang);
    const res = await fetch(`${server.url}${path}`, init);
    expect([name, res.status]).toEqual([name, expect.toSatisfy((s: number) => statuses.includes(s))]);
    const html = await res.text();
    expect(html).toContain(`lang="${lang}"`);
    // the CSS sits in <head>, where the standard puts <style>, with the nonce the CSP allows
    const nonce = /style-src [^;]*'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    expect(html.indexOf(`<style nonce="${nonce}">`)).toBeGreaterThan(html.indexOf("<head>"));
    expect(html.lastIndexOf("<style")).toBeLessThan(html.indexOf("</head>"));
    const report = await validator.validateString(html);
    for (const m of report.results.flatMap((r) => r.messages as Message[]))
      problems.push(`${name}: ${m.ruleId} ${m.message} at ${m.line}:${m.column} (${html.slice(Math.max(0, m.offset - 40), m.offset + 40)})`);
  }
  return problems;
}

const LANGUAGES = RESPONDENT_LANGUAGES.map((l) => l.code);

describe("the respondent pages are valid HTML in every language", () => {
  it.each(LANGUAGES)("%s", async (lang) => {
    expect(await problemsOf(PAGES, lang)).toEqual([]);
  });

  it.each(LANGUAGES)("%s: the page for a code that is not one", async (lang) => {
    expect(await problemsOf([GUESS], lang)).toEqual([]);
  });
});

describe("the questionnaire arrives whole", () => {
  // streamed in pieces, a phone painted the first and then styled and laid out the page again
  it("is sent in one piece with its length, not as a chunked stream", async () => {
    const { request } = await import("node:http");
    const pieces = await new Promise<{ length: string | undefined; chunked: boolean; bytes: number }>((resolve, reject) => {
      request(`${server.url}/s/${code}?lang=ti`, { headers: { "accept-encoding": "identity" } }, (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () => resolve({ length: res.headers["content-length"], chunked: res.headers["transfer-encoding"] === "chunked", bytes }));
      })
        .on("error", reject)
        .end();
    });
    expect(pieces.chunked).toBe(false);
    expect(Number(pieces.length)).toBe(pieces.bytes);
  });
});
