import { describe, expect, it } from "vitest";
import { cookieValue, staffLanguage } from "~/i18n/i18n.server";
import { respondentLanguage } from "~/respondent/language.server";

const withCookie = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie, "Accept-Language": "en" } });

describe("reading the language cookie", () => {
  it("treats a value that is not valid percent-encoding as absent instead of throwing", () => {
    for (const bad of ["lng=%E0%A4%A", "lng=%", "lng=%FF%FE"]) {
      expect(cookieValue(withCookie(bad), "lng")).toBeUndefined();
      expect(staffLanguage(withCookie(bad))).toBe("en"); // falls through to Accept-Language
      expect(respondentLanguage(withCookie(bad))).toBe("en");
    }
  });

  it("still reads a good value, also after a bad cookie of another name", () => {
    expect(cookieValue(withCookie("x=%E0; lng=ti"), "lng")).toBe("ti");
  });
});
