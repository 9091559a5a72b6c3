/**
 * The server's levels job (scheduleRetention, run before the first request is served) builds the
 * release summaries after the levels (decision 0034), so an organisation's pooled pages read them
 * from the first request on; a failure would only be logged, so the test watches the log.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { scheduleRetention } from "~/ops/retention.server";
import { loadSurvey } from "~/results/aggregate.server";
import { loadReleases } from "~/results/release.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { createUnit, listUnits } from "~/units/units.server";
import { addResponses, SLUG } from "../../support/results-fixture";

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-05-10T10:00:00Z"));
  await seedReferenceSurvey();
  const north = (await createUnit({ slug: "north", name: "North" })).id;
  await addResponses(
    ["default", north].flatMap((unitId) =>
      ["2026-02", "2026-03", "2026-04"].flatMap((month) => Array.from({ length: 6 }, () => ({ version: 3, month, unitId, answers: { violence_stopped: "yes" } }))),
    ),
  );
});

afterAll(() => {
  vi.useRealTimers();
});

describe("the levels job", () => {
  it("builds the release summaries at start, so a pooled scope reads them", async () => {
    const lines: string[] = [];
    const failed = vi.spyOn(console, "error");
    const stop = await scheduleRetention((line) => lines.push(line));
    stop();
    expect(failed).not.toHaveBeenCalled();
    const levels = lines.map((l) => JSON.parse(l) as { job: string; summaries?: number }).find((l) => l.job === "report levels");
    expect(levels?.summaries).toBeGreaterThan(0);
    const loaded = await loadSurvey(SLUG);
    const scope = { unitIds: (await listUnits()).map((u) => u.id) };
    const releases = await loadReleases(loaded, undefined, undefined, scope, []);
    expect(releases.summaries).toBeDefined();
    expect(releases.byUnit.get("default")!.closure.blocks.map((b) => [b.from, b.n])).toEqual([
      ["2026-02", 6],
      ["2026-03", 6],
      ["2026-04", 6],
    ]);
  });
});
