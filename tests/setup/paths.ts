import path from "node:path";

export const TMP_DIR = path.resolve("tests", ".tmp");
/** Migrated once per run; every test file works on its own copy. */
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");
