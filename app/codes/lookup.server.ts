import type { SurveyCode } from "@prisma/client";
import { env } from "~/env.server";
import { prisma } from "~/utils/db.server";
import { normalizeCode } from "./code";
import { hashCode } from "./code.server";

/**
 * What a code can do now. "unusable" is unknown, used and expired alike: a used code's row is
 * deleted with the submit, so it is unknown by construction, and an expired one must not be
 * told apart from it (whoever holds the slip must not learn whether the client answered).
 */
export type CodeState =
  | { status: "unusable" }
  | { status: "notYetValid"; code: SurveyCode }
  | { status: "valid"; code: SurveyCode };

/** HTTP status for each state, as interfaces.md fixes them. */
export const STATUS_HTTP: Record<CodeState["status"], number> = {
  unusable: 410,
  notYetValid: 403,
  valid: 200,
};

export function codeState(code: SurveyCode | null, now: Date): CodeState {
  // a slip still in stock was never handed out: it is as unknown as any other code
  if (!code || code.stock || now >= code.expiresAt) return { status: "unusable" };
  if (now < code.validFrom) return { status: "notYetValid", code };
  return { status: "valid", code };
}

/** Looks a typed or scanned code up by its keyed hash. Opening a code never uses it. */
export async function lookupCode(input: string, now = new Date()): Promise<CodeState> {
  const normalized = normalizeCode(input);
  if (!normalized) return { status: "unusable" };
  const code = await prisma.surveyCode.findUnique({ where: { hash: hashCode(normalized, env().tokenSecret) } });
  return codeState(code, now);
}

/** The code row, where its state may show anything of it (its language, its opening date). */
export function codeOf(state: CodeState): SurveyCode | undefined {
  return state.status === "unusable" ? undefined : state.code;
}
