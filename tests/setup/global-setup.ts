import fs from "node:fs";
import { TEMPLATE_DB, TMP_DIR } from "./paths";

export default async function globalSetup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const { migrate } = await import("../../app/setup/migrate.server");
  migrate(`file:${TEMPLATE_DB}`);
  // fold the WAL back so a plain file copy is the whole database
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(TEMPLATE_DB);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.pragma("journal_mode = DELETE");
  db.close();
}
