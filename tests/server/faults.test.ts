import { randomBytes } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashCode } from "~/codes/code.server";
import { prisma } from "~/utils/db.server";
import { freshCodes, plain } from "../support/codes";
import { pool } from "../support/pool";
import { postAnswers, startServer, type RunningServer } from "../support/server";


let server: RunningServer;
beforeAll(async () => {
  await freshCodes(1); // seeds the survey in this file's database before the server opens it
  server = await startServer();
}, 180_000);
afterAll(async () => {
  await server?.stop();
});

describe("faults and abuse against the running server", () => {
  it("saves exactly one response for 100 parallel submits of one code", async () => {
    const [c] = await freshCodes(1);
    const before = await prisma.response.count();
    const statuses = await Promise.all(
      Array.from({ length: 100 }, () => postAnswers(server.url, plain(c!.code), "feel_better=yes").then(async (r) => (await r.arrayBuffer(), r.status))),
    );
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(99);
    expect(await prisma.response.count()).toBe(before + 1);
  });

  it("answers a refused submit in the client's language, a 410 in theirs too, and uses no code", async () => {
    const [c] = await freshCodes(1, { lang: "ti", confirmDraftLanguage: true });
    const refused = await postAnswers(server.url, plain(c!.code), "lang=ti&violence_stopped=maybe");
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/<html[^>]* lang="ti"/);
    expect((await postAnswers(server.url, plain(c!.code), "lang=ti&violence_stopped=yes")).status).toBe(303);
    const used = await postAnswers(server.url, plain(c!.code), "lang=ar&violence_stopped=yes");
    expect(used.status).toBe(410);
    expect(await used.text()).toMatch(/<html[^>]* lang="ar"/);
  });

  it("throttles code guessing from one address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await fetch(`${server.url}/s/ZZZZZZZZZZ${String(i).padStart(2, "0")}`)).status);
    // at most 10 distinct refused codes a minute; the used codes of the two tests before, seconds
    // ago, count too (when they ran). Before the 10,000 bad submissions: after them (about a
    // minute) the window of those first refusals could end in the middle of these requests.
    const throttledFrom = statuses.indexOf(429);
    expect(throttledFrom).toBeGreaterThanOrEqual(8);
    expect(throttledFrom).toBeLessThanOrEqual(10);
    expect(statuses.slice(0, throttledFrom).every((s) => s === 410)).toBe(true);
    expect(statuses.slice(throttledFrom).every((s) => s === 429)).toBe(true);
  });

  it("answers 10,000 bad submissions without a 500, consuming no code, and keeps serving", async () => {
    const codes = (await freshCodes(50)).map((c) => plain(c.code));
    const junk = () => randomBytes(1 + Math.floor(Math.random() * 12)).toString("base64url");
    const bodies: (() => { body: string; init?: RequestInit })[] = [
      () => ({ body: `${junk()}=${junk()}` }), // unknown question
      () => ({ body: `violence_stopped=${junk()}` }), // unknown option
      () => ({ body: `violence_by_type.${junk()}=stopped` }), // unknown matrix row
      () => ({ body: `gender=woman&gender=man` }), // two answers to one choice
      () => ({ body: `comments=${"x".repeat(2001 + Math.floor(Math.random() * 3000))}` }), // too long
      () => ({ body: `comments=%E0%A4${["", "%", "%G1", "%2"][Math.floor(Math.random() * 4)]}` }), // broken percent-encoding
      () => ({ body: `comments=%FF%FE%00` }), // invalid UTF-8 and NUL
      () => ({ body: `comments=${"y".repeat(300_000)}` }), // oversized
      () => ({ body: `{"violence_stopped":"yes"}`, init: { headers: { "Content-Type": "application/json" } } }),
      () => ({ body: `violence_stopped=yes`, init: { method: ["PUT", "PATCH", "DELETE"][Math.floor(Math.random() * 3)] } }),
      () => ({ body: `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--`, init: { headers: { "Content-Type": "multipart/form-data; boundary=x" } } }),
      () => ({ body: `method_satisfaction=yes&role=${junk()}` }),
      () => ({ body: `=&&=x&%20=%20` }),
    ];
    const statuses = await pool(Array.from({ length: 10_000 }, (_, i) => i), 16, async (i) => {
      const make = bodies[i % bodies.length]!();
      const response = await postAnswers(server.url, codes[i % codes.length]!, make.body, {
        ...make.init,
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...(make.init?.headers as Record<string, string>) },
      });
      await response.arrayBuffer();
      return response.status;
    });
    const counts = statuses.reduce<Record<number, number>>((acc, s) => ((acc[s] = (acc[s] ?? 0) + 1), acc), {});
    expect(Object.keys(counts).map(Number).filter((s) => s >= 500)).toEqual([]);
    expect(counts[303] ?? 0).toBe(0);
    const used = await Promise.all(codes.map((c) => fetch(`${server.url}/s/${c}`).then((r) => r.status)));
    expect(used.every((s) => s === 200)).toBe(true); // every code still opens: none was consumed
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 420_000); // about 75 s alone on 2 cores; beside the other test files in CI it took over 180 s

});

describe("a server killed during a submission load", () => {
  it("keeps every acknowledged answer, and no used code lacks its response", async () => {
    const victim = await startServer();
    const codes = (await freshCodes(300)).map((c) => plain(c.code));
    const responsesBefore = await prisma.response.count();
    const acknowledged: string[] = [];
    const load = pool(codes, 24, async (code) => {
      const marker = randomBytes(8).toString("hex");
      try {
        const r = await postAnswers(victim.url, code, `feel_better=yes&comments=${marker}`);
        if (r.status === 303) acknowledged.push(marker);
      } catch {
        // connection cut by the kill: no acknowledgement, no promise
      }
    });
    // kill mid-load: after some answers were acknowledged, with others in flight
    for (let waited = 0; acknowledged.length < 10 && waited < 10_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    expect(acknowledged.length).toBeGreaterThanOrEqual(10);
    await victim.stop("SIGKILL");
    await load;
    expect(acknowledged.length).toBeLessThan(codes.length); // the kill did cut the load short

    const texts = new Set((await prisma.answer.findMany({ where: { questionKey: "comments" }, select: { text: true } })).map((a) => a.text));
    for (const marker of acknowledged) expect(texts.has(marker), marker).toBe(true);
    // the free-text table committed with its answers: the same texts, no more, no fewer
    const copies = (await prisma.freeText.findMany({ where: { questionKey: "comments" }, select: { text: true } })).map((t) => t.text);
    expect(copies.sort()).toEqual([...texts].filter((t): t is string => t !== null).sort());
    // a used code's row is deleted with the submit: the codes gone are the codes used
    const secret = process.env.TOKEN_SECRET!;
    const unused = new Set(
      (await prisma.surveyCode.findMany({ where: { hash: { in: codes.map((c) => hashCode(c, secret)) } }, select: { hash: true } })).map((c) => c.hash),
    );
    const stillUnused = codes.filter((c) => unused.has(hashCode(c, secret)));
    const usedCodes = codes.length - stillUnused.length;
    expect(usedCodes).toBeGreaterThanOrEqual(acknowledged.length);
    expect((await prisma.response.count()) - responsesBefore).toBe(usedCodes);

    // after a restart the server answers, and every code not used still opens and can be answered
    const restarted = await startServer();
    const open = await Promise.all(stillUnused.map((c) => fetch(`${restarted.url}/s/${c}`).then((r) => r.status)));
    expect(open.every((s) => s === 200)).toBe(true);
    expect((await postAnswers(restarted.url, stillUnused[0]!, "feel_better=no")).status).toBe(303);
    await restarted.stop();
  }, 180_000);
});

/** A submit on its own connection; with Expect: 100-continue the body waits for `send()`. */
function rawSubmit(port: string, code: string, body: string, waitForContinue: boolean) {
  const bytes = Buffer.from(body);
  const request = http.request({
    host: "127.0.0.1",
    port,
    path: `/s/${code}`,
    method: "POST",
    agent: false,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": bytes.length,
      ...(waitForContinue ? { Expect: "100-continue" } : {}),
    },
  });
  const continued = new Promise<void>((resolve) => request.once("continue", resolve));
  const status = new Promise<number | string>((resolve) => {
    request.once("response", (r) => (r.resume(), resolve(r.statusCode!)));
    request.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
  if (!waitForContinue) request.end(bytes);
  return { continued, status, send: () => request.end(bytes) };
}

describe("a server asked to stop during a submission load", () => {
  it("answers every request it had accepted with its 303, refuses later ones, then exits cleanly", async () => {
    const server = await startServer();
    const codes = (await freshCodes(40)).map((c) => plain(c.code));
    const responsesBefore = await prisma.response.count();
    const { port } = new URL(server.url);
    // the server's "100 Continue" proves it accepted and parsed the request before the signal
    const accepted = codes.slice(0, 20).map((code) => rawSubmit(port, code, "feel_better=yes", true));
    await Promise.all(accepted.map((a) => a.continued));
    const exited = server.stop("SIGTERM");
    await new Promise((r) => setTimeout(r, 200)); // the listener closes; accepted requests still wait for their bodies
    const late = await Promise.all(codes.slice(20).map((code) => rawSubmit(port, code, "feel_better=yes", false).status));
    for (const a of accepted) a.send();

    expect(await Promise.all(accepted.map((a) => a.status))).toEqual(Array(20).fill(303));
    // after the signal: refused at the door (or, if the listener was still open, served in full)
    expect(late.filter((s) => s !== "ECONNREFUSED" && s !== 303)).toEqual([]);
    expect(await exited).toBe(0);
    const lateSaved = late.filter((s) => s === 303).length;
    expect((await prisma.response.count()) - responsesBefore).toBe(20 + lateSaved);
  }, 180_000);
});
