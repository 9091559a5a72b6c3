import pg from "pg";
import { providerOf } from "~/utils/database-url";

/** Any fixed number other than the migrations' own lock. */
const STARTUP_LOCK = 4_106_023;

/**
 * Runs the start-up work (migrations, seeding, the first admin) of one app server at a time.
 * Several servers may share a PostgreSQL database and start together; without the lock two of
 * them would both see no admin yet and both try to create it. The lock is held on a connection
 * of its own for as long as `work` runs; SQLite needs none (one server per file).
 */
export async function duringStartup<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  if (providerOf(databaseUrl) !== "postgresql") return work();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK]);
    return await work();
  } finally {
    // ending the session releases its advisory locks
    await client.end();
  }
}
