import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { randomBytes } from "node:crypto";
import type http from "node:http";
import { env } from "../app/env.server";
import { redactCodes } from "../app/utils/redact";
import { fastLane, headersSetBy } from "./fast-submit";
import { limitRequestBodies, refuseLegacyDataRequests, refuseOtherClientMethods, replayBody } from "./limits";
import { sameOriginWrites } from "./origin";
import { entryExport, refusalsFrom } from "./refusal";
import { HourlyRequestCounts, isNonCanonicalRespondentPath, isStaffPath, staffLogLine } from "./request-log";

export type AppOptions = {
  /** The Remix build, or a loader of it (the dev server reloads it per request). */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Extra middleware in front of Remix (Vite's dev middleware). */
  before?: express.RequestHandler[];
  logRequests: boolean;
  development?: boolean;
};

/** What createApp leaves in app.locals for the process that serves it. */
export type AppLocals = {
  /** What the HTTP server runs for each request: the questionnaire's fast lane, then the app. */
  listener: http.RequestListener;
  /** Writes the client request counts still held (on shutdown); absent when not logging. */
  flushRequestLog?: () => void;
};

/** The questionnaire (/s/<code>) and its thanks page (/s/thanks): the pages a code opens. */
const CLIENT_DOCUMENT = /^\/s\/[^/]+\/?$/;

export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env().trustProxy); // req.ip: the client, not the TLS terminator
  const refuse = refusalsFrom(options.build);
  let countClientRequest: ((method: string, url: string, status: number) => void) | undefined;
  app.use(compression());

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  const nonce = (_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.cspNonce}'`;
  app.use(securityHeaders(options, nonce));
  app.use(clientDocumentHeaders);
  if (options.logRequests) {
    const write = (line: string) => process.stdout.write(line + "\n");
    const clientCounts = new HourlyRequestCounts(write);
    countClientRequest = (method, url, status) => clientCounts.add(method, url, status);
    // an hour's counts are written when it is over, even if no request comes after it
    setInterval(() => clientCounts.flush(new Date()), 60_000).unref();
    (app.locals as AppLocals).flushRequestLog = () => clientCounts.flush();
    app.use((req, res, next) => {
      const start = process.hrtime.bigint();
      res.on("finish", () => {
        if (!isStaffPath(req.originalUrl)) return clientCounts.add(req.method, req.originalUrl, res.statusCode);
        write(staffLogLine(req.method, req.originalUrl, res.statusCode, Number(process.hrtime.bigint() - start) / 1e6));
      });
      next();
    });
  }

  // Fingerprinted build assets may be cached for a year (GET and HEAD only; other methods go on).
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  // public/ files only; checked by name so page requests never wait on a file-system lookup
  const publicFiles = express.static("build/client", { maxAge: "1h", index: false });
  app.use((req, res, next) => (/^\/[\w.-]+\.(ico|png|svg|txt|webmanifest)$/.test(req.path) ? publicFiles(req, res, next) : next()));

  app.use(neverCached);

  // Slips print /s/<code>; the router would also serve /S/<code> or /%73/<code>. Only the
  // canonical form answers, so a code never arrives by a path the log does not reduce.
  app.use((req, res, next) => (isNonCanonicalRespondentPath(req.originalUrl) ? res.status(404).type("text/plain").send("Not found") : next()));

  app.use(refuseOtherClientMethods(refuse));
  app.use(sameOriginWrites(env().publicUrl, refuse));
  app.use(refuseLegacyDataRequests(refuse));
  const sessionIsManager = entryExport<(request: globalThis.Request) => Promise<boolean>>(options.build, "isManagerRequest");
  const isManager = async (req: Request) =>
    req.headers.cookie !== undefined &&
    (await sessionIsManager())(new globalThis.Request(new URL(req.originalUrl, "http://app"), { headers: { cookie: req.headers.cookie } }));
  app.use(limitRequestBodies(refuse, isManager));
  for (const middleware of options.before ?? []) app.use(middleware);

  app.all(
    "*",
    replayBody(createRequestHandler({
      build: options.build,
      mode: options.development ? "development" : "production",
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientAddress: req.ip ?? "unknown",
      }),
    })),
  );

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error(redactCodes(error instanceof Error ? error.message : "request failed"));
    if (!res.headersSent) res.status(500).type("text/plain").send("Internal error");
  });

  // The questionnaire's 303 gets the headers the middleware above gives it; no nonce, as a
  // redirect has no document (its policy then allows no inline script or style at all).
  const laneHeaders = headersSetBy([securityHeaders(options), clientDocumentHeaders, neverCached], "/s/code");
  (app.locals as AppLocals).listener = fastLane(app, { build: options.build, publicUrl: env().publicUrl, headers: laneHeaders, count: countClientRequest });
  return app;
}

function securityHeaders(options: AppOptions, nonce?: (req: unknown, res: unknown) => string) {
  const withNonce = nonce ? [nonce] : [];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", ...withNonce],
        "style-src": ["'self'", ...withNonce],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": options.development ? ["'self'", "ws:"] : ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
      },
    },
    // same-origin, not no-referrer: our own forms then carry a real Origin, even in browsers
    // without Sec-Fetch-Site (decision 0012); other sites still get no Referer
    referrerPolicy: { policy: "same-origin" },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false, // set by the TLS terminator, which knows whether there is TLS
  });
}

/**
 * The questionnaire and its thanks page go without the two process-isolation headers: on a
 * phone's first visit they cost a renderer swap, 200 of the 230 ms of Lighthouse blocking time
 * (decision 0030). Only a holder of the code opens them; the code entry page /s, which anyone
 * can open in a window and keep a handle on, keeps COOP.
 */
function clientDocumentHeaders(req: { path: string }, res: { removeHeader(name: string): void }, next: () => void) {
  if (CLIENT_DOCUMENT.test(req.path)) {
    res.removeHeader("Cross-Origin-Opener-Policy");
    res.removeHeader("Origin-Agent-Cluster");
  }
  next();
}

/**
 * Everything but fingerprinted assets and public files (pages with survey data or answer forms,
 * recordings, refusals) is never kept in a shared or browser cache. A recording
 * (app/routes/a.$id.ts) is also never compressed, which would break its byte ranges. Set before
 * Remix, which appends to headers set before it.
 */
function neverCached(req: { path: string }, res: { setHeader(name: string, value: string): void }, next: () => void) {
  res.setHeader("Cache-Control", req.path.startsWith("/a/") ? "no-store, no-transform" : "no-store");
  next();
}
