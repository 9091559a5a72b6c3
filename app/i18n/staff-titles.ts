/**
 * Staff pages' tab titles: "Koder – Brukarröst", so a team member with six tabs open (or reading
 * the browser's history, or a printed review's header) can tell the pages apart. Picked by path
 * prefix, the longest first, and read from the texts the staff layout already sends; a page not
 * listed keeps the plain product name. The client's pages are not under this layout. The paper
 * questionnaire is, but goes home with a client: its route's own meta keeps "Brukarröst".
 */
import type { Resource } from "i18next";

export const PRODUCT = "Brukarröst";

// i18n-uses: staff:nav.home surveys:title codes:activate.title codes:title codes:stock.title
// i18n-uses: staff:nav.paper results:review.title results:reach.title history:title compare:nav.title
// i18n-uses: staff:users.title staff:units.title staff:units.compare.title staff:account.title
const TITLES: [prefix: string, key: string][] = [
  ["/admin", "staff:nav.home"],
  ["/admin/surveys", "surveys:title"],
  ["/admin/activate", "codes:activate.title"],
  ["/admin/codes", "codes:title"],
  ["/admin/stock", "codes:stock.title"],
  ["/admin/paper", "staff:nav.paper"],
  ["/admin/results", "results:review.title"],
  ["/admin/results/reach", "results:reach.title"],
  ["/admin/results/import", "history:title"],
  ["/admin/compare", "compare:nav.title"],
  ["/admin/users", "staff:users.title"],
  ["/admin/units", "staff:units.title"],
  ["/admin/units/compare", "staff:units.compare.title"],
  ["/admin/account", "staff:account.title"],
];

function lookup(resources: Resource | undefined, lang: string, key: string): string | undefined {
  const [ns, path] = key.split(":") as [string, string];
  let node: unknown = resources?.[lang]?.[ns];
  for (const part of path.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

export function staffPageTitle(pathname: string, lang: string, resources: Resource | undefined): string {
  const path = pathname.replace(/\/+$/, "") || "/";
  // the start page by its own path only: an unlisted page is not "Start"
  const match = TITLES.filter(([prefix]) => path === prefix || (prefix !== "/admin" && path.startsWith(`${prefix}/`))).sort((a, b) => b[0].length - a[0].length)[0];
  const name = match && (lookup(resources, lang, match[1]) ?? lookup(resources, "sv", match[1]));
  return name && name !== PRODUCT ? `${name} – ${PRODUCT}` : PRODUCT;
}
