import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "./support/fixtures";
import { STAFF } from "./support/accounts";
import { login } from "./support/login";
import { cli } from "./support/run";
import { specFileDatabaseUrl } from "./support/fixtures";

/**
 * Issue 16's "done when" for paper: a Tigrinya code's questionnaire prints on A4 with nothing cut
 * and the code on every page; its answers typed in by staff (by keyboard, and without
 * JavaScript) change the tables exactly as the same answers from a phone do; the code is then
 * used. An Arabic sheet prints right to left.
 */
const issue = (lang: string, count: number) =>
  (JSON.parse(cli(["tokens", "issue", "--survey", "brukarenkat", "--wave", "closure", "--count", String(count), "--lang", lang, "--json"])) as { code: string }[]).map(
    (c) => c.code,
  );
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "paper-e2e-"));
test.afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function printSheet(page: Page, code: string, name: string) {
  await page.goto("/admin/paper/print");
  await page.getByLabel("Koden på lappen").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Visa enkäten" }).click();
  await expect(page.locator("article.paper")).toBeVisible();
  // the sheet goes home with the client: its title (a printed header could show it) stays neutral
  await expect(page).toHaveTitle("Brukarröst");
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  if (process.env.E2E_SCREENSHOTS) fs.copyFileSync(file, `tests/.tmp/paper-${name}.pdf`);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);
  const pageText = (n: number) => execFileSync("pdftotext", ["-f", String(n), "-l", String(n), "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  return { file, pages, pageText };
}

/** A page rendered to grey pixels (pdftoppm's PGM): rows of 0 (black) to 255 (white). */
function renderPage(file: string, n: number, dpi = 60) {
  const out = path.join(tmp, `page-${n}`);
  execFileSync("pdftoppm", ["-gray", "-r", String(dpi), "-f", String(n), "-l", String(n), "-singlefile", file, out]);
  const data = fs.readFileSync(`${out}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString("latin1"))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = data.subarray(header[0].length);
  const pxPerMm = dpi / 25.4;
  /** Dark pixels in a band of the page, in millimetres from the top-left corner. */
  const ink = (x0: number, y0: number, x1: number, y1: number) => {
    let dark = 0;
    for (let y = Math.floor(y0 * pxPerMm); y < Math.min(height, y1 * pxPerMm); y++)
      for (let x = Math.floor(x0 * pxPerMm); x < Math.min(width, x1 * pxPerMm); x++) if (pixels[y * width + x]! < 160) dark++;
    return dark;
  };
  return { width, height, ink };
}

/** What the sheet should hold: every text of the article, whitespace dropped (PDF text breaks lines anywhere). */
const squeeze = (s: string) => s.replace(/\s+/g, "");

/** Each AnswerCount cell's n: the pre-aggregate every results table reads. */
function answerCounts(): Map<string, number> {
  const db = new Database(specFileDatabaseUrl().replace(/^file:/, ""), { readonly: true });
  try {
    const rows = db.prepare(`SELECT * FROM "AnswerCount"`).all() as Record<string, string | number>[];
    return new Map(rows.map(({ n, ...key }) => [JSON.stringify(key), Number(n)]));
  } finally {
    db.close();
  }
}
const delta = (before: Map<string, number>, after: Map<string, number>) =>
  Object.fromEntries([...after].map(([k, n]) => [k, n - (before.get(k) ?? 0)]).filter(([, d]) => d !== 0));
function rawRows(sql: string) {
  const db = new Database(specFileDatabaseUrl().replace(/^file:/, ""), { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

test("a Tigrinya paper questionnaire prints on A4 with nothing cut and its code on every page", async ({ page }) => {
  test.setTimeout(180_000);
  const [code] = issue("ti", 1);
  await login(page, STAFF);
  const { file, pages, pageText } = await printSheet(page, code!, "ti");
  expect(pages).toBeGreaterThanOrEqual(2); // so "every page" means more than the first
  for (let n = 1; n <= pages; n++) expect(pageText(n), `page ${n} of ${pages}`).toContain(code);

  // nothing cut: every text of the sheet is in the PDF's text, in the order of the page
  const printed = squeeze(Array.from({ length: pages }, (_, i) => pageText(i + 1)).join(""));
  const texts = await page.locator("article.paper").locator("h1, .paper-intro, .paper-q-text, .paper-hint, .paper-options li, .paper-matrix th, .paper-envelope").allInnerTexts();
  expect(texts.length).toBeGreaterThan(30);
  for (const text of texts) expect(printed, `"${text}" is missing from the PDF`).toContain(squeeze(text));
  expect(printed).toContain(squeeze("ነቲ መሕተት ኣብ ፖስታ ኣእትዎ እሞ ዕጸዎ።")); // the envelope note, in Tigrinya

  // and at the printable width (A4 less 15 mm margins each side) no box reaches past the sheet's edge
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: Math.floor((180 / 25.4) * 96), height: 1000 });
  const overflow = await page.locator("article.paper").evaluate((article) => {
    const edge = article.getBoundingClientRect();
    const out = [...article.querySelectorAll("*")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.left < edge.left - 0.5 || r.right > edge.right + 0.5 || el.scrollWidth > el.clientWidth + 1);
      })
      .map((el) => `${el.tagName}.${el.className}: ${el.textContent?.slice(0, 40)}`);
    return { width: edge.width, out };
  });
  expect(overflow.out).toEqual([]);
  expect(overflow.width).toBeLessThanOrEqual((180 / 25.4) * 96 + 0.5);

  // looked at (pdftoppm): the code in the top margin of every page and ink in the body; the
  // side margins blank, so no line runs off the sheet
  for (let n = 1; n <= pages; n++) {
    const png = renderPage(file, n);
    expect(png.width / (60 / 25.4)).toBeCloseTo(210, -0.5);
    expect(png.ink(60, 4, 150, 17), `page ${n}: the running header`).toBeGreaterThan(20);
    expect(png.ink(60, 283, 150, 296), `page ${n}: the running footer`).toBeGreaterThan(20);
    expect(png.ink(15, 20, 195, 280), `page ${n}: the questionnaire`).toBeGreaterThan(200);
    expect(png.ink(0, 20, 13, 280) + png.ink(197, 20, 210, 280), `page ${n}: the side margins`).toBe(0);
  }
});

test("an Arabic paper questionnaire prints right to left, its code on every page", async ({ page }) => {
  test.setTimeout(120_000);
  const [code] = issue("ar", 1);
  await login(page, STAFF);
  const { pages, pageText } = await printSheet(page, code!, "ar");
  for (let n = 1; n <= pages; n++) expect(pageText(n), `page ${n}`).toContain(code);
  const article = page.locator("article.paper");
  await expect(article).toHaveAttribute("dir", "rtl");
  expect(await article.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  // the tick box stands at the start of the line, which in Arabic is the right
  const option = article.locator(".paper-options li").first();
  const box = (await option.locator(".paper-box").boundingBox())!;
  const words = (await option.locator("span").last().boundingBox())!;
  expect(box.x).toBeGreaterThan(words.x + words.width - 1);
});

test("a Tigrinya sheet typed in by keyboard counts exactly as the same answers from a phone, and uses its code", async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const [paperCode, phoneCode] = issue("ti", 2);
  await login(page, STAFF);
  // the paper questionnaire first: what staff would hand the client
  await printSheet(page, paperCode!, "ti-entry");

  const before = answerCounts();
  await page.goto("/admin/paper");
  await page.getByLabel("Koden på lappen").fill(paperCode!);
  await page.keyboard.press("Enter");
  await expect(page.getByText("Blankettens språk: tigrinja (ti)")).toBeVisible();
  await expect(page.getByText("Har våldet upphört?")).toBeVisible();
  await expect(page.locator('.paper-own[lang="ti"]').first()).toBeVisible();
  // one key per question (the number beside the ticked box), Enter to the next; 0 = no answer
  const keys = ["1", "2", "1", "1", "4", "0", "1", "2", "1", "2", "3", "4"];
  for (const key of keys) {
    await page.keyboard.press(key);
    await page.keyboard.press("Enter");
  }
  await expect(page.locator("textarea")).toBeFocused();
  await page.keyboard.type("ጽቡቕ ኣገልግሎት");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Spara svaren" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText("Svaren är sparade");
  const afterPaper = answerCounts();

  // the same answers from the client's phone
  const phone = await page.request.post(`/s/${phoneCode}`, {
    headers: { Origin: baseURL! },
    maxRedirects: 0,
    form: {
      lang: "ti",
      role: "subjected",
      gender: "man",
      contact_satisfaction: "very_satisfied",
      method_satisfaction: "yes",
      alternative_strategies: "not_relevant",
      feel_better: "yes",
      violence_stopped: "reduced",
      "violence_by_type.physical": "stopped",
      "violence_by_type.psychological": "reduced",
      "violence_by_type.sexual": "unchanged",
      "violence_by_type.economic": "not_applicable",
      comments: "ጽቡቕ ኣገልግሎት",
    },
  });
  expect(phone.status()).toBe(303);
  const afterPhone = answerCounts();
  const paperEffect = delta(before, afterPaper);
  expect(Object.keys(paperEffect).length).toBeGreaterThan(20);
  expect(delta(afterPaper, afterPhone)).toEqual(paperEffect);
  const responses = rawRows(`SELECT r.*, (SELECT group_concat(a."questionKey" || '.' || a."rowKey" || '=' || a."optionKey" || coalesce(a."text", ''), ' ') FROM (SELECT * FROM "Answer" x WHERE x."responseId" = r."id" ORDER BY 1, 2, 3, 4) a) AS answers FROM "Response" r`);
  const [a, b] = responses.map(({ id, ...rest }) => (void id, rest));
  expect(responses).toHaveLength(2);
  expect(a).toEqual(b);

  // the paper code is now used: the phone gets the one 410 page
  expect((await page.request.get(`/s/${paperCode}`)).status()).toBe(410);
  // and the phone's code typed in is refused with the sentence an unknown code gets
  const refusal = async (code: string) => {
    await page.goto("/admin/paper");
    await page.getByLabel("Koden på lappen").fill(code);
    await page.getByRole("button", { name: "Öppna" }).click();
    return page.getByRole("alert").innerText();
  };
  const unknown = await refusal("ZZZZ-ZZZZ-ZZZZ");
  expect(await refusal(phoneCode!)).toBe(unknown);
  expect(await refusal(paperCode!)).toBe(unknown);

  // the reach page counts one of the two on paper (CodeCount), the responses do not say which
  const counted = rawRows(`SELECT SUM("answered") AS answered, SUM("answeredOnPaper") AS paper FROM "CodeCount" WHERE "lang" = 'ti'`)[0]!;
  expect(counted).toEqual({ answered: 2, paper: 1 });
});

test("data entry works without JavaScript", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const [code] = issue("ti", 1);
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await login(page, STAFF);
  await page.goto("/admin/paper");
  await page.getByLabel("Koden på lappen").fill(code!);
  await page.getByRole("button", { name: "Öppna" }).click();
  const feelBetter = page.locator("fieldset").filter({ hasText: "Mår du bättre" });
  await feelBetter.getByRole("radio").first().check();
  await page.locator("textarea").fill("ok");
  await page.getByRole("button", { name: "Spara svaren" }).click();
  await expect(page.getByRole("status")).toContainText("Svaren är sparade");
  expect((await page.request.get(`/s/${code}`)).status()).toBe(410);
  await context.close();
});

test("a printed batch and a printed stack each offer a code's paper questionnaire, in a new tab", async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, STAFF);
  page.on("dialog", (d) => void d.accept()); // leaving a printed batch asks first
  /** Prints the paper questionnaire of the batch's second code; returns the code and the sheet's question count. */
  const paperOfSecond = async () => {
    await expect(page.locator(".slip-code")).toHaveCount(2);
    const codes = await page.locator(".slip-code").allInnerTexts();
    await page.getByLabel("Pappersenkät för en kod i satsen").selectOption(codes[1]!);
    const [tab] = await Promise.all([page.waitForEvent("popup"), page.getByRole("button", { name: "Skriv ut pappersenkät" }).click()]);
    // the whole document first: counted while it still streamed in, a sheet once showed 5 of its 10
    await tab.waitForLoadState("load");
    const sheet = tab.locator("article.paper");
    await expect(sheet).toHaveAttribute("data-code", codes[1]!);
    await expect(sheet).toHaveAttribute("lang", "ti");
    const questions = await sheet.locator(".paper-q").count();
    await tab.close();
    // the batch is still on its page: its codes exist nowhere else
    await expect(page.locator(".slip-code")).toHaveText(codes);
    return questions;
  };

  await page.goto("/admin/codes");
  await expect(page).toHaveTitle("Enkätkoder – Brukarröst");
  await page.getByLabel("Antal koder").fill("2");
  await page.getByLabel("Föreslaget språk").selectOption("ti");
  await page.getByLabel(/ej granskad översättning/).check();
  await page.getByRole("button", { name: "Skapa koder" }).click();
  const closureQuestions = await paperOfSecond();

  await page.goto("/admin/stock");
  await page.getByLabel("Lapparnas språk").selectOption("ti");
  await page.getByLabel(/ej granskad översättning/).check();
  await page.getByLabel("Antal lappar").fill("2");
  await page.getByRole("button", { name: "Skapa lappar att skriva ut" }).click();
  // a slip in stock has no wave yet: its sheet holds every question of the version (10), at
  // closure all of them are asked too
  expect(await paperOfSecond()).toBe(closureQuestions);
  expect(closureQuestions).toBe(10);
});
