import { describe, expect, it } from "vitest";
import { DEFAULT_UNIT, DEFAULT_UNIT_NAME, unitDisplayName } from "~/units/scope";

describe("a unit's name as staff see it", () => {
  it("calls the default unit, still named as the migration named it, by the UI language's word", () => {
    expect(unitDisplayName({ slug: DEFAULT_UNIT, name: DEFAULT_UNIT_NAME }, "Vår enhet")).toBe("Vår enhet");
  });

  it("keeps a renamed default unit's name, and any other unit's, even one named Unit", () => {
    expect(unitDisplayName({ slug: DEFAULT_UNIT, name: "Farsta relationsvåldsteam" }, "Vår enhet")).toBe("Farsta relationsvåldsteam");
    expect(unitDisplayName({ slug: "north", name: "Unit" }, "Vår enhet")).toBe("Unit");
  });
});
