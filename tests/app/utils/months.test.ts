import { describe, expect, it } from "vitest";
import { addDays, addMonths, dayOf, monthOf, startOfDay } from "~/utils/months";

describe("Swedish calendar days and months", () => {
  it("put an instant in its Swedish month, also across a month boundary", () => {
    expect(monthOf(new Date("2026-03-31T22:30:00Z"))).toBe("2026-04"); // 00:30 in Stockholm (CEST)
    expect(monthOf(new Date("2026-01-31T22:30:00Z"))).toBe("2026-01"); // 23:30 CET
  });

  it("find the start of a Swedish day in winter and summer time", () => {
    expect(startOfDay("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(startOfDay("2026-07-15").toISOString()).toBe("2026-07-14T22:00:00.000Z");
    expect(dayOf(startOfDay("2026-03-29"))).toBe("2026-03-29"); // the day clocks change
  });

  it("add calendar days across months and years", () => {
    expect(addDays("2026-12-20", 90)).toBe("2027-03-20");
  });

  it("propose the follow-up six months on, on the month's last day when the day does not exist", () => {
    expect(addMonths("2026-12-15", 6)).toBe("2027-06-15");
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonths("2027-08-31", 6)).toBe("2028-02-29");
  });

  it("refuse impossible dates", () => {
    expect(() => startOfDay("2026-02-30")).toThrow(RangeError);
    expect(() => startOfDay("2026-13-01")).toThrow(RangeError);
  });
});
