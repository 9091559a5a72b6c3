/**
 * Organisational units (decision 0023) on the survey pages: a unit's manager sees the shared
 * surveys and its own unit's, never a survey another unit owns, and every response count on
 * these pages counts only the units the account may see.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { action as listAction, loader as listLoader } from "~/routes/admin.surveys._index";
import { loader as versionLoader } from "~/routes/admin.surveys.$slug.$version._index";
import { loader as compareLoader } from "~/routes/admin.surveys.$slug.compare";
import { loader as downloadLoader } from "~/routes/admin.surveys.$slug.download";
import { loader as previewLoader } from "~/routes/preview.$slug.$version";
import { loader as reviewLoader } from "~/routes/admin.results._index";
import { loader as reachLoader } from "~/routes/admin.results.reach";
import { loader as resultsExportLoader } from "~/routes/admin.results.export";
import { loader as compareResultsLoader } from "~/routes/admin.compare._index";
import { action as importAction, loader as importLoader } from "~/routes/admin.results.import";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { createUnit } from "~/units/units.server";
import { prisma } from "~/utils/db.server";
import { addResponses, SLUG } from "../../support/results-fixture";
import { ATTACK_SLUG, importAttackSurvey } from "../../support/attack-survey";
import { args, staffDesk } from "../../support/staff-requests";

const { cookies, units, login, get } = staffDesk();
const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: unknown) => (e instanceof Response ? e.status : Promise.reject(e)),
  );

/** Each listed survey's responses, all versions summed, as the account's list shows them. */
async function listed(who: string): Promise<Record<string, number>> {
  const { surveys } = await listLoader(args(get(who, "/admin/surveys")));
  return Object.fromEntries(surveys.map((s) => [s.slug, s.versions.reduce((n, v) => n + (v.responses ?? 0), 0)]));
}

beforeAll(async () => {
  for (const slug of ["north", "south"]) units[slug] = (await createUnit({ slug, name: `Team ${slug}` })).id;
  await login("north@example.se", "manager", "north");
  await login("south@example.se", "manager", "south");
  await login("org@example.se", "orgmanager", "north");
  await seedReferenceSurvey();
  await importAttackSurvey();
  // north's own survey: six clients of north answered it; each count a released block (k = 5)
  await prisma.survey.update({ where: { slug: ATTACK_SLUG }, data: { ownerUnitId: units.north } });
  const answers = { method_satisfaction: "yes" };
  await addResponses([
    ...Array.from({ length: 6 }, () => ({ slug: ATTACK_SLUG, version: 3, month: "2026-01", unitId: units.north, answers: { helped: "yes" } })),
    ...Array.from({ length: 5 }, () => ({ version: 3, month: "2026-01", unitId: units.north, answers })),
    ...Array.from({ length: 7 }, () => ({ version: 3, month: "2026-01", unitId: units.south, answers })),
  ]);
});

describe("survey pages per unit", () => {
  it("list another unit's own survey for nobody of another unit, and count only the account's units", async () => {
    const south = await listed("south@example.se");
    expect(south[ATTACK_SLUG]).toBeUndefined();
    expect(south[SLUG]).toBe(7);
    const north = await listed("north@example.se");
    expect(north[ATTACK_SLUG]).toBe(6);
    expect(north[SLUG]).toBe(5);
    expect((await listed("org@example.se"))[SLUG]).toBe(12);
  });

  it("the version page counts the own unit's responses only", async () => {
    const page = await versionLoader(args(get("south@example.se", `/admin/surveys/${SLUG}/3`), { slug: SLUG, version: "3" }));
    expect(page.responses).toBe(7);
  });

  it("another unit's own survey is not found on any of its pages, and no draft of it can be made", async () => {
    const who = "south@example.se";
    const params = { slug: ATTACK_SLUG, version: "3" };
    const path = `/admin/surveys/${ATTACK_SLUG}/3`;
    await expect(status(versionLoader(args(get(who, path), params)))).resolves.toBe(404);
    await expect(status(previewLoader(args(get(who, `/preview/${ATTACK_SLUG}/3`), params)))).resolves.toBe(404);
    await expect(status(downloadLoader(args(get(who, `/admin/surveys/${ATTACK_SLUG}/download`), params)))).resolves.toBe(404);
    await expect(status(compareLoader(args(get(who, `/admin/surveys/${ATTACK_SLUG}/compare`), params)))).resolves.toBe(404);
    const draft = new Request("http://localhost/admin/surveys", {
      method: "POST",
      headers: { Cookie: cookies[who]!, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "newDraft", slug: ATTACK_SLUG }).toString(),
    });
    await expect(status(listAction(args(draft)))).resolves.toBe(404);
    expect(await prisma.surveyVersion.count({ where: { survey: { slug: ATTACK_SLUG } } })).toBe(4);
    // north's own manager still opens it
    await expect(status(versionLoader(args(get("north@example.se", path), params)))).resolves.toBe(200);
  });

  it("the results, reach and comparison pages neither offer nor open another unit's own survey", async () => {
    for (const who of ["south@example.se", "north@example.se"]) {
      const q = `?survey=${ATTACK_SLUG}&wave=closure`;
      const pages = [
        (await reviewLoader(args(get(who, `/admin/results${q}`)))).data!,
        (await reachLoader(args(get(who, `/admin/results/reach${q}`)))).data!,
        (await compareResultsLoader(args(get(who, `/admin/compare${q}`)))).data!,
      ];
      for (const page of pages) {
        expect(page.surveys.some((s) => s.slug === ATTACK_SLUG), who).toBe(who.startsWith("north"));
        expect(page.survey.slug === ATTACK_SLUG, who).toBe(who.startsWith("north"));
      }
    }
    const csv = await resultsExportLoader(args(get("south@example.se", `/admin/results/export?survey=${ATTACK_SLUG}&format=csv`)));
    expect(csv.headers.get("Content-Disposition")).not.toContain(ATTACK_SLUG);
  });

  it("imported totals (the default unit's) are neither read nor written by another unit's manager", async () => {
    await expect(status(importLoader(args(get("south@example.se", "/admin/results/import"))))).resolves.toBe(403);
    const remove = new Request("http://localhost/admin/results/import", {
      method: "POST",
      headers: { Cookie: cookies["south@example.se"]!, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "delete", survey: SLUG, id: "any" }).toString(),
    });
    await expect(status(importAction(args(remove)))).resolves.toBe(403);
    // the organisation manager sees the default unit, and so the page
    await expect(status(importLoader(args(get("org@example.se", "/admin/results/import"))))).resolves.toBe(200);
  });
});
