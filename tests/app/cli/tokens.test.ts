import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { runCli } from "~/cli/main";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { prisma } from "~/utils/db.server";

let err: string[];
beforeEach(async () => {
  err = [];
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
  await seedReferenceSurvey();
});
afterEach(() => vi.restoreAllMocks());

it("refuses a follow-up code without a start date instead of making it valid today", async () => {
  expect(await runCli(["tokens", "issue", "--survey", "brukarenkat", "--wave", "followup", "--count", "1"])).toBe(1);
  expect(err.join("")).toContain("--valid-from");
  expect(await prisma.surveyCode.count({ where: { wave: "followup" } })).toBe(0);
});
