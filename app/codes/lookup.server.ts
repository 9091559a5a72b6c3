import type { SurveyCode } from "@prisma/client";
import { env } from "~/env.server";
import { prisma } from "~/utils/db.server";
import { hashCode, normalizeCode } from "./code";

export type CodeState =
  | { status: "unknown" }
  | { status: "used"; code: SurveyCode }
  | { status: "notYetValid"; code: SurveyCode }
  | { status: "expired"; code: SurveyCode }
  | { status: "valid"; code: SurveyCode };

/** HTTP status for each state, as interfaces.md fixes them. */
export const STATUS_HTTP: Record<CodeState["status"], number> = {
  unknown: 404,
  used: 410,
  notYetValid: 403,
  expired: 410,
  valid: 200,
};

export function codeState(code: SurveyCode | null, now: Date): CodeState {
  if (!code) return { status: "unknown" };
  if (code.used) return { status: "used", code };
  if (now < code.validFrom) return { status: "notYetValid", code };
  if (now >= code.expiresAt) return { status: "expired", code };
  return { status: "valid", code };
}

/** Looks a typed or scanned code up by its keyed hash. Opening a code never uses it. */
export async function lookupCode(input: string, now = new Date()): Promise<CodeState> {
  const normalized = normalizeCode(input);
  if (!normalized) return { status: "unknown" };
  const code = await prisma.surveyCode.findUnique({ where: { hash: hashCode(normalized, env().tokenSecret) } });
  return codeState(code, now);
}

export function codeOf(state: CodeState): SurveyCode | undefined {
  return state.status === "unknown" ? undefined : state.code;
}
