import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, expect, it } from "vitest";
import { startServer } from "../support/server";

const run = promisify(execFile);

// Loads the production build as the server does, in a process of its own, serves /healthz
// through it, then reads the pragmas on the connection the build opened.
const PROBE = `
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/node";
const build = await import(pathToFileURL(path.resolve("build/server/index.js")).href);
const response = await createRequestHandler(build, "production")(new Request("http://127.0.0.1/healthz"));
const client = globalThis.brukarrostPrisma;
const [journal] = await client.$queryRawUnsafe("PRAGMA journal_mode");
const [sync] = await client.$queryRawUnsafe("PRAGMA synchronous");
console.log(JSON.stringify({ status: response.status, journal: journal.journal_mode, synchronous: Number(sync.synchronous) }));
await client.$disconnect();
`;

beforeAll(async () => {
  // `npm start` once on this file's database: builds when needed, migrates to WAL, seeds
  await (await startServer()).stop();
}, 300_000);

it("the production build's database connection commits at synchronous = FULL", async () => {
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", PROBE], {
    env: { ...process.env, NODE_ENV: "production" },
  });
  expect(JSON.parse(stdout)).toEqual({ status: 200, journal: "wal", synchronous: 2 });
}, 60_000);
