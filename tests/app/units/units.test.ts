/**
 * The units module's rules (decision 0023), on a real database: which units an account may
 * manage, who may own an uploaded survey and who may change a stored one.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/auth/roles";
import { UnitAccessError } from "~/units/scope";
import { checkSurveyChange, createUnit, manageableUnits, saveOrganisation, uploadOwner } from "~/units/units.server";
import { prisma } from "~/utils/db.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";

const ids: Record<string, string> = {};
const account = (role: Role, unit: string) => ({ id: `${role}-${unit}`, email: `${role}@${unit}.example`, role, unitId: ids[unit] ?? unit });
const slugsManagedBy = async (role: Role, unit: string) => (await manageableUnits(account(role, unit))).map((u) => u.slug).sort();

describe("with one unit", () => {
  it("a unit manager's upload is shared and they change shared surveys, as before units existed", async () => {
    expect(await uploadOwner(account("manager", "default"), "shared")).toEqual({ organisationId: "default", ownerUnitId: null });
    await seedReferenceSurvey();
    await expect(checkSurveyChange(account("manager", "default"), "brukarenkat")).resolves.toBeUndefined();
  });
});

describe("with two organisations", () => {
  beforeAll(async () => {
    for (const slug of ["north", "south"]) ids[slug] = (await createUnit({ slug, name: `Team ${slug}` })).id;
    await saveOrganisation({ slug: "oslo-kommune", name: "Oslo kommune" });
    ids.oslo = (await createUnit({ slug: "oslo", name: "Oslo team", organisation: "oslo-kommune" })).id;
  });

  describe("manageableUnits", () => {
    it("gives an administrator every unit of every organisation", async () => {
      expect(await slugsManagedBy("admin", "oslo")).toEqual(["default", "north", "oslo", "south"]);
    });

    it("gives an organisation manager its own organisation's units only", async () => {
      expect(await slugsManagedBy("orgmanager", "north")).toEqual(["default", "north", "south"]);
      expect(await slugsManagedBy("orgmanager", "oslo")).toEqual(["oslo"]);
    });

    it("gives a unit's manager and staff no unit, not even their own", async () => {
      expect(await slugsManagedBy("manager", "north")).toEqual([]);
      expect(await slugsManagedBy("staff", "north")).toEqual([]);
    });

    it("gives an organisation manager whose unit no longer exists nothing", async () => {
      expect(await slugsManagedBy("orgmanager", "gone")).toEqual([]);
    });
  });

  describe("uploadOwner", () => {
    it("refuses a unit manager's 'shared' with UnitAccessError, and gives them their own unit otherwise", async () => {
      await expect(uploadOwner(account("manager", "north"), "shared")).rejects.toBeInstanceOf(UnitAccessError);
      expect(await uploadOwner(account("manager", "north"), undefined)).toEqual({ organisationId: "default", ownerUnitId: ids.north });
    });

    it("lets an organisation role choose shared or its own unit, in its own organisation", async () => {
      const oslo = (await uploadOwner(account("orgmanager", "oslo"), "shared")).organisationId;
      expect(oslo).not.toBe("default");
      expect(await uploadOwner(account("orgmanager", "oslo"), "unit")).toEqual({ organisationId: oslo, ownerUnitId: ids.oslo });
    });
  });

  describe("checkSurveyChange", () => {
    it("lets only organisation roles change a shared survey, and a unit's manager their unit's own", async () => {
      await prisma.survey.create({ data: { slug: "north-own", title: "{}", defaultLanguage: "sv", indicators: "[]", ownerUnitId: ids.north } });
      for (const who of [account("orgmanager", "south"), account("admin", "north")]) {
        await expect(checkSurveyChange(who, "brukarenkat")).resolves.toBeUndefined();
        await expect(checkSurveyChange(who, "north-own")).resolves.toBeUndefined();
      }
      await expect(checkSurveyChange(account("manager", "north"), "brukarenkat")).rejects.toBeInstanceOf(UnitAccessError);
      await expect(checkSurveyChange(account("manager", "north"), "north-own")).resolves.toBeUndefined();
      await expect(checkSurveyChange(account("manager", "south"), "north-own")).rejects.toBeInstanceOf(UnitAccessError);
      // another organisation's manager changes neither
      await expect(checkSurveyChange(account("orgmanager", "oslo"), "brukarenkat")).rejects.toBeInstanceOf(UnitAccessError);
      // a survey not stored yet is the upload's to own
      await expect(checkSurveyChange(account("manager", "north"), "not-yet")).resolves.toBeUndefined();
    });
  });
});
