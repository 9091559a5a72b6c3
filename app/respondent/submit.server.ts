import type { Prisma, SurveyCode } from "@prisma/client";
import { randomUUID } from "node:crypto";
import { answerableMonths, attributesToStore, type CodeTally } from "~/codes/attributes";
import { codeState } from "~/codes/lookup.server";
import { recentTallies } from "~/codes/recent-tallies";
import { env } from "~/env.server";
import type { Channel } from "~/paper/channel";
import {
  ADD_TO_ANSWER_CELL_SQL,
  addToAnswerCountsSql,
  codeTalliesSql,
  countAnsweredCodeSql,
  responseInserts,
  talliesOf,
  type TallyRow,
} from "~/results/queries.sql.server";
import { databaseProvider } from "~/utils/database-url";
import { postgresqlPool, SQL } from "~/utils/db.server";
import { monthOf } from "~/utils/months";
import { readRows } from "~/utils/sqlite-read.server";
import type { AnswerRow } from "./answers";
import { writeSubmit } from "./writer.server";
import type { WriterJob, WriterStatement } from "./writer.worker";

export type SubmitResult = { status: "saved" } | { status: "unusable" | "notYetValid" };

/**
 * Uses the code and stores the response in one transaction: the code row is deleted only if it
 * is still there, so of any number of simultaneous submits exactly one is saved; a crash before
 * commit leaves the code unused and no response. On SQLite the writer thread commits submits in
 * groups and empties the WAL before any of them is answered (writer.worker.ts), so once this
 * returns no file holds the code beside its response.
 *
 * Whether the code is open now is read from its row: a handed-out code's row never changes, it
 * is only deleted (by its use or retention), so its dates are the ones the claim would see.
 *
 * The response gets a random id and only the month; it holds no reference to the code, and its
 * language, group and referral only where enough codes shared them (attributesToStore).
 */
export async function submitResponse(
  code: SurveyCode,
  answers: AnswerRow[],
  lang: string,
  now = new Date(),
  // counted on the code's monthly row only (decision 0024), never stored with the response
  channel: Channel = "phone",
): Promise<SubmitResult> {
  const state = codeState(code, now);
  if (state.status !== "valid") return { status: state.status };
  const month = monthOf(now);
  const months = answerableIn(month);
  if (databaseProvider() === "postgresql") return storeInTransaction(code, answers, lang, month, months, channel);

  const outcome = await writeSubmit(writerJob(code, answers, lang, month, months, channel));
  if (outcome.status === "failed") throw new Error(`the response was not saved: ${outcome.error}`);
  return { status: outcome.status === "saved" ? "saved" : "unusable" };
}

// the months whose codes could be answered in a month: the same for every submit of that month
const answerable = new Map<string, string[]>();
function answerableIn(month: string): string[] {
  const days = env().codeValidDays;
  let months = answerable.get(`${month}|${days}`);
  if (!months) answerable.set(`${month}|${days}`, (months = answerableMonths(month, days)));
  return months;
}

const statement = (s: Expected): WriterStatement => ({ sql: s.sql, values: s.values, ...(s.changes === undefined ? {} : { changes: s.changes }) });

/** What the SQLite writer runs for one submit of a valid code. */
export function writerJob(code: SurveyCode, answers: AnswerRow[], lang: string, month: string, months: string[], channel: Channel): Omit<WriterJob, "id"> {
  // Read outside the write, and kept a moment for the next submits (recent-tallies.ts): codes are
  // only ever added to the tallies, so whatever an older tally lets a response keep, at least k
  // codes shared then and share still. One that does not count this code yet (handed out by
  // another process a moment ago) is read again.
  const key = [code.unitId, code.surveyVersionId, code.wave, ...months].join("\u0000");
  const own = (t: CodeTally) => t.lang === code.lang && t.clientGroup === (code.clientGroup ?? "") && t.referral === (code.referral ?? "");
  const tallies = recentTallies.get(
    key,
    () => talliesOf(readRows<TallyRow>(codeTalliesSql(code, months))),
    (kept) => kept.some(own),
  );
  const { response, inserts, counted } = storeSql(code, answers, lang, month, tallies, channel);
  return {
    claim: statement(claimSql(code)),
    writes: [...inserts, counted].map(statement),
    // the reports' pre-aggregate: the writer adds the batch's cells once each
    counts: { statement: { sql: ADD_TO_ANSWER_CELL_SQL, values: [] }, response, answers },
  };
}

/**
 * PostgreSQL: the same statements in one transaction (no group commit; the server's WAL is its
 * own), on a connection of the client's pool without Prisma: its interactive transaction cost
 * about 1 ms of CPU per statement, eight of them a submit.
 */
async function storeInTransaction(code: SurveyCode, answers: AnswerRow[], lang: string, month: string, months: string[], channel: Channel): Promise<SubmitResult> {
  const pool = postgresqlPool();
  if (!pool) throw new Error("no PostgreSQL pool");
  const client = await pool.connect();
  const run = (s: Prisma.Sql) => client.query(s.text, s.values as unknown[]);
  let failed: Error | undefined;
  try {
    // Prisma's transaction ended a submit after 30 s: a submit waiting on a lock must not keep a
    // pool slot for ever (one round trip: no parameters)
    await client.query("BEGIN; SET LOCAL statement_timeout = '30s'");
    if ((await run(claimSql(code))).rowCount !== 1) {
      await client.query("ROLLBACK");
      return { status: "unusable" };
    }
    const tallies = talliesOf((await run(codeTalliesSql(code, months))).rows as TallyRow[]);
    const { response, inserts, counted } = storeSql(code, answers, lang, month, tallies, channel);
    for (const s of [...inserts, addToAnswerCountsSql(response.id), counted] as Expected[]) {
      const changed = (await run(s)).rowCount;
      if (s.changes !== undefined && changed !== s.changes) throw new Error("the code's monthly count is missing; the response is not saved");
    }
    await client.query("COMMIT");
    return { status: "saved" };
  } catch (e) {
    // the code stays unused: nothing of this transaction is kept
    await client.query("ROLLBACK").catch((rollback: Error) => (failed = rollback));
    throw e;
  } finally {
    // a connection whose ROLLBACK failed is not given back to the pool
    client.release(failed);
  }
}

/** The claim: deletes the code's row if no other submit has yet (decision 0010). */
function claimSql(code: SurveyCode): Prisma.Sql {
  return SQL.sql`DELETE FROM "SurveyCode" WHERE "hash" = ${code.hash} AND "stock" = false`;
}

type Expected = Prisma.Sql & { changes?: number };

/**
 * What a claimed code's submit writes: the response's rows, then (by the caller, in the same
 * transaction so the reports' totals stay exact) its answers into AnswerCount, then `counted`.
 */
function storeSql(code: SurveyCode, answers: AnswerRow[], lang: string, month: string, tallies: CodeTally[], channel: Channel) {
  const stored = attributesToStore({ lang, clientGroup: code.clientGroup, referral: code.referral }, tallies, env().minGroupSize);
  const response = { id: randomUUID(), unitId: code.unitId, surveyVersionId: code.surveyVersionId, wave: code.wave, month, ...stored };
  const freeTextIds = answers.filter((a) => a.text !== null).map(() => randomUUID());
  const inserts = responseInserts(response, answers, freeTextIds);
  // the row exists since the code was handed out: a missing one fails this submit alone
  const counted: Expected = Object.assign(countAnsweredCodeSql(code, channel), { changes: 1 });
  return { response, inserts, counted };
}

