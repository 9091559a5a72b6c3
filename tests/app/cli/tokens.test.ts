import { beforeEach, expect, it } from "vitest";
import { runCli } from "~/cli/main";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { prisma } from "~/utils/db.server";
import { captureCliOutput } from "../../support/cli-output";

const { err } = captureCliOutput();

beforeEach(async () => {
  await seedReferenceSurvey();
});

it("refuses a follow-up code without a start date instead of making it valid today", async () => {
  expect(await runCli(["tokens", "issue", "--survey", "brukarenkat", "--wave", "followup", "--count", "1"])).toBe(1);
  expect(err.join("")).toContain("--valid-from");
  expect(await prisma.surveyCode.count({ where: { wave: "followup" } })).toBe(0);
});
