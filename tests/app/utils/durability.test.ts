import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { migrate } from "~/setup/migrate.server";
import { openDatabase } from "~/utils/sqlite.server";

const file = process.env.DATABASE_URL!.slice("file:".length);
const synchronous = (db: Database.Database) => Number(db.pragma("synchronous", { simple: true }));
const FULL = 2;
const MEMORY = 2; // PRAGMA temp_store
const NORMAL = 1;

beforeAll(() => {
  // this file's database in WAL, as `migrate` leaves production's, before the app's client opens it
  migrate(process.env.DATABASE_URL!);
});

describe("every connection that writes commits at synchronous = FULL", () => {
  it("is needed: better-sqlite3 opens a WAL database at NORMAL by default", () => {
    const plain = new Database(file);
    try {
      expect(plain.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(synchronous(plain)).toBe(NORMAL);
    } finally {
      plain.close();
    }
  });

  it("holds for the app's own Prisma connection", async () => {
    const { prisma } = await import("~/utils/db.server");
    // the client's very first statement: the setting must be in force before any query runs
    const [row] = await prisma.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
    const [journal] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(journal?.journal_mode).toBe("wal");
    expect(Number(row?.synchronous)).toBe(FULL);
  });

  it("holds for the Prisma CLI's connection (migrate deploy)", async () => {
    const config = (await import("../../../prisma.config")).default;
    const adapter = await (await config.adapter()).connect();
    try {
      const result = await adapter.queryRaw({ sql: "PRAGMA synchronous", args: [], argTypes: [] });
      expect(result.rows.map((row) => row.map(Number))).toEqual([[FULL]]);
    } finally {
      await adapter.dispose();
    }
  });

  it("holds for the submit writer's connection, which also zeroes deleted rows and keeps its savepoints' journal in memory", async () => {
    const { openWriter } = await import("~/respondent/writer.worker");
    const writer = openWriter({ file, busyTimeoutMs: 100 });
    try {
      expect(writer.settings()).toEqual({ synchronous: FULL, secureDelete: 1, tempStore: MEMORY });
    } finally {
      writer.close();
    }
  });

  it("holds for direct connections (migrate, backup, restore) and not for read-only ones", () => {
    const writer = openDatabase(file);
    const reader = openDatabase(file, { readonly: true });
    try {
      expect(synchronous(writer)).toBe(FULL);
      expect(synchronous(reader)).toBe(NORMAL);
    } finally {
      writer.close();
      reader.close();
    }
  });
});
