import { expect, test, type Browser, type BrowserContext, type Page } from "./support/fixtures";
import { MANAGER } from "./support/accounts";
import { login } from "./support/login";
import { clientLines, foreignLines } from "./support/client-text";
import { cli } from "./support/run";

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const EXIT = "https://www.smhi.se/";

/** One closure code through the CLI (as a script would), in `lang`. */
function issueCode(lang: string): string {
  const out = cli(["tokens", "issue", "--survey", "brukarenkat", "--wave", "closure", "--count", "1", "--lang", lang, "--json"]);
  return (JSON.parse(out) as { url: string }[])[0]!.url.split("/s/")[1]!;
}

async function phone(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled, locale: "sv-SE" });
  // the quick-exit site, without leaving the test machine
  await context.route(`${EXIT}**`, (route) => route.fulfill(EXIT_PAGE));
  return { context, page: await context.newPage() };
}

/** The questionnaire's address; with JavaScript it names the page's language (Back then brings that language). */
const codeAddress = (code: string) => new RegExp(`/s/${code}(\\?lang=[a-z]+)?$`);

const EXIT_PAGE = { contentType: "text/html; charset=utf-8", body: "<title>SMHI</title><p>Väder</p>" };

/**
 * The exit site from now on: its page when `loads(nth)`, else nothing (204 keeps the page that
 * asked for it, as a dead connection does). Returns how often it was asked.
 */
async function exitSite(context: BrowserContext, loads: (nth: number) => boolean) {
  await context.unroute(`${EXIT}**`);
  let asked = 0;
  await context.route(`${EXIT}**`, (route) => route.fulfill(loads(++asked) ? EXIT_PAGE : { status: 204 }));
  return () => asked;
}

/** How many of the questionnaire's parts (main, the exit button, the form) are drawn on screen. */
const drawn = (page: Page) => page.locator("main, #exit, #answers").evaluateAll((all) => all.filter((e) => e.getClientRects().length > 0).length);

const checked = (page: Page) => page.locator("#answers input:checked:not([value=''])");

for (const javaScriptEnabled of [false, true]) {
  const js = `JavaScript ${javaScriptEnabled ? "on" : "off"}`;

  test(`Back after quick exit shows no answers (${js})`, async ({ browser }) => {
    const code = issueCode("sv");
    const { context, page } = await phone(browser, javaScriptEnabled);
    await page.goto("/s");
    await page.goto(`/s/${code}`);
    await expect(page.locator("#answers")).toHaveAttribute("autocomplete", "off");
    await page.locator('input[name="violence_stopped"][value="yes"]').check();
    await page.locator("textarea[name=comments]").fill("hemligt");
    await page.locator("a#exit").click();
    await expect(page).toHaveURL(EXIT);
    await page.goBack();
    if (javaScriptEnabled) {
      // the questionnaire left the history, and the code box behind it sends Back on to the exit site
      await expect(page).toHaveURL(EXIT);
      await expect(page.locator("body")).toContainText("Väder");
    } else {
      // without JavaScript the questionnaire comes back, empty (no-store)
      await expect(page).toHaveURL(codeAddress(code));
      await expect(checked(page)).toHaveCount(0);
      await expect(page.locator("textarea[name=comments]")).toHaveValue("");
    }
    await context.close();
  });

  test(`after a language switch, Back after quick exit shows no answers either (${js})`, async ({ browser }) => {
    const code = issueCode("sv");
    const { context, page } = await phone(browser, javaScriptEnabled);
    await page.goto(`/s/${code}`);
    await page.locator('input[name="role"][value="subjected"]').check();
    await page.locator('nav button[value="en"]').click();
    await expect(page.locator('input[name="role"][value="subjected"]')).toBeChecked();
    await page.locator("a#exit").click();
    await expect(page).toHaveURL(EXIT);
    // without JavaScript the browser may send the language switch again: the answer has no answers
    await page.goBack().catch(() => null);
    if (javaScriptEnabled) {
      // the questionnaire before the switch is still in the history: Back goes on to the exit site
      await expect(page).toHaveURL(EXIT);
      await expect(page.locator("#answers")).toHaveCount(0);
    } else {
      expect(await page.locator("#answers input:checked:not([value=''])").count()).toBe(0);
    }
    await context.close();
  });

  test(`the language links keep the answers and the selector shows the current language (${js})`, async ({ browser }) => {
    const code = issueCode("sv");
    const { context, page } = await phone(browser, javaScriptEnabled);
    await page.goto(`/s/${code}`);
    await expect(page.locator("#switchLang")).toHaveValue("sv");
    await page.locator('input[name="role"][value="subjected"]').check();
    await page.locator('input[name="violence_by_type.sexual"][value="stopped"]').check();
    await page.locator("textarea[name=comments]").fill("Tack");
    await page.locator('nav button[value="ti"]').click();
    await expect(page.locator("html")).toHaveAttribute("lang", "ti");
    await expect(page.locator('nav [aria-current="true"]')).toHaveText("ትግርኛ");
    await expect(page.locator("#switchLang")).toHaveValue("ti");
    await expect(page.locator('input[name="role"][value="subjected"]')).toBeChecked();
    await expect(page.locator('input[name="violence_by_type.sexual"][value="stopped"]')).toBeChecked();
    await expect(page.locator("textarea[name=comments]")).toHaveValue("Tack");
    // switching did not use the code: the answers can still be sent
    await page.locator("#answers > button[type=submit]").click();
    await expect(page).toHaveURL(/\/s\/thanks\?lang=ti$/);
    await context.close();
  });

  test(`a tapped answer can be taken back: "skip this question" stores nothing (${js})`, async ({ browser }) => {
    const code = issueCode("sv");
    const { context, page } = await phone(browser, javaScriptEnabled);
    await page.goto(`/s/${code}`);
    const question = page.locator("#q-violence_stopped");
    await question.locator('input[value="yes"]').check();
    await question.getByLabel("Hoppa över frågan").check();
    await expect(question.locator('input[value="yes"]')).not.toBeChecked();
    const posted = page.waitForRequest((r) => r.method() === "POST");
    await page.locator("#answers > button[type=submit]").click();
    expect((await posted).postData()).toContain("violence_stopped=&");
    await expect(page).toHaveURL(/\/s\/thanks/);
    await context.close();
  });

  test(`the accessibility statement opens on the questionnaire without losing an answer, in Arabic (${js})`, async ({ browser }) => {
    const code = issueCode("ar");
    const { context, page } = await phone(browser, javaScriptEnabled);
    await page.goto(`/s/${code}`);
    await page.locator('input[name="violence_stopped"][value="yes"]').check();
    await page.locator("textarea[name=comments]").fill("ما زلت أكتب");
    // the page that loses them if left: no link away, the statement opens in place
    await expect(page.locator('footer a[href^="/accessibility"]')).toHaveCount(0);
    const statement = page.locator("footer details");
    await expect(statement.locator("p").first()).toBeHidden();
    const summary = statement.locator("summary");
    expect((await summary.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await summary.click();
    await expect(statement.locator("p").first()).toBeVisible();
    await expect(statement).toContainText("WCAG 2.1");
    await expect(page).toHaveURL(codeAddress(code));
    await expect(page.locator('input[name="violence_stopped"][value="yes"]')).toBeChecked();
    await expect(page.locator("textarea[name=comments]")).toHaveValue("ما زلت أكتب");
    // pages without answers in progress keep the link to the statement's own page
    await page.goto("/s?lang=ar");
    await expect(page.locator('footer a[href="/accessibility?lang=ar"]')).toBeVisible();
    await context.close();
  });

  test(`a code typed at /s opens in the code's language, not the phone's (${js})`, async ({ browser }) => {
    const code = issueCode("ti");
    const { context, page } = await phone(browser, javaScriptEnabled);
    await page.goto("/s");
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    await page.getByLabel("Din kod").fill(code.toLowerCase());
    await page.getByRole("button", { name: "Fortsätt" }).click();
    await expect(page).toHaveURL(codeAddress(code));
    await expect(page.locator("html")).toHaveAttribute("lang", "ti");
    await expect(page.locator("legend").first()).toHaveText(/[\u1200-\u137F]/);
    await context.close();
  });

  test(`a wrong code at /s repeats what was typed and offers the box again (${js})`, async ({ browser }) => {
    const { context, page } = await phone(browser, javaScriptEnabled);
    await page.goto("/s");
    await page.getByLabel("Din kod").fill("ABCD-EFGH-JKMX");
    const answered = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Fortsätt" }).click();
    expect((await answered).status()).toBe(410);
    await expect(page.getByRole("alert")).toContainText("Koden kan inte användas");
    await expect(page.getByRole("alert")).toContainText("ABCD-EFGH-JKMX");
    await expect(page.getByLabel("Din kod")).toHaveValue("ABCD-EFGH-JKMX");
    // a code of the wrong shape: the same box, with what was typed
    await page.getByLabel("Din kod").fill("12345");
    await page.getByRole("button", { name: "Fortsätt" }).click();
    await expect(page.getByRole("alert")).toContainText("12345");
    await expect(page.getByLabel("Din kod")).toHaveValue("12345");
    // a used code looks exactly like an unknown one
    const code = issueCode("sv");
    await page.goto(`/s/${code}`);
    await page.locator("#answers > button[type=submit]").click();
    await page.goto("/s");
    await page.getByLabel("Din kod").fill(code);
    await page.getByRole("button", { name: "Fortsätt" }).click();
    await expect(page.getByRole("alert")).toContainText("Koden kan inte användas");
    // the neutral page of a code in a URL has the same box, and names nothing of that code
    const neutral = await page.goto("/s/ZZZZZZZZZZZZ");
    expect(neutral!.status()).toBe(410);
    expect(await page.content()).not.toContain("ZZZZ");
    await expect(page.getByLabel("Din kod")).toHaveValue("");
    await page.getByLabel("Din kod").fill("WXYZ");
    await page.getByRole("button", { name: "Fortsätt" }).click();
    await expect(page.getByRole("alert")).toContainText("WXYZ");
    await expect(page.getByLabel("Din kod")).toHaveValue("WXYZ");
    await context.close();
  });
}

/** Every question, row and option text the client sees on a preview page. */
async function clientTexts(page: Page): Promise<string[]> {
  return page.locator("#answers legend, #answers label > strong, #answers .opt:not(.skip) span").allTextContents();
}

test("the mixed-language check finds a Swedish fallback and another language's script", () => {
  const swedish = new Set(["Har våldet upphört?", "Ja"]);
  expect(foreignLines("ti", ["ዓመጽ ደው ኢሉ ድዩ?", "Har våldet upphört?", "ዓመጽ (violence)"], swedish)).toEqual(["Har våldet upphört?", "ዓመጽ (violence)"]);
  expect(foreignLines("ar", ["نعم", "Ja"], swedish)).toEqual(["Ja"]);
  expect(foreignLines("en", ["Yes", "Ja", "ትግርኛ", "Ναι"], swedish)).toEqual(["Ja", "ትግርኛ", "Ναι"]);
  expect(foreignLines("el", ["Ναι", "Yes"], swedish)).toEqual(["Yes"]);
  // a Swedish institution's name kept in a translation is no fallback; any other Swedish word is
  expect(foreignLines("ti", ["ቁጽሪ (personnummer)", "ቁጽሪ (samtal)"], swedish)).toEqual(["ቁጽሪ (samtal)"]);
});

test("every offered language of every published version shows no Swedish and no other language's script", async ({ browser }) => {
  test.setTimeout(600_000); // some sixty pages
  const context = await browser.newContext({ ...PHONE });
  const page = await context.newPage();
  await login(page, MANAGER);
  const [survey] = JSON.parse(cli(["surveys", "list", "--json"])) as { slug: string; versions: { version: number; status: string }[] }[];
  const published = survey!.versions.filter((v) => v.status === "published").map((v) => v.version);
  expect(published.length).toBeGreaterThanOrEqual(3);
  for (const version of published)
    for (const wave of ["closure", "followup"]) {
      await page.goto(`/preview/brukarenkat/${version}?as=sv&wave=${wave}`);
      const swedishTexts = await clientTexts(page);
      const swedish = new Set(await clientLines(page));
      const offered = await page.locator('nav a[hreflang]').evaluateAll((as) => as.map((a) => a.getAttribute("hreflang")!));
      expect(offered[0]).toBe("sv");
      for (const lang of offered.filter((l) => l !== "sv")) {
        await page.goto(`/preview/brukarenkat/${version}?as=${lang}&wave=${wave}`);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        const texts = await clientTexts(page);
        expect(texts, `version ${version} ${wave} ${lang}: every question`).toHaveLength(swedishTexts.length);
        expect(foreignLines(lang, texts, new Set(swedishTexts)), `version ${version} ${wave} ${lang}: questions and options`).toEqual([]);
        expect(foreignLines(lang, await clientLines(page), swedish), `version ${version} ${wave} ${lang}`).toEqual([]);
      }
    }
  await context.close();
});

test("a preview is the client's page at phone width, marked, not submittable, counting nothing", async ({ browser }) => {
  test.setTimeout(180_000); // two CLI reports around it
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, MANAGER);
  const before = cli(["report", "--survey", "brukarenkat", "--json"]);
  await page.goto("/preview/brukarenkat/3?as=ar&wave=closure");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("note")).toContainText("Förhandsvisning av version 3");
  expect(await page.locator("script[src]").count()).toBe(0);
  const frame = (await page.locator("[data-preview]").boundingBox())!;
  expect(frame.width).toBeLessThanOrEqual(362);
  await expect(page.locator("#answers > button[type=submit]")).toBeDisabled();
  await expect(page.locator("#answers")).not.toHaveAttribute("method", "post");
  expect(cli(["report", "--survey", "brukarenkat", "--json"])).toBe(before);
  // a client cannot open it
  await context.clearCookies();
  await page.goto("/preview/brukarenkat/3?as=ar");
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});

test("leave quickly hides the questionnaire at once, whether or not the exit site ever loads", async ({ browser }) => {
  const code = issueCode("ar");
  const { context, page } = await phone(browser, true);
  // the exit site never loads (a dead connection)
  const asked = await exitSite(context, () => false);
  await page.goto(`/s/${code}`);
  await page.locator('input[name="role"][value="subjected"]').check();
  expect(await drawn(page)).toBe(3);
  await page.locator("a#exit").click();
  await expect.poll(asked).toBe(1);
  await expect(page).toHaveURL(codeAddress(code));
  // nothing of the questionnaire is drawn, and the answer is gone
  expect(await drawn(page)).toBe(0);
  await expect(page.locator('input[name="role"][value="subjected"]')).not.toBeChecked();
  await context.close();
});

test("a client page reached by Back or a reload after leaving quickly shows nothing while it sends the phone on", async ({ browser }) => {
  const code = issueCode("ar");
  const { context, page } = await phone(browser, true);
  // the exit site loads the first time, then never again
  const asked = await exitSite(context, (nth) => nth === 1);
  await page.goto(`/s/${code}`);
  await page.locator('input[name="role"][value="subjected"]').check();
  await page.locator('nav button[value="en"]').click();
  await page.locator("a#exit").click();
  await expect(page).toHaveURL(EXIT);
  // Back: the questionnaire as it was before the switch, hidden at once, asking for the exit site again
  await page.goBack({ waitUntil: "commit" });
  await expect.poll(asked).toBe(2);
  await expect(page).toHaveURL(codeAddress(code));
  expect(await drawn(page)).toBe(0);
  // a reload of that blank page does not draw it either
  await page.reload({ waitUntil: "commit" });
  await expect.poll(asked).toBe(3);
  expect(await drawn(page)).toBe(0);
  await context.close();
});

test("a browser without the navigation entry (Safari before 15) is sent on by Back too", async ({ browser }) => {
  const code = issueCode("sv");
  const { context, page } = await phone(browser, true);
  await context.addInitScript(() => {
    const entries = performance.getEntriesByType.bind(performance);
    performance.getEntriesByType = (type: string) => (type === "navigation" ? [] : entries(type));
  });
  await page.goto("/s");
  await page.goto(`/s/${code}`);
  await page.locator("a#exit").click();
  await expect(page).toHaveURL(EXIT);
  await page.goBack();
  await expect(page).toHaveURL(EXIT);
  await context.close();
});

test("Back after sending answers in Arabic shows the used code's page in Arabic, not the phone's Swedish", async ({ browser }) => {
  const code = issueCode("sv");
  const { context, page } = await phone(browser, true);
  await page.goto(`/s/${code}`);
  await page.locator('nav button[value="ar"]').click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await page.locator('input[name="role"][value="subjected"]').check();
  await page.locator("#answers > button[type=submit]").click();
  await expect(page).toHaveURL(/\/s\/thanks\?lang=ar/);
  await page.goBack();
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("h1")).not.toContainText("Koden");
  await context.close();
});

test("after leaving quickly, the slip opened again in the same tab shows the questionnaire", async ({ browser }) => {
  const code = issueCode("ti");
  const { context, page } = await phone(browser, true);
  await page.goto(`/s/${code}`);
  await page.locator("a#exit").click();
  await expect(page).toHaveURL(EXIT);
  await page.goto(`/s/${code}`);
  await expect(page.locator("#answers")).toBeVisible();
  await expect(page.locator("html")).not.toHaveAttribute("hidden");
  // a visit of its own clears the flag: a later Back onto this page is not sent away
  await page.goto(`/accessibility?lang=ti`);
  await page.goBack();
  await expect(page).toHaveURL(codeAddress(code));
  await expect(page.locator("#answers")).toBeVisible();
  await context.close();
});
