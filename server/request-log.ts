import { CLIENT_PATH, isClientPath } from "../app/respondent/methods";
import { redactCodes } from "../app/utils/redact";

/**
 * The request log. Staff requests get one JSON line each with the exact time. Every other
 * request may be a client's phone (the questionnaire, and beside it the favicon, the
 * accessibility page): those are only counted, per hour, route and status, and the counts are
 * written once the hour is over (and on shutdown). So no line about a client carries a time
 * finer than the hour or sits between two exact-time lines in an order that would place it, and
 * no code reaches the log: the counts name routes, never paths.
 */

/** Staff pages only; anything else may be a client's phone. Tested on the decoded path. */
const STAFF_PATH = /^\/(admin|login|logout|language)(\/|$)/;

/** The routes a client's request is counted under; anything else is "other". */
const CLIENT_ROUTES: [RegExp, string][] = [
  [/^\/s\/?$/, "/s"],
  [/^\/s\/thanks\/?$/, "/s/thanks"],
  [/^\/s\/[^/]+\/?$/, "/s/:code"],
  [/^\/$/, "/"],
  [/^\/accessibility\/?$/, "/accessibility"],
  // a recording played on the questionnaire: counted like the page, never with its id
  [/^\/a\/[^/]+$/, "/a/:id"],
  [/^\/healthz$/, "/healthz"],
  [/^\/favicon\.ico$/, "/favicon.ico"],
  [/^\/assets\//, "/assets/*"],
];

/** The path without query, percent-decoded once (as the router sees it); undecodable stays raw. */
export function decodedPath(url: string): string {
  const path = url.split("?")[0] ?? "/";
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

const CLIENT_PATH_ANY_CASE = new RegExp(CLIENT_PATH.source, "i");

/**
 * True for a respondent path the router would serve but not in the one form slips print
 * (`/s/<code>`): another letter case (`/S/…`) or any percent-encoding (`/%73/…`, `/s/%41…`).
 * Those answer 404, so a code reaches the app only through the path the log reduces.
 */
export function isNonCanonicalRespondentPath(url: string): boolean {
  const raw = url.split("?")[0] ?? "/";
  return CLIENT_PATH_ANY_CASE.test(decodedPath(url)) && (raw.includes("%") || !isClientPath(raw));
}

export function isStaffPath(url: string): boolean {
  return STAFF_PATH.test(decodedPath(url));
}

/** The route a client's request is counted under (never the path itself). */
export function clientRoute(url: string): string {
  const raw = url.split("?")[0] ?? "/";
  if (raw.includes("%") || isNonCanonicalRespondentPath(url)) return "other";
  return CLIENT_ROUTES.find(([pattern]) => pattern.test(raw))?.[1] ?? "other";
}

/** A staff request: exact time, the decoded path with anything like a code redacted. */
export function staffLogLine(method: string, url: string, status: number, ms: number, now = new Date()) {
  const path = redactCodes(decodedPath(url));
  return JSON.stringify({ time: now.toISOString(), method, path, status, ms: Math.round(ms * 10) / 10 });
}

const hourOf = (at: Date) => at.toISOString().slice(0, 13) + ":00Z";

/** Per-hour counts of clients' requests, written only for hours that are over. */
export class HourlyRequestCounts {
  private counts = new Map<string, number>();

  constructor(private readonly write: (line: string) => void) {}

  add(method: string, url: string, status: number, now = new Date()) {
    this.flush(now);
    const key = JSON.stringify([hourOf(now), method, clientRoute(url), status]);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Writes the counts of every hour before `now`'s (all of them when `now` is omitted), sorted. */
  flush(now?: Date) {
    const current = now && hourOf(now);
    const done = [...this.counts].filter(([key]) => current === undefined || (JSON.parse(key) as string[])[0]! < current);
    for (const [key, count] of done.sort(([a], [b]) => a.localeCompare(b))) {
      const [hour, method, route, status] = JSON.parse(key) as [string, string, string, number];
      this.write(JSON.stringify({ hour, method, route, status, count }));
      this.counts.delete(key);
    }
  }
}
