/**
 * Organisations and units in the database, and the unit scope of a staff request
 * (docs/decisions/0023-organisational-units.md).
 */
import type { StaffUser } from "~/auth/session.server";
import type { SurveyOwner, SurveyVisibility } from "~/survey/store.server";
import { prisma } from "~/utils/db.server";
import { forbiddenOnUnitAccess } from "./http.server";
import {
  MAX_UNIT_NAME,
  maySurveyChange,
  scopeFor,
  seesOrganisation,
  UNIT_SLUG,
  UnitAccessError,
  unitNameKey,
  type SurveyChangeRights,
  type UnitInfo,
  type UnitScope,
} from "./scope";

export class UnitInputError extends Error {}

export async function listUnits(): Promise<UnitInfo[]> {
  return prisma.unit.findMany({
    select: { id: true, slug: true, name: true, organisationId: true },
    orderBy: [{ organisationId: "asc" }, { name: "asc" }],
  });
}

export async function listOrganisations() {
  return prisma.organisation.findMany({ select: { id: true, slug: true, name: true }, orderBy: { name: "asc" } });
}

function checkSlug(slug: string): string {
  const s = slug.trim().toLowerCase();
  if (!UNIT_SLUG.test(s)) throw new UnitInputError(`"${slug}" is not a slug (a-z, 0-9 and dashes)`);
  return s;
}

/** Creates an organisation, or renames the one with this slug. */
export async function saveOrganisation(input: { slug: string; name: string }) {
  const slug = checkSlug(input.slug);
  const name = input.name.trim() || slug;
  return prisma.organisation.upsert({ where: { slug }, create: { slug, name }, update: { name } });
}

/** A unit name another unit of the organisation already has (names are unique per organisation). */
export class UnitNameTakenError extends UnitInputError {
  constructor(name: string) {
    super(`the organisation already has a unit named "${name}"`);
  }
}

const sameName = (a: string, b: string) => unitNameKey(a) === unitNameKey(b);

/**
 * A friendly early refusal; the unique index on (organisationId, nameKey) is what holds when two
 * requests pass this check at once. Compared by each stored name's key computed here, not by the
 * stored nameKey, which the migration computed in SQL for rows older than it.
 */
async function checkNameFree(organisationId: string, name: string, exceptUnitId?: string) {
  const others = await prisma.unit.findMany({ where: { organisationId, NOT: exceptUnitId ? { id: exceptUnitId } : undefined }, select: { name: true } });
  if (others.some((u) => sameName(u.name, name))) throw new UnitNameTakenError(name);
}

/**
 * Whether a write failed on the unique index that `field` is part of (Prisma's P2002). Read by
 * shape, not instanceof: each database's generated client has its own error classes.
 */
function uniqueViolationOn(e: unknown, field: string): boolean {
  if (!(e instanceof Error) || !("code" in e) || e.code !== "P2002") return false;
  const meta = ("meta" in e ? e.meta : undefined) as { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[]; index?: string } } } } | undefined;
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  const named = [...(constraint?.fields ?? []), constraint?.index ?? "", ...[meta?.target ?? []].flat().map(String)];
  // SQLite names the fields bare, PostgreSQL quoted ("nameKey"); an index name has them between underscores
  return named.map((n) => n.replaceAll('"', "")).some((n) => n === field || n.split("_").includes(field));
}

/** A unit write, with the name index's refusal as the same UnitNameTakenError the check gives. */
async function writeNamed<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (uniqueViolationOn(e, "nameKey")) throw new UnitNameTakenError(name);
    throw e;
  }
}

/** Creates a unit in an organisation (by slug; the install's default organisation when missing). */
export async function createUnit(input: { slug: string; name: string; organisation?: string }): Promise<UnitInfo> {
  const slug = checkSlug(input.slug);
  const organisation = input.organisation
    ? await prisma.organisation.findUnique({ where: { slug: input.organisation } })
    : await prisma.organisation.findFirst({ orderBy: { createdAt: "asc" } });
  if (!organisation) throw new UnitInputError(`no organisation "${input.organisation ?? ""}"`);
  if (await prisma.unit.findUnique({ where: { slug } })) throw new UnitInputError(`a unit "${slug}" already exists`);
  const name = input.name.trim() || slug;
  await checkNameFree(organisation.id, name);
  return writeNamed(name, () =>
    prisma.unit.create({
      data: { slug, name, nameKey: unitNameKey(name), organisationId: organisation.id },
      select: { id: true, slug: true, name: true, organisationId: true },
    }),
  );
}

/**
 * Gives a unit a new name, unique within its organisation. Only the name changes: the slug, and
 * every code, count, response and account of the unit, stay as they are.
 */
export async function renameUnit(unitId: string, newName: string): Promise<UnitInfo> {
  const name = newName.trim();
  if (!name || name.length > MAX_UNIT_NAME) throw new UnitInputError(`a unit name has 1 to ${MAX_UNIT_NAME} characters`);
  const unit = await prisma.unit.findUnique({ where: { id: unitId }, select: { organisationId: true } });
  if (!unit) throw new UnitInputError(`no unit "${unitId}"`);
  await checkNameFree(unit.organisationId, name, unitId);
  return writeNamed(name, () =>
    prisma.unit.update({ where: { id: unitId }, data: { name, nameKey: unitNameKey(name) }, select: { id: true, slug: true, name: true, organisationId: true } }),
  );
}

/** A unit named on the command line: by id, slug or (if only one unit has it) its name. */
export async function findUnit(idOrName: string): Promise<UnitInfo> {
  const units = await listUnits();
  const exact = units.find((u) => u.id === idOrName || u.slug === idOrName);
  if (exact) return exact;
  const named = units.filter((u) => sameName(u.name, idOrName.trim()));
  if (named.length === 1) return named[0]!;
  throw new UnitInputError(named.length ? `${named.length} units are named "${idOrName}": give the slug` : `no unit "${idOrName}"`);
}

export async function unitBySlug(slug: string): Promise<UnitInfo> {
  const unit = await prisma.unit.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, organisationId: true } });
  if (!unit) throw new UnitInputError(`no unit "${slug}"`);
  return unit;
}

/**
 * The surveys a unit may use, as a Prisma filter on Survey: its organisation's shared surveys and
 * its own. A unit's codes and reports never open another unit's survey.
 */
export async function surveysOfUnit(unitId: string) {
  const unit = await prisma.unit.findUnique({ where: { id: unitId }, select: { organisationId: true } });
  if (!unit) throw new UnitInputError(`no unit "${unitId}"`);
  return { organisationId: unit.organisationId, OR: [{ ownerUnitId: null }, { ownerUnitId: unitId }] };
}

/**
 * The units an account may manage (rename) on the units page: an administrator every unit, an
 * organisation manager its own organisation's, nobody else any (creating units and moving
 * accounts stay the administrator's).
 */
export async function manageableUnits(user: Pick<StaffUser, "role" | "unitId">): Promise<UnitInfo[]> {
  const units = await listUnits();
  if (user.role === "admin") return units;
  if (user.role !== "orgmanager") return [];
  const own = units.find((u) => u.id === user.unitId);
  return own ? units.filter((u) => u.organisationId === own.organisationId) : [];
}

/** Moves an account to a unit and role (the admin page). */
export async function assignUser(userId: string, unitId: string, role: string): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { unitId, role } });
}

export type RequestUnits = {
  scope: UnitScope;
  /** the unit shown, or null for the pooled organisation */
  unit: UnitInfo | null;
  /** the units the user may choose between; one or none means no selector is shown */
  choices: UnitInfo[];
  /** how many units the installation has (a single-team install: 1) */
  installUnits: number;
};

/**
 * The units a staff request covers, from `?unit=` (or a form field of that name): a unit the
 * account may not see answers 403, whatever else the request asks.
 */
export async function requestUnits(user: StaffUser, asked: string | null | undefined): Promise<RequestUnits> {
  const units = await listUnits();
  const { scope, unit } = await forbiddenOnUnitAccess(() => scopeFor(user, asked, units));
  const own = units.find((u) => u.id === user.unitId)!;
  const choices = seesOrganisation(user.role) ? units.filter((u) => u.organisationId === own.organisationId) : [own];
  return { scope, unit, choices, installUnits: units.length };
}

/** The surveys a staff account may see and whose responses it counts: those of every unit it may choose. */
export async function surveyVisibility(user: StaffUser): Promise<SurveyVisibility> {
  return visibilityOf(await requestUnits(user, null));
}

/** surveyVisibility of a request whose units are already known. */
export function visibilityOf({ choices }: Pick<RequestUnits, "choices">): SurveyVisibility {
  return { organisationIds: [...new Set(choices.map((u) => u.organisationId))], unitIds: choices.map((u) => u.id) };
}

/** The choices as the unit selector shows them (slug and name only). */
export const unitOptions = (u: RequestUnits) => u.choices.map(({ slug, name }) => ({ slug, name }));

/** requestUnits from the request's `?unit=`. */
export function unitsOfRequest(user: StaffUser, request: Request): Promise<RequestUnits> {
  return requestUnits(user, new URL(request.url).searchParams.get("unit"));
}

/**
 * The unit a codes, stock or activation request works in: the form's `unit` field or `?unit=`;
 * the account's own unit when neither names one. A unit the account may not see answers 403.
 */
export function issuingUnitOf(user: StaffUser, request: Request, form?: FormData): Promise<UnitInfo> {
  const field = form?.get("unit");
  return issuingUnit(user, typeof field === "string" && field ? field : new URL(request.url).searchParams.get("unit"));
}

/** The one unit a user issues codes in: staff and unit managers their own; others the one named. */
export async function issuingUnit(user: StaffUser, asked: string | null | undefined): Promise<UnitInfo> {
  return (await issuingChoice(user, asked)).unit;
}

/**
 * issuingUnit with the units the user may issue in, for the codes and stock pages' unit field
 * (shown only when there is more than one). The choice is checked again when the form is sent.
 */
export async function issuingUnitsOf(user: StaffUser, request: Request): Promise<{ unit: UnitInfo; units: { slug: string; name: string }[] }> {
  const { unit, choices } = await issuingChoice(user, new URL(request.url).searchParams.get("unit"));
  return { unit, units: choices.map(({ slug, name }) => ({ slug, name })) };
}

async function issuingChoice(user: StaffUser, asked: string | null | undefined) {
  const { unit, choices } = await requestUnits(user, asked || null);
  // an organisation role without a choice issues in its own unit
  return { unit: unit ?? choices.find((u) => u.id === user.unitId)!, choices };
}

/**
 * Who may own a survey an account uploads on the web (decision 0023). `single`: the installation
 * has one unit, and an upload is shared as before; otherwise organisation roles choose, and a
 * unit's manager uploads for their own unit.
 */
export async function surveyOwnerChoice(user: StaffUser): Promise<{ single: boolean; own: UnitInfo; mayChoose: boolean }> {
  const units = await listUnits();
  const own = units.find((u) => u.id === user.unitId);
  if (!own) throw new UnitAccessError("the account's unit does not exist");
  return { single: units.length === 1, own, mayChoose: seesOrganisation(user.role) };
}

/** What `user` may change of its organisation's surveys (maySurveyChange). */
export async function surveyChangeRights(user: StaffUser): Promise<SurveyChangeRights> {
  const { single, own, mayChoose } = await surveyOwnerChoice(user);
  return { organisationId: own.organisationId, unitId: own.id, organisationWide: mayChoose || single };
}

/** Whether `user` may change a survey of this owner (maySurveyChange): what the pages offer. */
export async function mayChangeSurvey(user: StaffUser, owner: SurveyOwner): Promise<boolean> {
  return maySurveyChange(await surveyChangeRights(user), owner);
}

/**
 * Refuses (UnitAccessError) a change by `user` to a stored survey, given by its owner or its slug,
 * that maySurveyChange does not allow: a unit's manager adding, editing, translating or
 * publishing versions of a survey shared by the whole organisation. A slug not stored yet is the
 * upload's to own (uploadOwner).
 */
export async function checkSurveyChange(user: StaffUser, survey: SurveyOwner | string): Promise<void> {
  const owner =
    typeof survey === "string" ? await prisma.survey.findUnique({ where: { slug: survey }, select: { organisationId: true, ownerUnitId: true } }) : survey;
  if (owner && !(await mayChangeSurvey(user, owner))) throw new UnitAccessError("only an organisation role changes a survey shared by every unit");
}

/**
 * The owner a new survey uploaded by `user` gets, from the form's `owner` ("shared" with the
 * account's organisation, or only its "unit"). A unit manager asking for a shared survey on a
 * many-unit installation is refused (UnitAccessError; routes answer 403, like a foreign `?unit=`).
 */
export async function uploadOwner(user: StaffUser, asked: "shared" | "unit" | undefined): Promise<{ organisationId: string; ownerUnitId: string | null }> {
  const { single, own, mayChoose } = await surveyOwnerChoice(user);
  const organisationId = own.organisationId;
  if (mayChoose) return { organisationId, ownerUnitId: asked === "unit" ? own.id : null };
  if (single) return { organisationId, ownerUnitId: null };
  if (asked === "shared") throw new UnitAccessError("only an organisation role shares a survey with every unit");
  return { organisationId, ownerUnitId: own.id };
}
