import type { IncomingHttpHeaders } from "node:http";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { carriesStaffSession } from "../app/auth/session-cookie";
import { afterRestOfBody, type Refuse } from "./refusal";

/**
 * Whether a request that changes something (any method but GET and HEAD) may come from a page
 * on `expectedOrigin` (PUBLIC_URL's). See docs/decisions/0012-request-hardening.md.
 * - `Origin` equal to PUBLIC_URL's origin: yes.
 * - `Origin: null` only when the browser itself marks the request same-origin: a cross-origin
 *   redirect (307) or a sandboxed page also send null, without `Sec-Fetch-Site: same-origin`.
 * - no `Origin` at all: every browser we support sends one on a form post, so a request without
 *   it is a script or an old browser. It is refused when it carries a staff session (that cookie
 *   is the only ambient authority a forged request could borrow) or when the browser says it
 *   came from another site; otherwise (a respondent form, whose code is in the URL, a login,
 *   monitoring) it may pass.
 */
export function originAllowed(headers: IncomingHttpHeaders, expectedOrigin: string): boolean {
  const origin = headers.origin;
  const site = headers["sec-fetch-site"];
  if (origin === undefined) {
    if (site !== undefined && site !== "same-origin") return false;
    return !carriesStaffSession(headers.cookie);
  }
  if (origin === "null") return site === "same-origin";
  return origin === expectedOrigin;
}

/** One origin check for every non-GET request: documents, `?_data=` fetches and resource routes. */
export function sameOriginWrites(publicUrl: string, refuse: Refuse): RequestHandler {
  const expected = new URL(publicUrl).origin;
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    if (!originAllowed(req.headers, expected)) return afterRestOfBody(req, () => refuse(req, res, 403, "origin"));
    // Checked here against PUBLIC_URL; Remix's own check compares with the Host header, which a
    // proxy may rewrite, and takes `null` for a forgery.
    delete req.headers.origin;
    next();
  };
}
