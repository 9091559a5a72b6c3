import i18next, { type i18n, type Resource } from "i18next";

/**
 * A fresh i18next instance fixed to one language. Swedish is the fallback for every text, so a
 * missing translation never shows a key.
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

const shared = new WeakMap<Resource, Map<string, i18n>>();

/**
 * One instance per language over one set of resources, made once and reused. Nothing ever calls
 * changeLanguage on it, so requests in different languages cannot see each other's language —
 * what a per-request instance guarantees — without building i18next anew for every page
 * (docs/decisions/0009-server-rendering-cost.md).
 */
export function i18nFor(lang: string, resources: Resource): i18n {
  let byLang = shared.get(resources);
  if (!byLang) shared.set(resources, (byLang = new Map()));
  let instance = byLang.get(lang);
  if (!instance) byLang.set(lang, (instance = createI18n(lang, resources)));
  return instance;
}
