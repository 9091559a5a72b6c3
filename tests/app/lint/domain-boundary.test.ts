import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/** The project's own ESLint configuration on a file that does not exist, at the path given. */
async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: process.cwd() }).lintText(source, { filePath });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

const componentImport = 'import { SideTable } from "~/components/compare-tables";\nexport const x = SideTable;\n';

describe("the domain does not depend on the UI", () => {
  it.each([
    ["app/results/leak.ts", componentImport],
    ["app/codes/leak.server.ts", 'import { loader } from "~/routes/admin.codes";\nexport const x = loader;\n'],
    ["app/survey/leak.ts", 'import { SurveyPreview } from "../components/survey-preview";\nexport const x = SurveyPreview;\n'],
    ["app/respondent/leak.ts", 'import { loader } from "../routes/s.$code";\nexport const x = loader;\n'],
    ["app/auth/leak.ts", 'import { IntentForm } from "~/components/intent-form";\nexport const x = IntentForm;\n'],
    ["app/ops/leak.ts", 'export { default } from "../routes/admin.tsx";\n'],
    ["app/utils/deep/leak.ts", 'import * as c from "../../components/results-charts";\nexport const x = c;\n'],
  ])("refuses %s importing a component or route", async (file, source) => {
    expect(await restrictedImports(file, source)).toEqual([expect.stringMatching(/must not import UI code/)]);
  });

  it("lets pages use components and the domain use the domain", async () => {
    expect(await restrictedImports("app/routes/admin.compare._index.tsx", componentImport)).toEqual([]);
    expect(await restrictedImports("app/results/ok.ts", 'import { columnLabel } from "./compare-labels";\nexport const x = columnLabel;\n')).toEqual([]);
    // a module whose name merely contains the word is not UI code
    expect(await restrictedImports("app/results/ok.ts", 'import { x } from "./components-of-variance";\nexport const y = x;\n')).toEqual([]);
  });
});
