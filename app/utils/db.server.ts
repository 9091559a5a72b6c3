import { Prisma, PrismaClient } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import type * as PostgresqlPrisma from ".prisma/client-postgresql";
import { createRequire } from "node:module";
import { databaseUrl, sqlitePath } from "./database-url";
import { RecoveringPool } from "./pg-pool.server";
import { createPrivateFile } from "./private-files.server";
import { DurableSQLite3 } from "./sqlite.server";

// ESM cannot import a package whose name starts with a dot; CommonJS can, as @prisma/client does
const postgresqlPrisma = () => createRequire(import.meta.url)(".prisma/client-postgresql") as typeof PostgresqlPrisma;

function createClient(): PrismaClient {
  const url = databaseUrl();
  const file = sqlitePath(url);
  // A pool of 10 serves a submit queue of one and staff reports side by side.
  if (file === null) return createPostgresqlClient(url, 10);
  // a CLI command on a fresh clone may be the first to open it: private from the first byte
  createPrivateFile(file);
  // timeout = SQLite busy timeout: a second process (CLI, backup) waits instead of failing.
  // Besides durable commits and zeroed deletes (sqlite.server.ts): a 64 MB page cache and
  // memory-mapped reads. SQLite's default 2 MB cache makes every index seek of a report on a
  // large database a read() call (bench/reports.ts).
  const adapter = new DurableSQLite3({ url, timeout: 5000 }, "PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456;");
  return new PrismaClient({ adapter });
}

/**
 * Each PostgreSQL client's own pool: on the global object like the client, since the server's
 * own modules and Remix's build each load this module once and share one client.
 */
const pools: WeakMap<object, RecoveringPool> = ((globalThis as { brukarrostPools?: WeakMap<object, RecoveringPool> }).brukarrostPools ??= new WeakMap());

/**
 * The pool under this process's Prisma client on PostgreSQL (null on SQLite): the submit path's
 * one transaction runs on it without Prisma (respondent/submit.server.ts, decision 0027). Another
 * client of the same database (a test's) has a pool of its own, never this one.
 */
export function postgresqlPool(): RecoveringPool | null {
  return pools.get(prisma) ?? null;
}

/**
 * The same models generated from the same schema for PostgreSQL (prisma/postgresql/, decision
 * 0022): one API, so the rest of the app sees one client type. Its pool recovers connections
 * PostgreSQL cuts (pg-pool.server.ts).
 */
export function createPostgresqlClient(url: string, connections: number): PrismaClient {
  const { PrismaClient: PostgresqlClient } = postgresqlPrisma();
  // Every statement is a network round trip here: a long transaction (seeding eleven languages)
  // gets more than Prisma's default 5 s before it is called expired.
  const pool = new RecoveringPool({ connectionString: url, max: connections });
  const client = new PostgresqlClient({
    // disposeExternalPool: $disconnect() ends the pool, as it would a pool of the adapter's own
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    transactionOptions: { maxWait: 10_000, timeout: 30_000 },
  }) as unknown as PrismaClient;
  pools.set(client, pool);
  return client;
}

const globalForPrisma = globalThis as unknown as { brukarrostPrisma?: PrismaClient };

/** The one Prisma client of this process (kept across dev-server reloads). */
export const prisma: PrismaClient = (globalForPrisma.brukarrostPrisma ??= createClient());

/**
 * Prisma's raw-SQL fragment helpers (sql, join, raw, empty) of the client above: each generated
 * client has its own runtime and only takes fragments made by its own (raw SQL: *.sql.server.ts).
 */
export const SQL: Pick<typeof Prisma, "sql" | "join" | "raw" | "empty"> =
  sqlitePath(databaseUrl()) === null ? (postgresqlPrisma().Prisma as unknown as typeof Prisma) : Prisma;
