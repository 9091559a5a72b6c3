import type { TFunction } from "i18next";
import { i18nFor } from "./instance";
import { fromAcceptLanguage, STAFF_LANGUAGES, textDirection, isStaffLanguage } from "./languages";
import { pickResources, resources } from "./resources.server";

export const LANGUAGE_COOKIE = "lng";

/** What the language choice reads of a request (a fetch Request, or the fast lane's headers). */
export type RequestHeadersOf = { url: string; headers: { get(name: string): string | null } };

/** A cookie's value; a value that is not valid percent-encoding counts as absent, never as an error. */
export function cookieValue(request: RequestHeadersOf, name: string): string | undefined {
  const header = request.headers.get("Cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return undefined; // e.g. lng=%E0%A4%A, set by anyone who can write a cookie for the host
    }
  }
  return undefined;
}

/** Staff pages: ?lang, then the language cookie, then Accept-Language, then Swedish. */
export function staffLanguage(request: Request): "sv" | "en" {
  const query = new URL(request.url).searchParams.get("lang");
  if (isStaffLanguage(query)) return query;
  const cookie = cookieValue(request, LANGUAGE_COOKIE);
  if (isStaffLanguage(cookie)) return cookie;
  const header = fromAcceptLanguage(request.headers.get("Accept-Language"), STAFF_LANGUAGES);
  return isStaffLanguage(header) ? header : "sv";
}

export type I18nPayload = {
  lang: string;
  dir: "ltr" | "rtl";
  /** present on pages that hydrate; server-only pages render from the server's resources */
  resources?: ReturnType<typeof pickResources>;
};

/** What root needs to render and hydrate a staff page in `lang`. */
export function i18nPayload(lang: string, namespaces: readonly string[]): I18nPayload {
  return { lang, dir: textDirection(lang), resources: pickResources(lang, namespaces) };
}

/** A page that never hydrates: its language only; the texts come from the server's resources. */
export function serverOnlyI18n(lang: string): I18nPayload {
  return { lang, dir: textDirection(lang) };
}

/** A translation function for loaders and actions (error messages, CSV headers). */
export function serverT(lang: string, ns: string): TFunction {
  return i18nFor(lang, resources).getFixedT(lang, ns);
}
