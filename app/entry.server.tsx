import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { resources } from "~/i18n/resources.server";
import type { RouteHandle } from "~/root";
import { ServerResourcesProvider } from "~/i18n/server-resources";
import { NonceProvider } from "~/utils/nonce";
import { redactCodes } from "~/utils/redact";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;
// rendered by server/refusal.ts for requests refused before they reach a route
export { refusalPage } from "~/utils/refusal.server";
// the questionnaire's clean submit, served by server/fast-submit.ts before Remix (decision 0027):
// from the bundle, so it shares the bundle's modules (throttling, version cache, writer)
export { fastSubmit } from "~/respondent/fast-submit.server";
// asked by server/limits.ts before it reads a recording upload (decision 0025)
export { isManagerRequest } from "~/auth/session.server";

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { cspNonce?: string }).cspNonce ?? "";
  const document = (
    <NonceProvider value={nonce}>
      <ServerResourcesProvider value={resources}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </ServerResourcesProvider>
    </NonceProvider>
  );
  // Pages that never hydrate (the client's) go out whole, in one piece. Streamed,
  // a phone painted the first piece and then styled and laid out the whole page again when the
  // rest arrived: a long task, most of the questionnaire's blocking time (decision 0027).
  const whole = !hydrates(remixContext);
  // Bots and no-JS clients get the whole document at once; nothing waits on streaming.
  const readyEvent = whole || isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const respond = (body: ReadableStream<Uint8Array> | string) => {
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
    };
    const { pipe, abort } = renderToPipeableStream(document, {
      nonce,
      [readyEvent]() {
        shellRendered = true;
        const body = new PassThrough();
        if (whole) {
          const chunks: Buffer[] = [];
          body.on("data", (chunk: Buffer) => chunks.push(chunk));
          body.on("end", () => {
            const html = Buffer.concat(chunks);
            responseHeaders.set("Content-Length", String(html.length));
            respond(html.toString("utf8"));
          });
        } else respond(createReadableStreamFromReadable(body));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) logServerError(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Whether the page hydrates: a route handle with `hydrate: false` (root.tsx) says it never does. */
function hydrates(remixContext: EntryContext): boolean {
  return !remixContext.staticHandlerContext.matches.some(
    (m) => (remixContext.routeModules[m.route.id]?.handle as RouteHandle | undefined)?.hydrate === false,
  );
}

/** Server errors are logged without anything that could be a survey code; 404s are not errors. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  const status = (error as { status?: number } | null)?.status;
  if (status === 404 || status === 405) return;
  logServerError(error);
}

/** The one way a server error reaches the log: with anything that could be a code removed. */
function logServerError(error: unknown) {
  const message = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);
  console.error(redactCodes(message));
}
