import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./support/fixtures";
import { cli } from "./support/run";

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** Issues one closure code straight through the CLI, on the e2e server's database. */
function issueCode(lang: string): string {
  const out = cli(["tokens", "issue", "--survey", "brukarenkat", "--wave", "closure", "--count", "1", "--lang", lang, "--json"]);
  return (JSON.parse(out) as { url: string }[])[0]!.url.split("/s/")[1]!;
}

/**
 * True when every sampled character of `text` draws differently from a character no font has
 * (U+0378, drawn as the "tofu" box): the page's fonts have real glyphs for the script.
 */
async function drawsRealGlyphs(page: Page, text: string): Promise<boolean> {
  return page.evaluate((sample) => {
    const font = getComputedStyle(document.body).fontFamily;
    const draw = (ch: string) => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 48;
      const ctx = canvas.getContext("2d")!;
      ctx.font = `32px ${font}`;
      ctx.fillText(ch, 4, 36);
      return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(",");
    };
    const tofu = draw("\u0378");
    const letters = [...sample].filter((c) => /\p{L}/u.test(c)).slice(0, 12);
    return letters.length > 0 && letters.every((c) => draw(c) !== tofu);
  }, text);
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

const LANGUAGES = [
  { lang: "ar", dir: "rtl", script: /[\u0600-\u06FF]/ },
  { lang: "fa", dir: "rtl", script: /[\u0600-\u06FF]/ },
  { lang: "ti", dir: "ltr", script: /[\u1200-\u137F]/ },
  { lang: "am", dir: "ltr", script: /[\u1200-\u137F]/ },
  { lang: "el", dir: "ltr", script: /[\u0370-\u03FF]/ },
];

for (const { lang, dir, script } of LANGUAGES) {
  test(`the questionnaire in ${lang} renders its script, reads ${dir}, and passes axe`, async ({ browser }, testInfo) => {
    const code = issueCode(lang);
    const context = await browser.newContext({ ...PHONE });
    const page = await context.newPage();
    await page.goto(`/s/${code}`);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.locator("html")).toHaveAttribute("dir", dir);
    // the questions themselves are translated, not shown in the Swedish fallback
    const legend = (await page.locator("legend").first().textContent())!;
    expect(legend).toMatch(script);
    expect(await drawsRealGlyphs(page, legend)).toBe(true);
    if (dir === "rtl") {
      // text starts at the right edge; the code on a status page or numbers stay left-to-right
      const box = (await page.locator("legend").first().boundingBox())!;
      expect(box.x + box.width).toBeGreaterThan(330);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: testInfo.outputPath(`questionnaire-${lang}.png`), fullPage: true });
    await axe(page);
    await context.close();
  });
}

test("every language link names the language in its own script", async ({ page }) => {
  await page.goto("/s");
  const names = await page.locator("nav ul li a").allTextContents();
  expect(names).toEqual(["Svenska", "English", "Español", "Türkçe", "Ελληνικά", "ትግርኛ", "አማርኛ", "Azərbaycanca", "العربية", "فارسی", "Soomaali"]);
  expect(await drawsRealGlyphs(page, "ትግርኛአማርኛ")).toBe(true);
  // the check does see tofu: Nag Mundari (Unicode 15) has no font on these machines
  expect(await drawsRealGlyphs(page, "\u{1E4D0}\u{1E4D1}")).toBe(false);
});
