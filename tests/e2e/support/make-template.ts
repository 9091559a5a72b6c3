/**
 * The database every e2e spec file starts from, made once per run by global-setup.ts at
 * DATABASE_URL (a SQLite file, or a PostgreSQL database on a PostgreSQL run): migrated as
 * `npm start` migrates, the reference questionnaire seeded as it seeds, and the accounts of
 * accounts.ts (so no first admin is generated).
 */
import Database from "better-sqlite3";
import { createUser } from "~/auth/users.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { migrateDatabase } from "~/setup/migrate.server";
import { sqlitePath } from "~/utils/database-url";
import { prisma } from "~/utils/db.server";
import { ADMIN, MANAGER, STAFF } from "./accounts";

const url = process.env.DATABASE_URL!;
await migrateDatabase(url);
await seedReferenceSurvey();
for (const [account, role] of [
  [ADMIN, "admin"],
  [MANAGER, "manager"],
  [STAFF, "staff"],
] as const)
  await createUser({ ...account, role });
await prisma.$disconnect();
// fold the WAL back into the file: a plain copy of it is then the whole database
const file = sqlitePath(url);
if (file !== null) {
  const db = new Database(file);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}
