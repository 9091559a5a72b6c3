/**
 * Bytes on the wire (compressed, headers included) of the first questionnaire view and of the
 * thanks page, as a phone with and without JavaScript would fetch them.
 */
import http from "node:http";
import { kb, table } from "./support";

type Fetched = { status: number; wire: number; body: Buffer; encoding: string };

function get(url: string, method = "GET", body?: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        headers: {
          "Accept-Encoding": "gzip, deflate, br",
          "Accept-Language": "sv-SE,sv;q=0.9",
          "User-Agent": "Mozilla/5.0 (Linux; Android 10) Mobile",
          ...(body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const headerBytes = Buffer.byteLength(
            `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n` +
              res.rawHeaders.reduce((acc, v, i) => acc + v + (i % 2 ? "\r\n" : ": "), "") +
              "\r\n",
          );
          const compressed = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, wire: headerBytes + compressed.length, body: compressed, encoding: String(res.headers["content-encoding"] ?? "identity") });
        });
      },
    );
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

async function decoded(f: Fetched): Promise<string> {
  const zlib = await import("node:zlib");
  const raw = f.encoding === "br" ? zlib.brotliDecompressSync(f.body) : f.encoding === "gzip" ? zlib.gunzipSync(f.body) : f.body;
  return raw.toString("utf8");
}

/** External script bytes a page makes a browser download, and inline script bytes. */
async function scriptBytes(base: string, html: string) {
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce((n, m) => n + Buffer.byteLength(m[1]!), 0);
  let external = 0;
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) external += (await get(new URL(m[1]!, base).href)).wire;
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) external += (await get(new URL(m[1]!, base).href)).wire;
  return { inline, external };
}

/**
 * `recordEverything` stores a recording of every text (decision 0025) and returns a fresh code:
 * the first view with a player beside every question, option and row is measured too.
 */
export async function pageWeight(base: string, code: string, recordEverything: () => Promise<string>): Promise<string> {
  const first = await get(`${base}/s/${code}`);
  const firstHtml = await decoded(first);
  const firstScripts = await scriptBytes(base, firstHtml);
  const cssLinks = [...firstHtml.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].length;
  const thanks = await get(`${base}/s/thanks?lang=sv`);
  const thanksHtml = await decoded(thanks);
  const thanksScripts = await scriptBytes(base, thanksHtml);
  const recorded = await get(`${base}/s/${await recordEverything()}`);
  const recordedHtml = await decoded(recorded);
  const players = (recordedHtml.match(/<audio /g) ?? []).length;
  const recordedScripts = await scriptBytes(base, recordedHtml);
  const limit = 14 * 1024;
  return table(
    "Respondent page weight (bytes on the wire, compressed, headers included)",
    ["page", "encoding", "HTML on the wire", "uncompressed", "JS off: total", "JS on: total", "JS bytes (inline / downloaded)", "≤ 14 KB"],
    [
      ["first questionnaire view", first.encoding, kb(first.wire), kb(firstHtml.length), kb(first.wire), kb(first.wire + firstScripts.external), `${firstScripts.inline} B / ${firstScripts.external} B`, first.wire + firstScripts.external <= limit && cssLinks === 0 ? "yes" : "NO"],
      [`first view, every text recorded (${players} players)`, recorded.encoding, kb(recorded.wire), kb(recordedHtml.length), kb(recorded.wire), kb(recorded.wire + recordedScripts.external), `${recordedScripts.inline} B / ${recordedScripts.external} B`, recorded.wire + recordedScripts.external <= limit ? "yes" : "NO"],
      ["thanks page", thanks.encoding, kb(thanks.wire), kb(thanksHtml.length), kb(thanks.wire), kb(thanks.wire + thanksScripts.external), `${thanksScripts.inline} B / ${thanksScripts.external} B`, thanks.wire + thanksScripts.external <= limit ? "yes" : "NO"],
    ],
  );
}
