import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { claimRunDir } from "./run-dir";

const before = process.env.TEST_RUN_DIR;
afterEach(() => {
  process.env.TEST_RUN_DIR = before;
});

describe("a test run's own folder", () => {
  it("removes folders of ended runs, never one whose run is still going, nor other files", () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "brukarrost-runs-"));
    const ended = spawnSync(process.execPath, ["-e", ""]).pid; // a process that has exited
    const live = process.ppid; // the runner that started this test process: running
    for (const folder of [`e2e-${ended}`, `unit-${ended}`, `e2e-${live}`]) {
      fs.mkdirSync(path.join(base, folder));
      fs.writeFileSync(path.join(base, folder, "e2e.db"), "a database");
    }
    fs.writeFileSync(path.join(base, "compare.pdf"), "a screenshot someone asked for");

    const run = claimRunDir("unit", base);

    expect(run.dir).toBe(path.join(base, `unit-${process.pid}`));
    expect(process.env.TEST_RUN_DIR).toBe(run.dir);
    expect(fs.readdirSync(base).sort()).toEqual(["compare.pdf", `e2e-${live}`, `unit-${process.pid}`].sort());
    expect(fs.readFileSync(path.join(base, `e2e-${live}`, "e2e.db"), "utf8")).toBe("a database");
    expect(fs.statSync(run.dir).mode & 0o777).toBe(0o700);
    run.remove();
    expect(fs.existsSync(run.dir)).toBe(false);
    fs.rmSync(base, { recursive: true });
  });
});
