/**
 * `report` without --from/--to reports everything released so far. It ended at the last month
 * with any answer or code (capped at the last closed month), so one client answering this month
 * moved the period's end, and the output with it (a review found it).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { report } from "~/cli/commands/report";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { runCommand } from "../../support/cli-output";
import { addCodeCount, addResponses, SLUG } from "../../support/results-fixture";

const run = () => runCommand(report, { survey: SLUG, wave: "closure", json: true });

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-07-15T10:00:00Z"));
  await seedReferenceSurvey();
  // March: six codes handed out, six answers; nothing since
  await addCodeCount({ version: 3, validMonth: "2026-03", issued: 6 });
  await addResponses(Array.from({ length: 6 }, () => ({ version: 3, month: "2026-03", answers: { method_satisfaction: "yes" } })));
});

afterAll(() => {
  vi.useRealTimers();
});

describe("report without a period", () => {
  it("covers the same months before and after one client answers this month", async () => {
    const before = await run();
    expect(JSON.parse(before)).toMatchObject({ from: "2026-03", to: "2026-06", responses: 6 });
    await addResponses([{ version: 3, month: "2026-07", answers: { method_satisfaction: "yes" } }]);
    expect(await run()).toBe(before);
  });
});
