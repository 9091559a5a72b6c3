/**
 * One JSON line per request. Survey codes never reach the log: respondent paths are reduced
 * to their route, query strings are dropped, and every request but a staff page's carries only
 * the hour, so a log line cannot be lined up with a stored response.
 */
export function redactPath(url: string): string {
  const path = url.split("?")[0] ?? "/";
  if (path === "/s" || path.startsWith("/s/")) {
    if (path === "/s" || path === "/s/") return "/s";
    if (path.startsWith("/s/thanks")) return "/s/thanks";
    return "/s/:code";
  }
  return path;
}

/** Staff pages only; anything else may be a client's phone (the favicon, the accessibility page). */
const STAFF_PATH = /^\/(admin|login|logout|language)(\/|$)/;

export function requestLogLine(method: string, url: string, status: number, ms: number, now = new Date()) {
  const path = redactPath(url);
  // an exact time next to a client's request would pin when they answered
  const time = STAFF_PATH.test(path) ? now.toISOString() : now.toISOString().slice(0, 13) + ":00Z";
  return JSON.stringify({ time, method, path, status, ms: Math.round(ms * 10) / 10 });
}
