import fs from "node:fs";
import { expect, test, type Page } from "./support/fixtures";
import { MANAGER } from "./support/accounts";
import { clientLines, foreignLines } from "./support/client-text";
import { login } from "./support/login";
import { sheetFile, sheetRowsOf } from "../support/translator-sheet";

/**
 * Issue 14's "done when", walked through the pages a manager uses: reword a Swedish question,
 * see it stale everywhere, send the Tigrinya texts to a translator and back, preview, publish.
 */

const OTHER_LANGUAGES = ["en", "es", "tr", "el", "ti", "am", "az", "ar", "fa", "so"];
const ETHIOPIC = /[\u1200-\u137F]/;
const REWORDED_SV = "Har våldet upphört helt, så att du kan leva utan rädsla?";
const REWORDED_TI = "ዓመጽ ብምሉኡ ደው ኢሉ ድዩ፣ ብዘይ ፍርሒ ክትነብር ትኽእል ዶ?";
// a translator's text for any other row that is missing or stale in Tigrinya (only when an
// earlier test left the draft with such rows)
const FILLER_TI = "ጽሑፍ ብትግርኛ";

/** Downloads the translator's sheet for `lang` through the version page's form. */
async function exportSheet(page: Page, lang: string): Promise<{ name: string; grid: string[][] }> {
  const form = page.locator('form[action$="/sheet"]');
  await form.getByLabel("Filens språk").selectOption(lang);
  const [download] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: "Ladda ner (XLSX)" }).click()]);
  return { name: download.suggestedFilename(), grid: await sheetRowsOf(fs.readFileSync((await download.path())!)) };
}

async function importSheet(page: Page, lang: string, file: Buffer) {
  const form = page.locator("form#sheet");
  await form.getByLabel("Filens språk").selectOption(lang);
  await form.getByLabel("Ifylld fil (XLSX)").setInputFiles({
    name: `${lang}.xlsx`,
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: file,
  });
  await form.getByRole("button", { name: "Läs in översättningen" }).click();
}

/** The version as JSON, through its download link: what a change would show in. */
async function downloadVersion(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Ladda ner versionen (JSON)" }).click()]);
  return fs.readFileSync((await download.path())!, "utf8");
}

const language = (page: Page, lang: string) => page.locator(`table.readiness tr[data-lang="${lang}"]`);
const staleCell = (page: Page, lang: string) => language(page, lang).locator("td").nth(1);
const offeredCell = (page: Page, lang: string) => language(page, lang).locator("td").nth(3);

test("a translator's file goes out and comes back unchanged: nothing changes; a wrong key or an emptied text is named", async ({ page }) => {
  await login(page, MANAGER);
  await page.goto("/admin/surveys/brukarenkat/3");
  const tableBefore = await page.locator("table.readiness").innerText();
  const versionBefore = await downloadVersion(page);

  const { name, grid } = await exportSheet(page, "ti");
  expect(name).toBe("brukarenkat-v3-ti.xlsx");
  expect(grid[0]).toEqual(["place", "sv", "ti", "state"]);
  expect(grid.find((r) => r[0] === "violence_stopped.text")).toEqual(["violence_stopped.text", "Har våldet upphört?", expect.stringMatching(ETHIOPIC), ""]);

  await importSheet(page, "ti", await sheetFile(grid));
  await expect(page.getByRole("status")).toHaveText("Filen på ትግርኛ lästes in: ingen text ändrades.");
  expect(await page.locator("table.readiness").innerText()).toBe(tableBefore);
  expect(await downloadVersion(page)).toBe(versionBefore);

  // a place that is not in the version (row 3) and a target emptied by mistake (row 5)
  const bad = grid.map((r) => [...r]);
  bad[2]![0] = "role.options.nobody";
  bad[4]![2] = "";
  bad[6]![2] = "ጽሑፍ ዝተቐየረ"; // a good row does not carry a bad file through
  await importSheet(page, "ti", await sheetFile(bad));
  const alert = page.locator("form#sheet").getByRole("alert");
  await expect(alert).toContainText("Filen lästes inte in och ingenting ändrades:");
  await expect(alert).toContainText('rad 3: "role.options.nobody" är ingen text i den här versionen');
  await expect(alert).toContainText(`rad 5: "${grid[4]![0]}" har ingen text på ti`);
  await expect(alert.locator("li")).toHaveCount(3);
  await page.goto("/admin/surveys/brukarenkat/3");
  expect(await page.locator("table.readiness").innerText()).toBe(tableBefore);
  expect(await downloadVersion(page)).toBe(versionBefore);
});

test("done when: reword a question, see it stale in ten languages, translate Tigrinya by file, preview at 360 px, publish", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await login(page, MANAGER);
  await page.getByRole("link", { name: "Enkäter", exact: true }).click();
  await expect(page.locator('tr[data-version="3"]')).toBeVisible();
  // a new draft, or the one an earlier test left
  const newDraft = page.getByRole("button", { name: /^Ny version \(kopia av version \d+\)$/ });
  if (await newDraft.count()) await newDraft.click();
  else await page.getByRole("link", { name: "Redigera", exact: true }).first().click();
  await expect(page).toHaveURL(/\/admin\/surveys\/brukarenkat\/\d+\/edit$/);
  const version = Number(/\/(\d+)\/edit$/.exec(page.url())![1]);

  // the manager rewords a Swedish question
  const question = page.locator("#q-violence_stopped");
  await question.getByLabel("Frågetext (sv)").fill(REWORDED_SV);
  await question.getByRole("button", { name: "Spara frågan" }).click();
  await expect(page.locator("#q-violence_stopped").getByLabel("Frågetext (sv)")).toHaveValue(REWORDED_SV);

  // stale in all ten other languages, and so not offered to clients
  await page.getByRole("link", { name: "Tillbaka till versionen" }).click();
  for (const lang of OTHER_LANGUAGES) {
    await expect(staleCell(page, lang), lang).toContainText(/\d+ inaktuell/);
    await expect(staleCell(page, lang).locator("code", { hasText: "violence_stopped.text" }), lang).toHaveCount(1);
    await expect(offeredCell(page, lang), lang).toHaveText("Nej");
  }
  await expect(staleCell(page, "sv")).toHaveText("–");

  // the Tigrinya texts go to the translator: the reworded question is marked stale
  const { name, grid } = await exportSheet(page, "ti");
  expect(name).toBe(`brukarenkat-v${version}-ti.xlsx`);
  const reworded = grid.find((r) => r[0] === "violence_stopped.text")!;
  expect(reworded.slice(1, 2).concat(reworded[3]!)).toEqual([REWORDED_SV, "stale"]);
  expect(reworded[2]).toMatch(ETHIOPIC); // the old translation, for the translator to see
  const translated = grid.map((row, i) => {
    if (i === 0 || (row[3] !== "stale" && row[3] !== "missing")) return row;
    return [row[0]!, row[1]!, row[0] === "violence_stopped.text" ? REWORDED_TI : FILLER_TI, ""];
  });

  // a file with a mistyped place is refused, naming its row, and changes nothing
  const mistyped = translated.map((r) => [...r]);
  mistyped[4]![0] = "violence_stoped.text";
  await importSheet(page, "ti", await sheetFile(mistyped));
  await expect(page.locator("form#sheet").getByRole("alert")).toContainText('rad 5: "violence_stoped.text" är ingen text i den här versionen');
  await page.goto(`/admin/surveys/brukarenkat/${version}`);
  await expect(offeredCell(page, "ti")).toHaveText("Nej");

  // the translated file is read: Tigrinya is no longer stale and is offered; the others still wait
  await importSheet(page, "ti", await sheetFile(translated));
  await expect(page.getByRole("status")).toContainText("Filen på ትግርኛ lästes in:");
  await expect(staleCell(page, "ti")).toHaveText("–");
  await expect(language(page, "ti").locator("td").first()).toHaveText("Komplett");
  await expect(offeredCell(page, "ti")).toHaveText("Ja");
  for (const lang of OTHER_LANGUAGES.filter((l) => l !== "ti")) await expect(offeredCell(page, lang), lang).toHaveText("Nej");

  // the preview, as a client's phone shows it, in Tigrinya
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByRole("link", { name: "Visa som klienten ser den (mobilbredd)" }).click();
  await expect(page).toHaveURL(new RegExp(`/preview/brukarenkat/${version}\\?`));
  const swedish = new Set(await clientLines(page));
  expect(swedish).toContain(REWORDED_SV);
  // the draft is offered in Swedish and Tigrinya only
  expect(await page.locator("nav a[hreflang]").evaluateAll((as) => as.map((a) => a.getAttribute("hreflang")))).toEqual(["sv", "ti"]);
  await page.locator('nav a[hreflang="ti"]').click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ti");
  await expect(page.getByRole("note")).toContainText(`Förhandsvisning av version ${version}`);
  await expect(page.locator("#q-violence_stopped legend")).toHaveText(REWORDED_TI);
  // no Swedish anywhere on the client's page, nor any letter outside the Ethiopic script
  expect(foreignLines("ti", await clientLines(page), swedish)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expect(page.locator("#answers > button[type=submit]")).toBeDisabled();
  await expect(page.locator("#answers")).not.toHaveAttribute("method", "post");

  // publish, without the nine languages still stale; Tigrinya goes out with it
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/admin/surveys/brukarenkat/${version}`);
  await page.getByRole("link", { name: "Publicera…" }).click();
  await page.getByLabel("Jag förstår att publiceringen inte kan ångras").check();
  const without = page.getByRole("checkbox", { name: /^Publicera utan / });
  await expect(page.locator("label", { has: without })).not.toContainText("ትግርኛ");
  await without.check();
  await page.getByRole("button", { name: `Publicera version ${version}` }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/surveys\\?published=${version}$`));
  await expect(page.getByRole("status")).toHaveText(`Version ${version} är publicerad.`);

  // codes are made only in the languages the new version offers; Tigrinya, unreviewed, asks for a
  // confirmation (without JavaScript too)
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "sv-SE" });
  const staff = await context.newPage();
  await login(staff, MANAGER);
  await staff.goto("/admin/codes");
  const languages = staff.getByLabel("Föreslaget språk");
  expect(await languages.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(["sv", "ti"]);
  await staff.getByLabel("Antal koder").fill("1");
  await languages.selectOption("ti");
  await staff.getByRole("button", { name: "Skapa koder" }).click();
  await expect(staff.getByRole("alert")).toContainText("Språket är inte granskat");
  await staff.getByLabel(/ej granskad översättning/).check();
  await staff.getByRole("button", { name: "Skapa koder" }).click();
  const url = (await staff.locator(".slip img").first().getAttribute("alt"))!;

  // the client, on a phone without JavaScript, gets the new wording in Tigrinya and nothing else
  const client = await context.newPage();
  await client.setViewportSize({ width: 360, height: 740 });
  await client.goto(url.slice(url.indexOf("/s/")));
  await expect(client.locator("html")).toHaveAttribute("lang", "ti");
  await expect(client.locator("#q-violence_stopped legend")).toHaveText(REWORDED_TI);
  expect(foreignLines("ti", await clientLines(client), swedish)).toEqual([]);
  await context.close();
});
