/** Removes anything that could be a survey code from text bound for a log. */
export function redactCodes(text: string): string {
  return text
    .replace(/\/s\/[^\s"'?#)]+/gi, "/s/:code")
    .replace(/\b[0-9A-Z]{4}[- ]?[0-9A-Z]{4}[- ]?[0-9A-Z]{4}\b/gi, "[code]");
}
