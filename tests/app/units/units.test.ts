/**
 * The units module's rules (decision 0023), on a real database: which units an account may
 * manage, and who may own an uploaded survey.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/auth/roles";
import { UnitAccessError } from "~/units/scope";
import { createUnit, manageableUnits, saveOrganisation, uploadOwner } from "~/units/units.server";

const ids: Record<string, string> = {};
const account = (role: Role, unit: string) => ({ id: `${role}-${unit}`, email: `${role}@${unit}.example`, role, unitId: ids[unit] ?? unit });
const slugsManagedBy = async (role: Role, unit: string) => (await manageableUnits(account(role, unit))).map((u) => u.slug).sort();

describe("with one unit", () => {
  it("a unit manager's upload is shared, as before units existed", async () => {
    expect(await uploadOwner(account("manager", "default"), "shared")).toEqual({ organisationId: "default", ownerUnitId: null });
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
});
