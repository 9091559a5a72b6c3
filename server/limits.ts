import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { MAX_BODY_BYTES } from "../app/respondent/form-body";
import { clientMethodsOf, isClientPath } from "../app/respondent/methods";
import { MAX_RECORDING_BYTES } from "../app/survey/audio";
import { MAX_DEFINITION_BYTES } from "../app/survey/validate";
import { afterRestOfBody, type Refuse } from "./refusal";

export type BodyLimits = {
  /** bytes of the whole body, counted as they arrive (chunked bodies declare no length) */
  maxBytes: number;
  /** form fields (urlencoded pairs or multipart parts) */
  maxFields: number;
  /** bytes of one urlencoded name=value pair, still percent-encoded */
  maxFieldBytes: number;
};

/**
 * Every form: the largest answer (10,000 characters of a 4-byte script, percent-encoded) fits in
 * one field, and no questionnaire or staff form comes near a thousand fields.
 */
export const FORM_LIMITS: BodyLimits = { maxBytes: MAX_BODY_BYTES, maxFields: 1000, maxFieldBytes: 128 * 1024 };
/** The questionnaire upload (multipart, a JSON file up to MAX_DEFINITION_BYTES). */
export const UPLOAD_LIMITS: BodyLimits = { ...FORM_LIMITS, maxBytes: MAX_DEFINITION_BYTES + 64 * 1024 };

/** A recording upload (multipart, one audio file up to MAX_RECORDING_BYTES), for managers only. */
export const RECORDING_LIMITS: BodyLimits = { ...FORM_LIMITS, maxBytes: MAX_RECORDING_BYTES + 64 * 1024 };
/** The recordings page of a version (`.data`: the same post made by the hydrated page). */
export const RECORDING_UPLOAD_PATH = /^\/admin\/surveys\/[^/]+\/\d+\/recordings(\.data)?$/;

/** Whether the request carries the session of an active manager (or admin). */
export type IsManager = (req: Request) => Promise<boolean>;

const limitsFor = (path: string) => (path === "/admin/surveys" ? UPLOAD_LIMITS : FORM_LIMITS);

const AMPERSAND = 0x26;

/** Whether a complete body has more fields, or a longer field, than allowed. Linear in its size. */
export function exceedsFieldLimits(contentType: string, body: Buffer, limits: BodyLimits): boolean {
  const type = contentType.toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded")) {
    let fields = 0;
    let start = 0;
    for (;;) {
      const end = body.indexOf(AMPERSAND, start);
      const stop = end === -1 ? body.length : end;
      if (stop - start > limits.maxFieldBytes) return true;
      if (stop > start && ++fields > limits.maxFields) return true;
      if (end === -1) return false;
      start = end + 1;
    }
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (type.startsWith("multipart/form-data") && boundary) {
    const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
    let parts = -1; // the closing delimiter ends the last part
    for (let at = body.indexOf(delimiter); at !== -1; at = body.indexOf(delimiter, at + delimiter.length))
      if (++parts > limits.maxFields) return true;
  }
  return false;
}

/**
 * Every route reads its body as a form (`request.formData()`), which throws on anything else and
 * would answer 500: a body that is no form is refused here, 415 for another type and 400 for
 * a multipart body that does not parse.
 */
async function formProblem(contentType: string, body: Buffer): Promise<number | null> {
  const type = contentType.toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded")) return null;
  if (!type.startsWith("multipart/form-data")) return 415;
  try {
    await new globalThis.Response(new Uint8Array(body), { headers: { "Content-Type": contentType } }).formData();
    return null;
  } catch {
    return 400;
  }
}

const bodies = new WeakMap<Request, Buffer>();

/**
 * Reads every request body (non-GET) here, before Remix: bytes are counted as they arrive, and
 * the moment a body passes its limit (or at once when Content-Length says it will) nothing more
 * is kept and it is refused 413 (see afterRestOfBody). A form with too many or too long fields
 * is answered 400. What passes is handed to Remix by `replayBody`.
 */
export function limitRequestBodies(refuse: Refuse, isManager: IsManager): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const handedOver = handedOverBodies.get(req);
    if (handedOver) return checkBody(req, res, next, refuse, FORM_LIMITS, handedOver);
    if (!RECORDING_UPLOAD_PATH.test(req.path)) return readBody(req, res, next, refuse, limitsFor(req.path));
    // The larger limit needs a manager's session, looked up before a byte of the body is read
    // (it waits, paused): anyone else (no session, staff, a forged cookie) keeps the form limit.
    req.on("error", () => undefined); // a client gone during the lookup: readBody sees the end
    isManager(req).then((manager) => readBody(req, res, next, refuse, manager ? RECORDING_LIMITS : FORM_LIMITS), next);
  };
}

function readBody(req: Request, res: Response, next: NextFunction, refuse: Refuse, limits: BodyLimits) {
  const tooLarge = () => afterRestOfBody(req, () => refuse(req, res, 413, "tooLarge"));
  if (Number(req.headers["content-length"] ?? 0) > limits.maxBytes) return tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  req.on("data", (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size <= limits.maxBytes) return void chunks.push(chunk);
    settled = true;
    chunks.length = 0;
    tooLarge();
  });
  req.on("end", () => {
    if (settled) return;
    settled = true;
    checkBody(req, res, next, refuse, limits, Buffer.concat(chunks, size));
  });
  // a client that goes away mid-body gets no answer; there is nobody to send it to
  req.on("error", () => (settled = true));
}

function checkBody(req: Request, res: Response, next: NextFunction, refuse: Refuse, limits: BodyLimits, body: Buffer | "tooLarge") {
  if (body === "tooLarge") return afterRestOfBody(req, () => refuse(req, res, 413, "tooLarge"));
  const contentType = req.headers["content-type"] ?? "";
  if (exceedsFieldLimits(contentType, body, limits)) return refuse(req, res, 400, "malformed");
  formProblem(contentType, body).then(
    (problem) => {
      if (problem) return refuse(req, res, problem, "malformed");
      bodies.set(req, body);
      next();
    },
    next,
  );
}

const handedOverBodies = new WeakMap<IncomingMessage, Buffer | "tooLarge">();

/**
 * A questionnaire post the fast lane (fast-submit.ts) read before the app and did not answer:
 * its body, or "tooLarge" when it passed the form limit (its rest still unread). The app's
 * limits then judge it as if they had read it themselves.
 */
export function handOverBody(req: IncomingMessage, body: Buffer | "tooLarge") {
  handedOverBodies.set(req, body);
}

// What Remix's adapter reads the body through (createReadableStreamFromReadable); every other
// property (method, headers, hostname, protocol, socket, …) stays the request's own.
const STREAM_MEMBERS = new Set<PropertyKey>([
  "on", "once", "off", "addListener", "removeListener", "removeAllListeners", "emit", "listenerCount",
  "pipe", "unpipe", "read", "pause", "resume", "isPaused", "destroy", "destroyed", "readable",
  "readableHighWaterMark", "readableEnded", "setEncoding", Symbol.asyncIterator,
]);

/** Gives `handler` (Remix's) the request with the body `limitRequestBodies` already read. */
export function replayBody(handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    const body = bodies.get(req);
    if (!body) return handler(req, res, next);
    const replay = Readable.from(body.length ? [body] : [], { objectMode: false });
    const view = new Proxy(req, {
      get(target, property) {
        const source: object = STREAM_MEMBERS.has(property) ? replay : target;
        const value: unknown = Reflect.get(source, property);
        return typeof value === "function" ? value.bind(source) : value;
      },
    });
    return handler(view, res, next);
  };
}

/** Whether a URL's query names `_data` (percent-encoded too, as the router decodes it). */
export const asksLegacyData = (url: string) => new URLSearchParams(url.split("?")[1] ?? "").has("_data");

/**
 * A client page takes GET, HEAD and (most) POST; any other method (OPTIONS, a DELETE without a
 * body) is answered here 405 with the `Allow` HTTP requires, before the body check would call it
 * 415 or Remix answer a 405 that names nothing. A post to a page without a form is the route's
 * to refuse (refuseOtherMethods).
 */
export function refuseOtherClientMethods(refuse: Refuse): RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "POST" || !isClientPath(req.path)) return next();
    res.setHeader("Allow", clientMethodsOf(req.path));
    afterRestOfBody(req, () => refuse(req, res, 405, "method"));
  };
}

/**
 * `?_data=` is Remix's data protocol from before single fetch (this app's clients use `.data`
 * URLs). Nothing of ours sends it, and Remix answers it 500 for an action that returns data.
 */
export function refuseLegacyDataRequests(refuse: Refuse): RequestHandler {
  return (req, res, next) => {
    if (!asksLegacyData(req.originalUrl)) return next();
    afterRestOfBody(req, () => refuse(req, res, 400, "malformed"));
  };
}
