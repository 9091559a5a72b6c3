import { defineConfig } from "vitest/config";
import base from "./vitest.mutate.config";

/**
 * `npx stryker run stryker.submit.config.mjs`: the submit and claim path is database-bound, so its
 * mutants run against the route's own tests on a migrated SQLite copy (no mocks), apart from the
 * fast pure modules of `npm run mutate`.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/app/respondent/submit.test.ts", "tests/app/routes/respondent.test.ts", "tests/app/results/answer-counts.test.ts", "tests/app/results/reach-and-rate.test.ts"],
  },
});
