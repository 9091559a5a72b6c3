import type { ServerBuild } from "@remix-run/node";
import type { Request, Response } from "express";
import type { RefusalReason } from "../app/utils/refusal.server";

export type { RefusalReason };
/** Answers a request the server will not pass on to Remix. */
export type Refuse = (req: Request, res: Response, status: number, reason: RefusalReason) => void;

type RefusalPage = (request: globalThis.Request, status: number, reason: RefusalReason, nonce?: string) => globalThis.Response;

/**
 * A function the app bundle's entry.server exports, for middleware that runs before Remix but
 * needs the app (its translations, its one database client). The dev server reloads the build.
 */
export function entryExport<T>(build: ServerBuild | (() => Promise<ServerBuild>), name: string): () => Promise<T> {
  const load = typeof build === "function" ? build : () => Promise.resolve(build);
  return async () => {
    const found = (await load()).entry.module[name as keyof ServerBuild["entry"]["module"]] as T | undefined;
    if (!found) throw new Error(`the build has no ${name}`);
    return found;
  };
}

/**
 * Refusals rendered by the app bundle's `refusalPage` (entry.server), so their texts come from the
 * same translations as every page. Only the headers that choose the language are handed over.
 */
export function refusalsFrom(build: ServerBuild | (() => Promise<ServerBuild>)): Refuse {
  const page = entryExport<RefusalPage>(build, "refusalPage");
  return (req, res, status, reason) => {
    const headers = new Headers();
    for (const name of ["cookie", "accept-language"]) {
      const value = req.headers[name];
      if (typeof value === "string") headers.set(name, value);
    }
    page()
      .then((refusalPage) => {
        const request = new globalThis.Request(new URL(req.originalUrl, "http://app"), { headers });
        const answer = refusalPage(request, status, reason, res.locals.cspNonce as string | undefined);
        res.status(answer.status);
        answer.headers.forEach((value, name) => res.setHeader(name, value));
        return answer.text().then((html) => void res.send(html));
      })
      .catch((error: unknown) => {
        console.error(`refusal page failed: ${error instanceof Error ? error.message : "unknown error"}`);
        if (!res.headersSent) res.status(status).type("text/plain").send(reason);
      });
  };
}

/** How long a refused body may keep arriving before the answer is sent regardless. */
const DRAIN_MS = 2_000;

/**
 * Reads and drops the rest of a refused request's body, then calls `answer`: at its end, or after
 * DRAIN_MS for a body that goes on. Answering first would make Node close the connection while
 * the client still sends, and the client's kernel would then discard the answer with a reset.
 */
export function afterRestOfBody(req: Request, answer: () => void) {
  req.removeAllListeners("data");
  let answered = false;
  const once = () => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    answer();
  };
  const timer = setTimeout(once, DRAIN_MS);
  if (req.readableEnded) return once();
  req.once("end", once);
  req.once("error", once);
  req.resume();
}
