import type { SurveyCode } from "@prisma/client";
import { randomUUID } from "node:crypto";
import { answerableMonths, attributesToStore } from "~/codes/attributes";
import { env } from "~/env.server";
import { checkpointWal } from "~/ops/checkpoint.server";
import type { Channel } from "~/paper/channel";
import { addToAnswerCounts, codeTallies, countAnsweredCode, insertResponse } from "~/results/queries.sql.server";
import { prisma } from "~/utils/db.server";
import { monthOf } from "~/utils/months";
import type { AnswerRow } from "./answers";

export type SubmitResult = { status: "saved" } | { status: "unusable" | "notYetValid" };

// Submits of this process run one after another, each with its checkpoint: the next claim only
// starts once the WAL no longer pairs the previous code with its response.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Uses the code and stores the response in one transaction: the code row is deleted only if it
 * was valid at that instant, so of any number of simultaneous submits exactly one is saved; a
 * crash before commit leaves the code unused and no response. Then the WAL is emptied
 * (checkpointWal), so once this returns no file holds the code beside its response.
 *
 * The response gets a random id and only the month; it holds no reference to the code, and its
 * language, group and referral only where enough codes shared them (attributesToStore).
 */
export function submitResponse(
  code: SurveyCode,
  answers: AnswerRow[],
  lang: string,
  now = new Date(),
  // counted on the code's monthly row only (decision 0024), never stored with the response
  channel: Channel = "phone",
): Promise<SubmitResult> {
  const run = queue.then(async () => {
    const result = await claimAndStore(code, answers, lang, now, channel);
    if (result.status === "saved") await checkpointWal();
    return result;
  });
  queue = run.catch(() => undefined);
  return run;
}

async function claimAndStore(code: SurveyCode, answers: AnswerRow[], lang: string, now: Date, channel: Channel): Promise<SubmitResult> {
  return prisma.$transaction(async (tx) => {
    // the claim decides, not the row read before it: a code row is never changed, only deleted
    const claimed = await tx.surveyCode.deleteMany({
      where: { hash: code.hash, stock: false, validFrom: { lte: now }, expiresAt: { gt: now } },
    });
    if (claimed.count !== 1) {
      // claimed nothing: used a moment ago by a parallel submit (now gone), expired, or not yet open
      const row = await tx.surveyCode.findUnique({ where: { hash: code.hash }, select: { validFrom: true } });
      return { status: row && now < row.validFrom ? "notYetValid" : "unusable" };
    }
    const month = monthOf(now);
    const tallies = await codeTallies(tx, code, answerableMonths(month, env().codeValidDays));
    const stored = attributesToStore(
      { lang, clientGroup: code.clientGroup, referral: code.referral },
      tallies,
      env().minGroupSize,
    );
    const id = randomUUID();
    await insertResponse(tx, { id, surveyVersionId: code.surveyVersionId, wave: code.wave, month, ...stored }, answers);
    // the reports' pre-aggregate, in the same transaction so its totals stay exact
    await addToAnswerCounts(tx, id);
    await countAnsweredCode(tx, code, channel);
    return { status: "saved" };
  });
}
