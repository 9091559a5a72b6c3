import { describe, expect, it } from "vitest";
import {
  blockOf,
  blocksOfPeriod,
  defaultReviewPeriod,
  filterCells,
  filterWithheld,
  lastClosedMonth,
  latestBlock,
  nearestReleased,
  periodWithheld,
  releasableTexts,
  releaseBlocks,
  type JointCount,
} from "~/results/releases";
import { monthOf } from "~/utils/months";

const k = 5;
const months = (list: [string, number][]) => list.map(([month, n]) => ({ month, n }));

describe("the last closed month", () => {
  it("is the month before the current one in Swedish time, across a year's end", () => {
    expect(lastClosedMonth("2027-01")).toBe("2026-12");
    // 23:30 UTC on New Year's Eve is already January in Stockholm: December has closed
    expect(lastClosedMonth(monthOf(new Date("2026-12-31T23:30:00Z")))).toBe("2026-12");
    expect(lastClosedMonth(monthOf(new Date("2026-11-28T02:00:00Z")))).toBe("2026-10");
  });
});

describe("release blocks", () => {
  // Jan 2, Feb 0, Mar 4, Apr 0, May 6, Jun 1, Jul 1 (open: Aug)
  const release = () =>
    releaseBlocks(
    months([["2026-01", 2], ["2026-03", 4], ["2026-05", 6], ["2026-06", 1], ["2026-07", 1], ["2026-08", 9]]),
    k,
    lastClosedMonth("2026-08"),
  );

  it("gathers months until they hold k answers; an empty month with nothing pending stands alone", () => {
    const r = release();
    expect(r.blocks).toEqual([
      { from: "2026-01", to: "2026-03", n: 6 },
      { from: "2026-04", to: "2026-04", n: 0 },
      { from: "2026-05", to: "2026-05", n: 6 },
    ]);
    expect(r.waiting).toEqual({ from: "2026-06", to: "2026-07", n: 2 });
    expect(latestBlock(r)).toEqual({ from: "2026-05", to: "2026-05", n: 6 });
  });

  it("never releases the open month, and a block once formed stays as it was", () => {
    const r = release();
    expect(blockOf("2026-08", r)).toBeNull();
    const later = releaseBlocks(
      months([["2026-01", 2], ["2026-03", 4], ["2026-05", 6], ["2026-06", 1], ["2026-07", 1], ["2026-08", 9]]),
      k,
      "2026-10",
    );
    expect(later.blocks.slice(0, 3)).toEqual(r.blocks);
    expect(later.blocks[3]).toEqual({ from: "2026-06", to: "2026-08", n: 11 });
  });

  it("shows a period only as whole blocks and offers the nearest one", () => {
    const r = release();
    expect(periodWithheld({ from: "2026-01", to: "2026-03" }, [r])).toBeNull();
    expect(blocksOfPeriod({ from: "2026-01", to: "2026-05" }, r)!.map((b) => b.n)).toEqual([6, 6]);
    expect(periodWithheld({ from: "2026-03", to: "2026-03" }, [r])).toBe("unaligned");
    expect(nearestReleased({ from: "2026-03", to: "2026-03" }, [r])).toEqual({ from: "2026-01", to: "2026-03" });
    expect(periodWithheld({ from: "2026-05", to: "2026-06" }, [r])).toBe("waiting");
    expect(nearestReleased({ from: "2026-05", to: "2026-07" }, [r])).toEqual({ from: "2026-05", to: "2026-05" });
    expect(periodWithheld({ from: "2026-08", to: "2026-08" }, [r])).toBe("open");
    // months before the first answer are empty blocks of their own
    expect(periodWithheld({ from: "2025-06", to: "2025-12" }, [r])).toBeNull();
    expect(nearestReleased({ from: "2026-06", to: "2026-07" }, [r])).toBeNull();
  });

  it("aligns a period with the blocks of both waves at once", () => {
    const r = release();
    const followup = releaseBlocks(months([["2026-02", 3], ["2026-04", 3]]), k, "2026-07");
    expect(periodWithheld({ from: "2026-01", to: "2026-03" }, [r, followup])).toBe("unaligned");
    expect(nearestReleased({ from: "2026-01", to: "2026-03" }, [r, followup])).toEqual({ from: "2026-01", to: "2026-04" });
  });

  it("any two allowed periods differ by 0 or at least k answers", () => {
    const counts = months([["2026-01", 1], ["2026-02", 1], ["2026-03", 4], ["2026-04", 2], ["2026-05", 3], ["2026-06", 7], ["2026-07", 1]]);
    const rel = releaseBlocks(counts, k, "2026-07");
    const all = ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"];
    const allowed: { from: string; to: string; n: number }[] = [];
    for (const from of all)
      for (const to of all)
        if (from <= to && periodWithheld({ from, to }, [rel]) === null)
          allowed.push({ from, to, n: counts.filter((c) => c.month >= from && c.month <= to).reduce((s, c) => s + c.n, 0) });
    expect(allowed.length).toBeGreaterThan(3);
    // a period inside another: the difference is the months in between
    for (const a of allowed)
      for (const b of allowed)
        if (a.from >= b.from && a.to <= b.to) expect(b.n - a.n === 0 || b.n - a.n >= k, `${b.from}–${b.to} minus ${a.from}–${a.to}`).toBe(true);
  });
});

describe("release blocks, at their edges", () => {
  // A: Jan–Feb 5, Mar–Apr 5.  B: Jan 5, Feb–Mar 5, Apr 5.  Both closed up to April.
  const waveA = () => releaseBlocks(months([["2026-01", 1], ["2026-02", 4], ["2026-03", 2], ["2026-04", 3]]), k, "2026-04");
  const waveB = () => releaseBlocks(months([["2026-04", 5], ["2026-02", 2], ["2026-03", 3], ["2026-01", 5]]), k, "2026-04");
  // only waiting months: two answers in March, none since
  const waitingOnly = () => releaseBlocks(months([["2026-03", 2]]), k, "2026-04");

  it("releases a block of exactly k, whatever order the counts come in, and ignores months listed with 0", () => {
    const b = waveB();
    expect(b.blocks).toEqual([
      { from: "2026-01", to: "2026-01", n: 5 },
      { from: "2026-02", to: "2026-03", n: 5 },
      { from: "2026-04", to: "2026-04", n: 5 },
    ]);
    expect(releaseBlocks(months([["2025-11", 0], ["2026-01", 5]]), k, "2026-01").blocks).toEqual([{ from: "2026-01", to: "2026-01", n: 5 }]);
  });

  it("releases the last closed month and nothing after it, also before any answer", () => {
    const quiet = releaseBlocks(months([["2026-01", 5]]), k, "2026-02");
    expect(blockOf("2026-02", quiet)).toEqual({ from: "2026-02", to: "2026-02", n: 0 });
    expect(periodWithheld({ from: "2026-01", to: "2026-02" }, [quiet])).toBeNull();
    const none = releaseBlocks([], k, "2026-02");
    expect(blockOf("2026-02", none)).toEqual({ from: "2026-02", to: "2026-02", n: 0 });
    expect(blockOf("2026-03", none)).toBeNull();
    // an empty wave cuts a longer period back to its last closed month
    expect(nearestReleased({ from: "2026-01", to: "2026-05" }, [none])).toEqual({ from: "2026-01", to: "2026-02" });
  });

  it("withholds months that wait for answers even when nothing has been released yet", () => {
    const onlyWaiting = waitingOnly();
    expect(onlyWaiting.blocks).toEqual([]);
    expect(blockOf("2026-02", onlyWaiting)).toEqual({ from: "2026-02", to: "2026-02", n: 0 });
    expect(blockOf("2026-03", onlyWaiting)).toBeNull();
    expect(blockOf("2026-04", onlyWaiting)).toBeNull();
    expect(periodWithheld({ from: "2026-03", to: "2026-03" }, [onlyWaiting])).toBe("waiting");
    // nothing released before the waiting months to cut back to
    expect(nearestReleased({ from: "2026-02", to: "2026-03" }, [onlyWaiting])).toBeNull();
  });

  it("lists exactly the non-empty blocks inside a period", () => {
    const b = waveB();
    expect(blocksOfPeriod({ from: "2026-02", to: "2026-03" }, b)).toEqual([{ from: "2026-02", to: "2026-03", n: 5 }]);
    expect(blocksOfPeriod({ from: "2026-02", to: "2026-02" }, b)).toBeNull();
    expect(blocksOfPeriod({ from: "2026-04", to: "2026-05" }, b)).toBeNull(); // May is open
    expect(blocksOfPeriod({ from: "2026-05", to: "2026-05" }, b)).toBeNull();
  });

  it("withholds a period when any one wave is open or waiting there", () => {
    const b = waveB();
    const earlier = releaseBlocks(months([["2026-01", 5], ["2026-02", 5]]), k, "2026-02");
    expect(periodWithheld({ from: "2026-01", to: "2026-04" }, [b])).toBeNull();
    expect(periodWithheld({ from: "2026-01", to: "2026-04" }, [b, earlier])).toBe("open");
    const waitingInApril = releaseBlocks(months([["2026-01", 5], ["2026-04", 1]]), k, "2026-04");
    expect(periodWithheld({ from: "2026-04", to: "2026-04" }, [b, waitingInApril])).toBe("waiting");
  });

  it("widens a period over two waves until both agree, however many rounds that takes", () => {
    const a = waveA();
    const b = waveB();
    // Jan–Feb: B moves the end to Mar, then A moves it to Apr
    expect(nearestReleased({ from: "2026-01", to: "2026-02" }, [a, b])).toEqual({ from: "2026-01", to: "2026-04" });
    // Mar–Apr: B moves the start to Feb, then A moves it to Jan
    expect(nearestReleased({ from: "2026-03", to: "2026-04" }, [a, b])).toEqual({ from: "2026-01", to: "2026-04" });
  });

  it("names the newest block that holds answers", () => {
    const b = waveB();
    expect(latestBlock(b)).toEqual({ from: "2026-04", to: "2026-04", n: 5 });
    expect(latestBlock(releaseBlocks(months([["2026-01", 5]]), k, "2026-03"))).toEqual({ from: "2026-01", to: "2026-01", n: 5 });
  });
});

describe("filters against their complements, per block", () => {
  const cell = (version: string, referral: string, n: number): JointCount => ({ values: { version, referral }, n });
  const choose = (dim: string, ...values: string[]) => ({ [dim]: new Set(values) });

  it("withholds version 3 when 'all versions' minus it leaves 1 respondent on version 4", () => {
    const block = [cell("3", "", 10), cell("4", "", 1)];
    expect(filterWithheld([block], choose("version", "3"), k)).toEqual({ dimension: "version", why: "partial_class" });
    expect(filterWithheld([block], choose("version", "3", "4"), k)).toBeNull();
  });

  it("hides a value together with another so that two allowed filters cannot be subtracted to 1", () => {
    // v1 10, v3 10, v4 1: v4 is too few, so v1 (the smallest shown) is hidden with it
    const block = [cell("1", "", 10), cell("3", "", 10), cell("4", "", 1)];
    expect(filterWithheld([block], choose("version", "3"), k)).toBeNull();
    expect(filterWithheld([block], choose("version", "1"), k)).toEqual({ dimension: "version", why: "partial_class" });
    expect(filterWithheld([block], choose("version", "1", "4"), k)).toBeNull();
  });

  it("shows a filter whose complement holds k, hides it at k-1, per block", () => {
    const shown = [cell("1", "police", 5), cell("1", "self", 5)];
    const hidden = [cell("1", "police", 5), cell("1", "self", 4)];
    expect(filterWithheld([shown], choose("referral", "police"), k)).toBeNull();
    expect(filterWithheld([shown, hidden], choose("referral", "police"), k)).toEqual({ dimension: "referral", why: "partial_class" });
    // an empty complement reveals nobody
    expect(filterWithheld([[cell("1", "police", 6)]], choose("referral", "police"), k)).toBeNull();
  });

  it("checks every crossed cell of two filters", () => {
    const block = [cell("1", "police", 6), cell("1", "self", 6), cell("2", "police", 8), cell("2", "self", 2)];
    expect(filterWithheld([block], { ...choose("version", "1"), ...choose("referral", "police") }, k)).toEqual({
      dimension: "referral+version",
      why: "small_cell",
    });
    const fine = [cell("1", "police", 6), cell("1", "self", 6), cell("2", "police", 8), cell("2", "self", 5), cell("3", "self", 0)];
    expect(filterWithheld([fine], { ...choose("version", "1"), ...choose("referral", "police") }, k)).toBeNull();
  });
});

describe("filter cells", () => {
  const cell = (values: Record<string, string>, n: number): JointCount => ({ values, n });

  it("does not split a dimension whose choice selects everybody", () => {
    const block = [cell({ version: "1", referral: "police" }, 6), cell({ version: "1", referral: "self" }, 6), cell({ version: "2", referral: "police" }, 8), cell({ version: "2", referral: "self" }, 2)];
    expect(filterWithheld([block], { version: new Set(["1"]), referral: new Set(["police", "self"]) }, k)).toBeNull();
  });

  it("does not split a dimension over a value nobody in the block has", () => {
    // versions 1 and 2 are everybody; version 3 has no answers here
    const block = [
      cell({ version: "1", referral: "police" }, 3),
      cell({ version: "1", referral: "self" }, 7),
      cell({ version: "2", referral: "police" }, 7),
      cell({ version: "2", referral: "self" }, 3),
      cell({ version: "3", referral: "police" }, 0),
    ];
    expect(filterWithheld([block], { version: new Set(["1", "2"]), referral: new Set(["police"]) }, k)).toBeNull();
  });

  it("puts the values of one hidden class in one cell and the others in cells of their own", () => {
    const block = [cell({ version: "1" }, 10), cell({ version: "3" }, 10), cell({ version: "4" }, 1)];
    const cells = filterCells(block, { version: new Set(["1", "4"]) }, k);
    if (!("cellOf" in cells)) throw new Error(`withheld: ${JSON.stringify(cells)}`);
    expect(cells.cellOf({ version: "1" })).toBe(cells.cellOf({ version: "4" }));
    expect(cells.cellOf({ version: "3" })).not.toBe(cells.cellOf({ version: "1" }));
  });

  it("sums a hidden class before checking crossed cells", () => {
    // versions 1 and 4 form one hidden class: 4 + 1 police answers together are 5
    const block = [
      cell({ version: "1", referral: "police" }, 4),
      cell({ version: "1", referral: "self" }, 6),
      cell({ version: "3", referral: "police" }, 5),
      cell({ version: "3", referral: "self" }, 5),
      cell({ version: "4", referral: "police" }, 1),
    ];
    expect(filterWithheld([block], { version: new Set(["1", "4"]), referral: new Set(["police"]) }, k)).toBeNull();
  });

  it("keeps values apart that would run together if written side by side", () => {
    // a=1,b=23 and a=12,b=3 must stay two cells of 3, not one of 6
    const block = [cell({ a: "1", b: "23" }, 3), cell({ a: "1", b: "3" }, 10), cell({ a: "12", b: "3" }, 3), cell({ a: "12", b: "23" }, 10)];
    expect(filterWithheld([block], { a: new Set(["1"]), b: new Set(["23"]) }, k)).toEqual({ dimension: "a+b", why: "small_cell" });
  });

  it("never merges the hidden class with the not-recorded value", () => {
    const block = [
      cell({ version: "1", referral: "a" }, 2),
      cell({ version: "1", referral: "" }, 5),
      cell({ version: "2", referral: "a" }, 1),
      cell({ version: "2", referral: "b" }, 3),
      cell({ version: "2", referral: "" }, 5),
    ];
    expect(filterWithheld([block], { version: new Set(["1"]), referral: new Set(["a", "b"]) }, k)).toEqual({
      dimension: "referral+version",
      why: "small_cell",
    });
  });

  it("counts responses without a value as one not-recorded group", () => {
    // 3 + 3 without a referral: together 6, a group that may be shown
    const block = [cell({ version: "1" }, 3), cell({ version: "2" }, 3), cell({ version: "1", referral: "police" }, 10)];
    expect(filterWithheld([block], { referral: new Set([""]) }, k)).toBeNull();
    // 2 without: hidden together with police, so choosing only them is withheld
    const few = [cell({ version: "1" }, 2), cell({ version: "1", referral: "police" }, 10)];
    expect(filterWithheld([few], { referral: new Set([""]) }, k)).toEqual({ dimension: "referral", why: "partial_class" });
  });

  it("treats a missing value as the not-recorded one inside a hidden class too", () => {
    const block = [
      cell({ version: "1" }, 2),
      cell({ version: "1", referral: "police" }, 10),
      cell({ version: "1", referral: "self" }, 10),
      cell({ version: "2", referral: "police" }, 10),
      cell({ version: "2", referral: "self" }, 10),
    ];
    expect(filterWithheld([block], { version: new Set(["1"]), referral: new Set(["", "police"]) }, k)).toBeNull();
  });
});

describe("free text", () => {
  it("withholds a text whose language was withheld, however many answers its block has", () => {
    const out = releasableTexts([{ text: "x", lang: "withheld", block: 0 }], new Map([["0|withheld", 9]]), k);
    expect(out).toEqual({ shown: [], withheld: 1 });
  });

  it("can put three texts in every one of the six orders", () => {
    const texts = ["a", "b", "c"].map((text) => ({ text, lang: "sv", block: 0 }));
    const orders = new Set<string>();
    for (const first of [0, 0.5, 0.9])
      for (const second of [0, 0.9]) {
        const draws = [first, second];
        let i = 0;
        orders.add(releasableTexts(texts, new Map([["0|sv", 5]]), k, () => draws[i++] ?? 0).shown.join(""));
      }
    expect([...orders].sort()).toEqual(["abc", "acb", "bac", "bca", "cab", "cba"]);
  });

  it("shows texts only where the block has k answers in their language; counts the rest", () => {
    const byBlockLang = new Map([
      ["0|sv", 5],
      ["0|fa", 1],
      ["1|fa", 4],
    ]);
    const texts = [
      { text: "a", lang: "sv", block: 0 },
      { text: "b", lang: "sv", block: 0 },
      { text: "c", lang: "fa", block: 0 },
      { text: "d", lang: "fa", block: 1 },
      { text: "e", lang: "withheld", block: 0 },
    ];
    const out = releasableTexts(texts, byBlockLang, k);
    expect(out.shown.sort()).toEqual(["a", "b"]);
    expect(out.withheld).toBe(3);
    expect(releasableTexts(texts, new Map([...byBlockLang, ["1|fa", 5]]), k).shown.sort()).toEqual(["a", "b", "d"]);
  });

  it("does not keep the stored order", () => {
    const texts = Array.from({ length: 20 }, (_, i) => ({ text: String(i), lang: "sv", block: 0 }));
    const seq = [0.1, 0.9, 0.3, 0.7, 0.5];
    let i = 0;
    const out = releasableTexts(texts, new Map([["0|sv", 20]]), k, () => seq[i++ % seq.length]!);
    expect(out.shown).not.toEqual(texts.map((t) => t.text));
    expect([...out.shown].sort()).toEqual(texts.map((t) => t.text).sort());
  });
});

describe("the review's default period at a small team's volume", () => {
  const release = (list: [string, number][], current: string) => releaseBlocks(months(list), k, lastClosedMonth(current));

  it("is the latest month when that month alone holds enough answers", () => {
    const r = release([["2026-05", 3], ["2026-06", 2], ["2026-07", 6]], "2026-08");
    expect(defaultReviewPeriod(r)).toMatchObject({ scope: "month", period: { from: "2026-07", to: "2026-07" } });
  });

  it("is the tertial so far when months are thin (2–3 answers each), widened to whole blocks", () => {
    // blocks: Jan–Feb 5, Mar–Apr 5, May–Jun 5, Jul–Aug 6; T2 is May–Aug
    const r = release([["2026-01", 3], ["2026-02", 2], ["2026-03", 2], ["2026-04", 3], ["2026-05", 3], ["2026-06", 2], ["2026-07", 3], ["2026-08", 3]], "2026-09");
    const chosen = defaultReviewPeriod(r)!;
    expect(chosen).toMatchObject({ scope: "tertial", period: { from: "2026-05", to: "2026-08" }, latest: { from: "2026-07", to: "2026-08" } });
    expect(periodWithheld(chosen.period, [r])).toBeNull();
  });

  it("is the year so far when the tertial holds only the latest block", () => {
    // blocks: Jan–Mar 5, Apr–Jun 5 (T1 ends in April: the tertial so far of June is May–June, inside the block)
    const r = release([["2026-01", 2], ["2026-02", 1], ["2026-03", 2], ["2026-04", 2], ["2026-05", 1], ["2026-06", 2]], "2026-07");
    const chosen = defaultReviewPeriod(r)!;
    expect(chosen).toMatchObject({ scope: "year", period: { from: "2026-01", to: "2026-06" } });
    expect(periodWithheld(chosen.period, [r])).toBeNull();
  });

  it("is the latest block when nothing earlier in the year was released, and nothing without answers", () => {
    expect(defaultReviewPeriod(release([["2026-01", 2], ["2026-02", 3]], "2026-03"))).toMatchObject({ scope: "block", period: { from: "2026-01", to: "2026-02" } });
    expect(defaultReviewPeriod(release([["2026-01", 2]], "2026-03"))).toBeNull();
  });
});
