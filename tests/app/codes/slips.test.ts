import { describe, expect, it } from "vitest";
import type { IssuedCode } from "~/codes/issue.server";
import { slipDate, slipsFor } from "~/codes/slips.server";
import { IssueFormSchema } from "~/routes/admin.codes";

const TODAY = "2026-12-15";
const code = (over: Partial<IssuedCode>): IssuedCode => ({
  code: "ABCD-EFGH-JKMN",
  url: "https://x.se/s/ABCDEFGHJKMN",
  wave: "closure",
  version: 3,
  lang: "sv",
  validFrom: TODAY,
  expiresAt: "2027-03-15",
  ...over,
});

describe("slip texts", () => {
  it("tell a follow-up client to keep the slip and from which day to answer, in their language and in Swedish", async () => {
    const [slip] = await slipsFor([code({ wave: "followup", lang: "en", validFrom: "2027-06-15", expiresAt: "2027-09-13" })], "https://x.se/s", TODAY);
    const last = slip!.lines.at(-1)!;
    expect(last.text).toBe("Keep this slip. You can answer from June 15, 2027 until September 12, 2027.");
    expect(last.sv).toBe("Spara lappen. Du kan svara från 15 juni 2027 till och med 12 september 2027.");
  });

  it("give a closure slip its last day, and a Swedish slip no second Swedish line", async () => {
    const [slip] = await slipsFor([code({})], "https://x.se/s", TODAY);
    expect(slip!.lines.at(-1)).toEqual({ text: "Koden gäller till och med 14 mars 2027." });
    expect(slip!.lines.every((l) => l.sv === undefined)).toBe(true);
    expect(slip!.lines[1]!.text).toContain("https://x.se/s");
  });

  it("write every line of a Tigrinya slip in Tigrinya with the Swedish beneath", async () => {
    const [slip] = await slipsFor([code({ lang: "ti" })], "https://x.se/s", TODAY);
    expect(slip!.lines).toHaveLength(3);
    for (const line of slip!.lines) {
      expect(line.text).toMatch(/[\u1200-\u137F]/); // Ethiopic script
      expect(line.sv).toBeDefined();
    }
  });

  it("date in the language's words but always the calendar the Swedish line uses", () => {
    expect(slipDate("2027-06-15", "sv")).toBe("15 juni 2027");
    expect(slipDate("2027-06-15", "fa")).toContain("۲۰۲۷"); // not the Solar Hijri year 1406
    expect(slipDate("2027-06-15", "fa")).not.toContain("۱۴۰۶");
  });
});

describe("the issue form", () => {
  const base = { survey: "brukarenkat", count: 1, lang: "sv" };
  it("refuses a follow-up without a date instead of making it valid today", () => {
    const result = IssueFormSchema.safeParse({ ...base, wave: "followup" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["validFrom", "followupDate"]]);
    expect(IssueFormSchema.safeParse({ ...base, wave: "followup", validFrom: "2027-06-15" }).success).toBe(true);
    expect(IssueFormSchema.safeParse({ ...base, wave: "closure" }).success).toBe(true);
  });
});
