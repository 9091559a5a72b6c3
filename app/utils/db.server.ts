import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { databaseUrl } from "./database-url";
import { createPrivateFile } from "./private-files.server";

function createClient(): PrismaClient {
  const url = databaseUrl();
  // a CLI command on a fresh clone may be the first to open it: private from the first byte
  createPrivateFile(url.slice("file:".length));
  // timeout = SQLite busy timeout: a second process (CLI, backup) waits instead of failing.
  const adapter = new PrismaBetterSQLite3({ url, timeout: 5000 });
  const client = new PrismaClient({ adapter });
  // The first statements on the one connection. secure_delete: deleted rows (a used code's
  // hash) are overwritten with zeros, in their page and in freed pages, instead of lingering
  // (decision 0010). Then a 64 MB page cache and memory-mapped reads: SQLite's default 2 MB
  // cache makes every index seek of a report on a large database a read() call (bench/reports.ts).
  const ready = client
    .$queryRawUnsafe("PRAGMA secure_delete = ON")
    .then(() => client.$queryRawUnsafe("PRAGMA cache_size = -65536"))
    .then(() => client.$queryRawUnsafe("PRAGMA mmap_size = 268435456"))
    .then(() => undefined);
  ready.catch((e: unknown) => console.error(`SQLite connection settings failed: ${e instanceof Error ? e.message : String(e)}`));
  readiness.set(client, ready);
  return client;
}

const readiness = new WeakMap<PrismaClient, Promise<void>>();
const globalForPrisma = globalThis as unknown as { brukarrostPrisma?: PrismaClient };

/** The one Prisma client of this process (kept across dev-server reloads). */
export const prisma: PrismaClient = (globalForPrisma.brukarrostPrisma ??= createClient());

/** Resolves once the connection settings above apply; anything that deletes waits for it. */
export function connectionReady(): Promise<void> {
  return readiness.get(prisma) ?? Promise.resolve();
}
