import type { ServerBuild } from "@remix-run/node";
import type { RequestHandler } from "express";
import type { fastSubmit as FastSubmit } from "../app/respondent/fast-submit.server";
import { acceptedBody } from "./limits";
import { entryExport } from "./refusal";

const QUESTIONNAIRE = /^\/s\/([^/]+)$/;

/**
 * POST /s/:code without Remix when it is a clean success (decision 0027): the bundle's
 * `fastSubmit` stores it and the client gets the same 303 the route gives. Everything else goes
 * on to the route untouched. Mounted after the origin check and the body limits, which hold for
 * both paths. On SQLite the writer commits it in a group; on PostgreSQL it is one transaction.
 */
export function fastSubmits(build: ServerBuild | (() => Promise<ServerBuild>)): RequestHandler {
  const loadSubmit = entryExport<typeof FastSubmit>(build, "fastSubmit");
  return (req, res, next) => {
    const match = QUESTIONNAIRE.exec(req.path);
    const body = acceptedBody(req);
    if (req.method !== "POST" || !match || match[1] === "thanks" || !body) return next();
    if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return next();
    loadSubmit()
      .then(async (submit) => {
        const location = await submit({
          code: match[1]!,
          body: body.toString("utf8"),
          url: new URL(req.originalUrl, "http://app").href,
          cookie: req.headers.cookie,
          acceptLanguage: req.headers["accept-language"],
        });
        if (location === null) return next();
        res.status(303).setHeader("Location", location);
        res.end();
      })
      .catch(next);
  };
}
