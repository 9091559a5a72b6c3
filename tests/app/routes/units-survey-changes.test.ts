/**
 * Who may change a survey (decision 0023), attacked through the survey routes: a survey shared
 * by the organisation changes for every unit, so a unit's manager who forges a POST to any
 * action that adds, edits, translates, records or publishes a version of it is refused with 403
 * and nothing in the database changes. Organisation roles change shared surveys; a unit's
 * manager changes only their unit's own survey.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { action as listAction, loader as listLoader } from "~/routes/admin.surveys._index";
import { action as versionAction, loader as versionLoader } from "~/routes/admin.surveys.$slug.$version._index";
import { action as editAction, loader as editLoader } from "~/routes/admin.surveys.$slug.$version.edit";
import { action as publishAction, loader as publishLoader } from "~/routes/admin.surveys.$slug.$version.publish";
import { action as recordingsAction, loader as recordingsLoader } from "~/routes/admin.surveys.$slug.$version.recordings";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { createUnit } from "~/units/units.server";
import { prisma } from "~/utils/db.server";
import { wavTone } from "../../support/audio";
import { ATTACK_SLUG, importAttackSurvey } from "../../support/attack-survey";
import { referenceJson } from "../survey/reference";
import { args, staffDesk, status } from "../../support/staff-requests";

const SHARED = "brukarenkat";
const { units, login, get, post } = staffDesk();

/** Everything stored about a survey: its row, versions, translation states and recordings. */
async function stored(slug: string) {
  const survey = await prisma.survey.findUniqueOrThrow({ where: { slug } });
  return {
    survey,
    versions: await prisma.surveyVersion.findMany({ where: { surveyId: survey.id }, orderBy: { version: "asc" } }),
    translations: await prisma.translationStatus.findMany({ where: { surveyVersion: { surveyId: survey.id } }, orderBy: [{ surveyVersionId: "asc" }, { lang: "asc" }] }),
    recordings: await prisma.recording.count({ where: { surveyId: survey.id } }),
  };
}

const file = (name: string, type: string, body: BlobPart) => new File([body], name, { type });
/** Every changing request a page of version `n` of `slug` can send, as a forger would send it. */
function forgedChanges(slug: string, n: number) {
  const base = `/admin/surveys/${slug}/${n}`;
  const params = { slug, version: String(n) };
  const upload = referenceJson();
  upload.slug = slug;
  upload.title.en = "Changed by one unit";
  const uploadForm = new FormData();
  uploadForm.set("formId", "upload");
  uploadForm.set("intent", "upload");
  uploadForm.set("file", file(`${slug}.json`, "application/json", JSON.stringify(upload)));
  const sheet = new FormData();
  sheet.set("formId", "sheet");
  sheet.set("intent", "importSheet");
  sheet.set("lang", "en");
  sheet.set("file", file("en.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "not a sheet"));
  const recording = new FormData();
  recording.set("formId", "rec");
  recording.set("intent", "upload");
  recording.set("lang", "sv");
  recording.set("place", "violence_stopped.text");
  recording.set("file", file("tone.wav", "audio/wav", new Uint8Array(wavTone())));
  return {
    newDraft: (who: string) => listAction(args(post(who, "/admin/surveys", { formId: `new-draft-${slug}`, intent: "newDraft", slug }))),
    upload: (who: string) => listAction(args(post(who, "/admin/surveys", uploadForm))),
    markReviewed: (who: string) => versionAction(args(post(who, base, { formId: "review-en", intent: "markReviewed", lang: "en" }), params)),
    confirmStale: (who: string) => versionAction(args(post(who, base, { formId: "confirm-en", intent: "confirmStale", lang: "en", place: "gender.text" }), params)),
    importSheet: (who: string) => versionAction(args(post(who, base, sheet), params)),
    edit: (who: string) => editAction(args(post(who, `${base}/edit`, { formId: "label", intent: "label", label: "Changed by one unit" }), params)),
    publish: (who: string) => publishAction(args(post(who, `${base}/publish`, { formId: "publish", intent: "publish", confirm: "on" }), params)),
    recording: (who: string) => recordingsAction(args(post(who, `${base}/recordings`, recording), params)),
  };
}

beforeAll(async () => {
  for (const slug of ["north", "south"]) units[slug] = (await createUnit({ slug, name: `Team ${slug}` })).id;
  await login("north@example.se", "manager", "north");
  await login("org@example.se", "orgmanager", "south");
  await seedReferenceSurvey();
  await importAttackSurvey();
  await prisma.survey.update({ where: { slug: ATTACK_SLUG }, data: { ownerUnitId: units.north } });
  // a draft of the shared survey, made by the organisation manager, for the edit and publish pages
  expect(await status(forgedChanges(SHARED, 4).newDraft("org@example.se"))).toBe(302);
});

describe("a survey shared by the organisation", () => {
  it("refuses every changing action a unit's manager forges with 403, and nothing is stored", async () => {
    const before = await stored(SHARED);
    const draft = forgedChanges(SHARED, 4);
    const published = forgedChanges(SHARED, 3);
    const refused: Record<string, number> = {};
    for (const [name, send] of Object.entries(draft)) refused[`${name} (draft)`] = await status(send("north@example.se"));
    for (const [name, send] of Object.entries(published)) refused[`${name} (published)`] = await status(send("north@example.se"));
    expect(refused).toEqual(Object.fromEntries(Object.keys(refused).map((name) => [name, 403])));
    expect(await stored(SHARED)).toEqual(before);
  });

  it("gives a unit's manager no edit or publish page and no changing controls, but lets them read it", async () => {
    const params = { slug: SHARED, version: "4" };
    expect(await status(editLoader(args(get("north@example.se", `/admin/surveys/${SHARED}/4/edit`), params)))).toBe(403);
    expect(await status(publishLoader(args(get("north@example.se", `/admin/surveys/${SHARED}/4/publish`), params)))).toBe(403);
    expect((await versionLoader(args(get("north@example.se", `/admin/surveys/${SHARED}/4`), params))).mayChange).toBe(false);
    expect((await recordingsLoader(args(get("north@example.se", `/admin/surveys/${SHARED}/4/recordings`), params))).mayChange).toBe(false);
    const listed = (await listLoader(args(get("north@example.se", "/admin/surveys")))).surveys;
    expect(Object.fromEntries(listed.map((s) => [s.slug, s.mayChange]))).toEqual({ [SHARED]: false, [ATTACK_SLUG]: true });
  });

  it("is changed by an organisation manager: edit, record and publish", async () => {
    const draft = forgedChanges(SHARED, 4);
    expect((await versionLoader(args(get("org@example.se", `/admin/surveys/${SHARED}/4`), { slug: SHARED, version: "4" }))).mayChange).toBe(true);
    expect(await status(draft.edit("org@example.se"))).toBe(302);
    expect(await status(draft.recording("org@example.se"))).toBe(302);
    expect(await status(draft.publish("org@example.se"))).toBe(302);
    const after = await stored(SHARED);
    expect(after.versions.map((v) => [v.version, v.status, v.label])).toContainEqual([4, "published", "Changed by one unit"]);
    expect(after.recordings).toBe(1);
  });
});

describe("a unit's own survey", () => {
  it("is changed by its unit's manager: a new draft and an edit", async () => {
    const own = forgedChanges(ATTACK_SLUG, 5);
    expect(await status(own.newDraft("north@example.se"))).toBe(302);
    expect(await status(own.edit("north@example.se"))).toBe(302);
    expect((await stored(ATTACK_SLUG)).versions.at(-1)).toMatchObject({ version: 5, status: "draft", label: "Changed by one unit" });
  });
});
