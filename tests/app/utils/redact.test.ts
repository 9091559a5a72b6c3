import { describe, expect, it } from "vitest";
import { redactCodes } from "~/utils/redact";

describe("redactCodes", () => {
  it("removes codes in paths and on their own, in any form", () => {
    const text = 'Error: No route matches URL "/s/abcd-efgh-jkmn/x" (code ABCDEFGHJKMN, typed abcd efgh jkmn)';
    const redacted = redactCodes(text);
    expect(redacted).not.toMatch(/abcd|efgh|jkmn/i);
    expect(redacted).toContain("/s/:code");
  });

  it("leaves ordinary text alone", () => {
    expect(redactCodes("GET /admin/results 200")).toBe("GET /admin/results 200");
  });
});
