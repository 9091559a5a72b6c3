import type { SurveyCode } from "@prisma/client";
import { randomUUID } from "node:crypto";
import { codeState, type CodeState } from "~/codes/lookup.server";
import { addToAnswerCounts, countAnsweredCode, insertResponse } from "~/results/queries.sql.server";
import { prisma } from "~/utils/db.server";
import { monthOf } from "~/utils/months";
import type { AnswerRow } from "./answers";

export type SubmitResult = { status: "saved" } | { status: Exclude<CodeState["status"], "valid"> };

/**
 * Uses the code and stores the response in one transaction: the code is marked used only if it
 * was unused and valid at that instant, so of any number of simultaneous submits exactly one
 * is saved; a crash before commit leaves neither a used code nor a response.
 *
 * The response gets a random id and only the month; it holds no reference to the code row.
 */
export async function submitResponse(
  code: SurveyCode,
  answers: AnswerRow[],
  lang: string,
  now = new Date(),
): Promise<SubmitResult> {
  return prisma.$transaction(async (tx) => {
    // the claim decides, not the row read before it: only `used` ever changes on a code
    const claimed = await tx.surveyCode.updateMany({
      where: { hash: code.hash, used: false, validFrom: { lte: now }, expiresAt: { gt: now } },
      data: { used: true },
    });
    if (claimed.count !== 1) {
      const state = codeState(await tx.surveyCode.findUnique({ where: { hash: code.hash } }), now);
      // claimed nothing: the code was used a moment ago by a parallel submit, or is not valid
      return { status: state.status === "valid" ? "used" : state.status };
    }
    const id = randomUUID();
    await insertResponse(
      tx,
      {
        id,
        surveyVersionId: code.surveyVersionId,
        wave: code.wave,
        lang,
        clientGroup: code.clientGroup,
        referral: code.referral,
        month: monthOf(now),
      },
      answers,
    );
    // the reports' pre-aggregate, in the same transaction so its totals stay exact
    await addToAnswerCounts(tx, id);
    await countAnsweredCode(tx, code);
    return { status: "saved" };
  });
}
