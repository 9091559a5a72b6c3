// Shared by the app, the CLI and prisma.config.ts: one default for the embedded database.
export const DEFAULT_DATABASE_URL = "file:./data/brukarrost.db";

export function databaseUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file URL (file:PATH), got "${url}"`);
  }
  return url;
}

/** Filesystem path of the SQLite file, relative to the working directory. */
export function databasePath(env: Record<string, string | undefined> = process.env): string {
  return databaseUrl(env).slice("file:".length);
}
