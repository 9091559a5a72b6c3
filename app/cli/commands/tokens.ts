import { CLIENT_GROUPS, IssueRequestSchema, MAX_CODES_PER_BATCH, REFERRALS } from "~/codes/attributes";
import { IssueError, issueCodes } from "~/codes/issue.server";
import { WAVES } from "~/survey/definition";
import { getVersion } from "~/survey/store.server";
import { addMonths, dayOf } from "~/utils/months";
import { requireString, UsageError, type Command } from "../framework";
import { unitOption } from "./units";

export const tokensIssue: Command = {
  name: "tokens issue",
  summary: "Issues single-use codes for the survey's newest published version; each code is shown this once.",
  usage:
    "tokens issue --survey SLUG --wave closure|followup --count N [--lang LANG] [--group subjected|perpetrator|both] [--referral police|self|social_services|other] [--valid-from YYYY-MM-DD] [--unit SLUG] [--json]",
  options: {
    unit: { type: "string" },
    survey: { type: "string" },
    wave: { type: "string" },
    count: { type: "string" },
    lang: { type: "string" },
    group: { type: "string" },
    referral: { type: "string" },
    "valid-from": { type: "string" },
    json: { type: "boolean" },
  },
  async run({ values }, ctx) {
    const wave = requireString(values, "wave");
    if (!(WAVES as readonly string[]).includes(wave)) throw new UsageError(`--wave must be one of ${WAVES.join(", ")}`);
    if (wave === "followup" && values["valid-from"] === undefined)
      throw new UsageError(`--wave followup needs --valid-from YYYY-MM-DD, usually six months on (${addMonths(dayOf(new Date()), 6)})`);
    const count = Number(requireString(values, "count"));
    if (!Number.isInteger(count) || count < 1 || count > MAX_CODES_PER_BATCH)
      throw new UsageError(`--count must be a whole number from 1 to ${MAX_CODES_PER_BATCH}`);
    const group = values.group as string | undefined;
    if (group !== undefined && !(CLIENT_GROUPS as readonly string[]).includes(group))
      throw new UsageError(`--group must be one of ${CLIENT_GROUPS.join(", ")}`);
    const referral = values.referral as string | undefined;
    if (referral !== undefined && !(REFERRALS as readonly string[]).includes(referral))
      throw new UsageError(`--referral must be one of ${REFERRALS.join(", ")}`);
    const request = IssueRequestSchema.parse({
      survey: requireString(values, "survey"),
      wave,
      count,
      lang: (values.lang as string | undefined) ?? "sv",
      clientGroup: group,
      referral,
      validFrom: values["valid-from"] as string | undefined,
      // scripts keep working in a draft language; the warning below says what the codes open
      confirmDraftLanguage: true,
      unitId: (await unitOption(values))?.id,
    });
    try {
      const codes = await issueCodes(request);
      if (codes[0] && (await isDraftLanguage(request.survey, codes[0].version, request.lang)))
        process.stderr.write(`warning: "${request.lang}" is an unreviewed draft translation of version ${codes[0].version}\n`);
      if (values.json) ctx.stdout(JSON.stringify(codes, null, 2));
      else for (const c of codes) ctx.stdout(`${c.code}  ${c.url}  (${c.wave}, v${c.version}, ${c.lang}, ${c.validFrom} – ${c.expiresAt})`);
    } catch (e) {
      if (e instanceof IssueError) throw new UsageError(e.message);
      throw e;
    }
  },
};

async function isDraftLanguage(slug: string, version: number, lang: string): Promise<boolean> {
  const v = await getVersion(slug, version);
  return Boolean(v && lang !== v.survey.defaultLanguage && v.reviews[lang]?.status !== "reviewed");
}
