/**
 * Time for tests/e2e/stock.spec.ts, which runs against a server on today's clock:
 *   background   — ten Swedish slips handed out in the previous month (five at closure, five
 *                  follow-ups), so the reach page can show that month's waves (k = 5);
 *   month-passes — the calendar moves on a month for the Tigrinya slips the test handed out
 *                  today (referral "other"): their counts move to the previous month, which is
 *                  closed and so shown. Nothing else moves, so whatever else shares the database
 *                  stays where it was.
 * Reach counts a hand-out month only once none of its codes can still be answered
 * (app/codes/participation.ts), so both steps also let the codes they move reach their end.
 */
import { activateCode, printStock } from "~/codes/stock.server";
import { addMonths } from "~/results/period";
import { prisma } from "~/utils/db.server";
import { monthOf } from "~/utils/months";

const thisMonth = monthOf(new Date());
const previous = addMonths(thisMonth, -1);
const ended = new Date(Date.now() - 24 * 3600 * 1000);

async function background() {
  const on = new Date(`${previous}-15T10:00:00Z`);
  const slips = await printStock({ survey: "brukarenkat", lang: "sv", count: 10 }, on);
  for (const [i, s] of slips.entries())
    await activateCode(i < 5 ? { code: s.code, wave: "closure" } : { code: s.code, wave: "followup", validFrom: `${addMonths(previous, 6)}-15` }, on);
  await prisma.surveyCode.updateMany({ where: { validMonth: previous, lang: "sv", stock: false }, data: { expiresAt: ended } });
}

async function monthPasses() {
  const mine = { validMonth: thisMonth, lang: "ti", referral: "other" };
  await prisma.codeCount.updateMany({ where: mine, data: { validMonth: previous } });
  await prisma.surveyCode.updateMany({ where: mine, data: { validMonth: previous, expiresAt: ended } });
}

const step = process.argv[2];
if (step === "background") await background();
else if (step === "month-passes") await monthPasses();
else throw new Error(`unknown step ${step}`);
process.stdout.write(previous);
