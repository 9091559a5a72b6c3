import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "~/cli/main";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { createDraft, publishVersion, updateDraft } from "~/survey/store.server";
import { editQuestion } from "~/survey/versions";
import { prisma } from "~/utils/db.server";
import { captureCliOutput } from "../../support/cli-output";

const { out, err } = captureCliOutput();

beforeEach(async () => {
  await prisma.surveyCode.deleteMany();
  await prisma.codeCount.deleteMany();
  await prisma.survey.deleteMany();
  await seedReferenceSurvey();
});

const issue = (lang: string) => runCli(["tokens", "issue", "--survey", "brukarenkat", "--wave", "closure", "--count", "2", "--lang", lang, "--json"]);

describe("tokens issue --lang", () => {
  it("exits 1 with one line, and makes no code, in a language the newest version does not offer", async () => {
    await createDraft("brukarenkat");
    await updateDraft("brukarenkat", 4, (qs) => editQuestion(qs, { key: "gender", lang: "sv", text: "Vilket kön har du?" }), ["sv"]);
    await publishVersion("brukarenkat", 4, ["en", "es", "tr", "el", "ti", "am", "az", "ar", "fa", "so"]);
    expect(await issue("ti")).toBe(1);
    expect(err.join("").trim().split("\n")).toHaveLength(1);
    expect(err.join("")).toMatch(/not offered in "ti"/);
    expect(await prisma.surveyCode.count()).toBe(0);
    expect(await issue("sv")).toBe(0);
  });

  it("issues in an unreviewed draft language with a warning on stderr, and in a reviewed one without", async () => {
    expect(await issue("am")).toBe(0);
    expect(err.join("")).toMatch(/^warning: "am" is an unreviewed draft translation of version 3\n$/);
    expect(JSON.parse(out.join(""))).toHaveLength(2);
    err.length = 0;
    expect(await issue("en")).toBe(0);
    expect(err).toEqual([]);
  });
});
