import { describe, expect, it } from "vitest";
import { fastSubmit } from "~/respondent/fast-submit.server";
import { action } from "~/routes/s.$code";
import { dayOf } from "~/utils/months";
import { prisma } from "~/utils/db.server";
import { codeRow, freshCodes, plain } from "../../support/codes";
import { unwrap } from "../../support/remix";

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
let address = 0;

function viaRoute(code: string, body: string, headers: Record<string, string> = {}) {
  return action({
    request: new Request(`http://localhost/s/${code}`, { method: "POST", body, headers: { ...FORM, ...headers } }),
    params: { code },
    context: { clientAddress: `10.7.0.${++address}` },
  });
}

function viaFastPath(code: string, body: string, headers: { cookie?: string; acceptLanguage?: string } = {}) {
  return fastSubmit({ code, body, url: `http://localhost/s/${code}`, ...headers });
}

/** Everything a submit stored, without the random ids that tell two responses apart. */
async function snapshot() {
  const responses = await prisma.response.findMany({ include: { answers: true } });
  const counts = await prisma.answerCount.findMany();
  const texts = await prisma.freeText.findMany();
  const codeCounts = await prisma.codeCount.findMany();
  return { responses, counts, texts, codeCounts };
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

function added(before: Snapshot, after: Snapshot) {
  const known = new Set(before.responses.map((r) => r.id));
  const responses = after.responses
    .filter((r) => !known.has(r.id))
    .map(({ id: _id, answers, ...r }) => ({ ...r, answers: answers.map(({ responseId: _r, ...a }) => a).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))) }));
  const cell = (c: Snapshot["counts"][number]) => JSON.stringify({ ...c, n: 0 });
  const n = new Map(before.counts.map((c) => [cell(c), c.n]));
  const counts = after.counts.map((c) => `${cell(c)} +${c.n - (n.get(cell(c)) ?? 0)}`).filter((s) => !s.endsWith(" +0")).sort();
  const knownTexts = new Set(before.texts.map((t) => t.id));
  const texts = after.texts.filter((t) => !knownTexts.has(t.id)).map(({ id: _id, ...t }) => t);
  const answered = after.codeCounts.reduce((s, c) => s + c.answered, 0) - before.codeCounts.reduce((s, c) => s + c.answered, 0);
  return { responses, counts, texts, answered };
}

const CASES: { name: string; body: string; lang?: string; headers?: { cookie?: string; acceptLanguage?: string } }[] = [
  { name: "every question type, Swedish", body: "lang=sv&role=subjected&gender=woman&violence_stopped=yes&violence_by_type.physical=stopped&violence_by_type.psychological=reduced&comments=Tack+s%C3%A5+mycket" },
  { name: "a multi-line comment in Arabic on an Arabic code", lang: "ar", body: "lang=ar&feel_better=partly&comments=%D8%B4%D9%83%D8%B1%D8%A7%0D%0Aok" },
  { name: "nothing answered", body: "lang=en" },
  { name: "no lang field: the code's language", lang: "fa", body: "feel_better=no" },
  { name: "no lang field on a Swedish code: still the code's language over the cookie", body: "feel_better=yes", headers: { cookie: "lng=en", acceptLanguage: "ti" } },
];

describe("the submit fast path beside the Remix route", () => {
  for (const c of CASES)
    it(`stores the same rows and answers the same redirect: ${c.name}`, async () => {
      const [fast, routed] = await freshCodes(2, { lang: c.lang ?? "sv", clientGroup: "subjected", confirmDraftLanguage: true });
      const before = await snapshot();
      const location = await viaFastPath(plain(fast!.code), c.body, c.headers);
      expect(location).toMatch(/^\/s\/thanks\?lang=/);
      const middle = await snapshot();
      const headers: Record<string, string> = {};
      if (c.headers?.cookie) headers.Cookie = c.headers.cookie;
      if (c.headers?.acceptLanguage) headers["Accept-Language"] = c.headers.acceptLanguage;
      const page = unwrap(await viaRoute(plain(routed!.code), c.body, headers));
      const after = await snapshot();
      expect(page.status).toBe(303);
      expect(page.location).toBe(location);
      const byFast = added(before, middle);
      expect(byFast.responses).toHaveLength(1);
      expect(added(middle, after)).toEqual(byFast);
    });

  it("hands back everything that is not a clean success, using no code", async () => {
    const [open] = await freshCodes(1);
    const [later] = await freshCodes(1, { wave: "followup", validFrom: dayOf(new Date(Date.now() + 3 * 86_400_000)) });
    const code = plain(open!.code);
    for (const body of [
      "lang=sv&violence_stopped=maybe", // unknown option: the route shows the form again
      "lang=sv&nonsense=1",
      "lang=sv&comments=%E0%A4", // broken percent-encoding
      "lang=sv&feel_better=yes&switchTo=en", // a language switch keeps the answers, uses nothing
      "lang=sv&feel_better=yes&intent=switchLang&switchLang=ar",
    ])
      expect(await viaFastPath(code, body), body).toBeNull();
    expect(await viaFastPath("ZZZZZZZZZZZZ", "lang=sv&feel_better=yes")).toBeNull(); // unknown: the 410 page
    expect(await viaFastPath(plain(later!.code), "lang=sv&feel_better=yes")).toBeNull(); // not yet valid: 403
    expect(await prisma.surveyCode.count({ where: { hash: (await codeRow(open!.code)).hash } })).toBe(1);
    // the code still works, and once used the next submit of it is handed back for the 410 page
    expect(await viaFastPath(code, "lang=sv&feel_better=yes")).toBe("/s/thanks?lang=sv");
    expect(await viaFastPath(code, "lang=sv&feel_better=yes")).toBeNull();
  });
});
