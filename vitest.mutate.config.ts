import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

/**
 * `npm run mutate`: only the fast unit tests of the modules that hold the promises (Stryker
 * runs them once per mutant, so the database-backed suites and servers stay out).
 */
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: [
      "tests/app/results/units.test.ts",
      "tests/app/results/report.test.ts",
      "tests/app/results/compare.test.ts",
      "tests/app/results/releases.test.ts",
      "tests/app/codes/typed-codes.test.ts",
      "tests/app/codes/code.test.ts",
      "tests/app/respondent/answers.test.ts",
    ],
    environment: "node",
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/setup-db.ts"],
    pool: "forks",
    testTimeout: 20_000,
  },
});
