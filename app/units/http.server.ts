import { UnitAccessError } from "./scope";

/**
 * A unit rule's refusal (UnitAccessError from the domain modules) as the answer every staff route
 * gives it: 403, the same as a tampered `?unit=`. Other errors pass through unchanged.
 */
export async function forbiddenOnUnitAccess<T>(work: Promise<T> | (() => T)): Promise<T> {
  try {
    return await (typeof work === "function" ? work() : work);
  } catch (e) {
    if (e instanceof UnitAccessError) throw new Response("Forbidden", { status: 403 });
    throw e;
  }
}
