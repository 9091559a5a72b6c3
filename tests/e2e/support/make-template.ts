/**
 * The database every e2e spec file starts from, made once per run by global-setup.ts at
 * DATABASE_URL: migrated, the reference questionnaire seeded as `npm start` seeds it, and the
 * accounts of accounts.ts (so no first admin is generated).
 */
import Database from "better-sqlite3";
import { createUser } from "~/auth/users.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { migrate } from "~/setup/migrate.server";
import { databasePath } from "~/utils/database-url";
import { prisma } from "~/utils/db.server";
import { ADMIN, MANAGER, STAFF } from "./accounts";

migrate(process.env.DATABASE_URL!);
await seedReferenceSurvey();
for (const [account, role] of [
  [ADMIN, "admin"],
  [MANAGER, "manager"],
  [STAFF, "staff"],
] as const)
  await createUser({ ...account, role });
await prisma.$disconnect();
// fold the WAL back into the file: a plain copy of it is then the whole database
const db = new Database(databasePath());
db.pragma("wal_checkpoint(TRUNCATE)");
db.close();
