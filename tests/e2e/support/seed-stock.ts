/**
 * Time for tests/e2e/stock.spec.ts, which runs against a server on today's clock:
 *   background   — ten Swedish slips handed out in the previous month (five at closure, five
 *                  follow-ups), so the reach page can show that month's waves (k = 5);
 *   month-passes — the calendar moves on a month for the Tigrinya slips the test handed out
 *                  today (referral "other"): their counts move to the previous month, which is
 *                  closed and so shown. Nothing else moves, so whatever else shares the database
 *                  stays where it was.
 */
import { activateCode, printStock } from "~/codes/stock.server";
import { addMonths } from "~/results/period";
import { prisma } from "~/utils/db.server";
import { monthOf } from "~/utils/months";

const thisMonth = monthOf(new Date());
const previous = addMonths(thisMonth, -1);

async function background() {
  const on = new Date(`${previous}-15T10:00:00Z`);
  const slips = await printStock({ survey: "brukarenkat", lang: "sv", count: 10 }, on);
  for (const [i, s] of slips.entries())
    await activateCode(i < 5 ? { code: s.code, wave: "closure" } : { code: s.code, wave: "followup", validFrom: `${addMonths(previous, 6)}-15` }, on);
}

async function monthPasses() {
  const mine = { validMonth: thisMonth, lang: "ti", referral: "other" };
  await prisma.codeCount.updateMany({ where: mine, data: { validMonth: previous } });
  await prisma.surveyCode.updateMany({ where: mine, data: { validMonth: previous } });
}

const step = process.argv[2];
if (step === "background") await background();
else if (step === "month-passes") await monthPasses();
else throw new Error(`unknown step ${step}`);
process.stdout.write(previous);
