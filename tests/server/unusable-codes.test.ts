import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCodes } from "~/codes/issue.server";
import { freshCodes, plain } from "../support/codes";
import { postAnswers, startServer, type RunningServer } from "../support/server";

/**
 * Whoever holds a client's slip (or the phone's history entry) opens the code: the answer must
 * not tell whether the client answered, let the code lapse, or never had it.
 */
let server: RunningServer;
let used: string;
let expired: string;
let unknown: string;
beforeAll(async () => {
  const [u] = await freshCodes(1, { lang: "ar", confirmDraftLanguage: true });
  // issued 200 days ago in Farsi: expired 110 days ago
  const [e] = await issueCodes({ survey: "brukarenkat", wave: "closure", count: 1, lang: "fa", confirmDraftLanguage: true }, new Date(Date.now() - 200 * 86_400_000));
  used = plain(u!.code);
  expired = plain(e!.code);
  unknown = "ZZZZZZZZZZZZ";
  server = await startServer();
  expect((await postAnswers(server.url, used, "feel_better=yes&lang=ar")).status).toBe(303);
}, 180_000);
afterAll(async () => {
  await server?.stop();
});

/** The body with the per-response CSP nonce taken out. */
const page = async (r: Response) => ({ status: r.status, body: (await r.text()).replace(/nonce="[^"]*"/g, 'nonce=""') });

describe("used, expired and unknown codes", () => {
  // nine unusable codes in all: the guessing limit (10 a minute per address) counts them alike
  const expectOnePage = (pages: { status: number; body: string }[], lang: string) => {
    expect(pages[0]!.status).toBe(410);
    expect(pages[1]).toEqual(pages[0]);
    expect(pages[2]).toEqual(pages[0]);
    expect(pages[0]!.body).toContain(`<html lang="${lang}"`);
    expect(pages[0]!.body).toMatch(/<form method="post" action="\/s"/);
    for (const code of [used, expired, unknown]) expect(pages[0]!.body).not.toContain(code);
  };

  it("answer GET with one status and one byte-identical page, in Swedish", async () => {
    const pages = [];
    for (const code of [used, expired, unknown]) pages.push(await page(await fetch(`${server.url}/s/${code}?lang=sv`)));
    expectOnePage(pages, "sv");
  });

  it("answer in the client's language (Tigrinya, from the browser), never in the code's own", async () => {
    const headers = { "Accept-Language": "ti,en;q=0.5" };
    const pages = [];
    for (const code of [used, expired, unknown]) pages.push(await page(await fetch(`${server.url}/s/${code}`, { headers })));
    expectOnePage(pages, "ti");
  });

  it("answer POST alike, in Tigrinya", async () => {
    const pages = [];
    for (const code of [used, expired, unknown]) pages.push(await page(await postAnswers(server.url, code, "feel_better=yes&lang=ti")));
    expectOnePage(pages, "ti");
  });

  it("a code not yet valid still shows its opening date (403)", async () => {
    const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const [later] = await freshCodes(1, { validFrom: day });
    const r = await fetch(`${server.url}/s/${plain(later!.code)}?lang=en`);
    expect(r.status).toBe(403);
    expect(await r.text()).toContain(String(new Date(day).getUTCFullYear()));
  });
});
