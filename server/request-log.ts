/**
 * One JSON line per request. Survey codes never reach the log: respondent paths are reduced
 * to their route, query strings are dropped, and respondent requests carry only the hour, so a
 * log line cannot be lined up with a stored response.
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

export function requestLogLine(method: string, url: string, status: number, ms: number, now = new Date()) {
  const path = redactPath(url);
  const respondent = path.startsWith("/s");
  const time = respondent ? now.toISOString().slice(0, 13) + ":00Z" : now.toISOString();
  return JSON.stringify({ time, method, path, status, ms: Math.round(ms * 10) / 10 });
}
