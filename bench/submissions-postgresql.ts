/**
 * bench/submissions.ts against the production server on PostgreSQL: a throwaway cluster with
 * fsync and synchronous commit on (as a server runs), the reference questionnaire, fresh codes,
 * the same autocannon runs; beside the raw one-transaction-per-submit rate of the same cluster.
 * A process of its own: the app's Prisma client is bound to one database per process.
 */
import pg from "pg";
import { randomUUID } from "node:crypto";
import { freePort, startCluster } from "../scripts/postgresql-cluster";
import { inAnswerOrder, startBenchServer } from "./support";
import { submissions } from "./submissions";

/**
 * The raw loop on PostgreSQL: per submit one transaction (a code row deleted, one response and
 * its eleven answers inserted in one statement each) committed with fsync, on one connection.
 */
async function rawInsertRatePostgresql(url: string, seconds = 3): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const versionId = (await db.query<{ id: string }>(`SELECT "id" FROM "SurveyVersion" ORDER BY "version" DESC LIMIT 1`)).rows[0]!.id;
    const codes = inAnswerOrder((await db.query<{ hash: string }>(`SELECT "hash" FROM "SurveyCode" WHERE "stock" = false`)).rows.map((c) => c.hash));
    const keys = ["role", "gender", "contact_satisfaction", "method_satisfaction", "alternative_strategies", "expectations_met", "feel_better", "violence_stopped", "q9", "q10", "q11"];
    const answers = `INSERT INTO "Answer" ("responseId", "questionKey", "rowKey", "optionKey", "text") VALUES ${keys.map((_, i) => `($1, $${i + 2}, '', 'yes', NULL)`).join(", ")}`;
    let n = 0;
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end && n < codes.length) {
      const id = randomUUID();
      await db.query("BEGIN");
      await db.query(`DELETE FROM "SurveyCode" WHERE "hash" = $1`, [codes[n++]]);
      await db.query(
        `INSERT INTO "Response" ("id", "surveyVersionId", "wave", "lang", "clientGroup", "referral", "month") VALUES ($1, $2, 'closure', 'sv', NULL, NULL, '2026-11')`,
        [id, versionId],
      );
      await db.query(answers, [id, ...keys]);
      await db.query("COMMIT");
    }
    return Math.round(n / seconds);
  } finally {
    await db.end();
  }
}

async function main(): Promise<string> {
  const cluster = await startCluster({ durable: true });
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "brukarrost"`);
    const url = cluster.url.replace(/\/postgres$/, "/brukarrost");
    process.env.DATABASE_URL = url;
    process.env.TOKEN_SECRET = "bench-token-secret-bench-token-secret-xx";
    process.env.SESSION_SECRET = "bench-session-secret-bench-session-secret";
    process.env.LOG_LEVEL = "silent";
    const { migrateDatabase } = await import("../app/setup/migrate.server");
    await migrateDatabase(url);
    const { seedReferenceSurvey } = await import("../app/setup/bootstrap.server");
    await seedReferenceSurvey();
    const { issueCodes } = await import("../app/codes/issue.server");
    // BENCH_SECONDS as in bench/run.ts: codes for up to 3,000 submits/s
    const seconds = Number(process.env.BENCH_SECONDS ?? 10);
    const count = Math.max(20_000, 5_000 + 2 * 3_000 * seconds);
    const codes: string[] = [];
    for (let i = 0; i < count; i += 20_000)
      codes.push(...(await issueCodes({ survey: "brukarenkat", wave: "closure", count: Math.min(20_000, count - i), lang: "sv" })).map((c) => c.code.replace(/-/g, "")));
    const { prisma } = await import("../app/utils/db.server");
    await prisma.$disconnect();
    // a copy with the same codes for the raw loop, so the server's codes stay unused
    await admin.query(`CREATE DATABASE "raw" TEMPLATE "brukarrost"`);
    await admin.end();
    const rawRate = await rawInsertRatePostgresql(cluster.url.replace(/\/postgres$/, "/raw"));
    const server = await startBenchServer(url, await freePort());
    try {
      return await submissions(server.url, server.pid, inAnswerOrder(codes), rawRate, seconds, {
        database: "PostgreSQL (fsync on, synchronous_commit on)",
        raw: "raw tx/s (one connection)",
      });
    } finally {
      await server.stop();
    }
  } finally {
    cluster.stop();
  }
}

main().then(
  (text) => {
    process.stdout.write(text + "\n");
    process.exit(0);
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
