import { z } from "zod";
import { WAVES } from "~/survey/definition";

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
});
export type IssueRequest = z.infer<typeof IssueRequestSchema>;
