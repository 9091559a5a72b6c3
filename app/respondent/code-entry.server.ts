import { lookupCode } from "~/codes/lookup.server";
import { clientAddress } from "~/utils/client-address.server";
import { codeGuessLimiter } from "./page.server";

export type TypedCodeOutcome = "open" | "notAccepted" | "throttled";

/**
 * What a code typed at /s leads to. Unknown, used and expired codes are one outcome, as at
 * /s/{code} (nobody holding a slip may learn whether the client answered); unknown codes count
 * against the same per-address limit as there.
 */
export async function typedCodeOutcome(code: string, context: unknown): Promise<TypedCodeOutcome> {
  const address = `code:${clientAddress(context)}`;
  if (codeGuessLimiter.retryAfter(address) > 0) return "throttled";
  const state = await lookupCode(code);
  if (state.status === "unknown") codeGuessLimiter.fail(address);
  return state.status === "valid" || state.status === "notYetValid" ? "open" : "notAccepted";
}
