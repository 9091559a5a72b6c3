import { describe, expect, it } from "vitest";
import { answerCells } from "~/results/answer-cells";

const response = { surveyVersionId: "v1", wave: "closure", month: "2026-11", unitId: "u1", clientGroup: "both", referral: null };

describe("a response's answer-count cells", () => {
  it("counts the response, each answer row and each question answered, on both levels", () => {
    const cells = answerCells(response, [
      { questionKey: "role", rowKey: "", optionKey: "subjected" },
      { questionKey: "violence_by_type", rowKey: "physical", optionKey: "stopped" },
      { questionKey: "violence_by_type", rowKey: "psychological", optionKey: "reduced" },
      { questionKey: "comments", rowKey: "", optionKey: "" },
    ]);
    const keys = (level: number) => cells.filter((c) => c[0] === level).map((c) => c.slice(9).join("/"));
    const expected = ["//", "role//subjected", "violence_by_type/physical/stopped", "violence_by_type/psychological/reduced", "comments//", "role//*", "violence_by_type//*", "comments//*"];
    expect(keys(0)).toEqual(expected);
    expect(keys(1)).toEqual(expected);
    // level 0 sums every group; level 1 keeps the stored group, the role answer, and "" for what is missing
    expect(new Set(cells.filter((c) => c[0] === 0).map((c) => c.slice(1, 9).join("|")))).toEqual(new Set(["v1|closure|2026-11|u1||||"]));
    expect(new Set(cells.filter((c) => c[0] === 1).map((c) => c.slice(1, 9).join("|")))).toEqual(new Set(["v1|closure|2026-11|u1|both||subjected|"]));
  });

  it("counts an empty response once, as a response", () => {
    expect(answerCells(response, []).map((c) => [c[0], c[9], c[10], c[11]])).toEqual([[0, "", "", ""], [1, "", "", ""]]);
  });
});
