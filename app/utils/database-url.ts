// Shared by the app, the CLI and prisma.config.ts: one default for the embedded database.
export const DEFAULT_DATABASE_URL = "file:./data/brukarrost.db";

export type DatabaseProvider = "sqlite" | "postgresql";

/** The provider a URL names: a SQLite file (`file:PATH`) or a PostgreSQL server. */
export function providerOf(url: string): DatabaseProvider | null {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  return null;
}

export function databaseUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (!providerOf(url)) {
    throw new Error(`DATABASE_URL must be a SQLite file URL (file:PATH) or postgresql://…, got "${url.replace(/\/\/[^@/]*@/, "//…@")}"`);
  }
  return url;
}

export function databaseProvider(env: Record<string, string | undefined> = process.env): DatabaseProvider {
  return providerOf(databaseUrl(env))!;
}

/** Filesystem path of the SQLite file, relative to the working directory; null on PostgreSQL. */
export function sqlitePath(url: string): string | null {
  return providerOf(url) === "sqlite" ? url.slice("file:".length) : null;
}

/** Filesystem path of the SQLite file (SQLite-only tools: backup, restore, checkpoint). */
export function databasePath(env: Record<string, string | undefined> = process.env): string {
  const file = sqlitePath(databaseUrl(env));
  if (file === null) throw new Error("this works on the embedded SQLite database only (DATABASE_URL=file:…)");
  return file;
}
