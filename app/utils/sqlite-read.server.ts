import type { Prisma } from "@prisma/client";
import type Database from "better-sqlite3";
import { databasePath } from "./database-url";
import { openDatabase } from "./sqlite.server";

let connection: Database.Database | undefined;
const prepared = new Map<string, Database.Statement>();

/**
 * Runs a read (built with `SQL`, as for Prisma) on a read-only better-sqlite3 connection with the
 * statement prepared once: the submit path's reads skip Prisma's query compiler (decision 0027).
 * In WAL mode a reader never waits for the writer.
 */
export function readRows<T>(query: Prisma.Sql): T[] {
  if (!connection) {
    connection = openDatabase(databasePath(), { readonly: true, fileMustExist: true });
    // every commit of the writer empties this connection's page cache; mapped pages stay cheap
    connection.pragma("mmap_size = 268435456");
  }
  let statement = prepared.get(query.sql);
  if (!statement) prepared.set(query.sql, (statement = connection.prepare(query.sql)));
  return statement.all(...query.values) as T[];
}
