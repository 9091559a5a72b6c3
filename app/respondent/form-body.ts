/**
 * A strict application/x-www-form-urlencoded parser. Browsers' lenient parsing would turn a
 * malformed body into replacement characters and store them; here it is an error the client sees.
 */
export const MAX_BODY_BYTES = 256 * 1024;

export type BodyResult = { ok: true; pairs: [string, string][] } | { ok: false; reason: "malformed" | "tooLarge" };

function decode(part: string): string {
  return decodeURIComponent(part.replace(/\+/g, " "));
}

/** C0 controls other than tab and newlines, or U+FFFD from a lossy decoder upstream. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) return true;
  }
  return false;
}

export function parseFormBody(body: string): BodyResult {
  if (Buffer.byteLength(body, "utf8") > MAX_BODY_BYTES) return { ok: false, reason: "tooLarge" };
  const pairs: [string, string][] = [];
  if (body === "") return { ok: true, pairs };
  try {
    for (const item of body.split("&")) {
      if (item === "") continue;
      const eq = item.indexOf("=");
      const name = decode(eq === -1 ? item : item.slice(0, eq));
      const value = eq === -1 ? "" : decode(item.slice(eq + 1));
      if (hasControlCharacters(name + value)) return { ok: false, reason: "malformed" };
      pairs.push([name, value]);
    }
  } catch {
    return { ok: false, reason: "malformed" }; // URIError: bad percent-encoding or invalid UTF-8
  }
  return { ok: true, pairs };
}
