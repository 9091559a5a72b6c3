import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { env } from "~/env.server";
import { prisma } from "~/utils/db.server";
import { hasRole, type Role } from "./roles";
import { hashPassword, verifyPassword } from "./password.server";

const SESSION_DAYS = 7;

let storage: SessionStorage<{ sid: string }> | undefined;
function sessionStorage() {
  storage ??= createCookieSessionStorage<{ sid: string }>({
    cookie: {
      name: "__session",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: env().secureCookies,
      secrets: [env().sessionSecret],
    },
  });
  return storage;
}

export type StaffUser = { id: string; email: string; role: Role };

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
    select: { expiresAt: true, user: { select: { id: true, email: true, role: true, active: true } } },
  });
  if (!row || row.expiresAt < new Date() || !row.user.active) return null;
  return { id: row.user.id, email: row.user.email, role: row.user.role as Role };
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

/** Only local paths: an attacker's link cannot bounce a fresh login to another site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/admin") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\"))
    return fallback;
  return to;
}
