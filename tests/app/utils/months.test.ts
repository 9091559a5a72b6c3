import { describe, expect, it, vi } from "vitest";
import { addDays, addMonths, dayOf, monthOf, startOfDay } from "~/utils/months";

describe("Swedish calendar days and months", () => {
  it("put an instant in its Swedish month, also across a month boundary", () => {
    expect(monthOf(new Date("2026-03-31T22:30:00Z"))).toBe("2026-04"); // 00:30 in Stockholm (CEST)
    expect(monthOf(new Date("2026-01-31T22:30:00Z"))).toBe("2026-01"); // 23:30 CET
  });

  it("give each instant its own day when asked one after another, at midnight and when clocks change", () => {
    // the last minute is remembered (every submit asks): the next minute must not reuse it
    expect(dayOf(new Date("2026-03-31T21:59:00Z"))).toBe("2026-03-31");
    expect(dayOf(new Date("2026-03-31T21:59:59.999Z"))).toBe("2026-03-31");
    expect(dayOf(new Date("2026-03-31T22:00:00Z"))).toBe("2026-04-01");
    expect(monthOf(new Date("2026-03-31T21:59:30Z"))).toBe("2026-03");
    expect(startOfDay("2026-10-25").toISOString()).toBe("2026-10-24T22:00:00.000Z"); // the day summer time ends
    expect(dayOf(new Date("2026-10-25T00:59:00Z"))).toBe("2026-10-25"); // 02:59 CEST
    expect(dayOf(new Date("2026-10-24T21:59:00Z"))).toBe("2026-10-24");
  });

  it("work out a minute once while a submit asks for it again and again, beside another one", () => {
    // a submit asks for the month of now and of its code's first day, turn about
    const now = new Date("2026-05-05T10:15:30Z");
    const opened = new Date("2026-04-30T22:00:00Z");
    const parts = vi.spyOn(Intl.DateTimeFormat.prototype, "formatToParts");
    try {
      for (let i = 0; i < 10; i++) expect([monthOf(now), monthOf(opened)]).toEqual(["2026-05", "2026-05"]);
      expect(parts.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      parts.mockRestore();
    }
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
