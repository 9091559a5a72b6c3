// Mutation testing of the modules that hold the promises (docs/testing.md): `npm run mutate`.
// Outside CI. On 2 cores run one group at a time (docs/testing.md lists the commands).
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutate.config.ts" },
  mutate: [
    "app/results/disclosure.ts",
    "app/results/releases.ts",
    "app/results/wilson.ts",
    "app/results/period.ts",
    "app/codes/code.ts",
    "app/respondent/answers.ts",
  ],
  coverageAnalysis: "perTest",
  concurrency: 1,
  timeoutMS: 20_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 90, low: 80, break: null },
  ignorePatterns: ["build", "data", "tests/.tmp", "bench/.tmp", "reports", "test-results", "playwright-report", ".cache"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
