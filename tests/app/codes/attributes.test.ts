import { describe, expect, it } from "vitest";
import { answerableMonths, attributesToStore, WITHHELD_ATTRIBUTE, type CodeTally } from "~/codes/attributes";

const K = 5;
const tally = (issued: number, lang: string, clientGroup = "", referral = ""): CodeTally => ({ lang, clientGroup, referral, issued });

describe("which months' codes could have been answered in a month", () => {
  it("with 90-day codes: the month and the three before it", () => {
    // opened 30 Nov 2026, valid until 28 Feb 2027: not into March
    expect(answerableMonths("2027-03", 90)).toEqual(["2026-12", "2027-01", "2027-02", "2027-03"]);
    // opened 31 May, valid to 29 Aug: reaches August
    expect(answerableMonths("2027-08", 90)).toEqual(["2027-05", "2027-06", "2027-07", "2027-08"]);
  });

  it("with codes valid a single day: the month before reaches only its last day into this one", () => {
    expect(answerableMonths("2027-03", 1)).toEqual(["2027-03"]);
    expect(answerableMonths("2027-03", 2)).toEqual(["2027-02", "2027-03"]);
  });
});

describe("what a response keeps of its language, group and referral", () => {
  it("withholds Farsi when k-1 codes were in Farsi, keeps it at k", () => {
    const others = tally(20, "sv");
    expect(attributesToStore({ lang: "fa", clientGroup: null, referral: null }, [others, tally(K - 1, "fa")], K).lang).toBe(WITHHELD_ATTRIBUTE);
    expect(attributesToStore({ lang: "fa", clientGroup: null, referral: null }, [others, tally(K, "fa")], K)).toEqual({
      lang: "fa",
      clientGroup: null,
      referral: null,
    });
  });

  it("adds up the codes of every version and month that share the value", () => {
    // 3 Farsi codes in one row (a version, a month) + 2 in another = 5 Farsi codes
    const tallies = [tally(20, "sv"), tally(3, "fa"), tally(2, "fa")];
    expect(attributesToStore({ lang: "fa", clientGroup: null, referral: null }, tallies, K).lang).toBe("fa");
  });

  it("withholds a language answered in that no code suggested", () => {
    expect(attributesToStore({ lang: "so", clientGroup: null, referral: null }, [tally(40, "sv")], K).lang).toBe(WITHHELD_ATTRIBUTE);
  });

  it("withholds the referral path two codes had, keeps the group forty had", () => {
    const tallies = [tally(38, "sv", "subjected", "self"), tally(2, "sv", "subjected", "police"), tally(10, "sv", "perpetrator", "self")];
    expect(attributesToStore({ lang: "sv", clientGroup: "subjected", referral: "police" }, tallies, K)).toEqual({
      lang: "sv",
      clientGroup: "subjected",
      referral: WITHHELD_ATTRIBUTE,
    });
  });

  it("withholds a common value too when the rare ones alone would be fewer than k (withheld must not name them)", () => {
    // one Amharic code: withheld alone it would be that client; the next rarest (Farsi, 6) joins it
    const tallies = [tally(30, "sv"), tally(6, "fa"), tally(1, "am")];
    expect(attributesToStore({ lang: "am", clientGroup: null, referral: null }, tallies, K).lang).toBe(WITHHELD_ATTRIBUTE);
    expect(attributesToStore({ lang: "fa", clientGroup: null, referral: null }, tallies, K).lang).toBe(WITHHELD_ATTRIBUTE);
    expect(attributesToStore({ lang: "sv", clientGroup: null, referral: null }, tallies, K).lang).toBe("sv");
  });

  it("withholds the language when the combination of values is shared by fewer than k codes", () => {
    // 10 Farsi codes and 10 police referrals, but only 2 Farsi codes referred by the police
    const tallies = [tally(8, "fa", "", "self"), tally(2, "fa", "", "police"), tally(8, "sv", "", "police"), tally(30, "sv", "", "self")];
    expect(attributesToStore({ lang: "fa", clientGroup: null, referral: "police" }, tallies, K)).toEqual({
      lang: WITHHELD_ATTRIBUTE,
      clientGroup: null,
      referral: "police",
    });
  });

  it("withholds everything when fewer than k codes could have been answered at all", () => {
    expect(attributesToStore({ lang: "sv", clientGroup: "both", referral: "self" }, [tally(4, "sv", "both", "self")], K)).toEqual({
      lang: WITHHELD_ATTRIBUTE,
      clientGroup: WITHHELD_ATTRIBUTE,
      referral: WITHHELD_ATTRIBUTE,
    });
  });
});
