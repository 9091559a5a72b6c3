import { startSession } from "~/auth/session.server";
import { createUser } from "~/auth/users.server";

/**
 * Staff accounts of named units, signed in, for route tests that call loaders and actions
 * directly: `units[slug]` holds the unit ids the test made; each request carries one account's
 * session cookie.
 */
export function staffDesk() {
  const cookies: Record<string, string> = {};
  const units: Record<string, string> = {};
  return {
    cookies,
    units,
    async login(email: string, role: "staff" | "manager" | "orgmanager", unit?: string) {
      const user = await createUser({ email, role, password: "right-password-1", unitId: unit ? units[unit] : undefined });
      cookies[email] = (await startSession(user.id, "/admin")).headers.get("Set-Cookie")!.split(";")[0]!;
    },
    get: (who: string, path: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookies[who]! } }),
    post: (who: string, path: string, fields: Record<string, string> | FormData) =>
      new Request(`http://localhost${path}`, {
        method: "POST",
        headers: { Cookie: cookies[who]!, "Accept-Language": "en" },
        body: fields instanceof FormData ? fields : new URLSearchParams(fields),
      }),
  };
}

/** A loader's or action's arguments for a request. */
export const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

/** The HTTP status a loader or action answers with, returned or thrown (200 for data). */
export const status = (p: Promise<unknown>) =>
  p.then(
    (r) => (r instanceof Response ? r.status : 200),
    (e: unknown) => (e instanceof Response ? e.status : Promise.reject(e)),
  );
