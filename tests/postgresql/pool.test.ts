import { afterAll, describe, expect, it } from "vitest";
import { createPostgresqlClient, prisma } from "~/utils/db.server";

/**
 * What a failover does to the app's pool: PostgreSQL ends every connection, some in the middle
 * of a transaction. Prisma's pg adapter returned such a connection to the pool only after a
 * successful COMMIT or ROLLBACK, both impossible on a cut connection, so each transaction in
 * flight kept a slot for ever; a pool full of them made every later request wait without end
 * (the server under load stopped answering: tests/postgresql/faults.test.ts).
 */
const app = createPostgresqlClient(process.env.DATABASE_URL!, 2);
afterAll(() => app.$disconnect());

const terminateOthers = () =>
  prisma.$executeRawUnsafe(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%pg_sleep(30)%'`,
  );

describe("the app's PostgreSQL pool when connections are cut", () => {
  it("serves again after every connection died inside a transaction", async () => {
    const cut = Promise.allSettled(
      [0, 1].map(() => app.$transaction(async (tx) => tx.$executeRawUnsafe("SELECT pg_sleep(30)"), { timeout: 60_000 })),
    );
    // both slots are inside a transaction, asleep
    for (let waited = 0; waited < 10_000; waited += 50) {
      const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()`,
      );
      if (Number(row!.n) === 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await terminateOthers();
    expect((await cut).map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);

    const started = Date.now();
    const after = await app.$transaction(async (tx) => tx.$queryRawUnsafe<{ one: number }[]>("SELECT 1 AS one"));
    expect(after).toEqual([{ one: 1 }]);
    // a fresh connection, not the 10 s wait for a free slot that ends in an error
    expect(Date.now() - started).toBeLessThan(5_000);
    // and outside a transaction
    expect(await app.$queryRawUnsafe<{ two: number }[]>("SELECT 2 AS two")).toEqual([{ two: 2 }]);
  }, 60_000);
});
