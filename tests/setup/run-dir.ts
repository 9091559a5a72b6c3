import fs from "node:fs";
import path from "node:path";
import { TESTS_TMP } from "./paths";

const RUN_FOLDER = /^(unit|e2e)-(\d+)$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A folder of tests/.tmp for this run alone, named by this process's id and handed to the test
 * processes in TEST_RUN_DIR. Folders left by runs whose process has ended are removed; a folder
 * whose run is still going (a browser run beside a unit run, or two runs of one kind) never is.
 * Returns the folder and the teardown that removes it.
 */
export function claimRunDir(kind: "unit" | "e2e", base = TESTS_TMP): { dir: string; remove: () => void } {
  fs.mkdirSync(base, { recursive: true });
  for (const entry of fs.readdirSync(base)) {
    const pid = RUN_FOLDER.exec(entry)?.[2];
    if (pid && !alive(Number(pid))) fs.rmSync(path.join(base, entry), { recursive: true, force: true });
  }
  const dir = path.join(base, `${kind}-${process.pid}`);
  fs.mkdirSync(dir, { mode: 0o700 }); // private, as npm start checks for a database's folder
  process.env.TEST_RUN_DIR = dir;
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
