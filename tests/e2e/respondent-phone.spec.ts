/**
 * The client's questionnaire as the walk-through of 2026-11-28 used it on a 360 px phone: Enter
 * in an answer sends the answers (it switched the page to Swedish), "leave quickly" stays on the
 * screen however far the client has scrolled, and Back after a corrected error does not land on
 * a form post the browser asks to send again.
 */
import { expect, test, type Browser, type Page } from "./support/fixtures";
import { cli } from "./support/run";

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: "sv-SE" };
const shots = process.env.E2E_SCREENSHOTS;

/** Issues one closure code in `lang` through the CLI; returns its path, /s/<code>. */
function issueCode(lang: string): string {
  const out = cli(["tokens", "issue", "--survey", "brukarenkat", "--wave", "closure", "--count", "1", "--lang", lang, "--json"]);
  return `/s/${(JSON.parse(out) as { url: string }[])[0]!.url.split("/s/")[1]!}`;
}

async function phone(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled });
  const page = await context.newPage();
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(new URL(r.url()).pathname);
  });
  return { context, page, posts };
}

const modes = [false, true].map((javaScriptEnabled) => ({ javaScriptEnabled, name: `JavaScript ${javaScriptEnabled ? "on" : "off"}` }));

for (const { javaScriptEnabled, name } of modes) {
  test(`Enter in a ticked answer sends the answers in Tigrinya, never switches to Swedish (${name})`, async ({ browser }) => {
    const path = issueCode("ti");
    const { context, page, posts } = await phone(browser, javaScriptEnabled);
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", "ti");
    const answer = page.locator('input[name="violence_stopped"][value="yes"]');
    await answer.check();
    await answer.press("Enter");
    await expect(page).toHaveURL(/\/s\/thanks\?lang=ti$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "ti");
    // one post, and it used the code: the code is gone
    expect(posts).toEqual([path]);
    const again = await page.goto(path);
    expect(again!.status()).toBe(410);
    await context.close();
  });
}

test("Enter after a language switch sends the answers in the new language; the default button is no tab stop", async ({ browser }) => {
  const path = issueCode("sv");
  const { context, page, posts } = await phone(browser, false);
  await page.goto(path);
  // the first Tab still goes to "leave quickly": the button Enter uses is not in the tab order
  await page.keyboard.press("Tab");
  await expect(page.locator("#exit")).toBeFocused();
  await page.locator('input[name="role"][value="subjected"]').check();
  await page.locator("#switchLang").selectOption("ti");
  await page.locator('button[name="intent"][value="switchLang"]').click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ti");
  const kept = page.locator('input[name="role"][value="subjected"]');
  await expect(kept).toBeChecked();
  await kept.press("Enter");
  await expect(page).toHaveURL(/\/s\/thanks\?lang=ti$/);
  expect(posts).toEqual([path, path]);
  expect((await page.goto(path))!.status()).toBe(410);
  await context.close();
});

/** Whether "leave quickly" is on the screen and the thing a tap at its centre hits. */
async function exitReachable(page: Page) {
  return page.evaluate(() => {
    const exit = document.getElementById("exit")!;
    const box = exit.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {
      inside: box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth && box.width > 0,
      hit: hit === exit || exit.contains(hit),
      scrollY: Math.round(scrollY),
    };
  });
}

for (const lang of ["sv", "ar", "ti"])
  for (const { javaScriptEnabled, name } of modes)
    test(`"leave quickly" stays on screen and tappable while a client scrolls the questionnaire (${lang}, ${name})`, async ({ browser }) => {
      const path = issueCode(lang);
      const { context, page } = await phone(browser, javaScriptEnabled);
      await page.goto(path);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      expect(height).toBeGreaterThan(3 * 740);
      const shot = (at: string) => shots && page.screenshot({ path: `tests/.tmp/respondent-phone-${lang}-${name.replace(/\W+/g, "-")}-${at}.png` });
      await shot("top");
      for (const [to, at] of [[Math.round(height / 2), "middle"], [height, "bottom"]] as const) {
        await page.evaluate((y) => window.scrollTo(0, y), to);
        const reach = await exitReachable(page);
        expect(reach.scrollY).toBeGreaterThan(1000);
        expect(reach).toMatchObject({ inside: true, hit: true });
        await shot(at);
      }
      // the bar covers nothing for good: the last element can be scrolled fully below it
      const covered = await page.evaluate(() => {
        const bar = document.getElementById("exit")!.getBoundingClientRect().bottom;
        // on the questionnaire the footer holds the accessibility statement, folded
        const footer = document.querySelector("footer summary")!.getBoundingClientRect();
        return footer.top < bar;
      });
      expect(covered).toBe(false);
      await context.close();
    });

test("a jump from the error summary lands its question below the bar, not under it", async ({ browser }) => {
  const path = issueCode("ar");
  const { context, page } = await phone(browser, false);
  await page.goto(path);
  // a question in the middle of the page (one at the bottom can never scroll under the bar), with
  // a tampered option as a broken client would send
  await page.locator('input[name="violence_stopped"][value="yes"]').evaluate((el: HTMLInputElement) => {
    el.value = "bogus";
    el.checked = true;
  });
  await page.locator("#answers > button[type=submit]").click();
  await page.getByRole("alert").getByRole("link").first().click();
  await expect(page).toHaveURL(/#q-violence_stopped$/);
  const [bar, question] = await page.evaluate(() => [document.getElementById("exit")!.getBoundingClientRect().bottom, document.getElementById("q-violence_stopped")!.getBoundingClientRect().top]);
  expect(question).toBeGreaterThanOrEqual(bar);
  if (shots) await page.screenshot({ path: "tests/.tmp/respondent-phone-ar-error-jump.png" });
  await context.close();
});

test("Back after a corrected error and the final submit does not land on a form post (JavaScript on)", async ({ browser }) => {
  const path = issueCode("ti");
  const { context, page } = await phone(browser, true);
  await page.goto(path);
  await page.locator('input[name="violence_stopped"][value="yes"]').check();
  const comments = page.locator("textarea[name=comments]");
  await comments.fill("x".repeat(10_001));
  await page.locator("#answers > button[type=submit]").click();
  await expect(page.getByRole("alert")).toBeVisible();
  // the answers are still there to correct
  await expect(page.locator('input[name="violence_stopped"][value="yes"]')).toBeChecked();
  await comments.fill("ok");
  await page.locator("#answers > button[type=submit]").click();
  await expect(page).toHaveURL(/\/s\/thanks\?lang=ti$/);
  if (shots) await page.screenshot({ path: "tests/.tmp/respondent-phone-thanks-ti.png" });
  const back = await page.goBack();
  // the entry is the questionnaire's own address, fetched again: the used code's neutral page
  expect(back!.request().method()).toBe("GET");
  expect(back!.status()).toBe(410);
  await context.close();
});
