/**
 * The units module's rules (decision 0023), on a real database: which units an account may
 * manage.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/auth/roles";
import { createUnit, manageableUnits, saveOrganisation } from "~/units/units.server";

const ids: Record<string, string> = {};
const account = (role: Role, unit: string) => ({ id: `${role}-${unit}`, email: `${role}@${unit}.example`, role, unitId: ids[unit] ?? unit });
const slugsManagedBy = async (role: Role, unit: string) => (await manageableUnits(account(role, unit))).map((u) => u.slug).sort();

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

});
