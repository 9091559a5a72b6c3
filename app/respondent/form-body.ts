/**
 * A strict application/x-www-form-urlencoded parser. Browsers' lenient parsing would turn a
 * malformed body into replacement characters and store them; here it is an error the client sees.
 */
export const MAX_BODY_BYTES = 256 * 1024;

export type BodyResult = { ok: true; pairs: [string, string][] } | { ok: false; reason: "malformed" | "tooLarge" };

function decode(part: string): string {
  return decodeURIComponent(part.replace(/\+/g, " "));
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
      if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/.test(name + value)) return { ok: false, reason: "malformed" };
      pairs.push([name, value]);
    }
  } catch {
    return { ok: false, reason: "malformed" }; // URIError: bad percent-encoding or invalid UTF-8
  }
  return { ok: true, pairs };
}
