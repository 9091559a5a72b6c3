import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";

/**
 * A fresh clone's first `npm start` under the usual umask 022: a directory with the project's
 * files linked in and no data/, so the server creates the database, its WAL and SHM and the
 * two secrets itself. Then another local account's view: what could it read?
 */
const checkout = fs.mkdtempSync(path.join(os.tmpdir(), "brukarrost-fresh-"));
const data = path.join(checkout, "data");
const fresh = { cwd: checkout, umask: "022", env: { DATABASE_URL: undefined, SESSION_SECRET: undefined, TOKEN_SECRET: undefined } };
const modeOf = (p: string) => fs.statSync(p).mode & 0o777;
const readableByOthers = (dir: string) =>
  [dir, ...fs.readdirSync(dir).map((f) => path.join(dir, f))].filter((p) => (modeOf(p) & 0o004) !== 0).map((p) => path.relative(checkout, p));

let server: RunningServer;
beforeAll(async () => {
  // a start in the real checkout brings the build up to date (a build through links fails)
  await (await startServer()).stop();
  for (const entry of fs.readdirSync(process.cwd()))
    if (!["data", "tests", ".git", "backups"].includes(entry)) fs.symlinkSync(path.resolve(entry), path.join(checkout, entry));
  server = await startServer(undefined, fresh);
}, 180_000);
afterAll(async () => {
  await server?.stop();
  fs.rmSync(checkout, { recursive: true, force: true });
});

describe("files an operator can trust", () => {
  it("leaves nothing in data/ that another account could read after a fresh start with umask 022", async () => {
    // a failed login writes through the WAL
    const login = await fetch(`${server.url}/login`, {
      method: "POST",
      body: "email=nobody%40example.se&password=wrong-password-1",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
      redirect: "manual",
    });
    expect(login.status).toBeLessThan(500);
    const files = fs.readdirSync(data).sort();
    expect(files).toEqual(expect.arrayContaining(["brukarrost.db", "brukarrost.db-shm", "brukarrost.db-wal", "session-secret", "token-secret"]));
    expect(modeOf(data)).toBe(0o700);
    for (const f of files) expect([f, modeOf(path.join(data, f)).toString(8)]).toEqual([f, "600"]);
    expect(readableByOthers(data)).toEqual([]);
  });

  it("writes `backup --out` as 0600 in a 0700 directory, whatever the umask", () => {
    execFileSync("/bin/sh", ["-c", `umask 022 && exec "$@"`, "sh", process.execPath, "--import", "tsx", "app/cli/main.ts", "backup", "--out", "backups/nightly.db"], {
      cwd: checkout,
      env: { ...process.env, DATABASE_URL: "file:./data/brukarrost.db" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(modeOf(path.join(checkout, "backups", "nightly.db"))).toBe(0o600);
    expect(modeOf(path.join(checkout, "backups"))).toBe(0o700);
    expect(fs.readdirSync(path.join(checkout, "backups"))).toEqual(["nightly.db"]);
  });

  it("refuses to start in production on a database others can read, naming the chmod that fixes it", async () => {
    await server.stop();
    fs.chmodSync(path.join(data, "brukarrost.db"), 0o644);
    fs.chmodSync(data, 0o755);
    const secret = "s".repeat(40);
    const production = { ...fresh, env: { ...fresh.env, NODE_ENV: "production", SESSION_SECRET: secret, TOKEN_SECRET: secret } };
    await expect(startServer(undefined, production)).rejects.toThrow(/Fix: chmod 700 data && chmod 600 data\/brukarrost\.db\b/);
    // the named fix is enough: the same start then serves
    execFileSync("/bin/sh", ["-c", "chmod 700 data && chmod 600 data/brukarrost.db"], { cwd: checkout });
    server = await startServer(undefined, production);
    expect((await fetch(`${server.url}/healthz`)).ok).toBe(true);
  }, 120_000);
});
