import { defineConfig } from "vitest/config";
import base from "./vitest.config";

/**
 * `npm run test:postgresql`: the tests of the database layer again, on PostgreSQL (storage,
 * submit and single use, reports, faults, privacy, CLI, units kept apart and compared), plus
 * tests/postgresql/ (what only PostgreSQL has: migrations applied by the app, storage
 * rewriting, migrate-data, two servers on one database, cut connections). The rest of the suite
 * (pages, i18n, pure modules) does not depend on the database and runs once, on SQLite; so does
 * tests/server/faults.test.ts, whose 10,000-request load would double CI time —
 * tests/postgresql/faults.test.ts is its PostgreSQL counterpart (a kill and cut connections
 * mid-load), with two-servers.test.ts (one code submitted in parallel through two servers).
 * The browser specs run on PostgreSQL are listed in playwright.postgresql.config.ts.
 */
export const POSTGRESQL_TESTS = [
  "tests/postgresql/**/*.test.ts",
  "tests/app/privacy.test.ts",
  "tests/app/privacy-schema.test.ts",
  "tests/app/routes/respondent.test.ts",
  "tests/app/codes/find-code.test.ts",
  "tests/app/codes/stock-db.test.ts",
  "tests/app/routes/release-export.test.ts",
  "tests/app/results/report.test.ts",
  "tests/app/results/report-2015.test.ts",
  "tests/app/results/imported-totals.test.ts",
  "tests/app/results/answer-counts.test.ts",
  "tests/app/results/differencing.test.ts",
  "tests/app/results/reach-and-rate.test.ts",
  "tests/app/results/release-texts.test.ts",
  "tests/app/results/compare.test.ts",
  "tests/app/results/release-cells.test.ts",
  "tests/app/results/language-levels.test.ts",
  "tests/app/results/units-summed-level.test.ts",
  "tests/app/results/release-summaries.test.ts",
  "tests/app/results/release-summaries-review.test.ts",
  "tests/app/results/released-responses.test.ts",
  "tests/app/results/levels-race.test.ts",
  // organisational units (decision 0023): each unit's codes and results its own, pooled and
  // unit-vs-unit views small-group protected, on both databases
  "tests/app/routes/units-*.test.ts",
  "tests/app/results/units-differencing.test.ts",
  "tests/app/cli/units.test.ts",
  "tests/app/units/units.test.ts",
  "tests/app/paper/paper.test.ts",
  "tests/app/ops/retention.test.ts",
  "tests/app/ops/levels-job.test.ts",
  "tests/app/ops/retention-reports.test.ts",
  "tests/app/cli/tokens.test.ts",
  "tests/app/cli/aggregates.test.ts",
  "tests/app/survey/store.test.ts",
  "tests/app/survey/recordings.test.ts",
  "tests/app/auth/session.test.ts",
  "tests/app/setup/bootstrap.test.ts",
];

// spread, not mergeConfig: that would append to the base config's include list
export default defineConfig({ ...base, test: { ...base.test, include: POSTGRESQL_TESTS, exclude: ["node_modules/**"] } });
