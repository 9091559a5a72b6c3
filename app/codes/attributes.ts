import { z } from "zod";
import { addMonths } from "~/results/period";
import { WAVES } from "~/survey/definition";
import { addDays } from "~/utils/months";

/** Non-identifying attributes a code may carry into its response. Nothing else exists. */
export const CLIENT_GROUPS = ["subjected", "perpetrator", "both"] as const;
export const REFERRALS = ["police", "self", "social_services", "other"] as const;
export type ClientGroup = (typeof CLIENT_GROUPS)[number];
export type Referral = (typeof REFERRALS)[number];

export const MAX_CODES_PER_BATCH = 500;

export const IssueRequestSchema = z.object({
  survey: z.string().min(1),
  wave: z.enum(WAVES),
  count: z.number().int().min(1).max(MAX_CODES_PER_BATCH),
  lang: z.string().regex(/^[a-z]{2,3}$/),
  clientGroup: z.enum(CLIENT_GROUPS).optional(),
  referral: z.enum(REFERRALS).optional(),
  /** YYYY-MM-DD, Swedish calendar day; today when absent */
  validFrom: z.string().optional(),
  /** the caller knows `lang` is an unreviewed draft translation and issues codes in it anyway */
  confirmDraftLanguage: z.boolean().optional(),
  /** the unit that hands the codes out (decision 0023); the install's default unit when missing */
  unitId: z.string().min(1).optional(),
});
export type IssueRequest = z.infer<typeof IssueRequestSchema>;

// ---------------------------------------------------------------- quasi-identifiers at rest
// A response keeps its language, client group and referral path only where enough codes shared
// that value that the response cannot be told apart from theirs (decision 0010, docs/privacy.md).

/** Stored instead of a language, client group or referral path that would single a client out. */
export const WITHHELD_ATTRIBUTE = "withheld";

/** Issued codes of one survey and wave with one combination of attributes ("" = none given). */
export type CodeTally = { lang: string; clientGroup: string; referral: string; issued: number };
export type StoredAttributes = { lang: string; clientGroup: string | null; referral: string | null };
const KEYS = ["clientGroup", "referral", "lang"] as const;
type Key = (typeof KEYS)[number];

/**
 * The months whose codes could have been answered during `month`: a code opening on the last
 * day of month V stays valid `codeValidDays` days, so V counts when that reaches into `month`.
 */
export function answerableMonths(month: string, codeValidDays: number): string[] {
  const months = [month];
  for (let v = addMonths(month, -1); ; v = addMonths(v, -1)) {
    if (answerableUntil(v, codeValidDays) <= `${month}-01`) return months;
    months.unshift(v);
  }
}

/** The first day no code opening in `opensMonth` can be answered: one opening on its last day expires then. */
export function answerableUntil(opensMonth: string, codeValidDays: number): string {
  return addDays(addDays(`${addMonths(opensMonth, 1)}-01`, -1), codeValidDays);
}

/**
 * Values of one attribute that may be stored: those at least `k` codes shared. When the values
 * withheld together were shared by fewer than `k` codes ("withheld" would then name them), the
 * rarest shown values are withheld with them until the withheld codes number `k` or more.
 */
function shownValues(tallies: CodeTally[], key: Key, k: number): Set<string> {
  const byValue = new Map<string, number>();
  for (const t of tallies) byValue.set(t[key], (byValue.get(t[key]) ?? 0) + t.issued);
  const ascending = [...byValue].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  let withheld = 0;
  let i = 0;
  while (i < ascending.length && (ascending[i]![1] < k || (withheld > 0 && withheld < k))) withheld += ascending[i++]![1];
  return new Set(ascending.slice(i).map(([value]) => value));
}

/**
 * What a response stores of its attributes, given the codes of its survey and wave that could
 * have been answered in its month (`tallies`, counted from CodeCount). First each attribute on
 * its own (see shownValues); then the combination: if fewer than `k` codes match what is left
 * (a withheld attribute matching any code), language, then referral, then group is withheld too.
 */
export function attributesToStore(
  response: { lang: string; clientGroup: string | null; referral: string | null },
  tallies: CodeTally[],
  k: number,
): StoredAttributes {
  const own: Record<Key, string> = { lang: response.lang, clientGroup: response.clientGroup ?? "", referral: response.referral ?? "" };
  const stored: Record<Key, string> = { ...own };
  for (const key of KEYS) if (!shownValues(tallies, key, k).has(own[key])) stored[key] = WITHHELD_ATTRIBUTE;
  const matching = () =>
    tallies
      .filter((t) => KEYS.every((key) => stored[key] === WITHHELD_ATTRIBUTE || t[key] === stored[key]))
      .reduce((sum, t) => sum + t.issued, 0);
  for (const key of [...KEYS].reverse()) {
    if (matching() >= k) break;
    stored[key] = WITHHELD_ATTRIBUTE;
  }
  return {
    lang: stored.lang,
    clientGroup: stored.clientGroup === "" ? null : stored.clientGroup,
    referral: stored.referral === "" ? null : stored.referral,
  };
}
