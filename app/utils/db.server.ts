import { PrismaClient } from "@prisma/client";
import { databaseUrl } from "./database-url";
import { createPrivateFile } from "./private-files.server";
import { DurableSQLite3 } from "./sqlite.server";

function createClient(): PrismaClient {
  const url = databaseUrl();
  // a CLI command on a fresh clone may be the first to open it: private from the first byte
  createPrivateFile(url.slice("file:".length));
  // timeout = SQLite busy timeout: a second process (CLI, backup) waits instead of failing.
  // Besides durable commits and zeroed deletes (sqlite.server.ts): a 64 MB page cache and
  // memory-mapped reads. SQLite's default 2 MB cache makes every index seek of a report on a
  // large database a read() call (bench/reports.ts).
  const adapter = new DurableSQLite3({ url, timeout: 5000 }, "PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456;");
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { brukarrostPrisma?: PrismaClient };

/** The one Prisma client of this process (kept across dev-server reloads). */
export const prisma: PrismaClient = (globalForPrisma.brukarrostPrisma ??= createClient());
