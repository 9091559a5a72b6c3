import type { ServerBuild } from "@remix-run/node";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { httpUrl } from "../app/env.server";
import { createApp, type AppLocals } from "./app";

/**
 * Serves the production build on a bound server until SIGTERM/SIGINT, then finishes in-flight
 * requests. The "listening on" line comes once the start-up work (retention) is done: a caller
 * that waits for it finds the server ready.
 */
export async function serve(server: http.Server, options: { host: string; logRequests: boolean; publicUrl: string }) {
  const buildUrl = pathToFileURL(path.resolve("build/server/index.js")).href;
  const build = (await import(buildUrl)) as ServerBuild;
  const app = createApp({ build, logRequests: options.logRequests });
  const { scheduleRetention } = await import("../app/ops/retention.server");
  const stopRetention = await scheduleRetention((line) => options.logRequests && console.log(line));
  server.removeAllListeners("request");
  server.on("request", (app.locals as AppLocals).listener);
  server.keepAliveTimeout = 5_000;
  const { port } = server.address() as AddressInfo;
  console.log(`Brukarröst listening on ${httpUrl(options.host, port)}`);
  // forms are taken only from the public origin: the bound address (127.0.0.1) would refuse a login
  console.log(`Open ${options.publicUrl} in the browser.`);
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
