/**
 * Organisational units (decision 0023) attacked through the staff routes: an account of unit
 * "north" asks for unit "south" by every URL and form field it can — the review, reach and
 * comparison pages, their downloads, issuing codes, printing, voiding and activating stock — and
 * gets 403 or a refusal, never south's counts. An organisation manager sees each unit and the
 * pooled total.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSession } from "~/auth/session.server";
import { createUser } from "~/auth/users.server";
import { printStock } from "~/codes/stock.server";
import { loader as reviewLoader } from "~/routes/admin.results._index";
import { loader as reachLoader } from "~/routes/admin.results.reach";
import { loader as exportLoader } from "~/routes/admin.results.export";
import { loader as compareLoader } from "~/routes/admin.compare._index";
import { loader as compareExportLoader } from "~/routes/admin.compare.export";
import { action as activateAction } from "~/routes/admin.activate";
import { action as codesAction, loader as codesLoader } from "~/routes/admin.codes";
import { action as stockAction } from "~/routes/admin.stock";
import { loader as unitCompareLoader } from "~/routes/admin.units.compare";
import { action as unitsAction } from "~/routes/admin.units._index";
import { createUnit, saveOrganisation } from "~/units/units.server";
import { prisma } from "~/utils/db.server";
import { addResponses, SLUG } from "../../support/results-fixture";

const cookies: Record<string, string> = {};
const units: Record<string, string> = {};

async function login(email: string, role: "staff" | "manager" | "orgmanager", unit: string) {
  const user = await createUser({ email, role, password: "right-password-1", unitId: units[unit] });
  cookies[email] = (await startSession(user.id, "/admin")).headers.get("Set-Cookie")!.split(";")[0]!;
}

const get = (who: string, path: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookies[who]! } });
const post = (who: string, path: string, fields: Record<string, string>) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: cookies[who]!, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
const args = (request: Request) => ({ request, params: {}, context: {} });

/** Closure responses of January 2026 in the review as the user gets it. */
async function januaryResponses(who: string, unit?: string): Promise<number | null> {
  const q = `?survey=${SLUG}&scope=range&month=2026-01&from=2026-01&to=2026-01&wave=closure${unit ? `&unit=${unit}` : ""}`;
  const { data } = await reviewLoader(args(get(who, `/admin/results${q}`)));
  const column = data!.columns[0]!;
  return column.report.responses;
}

const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: unknown) => (e instanceof Response ? e.status : Promise.reject(e)),
  );

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-03-15T10:00:00Z"));
  for (const slug of ["north", "south", "east"]) units[slug] = (await createUnit({ slug, name: `Team ${slug}` })).id;
  // another organisation on the same installation: none of its answers is ever the manager's above
  await saveOrganisation({ slug: "oslo-kommune", name: "Oslo kommune" });
  units.oslo = (await createUnit({ slug: "oslo", name: "Oslo team", organisation: "oslo-kommune" })).id;
  await login("north-staff@example.se", "staff", "north");
  await login("north-manager@example.se", "manager", "north");
  await login("org@example.se", "orgmanager", "north");
  await login("south-staff@example.se", "staff", "south");
  const answers = { method_satisfaction: "yes" };
  await addResponses([
    ...Array.from({ length: 6 }, () => ({ version: 3, month: "2026-01", unitId: units.north, answers })),
    ...Array.from({ length: 7 }, () => ({ version: 3, month: "2026-01", unitId: units.south, answers })),
    // a unit with two answers: never shown, nor as pooled minus the others
    ...Array.from({ length: 2 }, () => ({ version: 3, month: "2026-01", unitId: units.east, answers })),
    ...Array.from({ length: 9 }, () => ({ version: 3, month: "2026-01", unitId: units.oslo, answers })),
  ]);
});

afterAll(() => {
  vi.useRealTimers();
});

describe("a unit's staff see only their unit", () => {
  it("the review shows the own unit's answers, and another unit's ?unit= is refused", async () => {
    expect(await januaryResponses("north-staff@example.se")).toBe(6);
    expect(await januaryResponses("south-staff@example.se")).toBe(7);
    expect(await januaryResponses("north-staff@example.se", "north")).toBe(6);
    await expect(status(januaryResponses("north-staff@example.se", "south"))).resolves.toBe(403);
    await expect(status(januaryResponses("north-manager@example.se", "south"))).resolves.toBe(403);
    await expect(status(januaryResponses("north-staff@example.se", "nowhere"))).resolves.toBe(403);
  });

  it("every results URL with another unit answers 403: reach, downloads, comparison", async () => {
    const who = "north-manager@example.se";
    const sel = `survey=${SLUG}&scope=range&month=2026-01&from=2026-01&to=2026-01&wave=closure&unit=south`;
    for (const [loader, path] of [
      [reachLoader, `/admin/results/reach?${sel}`],
      [exportLoader, `/admin/results/export?${sel}&format=csv`],
      [exportLoader, `/admin/results/export?${sel}&view=reach&format=xlsx`],
      [compareLoader, `/admin/compare?${sel}&version=1&version=3`],
      [compareExportLoader, `/admin/compare/export?${sel}&version=1&version=3&format=csv`],
    ] as const)
      await expect(status((loader as (a: unknown) => Promise<unknown>)(args(get(who, path)))), path).resolves.toBe(403);
  });

  it("the CSV download of the own unit counts only its own answers", async () => {
    const sel = `survey=${SLUG}&scope=range&month=2026-01&from=2026-01&to=2026-01&wave=closure&format=csv&lang=en`;
    const res = (await exportLoader(args(get("north-staff@example.se", `/admin/results/export?${sel}`)))) as Response;
    const text = await res.text();
    expect(text).toMatch(/;6(;|\r\n)/);
    expect(text).not.toMatch(/;(7|13)(;|\r\n)/);
    // a file saved to a shared drive says whose figures it holds, in its name and its first table
    expect(res.headers.get("Content-Disposition")).toContain(`filename="${SLUG}-north-2026-01-2026-01.csv"`);
    expect(text.split("\r\n")).toContain("Unit;Team north");
    // the default unit's staff see one unit too, but the install has four: their file is named as well
    const home = await prisma.unit.findUniqueOrThrow({ where: { slug: "default" } });
    units.default = home.id;
    await login("home-staff@example.se", "staff", "default");
    const own = (await exportLoader(args(get("home-staff@example.se", `/admin/results/export?${sel}`)))) as Response;
    expect(own.headers.get("Content-Disposition")).toContain(`filename="${SLUG}-default-2026-01-2026-01.csv"`);
    expect((await own.text()).split("\r\n")).toContain("Unit;Our unit");
  });

  it("codes are issued, printed and counted in the own unit; a unit field of another is refused", async () => {
    const fields = { survey: SLUG, wave: "closure", count: "2", lang: "sv" };
    expect(await status(codesAction(args(post("north-staff@example.se", "/admin/codes", { ...fields, unit: "south" }))))).toBe(403);
    expect(await status(codesLoader(args(get("north-staff@example.se", "/admin/codes?unit=south"))))).toBe(403);
    await codesAction(args(post("north-staff@example.se", "/admin/codes", fields)));
    expect(await prisma.surveyCode.count({ where: { unitId: units.north } })).toBe(2);
    expect(await prisma.surveyCode.count({ where: { unitId: units.south } })).toBe(0);
    expect(await status(stockAction(args(post("north-staff@example.se", "/admin/stock", { survey: SLUG, lang: "sv", count: "1", unit: "south" }))))).toBe(403);
  });

  it("another unit's stock slip cannot be activated or voided, even with its unit named", async () => {
    const [slip] = await printStock({ survey: SLUG, lang: "sv", count: 1, unitId: units.south });
    const refused = (await activateAction(args(post("north-staff@example.se", "/admin/activate", { code: slip!.code, wave: "closure" })))) as { ok: boolean };
    expect(refused.ok).toBe(false);
    expect(await status(activateAction(args(post("north-staff@example.se", "/admin/activate", { code: slip!.code, wave: "closure", unit: "south" }))))).toBe(403);
    const voided = (await stockAction(args(post("north-staff@example.se", "/admin/stock", { intent: "void", code: slip!.code })))) as { ok: boolean };
    expect(voided.ok).toBe(false);
    // still in south's stock, and south activates it
    const own = (await activateAction(args(post("south-staff@example.se", "/admin/activate", { code: slip!.code, wave: "closure" })))) as { ok: boolean };
    expect(own.ok).toBe(true);
  });
});

describe("an organisation manager", () => {
  it("sees each unit on its own and both pooled", async () => {
    expect(await januaryResponses("org@example.se", "north")).toBe(6);
    expect(await januaryResponses("org@example.se", "south")).toBe(7);
    expect(await januaryResponses("org@example.se")).toBe(13);
    const pooled = (await exportLoader(args(get("org@example.se", `/admin/results/export?survey=${SLUG}&view=reach&month=2026-01&scope=month&format=csv`)))) as Response;
    expect(pooled.headers.get("Content-Disposition")).toContain(`filename="${SLUG}-pooled-reach-2026-01-2026-01.csv"`);
    expect((await pooled.text()).split("\r\n")).toContain("Enhet;Alla enheter (sammanslaget)");
    const south = (await compareExportLoader(args(get("org@example.se", `/admin/compare/export?survey=${SLUG}&unit=south&from=2026-01&to=2026-01&version=1&version=3&format=csv`)))) as Response;
    expect(south.headers.get("Content-Disposition")).toMatch(new RegExp(`filename="${SLUG}-south-compare`));
    expect((await south.text()).split("\r\n")).toContain("Enhet;Team south");
    // east's two answers are no released block: its review holds no column, pooled stays 13
    const east = await reviewLoader(args(get("org@example.se", `/admin/results?survey=${SLUG}&scope=range&month=2026-01&from=2026-01&to=2026-01&wave=closure&unit=east`)));
    expect(east.data!.columns.map((c) => c.report.responses)).toEqual([]);
  });

  it("compares the units side by side; the two-answer unit shows nothing and is not in the pooled total", async () => {
    const data = await unitCompareLoader(args(get("org@example.se", `/admin/units/compare?survey=${SLUG}&from=2026-01&to=2026-02&wave=closure`)));
    const byUnit = Object.fromEntries(data!.columns.map((c) => [c.unit?.slug ?? "pooled", c.report?.responses ?? null]));
    expect(byUnit).toEqual({ default: null, east: null, north: 6, south: 7, pooled: 13 });
  });

  it("never pools, shows or names a unit of another organisation, by any page or download", async () => {
    // pooled: north's six and south's seven, never Oslo's nine; naming Oslo is refused everywhere
    expect(await januaryResponses("org@example.se")).toBe(13);
    const oslo = [
      `/admin/results?survey=${SLUG}&scope=range&month=2026-01&from=2026-01&to=2026-01&wave=closure&unit=oslo`,
      `/admin/results/reach?survey=${SLUG}&month=2026-01&scope=month&unit=oslo`,
      `/admin/results/export?survey=${SLUG}&view=reach&month=2026-01&scope=month&format=csv&unit=oslo`,
      `/admin/compare?survey=${SLUG}&unit=oslo&from=2026-01&to=2026-01&version=1&version=3`,
      `/admin/compare/export?survey=${SLUG}&unit=oslo&from=2026-01&to=2026-01&version=1&version=3&format=csv`,
    ];
    const loaders = [reviewLoader, reachLoader, exportLoader, compareLoader, compareExportLoader];
    for (const [i, path] of oslo.entries()) expect(await status(loaders[i]!(args(get("org@example.se", path)) as never)), path).toBe(403);
    const data = await unitCompareLoader(args(get("org@example.se", `/admin/units/compare?survey=${SLUG}&from=2026-01&to=2026-02&wave=closure`)));
    expect(data!.columns.map((c) => c.unit?.slug ?? "pooled")).not.toContain("oslo");
    const reach = (await exportLoader(args(get("org@example.se", `/admin/results/export?survey=${SLUG}&view=reach&month=2026-01&scope=month&format=csv`)))) as Response;
    expect(await reach.text()).not.toContain("Oslo");
  });

  it("the unit comparison and the units page are not for a unit's manager", async () => {
    expect(await status(unitCompareLoader(args(get("north-manager@example.se", "/admin/units/compare"))))).toBe(403);
    const move = { intent: "assign", userId: "x", unit: "south", role: "orgmanager" };
    expect(await status(unitsAction(args(post("north-manager@example.se", "/admin/units", move))))).toBe(403);
    expect(await status(unitsAction(args(post("org@example.se", "/admin/units", move))))).toBe(403);
  });
});
