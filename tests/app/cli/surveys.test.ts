import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "~/cli/main";
import { TMP_DIR } from "../../setup/paths";
import { prisma } from "~/utils/db.server";
import { REFERENCE_TEXT, referenceJson, seededJson } from "../survey/reference";
import { captureCliOutput } from "../../support/cli-output";

const { out, err } = captureCliOutput();

const dir = path.join(TMP_DIR, `cli-surveys-${process.pid}`);

beforeEach(async () => {
  fs.mkdirSync(dir, { recursive: true });
  await prisma.survey.deleteMany();
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

// Another survey than the reference, so these tests hold whether or not the CLI seeds the
// reference questionnaire before each command.
const other = () => JSON.stringify({ ...referenceJson(), slug: "uppfoljning" });
const countOther = () => prisma.survey.count({ where: { slug: "uppfoljning" } });

describe("surveys commands", () => {
  it("imports a file, then finds it unchanged", async () => {
    const ref = file("q.json", other());
    expect(await runCli(["surveys", "import", ref])).toBe(0);
    expect(out.join("")).toBe('Imported "uppfoljning": created version 1, 2, 3\n');
    out.length = 0;
    expect(await runCli(["surveys", "import", ref, "--json"])).toBe(0);
    expect(JSON.parse(out.join(""))).toEqual({
      slug: "uppfoljning",
      created: [],
      published: [],
      translated: [],
      unchanged: [1, 2, 3],
    });
  });

  it("lists surveys as text and JSON", async () => {
    await runCli(["surveys", "import", file("q.json", REFERENCE_TEXT)]);
    out.length = 0;
    expect(await runCli(["surveys", "list"])).toBe(0);
    expect(out.join("")).toContain("  version 3  published      0 responses  2015 (typer av våld)\n");
    out.length = 0;
    expect(await runCli(["surveys", "list", "--json"])).toBe(0);
    const [survey] = JSON.parse(out.join(""));
    expect(survey).toMatchObject({ slug: "brukarenkat", defaultLanguage: "sv" });
    expect(survey.versions.map((v: { status: string }) => v.status)).toEqual(["published", "published", "published"]);
  });

  it("exports round-trip equal, to stdout or a file, all versions or one", async () => {
    await runCli(["surveys", "import", file("q.json", REFERENCE_TEXT)]);
    out.length = 0;
    expect(await runCli(["surveys", "export", "brukarenkat"])).toBe(0);
    // the CLI seeds first (reference plus draft translations); the sv/en file then changes nothing
    const seeded = await seededJson();
    expect(JSON.parse(out.join(""))).toEqual(seeded);
    const target = path.join(dir, "out.json");
    expect(await runCli(["surveys", "export", "brukarenkat", "--version", "2", "--out", target])).toBe(0);
    const exported = JSON.parse(fs.readFileSync(target, "utf8"));
    expect(exported.versions).toEqual([seeded.versions[1]]);
    // an exported file imports again without changes
    out.length = 0;
    expect(await runCli(["surveys", "import", target])).toBe(0);
    expect(out.join("")).toBe('Imported "brukarenkat": unchanged version 2\n');
  });

  it("refuses an invalid file with one line naming the error, and imports nothing", async () => {
    const json = JSON.parse(other());
    json.versions[0].questions[0].type = "scale";
    expect(await runCli(["surveys", "import", file("bad.json", JSON.stringify(json))])).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^error: .*bad\.json is not a valid questionnaire: versions\[0\]\.questions\[0\]\.type: unknown type "scale"/);
    expect(err[0]!.trimEnd()).not.toContain("\n");
    expect(await countOther()).toBe(0);
  });

  it("refuses a change to a published version with exit 1", async () => {
    await runCli(["surveys", "import", file("q.json", REFERENCE_TEXT)]);
    const json = referenceJson();
    json.versions[2].questions.pop();
    expect(await runCli(["surveys", "import", file("changed.json", JSON.stringify(json))])).toBe(1);
    expect(err.join("")).toMatch(/version 3 of "brukarenkat" is published .*new version number/);
  });

  it("usage errors: missing file, unknown survey or version, bad flags", async () => {
    expect(await runCli(["surveys", "import", path.join(dir, "missing.json")])).toBe(1);
    expect(await runCli(["surveys", "import"])).toBe(1);
    expect(await runCli(["surveys", "export", "nope"])).toBe(1);
    expect(await runCli(["surveys", "export", "brukarenkat", "--version", "x"])).toBe(1);
    expect(await runCli(["surveys", "list", "--csv"])).toBe(1);
    expect(err.map((e) => e.split(":")[0])).toEqual(["error", "error", "error", "error", "error"]);
    expect(err[0]).toContain("no such file");
    expect(err[2]).toContain('no survey "nope"');
  });

  it("refuses an oversized file without reading it", async () => {
    const big = file("big.json", " ".repeat(1_000_001));
    expect(await runCli(["surveys", "import", big])).toBe(1);
    expect(err[0]).toMatch(/1000001 bytes is larger than the limit/);
  });
});
