import { describe, expect, it } from "vitest";
import { checkCredentials, getUser, requireUser, safeRedirect, startSession } from "~/auth/session.server";
import { createUser, setUserActive } from "~/auth/users.server";
import { hasRole } from "~/auth/roles";

function withCookie(response: Response, url = "http://localhost/admin") {
  const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
  return new Request(url, { headers: { Cookie: cookie } });
}

describe("staff accounts", () => {
  it("stores a memory-hard hash, never the password", async () => {
    const { prisma } = await import("~/utils/db.server");
    await createUser({ email: "Hash@Example.se", role: "staff", password: "correct horse battery" });
    const row = await prisma.user.findUniqueOrThrow({ where: { email: "hash@example.se" } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("correct horse");
  });

  it("logs in with the right password only, and not when deactivated", async () => {
    const { id } = await createUser({ email: "a@example.se", role: "manager", password: "right-password-1" });
    expect(await checkCredentials("a@example.se", "wrong-password")).toBeNull();
    expect(await checkCredentials("nobody@example.se", "right-password-1")).toBeNull();
    expect(await checkCredentials("A@example.se", "right-password-1")).toBe(id);
    await setUserActive(id, false);
    expect(await checkCredentials("a@example.se", "right-password-1")).toBeNull();
  });

  it("keeps a session in an httpOnly SameSite=Strict cookie and ends it on deactivation", async () => {
    const { id } = await createUser({ email: "s@example.se", role: "staff", password: "right-password-1" });
    const response = await startSession(id, "/admin");
    const setCookie = response.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const request = withCookie(response);
    expect(await getUser(request)).toMatchObject({ email: "s@example.se", role: "staff" });
    await setUserActive(id, false);
    expect(await getUser(request)).toBeNull();
  });

  it("redirects anonymous users to /login and refuses a role too low with 403", async () => {
    const anonymous = await requireUser(new Request("http://localhost/admin/users?x=1")).catch((r: Response) => r);
    expect(anonymous).toBeInstanceOf(Response);
    expect((anonymous as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fusers%3Fx%3D1");

    const { id } = await createUser({ email: "low@example.se", role: "staff", password: "right-password-1" });
    const request = withCookie(await startSession(id, "/admin"), "http://localhost/admin/users");
    const refused = await requireUser(request, "admin").catch((r: Response) => r);
    expect((refused as Response).status).toBe(403);
  });

  it("orders roles admin > manager > staff", () => {
    expect(hasRole("admin", "manager")).toBe(true);
    expect(hasRole("manager", "admin")).toBe(false);
    expect(hasRole("staff", "staff")).toBe(true);
    expect(hasRole("root", "staff")).toBe(false);
  });

  it("only redirects to this site's pages after login", () => {
    const own = new URL(process.env.PUBLIC_URL ?? "http://localhost:3000").origin;
    expect(safeRedirect("/admin/results?month=2015-03#top")).toBe("/admin/results?month=2015-03#top");
    expect(safeRedirect(`${own}/admin/codes`)).toBe("/admin/codes");
    for (const attack of [
      "//evil.example",
      "https://evil.example",
      "/\t/evil.example/",
      "/\t/evil.example/phish",
      "/\n/evil.example",
      "\t//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/.//evil.example",
      "/%2e//evil.example",
      "javascript:alert(1)",
      " //evil.example",
      "/admin\u0000",
      "",
    ])
      expect(safeRedirect(attack), JSON.stringify(attack)).toBe("/admin");
    expect(safeRedirect(null)).toBe("/admin");
  });
});

describe("session lifetime and cookie", () => {
  it("ends a session left idle past SESSION_IDLE_MINUTES (30), and keeps one in use alive", async () => {
    const { prisma } = await import("~/utils/db.server");
    const { sessionId } = await import("~/auth/session.server");
    const { id } = await createUser({ email: "idle@example.se", role: "staff", password: "right-password-1" });
    const request = withCookie(await startSession(id, "/admin"));
    const sid = (await sessionId(request))!;
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    await prisma.session.update({ where: { id: sid }, data: { lastSeenAt: minutesAgo(29) } });
    expect(await getUser(request)).not.toBeNull();
    // using it moved the idle clock: another 29 minutes later it is still alive
    const seen = await prisma.session.findUniqueOrThrow({ where: { id: sid } });
    expect(seen.lastSeenAt.getTime()).toBeGreaterThan(minutesAgo(1).getTime());
    await prisma.session.update({ where: { id: sid }, data: { lastSeenAt: minutesAgo(31) } });
    expect(await getUser(request)).toBeNull();
    expect(await prisma.session.count({ where: { id: sid } })).toBe(0);
  });

  it("names the cookie __Host-session under https, where browsers hold it to Secure, host-only, path /", async () => {
    const { sessionCookieName, carriesStaffSession } = await import("~/auth/session-cookie");
    expect(sessionCookieName(true)).toBe("__Host-session");
    expect(sessionCookieName(false)).toBe("__session");
    expect(carriesStaffSession("lng=en; __Host-session=x")).toBe(true);
    expect(carriesStaffSession("x__session=1; lng=en")).toBe(false);
  });
});

describe("changing a password", () => {
  it("needs the current password, and ends the account's other sessions but not this one", async () => {
    const { changePassword } = await import("~/auth/users.server");
    const { sessionId } = await import("~/auth/session.server");
    const { id } = await createUser({ email: "change@example.se", role: "staff", password: "old-password-123" });
    const here = withCookie(await startSession(id, "/admin"));
    const elsewhere = withCookie(await startSession(id, "/admin"));
    expect(await changePassword(id, "not-it", "new-password-123", await sessionId(here))).toBe(false);
    expect(await changePassword(id, "old-password-123", "new-password-123", await sessionId(here))).toBe(true);
    expect(await checkCredentials("change@example.se", "old-password-123")).toBeNull();
    expect(await checkCredentials("change@example.se", "new-password-123")).toBe(id);
    expect(await getUser(here)).not.toBeNull();
    expect(await getUser(elsewhere)).toBeNull();
  });
});
