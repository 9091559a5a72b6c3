// The submit and claim path (database-bound, slower): `npx stryker run stryker.submit.config.mjs`.
import base from "./stryker.config.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  ...base,
  mutate: ["app/respondent/submit.server.ts"],
  vitest: { configFile: "vitest.mutate-submit.config.ts" },
  htmlReporter: { fileName: "reports/mutation-submit/index.html" },
  jsonReporter: { fileName: "reports/mutation-submit/mutation.json" },
};
