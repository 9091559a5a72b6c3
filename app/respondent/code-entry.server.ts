import { clientAddress } from "~/utils/client-address.server";
import { lookupCodeThrottled } from "./page.server";

export type TypedCodeOutcome = "open" | "notAccepted" | "throttled";

/**
 * What a code typed at /s leads to. Unknown, used and expired codes are one outcome, as at
 * /s/{code} (nobody holding a slip may learn whether the client answered), and count against the
 * same per-address guessing limit; a valid code is never refused.
 */
export async function typedCodeOutcome(code: string, context: unknown): Promise<TypedCodeOutcome> {
  const state = await lookupCodeThrottled(code, clientAddress(context));
  if (state === "throttled") return "throttled";
  return state.status === "valid" || state.status === "notYetValid" ? "open" : "notAccepted";
}
