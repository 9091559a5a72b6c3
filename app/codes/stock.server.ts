/**
 * Slips printed ahead and activated at hand-out (docs/decisions/0020-slip-stock.md). A stock code
 * opens nothing and is counted nowhere until it is activated; only then is it counted as handed
 * out, in the month of activation. Activation records no staff member and no time finer than the
 * day. Refusals never say why: a code already handed out must look like an unknown one, or
 * typing a slip back in would tell whether the client has answered (answering deletes the row).
 */
import type { Prisma } from "@prisma/client";
import { env } from "~/env.server";
import { prisma } from "~/utils/db.server";
import { addDays, dayOf, startOfDay } from "~/utils/months";
import type { ClientGroup, Referral } from "./attributes";
import { DEFAULT_UNIT } from "~/units/scope";
import { formatCode, normalizeCode } from "./code";
import { generateCode, hashCode } from "./code.server";
import { countHandedOut, handOutDaysOrThrow, issuableVersion, IssueError, type IssuedCode } from "./issue.server";
import { STOCK_VALID_DAYS } from "./stock";
import { recentTallies } from "./recent-tallies";
import type { Wave } from "~/survey/definition";

/** The one answer to a code that cannot be activated or voided, whatever the reason. */
export class StockRefusedError extends IssueError {
  constructor() {
    super("this code is not an unused slip from stock");
  }
}

export type StockRequest = { survey: string; lang: string; count: number; confirmDraftLanguage?: boolean; unitId?: string };

/** A printed stock slip: no wave or dates yet; `expiresAt` is the day an unused slip is void. */
export type StockCode = IssuedCode & { stock: true };

/** Makes `count` stock codes in one language. The plain codes exist only in the returned value. */
export async function printStock(request: StockRequest, now = new Date()): Promise<StockCode[]> {
  const config = env();
  const unitId = request.unitId ?? DEFAULT_UNIT;
  const version = await issuableVersion(request.survey, request.lang, request.confirmDraftLanguage, unitId);
  const today = dayOf(now);
  const voidDay = addDays(today, STOCK_VALID_DAYS);
  const codes = Array.from({ length: request.count }, generateCode);
  await prisma.surveyCode.createMany({
    data: codes.map((code) => ({
      hash: hashCode(code, config.tokenSecret),
      unitId,
      surveyVersionId: version.id,
      wave: "",
      lang: request.lang,
      validMonth: "",
      validFrom: startOfDay(today),
      expiresAt: startOfDay(voidDay),
      stock: true,
    })),
  });
  return codes.map((code) => ({
    code: formatCode(code),
    url: `${config.publicUrl}/s/${code}`,
    wave: "",
    version: version.version,
    lang: request.lang,
    validFrom: today,
    expiresAt: voidDay,
    stock: true,
  }));
}

export type ActivationRequest = {
  code: string;
  wave: Wave;
  /** YYYY-MM-DD; a follow-up needs it, a closure code opens today without it */
  validFrom?: string;
  clientGroup?: ClientGroup;
  referral?: Referral;
  /** the activating unit: another unit's slip is refused like an unknown one */
  unitId?: string;
};

export type Activated = { lang: string; wave: Wave; version: number; validFrom: string; expiresAt: string };

const stockWhere = (hash: string, now: Date, unitId: string): Prisma.SurveyCodeWhereInput => ({ hash, stock: true, expiresAt: { gt: now }, unitId });

/**
 * Hands a stock code out: it opens on its day, for CODE_VALID_DAYS, and counts in this month.
 * The code moves to the survey's newest published version when that one is offered in its
 * language (the slip was printed for an older one). Refused alike when unknown, used, voided,
 * expired or already activated (StockRefusedError).
 */
export async function activateCode(request: ActivationRequest, now = new Date()): Promise<Activated> {
  const days = handOutDaysOrThrow(request.wave, request.validFrom, now);
  const normalized = normalizeCode(request.code);
  if (!normalized) throw new StockRefusedError();
  const hash = hashCode(normalized, env().tokenSecret);
  const unitId = request.unitId ?? DEFAULT_UNIT;
  const printed = await prisma.surveyCode.findFirst({ where: stockWhere(hash, now, unitId), include: { surveyVersion: { include: { survey: true } } } });
  if (!printed) throw new StockRefusedError();
  const version = await issuableVersion(printed.surveyVersion.survey.slug, printed.lang, true, unitId).catch((e: unknown) => {
    if (e instanceof IssueError) return printed.surveyVersion;
    throw e;
  });
  const handedOut = {
    unitId,
    surveyVersionId: version.id,
    wave: request.wave,
    clientGroup: request.clientGroup ?? null,
    referral: request.referral ?? null,
    validMonth: days.validMonth,
    validFrom: startOfDay(days.validFrom),
    expiresAt: startOfDay(days.expiresAt),
  };
  await prisma.$transaction(async (tx) => {
    // the conditional update decides, not the read above: of two activations one wins
    const claimed = await tx.surveyCode.updateMany({ where: stockWhere(hash, now, unitId), data: { ...handedOut, stock: false } });
    if (claimed.count !== 1) throw new StockRefusedError();
    await countHandedOut(tx, { ...handedOut, lang: printed.lang, opensMonth: days.opensMonth }, 1);
  });
  recentTallies.forget();
  return { lang: printed.lang, wave: request.wave, version: version.version, validFrom: days.validFrom, expiresAt: days.expiresAt };
}

/** Takes an unused stock slip out of use (its row is deleted; it never counted). */
export async function voidStockCode(code: string, unitId = DEFAULT_UNIT): Promise<void> {
  const normalized = normalizeCode(code);
  if (!normalized) throw new StockRefusedError();
  const deleted = await prisma.surveyCode.deleteMany({ where: { hash: hashCode(normalized, env().tokenSecret), stock: true, unitId } });
  if (deleted.count !== 1) throw new StockRefusedError();
}

export type StockCount = { survey: string; lang: string; count: number };

/** Unactivated, unexpired slips per survey and language: counts only, never which codes. */
export async function stockCounts(now = new Date(), unitId = DEFAULT_UNIT): Promise<StockCount[]> {
  const rows = await prisma.surveyCode.groupBy({
    by: ["surveyVersionId", "lang"],
    where: { stock: true, expiresAt: { gt: now }, unitId },
    _count: { _all: true },
  });
  const versions = await prisma.surveyVersion.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.surveyVersionId))] } },
    select: { id: true, survey: { select: { slug: true } } },
  });
  const slugOf = new Map(versions.map((v) => [v.id, v.survey.slug]));
  const totals = new Map<string, StockCount>();
  for (const r of rows) {
    const survey = slugOf.get(r.surveyVersionId)!;
    const key = `${survey}|${r.lang}`;
    const entry = totals.get(key) ?? { survey, lang: r.lang, count: 0 };
    entry.count += r._count._all;
    totals.set(key, entry);
  }
  return [...totals.values()].sort((a, b) => a.survey.localeCompare(b.survey) || b.count - a.count || a.lang.localeCompare(b.lang));
}
