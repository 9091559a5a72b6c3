import { env } from "~/env.server";
import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { textDirection } from "~/i18n/languages";
import { QUICK_EXIT_URL } from "~/respondent/exit";
import { isRespondentPage, respondentLanguage } from "~/respondent/language.server";
// a client's page: the stylesheet of every client page, so the quick exit is as big and as red
import RESPONDENT_STYLE from "~/styles/respondent.css?raw";

/** Why the server refused a request before any route saw it (server/limits.ts, server/origin.ts). */
export type RefusalReason = "tooLarge" | "malformed" | "origin" | "method";

// The respondent texts exist in all eleven languages; a forged cross-site post and a method no
// page sends get the "did not arrive readably" text, which is true and asks for nothing.
const RESPONDENT_TEXTS: Record<RefusalReason, string> = {
  tooLarge: "errors.tooLarge",
  malformed: "errors.malformed",
  origin: "errors.malformed",
  method: "errors.malformed",
};
// "method" is refused on client pages only (server/limits.ts)
const STAFF_TEXTS: Record<RefusalReason, string> = {
  tooLarge: "refused.tooLarge",
  malformed: "refused.malformed",
  origin: "refused.origin",
  method: "refused.malformed",
};

// the respondent namespace's "leave quickly" (the checker reads literal keys as staff keys here)
const RESPONDENT_EXIT_TEXT = "quickExit";

// i18n-namespace: staff
// i18n-uses: staff:refused.* respondent:pageTitle respondent:errors.tooLarge respondent:errors.malformed respondent:quickExit
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// the staff page's look in a few lines: the app's stylesheet is a build asset this page cannot name
const STAFF_STYLE =
  "body{margin:0;font-family:system-ui,'Noto Sans',sans-serif;color:#1b1f24;line-height:1.5}" +
  "main{max-width:32rem;margin:4rem auto;padding:0 1rem}h1{font-size:1.6rem}" +
  "a{color:#1f5f8b;font-weight:600;overflow-wrap:anywhere}";

/**
 * A small page saying why a request was refused, in the respondent's language on /s pages
 * (?lang, cookie, Accept-Language: the body was never read) and in Swedish or English elsewhere.
 * A staff form sent from another address than PUBLIC_URL (often the "listening on" address)
 * names PUBLIC_URL and links to it. `nonce` is the response's CSP nonce, for the staff style.
 * Exported from entry.server so that the express middleware renders it from the same bundle.
 */
export function refusalPage(request: Request, status: number, reason: RefusalReason, nonce?: string): Response {
  const respondent = isRespondentPage(request);
  const lang = respondent ? respondentLanguage(request) : staffLanguage(request);
  const t = serverT(lang, respondent ? "respondent" : "staff");
  const title = t(respondent ? "pageTitle" : "refused.title");
  const url = env().publicUrl;
  const text = t(respondent ? RESPONDENT_TEXTS[reason] : STAFF_TEXTS[reason], { url });
  const link =
    !respondent && reason === "origin" ? `<p><a href="${escapeHtml(`${url}/login`)}">${escapeHtml(t("refused.openService", { url }))}</a></p>` : "";
  const pageStyle = respondent ? RESPONDENT_STYLE : STAFF_STYLE;
  const style = nonce ? `<style nonce="${escapeHtml(nonce)}">${pageStyle}</style>` : "";
  // a client's way out comes first here as on every client page: no script needed to follow it
  const main = `<main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${link}</main>`;
  // the shell's markup (shell.tsx): the exit stays at the top of the screen as on every client page
  const body = respondent
    ? `<div class="r"><div class="top"><a id="exit" class="exit" href="${QUICK_EXIT_URL}" rel="noreferrer">${escapeHtml(t(RESPONDENT_EXIT_TEXT))}</a></div>${main}</div>`
    : main;
  const html =
    `<!doctype html><html lang="${lang}" dir="${textDirection(lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>${style}</head>` +
    `<body>${body}</body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
