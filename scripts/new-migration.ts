/**
 * `npm run db:migration -- NAME`: writes prisma/migrations/<timestamp>_NAME/migration.sql with
 * the SQL from the committed schema (HEAD) to the working schema. Prisma's `migrate dev` needs
 * its binary schema engine, which cannot be downloaded here; `migrate diff` between two
 * datamodels runs on the bundled wasm engine (docs/decisions/0001-prisma-6-js-engine.md).
 * Then `db:pg-sync` writes the PostgreSQL migration of the same change (decision 0022).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- name_in_snake_case");
  process.exit(1);
}
const previous = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "schema-")), "schema.prisma");
fs.writeFileSync(previous, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]));
const sql = execFileSync(
  process.execPath,
  ["node_modules/prisma/build/index.js", "migrate", "diff", "--from-schema-datamodel", previous, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8" },
);
if (!/CREATE|ALTER|DROP/i.test(sql)) {
  console.error("The schema has not changed since HEAD: no migration written.");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`Wrote ${dir}/migration.sql — review it, then npm start applies it.`);
// the PostgreSQL schema and its migration of the same change (decision 0022)
execFileSync(process.execPath, ["--import", "tsx", "scripts/pg-sync.ts", name], { stdio: "inherit" });
