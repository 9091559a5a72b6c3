/**
 * `units create`, `users create --unit` and `--unit` on tokens issue and report (decision 0023);
 * on a one-unit install every command works as before without --unit.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, expect, it } from "vitest";
import { runCli } from "~/cli/main";
import { checkCredentials } from "~/auth/session.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { prisma } from "~/utils/db.server";
import { captureCliOutput } from "../../support/cli-output";

const { out, err } = captureCliOutput();

beforeEach(async () => {
  await seedReferenceSurvey();
});

it("works without --unit on a one-unit install: codes and accounts go to the default unit", async () => {
  expect(await runCli(["tokens", "issue", "--survey", "brukarenkat", "--wave", "closure", "--count", "2", "--json"])).toBe(0);
  expect(await prisma.surveyCode.count({ where: { unitId: "default" } })).toBe(2);
  expect(await runCli(["units", "list", "--json"])).toBe(0);
  expect(JSON.parse(out.at(-1)!)).toEqual([{ slug: "default", name: "Organisation", units: [{ slug: "default", name: "Unit" }] }]);
});

it("creates an organisation with units, a unit's staff account and an organisation manager", async () => {
  const create = (slug: string, name: string, ...rest: string[]) => runCli(["units", "create", "--slug", slug, "--name", name, ...rest]);
  // a second team of the install's organisation, and a unit of another organisation
  expect(await create("skarholmen", "Skärholmen relationsvåldsteam")).toBe(0);
  expect(await create("kungsholmen", "Kungsholmen", "--organisation", "stockholm", "--organisation-name", "Stockholms stad")).toBe(0);
  // a slug is unique, an organisation must exist, a slug is a slug
  expect(await create("skarholmen", "Again")).toBe(1);
  expect(err.at(-1)).toMatch(/already exists/);
  expect(await create("x", "X", "--organisation", "nowhere")).toBe(1);
  expect(await create("Bad Slug", "X")).toBe(1);

  expect(await runCli(["users", "create", "--email", "a@example.se", "--role", "staff", "--unit", "skarholmen"])).toBe(0);
  expect(await runCli(["users", "create", "--email", "org@example.se", "--role", "orgmanager", "--unit", "kungsholmen"])).toBe(0);
  expect(await runCli(["users", "create", "--email", "b@example.se", "--role", "staff", "--unit", "nowhere"])).toBe(1);
  const users = await prisma.user.findMany({ select: { email: true, role: true, unit: { select: { slug: true } } }, orderBy: { email: "asc" } });
  expect(users).toEqual([
    { email: "a@example.se", role: "staff", unit: { slug: "skarholmen" } },
    { email: "org@example.se", role: "orgmanager", unit: { slug: "kungsholmen" } },
  ]);
  expect(await checkCredentials("b@example.se", "whatever-password")).toBeNull();

  expect(await runCli(["tokens", "issue", "--survey", "brukarenkat", "--wave", "closure", "--count", "3", "--unit", "skarholmen"])).toBe(0);
  const unit = await prisma.unit.findUniqueOrThrow({ where: { slug: "skarholmen" } });
  expect(await prisma.surveyCode.count({ where: { unitId: unit.id } })).toBe(3);
  expect(await prisma.codeCount.aggregate({ where: { unitId: unit.id }, _sum: { issued: true } })).toEqual({ _sum: { issued: 3 } });
  expect(await runCli(["tokens", "issue", "--survey", "brukarenkat", "--wave", "closure", "--count", "1", "--unit", "nowhere"])).toBe(1);
  // the reference survey is shared by the install's organisation, not by another one
  expect(await runCli(["tokens", "issue", "--survey", "brukarenkat", "--wave", "closure", "--count", "1", "--unit", "kungsholmen"])).toBe(1);
  expect(err.at(-1)).toMatch(/no published version/);
  expect(await runCli(["report", "--survey", "brukarenkat", "--unit", "nowhere"])).toBe(1);
  expect(err.at(-1)).toMatch(/no unit "nowhere"/);
});

it("imports a questionnaire owned by one unit: only that unit issues codes for it", async () => {
  expect(await runCli(["units", "create", "--slug", "sodermalm", "--name", "Södermalm"])).toBe(0);
  const file = path.join(os.tmpdir(), `owned-${process.pid}.json`);
  const definition = JSON.parse(fs.readFileSync("prisma/seed/questionnaire.json", "utf8")) as { slug: string };
  fs.writeFileSync(file, JSON.stringify({ ...definition, slug: "egen" }));
  try {
    expect(await runCli(["surveys", "import", file, "--unit", "sodermalm"])).toBe(0);
  } finally {
    fs.rmSync(file);
  }
  expect(await runCli(["tokens", "issue", "--survey", "egen", "--wave", "closure", "--count", "1", "--unit", "sodermalm"])).toBe(0);
  // the default unit shares the organisation, not another unit's own questionnaire
  expect(await runCli(["tokens", "issue", "--survey", "egen", "--wave", "closure", "--count", "1"])).toBe(1);
  expect(await prisma.surveyCode.count({ where: { surveyVersion: { survey: { slug: "egen" } } } })).toBe(1);
});

it("renames a unit by slug or current name; a taken name, an unknown unit and a missing name are refused", async () => {
  expect(await runCli(["units", "create", "--slug", "farsta", "--name", "Farsta"])).toBe(0);
  expect(await runCli(["tokens", "issue", "--survey", "brukarenkat", "--wave", "closure", "--count", "2", "--unit", "farsta"])).toBe(0);
  const unit = await prisma.unit.findUniqueOrThrow({ where: { slug: "farsta" } });
  const codes = await prisma.surveyCode.findMany({ where: { unitId: unit.id }, orderBy: { hash: "asc" } });

  expect(await runCli(["units", "rename", "farsta", "Farsta relationsvåldsteam"])).toBe(0);
  expect(out.at(-1)!.trim()).toBe("Renamed unit farsta: Farsta -> Farsta relationsvåldsteam");
  expect(await runCli(["units", "rename", "Farsta relationsvåldsteam", "Farsta RVT", "--json"])).toBe(0);
  expect(JSON.parse(out.at(-1)!)).toEqual({ slug: "farsta", name: "Farsta RVT", previousName: "Farsta relationsvåldsteam" });
  expect(await runCli(["units", "rename", unit.id, "Farsta team"])).toBe(0);

  // the default unit is called "Unit": another unit of the organisation may not take that name
  expect(await runCli(["units", "rename", "farsta", "unit"])).toBe(1);
  expect(err.at(-1)).toMatch(/already has a unit named/);
  expect(await runCli(["units", "rename", "nowhere", "X"])).toBe(1);
  expect(err.at(-1)).toMatch(/no unit "nowhere"/);
  expect(await runCli(["units", "rename", "farsta"])).toBe(1);
  expect(await runCli(["units", "rename", "farsta", "  "])).toBe(1);

  // only the name changed: the slug, id and the unit's codes are as they were
  const after = await prisma.unit.findUniqueOrThrow({ where: { id: unit.id } });
  expect({ ...after, name: unit.name, nameKey: unit.nameKey }).toEqual(unit);
  expect(after.nameKey).toBe("farsta team");
  expect(after.name).toBe("Farsta team");
  expect(await prisma.surveyCode.findMany({ where: { unitId: unit.id }, orderBy: { hash: "asc" } })).toEqual(codes);
});

it("a unit name is unique within its organisation when created, too", async () => {
  expect(await runCli(["units", "create", "--slug", "a-team", "--name", "Team A"])).toBe(0);
  expect(await runCli(["units", "create", "--slug", "b-team", "--name", "team a"])).toBe(1);
  expect(err.at(-1)).toMatch(/already has a unit named/);
  // the same name in another organisation is fine
  expect(await runCli(["units", "create", "--slug", "c-team", "--name", "Team A", "--organisation", "other", "--organisation-name", "Other"])).toBe(0);
});

it("two creates or renames to one name at the same moment: exactly one succeeds, the other is told the name is taken", async () => {
  // both pass the check before either writes; the unique (organisationId, nameKey) index decides
  const creates = await Promise.all(
    ["race-1", "race-2"].map((slug, i) => runCli(["units", "create", "--slug", slug, "--name", i ? "Täby RVT" : "TÄBY rvt"])),
  );
  expect(creates.sort()).toEqual([0, 1]);
  expect(err.at(-1)).toMatch(/already has a unit named/);
  expect(await prisma.unit.count({ where: { slug: { in: ["race-1", "race-2"] } } })).toBe(1);

  for (const slug of ["race-3", "race-4"]) expect(await runCli(["units", "create", "--slug", slug, "--name", slug])).toBe(0);
  const renames = await Promise.all(["race-3", "race-4"].map((slug, i) => runCli(["units", "rename", slug, i ? "Södra RVT" : "SÖDRA rvt"])));
  expect(renames.sort()).toEqual([0, 1]);
  expect(err.at(-1)).toMatch(/already has a unit named/);
  const units = await prisma.unit.findMany({ where: { slug: { in: ["race-3", "race-4"] } }, select: { slug: true, name: true } });
  // one took the name, the other kept its own
  expect(units.filter((u) => u.name.toLowerCase() === "södra rvt")).toHaveLength(1);
  expect(units.filter((u) => u.name === u.slug)).toHaveLength(1);
});
