import { spawn, type ChildProcess } from "node:child_process";

export type RunningServer = {
  url: string;
  process: ChildProcess;
  /** sends the signal and resolves with the exit code once the process has ended */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/**
 * Starts the production server the way `npm start` does (building when needed), on the test
 * file's own database, and waits until it answers.
 */
export async function startServer(databaseUrl = process.env.DATABASE_URL!): Promise<RunningServer> {
  // port 0: the system picks a free port at bind time and the server prints it, so no other
  // process can take it between choosing and binding
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "development",
      DATABASE_URL: databaseUrl,
      PORT: "0",
      HOST: "127.0.0.1",
      PUBLIC_URL: "http://127.0.0.1",
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 120_000);
    child.stdout!.on("data", (d) => {
      stdout += String(d);
      const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (listening) {
        clearTimeout(timer);
        resolve(listening[1]!);
      }
    });
    void exited.then(() => (clearTimeout(timer), reject(new Error(`server exited: ${stderr}`))));
  });
  // a server that prints its port has done its start-up work (migrations, seeding, retention)
  const health = await fetch(`${url}/healthz`);
  if (!health.ok) throw new Error(`server at ${url} is not healthy: ${health.status}`);
  return {
    url,
    process: child,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** POSTs a form body to /s/{code} without following the redirect. */
export function postAnswers(base: string, code: string, body: string, init: RequestInit = {}) {
  return fetch(`${base}/s/${code}`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    ...init,
  });
}
