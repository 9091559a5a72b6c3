import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...fs.readdirSync(target).map((name) => newestMtime(path.join(target, name))),
  );
}

/** Builds the app when a source is newer than the build (npm start; test runs do it once, up front). */
export function buildIfNeeded() {
  const built = newestMtime("build/server/index.js");
  const sources = Math.max(
    ...["app", "locales", "public", "vite.config.ts", "package.json"].map(newestMtime),
  );
  if (built > sources) return;
  console.log("Building the app…");
  // Vite's notes ("empty chunk" for loader-only routes) are noise on a first start: shown only on failure
  try {
    execFileSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, NODE_ENV: "production" },
    });
  } catch (e) {
    process.stderr.write(String((e as { stderr?: Buffer }).stderr ?? ""));
    throw new Error("The build failed (its output is above).");
  }
}
