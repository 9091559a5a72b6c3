/** `npm run dev`: Vite's dev server with hot reload behind the same express app and headers. */
import type { ServerBuild } from "@remix-run/node";
import type { AppLocals } from "../server/app";
import path from "node:path";
import { parseEnv } from "../app/env.server";
import { sqlitePath } from "../app/utils/database-url";

const config = parseEnv(process.env);
process.env.DATABASE_URL = config.databaseUrl;
process.env.SESSION_SECRET = config.sessionSecret;
process.env.TOKEN_SECRET = config.tokenSecret;
process.env.PUBLIC_URL = config.publicUrl;

const { checkDataPermissions } = await import("../app/utils/private-files.server");
const file = sqlitePath(config.databaseUrl);
checkDataPermissions(["data", ...(file === null ? [] : [path.dirname(file)])], config.mode);
const { migrateDatabase } = await import("../app/setup/migrate.server");
await migrateDatabase(config.databaseUrl);
const { seedReferenceSurvey, ensureFirstAdmin } = await import("../app/setup/bootstrap.server");
await seedReferenceSurvey();
const admin = await ensureFirstAdmin();
if (admin) console.log(`First admin: ${admin.email} / ${admin.password} (shown once)`);

const vite = await import("vite");
const viteServer = await vite.createServer({ server: { middlewareMode: true } });
const { createApp } = await import("../server/app");
const http = await import("node:http");
const app = createApp({
  build: () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>,
  before: [viteServer.middlewares],
  logRequests: config.logRequests,
  development: true,
});
http
  .createServer((app.locals as AppLocals).listener)
  .listen(config.port, config.host, () => console.log(`Dev server on http://${config.host}:${config.port}`));
