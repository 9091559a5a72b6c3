import type { ServerBuild } from "@remix-run/node";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createApp, type AppLocals } from "./app";

/** Serves the production build until SIGTERM/SIGINT, then finishes in-flight requests. */
export async function serve(options: { host: string; port: number; logRequests: boolean }) {
  const buildUrl = pathToFileURL(path.resolve("build/server/index.js")).href;
  const build = (await import(buildUrl)) as ServerBuild;
  const app = createApp({ build, logRequests: options.logRequests });
  const { scheduleRetention } = await import("../app/ops/retention.server");
  const stopRetention = scheduleRetention((line) => options.logRequests && console.log(line));
  const server = app.listen(options.port, options.host, () => {
    console.log(`Brukarröst listening on http://${options.host}:${options.port}`);
  });
  server.keepAliveTimeout = 5_000;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests…`);
    stopRetention();
    server.close(() => {
      (app.locals as AppLocals).flushRequestLog?.();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  return server;
}
