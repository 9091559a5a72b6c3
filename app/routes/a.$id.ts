import type { LoaderFunctionArgs } from "@remix-run/node";
import { requestedRange } from "~/survey/audio";
import { recordingAudio } from "~/survey/recordings.server";

/**
 * A recording as the questionnaire's `<audio>` plays it (decision 0025). The path is a random id;
 * nothing about the client or the code is asked or answered. Like every respondent response: no
 * cookie, no cache, and never compressed (server/app.ts sets those for /a/). Byte ranges, because
 * Chromium asks for `bytes=0-` and seeks with more.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const audio = await recordingAudio(params.id ?? "");
  if (!audio) throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const size = audio.bytes.length;
  const headers = new Headers({
    "Content-Type": audio.contentType,
    "Accept-Ranges": "bytes",
  });
  const range = requestedRange(request.headers.get("Range"), size);
  if (range === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  headers.set("Content-Length", String(end - start + 1));
  if (range) headers.set("Content-Range", `bytes ${start}-${end}/${size}`);
  return new Response(new Uint8Array(audio.bytes.subarray(start, end + 1)), { status: range ? 206 : 200, headers });
}
