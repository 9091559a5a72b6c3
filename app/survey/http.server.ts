import type { TFunction } from "i18next";
import type { StaffUser } from "~/auth/session.server";
import { forbiddenOnUnitAccess } from "~/units/http.server";
import { checkSurveyChange, surveyVisibility } from "~/units/units.server";
import { getVersion, SurveyStateError, type StoredVersion, type SurveyVisibility } from "./store.server";
import type { Issue } from "./validate";
import { DraftEditError } from "./versions";

// i18n-uses: surveys:issues.* surveys:errors.*
/** One definition problem in the staff member's language (`t` on the "surveys" namespace). */
export function issueText(issue: Issue, t: TFunction): string {
  return t(`issues.${issue.code}`, { at: issue.at, ...issue.params });
}

/** The version a /admin/surveys/:slug/:version URL names; 404 when there is none. */
export async function versionFromParams(params: { slug?: string; version?: string }, visible: SurveyVisibility): Promise<StoredVersion> {
  const number = Number(params.version);
  const found = params.slug && Number.isInteger(number) && number > 0 ? await getVersion(params.slug, number, visible) : null;
  if (!found) throw new Response("Not found", { status: 404 });
  return found;
}

/**
 * versionFromParams for a request that changes the survey (decision 0023): 404 when the account
 * may not see it, 403 when it may only read it (a unit's manager and a shared survey).
 */
export async function versionToChange(user: StaffUser, params: { slug?: string; version?: string }): Promise<StoredVersion> {
  const v = await versionFromParams(params, await surveyVisibility(user));
  await forbiddenOnUnitAccess(checkSurveyChange(user, v.owner));
  return v;
}

/** A refused edit as form-level messages in the staff member's language; other errors rethrow. */
export function refusal(error: unknown, t: TFunction): string[] {
  if (error instanceof SurveyStateError) {
    if (error.code === "incomplete") return [t("errors.incomplete", { count: Number(error.details[0]) })];
    if (error.code === "languagesUndecided") return [t("errors.languagesUndecided", { languages: error.details.join(", ") })];
    if (error.code === "draftExists") return [t("errors.draftExists", { version: error.details[0] })];
    return [t(`errors.${error.code}`), ...error.issues.map((i) => issueText(i, t))];
  }
  if (error instanceof DraftEditError) return [t(`errors.${error.code}`, error.params)];
  throw error;
}
