import { describe, expect, it } from "vitest";
import { pickResources, STAFF_NAMESPACES } from "~/i18n/resources.server";
import { staffPageTitle } from "~/i18n/staff-titles";

const sv = pickResources("sv", STAFF_NAMESPACES);
const en = pickResources("en", STAFF_NAMESPACES);

describe("a staff page's tab title", () => {
  it("names the page before the product, the most specific path first", () => {
    expect(staffPageTitle("/admin", "sv", sv)).toBe("Start – Brukarröst");
    expect(staffPageTitle("/admin/codes", "sv", sv)).toBe("Enkätkoder – Brukarröst");
    expect(staffPageTitle("/admin/results", "sv", sv)).toBe("Månadsgenomgång – Brukarröst");
    expect(staffPageTitle("/admin/results/reach", "sv", sv)).toBe("Vilka vi inte når – Brukarröst");
    expect(staffPageTitle("/admin/units/compare/", "sv", sv)).toBe("Jämför enheter – Brukarröst");
    expect(staffPageTitle("/admin/surveys/brukarenkat/4/edit", "sv", sv)).toBe("Enkäter – Brukarröst");
  });

  it("is in the staff member's language", () => {
    expect(staffPageTitle("/admin/results/reach", "en", en)).toMatch(/^Whom we don.t reach – Brukarröst$/);
    expect(staffPageTitle("/admin/codes", "en", en)).not.toContain("Enkät");
  });

  it("keeps the bare product name where nothing is known, and never makes 'Brukarröst – Brukarröst'", () => {
    expect(staffPageTitle("/admin/not-listed-yet", "sv", sv)).toBe("Brukarröst");
    expect(staffPageTitle("/admin/codes", "sv", undefined)).toBe("Brukarröst");
    expect(staffPageTitle("/login", "sv", sv)).toBe("Brukarröst");
  });
});
