/**
 * PostgreSQL only: what SQLite's `secure_delete` and `WITHOUT ROWID` tables give the embedded
 * database (decision 0010), done by rewriting tables. PostgreSQL leaves a deleted row (a used
 * code's hash) in its page as a dead tuple, and appends rows in arrival order, which a copy of
 * the data files or a `pg_dump` would show. `VACUUM FULL` and `CLUSTER` write each table anew
 * from its live rows, in primary-key order (random ids), and drop the old file. Both lock the
 * table while they run (milliseconds for a team, seconds at a million responses), so this runs
 * with retention (daily) and before a backup, not per submit. docs/privacy.md says what stays.
 */
import { prisma } from "~/utils/db.server";

/** Tables whose storage order must not be arrival order, with the index that orders them. */
const KEY_ORDERED = [
  ["Response", "Response_pkey"],
  ["Answer", "Answer_pkey"],
  ["AnswerCount", "AnswerCount_pkey"],
  ["FreeText", "FreeText_pkey"],
] as const;

export async function rewritePostgresqlStorage(): Promise<void> {
  // neither runs inside a transaction block: each statement commits on its own
  await prisma.$executeRawUnsafe(`VACUUM (FULL) "SurveyCode"`);
  for (const [table, key] of KEY_ORDERED) await prisma.$executeRawUnsafe(`CLUSTER "${table}" USING "${key}"`);
}
