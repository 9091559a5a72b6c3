import { describe, expect, it } from "vitest";
import { exceedsFieldLimits, FORM_LIMITS } from "../../server/limits";

const FORM = "application/x-www-form-urlencoded";
const over = (body: string, type = FORM) => exceedsFieldLimits(type, Buffer.from(body), FORM_LIMITS);

describe("form field limits", () => {
  it("passes an ordinary answer form, empty pairs included", () => {
    expect(over("lang=sv&feel_better=yes&comments=" + "%C3%A5".repeat(10_000) + "&&")).toBe(false);
    expect(over("")).toBe(false);
  });

  it("refuses more fields than any form has: the body that made parsing quadratic", () => {
    expect(over("x=&".repeat(FORM_LIMITS.maxFields))).toBe(false);
    expect(over("x=&".repeat(FORM_LIMITS.maxFields + 1))).toBe(true);
    expect(over("x=&".repeat(21_000))).toBe(true);
  });

  it("refuses one field longer than the longest answer", () => {
    expect(over(`comments=${"a".repeat(FORM_LIMITS.maxFieldBytes)}`)).toBe(true);
    expect(over(`${"n".repeat(FORM_LIMITS.maxFieldBytes + 1)}`)).toBe(true);
  });

  it("counts multipart parts", () => {
    const part = '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n';
    const type = 'multipart/form-data; boundary="b"';
    expect(over(part.repeat(10) + "--b--\r\n", type)).toBe(false);
    expect(over(part.repeat(FORM_LIMITS.maxFields + 1) + "--b--\r\n", type)).toBe(true);
  });
});
