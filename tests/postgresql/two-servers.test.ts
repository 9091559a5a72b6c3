import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { freshCodes, plain } from "../support/codes";
import { postAnswers, startServer, type RunningServer } from "../support/server";

/**
 * What PostgreSQL adds: several app servers on one database. Each server queues its own
 * submits, so only the database's row lock and the claim's row count keep a code single-use
 * between servers.
 */
let servers: RunningServer[] = [];
beforeAll(async () => {
  await freshCodes(1); // seeds the survey before the servers open the database
  // one after the other: the first builds the app when the sources changed
  servers = [await startServer(), await startServer()];
}, 240_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

describe("two app servers on one PostgreSQL database", () => {
  it("save exactly one response for 60 simultaneous submits of one code split over both", async () => {
    const [c] = await freshCodes(1);
    const before = await prisma.response.count();
    const statuses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        postAnswers(servers[i % 2]!.url, plain(c!.code), "feel_better=yes").then(async (r) => (await r.arrayBuffer(), r.status)),
      ),
    );
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(59);
    expect(await prisma.response.count()).toBe(before + 1);
    // the counts reports read agree with the rows
    const answered = await prisma.codeCount.aggregate({ _sum: { answered: true } });
    expect(answered._sum.answered).toBe(await prisma.response.count());
  }, 120_000);

  it("save every one of 40 different codes submitted at once through both, whatever the answers", async () => {
    const codes = (await freshCodes(40)).map((c) => plain(c.code));
    const before = await prisma.response.count();
    // different answers touch the shared count cells in different combinations: two servers'
    // transactions must not deadlock over them
    const options = ["yes", "partly", "no"];
    const body = (i: number) =>
      `role=${["subjected", "perpetrator", "both"][i % 3]}&gender=${["woman", "man", "other"][(i >> 1) % 3]}` +
      `&feel_better=${options[i % 3]}&method_satisfaction=${options[(i >> 2) % 3]}&violence_by_type.physical=${["stopped", "reduced", "unchanged"][i % 3]}`;
    const statuses = await Promise.all(codes.map((code, i) => postAnswers(servers[i % 2]!.url, code, body(i)).then(async (r) => (await r.arrayBuffer(), r.status))));
    expect(statuses.every((s) => s === 303)).toBe(true);
    expect(await prisma.response.count()).toBe(before + 40);
    const cells = await prisma.answerCount.aggregate({ where: { level: 0, questionKey: "" }, _sum: { n: true } });
    expect(cells._sum.n).toBe(await prisma.response.count());
  }, 120_000);
});
