/** Percent-encoded runs decoded, so `/%73/%41BCD…` is redacted like `/s/ABCD…`. */
function decodePercentRuns(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** Removes anything that could be a survey code from text bound for a log, encoded or not. */
export function redactCodes(text: string): string {
  return decodePercentRuns(text)
    .replace(/\/s\/[^\s"'?#)]+/gi, "/s/:code")
    // every separator normalizeCode accepts
    .replace(/\b[0-9A-Z]{4}[\s\-‐‑–—_.]?[0-9A-Z]{4}[\s\-‐‑–—_.]?[0-9A-Z]{4}\b/gi, "[code]");
}
