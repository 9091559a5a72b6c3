import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export type RunningServer = {
  url: string;
  process: ChildProcess;
  /** sends the signal and resolves with the exit code once the process has ended */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** what the server wrote to stdout (its request log), when started with `log: true` */
  stdout(): string;
};

/** How to start it otherwise: another working directory, variables (undefined unsets), umask. */
export type StartOptions = { cwd?: string; env?: Record<string, string | undefined>; umask?: string; /** pipe stdout (the request log) for stdout() */ log?: boolean };

/**
 * Starts the production server the way `npm start` does (building when needed), on the test
 * file's own database, and waits until it answers.
 */
export async function startServer(databaseUrl = process.env.DATABASE_URL!, options: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: options.log ? "info" : "silent",
    ...options.env,
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  // through a shell when a umask is asked for; exec keeps the server the child that stop() signals
  const [command, ...args] = options.umask
    ? ["/bin/sh", "-c", `umask ${options.umask} && exec "$@"`, "sh", process.execPath, "--import", "tsx", "scripts/start.ts"]
    : [process.execPath, "--import", "tsx", "scripts/start.ts"];
  const child = spawn(command!, args, { cwd: options.cwd, env, stdio: ["ignore", options.log ? "pipe" : "ignore", "pipe"] });
  let stderr = "";
  let stdout = "";
  child.stderr!.on("data", (d) => (stderr += String(d)));
  child.stdout?.on("data", (d) => (stdout += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    process: child,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
    stdout: () => stdout,
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
