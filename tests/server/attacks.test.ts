/**
 * The attacks of issue 12, each with the reproduction it was found by, against the real server
 * (production build, loopback only), plus a bounded fuzz of bodies and headers. Throughout, the
 * server may never answer 500, /healthz may never wait 2 s, and its RSS may not grow 100 MB.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/auth/users.server";
import { prisma } from "~/utils/db.server";
import { freshCodes, plain } from "../support/codes";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
const ADMIN = { email: "attack-admin@example.se", password: "attack-admin-password-1" };

beforeAll(async () => {
  await freshCodes(1); // seeds the survey in this file's database before the server opens it
  await createUser({ email: ADMIN.email, role: "admin", password: ADMIN.password });
  process.env.TRUST_PROXY = "1"; // as behind the README's TLS terminator: X-Forwarded-For names the client
  server = await startServer();
}, 180_000);
afterAll(async () => {
  await server?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let nextClient = 0;
/** A fresh client address, as the TLS terminator reports it. */
const client = () => {
  const n = ++nextClient;
  return { "X-Forwarded-For": `198.51.${100 + Math.floor(n / 250)}.${(n % 250) + 1}` };
};
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

function rssMb(): number {
  const status = fs.readFileSync(`/proc/${server.process.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/**
 * Runs an attack while /healthz is asked every 100 ms from elsewhere, and checks the promises:
 * no health check waits 2 s, and the server grows by less than 100 MB.
 */
async function watched<T>(attack: () => Promise<T>): Promise<T> {
  const before = rssMb();
  let peak = before;
  let slowest = 0;
  let running = true;
  const probe = (async () => {
    while (running) {
      const start = performance.now();
      const r = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) });
      await r.arrayBuffer();
      expect(r.status).toBe(200);
      slowest = Math.max(slowest, performance.now() - start);
      peak = Math.max(peak, rssMb());
      await sleep(100);
    }
  })();
  try {
    return await attack();
  } finally {
    running = false;
    await probe;
    peak = Math.max(peak, rssMb());
    expect(slowest, "slowest /healthz during the attack (ms)").toBeLessThan(2_000);
    expect(peak - before, "RSS growth during the attack (MB)").toBeLessThan(100);
  }
}

type Sent = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A request through node:http, whose body may be streamed and huge (`bodyBytes` of "a"). */
function send(
  pathname: string,
  init: { method?: string; headers?: Record<string, string | number>; body?: string | Buffer; bodyBytes?: number; chunked?: boolean },
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const total = init.bodyBytes ?? 0;
    const headers = { ...init.headers };
    if (init.bodyBytes !== undefined && !init.chunked) headers["Content-Length"] = total;
    const req = http.request(`${server.url}${pathname}`, { method: init.method ?? "POST", headers, agent: false });
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        resolve({ status: res.statusCode!, headers: res.headers, body });
        req.destroy();
      });
    });
    req.on("error", (e) => {
      if (!answered) reject(e);
    });
    if (init.bodyBytes === undefined) return void req.end(init.body);
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

async function logIn(account = ADMIN): Promise<string> {
  const r = await send("/login", {
    headers: { ...FORM, ...client(), Origin: server.url },
    body: new URLSearchParams({ email: account.email, password: account.password }).toString(),
  });
  expect(r.status).toBe(302);
  const cookie = String(r.headers["set-cookie"]);
  expect(cookie).toMatch(/SameSite=Strict/i);
  return cookie.split(";")[0]!;
}

describe("1. form parsing is linear and bounded", () => {
  it("answers the 64 KB and 256 KB bodies of `x=&x=&…` at once, and the code stays unused", async () => {
    const [c] = await freshCodes(1);
    const code = plain(c!.code);
    await watched(async () => {
      for (const size of [64 * 1024, 255 * 1024]) {
        const start = performance.now();
        const r = await send(`/s/${code}`, { headers: { ...FORM, ...client() }, body: "x=&".repeat(size / 3) });
        expect(r.status).toBe(400);
        expect(performance.now() - start).toBeLessThan(2_000);
      }
      // the same, repeated, as anyone holding one slip could
      await Promise.all(
        Array.from({ length: 20 }, () => send(`/s/${code}`, { headers: { ...FORM, ...client() }, body: "x=&".repeat(21_000) })),
      );
    });
    expect((await fetch(`${server.url}/s/${code}`)).status).toBe(200);
  }, 60_000);

  it("still takes a full form with a multiple-choice field repeated hundreds of times", async () => {
    const [c] = await freshCodes(1);
    const r = await send(`/s/${plain(c!.code)}`, { headers: { ...FORM, ...client() }, body: "x=&".repeat(900) + "feel_better=yes" });
    expect(r.status).toBe(400); // unknown question x: refused by the form, not by the limits
    expect(r.body).toContain("feel_better");
  });
});

describe("2. body size is enforced while the body streams in", () => {
  it("refuses 150 MB to a respondent URL, streamed without a length, with 413 and no growth", async () => {
    const r = await watched(() =>
      send("/s/AAAAAAAAAAAA?lang=en", { headers: { ...FORM, ...client() }, bodyBytes: 150 * 1024 * 1024, chunked: true }),
    );
    expect(r.status).toBe(413);
    expect(r.body).toContain("Your answers were too large to send");
  }, 60_000);

  it("refuses 150 MB to /login by its Content-Length before reading it, in the staff language", async () => {
    const r = await watched(() =>
      send("/login", { headers: { ...FORM, ...client(), "Accept-Language": "en" }, bodyBytes: 150 * 1024 * 1024 }),
    );
    expect(r.status).toBe(413);
    expect(r.body).toContain("What you sent is too large");
  }, 60_000);

  it("refuses a chunked questionnaire upload over the upload limit, in Swedish by default", async () => {
    const cookie = await logIn();
    const r = await watched(() =>
      send("/admin/surveys?index", {
        headers: { "Content-Type": "multipart/form-data; boundary=x", Cookie: cookie, Origin: server.url, ...client() },
        bodyBytes: 3 * 1024 * 1024,
        chunked: true,
      }),
    );
    expect(r.status).toBe(413);
    expect(r.body).toContain("Det du skickade är för stort");
  }, 60_000);

  it("answers a respondent's oversized form in the language of the page", async () => {
    const r = await send("/s/AAAAAAAAAAAA?lang=ar", { headers: { ...FORM, ...client() }, body: "comments=" + "y".repeat(300_000) });
    expect(r.status).toBe(413);
    expect(r.body).toContain('lang="ar" dir="rtl"');
  });
});

describe("3. one origin check for every write", () => {
  const newAdmin = () => new URLSearchParams({ intent: "create", email: `csrf-${randomBytes(4).toString("hex")}@evil.example`, role: "admin" });

  it("refuses the cross-port auto-post to /admin/users.data that created an admin", async () => {
    const cookie = await logIn();
    const body = newAdmin();
    const evilPort = new URL(server.url).port === "1" ? "2" : "1";
    const forged: Record<string, string>[] = [
      { Origin: `http://127.0.0.1:${evilPort}`, "Sec-Fetch-Site": "same-site" },
      { Origin: "null" }, // the cross-origin 307 over plain http
      { Origin: "null", "Sec-Fetch-Site": "cross-site" },
      {}, // no Origin at all, with the session cookie
      // the server bound port 0: its origin is exactly the address it printed, not the
      // localhost default nor the bare host
      { Origin: `http://localhost:${new URL(server.url).port}`, "Sec-Fetch-Site": "same-site" },
      { Origin: "http://127.0.0.1", "Sec-Fetch-Site": "same-site" },
    ];
    for (const headers of forged) {
      for (const target of ["/admin/users.data", "/admin/users"]) {
        const r = await send(target, { headers: { ...FORM, ...headers, Cookie: cookie }, body: body.toString() });
        expect(r.status, `${target} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect(await prisma.user.count({ where: { email: body.get("email")! } })).toBe(0);
  });

  it("lets the same post through from PUBLIC_URL's origin, or null marked same-origin", async () => {
    // the start output sends staff to that origin, not merely to the address it bound
    const opened = /Open (\S+) in the browser\./.exec(server.stdout())?.[1];
    expect(opened).toBe(server.url);
    const cookie = await logIn();
    const genuine: Record<string, string>[] = [{ Origin: opened! }, { Origin: "null", "Sec-Fetch-Site": "same-origin" }];
    for (const headers of genuine) {
      const body = newAdmin();
      const r = await send("/admin/users.data", { headers: { ...FORM, ...headers, Cookie: cookie }, body: body.toString() });
      expect(r.status).toBe(200);
      expect(await prisma.user.count({ where: { email: body.get("email")! } })).toBe(1);
    }
  });

  it("refuses ?_data= requests, the data protocol from before single fetch, whatever their origin", async () => {
    const cookie = await logIn();
    const body = newAdmin();
    const r = await send("/admin/users?_data=routes%2Fadmin.users", { headers: { ...FORM, Cookie: cookie, Origin: server.url }, body: body.toString() });
    expect(r.status).toBe(400);
    expect(await prisma.user.count({ where: { email: body.get("email")! } })).toBe(0);
    expect((await fetch(`${server.url}/login?_data=routes%2Flogin`)).status).toBe(400);
  });

  it("refuses a cross-site post to a resource route and to a respondent form", async () => {
    const [c] = await freshCodes(1);
    const language = await send("/language", { headers: { ...FORM, Origin: "https://evil.example" }, body: "lang=en&redirectTo=/admin" });
    expect(language.status).toBe(403);
    const answer = await send(`/s/${plain(c!.code)}`, { headers: { ...FORM, ...client(), Origin: "https://evil.example" }, body: "feel_better=yes" });
    expect(answer.status).toBe(403);
    expect((await fetch(`${server.url}/s/${plain(c!.code)}`)).status).toBe(200); // not used
  });
});

describe("4. redirects stay on PUBLIC_URL", () => {
  const attacks = ["/\t/evil.example/x", "/\n/evil.example", "/\\evil.example", "//evil.example", "/.//evil.example", "https://evil.example/"];

  it("after login, also through .data (where JavaScript follows the redirect)", async () => {
    for (const redirectTo of attacks) {
      for (const target of ["/login", "/login.data"]) {
        const r = await send(target, {
          headers: { ...FORM, ...client(), Origin: server.url },
          body: new URLSearchParams({ email: ADMIN.email, password: ADMIN.password, redirectTo }).toString(),
        });
        expect(r.headers.location, JSON.stringify(redirectTo)).toBe("/admin");
        expect(r.body).not.toContain("evil.example");
      }
    }
  });

  it("after choosing a language", async () => {
    for (const redirectTo of attacks) {
      const r = await send("/language", { headers: { ...FORM, Origin: server.url }, body: new URLSearchParams({ lang: "en", redirectTo }).toString() });
      expect(r.headers.location, JSON.stringify(redirectTo)).toBe("/admin");
    }
    const own = await send("/language", { headers: { ...FORM, Origin: server.url }, body: "lang=en&redirectTo=%2Fadmin%2Fresults" });
    expect(own.headers.location).toBe("/admin/results");
  });
});

describe("5. throttling behind a proxy", () => {
  const guess = (headers: Record<string, string>, i: number) =>
    fetch(`${server.url}/s/ZZZZZZZZZZ${String(i).padStart(2, "0")}`, { headers }).then((r) => r.status);

  it("keys clients by X-Forwarded-For: one guesser does not block the shelter next door", async () => {
    const guesser = client();
    for (let i = 0; i < 10; i++) expect(await guess(guesser, i)).not.toBe(429);
    expect(await guess(guesser, 10)).toBe(429);
    expect(await guess(client(), 11)).not.toBe(429);
  });

  it("never refuses a valid code, however many wrong guesses came from the same address", async () => {
    const shared = client(); // a shelter's Wi-Fi
    for (let i = 0; i < 12; i++) await guess(shared, i);
    expect(await guess(shared, 12)).toBe(429);
    const [c] = await freshCodes(1);
    expect((await fetch(`${server.url}/s/${plain(c!.code)}`, { headers: shared })).status).toBe(200);
    const r = await send(`/s/${plain(c!.code)}`, { headers: { ...FORM, ...shared }, body: "feel_better=yes" });
    expect(r.status).toBe(303);
  });

  it("counts every address of an IPv6 /64 as one client", async () => {
    for (let i = 0; i < 10; i++) await guess({ "X-Forwarded-For": `2001:db8:77:1::${(i + 1).toString(16)}` }, i);
    expect(await guess({ "X-Forwarded-For": "2001:db8:77:1:ffff::9" }, 10)).toBe(429);
    expect(await guess({ "X-Forwarded-For": "2001:db8:77:2::1" }, 11)).not.toBe(429);
  });

  it("checks exactly 5 passwords for 80 parallel wrong logins to one account", async () => {
    const account = { email: "parallel@example.se", password: "parallel-password-1" };
    await createUser({ ...account, role: "staff" });
    const replies = await Promise.all(
      Array.from({ length: 80 }, () =>
        send("/login.data", {
          headers: { ...FORM, ...client(), Origin: server.url, "Accept-Language": "en" },
          body: new URLSearchParams({ email: account.email, password: "wrong-password" }).toString(),
        }),
      ),
    );
    // .data answers carry the action's reply only, not the page's translations
    expect(replies.filter((r) => r.body.includes("Wrong e-mail or password."))).toHaveLength(5);
    expect(replies.filter((r) => r.body.includes("Too many failed attempts"))).toHaveLength(75);
  }, 60_000);

  it("throttles wrong current passwords on /admin/account", async () => {
    const account = { email: "changer@example.se", password: "changer-password-1" };
    await createUser({ ...account, role: "staff" });
    const cookie = await logIn(account);
    const change = (current: string) =>
      send("/admin/account", {
        headers: { ...FORM, Cookie: cookie, Origin: server.url, "Accept-Language": "en", ...client() },
        body: new URLSearchParams({ current, password: "a-new-password-123", repeat: "a-new-password-123" }).toString(),
      });
    for (let i = 0; i < 5; i++) expect((await change(`guess-${i}`)).body).toContain("Wrong password.");
    expect((await change(account.password)).body).toContain("Too many wrong passwords");
  });
});

describe("6. staff sessions", () => {
  it("sets an httpOnly SameSite=Strict cookie that ends after the idle timeout", async () => {
    const cookie = await logIn();
    expect((await fetch(`${server.url}/admin`, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(200);
    const sid = await prisma.session.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    await prisma.session.update({ where: { id: sid.id }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    const r = await fetch(`${server.url}/admin`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toMatch(/^\/login/);
  });
});

describe("8. a malformed language cookie", () => {
  it("answers no public page with a 500", async () => {
    const [c] = await freshCodes(1);
    for (const page of ["/", "/login", "/s", `/s/${plain(c!.code)}`, "/s/thanks", "/s/AAAAAAAAAAAA", "/accessibility", "/healthz"]) {
      for (const cookie of ["lng=%E0%A4%A", "lng=%", "__session=%E0%A4%A; lng=%FF", "lng=sv; lng=%E0"]) {
        const r = await fetch(`${server.url}${page}`, { headers: { Cookie: cookie, ...client() }, redirect: "manual" });
        expect(r.status, `${page} with ${cookie}`).toBeLessThan(500);
      }
    }
  });
});

describe("9. the command line", () => {
  it("writes a whole export into a pipe", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-pipe-"));
    const out = path.join(dir, "export.json");
    const cli = `"${process.execPath}" --import tsx app/cli/main.ts surveys export brukarenkat`;
    execFileSync("sh", ["-c", `${cli} --out "${out}"`], { env: process.env });
    const piped = execFileSync("sh", ["-c", `${cli} | wc -c`], { env: process.env, encoding: "utf8" });
    expect(fs.statSync(out).size).toBeGreaterThan(65_536); // larger than one pipe buffer
    expect(Number(piped.trim())).toBe(fs.statSync(out).size);
  }, 60_000);
});

describe("a bounded fuzz of bodies and headers", () => {
  it("gives no 500 and no hang for 1,500 hostile requests", async () => {
    const [c] = await freshCodes(1);
    const code = plain(c!.code);
    const cookie = await logIn();
    const pick = <T,>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
    const junk = (n: number) => randomBytes(n).toString(pick(["latin1", "base64", "hex"] as const));
    const paths = [`/s/${code}`, "/s/AAAAAAAAAAAA", "/s", "/login", "/language", "/admin/users", "/admin/account", "/admin/codes", "/admin/surveys?index", "/logout", `/s/${code}.data`, `/s/${code}?_data=routes%2Fs.%24code`, "/admin/users.data", "/login.data", "/nowhere"];
    const bodies = [
      () => "x=&".repeat(Math.floor(Math.random() * 5000)),
      () => `comments=${"%".repeat(Math.floor(Math.random() * 100))}${junk(50)}`,
      () => `${junk(200)}=${junk(2000)}`,
      () => `feel_better=yes&${"gender=woman&".repeat(Math.floor(Math.random() * 900))}`,
      () => "a".repeat(Math.floor(Math.random() * 300_000)),
      () => randomBytes(Math.floor(Math.random() * 4096)),
      () => `--x\r\nContent-Disposition: form-data; name="file"; filename="q.json"\r\n\r\n${junk(1000)}\r\n--x--`,
      () => `email=${junk(10)}&password=${junk(300)}&redirectTo=${encodeURIComponent("/\t/evil.example")}`,
    ];
    const types = ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "multipart/form-data", "application/json", "text/plain", junk(20).replace(/[^\x20-\x7e]/g, "")];
    const origins = [server.url, "null", "https://evil.example", undefined, junk(12).replace(/[^\x21-\x7e]/g, "")];
    const cookies = [cookie, `${cookie}; lng=%E0%A4%A`, "lng=%", `__session=${junk(40).replace(/[^\x21-\x7e]/g, "")}`, undefined];
    const deadline = Date.now() + 45_000;
    const statuses = await watched(async () => {
      const seen: number[] = [];
      const worker = async () => {
        for (let i = 0; i < 1500 / 4 && Date.now() < deadline; i++) {
          const headers: Record<string, string> = { "Content-Type": pick(types), "X-Forwarded-For": pick(["198.51.100.200", "2001:db8::1", junk(8).replace(/[^\x21-\x7e]/g, "")]) };
          const origin = pick(origins);
          if (origin) headers.Origin = origin;
          const cookieHeader = pick(cookies);
          if (cookieHeader) headers.Cookie = cookieHeader;
          headers["Accept-Language"] = pick(["ar", "en;q=x", junk(30).replace(/[^\x20-\x7e]/g, ""), "*"]);
          headers["Sec-Fetch-Site"] = pick(["same-origin", "cross-site", "none", "x"]);
          const method = pick(["POST", "POST", "POST", "PUT", "DELETE", "PATCH", "GET"]);
          try {
            const r = await send(pick(paths), { method, headers, body: method === "GET" ? undefined : pick(bodies)() });
            seen.push(r.status);
          } catch (e) {
            // only a refused oversized body may lose its connection
            expect(String(e)).toMatch(/ECONNRESET|EPIPE|socket hang up/);
          }
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      return seen;
    });
    expect(statuses.length).toBeGreaterThan(300);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect((await fetch(`${server.url}/s/${code}`)).status).toBe(200);
  }, 90_000);
});
