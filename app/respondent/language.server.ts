import { cookieValue, LANGUAGE_COOKIE, type RequestHeadersOf } from "~/i18n/i18n.server";
import { fromAcceptLanguage, isRespondentLanguage, RESPONDENT_LANGUAGES } from "~/i18n/languages";
import { isClientPath } from "./methods";

const CODES = RESPONDENT_LANGUAGES.map((l) => l.code);

/**
 * The language a respondent page is shown in: an explicit choice on this request (the `lang`
 * form field or ?lang=), then the code's suggested language, then a language cookie, then
 * Accept-Language, then Swedish. The respondent flow never sets a cookie itself.
 */
export function respondentLanguage(request: RequestHeadersOf, options: { chosen?: string | null; codeLang?: string } = {}) {
  const explicit = options.chosen ?? new URL(request.url).searchParams.get("lang");
  if (isRespondentLanguage(explicit)) return explicit;
  if (isRespondentLanguage(options.codeLang)) return options.codeLang;
  const cookie = cookieValue(request, LANGUAGE_COOKIE);
  if (isRespondentLanguage(cookie)) return cookie;
  return fromAcceptLanguage(request.headers.get("Accept-Language"), CODES) ?? "sv";
}

/** The client's pages (/s, /s/<code>, /s/thanks): shown in a respondent language, never a staff one. */
export function isRespondentPage(request: { url: string }): boolean {
  return isClientPath(new URL(request.url).pathname);
}
