import { describe, expect, it } from "vitest";
import { comparableAcross, diffVersions, otherChanges } from "~/survey/diff";
import type { VersionDefinition } from "~/survey/definition";
import { reference } from "./reference";

const def = reference();
const v = (n: number) => def.versions.find((x) => x.version === n)!;

describe("diffVersions", () => {
  it("version 1 → 3: what the reference questionnaire implies", () => {
    const d = diffVersions(v(1), v(3));
    expect([...d.added].sort()).toEqual(
      ["alternative_strategies", "feel_better", "gender", "role", "violence_by_type"].sort(),
    );
    expect(d.removed).toEqual([]);
    expect([...d.comparable].sort()).toEqual(
      ["comments", "contact_satisfaction", "expectations_met", "method_satisfaction", "violence_stopped"].sort(),
    );
    expect(d.notComparable).toEqual([]);
    expect(d.reworded).toEqual([]);
    expect(d.questions.find((q) => q.key === "violence_stopped")).toMatchObject({
      status: "unchanged",
      position: { from: 3, to: 7 },
    });
  });

  it("version 3 → 1: the same questions, removed instead of added", () => {
    const d = diffVersions(v(3), v(1));
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual(["role", "gender", "alternative_strategies", "feel_better", "violence_by_type"]);
    expect(d.comparable).toHaveLength(5);
  });

  it("version 2 → 3 adds only the matrix question", () => {
    const d = diffVersions(v(2), v(3));
    expect(d.added).toEqual(["violence_by_type"]);
    expect(d.questions.find((q) => q.key === "violence_by_type")!.rows.map((r) => r.status)).toEqual([
      "added",
      "added",
      "added",
      "added",
    ]);
  });

  const edited = (): VersionDefinition => {
    const copy: VersionDefinition = structuredClone(v(3));
    copy.version = 4;
    const q = (key: string) => copy.questions.find((x) => x.key === key)!;
    q("method_satisfaction").text.en = "Was the way we worked with the violence satisfactory?";
    q("expectations_met").options![1]!.text.sv = "Till viss del";
    q("feel_better").options!.push({ key: "worse", text: { sv: "Nej, sämre", en: "No, worse" } });
    q("contact_satisfaction").waves = ["closure", "followup"];
    q("role").type = "multi";
    q("comments").maxLength = 500;
    copy.questions = copy.questions.filter((x) => x.key !== "gender");
    return copy;
  };

  it("lists rewording per language, options added, waves, type and maxLength changes", () => {
    const d = diffVersions(v(3), edited());
    const q = (key: string) => d.questions.find((x) => x.key === key)!;
    expect(q("method_satisfaction")).toMatchObject({
      status: "changed",
      comparable: true,
      reworded: true,
      textChanges: [
        {
          lang: "en",
          before: "Do you feel that the way we worked with the violence was satisfactory?",
          after: "Was the way we worked with the violence satisfactory?",
        },
      ],
    });
    expect(q("expectations_met").options[1]).toEqual({
      key: "partly",
      status: "reworded",
      textChanges: [{ lang: "sv", before: "Delvis", after: "Till viss del" }],
    });
    expect(q("expectations_met")).toMatchObject({ comparable: true, reworded: true });
    expect(q("feel_better")).toMatchObject({ comparable: false, reworded: false });
    expect(q("feel_better").options.at(-1)).toEqual({ key: "worse", status: "added", textChanges: [] });
    expect(q("contact_satisfaction")).toMatchObject({
      comparable: true,
      waves: { from: ["closure"], to: ["closure", "followup"] },
    });
    expect(q("role")).toMatchObject({ comparable: false, type: { from: "single", to: "multi" } });
    expect(q("comments")).toMatchObject({ comparable: true, maxLength: { from: 2000, to: 500 } });
    expect(d.removed).toEqual(["gender"]);
    expect(d.notComparable).toEqual(["role", "feel_better"]);
    expect(d.reworded).toEqual(["method_satisfaction", "expectations_met"]);
  });

  it("lists a translation added or dropped, but calls nothing reworded for it", () => {
    const after = structuredClone(v(3));
    const question = after.questions.find((q) => q.key === "violence_stopped")!;
    question.text = { ...question.text, so: "Rabshadu ma joogsatay?" };
    const option = question.options!.find((o) => o.key === "yes")!;
    const { en: dropped, ...rest } = option.text;
    option.text = rest;
    const d = diffVersions(v(3), after);
    const q = d.questions.find((x) => x.key === "violence_stopped")!;
    expect(q).toMatchObject({ status: "changed", comparable: true, reworded: false });
    expect(q.textChanges).toEqual([{ lang: "so", before: null, after: "Rabshadu ma joogsatay?" }]);
    expect(q.options.find((o) => o.key === "yes")!.textChanges).toEqual([{ lang: "en", before: dropped, after: null }]);
    expect(d.reworded).toEqual([]);
    // the publish page still lists it, among the other changes
    expect(otherChanges(d)).toEqual(["violence_stopped"]);
  });

  it("a version compared with itself has no changes", () => {
    const d = diffVersions(v(2), v(2));
    expect(d.questions.every((q) => q.status === "unchanged" && q.comparable)).toBe(true);
  });
});

describe("comparableAcross", () => {
  it("finds the questions every reference version shares", () => {
    expect(comparableAcross(def.versions)).toEqual([
      "contact_satisfaction",
      "method_satisfaction",
      "expectations_met",
      "violence_stopped",
      "comments",
    ]);
  });
});
