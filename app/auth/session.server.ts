import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { env } from "~/env.server";
import { prisma } from "~/utils/db.server";
import { hasRole, type Role } from "./roles";
import { sessionCookieName } from "./session-cookie";
import { hashPassword, verifyPassword } from "./password.server";

const SESSION_DAYS = 7;
/** The idle clock is refreshed at most this often, so browsing does not write on every request. */
const LAST_SEEN_GRAIN_MS = 60_000;

let storage: SessionStorage<{ sid: string }> | undefined;
function sessionStorage() {
  storage ??= createCookieSessionStorage<{ sid: string }>({
    cookie: {
      name: sessionCookieName(env().secureCookies),
      httpOnly: true,
      // never sent with a request another site starts, not even a top-level link (CSRF, decision 0012)
      sameSite: "strict",
      path: "/",
      secure: env().secureCookies,
      secrets: [env().sessionSecret],
    },
  });
  return storage;
}

export type StaffUser = { id: string; email: string; role: Role; unitId: string };

export async function sessionId(request: Request): Promise<string | undefined> {
  const session = await sessionStorage().getSession(request.headers.get("Cookie"));
  const id = session.get("sid");
  return typeof id === "string" ? id : undefined;
}

export async function getUser(request: Request): Promise<StaffUser | null> {
  const sid = await sessionId(request);
  if (!sid) return null;
  const row = await prisma.session.findUnique({
    where: { id: sid },
    select: { expiresAt: true, lastSeenAt: true, user: { select: { id: true, email: true, role: true, active: true, unitId: true } } },
  });
  if (!row || !row.user.active) return null;
  const now = Date.now();
  const idleMs = env().sessionIdleMinutes * 60_000;
  if (row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + idleMs <= now) {
    await prisma.session.deleteMany({ where: { id: sid } });
    return null;
  }
  if (now - row.lastSeenAt.getTime() >= LAST_SEEN_GRAIN_MS)
    await prisma.session.updateMany({ where: { id: sid }, data: { lastSeenAt: new Date(now) } });
  return { id: row.user.id, email: row.user.email, role: row.user.role as Role, unitId: row.user.unitId };
}

/** Whether the request carries the session of an active manager or admin (no redirect, no throw). */
export async function isManagerRequest(request: Request): Promise<boolean> {
  const user = await getUser(request);
  return user !== null && hasRole(user.role, "manager");
}

/** Redirects to /login when nobody is logged in; answers 403 when the role is too low. */
export async function requireUser(request: Request, role: Role = "staff"): Promise<StaffUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  if (!hasRole(user.role, role)) throw new Response("Forbidden", { status: 403 });
  return user;
}

/** The user id on success; null for an unknown e-mail, wrong password or deactivated account. */
export async function checkCredentials(email: string, password: string): Promise<string | null> {
  const user = await prisma.user.findUnique({ where: { email: email.toLowerCase() } });
  if (!user) {
    // equal work for unknown accounts, so timing does not reveal which e-mails exist
    await verifyPassword(await (dummyHash ??= hashPassword("not-a-real-account")), password);
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  return ok && user.active ? user.id : null;
}
let dummyHash: Promise<string> | undefined;

export async function startSession(userId: string, redirectTo: string): Promise<Response> {
  const id = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await prisma.session.create({ data: { id, userId, expiresAt } });
  const session = await sessionStorage().getSession();
  session.set("sid", id);
  return redirect(redirectTo, {
    headers: {
      "Set-Cookie": await sessionStorage().commitSession(session, { expires: expiresAt }),
    },
  });
}

export async function endSession(request: Request): Promise<Response> {
  const sid = await sessionId(request);
  if (sid) await prisma.session.deleteMany({ where: { id: sid } });
  const session = await sessionStorage().getSession(request.headers.get("Cookie"));
  return redirect("/login", {
    headers: { "Set-Cookie": await sessionStorage().destroySession(session) },
  });
}

/** Control characters (browsers drop tab and newline from URLs) and backslashes (read as "/"). */
const unsafeInRedirect = (to: string) => /\\/.test(to) || [...to].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/**
 * Only this site's own pages: the target is resolved against PUBLIC_URL, exactly as a browser
 * would resolve it, and kept only when it stays on PUBLIC_URL's origin, so an attacker's link
 * cannot bounce a fresh login (or a language switch) to another site.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/admin") {
  if (typeof to !== "string" || to === "" || unsafeInRedirect(to)) return fallback;
  const base = new URL(env().publicUrl);
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  const local = url.pathname + url.search + url.hash;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as a host
  if (url.origin !== base.origin || local.startsWith("//")) return fallback;
  return local;
}
