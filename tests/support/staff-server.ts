import Database from "better-sqlite3";
import { afterAll, beforeAll } from "vitest";
import { createUser } from "~/auth/users.server";
import { databasePath } from "~/utils/database-url";
import { prisma } from "~/utils/db.server";
import { freshCodes } from "./codes";
import { staffCookie, startServer, type RunningServer } from "./server";

export type StaffServer = {
  server: RunningServer;
  /** the staff account's session cookie */
  cookie: string;
  /** a form post of the logged-in account from the server's own origin, redirects not followed */
  post(path: string, body: string | Record<string, string>, headers?: Record<string, string>): Promise<{ status: number; location: string | null; text: string }>;
};

/**
 * For a test file of staff pages against the real server: before its tests, the reference survey
 * is seeded and a staff account made in the file's database, the server started on it with its
 * request log, and the account logged in; after them the server is stopped (a test may stop it
 * itself to read the whole log). Read the fields inside tests, once beforeAll has run.
 */
export function staffServer(account: { email: string; password: string }): StaffServer {
  const running: StaffServer = {
    server: undefined as unknown as RunningServer,
    cookie: "",
    post: (path, body, headers = {}) =>
      fetch(`${running.server.url}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: running.server.url, Cookie: running.cookie, ...headers },
        body: typeof body === "string" ? body : new URLSearchParams(body).toString(),
      }).then(async (r) => ({ status: r.status, location: r.headers.get("location"), text: await r.text() })),
  };
  beforeAll(async () => {
    await freshCodes(1); // seeds the survey in this file's database before the server opens it
    await createUser({ email: account.email, role: "staff", password: account.password });
    running.server = await startServer(undefined, { log: true });
    running.cookie = await staffCookie(running.server, account);
  }, 180_000);
  // stopping twice is harmless: a stopped server's stop() resolves with its exit code
  afterAll(() => running.server?.stop());
  return running;
}

/** Tables whose raw rows name the staff account: its id, its e-mail or one of its sessions. */
export async function tablesNamingStaff(email: string, tables: readonly string[] = ["SurveyCode", "CodeCount", "Response", "Answer", "AnswerCount", "FreeText"]): Promise<string[]> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { sessions: { select: { id: true } } } });
  const secrets = [user.id, user.email, ...user.sessions.map((s) => s.id)];
  const db = new Database(databasePath(), { readonly: true });
  try {
    return tables.filter((table) => {
      const text = JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all());
      return secrets.some((secret) => text.includes(secret));
    });
  } finally {
    db.close();
  }
}
