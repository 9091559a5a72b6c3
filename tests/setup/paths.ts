import path from "node:path";

/** Where test runs keep their files, each run in a folder of its own (tests/setup/run-dir.ts). */
export const TESTS_TMP = path.resolve("tests", ".tmp");
/**
 * This run's folder, named by its global setup in TEST_RUN_DIR: test files keep their databases
 * and other files here, and the run removes it when it ends. (Read in test files, after global setup.)
 */
export const TMP_DIR = process.env.TEST_RUN_DIR ?? TESTS_TMP;
/** Migrated once per run; every test file works on its own copy. */
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");
