import type { ServerBuild } from "@remix-run/node";
import type { IncomingMessage, OutgoingHttpHeaders, RequestListener, ServerResponse } from "node:http";
import type { fastSubmit as FastSubmit } from "../app/respondent/fast-submit.server";
import { redactCodes } from "../app/utils/redact";
import { asksLegacyData, exceedsFieldLimits, FORM_LIMITS, handOverBody } from "./limits";
import { originAllowed } from "./origin";
import { entryExport } from "./refusal";
import { isNonCanonicalRespondentPath } from "./request-log";

const QUESTIONNAIRE = /^\/s\/([^/?]+)(\?|$)/;
const FORM = "application/x-www-form-urlencoded";

export type FastLaneOptions = {
  build: ServerBuild | (() => Promise<ServerBuild>);
  publicUrl: string;
  /** Every header the app's own middleware gives a questionnaire's 303 (`Location` aside). */
  headers: OutgoingHttpHeaders;
  /** Counts the answered request in the client request log, as the app's logger would. */
  count?: (method: string, url: string, status: number) => void;
};

/**
 * POST /s/:code without Express or Remix when it is a clean success (decision 0027): the bundle's
 * `fastSubmit` stores it and the client gets the same 303 the route gives, with the same headers.
 * Everything else goes to `app` untouched: other requests unread, and a questionnaire post the
 * lane read but will not answer (refused by origin or limits, not well-formed, not valid, an
 * error) with its body handed over, so the app's own checks and the route answer it in the
 * client's language. Express and its middleware cost about 0.2 ms of CPU per submit, more than
 * storing it.
 */
export function fastLane(app: RequestListener, options: FastLaneOptions): RequestListener {
  const loadSubmit = entryExport<typeof FastSubmit>(options.build, "fastSubmit");
  const expectedOrigin = new URL(options.publicUrl).origin;
  return (req, res) => {
    const url = req.url ?? "/";
    const match = QUESTIONNAIRE.exec(url);
    const contentType = req.headers["content-type"] ?? "";
    if (
      req.method !== "POST" ||
      !match ||
      match[1] === "thanks" ||
      asksLegacyData(url) ||
      isNonCanonicalRespondentPath(url) ||
      !contentType.startsWith(FORM) ||
      !originAllowed(req.headers, expectedOrigin) ||
      Number(req.headers["content-length"] ?? 0) > FORM_LIMITS.maxBytes
    )
      return app(req, res);
    readForm(req, (body) => {
      if (body === "tooLarge" || exceedsFieldLimits(contentType, body, FORM_LIMITS)) return handOver(body);
      loadSubmit()
        .then((submit) =>
          submit({
            code: match[1]!,
            body: body.toString("utf8"),
            url: `http://app${url}`,
            cookie: req.headers.cookie,
            acceptLanguage: req.headers["accept-language"],
          }),
        )
        .then(
          (location) => {
            if (location === null) return handOver(body);
            // counted once sent, as the app's logger counts on "finish"
            if (options.count) res.on("finish", () => options.count!(req.method!, url, 303));
            res.writeHead(303, { ...options.headers, Location: location, "Content-Length": 0 });
            res.end();
          },
          // nothing was stored (a failed submit leaves its code unused): the route tries again and
          // answers in the client's language
          (error: unknown) => {
            console.error(redactCodes(`fast submit failed, handed to the route: ${error instanceof Error ? error.message : "unknown error"}`));
            handOver(body);
          },
        );
    });
    function handOver(body: Buffer | "tooLarge") {
      handOverBody(req, body);
      app(req, res);
    }
  };
}

/** The whole body, or "tooLarge" at once when it passes the form limit (the rest is left unread). */
function readForm(req: IncomingMessage, done: (body: Buffer | "tooLarge") => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size <= FORM_LIMITS.maxBytes) return void chunks.push(chunk);
    settled = true;
    chunks.length = 0;
    req.off("data", onData);
    req.pause();
    done("tooLarge");
  };
  req.on("data", onData);
  req.on("end", () => {
    if (settled) return;
    settled = true;
    done(Buffer.concat(chunks, size));
  });
  // a client gone mid-body gets no answer; there is nobody to send it to
  req.on("error", () => (settled = true));
}

type HeaderMiddleware = (req: IncomingMessage & { path: string }, res: ServerResponse, next: () => void) => void;

/** The headers `middlewares`, run in order, leave on a response to a POST of `path` (run once, at start). */
export function headersSetBy(middlewares: HeaderMiddleware[], path: string): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  const res = {
    locals: {},
    setHeader: (name: string, value: string | number | string[]) => void (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
    getHeader: (name: string) => headers[name.toLowerCase()],
  } as unknown as ServerResponse;
  for (const middleware of middlewares) {
    let passed = false;
    middleware({ method: "POST", url: path, path, headers: {} } as IncomingMessage & { path: string }, res, () => (passed = true));
    if (!passed) throw new Error("a header middleware did not pass the request on");
  }
  return headers;
}
