import { describe, expect, it } from "vitest";
import { action as answer, loader as open } from "~/routes/s.$code";
import { action as typeCode } from "~/routes/s._index";
import { confirmTranslations, createDraft, publishVersion, updateDraft } from "~/survey/store.server";
import { editQuestion } from "~/survey/versions";
import { prisma } from "~/utils/db.server";
import { freshCodes, plain } from "../../support/codes";
import { unwrap } from "../../support/remix";

type Page = {
  kind: "form" | "status";
  questions?: { key: string; text: string; options: { text: string }[] }[];
  offered?: string[];
  values?: Record<string, unknown>;
  refusal?: string | null;
  typed?: string;
  i18n: { lang: string };
};

let address = 0;
const context = () => ({ clientAddress: `10.2.0.${++address}` });
const form = "application/x-www-form-urlencoded";
const get = (code: string, query = "") =>
  open({ request: new Request(`http://localhost/s/${code}${query}`), params: { code }, context: context() });
const post = (code: string, body: string) =>
  answer({
    request: new Request(`http://localhost/s/${code}`, { method: "POST", body, headers: { "Content-Type": form } }),
    params: { code },
    context: context(),
  });
const typed = (body: string, ctx = context()) =>
  typeCode({ request: new Request("http://localhost/s", { method: "POST", body, headers: { "Content-Type": form } }), params: {}, context: ctx });

describe("the questionnaire form without JavaScript", () => {
  it("a language button keeps the answers and does not use the code", async () => {
    const [c] = await freshCodes();
    const page = unwrap<Page>(await post(plain(c!.code), "lang=sv&gender=man&switchTo=fa"));
    expect(page.status).toBe(200);
    expect(page.data.i18n.lang).toBe("fa");
    expect(page.data.values).toEqual({ gender: "man" });
    expect(await prisma.response.count({ where: { answers: { some: { questionKey: "gender" } } } })).toBe(0);
  });

  it("a language name that is not a language is not a switch: the answers are sent in the page's language", async () => {
    const [c] = await freshCodes();
    const result = unwrap(await post(plain(c!.code), "lang=sv&switchTo=xx&feel_better=yes"));
    expect(result.status).toBe(303);
  });

  it('"skip this question" (an empty choice) stores no answer for that question', async () => {
    const [c] = await freshCodes(1, { lang: "en" });
    const result = unwrap(await post(plain(c!.code), "lang=en&violence_stopped=&violence_by_type.sexual=&feel_better=yes&comments=skipped-two"));
    expect(result.status).toBe(303);
    const saved = await prisma.response.findFirstOrThrow({ where: { answers: { some: { text: "skipped-two" } } }, include: { answers: true } });
    expect(saved.answers.map((a) => a.questionKey).sort()).toEqual(["comments", "feel_better"]);
  });
});

describe("typing a code at /s", () => {
  it("opens a valid code in its own language (no ?lang from the typing page)", async () => {
    const [c] = await freshCodes(1, { lang: "ti", confirmDraftLanguage: true });
    const result = unwrap(await typed(`lang=sv&code=${encodeURIComponent(c!.code.toLowerCase())}`));
    expect([result.status, result.location]).toEqual([303, `/s/${plain(c!.code)}`]);
  });

  it("a wrong, a used and an expired code answer the same 410 with what was typed and the box again", async () => {
    const [used, expired] = await freshCodes(2);
    await post(plain(used!.code), "lang=sv");
    await prisma.surveyCode.updateMany({ where: { wave: "closure" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const pages = [];
    for (const code of ["ABCD-EFGH-JKMX", used!.code, expired!.code]) {
      const page = unwrap<Page>(await typed(`lang=sv&code=${code}`));
      pages.push({ status: page.status, refusal: page.data.refusal, typed: page.data.typed === code });
    }
    expect(pages).toEqual(Array(3).fill({ status: 410, refusal: "notAccepted", typed: true }));
    const malformed = unwrap<Page>(await typed("lang=sv&code=12%3Cb%3E345"));
    expect([malformed.status, malformed.data.refusal, malformed.data.typed]).toEqual([400, "invalid", "12<b>345"]);
  });

  it("counts wrong codes against the same limit as /s/{code}, and never refuses a valid one", async () => {
    const ctx = context();
    for (let i = 0; i < 10; i++) await typed(`code=ZZZZZZZZZZ${i}0`, ctx);
    const blocked = unwrap<Page>(await typed("code=ZZZZZZZZZZZ0", ctx));
    expect([blocked.status, blocked.data.refusal]).toEqual([429, "throttled"]);
    // someone else on the same address holds a real slip
    const [c] = await freshCodes();
    expect(unwrap(await typed(`code=${c!.code}`, ctx)).status).toBe(303);
  });
});

// last: it publishes a version 4 every later code would be issued for
describe("a questionnaire is never shown in a mix of languages", () => {
  it("a language the version does not offer falls back whole: every text of the page in one language", async () => {
    const [before] = await freshCodes(1, { lang: "ar", confirmDraftLanguage: true });
    // version 4 rewords one question: Tigrinya goes stale, the other languages are confirmed
    await createDraft("brukarenkat");
    await updateDraft("brukarenkat", 4, (qs) => editQuestion(qs, { key: "violence_stopped", lang: "sv", text: "Har våldet upphört helt?" }), ["sv"]);
    for (const l of ["en", "es", "tr", "el", "am", "az", "ar", "fa", "so"]) await confirmTranslations("brukarenkat", 4, l, ["violence_stopped.text"]);
    await publishVersion("brukarenkat", 4, ["ti"]);
    const [c] = await freshCodes(1, { lang: "ar", confirmDraftLanguage: true });
    const page = unwrap<Page>(await get(plain(c!.code), "?lang=ti"));
    expect(page.data.i18n.lang).toBe("ar"); // the code's language, not Tigrinya with one Swedish question
    expect(page.data.offered).not.toContain("ti");
    const texts = page.data.questions!.flatMap((q) => [q.text, ...q.options.map((o) => o.text)]);
    for (const text of texts) expect(text).toMatch(/[\u0600-\u06FF]/);
    // switching to it by the form is refused the same way
    const switched = unwrap<Page>(await post(plain(c!.code), "lang=ar&switchTo=ti&role=subjected"));
    expect(switched.data.i18n.lang).toBe("ar");
    expect(switched.data.values).toEqual({ role: "subjected" });
    // an older code still opens its own version, which offers Tigrinya
    expect(unwrap<Page>(await get(plain(before!.code), "?lang=ti")).data.i18n.lang).toBe("ti");
  });
});

describe("Back after quick exit without JavaScript", () => {
  it("a repeated post of one rendered form (the browser resending it) gets the form without the answers", async () => {
    const [c] = await freshCodes();
    const first = unwrap<Page & { view: string }>(await get(plain(c!.code)));
    const body = `lang=sv&view=${first.data.view}&role=subjected&comments=hemligt&switchTo=en`;
    const switched = unwrap<Page & { view: string }>(await post(plain(c!.code), body));
    expect(switched.data.values).toEqual({ role: "subjected", comments: "hemligt" });
    expect(switched.data.view).not.toBe(first.data.view);
    const resent = unwrap<Page>(await post(plain(c!.code), body));
    expect([resent.status, resent.data.i18n.lang, resent.data.values]).toEqual([200, "en", {}]);
    // a rejected submit resent the same way shows no answers either
    const bad = `lang=sv&view=${switched.data.view}&role=bogus&comments=hemligt`;
    expect(unwrap<Page>(await post(plain(c!.code), bad)).data.values).toEqual({ comments: "hemligt" });
    expect(unwrap<Page>(await post(plain(c!.code), bad)).data.values).toEqual({});
  });
});
