import { describe, expect, it } from "vitest";
import { redactPath, requestLogLine } from "../../server/request-log";

describe("request log", () => {
  it("never contains a survey code", () => {
    const line = requestLogLine("POST", "/s/ABCD-EFGH-JKMN?lang=ar", 303, 4.2, new Date("2026-03-05T10:42:13Z"));
    expect(line).not.toMatch(/ABCD|EFGH|JKMN|lang=ar/);
    expect(JSON.parse(line)).toEqual({ time: "2026-03-05T10:00Z", method: "POST", path: "/s/:code", status: 303, ms: 4.2 });
  });

  it("keeps staff paths and exact times", () => {
    expect(redactPath("/admin/users?x=1")).toBe("/admin/users");
    expect(JSON.parse(requestLogLine("GET", "/admin", 200, 1, new Date("2026-03-05T10:42:13Z"))).time).toBe(
      "2026-03-05T10:42:13.000Z",
    );
  });

  it("gives requests a client's phone makes beside the questionnaire only the hour", () => {
    const at = new Date("2026-03-05T10:42:13Z");
    for (const url of ["/favicon.ico", "/accessibility?lang=ar", "/healthz", "/assets/x.js"])
      expect(JSON.parse(requestLogLine("GET", url, 200, 1, at)).time, url).toBe("2026-03-05T10:00Z");
  });

  it("reduces every respondent path to its route", () => {
    expect(redactPath("/s")).toBe("/s");
    expect(redactPath("/s/abcdefghjkmn")).toBe("/s/:code");
    expect(redactPath("/s/thanks")).toBe("/s/thanks");
  });
});
