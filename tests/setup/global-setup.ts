import fs from "node:fs";
import path from "node:path";
import { E2E_DB } from "../e2e/support/accounts";
import { TEMPLATE_DB, TMP_DIR } from "./paths";
import { databaseUrlFor, ON_POSTGRESQL, onServer, TEMPLATE_DATABASE } from "./postgresql";

export default async function globalSetup() {
  // clear earlier runs' files, but not the folder of the e2e server's database: a browser run
  // may be using it right now
  fs.mkdirSync(TMP_DIR, { recursive: true });
  for (const entry of fs.readdirSync(TMP_DIR)) {
    if (path.join(TMP_DIR, entry) !== path.resolve(path.dirname(E2E_DB))) fs.rmSync(path.join(TMP_DIR, entry), { recursive: true, force: true });
  }
  const { migrate, migrateDatabase } = await import("../../app/setup/migrate.server");
  if (ON_POSTGRESQL) {
    // every test file's database is a copy of this one (CREATE DATABASE … TEMPLATE)
    await onServer(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`, `CREATE DATABASE ${TEMPLATE_DATABASE}`);
    await migrateDatabase(databaseUrlFor(TEMPLATE_DATABASE));
    return;
  }
  migrate(`file:${TEMPLATE_DB}`);
  // fold the WAL back so a plain file copy is the whole database
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(TEMPLATE_DB);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.pragma("journal_mode = DELETE");
  db.close();
}
