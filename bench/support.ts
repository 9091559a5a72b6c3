import { spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { shuffleInPlace } from "../app/utils/shuffle";
import fs from "node:fs";
import path from "node:path";

export const BENCH_DIR = path.resolve("bench", ".tmp");

export function freshDatabase(name: string): string {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const file = path.join(BENCH_DIR, `${name}.db`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  return `file:${file}`;
}

/**
 * Codes in the order clients answer them: any. In the order they were issued, a code's row and
 * its indexes change neighbouring pages in storage kept in issue order, and neighbouring hashes
 * once codes are stored by hash: either flatters the loop that deletes them.
 */
export function inAnswerOrder<T>(items: T[]): T[] {
  return shuffleInPlace([...items], randomInt);
}

/** The production server (`npm start`), on 127.0.0.1 only, for a bench run. */
export async function startBenchServer(databaseUrl: string, port: number) {
  // BENCH_CPU_PROFILE=dir: V8 profiles of the server's threads (the main thread and the writer) in dir
  const profile = process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "silent",
      SESSION_SECRET: "bench-session-secret-bench-session-secret",
      TOKEN_SECRET: "bench-token-secret-bench-token-secret-xx",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // a bench that fails (autocannon throws out of its callbacks) must not leave the server running
  const orphaned = () => child.kill("SIGKILL");
  process.once("exit", orphaned);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off("exit", orphaned);
        child.on("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function table(title: string, header: string[], rows: (string | number)[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) => `| ${cells.map((c, i) => String(c).padEnd(widths[i]!)).join(" | ")} |`;
  return [`\n### ${title}\n`, line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
