import pg from "pg";

/** Set by `npm run test:postgresql`: the suite then runs on PostgreSQL instead of SQLite files. */
export const ON_POSTGRESQL = process.env.TEST_DATABASE === "postgresql";

export const TEMPLATE_DATABASE = "brukarrost_test_template";

/** The URL of database `name` on the test server (TEST_POSTGRESQL_URL names its admin database). */
export function databaseUrlFor(name: string): string {
  const admin = process.env.TEST_POSTGRESQL_URL;
  if (!admin) throw new Error("TEST_DATABASE=postgresql needs TEST_POSTGRESQL_URL (npm run test:postgresql sets both)");
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs statements on the test server's admin database (CREATE/DROP DATABASE). */
export async function onServer(...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_POSTGRESQL_URL });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}
