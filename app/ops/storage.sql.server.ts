/**
 * PostgreSQL only: what SQLite's `secure_delete` and `WITHOUT ROWID` tables give the embedded
 * database (decision 0010), done by rewriting tables. PostgreSQL leaves a deleted row (a used
 * code's hash) in its page as a dead tuple, and appends rows in arrival order, which a copy of
 * the data files or a `pg_dump` would show. `CLUSTER` writes each table anew from its live rows,
 * in primary-key order (random ids, a code's keyed hash), and drops the old file. It locks the
 * table while it runs (milliseconds for a team, seconds at a million responses), so this runs
 * with retention (daily) and before a backup, not per submit. docs/privacy.md says what stays.
 */
import { prisma } from "~/utils/db.server";

/** Tables whose storage order must not be arrival order, with the index that orders them. */
const KEY_ORDERED = [
  // in issue order, the gap a used code leaves would tell which slip of a sheet was answered
  ["SurveyCode", "SurveyCode_pkey"],
  ["Response", "Response_pkey"],
  ["Answer", "Answer_pkey"],
  ["AnswerCount", "AnswerCount_pkey"],
  ["FreeText", "FreeText_pkey"],
] as const;

export async function rewritePostgresqlStorage(): Promise<void> {
  // not inside a transaction block: each statement commits on its own
  for (const [table, key] of KEY_ORDERED) await prisma.$executeRawUnsafe(`CLUSTER "${table}" USING "${key}"`);
}
