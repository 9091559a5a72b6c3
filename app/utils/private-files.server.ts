/**
 * Files only the app's own account may read: the database (free-text answers), its WAL and
 * shared-memory files, the generated secrets and every backup. Modes are set explicitly at
 * creation, so a permissive umask (022 is common) never leaves them readable by other accounts.
 * SQLite gives the -wal and -shm files the main file's mode, so a 0600 database keeps them 0600.
 */
import fs from "node:fs";
import path from "node:path";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) as 0700; an existing directory is left to the start-up check. */
export function ensurePrivateDir(dir: string): void {
  const target = path.resolve(dir);
  if (fs.existsSync(target)) return;
  fs.mkdirSync(target, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir's mode passes through the umask: set it exactly
  fs.chmodSync(target, PRIVATE_DIR_MODE);
}

/**
 * Creates `file` empty with mode 0600 unless it exists; returns whether it did. SQLite takes an
 * empty file as an empty database, and keeps the mode when it writes the first page.
 */
export function createPrivateFile(file: string, content = ""): boolean {
  ensurePrivateDir(path.dirname(file));
  let fd: number;
  try {
    fd = fs.openSync(file, "wx", PRIVATE_FILE_MODE);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  try {
    fs.fchmodSync(fd, PRIVATE_FILE_MODE);
    if (content) fs.writeSync(fd, content);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

export type ExposedPath = { path: string; mode: number; kind: "directory" | "file" };

const othersCanRead = (mode: number, kind: ExposedPath["kind"]) =>
  // a directory others may list or pass through exposes its files by name or by path
  kind === "directory" ? (mode & 0o005) !== 0 : (mode & 0o004) !== 0;

/** Each of `dirs`, and every file directly in them, that another local account could read. */
export function exposedPaths(dirs: string[]): ExposedPath[] {
  const found: ExposedPath[] = [];
  const seen = new Set<string>();
  for (const dir of dirs.map((d) => path.resolve(d))) {
    if (seen.has(dir)) continue;
    seen.add(dir);
    const stat = fs.statSync(dir, { throwIfNoEntry: false });
    if (!stat?.isDirectory()) continue;
    if (othersCanRead(stat.mode, "directory")) found.push({ path: dir, mode: stat.mode & 0o777, kind: "directory" });
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(dir, entry.name);
      const mode = fs.statSync(file).mode & 0o777;
      if (othersCanRead(mode, "file")) found.push({ path: file, mode, kind: "file" });
    }
  }
  return found;
}

const shellQuote = (p: string) => (/^[\w./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`);

/** The one command that closes them: `chmod 700 <dirs> && chmod 600 <files>`. */
export function chmodFix(exposed: ExposedPath[], cwd = process.cwd()): string {
  const rel = (p: string) => shellQuote(path.relative(cwd, p) || ".");
  const dirs = exposed.filter((e) => e.kind === "directory").map((e) => rel(e.path));
  const files = exposed.filter((e) => e.kind === "file").map((e) => rel(e.path));
  return [dirs.length ? `chmod 700 ${dirs.join(" ")}` : "", files.length ? `chmod 600 ${files.join(" ")}` : ""]
    .filter(Boolean)
    .join(" && ");
}

export class ExposedDataError extends Error {}

/**
 * The start-up check: in production a data directory readable by other accounts stops the
 * start; in development it is a warning. Either way the message names the chmod that fixes it.
 */
export function checkDataPermissions(
  dirs: string[],
  mode: "development" | "production" | "test",
  warn: (message: string) => void = console.warn,
): void {
  const exposed = exposedPaths(dirs);
  if (!exposed.length) return;
  const list = exposed.map((e) => `${path.relative(process.cwd(), e.path) || "."} (${e.mode.toString(8).padStart(4, "0")})`);
  const message =
    `Other accounts on this host can read ${list.join(", ")}: answers and secrets must be private. ` +
    `Fix: ${chmodFix(exposed)}`;
  if (mode === "production") throw new ExposedDataError(message);
  warn(`Warning: ${message}`);
}
