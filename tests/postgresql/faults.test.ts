import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashCode } from "~/codes/code.server";
import { prisma } from "~/utils/db.server";
import { freshCodes, plain } from "../support/codes";
import { pool } from "../support/pool";
import { postAnswers, startServer, type RunningServer } from "../support/server";

/**
 * Faults that PostgreSQL adds to those of tests/server/faults.test.ts: the database's connections
 * cut under the app during a submission load (a failover, a restarted server, an admin's
 * pg_terminate_backend), and the app killed mid-load. Either way every acknowledged answer is
 * stored, every used code has its response, and the server goes on serving.
 */
let server: RunningServer;
beforeAll(async () => {
  await freshCodes(1); // seeds the survey before the server opens the database
  server = await startServer();
}, 180_000);
afterAll(async () => {
  await server?.stop();
});

/** Submits every code with a marker comment; returns the markers of acknowledged (303) submits. */
async function submitAll(url: string, codes: string[], duringLoad: (acknowledged: string[]) => Promise<void>) {
  const acknowledged: string[] = [];
  const statuses: number[] = [];
  const load = pool(codes, 12, async (code) => {
    const marker = randomBytes(8).toString("hex");
    try {
      const r = await postAnswers(url, code, `feel_better=yes&comments=${marker}`);
      await r.arrayBuffer();
      statuses.push(r.status);
      if (r.status === 303) acknowledged.push(marker);
    } catch {
      statuses.push(0); // connection cut by a kill: no acknowledgement, no promise
    }
  });
  await duringLoad(acknowledged);
  await load;
  return { acknowledged, statuses };
}

/** Every acknowledged marker is stored; responses added = codes whose row is gone. */
async function expectConsistent(codes: string[], acknowledged: string[], responsesBefore: number) {
  const texts = new Set((await prisma.answer.findMany({ where: { questionKey: "comments" }, select: { text: true } })).map((a) => a.text));
  for (const marker of acknowledged) expect(texts.has(marker), marker).toBe(true);
  const secret = process.env.TOKEN_SECRET!;
  const left = await prisma.surveyCode.count({ where: { hash: { in: codes.map((c) => hashCode(c, secret)) } } });
  const used = codes.length - left;
  expect(used).toBeGreaterThanOrEqual(acknowledged.length);
  expect((await prisma.response.count()) - responsesBefore).toBe(used);
}

const waitFor = async (done: () => boolean) => {
  for (let waited = 0; !done() && waited < 20_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
};

describe("PostgreSQL connections cut during a submission load", () => {
  it("lose no acknowledged answer, leave no used code without its response, and the server recovers", async () => {
    const codes = (await freshCodes(80)).map((c) => plain(c.code));
    const before = await prisma.response.count();
    const { acknowledged, statuses } = await submitAll(server.url, codes, async (acked) => {
      await waitFor(() => acked.length >= 5);
      // every connection of the app's pool, mid-transaction or idle (not the test's own)
      await prisma.$executeRawUnsafe(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
    });
    expect(acknowledged.length).toBeGreaterThanOrEqual(5);
    // a submit cut mid-transaction may fail (500, the code stays usable), never half-stored
    expect(statuses.filter((s) => s !== 303 && s !== 500), server.stderr()).toEqual([]);
    await expectConsistent(codes, acknowledged, before);
    // the pool reconnects: a fresh code is answered
    const [fresh] = await freshCodes(1);
    expect((await postAnswers(server.url, plain(fresh!.code), "feel_better=no")).status).toBe(303);
  }, 120_000);
});

describe("an app server killed during a submission load", () => {
  it("keeps every acknowledged answer, and the codes not used still open after a restart", async () => {
    const victim = await startServer();
    const codes = (await freshCodes(80)).map((c) => plain(c.code));
    const before = await prisma.response.count();
    const { acknowledged } = await submitAll(victim.url, codes, async (acked) => {
      await waitFor(() => acked.length >= 5);
      await victim.stop("SIGKILL");
    });
    expect(acknowledged.length).toBeLessThan(codes.length); // the kill did cut the load short
    await expectConsistent(codes, acknowledged, before);
    const secret = process.env.TOKEN_SECRET!;
    const unused = new Set((await prisma.surveyCode.findMany({ select: { hash: true } })).map((c) => c.hash));
    const stillUnused = codes.filter((c) => unused.has(hashCode(c, secret)));
    expect(stillUnused.length).toBeGreaterThan(0);
    expect((await postAnswers(server.url, stillUnused[0]!, "feel_better=no")).status).toBe(303);
  }, 180_000);
});
