import type { Resource } from "i18next";

// Every locale file, bundled into the server build: nothing is read from disk per request.
const files = import.meta.glob<{ default: Record<string, unknown> }>("../../locales/*/*.json", {
  eager: true,
});

export const resources: Resource = {};
for (const [file, mod] of Object.entries(files)) {
  const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
  if (!match) continue;
  const [, lang, ns] = match as unknown as [string, string, string];
  resources[lang] ??= {};
  resources[lang][ns] = mod.default;
}

/** The namespaces a page needs, in its language and in Swedish (the fallback for any gap). */
export function pickResources(lang: string, namespaces: readonly string[]): Resource {
  const picked: Resource = {};
  for (const l of new Set([lang, "sv"])) {
    picked[l] = {};
    for (const ns of namespaces) picked[l][ns] = resources[l]?.[ns] ?? {};
  }
  return picked;
}

/** Namespaces only respondents see; they exist in every respondent language. */
export const RESPONDENT_NAMESPACES = ["respondent"] as const;

/** Every staff-side namespace (one file per feature under locales/sv/), in Swedish and English. */
export const STAFF_NAMESPACES: readonly string[] = Object.keys(resources.sv ?? {}).filter(
  (ns) => !(RESPONDENT_NAMESPACES as readonly string[]).includes(ns),
);
