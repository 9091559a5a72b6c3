/**
 * Organisational units (docs/decisions/0023-organisational-units.md). Plain TypeScript: which
 * units a staff account may see, and the one scope every results query carries.
 */
import type { Role } from "~/auth/roles";

/** The unit every install has (made by the units migration); a single-team install is only this. */
export const DEFAULT_UNIT = "default";
export const DEFAULT_ORGANISATION = "default";
/** The name the units migration gave the default unit, in English whatever the install's language. */
export const DEFAULT_UNIT_NAME = "Unit";

/**
 * A unit's name as staff see it: the default unit, until someone renames it, is called by the UI
 * language's own word (`ours`, e.g. "Vår enhet"). Stored names, the CLI and its JSON keep "Unit".
 */
export function unitDisplayName(unit: { slug: string; name: string }, ours: string): string {
  return unit.slug === DEFAULT_UNIT && unit.name === DEFAULT_UNIT_NAME ? ours : unit.name;
}

/**
 * The units a report or a code list covers. One unit: that unit's own releases. More than one:
 * a pooled view, which only sums each unit's own released blocks (release.server.ts).
 */
export type UnitScope = { unitIds: readonly string[] };

export type UnitInfo = { id: string; slug: string; name: string; organisationId: string };

/** Roles that see every unit of their organisation; the others see their own unit only. */
export const seesOrganisation = (role: Role | string) => role === "orgmanager" || role === "admin";

export class UnitAccessError extends Error {}

/**
 * The scope a user asks for with `unit` (a slug; "" or missing = the default view): staff and
 * unit managers only ever get their own unit, whatever they ask; asking for another one is
 * refused, not quietly ignored. An organisation role gets the unit asked for, or the pooled
 * organisation when none is named.
 */
export function scopeFor(
  user: { role: Role | string; unitId: string },
  asked: string | null | undefined,
  units: readonly UnitInfo[],
): { scope: UnitScope; unit: UnitInfo | null } {
  const own = units.find((u) => u.id === user.unitId);
  if (!own) throw new UnitAccessError("the account's unit does not exist");
  const visible = seesOrganisation(user.role) ? units.filter((u) => u.organisationId === own.organisationId) : [own];
  if (asked) {
    const unit = visible.find((u) => u.slug === asked);
    if (!unit) throw new UnitAccessError(`no unit "${asked}" this account may see`);
    return { scope: { unitIds: [unit.id] }, unit };
  }
  if (visible.length === 1) return { scope: { unitIds: [visible[0]!.id] }, unit: visible[0]! };
  return { scope: { unitIds: visible.map((u) => u.id) }, unit: null };
}

/** Whether two scopes name the same units (releases loaded for one scope serve only that scope). */
export function sameScope(a: UnitScope | undefined, b: UnitScope | undefined): boolean {
  if (!a || !b) return !a && !b;
  return [...a.unitIds].sort().join() === [...b.unitIds].sort().join();
}

/**
 * What an account may change of its organisation's surveys (new versions, edits, translations,
 * publishing, recordings): `organisationWide` for organisation roles and on a one-unit
 * installation; otherwise only surveys its own unit owns, since a shared survey changes for
 * every unit of the organisation.
 */
export type SurveyChangeRights = { organisationId: string; unitId: string; organisationWide: boolean };

export function maySurveyChange(rights: SurveyChangeRights, survey: { organisationId: string; ownerUnitId: string | null }): boolean {
  if (survey.organisationId !== rights.organisationId) return false;
  return rights.organisationWide || survey.ownerUnitId === rights.unitId;
}

/**
 * The key a unit name is unique by within its organisation (Unit.nameKey): trimmed, NFC and
 * lower-cased in JavaScript, so "Södra" and "SÖDRA" are one name (SQLite's lower() folds only
 * ASCII, so the key is never computed in SQL except by the migration's backfill).
 */
export const unitNameKey = (name: string) => name.trim().normalize("NFC").toLowerCase();

export const UNIT_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const MAX_UNIT_NAME = 120;
