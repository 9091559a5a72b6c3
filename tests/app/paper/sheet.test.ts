import { describe, expect, it } from "vitest";
import { keyAction, MAX_KEYED_OPTIONS, numberedSheet, PAPER_CODE_FIELD } from "~/paper/sheet";
import type { ShownQuestion } from "~/respondent/questionnaire";
import { parseAnswers } from "~/respondent/answers";

const question = (key: string): ShownQuestion => ({ key, type: "single", text: key, options: [], rows: [], maxLength: 10 });

describe("the sheet's numbering", () => {
  it("numbers questions from 1 in the order they are asked", () => {
    expect(numberedSheet([question("a"), question("b"), question("c")]).map((q) => [q.key, q.number])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
  });
});

describe("keys on the data-entry form", () => {
  it("chooses the option whose number is printed beside the ticked box", () => {
    expect(keyAction("1", 3)).toEqual({ kind: "choose", index: 0 });
    expect(keyAction("3", 3)).toEqual({ kind: "choose", index: 2 });
  });

  it("ignores a number the question has no option for, so a slip of the finger chooses nothing", () => {
    expect(keyAction("4", 3)).toBeNull();
    expect(keyAction(String(MAX_KEYED_OPTIONS), MAX_KEYED_OPTIONS + 3)).toEqual({ kind: "choose", index: MAX_KEYED_OPTIONS - 1 });
  });

  it("takes the answer back with 0 and goes on with Enter; other keys are the browser's", () => {
    expect(keyAction("0", 3)).toEqual({ kind: "clear" });
    expect(keyAction("Enter", 3)).toEqual({ kind: "next" });
    for (const key of ["a", " ", "Tab", "ArrowDown", "12"]) expect(keyAction(key, 3)).toBeNull();
  });
});

describe("the form's own code field", () => {
  it("can never be a question key: left in, it is refused as an unknown question", () => {
    const parsed = parseAnswers([[PAPER_CODE_FIELD, "ABCD"]], [{ key: "q", type: "single", waves: ["closure"], text: { sv: "Q" }, options: [{ key: "yes", text: { sv: "Ja" } }] }], "closure");
    expect(parsed.errors).toEqual([{ field: PAPER_CODE_FIELD, code: "unknownQuestion" }]);
  });
});
