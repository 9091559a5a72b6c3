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
  // The first statements on the one connection: a 64 MB page cache and memory-mapped reads.
  // SQLite's default 2 MB cache makes every index seek of a report on a large database a
  // read() call (bench/reports.ts).
  void client
    .$queryRawUnsafe("PRAGMA cache_size = -65536")
    .then(() => client.$queryRawUnsafe("PRAGMA mmap_size = 268435456"))
    .catch((e: unknown) => console.error(`SQLite page cache settings failed: ${e instanceof Error ? e.message : String(e)}`));
  return client;
}

const globalForPrisma = globalThis as unknown as { brukarrostPrisma?: PrismaClient };

/** The one Prisma client of this process (kept across dev-server reloads). */
export const prisma: PrismaClient = (globalForPrisma.brukarrostPrisma ??= createClient());
