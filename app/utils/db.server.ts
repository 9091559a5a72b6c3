import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import fs from "node:fs";
import path from "node:path";
import { databaseUrl } from "./database-url";

function createClient(): PrismaClient {
  const url = databaseUrl();
  fs.mkdirSync(path.dirname(url.slice("file:".length)), { recursive: true });
  // timeout = SQLite busy timeout: a second process (CLI, backup) waits instead of failing.
  const adapter = new PrismaBetterSQLite3({ url, timeout: 5000 });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { brukarrostPrisma?: PrismaClient };

/** The one Prisma client of this process (kept across dev-server reloads). */
export const prisma: PrismaClient = (globalForPrisma.brukarrostPrisma ??= createClient());
