/**
 * Managing units (decision 0023) attacked through the staff routes: which unit codes and stock
 * are issued in (an organisation manager chooses among its organisation's units; nobody else
 * and nothing outside the organisation), renaming units, who owns an uploaded survey, and the
 * recordings of a unit's own survey.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { action as codesAction, loader as codesLoader } from "~/routes/admin.codes";
import { action as stockAction, loader as stockLoader } from "~/routes/admin.stock";
import { action as unitsAction, loader as unitsLoader } from "~/routes/admin.units._index";
import { action as surveysAction, loader as surveysLoader } from "~/routes/admin.surveys._index";
import { loader as versionLoader } from "~/routes/admin.surveys.$slug.$version._index";
import { action as recordingsAction, loader as recordingsLoader } from "~/routes/admin.surveys.$slug.$version.recordings";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { createUnit, saveOrganisation } from "~/units/units.server";
import { prisma } from "~/utils/db.server";
import { wavTone } from "../../support/audio";
import { referenceJson } from "../survey/reference";
import { args, staffDesk, status } from "../../support/staff-requests";

const { units, login, get, post } = staffDesk();

/** The reference questionnaire under another slug, as a file a manager uploads. */
function uploadForm(slug: string, owner?: "shared" | "unit"): FormData {
  const json = referenceJson();
  json.slug = slug;
  const form = new FormData();
  form.set("formId", "upload");
  form.set("intent", "upload");
  form.set("file", new File([JSON.stringify(json)], `${slug}.json`, { type: "application/json" }));
  if (owner) form.set("owner", owner);
  return form;
}
const upload = (who: string, slug: string, owner?: "shared" | "unit") => surveysAction(args(post(who, "/admin/surveys", uploadForm(slug, owner))));
const ownerOf = async (slug: string) => prisma.survey.findUnique({ where: { slug }, select: { ownerUnitId: true, organisationId: true } });
const versionPage = (who: string, slug: string) => status(versionLoader(args(get(who, `/admin/surveys/${slug}/3`), { slug, version: "3" })));
const codesIn = (unit: string) => prisma.surveyCode.count({ where: { unitId: units[unit] } });

const ISSUE = { survey: "brukarenkat", wave: "closure", count: "2", lang: "sv" };

beforeAll(async () => {
  await seedReferenceSurvey();
  await login("solo@example.se", "manager");
});

// first, while the installation still has its one unit
describe("an installation with one unit", () => {
  it("shows no unit field on the codes page and no owner choice on upload; an upload stays shared", async () => {
    expect((await codesLoader(args(get("solo@example.se", "/admin/codes")))).units).toHaveLength(1);
    expect((await surveysLoader(args(get("solo@example.se", "/admin/surveys")))).upload).toBeNull();
    await upload("solo@example.se", "solo");
    expect(await ownerOf("solo")).toEqual({ ownerUnitId: null, organisationId: "default" });
  });
});

describe("with several units", () => {
  beforeAll(async () => {
    for (const slug of ["north", "south"]) units[slug] = (await createUnit({ slug, name: `Team ${slug}` })).id;
    await saveOrganisation({ slug: "oslo-kommune", name: "Oslo kommune" });
    units.oslo = (await createUnit({ slug: "oslo", name: "Oslo team", organisation: "oslo-kommune" })).id;
    await login("north@example.se", "manager", "north");
    await login("north-staff@example.se", "staff", "north");
    await login("south@example.se", "manager", "south");
    await login("org@example.se", "orgmanager", "north");
    await login("oslo-org@example.se", "orgmanager", "oslo");
  });

  describe("issuing codes in a unit", () => {
    it("an organisation manager is offered its organisation's units, its own first chosen, and issues in the one chosen", async () => {
      const page = await codesLoader(args(get("org@example.se", "/admin/codes")));
      expect(page.unit).toBe("north");
      expect(page.units.map((u) => u.slug).sort()).toEqual(["default", "north", "south"]);
      await codesAction(args(post("org@example.se", "/admin/codes", { ...ISSUE, unit: "south" })));
      expect(await codesIn("south")).toBe(2);
      expect(await codesIn("north")).toBe(0);
      // no unit named: its own
      await codesAction(args(post("org@example.se", "/admin/codes", ISSUE)));
      expect(await codesIn("north")).toBe(2);
    });

    it("a unit outside the organisation is refused with 403 and nothing is issued", async () => {
      const before = await prisma.surveyCode.count();
      expect(await status(codesAction(args(post("org@example.se", "/admin/codes", { ...ISSUE, unit: "oslo" }))))).toBe(403);
      expect(await status(stockAction(args(post("org@example.se", "/admin/stock", { intent: "print", survey: "brukarenkat", lang: "sv", count: "1", unit: "oslo" }))))).toBe(403);
      expect(await status(codesLoader(args(get("org@example.se", "/admin/codes?unit=oslo"))))).toBe(403);
      expect(await prisma.surveyCode.count()).toBe(before);
    });

    it("a unit's manager and staff get no unit field, and naming another unit of the organisation is refused", async () => {
      for (const who of ["north@example.se", "north-staff@example.se"]) {
        expect((await codesLoader(args(get(who, "/admin/codes")))).units.map((u) => u.slug)).toEqual(["north"]);
        expect((await stockLoader(args(get(who, "/admin/stock")))).units).toHaveLength(1);
        const before = await prisma.surveyCode.count();
        expect(await status(codesAction(args(post(who, "/admin/codes", { ...ISSUE, unit: "south" }))))).toBe(403);
        expect(await status(codesAction(args(post(who, "/admin/codes", { ...ISSUE, unit: "default" }))))).toBe(403);
        expect(await status(stockAction(args(post(who, "/admin/stock", { intent: "print", survey: "brukarenkat", lang: "sv", count: "1", unit: "south" }))))).toBe(403);
        expect(await prisma.surveyCode.count()).toBe(before);
      }
    });

    it("an organisation manager prints stock slips into the unit chosen", async () => {
      const stock = (unit: string) => prisma.surveyCode.count({ where: { unitId: units[unit], stock: true } });
      const before = await stock("south");
      await stockAction(args(post("org@example.se", "/admin/stock", { intent: "print", survey: "brukarenkat", lang: "sv", count: "3", unit: "south" })));
      expect(await stock("south")).toBe(before + 3);
      expect(await stock("north")).toBe(0);
    });
  });

  describe("renaming units", () => {
    it("an organisation manager renames a unit of its organisation; nothing but the name changes", async () => {
      const snapshot = async () => ({
        codes: await prisma.surveyCode.findMany({ where: { unitId: units.south }, orderBy: { hash: "asc" } }),
        counts: await prisma.codeCount.findMany({ where: { unitId: units.south } }),
        users: await prisma.user.findMany({ where: { unitId: units.south }, select: { id: true, email: true, role: true } }),
        unit: await prisma.unit.findUniqueOrThrow({ where: { id: units.south }, select: { id: true, slug: true, organisationId: true, createdAt: true } }),
      });
      const before = await snapshot();
      expect(before.codes.length).toBeGreaterThan(0);
      const result = await unitsAction(args(post("org@example.se", "/admin/units", { intent: "rename", unit: "south", name: "  Södra teamet " })));
      expect(result).toEqual({ ok: true, error: null });
      expect((await prisma.unit.findUniqueOrThrow({ where: { id: units.south } })).name).toBe("Södra teamet");
      expect(await snapshot()).toEqual(before);
      // the codes page offers the new name
      const page = await codesLoader(args(get("org@example.se", "/admin/codes")));
      expect(page.units.find((u) => u.slug === "south")?.name).toBe("Södra teamet");
    });

    it("refuses a name another unit of the organisation has (whatever its case), and an empty one", async () => {
      const taken = await unitsAction(args(post("org@example.se", "/admin/units", { intent: "rename", unit: "north", name: "SÖDRA TEAMET" })));
      expect(taken).toEqual({ ok: false, error: "nameTaken" });
      const empty = await unitsAction(args(post("org@example.se", "/admin/units", { intent: "rename", unit: "north", name: "   " })));
      expect(empty).toEqual({ ok: false, error: "invalid" });
      expect((await prisma.unit.findUniqueOrThrow({ where: { id: units.north } })).name).toBe("Team north");
      // another organisation may have a unit of that name
      const oslo = await unitsAction(args(post("oslo-org@example.se", "/admin/units", { intent: "rename", unit: "oslo", name: "Södra teamet" })));
      expect(oslo).toEqual({ ok: true, error: null });
    });

    it("two renames to one name at the same moment: one is saved, the other answers nameTaken", async () => {
      const rename = (unit: string, name: string) => unitsAction(args(post("org@example.se", "/admin/units", { intent: "rename", unit, name })));
      const results = await Promise.all([rename("north", "Östra teamet"), rename("default", "ÖSTRA TEAMET")]);
      expect(results).toContainEqual({ ok: true, error: null });
      expect(results).toContainEqual({ ok: false, error: "nameTaken" });
      const names = await prisma.unit.findMany({ where: { id: { in: [units.north!, "default"] } }, select: { name: true } });
      expect(names.filter((u) => u.name.toLowerCase() === "östra teamet")).toHaveLength(1);
      // put north's name back for the tests after this one
      await rename("north", "Team north");
    });

    it("a unit of another organisation, a unit manager and staff are refused with 403; nothing is renamed", async () => {
      const rename = (who: string, unit: string) => status(unitsAction(args(post(who, "/admin/units", { intent: "rename", unit, name: `Renamed by ${who}` }))));
      expect(await rename("oslo-org@example.se", "north")).toBe(403);
      expect(await rename("org@example.se", "oslo")).toBe(403);
      expect(await rename("north@example.se", "north")).toBe(403);
      expect(await rename("north-staff@example.se", "north")).toBe(403);
      expect(await status(unitsLoader(args(get("north@example.se", "/admin/units"))))).toBe(403);
      expect(await prisma.unit.count({ where: { name: { startsWith: "Renamed" } } })).toBe(0);
    });

    it("an organisation manager's units page lists only its organisation and no accounts; creating and moving stay the administrator's", async () => {
      const page = await unitsLoader(args(get("oslo-org@example.se", "/admin/units")));
      expect(page.units.map((u) => u.slug)).toEqual(["oslo"]);
      expect(page.users).toEqual([]);
      expect(page.admin).toBe(false);
      const create = { intent: "unit", slug: "sneaky", name: "Sneaky", organisation: "oslo-kommune" };
      expect(await status(unitsAction(args(post("oslo-org@example.se", "/admin/units", create))))).toBe(403);
      expect(await prisma.unit.count({ where: { slug: "sneaky" } })).toBe(0);
    });
  });

  describe("who owns an uploaded survey", () => {
    it("a unit manager's upload belongs to their unit: another unit's manager gets 404, the organisation manager sees it", async () => {
      const page = await surveysLoader(args(get("north@example.se", "/admin/surveys")));
      expect(page.upload).toEqual({ mayChoose: false, unit: "Team north" });
      await upload("north@example.se", "north-only");
      expect(await ownerOf("north-only")).toEqual({ ownerUnitId: units.north, organisationId: "default" });
      expect(await versionPage("north@example.se", "north-only")).toBe(200);
      expect(await versionPage("org@example.se", "north-only")).toBe(200);
      expect(await versionPage("south@example.se", "north-only")).toBe(404);
      const listed = await surveysLoader(args(get("south@example.se", "/admin/surveys")));
      expect(listed.surveys.map((s) => s.slug)).not.toContain("north-only");
    });

    it("a unit manager who sends 'shared' is refused with 403 and nothing is imported", async () => {
      expect(await status(upload("north@example.se", "sneaky-shared", "shared"))).toBe(403);
      expect(await ownerOf("sneaky-shared")).toBeNull();
    });

    it("an organisation manager chooses: shared is seen by every unit, 'only my unit' by its own unit alone", async () => {
      expect((await surveysLoader(args(get("org@example.se", "/admin/surveys")))).upload).toEqual({ mayChoose: true, unit: "Team north" });
      await upload("org@example.se", "together", "shared");
      expect(await ownerOf("together")).toEqual({ ownerUnitId: null, organisationId: "default" });
      for (const who of ["north@example.se", "south@example.se"]) expect(await versionPage(who, "together")).toBe(200);
      await upload("org@example.se", "org-own", "unit");
      expect((await ownerOf("org-own"))?.ownerUnitId).toBe(units.north);
      expect(await versionPage("south@example.se", "org-own")).toBe(404);
    });

    it("an upload by another organisation's manager belongs to that organisation, never to the install's", async () => {
      await upload("oslo-org@example.se", "oslo-survey", "shared");
      expect(await ownerOf("oslo-survey")).toEqual({ ownerUnitId: null, organisationId: (await prisma.unit.findUniqueOrThrow({ where: { id: units.oslo } })).organisationId });
      expect(await versionPage("north@example.se", "oslo-survey")).toBe(404);
      expect(await versionPage("oslo-org@example.se", "oslo-survey")).toBe(200);
    });
  });

  describe("recordings of a unit's own survey", () => {
    const path = "/admin/surveys/north-only/3/recordings";
    const params = { slug: "north-only", version: "3" };
    const recordingForm = () => {
      const form = new FormData();
      form.set("formId", "rec");
      form.set("intent", "upload");
      form.set("lang", "sv");
      form.set("place", "violence_stopped.text");
      form.set("file", new File([new Uint8Array(wavTone())], "tone.wav", { type: "audio/wav" }));
      return form;
    };
    const recordings = () => prisma.recording.count({ where: { survey: { slug: "north-only" } } });

    it("are not found (404) for another unit's manager: neither the page nor an upload or delete", async () => {
      expect(await status(recordingsLoader(args(get("south@example.se", path), params)))).toBe(404);
      expect(await status(recordingsAction(args(post("south@example.se", path, recordingForm()), params)))).toBe(404);
      expect(await recordings()).toBe(0);
      expect(await status(recordingsAction(args(post("north@example.se", path, recordingForm()), params)))).toBe(302);
      expect(await recordings()).toBe(1);
      const remove = { formId: "rec", intent: "delete", lang: "sv", place: "violence_stopped.text" };
      expect(await status(recordingsAction(args(post("south@example.se", path, remove), params)))).toBe(404);
      expect(await recordings()).toBe(1);
    });

    it("of a shared survey are open to every unit's manager", async () => {
      const shared = { slug: "together", version: "3" };
      for (const who of ["north@example.se", "south@example.se"])
        expect(await status(recordingsLoader(args(get(who, "/admin/surveys/together/3/recordings"), shared)))).toBe(200);
    });
  });
});
