/**
 * Time for tests/e2e/stock.spec.ts, which runs against a server on today's clock. Reach counts a
 * hand-out month only from the day none of its codes can be answered any more (the month its
 * codes open in plus CODE_VALID_DAYS, app/codes/participation.ts), so the steps use a month a
 * year back, long past that day even for follow-ups opening six months on:
 *   background  — ten Swedish slips handed out in that month (five at closure, five follow-ups),
 *                 so the reach page can show that month's waves (k = 5);
 *   year-passes — the calendar moves on a year for the Tigrinya slips the test handed out today
 *                 (referral "other"): they now count in that month and opened then. Nothing else
 *                 moves, so whatever else shares the database stays where it was.
 */
import { activateCode, printStock } from "~/codes/stock.server";
import { addMonths } from "~/results/period";
import { prisma } from "~/utils/db.server";
import { monthOf } from "~/utils/months";

const thisMonth = monthOf(new Date());
const yearAgo = addMonths(thisMonth, -12);

async function background() {
  const on = new Date(`${yearAgo}-15T10:00:00Z`);
  const slips = await printStock({ survey: "brukarenkat", lang: "sv", count: 10 }, on);
  for (const [i, s] of slips.entries())
    await activateCode(i < 5 ? { code: s.code, wave: "closure" } : { code: s.code, wave: "followup", validFrom: `${addMonths(yearAgo, 6)}-15` }, on);
}

async function yearPasses() {
  const mine = { validMonth: thisMonth, lang: "ti", referral: "other" };
  await prisma.codeCount.updateMany({ where: mine, data: { validMonth: yearAgo, opensMonth: yearAgo } });
  await prisma.surveyCode.updateMany({ where: mine, data: { validMonth: yearAgo, expiresAt: new Date(`${addMonths(yearAgo, 3)}-01T00:00:00Z`) } });
}

const step = process.argv[2];
if (step === "background") await background();
else if (step === "year-passes") await yearPasses();
else throw new Error(`unknown step ${step}`);
process.stdout.write(yearAgo);
