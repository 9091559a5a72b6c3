import { describe, expect, it } from "vitest";
import { CROCKFORD, formatCode, normalizeCode } from "~/codes/code";

// What people type from a paper slip on a phone: every separator a keyboard or autocorrect makes.
describe("a code typed from a slip", () => {
  it.each([
    ["hyphen-minus", "ABCD-EFGH-JKMN"],
    ["hyphen U+2010", "ABCD\u2010EFGH\u2010JKMN"],
    ["non-breaking hyphen U+2011", "ABCD\u2011EFGH\u2011JKMN"],
    ["en dash", "ABCD\u2013EFGH\u2013JKMN"],
    ["em dash", "ABCD\u2014EFGH\u2014JKMN"],
    ["underscore", "ABCD_EFGH_JKMN"],
    ["full stop", "ABCD.EFGH.JKMN"],
    ["tab and newline", "ABCD\tEFGH\nJKMN"],
    ["no-break space", "ABCD\u00a0EFGH\u00a0JKMN"],
  ])("reads separators: %s", (_name, typed) => {
    expect(normalizeCode(typed)).toBe("ABCDEFGHJKMN");
  });

  it("reads o as 0 and i and l as 1, in either case", () => {
    expect(normalizeCode("oOiI-lL00-1111")).toBe("001111001111");
  });

  it("refuses letters outside the alphabet in any position, and other characters", () => {
    for (let position = 0; position < 12; position++) {
      const chars = [..."ABCDEFGHJKMN"];
      chars[position] = "U";
      expect(normalizeCode(chars.join("")), `U at ${position}`).toBeNull();
    }
    expect(normalizeCode("ABCD/EFGH/JKMN")).toBeNull();
    expect(normalizeCode("ABCD+EFGH+JKMN")).toBeNull();
    expect(normalizeCode("ÅBCDEFGHJKMN")).toBeNull();
  });

  it("accepts every character of the alphabet", () => {
    expect(CROCKFORD).toHaveLength(32);
    for (let i = 0; i < CROCKFORD.length; i += 12) {
      const code = CROCKFORD.slice(i, i + 12).padEnd(12, "0");
      expect(normalizeCode(code.toLowerCase())).toBe(code);
    }
  });

  it("prints any code in groups of four", () => {
    expect(formatCode("0123456789AB")).toBe("0123-4567-89AB");
  });
});
