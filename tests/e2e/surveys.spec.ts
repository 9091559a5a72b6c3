import fs from "node:fs";
import { expect, test, type Locator } from "./support/fixtures";
import { MANAGER } from "./support/accounts";
import { login } from "./support/login";

test("a manager creates version 4 as a copy, edits it, adds an option and publishes it", async ({ page }) => {
  await login(page, MANAGER);
  await page.getByRole("link", { name: "Enkäter", exact: true }).click();
  await expect(page.locator('tr[data-version="3"]')).toContainText("Publicerad");
  await page.getByRole("button", { name: "Ny version (kopia av version 3)" }).click();
  await expect(page).toHaveURL(/\/admin\/surveys\/brukarenkat\/4\/edit$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Redigera version 4 (utkast)");

  const question = page.locator("#q-feel_better");
  await question.getByLabel("Frågetext (sv)").fill("Mår du bättre nu än när kontakten med oss började?");
  await question.getByRole("button", { name: "Spara frågan" }).click();
  await expect(page.locator("#q-feel_better").getByLabel("Frågetext (sv)")).toHaveValue(
    "Mår du bättre nu än när kontakten med oss började?",
  );

  await page.locator("#q-feel_better").getByLabel("Nyckel", { exact: true }).fill("worse");
  await page.locator("#q-feel_better").getByLabel("Text (sv)", { exact: true }).fill("Nej, sämre");
  await page.locator("#q-feel_better").getByRole("button", { name: "Lägg till svarsalternativ" }).click();
  await expect(page.locator("#q-feel_better .choice-list")).toContainText("Nej, sämre");
  // the new option has no English text yet: English is now incomplete
  await page.getByRole("link", { name: "Tillbaka till versionen" }).click();
  await expect(page.locator('tr[data-lang="en"]')).toContainText("1 text saknas");
  await expect(page.locator('tr[data-lang="sv"]')).toContainText("Komplett");

  await page.getByRole("link", { name: "Publicera…" }).click();
  await expect(page.getByText("publiceringen kan inte ångras")).toBeVisible();
  // what changed against version 3, on the same screen as the publish button
  const changes = page.locator("[data-what-changed]");
  await expect(changes.getByRole("heading", { level: 2 })).toHaveText("Vad har ändrats sedan version 3");
  await expect(changes.locator('[data-changes="not-comparable"] li code')).toHaveText(["feel_better"]);
  await expect(changes.locator('[data-changes="added"]')).toContainText("Inga.");
  await expect(changes.getByRole("link", { name: "Alla ändringar i detalj" })).toHaveAttribute("href", "/admin/surveys/brukarenkat/compare?from=3&to=4");
  await expect(page.getByRole("button", { name: "Publicera version 4" })).toBeInViewport();
  // without the tick it is refused
  await page.getByRole("button", { name: "Publicera version 4" }).click();
  await expect(page.getByRole("alert")).toContainText("Bekräfta att du förstår");
  await page.getByLabel("Jag förstår att publiceringen inte kan ångras").check();
  // the reworded question is stale in every other language, and English lacks the new option:
  // publishing asks what to do about them
  await expect(page.locator('tr[data-lang="en"]')).toContainText("1 text saknas");
  await expect(page.locator('tr[data-lang="ti"]')).toContainText("1 inaktuell text");
  await page.getByRole("button", { name: "Publicera version 4" }).click();
  await expect(page.getByRole("alert")).toContainText("Bestäm först vad som gäller för språken som inte är klara");
  await page.getByLabel("Jag förstår att publiceringen inte kan ångras").check();
  await page.getByRole("checkbox", { name: /^Publicera utan English, Español/ }).check();
  await page.getByRole("button", { name: "Publicera version 4" }).click();

  await expect(page).toHaveURL(/\/admin\/surveys\?published=4$/);
  await expect(page.getByRole("status")).toHaveText("Version 4 är publicerad.");
  await expect(page.locator('tr[data-version="4"]')).toContainText("Publicerad");
  await expect(page.locator('tr[data-version="4"]').getByRole("link", { name: "Redigera" })).toHaveCount(0);

  // what changed from 3 to 4: the rewording and the new option, and feel_better is no longer comparable
  await page.goto("/admin/surveys/brukarenkat/compare?from=3&to=4");
  const row = page.locator('tr[data-question="feel_better"]');
  await expect(row).toContainText("Ändrad");
  await expect(row).toContainText("Alternativ worse tillagt");
  await expect(row).toContainText(
    'Frågetexten (sv): "Mår du bättre nu än när kontakten började?" → "Mår du bättre nu än när kontakten med oss började?"',
  );
  await expect(page.locator("section", { has: page.getByRole("heading", { name: "Ändrade så att de inte kan jämföras" }) })).toContainText("feel_better");

  // a published version is not editable: the edit page sends back to the version
  await page.goto("/admin/surveys/brukarenkat/4/edit");
  await expect(page).toHaveURL(/\/admin\/surveys\/brukarenkat\/4$/);
  await expect(page.getByText("Versionen är publicerad och kan inte ändras.")).toBeVisible();
});

test("what changed between version 1 and version 3", async ({ page }) => {
  await login(page, MANAGER);
  await page.goto("/admin/surveys");
  await page.getByRole("link", { name: "Vad har ändrats?" }).click();
  await page.getByLabel("Från version").selectOption("1");
  await page.getByLabel("Till version").selectOption("3");
  await page.getByRole("button", { name: "Jämför" }).click();
  await expect(page.getByRole("heading", { name: "Version 1 → Version 3" })).toBeVisible();
  const list = (heading: string) =>
    page.locator("section", { has: page.getByRole("heading", { name: heading, exact: true }) }).locator("li code");
  await expect(list("Nya frågor")).toHaveText(["role", "gender", "alternative_strategies", "feel_better", "violence_by_type"]);
  await expect(list("Jämförbara frågor")).toHaveText([
    "contact_satisfaction",
    "method_satisfaction",
    "expectations_met",
    "violence_stopped",
    "comments",
  ]);
  await expect(list("Borttagna frågor")).toHaveCount(0);
});

test("the respondent preview switches language and wave", async ({ page }) => {
  await login(page, MANAGER);
  await page.goto("/admin/surveys/brukarenkat/3");
  await expect(page.locator('tr[data-lang="en"]')).toContainText("Komplett");
  // the seeded Somali translation is complete but, machine-made, not yet reviewed
  await expect(page.locator('tr[data-lang="so"]')).toContainText("Komplett");
  await expect(page.locator('tr[data-lang="so"]')).toContainText("Ej granskad");
  await page.getByLabel("Språk", { exact: true }).selectOption("en");
  await page.getByLabel("Tillfälle").selectOption("followup");
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page).toHaveURL(/preview=en&wave=followup/);
  await expect(page.locator(".survey-preview legend")).toHaveText([
    "I was in contact with the team because I",
    "I am",
    "Do you feel better now than when the contact began?",
    "Has the violence stopped?",
    "How is it now for each kind of violence?",
    "Is there anything else you would like to tell us?",
  ]);
});

test("upload a translation for a published version, refuse a broken file, download a version", async ({ page }) => {
  const reference = JSON.parse(fs.readFileSync("prisma/seed/questionnaire.json", "utf8"));
  await login(page, MANAGER);
  await page.goto("/admin/surveys");

  const broken = structuredClone(reference);
  broken.versions[2].questions[0].waves = ["closure", "later"];
  await page.getByLabel("Fil (JSON)").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
  await page.getByRole("button", { name: "Ladda upp" }).click();
  await expect(page.getByRole("alert")).toContainText("Filen togs inte emot och ingenting ändrades:");
  await expect(page.getByRole("alert")).toContainText('versions[2].questions[0].waves[1]: unknown wave "later"');

  const translated = structuredClone(reference);
  translated.versions[2].questions[1].text.ar = "أنا (نص مراجَع)";
  await page.getByLabel("Fil (JSON)").setInputFiles({ name: "ar.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(translated)) });
  await page.getByRole("button", { name: "Ladda upp" }).click();
  await expect(page.getByRole("status")).toContainText("Version 3 fick nya texter på ar (behöver granskas).");

  await page.goto("/admin/surveys/brukarenkat/3");
  await expect(page.locator('tr[data-lang="ar"]')).toContainText("Komplett");
  await expect(page.locator('tr[data-lang="ar"]')).toContainText("Ej granskad");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Ladda ner versionen (JSON)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("brukarenkat-v3.json");
  const file = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
  // the download holds the uploaded text beside the seeded translations, and the reference texts unchanged
  const [v3] = file.versions;
  expect(v3.questions[1].text.ar).toBe("أنا (نص مراجَع)");
  expect(v3.questions.map((q: { key: string }) => q.key)).toEqual(reference.versions[2].questions.map((q: { key: string }) => q.key));
  expect(v3.questions[7].text.sv).toBe(reference.versions[2].questions[7].text.sv);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a draft is edited with plain forms: add a question with options, reorder, translate, preview", async ({ page }) => {
    test.setTimeout(180_000); // some thirty whole pages, on a shared machine
    // without JavaScript every submit loads a whole page: wait for it before the next step
    const submit = async (button: Locator) => {
      await button.click();
      await page.waitForLoadState("load");
    };
    await login(page, MANAGER);
    await page.goto("/admin/surveys");
    await page.getByRole("button", { name: /^Ny version \(kopia av version \d\)$/ }).click();
    await expect(page).toHaveURL(/\/edit$/);
    const edit = page.url();

    const addForm = page.locator("form#add-question");
    await addForm.getByLabel("Nyckel", { exact: true }).fill("safe_now");
    await addForm.getByLabel("Frågetyp").selectOption("single");
    await addForm.getByLabel("Frågetext (sv)").fill("Känner du dig trygg nu?");
    await submit(addForm.getByRole("button", { name: "Lägg till", exact: true }));
    // a single-choice question without options cannot be published yet
    await expect(page.getByText('"safe_now": en fråga av typen single behöver svarsalternativ')).toBeVisible();
    const q = page.locator("#q-safe_now");
    for (const [key, text] of [
      ["yes", "Ja"],
      ["no", "Nej"],
    ]) {
      await page.locator("#q-safe_now").getByLabel("Nyckel", { exact: true }).fill(key!);
      await page.locator("#q-safe_now").getByLabel("Text (sv)", { exact: true }).fill(text!);
      await submit(page.locator("#q-safe_now").getByRole("button", { name: "Lägg till svarsalternativ" }));
    }
    await expect(page.getByText("Utkastet kan publiceras.")).toBeVisible();
    await expect(q.locator(".choice-list code")).toHaveText(["yes", "no"]);
    await submit(q.getByRole("button", { name: "↓ Flytta ner yes" }));
    await expect(page.locator("#q-safe_now .choice-list code")).toHaveText(["no", "yes"]);
    // a new question lands before the closing free-text question; "move to" takes one step
    await page.locator("#q-safe_now").getByLabel("Flytta till plats").selectOption("1");
    await submit(page.locator("#q-safe_now").getByRole("button", { name: "Flytta", exact: true }));
    await expect(page.locator("section.question-edit h3 code").first()).toHaveText("safe_now");
    await page.locator("#q-safe_now").getByLabel("Flytta till plats").selectOption("10");
    await submit(page.locator("#q-safe_now").getByRole("button", { name: "Flytta", exact: true }));
    await expect(page.locator("section.question-edit h3 code")).toHaveText([
      "role",
      "gender",
      "contact_satisfaction",
      "method_satisfaction",
      "alternative_strategies",
      "expectations_met",
      "feel_better",
      "violence_stopped",
      "violence_by_type",
      "safe_now",
      "comments",
    ]);

    // an empty key is proposed from the Swedish text, at the chosen place, and can be changed
    await addForm.getByLabel("Frågetext (sv)").fill("Känner du dig trygg i dag?");
    await addForm.getByLabel("Placera").selectOption({ label: "Före fråga 1 (role)" });
    await submit(page.locator("form#add-question").getByRole("button", { name: "Lägg till", exact: true }));
    await expect(page.locator("section.question-edit h3 code").first()).toHaveText("kanner_du_dig_trygg_i_dag");
    await page.locator("#q-kanner_du_dig_trygg_i_dag").getByLabel("Frågans nyckel").fill("safe_today");
    await submit(page.locator("#q-kanner_du_dig_trygg_i_dag").getByRole("button", { name: "Byt nyckel" }));
    await expect(page.locator("section.question-edit h3 code").first()).toHaveText("safe_today");
    await submit(page.locator("#q-safe_today").getByRole("button", { name: "Ta bort frågan" }));

    // English texts for the new question
    await page.goto(`${edit}?texts=en`);
    await page.locator("#q-safe_now").getByLabel("Frågetext (en)").fill("Do you feel safe now?");
    await page.locator("#q-safe_now").getByLabel("no").fill("No");
    await page.locator("#q-safe_now").getByLabel("yes").fill("Yes");
    await submit(page.locator("#q-safe_now").getByRole("button", { name: "Spara frågan" }));
    // version 4's new option still lacks its English text
    await page.locator("#q-feel_better").getByLabel("worse").fill("No, worse");
    await submit(page.locator("#q-feel_better").getByRole("button", { name: "Spara frågan" }));

    await page.getByRole("link", { name: "Tillbaka till versionen" }).click();
    await expect(page.locator('tr[data-lang="en"]')).toContainText("Komplett");
    await expect(page.locator('tr[data-lang="en"]')).toContainText("Ej granskad");
    // version 4 reworded feel_better in Swedish: the English text stays stale until confirmed
    await expect(page.locator('tr[data-lang="en"]')).toContainText("1 inaktuell text");
    await submit(page.locator('tr[data-lang="en"]').getByRole("button", { name: /Översättningen stämmer fortfarande/ }));
    await submit(page.locator('tr[data-lang="en"]').getByRole("button", { name: "Markera som granskad" }));
    await expect(page.locator('tr[data-lang="en"]')).toContainText("Granskad");

    // respondent preview in English, and in Arabic: a text without translation falls back to Swedish, never a key
    await page.getByLabel("Språk", { exact: true }).selectOption("en");
    await submit(page.getByRole("button", { name: "Visa" }));
    await expect(page.locator(".survey-preview")).toContainText("Do you feel safe now?");
    await page.getByLabel("Språk", { exact: true }).selectOption("ar");
    await submit(page.getByRole("button", { name: "Visa" }));
    await expect(page.locator(".survey-preview")).toHaveAttribute("dir", "rtl");
    await expect(page.locator(".survey-preview legend").first()).toHaveText("كنت على تواصل مع الفريق لأنني:");
    await expect(page.locator(".survey-preview")).toContainText("Känner du dig trygg nu?");
  });
});

test("with JavaScript, a question is inserted at a chosen place with a key proposed from Swedish, and moved to a place in one step", async ({ page }) => {
  await login(page, MANAGER);
  await page.goto("/admin/surveys");
  await expect(page.locator('tr[data-version="3"]')).toBeVisible();
  // a new draft, or the one an earlier test left
  const newDraft = page.getByRole("button", { name: /^Ny version \(kopia av version \d+\)$/ });
  if (await newDraft.count()) await newDraft.click();
  else await page.getByRole("link", { name: "Redigera", exact: true }).first().click();
  await expect(page).toHaveURL(/\/edit$/);
  const keys = page.locator("section.question-edit h3 code");
  await expect(keys.last()).toHaveText("comments");
  const before = await keys.allTextContents();

  const addForm = page.locator("form#add-question");
  // a new question is proposed before the closing free-text question
  await expect(addForm.getByLabel("Placera").locator("option:checked")).toHaveText(`Före fråga ${before.length} (comments)`);
  await addForm.getByLabel("Frågetext (sv)").fill("Får du stöd?");
  await addForm.getByLabel("Placera").selectOption({ label: `Före fråga 3 (${before[2]})` });
  await addForm.getByRole("button", { name: "Lägg till", exact: true }).click();
  await expect(keys).toHaveText([...before.slice(0, 2), "far_du_stod", ...before.slice(2)]);

  // the proposed key stays editable
  await page.locator("#q-far_du_stod").getByLabel("Frågans nyckel").fill("support");
  await page.locator("#q-far_du_stod").getByRole("button", { name: "Byt nyckel" }).click();
  await expect(keys.nth(2)).toHaveText("support");

  // to the first place in one step; every question's "move to" then shows its new place
  await page.locator("#q-support").getByLabel("Flytta till plats").selectOption("1");
  await page.locator("#q-support").getByRole("button", { name: "Flytta", exact: true }).click();
  await expect(keys).toHaveText(["support", ...before]);
  await expect(page.locator(`#q-${before[0]}`).getByLabel("Flytta till plats")).toHaveValue("2");
  await expect(page.locator(`#q-${before.at(-1)}`).getByLabel("Flytta till plats")).toHaveValue(String(before.length + 1));

  await page.locator("#q-support").getByRole("button", { name: "Ta bort frågan" }).click();
  await expect(keys).toHaveText(before);
});
