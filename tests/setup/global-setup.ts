import path from "node:path";
import { claimRunDir } from "./run-dir";
import { databaseUrlFor, ON_POSTGRESQL, onServer, TEMPLATE_DATABASE } from "./postgresql";

export default async function globalSetup() {
  const run = claimRunDir("unit");
  const template = path.join(run.dir, "template.db"); // TEMPLATE_DB in the test processes
  const { migrate, migrateDatabase } = await import("../../app/setup/migrate.server");
  if (ON_POSTGRESQL) {
    // every test file's database is a copy of this one (CREATE DATABASE … TEMPLATE)
    await onServer(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`, `CREATE DATABASE ${TEMPLATE_DATABASE}`);
    await migrateDatabase(databaseUrlFor(TEMPLATE_DATABASE));
    return run.remove;
  }
  migrate(`file:${template}`);
  // fold the WAL back so a plain file copy is the whole database
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(template);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.pragma("journal_mode = DELETE");
  db.close();
  return run.remove;
}
