import { expect, test, type Page } from "./support/fixtures";
import { RESPONDENT_LANGUAGES } from "~/i18n/languages";
import { STAFF } from "./support/accounts";
import { login } from "./support/login";
import { pdfPages, printToPdf } from "./support/pdf";

const SIX_MONTHS_ON = (() => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + 6, Math.min(d.getUTCDate(), 28));
  return d.toISOString().slice(0, 10);
})();

/** Issues a batch of follow-up codes (the longest slip text) in a language; the slips show on the page. */
async function issueFollowups(page: Page, lang: string, count: number) {
  await page.goto("/admin/codes");
  await page.getByLabel("Tillfälle").selectOption("followup");
  await page.getByLabel("Gäller från").fill(SIX_MONTHS_ON);
  await page.getByLabel("Antal koder").fill(String(count));
  await page.getByLabel("Föreslaget språk").selectOption(lang);
  // the nine machine-made translations are drafts: issuing in them is confirmed
  if (lang !== "sv" && lang !== "en") await page.getByLabel(/ej granskad översättning/).check();
  await page.getByRole("button", { name: "Skapa koder" }).click();
  await expect(page.locator(".slip")).toHaveCount(count);
}

/**
 * With print styles on: every slip's content must lie inside the slip's padding box (so the cut
 * lines never cross text and nothing runs into the next slip), and the code must be on one line.
 */
async function slipGeometryProblems(page: Page): Promise<string[]> {
  return page.locator(".slip").evaluateAll((slips) =>
    slips.flatMap((slip, i) => {
      const box = slip.getBoundingClientRect();
      const style = getComputedStyle(slip);
      const inner = {
        left: box.left + parseFloat(style.paddingLeft) - 0.5,
        right: box.right - parseFloat(style.paddingRight) + 0.5,
        top: box.top + parseFloat(style.paddingTop) - 0.5,
        bottom: box.bottom - parseFloat(style.paddingBottom) + 0.5,
      };
      const problems: string[] = [];
      if (slip.scrollHeight > slip.clientHeight + 1 || slip.scrollWidth > slip.clientWidth + 1) problems.push(`slip ${i} overflows`);
      const range = document.createRange();
      const outside = (r: DOMRect, vertically: boolean) =>
        r.width > 0 && (r.left < inner.left || r.right > inner.right || (vertically && (r.top < inner.top || r.bottom > inner.bottom)));
      for (const el of slip.querySelectorAll("p, span, img, div")) {
        // boxes by their line boxes; the glyphs of a tall script may reach into the half-leading
        range.selectNodeContents(el);
        if (outside(el.getBoundingClientRect(), true) || Array.from(range.getClientRects()).some((r) => outside(r, false)))
          problems.push(`slip ${i}: "${(el.textContent ?? el.tagName).slice(0, 30)}" outside its box`);
      }
      const code = slip.querySelector(".slip-code")!;
      range.selectNodeContents(code);
      const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
      if (lines.size !== 1) problems.push(`slip ${i}: the code wraps over ${lines.size} lines`);
      return problems;
    }),
  );
}

test.describe("printed slips", () => {
  test.beforeEach(async ({ page }) => {
    await login(page, STAFF);
  });

  for (const { code: lang } of RESPONDENT_LANGUAGES)
    test(`an A4 sheet of eight and A6 pages fit in ${lang}`, async ({ page }) => {
      await issueFollowups(page, lang, 9); // a full sheet and one slip on the next
      await page.emulateMedia({ media: "print" });
      if (process.env.E2E_SCREENSHOTS) await page.locator(".slips").screenshot({ path: `tests/.tmp/slips-a4-${lang}.png` });
      expect(await slipGeometryProblems(page)).toEqual([]);
      const sheet = pdfPages(await printToPdf(page, `slips-a4-${lang}`));
      expect(sheet).toEqual([
        { width: 210, height: 297 },
        { width: 210, height: 297 },
      ]);

      await page.emulateMedia({ media: "screen" });
      await page.getByLabel("Utskrift").selectOption("a6");
      await page.emulateMedia({ media: "print" });
      expect(await slipGeometryProblems(page)).toEqual([]);
      const a6 = pdfPages(await printToPdf(page, `slips-a6-${lang}`));
      expect(a6).toEqual(Array.from({ length: 9 }, () => ({ width: 105, height: 148 })));
    });

  test("a follow-up slip says in the client's language and in Swedish when it opens", async ({ page }) => {
    await issueFollowups(page, "ti", 1);
    const slip = page.locator(".slip");
    await expect(slip).toHaveAttribute("lang", "ti");
    const day = (lang: string, iso: string) =>
      new Intl.DateTimeFormat(`${lang}-u-ca-gregory`, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${iso}T12:00:00Z`));
    await expect(slip).toContainText(`ካብ ${day("ti", SIX_MONTHS_ON)}`);
    await expect(slip.locator('.slip-sv[lang="sv"]').last()).toContainText(`Spara lappen. Du kan svara från ${day("sv", SIX_MONTHS_ON)}`);
    // the code on the slip, once, readable left to right
    await expect(slip.locator(".slip-code")).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });

  test("choosing the follow-up proposes six months on; an empty date is refused, not read as today", async ({ page }) => {
    await page.goto("/admin/codes");
    await page.getByLabel("Tillfälle").selectOption("followup");
    const proposed = await page.getByLabel("Gäller från").inputValue();
    const today = await page.getByLabel("Gäller från").getAttribute("min");
    const months = (a: string, b: string) => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
    expect(months(today!, proposed)).toBe(6);

    await page.getByLabel("Gäller från").fill("");
    await page.getByRole("button", { name: "Skapa koder" }).click();
    await expect(page.getByText("Välj dagen då uppföljningskoden börjar gälla")).toBeVisible();
    await expect(page.locator(".slip")).toHaveCount(0);
  });

  test("the batch prints again until the page is left, and leaving asks first", async ({ page }) => {
    await issueFollowups(page, "sv", 2);
    const codes = await page.locator(".slip-code").allTextContents();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Resultat" }).click();
    await expect.poll(() => dialogs).toEqual(["confirm"]);
    await expect(page).toHaveURL(/\/admin\/codes$/);
    expect(await page.locator(".slip-code").allTextContents()).toEqual(codes);
    expect(pdfPages(await printToPdf(page, "slips-again"))).toHaveLength(1);

    await page.close({ runBeforeUnload: true });
    await expect.poll(() => dialogs).toEqual(["confirm", "beforeunload"]);
  });

  // the walk-through of 2026-11-28: the count and the draft-language tick stayed, so a second
  // click on "Skapa koder" made a second batch of the same
  async function expectEmptyForm(page: Page) {
    await expect(page.getByLabel("Antal koder")).toHaveValue("1");
    await expect(page.getByLabel("Tillfälle")).toHaveValue("closure");
    await expect(page.getByLabel("Gäller från")).toHaveValue("");
    await expect(page.getByLabel("Föreslaget språk")).toHaveValue("sv");
    await expect(page.getByLabel(/ej granskad översättning/)).toHaveCount(0);
  }

  test("after a batch the form is empty again, with and without JavaScript", async ({ page, browser }) => {
    await issueFollowups(page, "ar", 3);
    await expectEmptyForm(page);
    await expect(page.locator(".slip")).toHaveCount(3); // the batch itself stays to print

    const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
    const noJs = await context.newPage();
    await issueFollowups(noJs, "en", 2); // a reviewed language: the draft tick needs script to appear
    await expectEmptyForm(noJs);
    await context.close();
  });
});