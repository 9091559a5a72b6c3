import { createUnit, findUnit, listOrganisations, listUnits, renameUnit, saveOrganisation, unitBySlug, UnitInputError } from "~/units/units.server";
import type { UnitScope } from "~/units/scope";
import { requireString, UsageError, type Command } from "../framework";

/** `--unit SLUG` of report, compare and tokens issue: that unit alone; every unit when missing. */
export async function unitOption(values: Record<string, unknown>): Promise<{ scope: UnitScope; id: string } | undefined> {
  const slug = values.unit;
  if (slug === undefined) return undefined;
  try {
    const unit = await unitBySlug(String(slug));
    return { scope: { unitIds: [unit.id] }, id: unit.id };
  } catch (e) {
    if (e instanceof UnitInputError) throw new UsageError(e.message);
    throw e;
  }
}

export const unitsCreate: Command = {
  name: "units create",
  summary:
    "Creates a unit (team) in an organisation; the organisation is created (or renamed) when --organisation-name is given. Accounts join a unit with users create --unit.",
  usage: "units create --slug SLUG --name NAME [--organisation SLUG [--organisation-name NAME]] [--json]",
  options: {
    slug: { type: "string" },
    name: { type: "string" },
    organisation: { type: "string" },
    "organisation-name": { type: "string" },
    json: { type: "boolean" },
  },
  async run({ values }, ctx) {
    const slug = requireString(values, "slug");
    const name = requireString(values, "name");
    const organisation = values.organisation as string | undefined;
    const organisationName = values["organisation-name"] as string | undefined;
    if (organisationName !== undefined && !organisation) throw new UsageError("--organisation-name needs --organisation SLUG");
    try {
      if (organisation && organisationName !== undefined) await saveOrganisation({ slug: organisation, name: organisationName });
      const unit = await createUnit({ slug, name, organisation });
      if (values.json) ctx.stdout(JSON.stringify({ slug: unit.slug, name: unit.name, organisation: organisation ?? null }));
      else ctx.stdout(`Created unit ${unit.slug} (${unit.name})`);
    } catch (e) {
      if (e instanceof UnitInputError) throw new UsageError(e.message);
      throw e;
    }
  },
};

export const unitsList: Command = {
  name: "units list",
  summary: "Lists the organisations and their units.",
  usage: "units list [--json]",
  options: { json: { type: "boolean" } },
  async run({ values }, ctx) {
    const [organisations, units] = await Promise.all([listOrganisations(), listUnits()]);
    const out = organisations.map((o) => ({
      slug: o.slug,
      name: o.name,
      units: units.filter((u) => u.organisationId === o.id).map((u) => ({ slug: u.slug, name: u.name })),
    }));
    if (values.json) ctx.stdout(JSON.stringify(out, null, 2));
    else for (const o of out) ctx.stdout(`${o.name} (${o.slug}): ${o.units.map((u) => `${u.slug} (${u.name})`).join(", ")}`);
  },
};

export const unitsRename: Command = {
  name: "units rename",
  summary: "Gives a unit a new name (unique within its organisation); its slug, accounts, codes and results stay as they are.",
  usage: "units rename UNIT NEW-NAME [--json]   (UNIT: the unit's id, slug or current name)",
  options: { json: { type: "boolean" } },
  positionals: true,
  async run({ values, positionals }, ctx) {
    if (positionals.length !== 2) throw new UsageError("give the unit and its new name (usage: units rename UNIT NEW-NAME)");
    try {
      const before = await findUnit(positionals[0]!);
      const unit = await renameUnit(before.id, positionals[1]!);
      if (values.json) ctx.stdout(JSON.stringify({ slug: unit.slug, name: unit.name, previousName: before.name }));
      else ctx.stdout(`Renamed unit ${unit.slug}: ${before.name} -> ${unit.name}`);
    } catch (e) {
      if (e instanceof UnitInputError) throw new UsageError(e.message);
      throw e;
    }
  },
};
