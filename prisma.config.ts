import path from "node:path";
import type { PrismaConfig } from "prisma";
import { databaseUrl } from "./app/utils/database-url";
import { DurableSQLite3 } from "./app/utils/sqlite.server";

// The schema's datasource reads DATABASE_URL; give the CLI the same default the app uses.
process.env.DATABASE_URL = databaseUrl();

// The CLI uses its JavaScript schema engine through the better-sqlite3 adapter, so migrations
// run offline (docs/decisions/0001-prisma-6-js-engine.md).
export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new DurableSQLite3({ url: databaseUrl() });
  },
} satisfies PrismaConfig;
