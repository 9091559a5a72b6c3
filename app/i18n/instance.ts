import i18next, { type i18n, type Resource } from "i18next";

/**
 * A fresh i18next instance: one per request on the server, one per language in the browser.
 * Swedish is the fallback for every text, so a missing translation never shows a key.
 */
export function createI18n(lang: string, resources: Resource, defaultNS = "common"): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: "sv",
    resources,
    defaultNS,
    ns: Object.keys(resources[lang] ?? {}),
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}
