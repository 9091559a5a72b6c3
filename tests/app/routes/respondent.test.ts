import { describe, expect, it } from "vitest";
import { action, loader } from "~/routes/s.$code";
import { prisma } from "~/utils/db.server";
import { normalizeCode } from "~/codes/code";
import { WITHHELD_ATTRIBUTE } from "~/codes/attributes";
import { hashCode } from "~/codes/code.server";
import { freshCodes, plain } from "../../support/codes";
import { unwrap } from "../../support/remix";
import { dayOf } from "~/utils/months";

type Page = {
  kind: "form" | "status";
  title?: string;
  questions?: { key: string; text: string }[];
  values?: Record<string, unknown>;
  errors?: { field: string; code: string }[];
  i18n: { lang: string; dir: string };
};

let address = 0;
const context = () => ({ clientAddress: `10.1.0.${++address}` });

function get(code: string, query = "", headers: HeadersInit = {}) {
  return loader({ request: new Request(`http://localhost/s/${code}${query}`, { headers }), params: { code }, context: context() });
}

function post(code: string, body: string | URLSearchParams, contentType = "application/x-www-form-urlencoded") {
  return action({
    request: new Request(`http://localhost/s/${code}`, { method: "POST", body: String(body), headers: { "Content-Type": contentType } }),
    params: { code },
    context: context(),
  });
}

const hashOf = (code: string) => hashCode(normalizeCode(code)!, process.env.TOKEN_SECRET!);
/** The code's row while it can be used; null once used (a submit deletes it). */
const codeRow = (code: string) => prisma.surveyCode.findUnique({ where: { hash: hashOf(code) } });

describe("opening a code", () => {
  it("shows the closure questions in the code's language without using the code", async () => {
    const [c] = await freshCodes(1, { lang: "en" });
    const page = unwrap<Page>(await get(plain(c!.code)));
    expect(page.status).toBe(200);
    expect(page.data.kind).toBe("form");
    expect(page.data.i18n.lang).toBe("en");
    expect(page.data.questions!.map((q) => q.key)).toEqual([
      "role", "gender", "contact_satisfaction", "method_satisfaction", "alternative_strategies",
      "expectations_met", "feel_better", "violence_stopped", "violence_by_type", "comments",
    ]);
    expect(page.data.questions![7]!.text).toBe("Has the violence stopped?");
    expect(await codeRow(c!.code)).not.toBeNull();
  });

  it("accepts the code with dashes, in lower case, and with O for 0", async () => {
    const [c] = await freshCodes();
    const typed = c!.code.toLowerCase().replace(/0/g, "o");
    expect(unwrap<Page>(await get(typed)).data.kind).toBe("form");
  });

  it("asks only the follow-up questions on a follow-up code", async () => {
    const [c] = await freshCodes(1, { wave: "followup", validFrom: dayOf(new Date()) });
    const keys = unwrap<Page>(await get(plain(c!.code))).data.questions!.map((q) => q.key);
    expect(keys).toEqual(["role", "gender", "feel_better", "violence_stopped", "violence_by_type", "comments"]);
  });

  it("switches language with ?lang and sets dir=rtl for Arabic", async () => {
    const [c] = await freshCodes();
    const page = unwrap<Page>(await get(plain(c!.code), "?lang=ar"));
    expect(page.data.i18n).toMatchObject({ lang: "ar", dir: "rtl" });
  });

  it("answers one 410 page for unknown, used and expired codes, in the client's language, and 403 for not yet valid", async () => {
    const [used, later, expired] = await freshCodes(3, { lang: "ar", confirmDraftLanguage: true });
    expect(unwrap(await post(plain(used!.code), "lang=ar")).status).toBe(303);
    await prisma.surveyCode.update({ where: { hash: hashOf(later!.code) }, data: { validFrom: new Date(Date.now() + 86_400_000) } });
    await prisma.surveyCode.update({ where: { hash: hashOf(expired!.code) }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const english = { "Accept-Language": "en" };
    const pages = await Promise.all(["ZZZZZZZZZZZZ", plain(used!.code), plain(expired!.code), "hello"].map(async (code) => unwrap<Page>(await get(code, "", english))));
    for (const page of pages) {
      // the browser's language, not the code's Arabic: the code must not show through
      expect([page.status, page.data.title, page.data.i18n.lang]).toEqual([410, "This code cannot be used", "en"]);
      expect(page.data).toEqual(pages[0]!.data);
    }
    const laterPage = unwrap<Page>(await get(plain(later!.code)));
    // a code not yet valid may show itself: its opening date, in its own language
    expect([laterPage.status, laterPage.data.i18n.lang]).toEqual([403, "ar"]);
  });

  it("throttles an address that guesses codes, but never refuses it a valid code", async () => {
    const address = { clientAddress: "10.66.0.1" };
    for (let i = 0; i < 10; i++) {
      const r = unwrap(await loader({ request: new Request("http://localhost/s/x"), params: { code: `ZZZZZZZZZZ${i}0` }, context: address }));
      expect(r.status).toBe(410);
    }
    const guess = unwrap(await loader({ request: new Request("http://localhost/s/x"), params: { code: "ZZZZZZZZZZZ0" }, context: address }));
    expect(guess.status).toBe(429);
    // a valid code from the same address (a shelter's Wi-Fi) still opens: only wrong guesses pause
    const [c] = await freshCodes();
    const valid = unwrap(await loader({ request: new Request("http://localhost/s/x"), params: { code: plain(c!.code) }, context: address }));
    expect(valid.status).toBe(200);
  });

  it("counts a repeated wrong code once: a double submit does not pause its sender", async () => {
    const address = { clientAddress: "10.66.0.2" };
    for (let i = 0; i < 20; i++) {
      const r = unwrap(await loader({ request: new Request("http://localhost/s/x"), params: { code: "ZZZZZZZZZZZ1" }, context: address }));
      expect(r.status).toBe(410);
    }
  });
});

describe("submitting answers", () => {
  it("saves the response, uses the code and redirects to the thanks page", async () => {
    // five codes share language, group and referral (MIN_GROUP_SIZE): the response keeps them
    const [c] = await freshCodes(5, { clientGroup: "perpetrator", referral: "police", lang: "en" });
    const result = unwrap(await post(plain(c!.code), "lang=en&violence_stopped=yes&violence_by_type.sexual=stopped&comments=Thank+you"));
    expect(result.status).toBe(303);
    expect(result.location).toBe("/s/thanks?lang=en");
    expect(await codeRow(c!.code)).toBeNull();
    const responses = await prisma.response.findMany({ include: { answers: true } });
    const saved = responses.find((r) => r.answers.some((a) => a.text === "Thank you"))!;
    expect(saved).toMatchObject({ wave: "closure", lang: "en", clientGroup: "perpetrator", referral: "police" });
    expect(saved.month).toMatch(/^\d{4}-\d{2}$/);
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(saved.answers).toHaveLength(3);
    const count = await prisma.codeCount.findFirstOrThrow({ where: { clientGroup: "perpetrator", referral: "police" } });
    expect([count.issued, count.answered]).toEqual([5, 1]);
  });

  it("stores language, group and referral as withheld where fewer than MIN_GROUP_SIZE codes shared them", async () => {
    const [c] = await freshCodes(1, { clientGroup: "both", referral: "self", lang: "so", confirmDraftLanguage: true });
    expect(unwrap(await post(plain(c!.code), "lang=so&comments=Mahadsanid")).status).toBe(303);
    const saved = await prisma.response.findFirstOrThrow({ where: { answers: { some: { text: "Mahadsanid" } } } });
    expect(saved).toMatchObject({ lang: WITHHELD_ATTRIBUTE, clientGroup: WITHHELD_ATTRIBUTE, referral: WITHHELD_ATTRIBUTE });
    // the comment's second copy, apart from its response, keeps no language either: a Somali comment
    // beside "so" would point at the one Somali code handed out
    const text = await prisma.freeText.findFirstOrThrow({ where: { text: "Mahadsanid" } });
    expect(text.lang).toBe(WITHHELD_ATTRIBUTE);
    expect(await prisma.freeText.count({ where: { lang: "so" } })).toBe(0);
    const cells = await prisma.answerCount.findMany({ where: { level: 1, month: saved.month, clientGroup: { in: ["both", WITHHELD_ATTRIBUTE] } } });
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((cell) => cell.clientGroup === WITHHELD_ATTRIBUTE && cell.referral === WITHHELD_ATTRIBUTE)).toBe(true);
    // the code's month still counts it answered under its real group: response rates are counts of codes
    const count = await prisma.codeCount.findFirstOrThrow({ where: { clientGroup: "both", referral: "self", lang: "so" } });
    expect([count.issued, count.answered]).toEqual([1, 1]);
  });

  it("saves an empty questionnaire: every question is optional", async () => {
    const [c] = await freshCodes();
    expect(unwrap(await post(plain(c!.code), "lang=sv")).status).toBe(303);
  });

  it("refuses a second submit of the same code with 'already used'", async () => {
    const [c] = await freshCodes();
    await post(plain(c!.code), "violence_stopped=yes");
    const again = unwrap<Page>(await post(plain(c!.code), "violence_stopped=no"));
    expect(again.status).toBe(410);
  });

  it.each([
    ["an unknown option", "violence_stopped=maybe", "unknownOption", "woman"],
    ["an unknown question", "favourite_colour=blue", "unknownQuestion", "woman"],
    ["a text over its limit", `comments=${"a".repeat(2001)}`, "tooLong", "woman"],
    // a body that cannot be decoded has no answers to keep
    ["broken encoding", "comments=%E0%A4%A", "malformed", undefined],
  ])("answers 400 for %s, keeps what can be kept, and leaves the code usable", async (_name, body, code, keptGender) => {
    const [c] = await freshCodes(1, { lang: "en" });
    const result = unwrap<Page>(await post(plain(c!.code), `lang=en&gender=woman&${body}`));
    expect(result.status).toBe(400);
    expect(result.data.kind).toBe("form");
    expect(result.data.errors!.map((e) => e.code)).toEqual([code]);
    expect(result.data.values!.gender).toBe(keptGender);
    expect(await codeRow(c!.code)).not.toBeNull();
    expect(unwrap(await post(plain(c!.code), "lang=en&gender=woman")).status).toBe(303);
  });

  it("refuses a question of the other wave", async () => {
    const [c] = await freshCodes(1, { wave: "followup", validFrom: dayOf(new Date()) });
    const result = unwrap<Page>(await post(plain(c!.code), "method_satisfaction=yes"));
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual([{ field: "method_satisfaction", code: "notInWave" }]);
  });

  it("refuses a body that is not a form", async () => {
    const [c] = await freshCodes();
    const result = unwrap<Page>(await post(plain(c!.code), '{"violence_stopped":"yes"}', "application/json"));
    expect(result.status).toBe(400);
    expect(await codeRow(c!.code)).not.toBeNull();
  });

  it("refuses a PUT of complete answers itself, 405 naming its methods, and leaves the code unused", async () => {
    // the server refuses other methods first (server/limits.ts); the route does not count on it
    const [c] = await freshCodes();
    const thrown = await action({
      request: new Request(`http://localhost/s/${plain(c!.code)}?lang=ar`, { method: "PUT", body: "feel_better=yes", headers: { "Content-Type": "application/x-www-form-urlencoded" } }),
      params: { code: plain(c!.code) },
      context: context(),
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(405);
    expect((thrown as Response).headers.get("Allow")).toBe("GET, HEAD, POST");
    expect(await codeRow(c!.code)).not.toBeNull();
  });

  it("changes language mid-questionnaire, keeping the answers and the code unused", async () => {
    const [c] = await freshCodes();
    const result = unwrap<Page>(await post(plain(c!.code), "lang=sv&gender=man&intent=switchLang&switchLang=ar"));
    expect(result.status).toBe(200);
    expect(result.data.i18n.lang).toBe("ar");
    expect(result.data.values).toEqual({ gender: "man" });
    expect(await codeRow(c!.code)).not.toBeNull();
  });

  it("stores exactly one response when 50 submits of one code arrive at once", async () => {
    const [c] = await freshCodes();
    const before = await prisma.response.count();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(plain(c!.code), `feel_better=${i % 2 ? "yes" : "no"}`).then(unwrap)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(49);
    expect(await prisma.response.count()).toBe(before + 1);
  });
});
