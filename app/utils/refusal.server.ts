import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { textDirection } from "~/i18n/languages";
import { respondentLanguage } from "~/respondent/language.server";

/** Why the server refused a request before any route saw it (server/limits.ts, server/origin.ts). */
export type RefusalReason = "tooLarge" | "malformed" | "origin";

// The respondent texts exist in all eleven languages; a forged cross-site post gets the
// "did not arrive readably" text, which is true and asks for nothing.
const RESPONDENT_TEXTS: Record<RefusalReason, string> = {
  tooLarge: "errors.tooLarge",
  malformed: "errors.malformed",
  origin: "errors.malformed",
};
const STAFF_TEXTS: Record<RefusalReason, string> = {
  tooLarge: "refused.tooLarge",
  malformed: "refused.malformed",
  origin: "refused.origin",
};

// i18n-uses: staff:refused.* respondent:pageTitle respondent:errors.tooLarge respondent:errors.malformed
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A small page saying why a request was refused, in the respondent's language on /s pages
 * (?lang, cookie, Accept-Language: the body was never read) and in Swedish or English elsewhere.
 * Exported from entry.server so that the express middleware renders it from the same bundle.
 */
export function refusalPage(request: Request, status: number, reason: RefusalReason): Response {
  const respondent = /^\/s(\/|$)/.test(new URL(request.url).pathname);
  const lang = respondent ? respondentLanguage(request) : staffLanguage(request);
  const t = serverT(lang, respondent ? "respondent" : "staff");
  const title = t(respondent ? "pageTitle" : "refused.title");
  const text = t(respondent ? RESPONDENT_TEXTS[reason] : STAFF_TEXTS[reason]);
  const html =
    `<!doctype html><html lang="${lang}" dir="${textDirection(lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
    `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
