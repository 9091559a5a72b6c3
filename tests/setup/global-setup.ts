import path from "node:path";
import { claimRunDir } from "./run-dir";

export default async function globalSetup() {
  const run = claimRunDir("unit");
  const template = path.join(run.dir, "template.db"); // TEMPLATE_DB in the test processes
  const { migrate } = await import("../../app/setup/migrate.server");
  migrate(`file:${template}`);
  // fold the WAL back so a plain file copy is the whole database
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(template);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.pragma("journal_mode = DELETE");
  db.close();
  return run.remove;
}
