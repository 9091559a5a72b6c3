import { describe, expect, it } from "vitest";
import { codeFromScan } from "~/codes/code";
import { followupsDue, handOutDays, proposedFollowupDay } from "~/codes/stock";

describe("the days of a code handed out", () => {
  it("opens a closure code today and counts it this month", () => {
    expect(handOutDays("closure", undefined, "2026-11-28", 90)).toEqual({
      ok: true,
      days: { validFrom: "2026-11-28", expiresAt: "2027-02-26", validMonth: "2026-11", opensMonth: "2026-11" },
    });
  });

  it("counts a follow-up in the month it is handed out, and opens it on its day", () => {
    const r = handOutDays("followup", proposedFollowupDay("2026-11-28"), "2026-11-28", 90);
    expect(r).toEqual({
      ok: true,
      days: { validFrom: "2027-05-28", expiresAt: "2027-08-26", validMonth: "2026-11", opensMonth: "2027-05" },
    });
  });

  it("refuses a follow-up without its day instead of opening it six months early", () => {
    expect(handOutDays("followup", undefined, "2026-11-28", 90)).toEqual({ ok: false, error: "followupDate" });
  });

  it("refuses days in the past and days that do not exist", () => {
    expect(handOutDays("followup", "2026-11-27", "2026-11-28", 90)).toEqual({ ok: false, error: "past" });
    expect(handOutDays("followup", "2027-02-30", "2026-11-28", 90)).toEqual({ ok: false, error: "date" });
    expect(handOutDays("closure", "28/11/2026", "2026-11-28", 90)).toEqual({ ok: false, error: "date" });
  });

  it("proposes six months on, the month's last day where the day does not exist", () => {
    expect(proposedFollowupDay("2026-08-31")).toBe("2027-02-28");
  });
});

describe("follow-ups due this month, from counts", () => {
  const counts = [
    { wave: "closure", validMonth: "2026-05", issued: 7 },
    { wave: "closure", validMonth: "2026-05", issued: 5 },
    { wave: "followup", validMonth: "2026-05", issued: 3 },
    { wave: "closure", validMonth: "2026-06", issued: 9 },
  ];
  it("are the closure codes handed out six months before", () => {
    expect(followupsDue(counts, "2026-11")).toEqual({ closureMonth: "2026-05", due: 12 });
    expect(followupsDue(counts, "2026-12")).toEqual({ closureMonth: "2026-06", due: 9 });
    expect(followupsDue(counts, "2027-01")).toEqual({ closureMonth: "2026-07", due: 0 });
  });
});

describe("a scanned QR code", () => {
  it("gives the code of the slip's URL, or of a bare code", () => {
    expect(codeFromScan("https://enkat.kommun.se/s/ABCDEFGHJKMN")).toBe("ABCDEFGHJKMN");
    expect(codeFromScan("http://127.0.0.1:4104/s/abcd-efgh-jkmn?lang=ti")).toBe("ABCDEFGHJKMN");
    expect(codeFromScan("ABCD-EFGH-JKMN")).toBe("ABCDEFGHJKMN");
  });
  it("gives nothing for another QR code", () => {
    expect(codeFromScan("https://example.com/")).toBeNull();
    expect(codeFromScan("WIFI:S:net;T:WPA;P:secret;;")).toBeNull();
  });
});
