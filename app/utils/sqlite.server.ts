import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";

/**
 * better-sqlite3 is compiled with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1: a WAL database would run at
 * NORMAL, where a commit is not synced and the last acknowledged answers can be lost on a power
 * cut. Every connection that writes sets FULL itself (decision 9).
 */
export const DURABLE = "PRAGMA synchronous = FULL;";

/**
 * Deleted rows (a used code's hash) are overwritten with zeros, in their page and in freed
 * pages, instead of lingering in the file (decision 0010). Set on every writing connection.
 */
export const ZEROED_DELETES = "PRAGMA secure_delete = ON;";

/**
 * Prisma's better-sqlite3 adapter, running `setup` (and DURABLE and ZEROED_DELETES before it) on its connection
 * before the first query can reach it.
 */
export class DurableSQLite3 extends PrismaBetterSQLite3 {
  readonly #setup: string;
  constructor(config: ConstructorParameters<typeof PrismaBetterSQLite3>[0], setup = "") {
    super(config);
    this.#setup = DURABLE + ZEROED_DELETES + setup;
  }

  override async connect(): ReturnType<PrismaBetterSQLite3["connect"]> {
    const adapter = await super.connect();
    await adapter.executeScript(this.#setup);
    // Prisma assumes SQLite's old limit of 999 bound values when the adapter names none, and then
    // refuses a pooled report of a few hundred units (four values per unit and wave, decision 0023)
    adapter.getConnectionInfo = () => ({ supportsRelationJoins: false, maxBindValues: SQLITE_MAX_VARIABLES });
    return adapter;
  }
}

/** SQLITE_MAX_VARIABLE_NUMBER of the SQLite better-sqlite3 bundles (the default since 3.32). */
export const SQLITE_MAX_VARIABLES = 32_766;

/** A direct better-sqlite3 connection; a writing one commits with DURABLE. */
export function openDatabase(file: string, options: Database.Options = {}): Database.Database {
  const db = new Database(file, options);
  if (!options.readonly) db.exec(DURABLE + ZEROED_DELETES);
  return db;
}
