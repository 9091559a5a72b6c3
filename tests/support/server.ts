import { spawn, type ChildProcess } from "node:child_process";

export type RunningServer = {
  url: string;
  process: ChildProcess;
  /** sends the signal and resolves with the exit code once the process has ended */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** what the server wrote to stdout (its request log when started with `log: true`) */
  stdout(): string;
  /** what it wrote to stderr, and how it ended if it has: for a failing test's message */
  stderr(): string;
};

/** How to start it otherwise: another working directory, variables (undefined unsets), umask. */
export type StartOptions = { cwd?: string; env?: Record<string, string | undefined>; umask?: string; /** log requests (LOG_LEVEL=info) */ log?: boolean };

/**
 * Starts the production server the way `npm start` does (building when needed), on the test
 * file's own database, on a port the system picks when the server binds (PORT=0: no port is
 * chosen here and released for another process to take), and resolves once it says it is ready.
 * Its public URL is then the address it printed, unless `options.env` gives PUBLIC_URL.
 */
export async function startServer(databaseUrl = process.env.DATABASE_URL!, options: StartOptions = {}): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    DATABASE_URL: databaseUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    PUBLIC_URL: undefined,
    LOG_LEVEL: options.log ? "info" : "silent",
    ...options.env,
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const [command, ...args] = options.umask
    ? ["/bin/sh", "-c", `umask ${options.umask} && exec "$@"`, "sh", process.execPath, "--import", "tsx", "scripts/start.ts"]
    : [process.execPath, "--import", "tsx", "scripts/start.ts"];
  const child = spawn(command!, args, { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let stdout = "";
  child.stderr!.on("data", (d) => (stderr += String(d)));
  child.stdout!.on("data", (d) => (stdout += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 120_000);
    child.stdout!.on("data", () => {
      const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (listening) {
        clearTimeout(timer);
        resolve(listening[1]!);
      }
    });
    void exited.then(() => (clearTimeout(timer), reject(new Error(`server exited: ${stderr}`))));
  });
  // a server that prints its address has done its start-up work (migrations, seeding, retention)
  const health = await fetch(`${url}/healthz`);
  if (!health.ok) throw new Error(`server at ${url} is not healthy: ${health.status}`);
  return {
    url,
    process: child,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
    stdout: () => stdout,
    stderr: () => stderr + (child.exitCode !== null || child.signalCode !== null ? `\n[exited: code ${child.exitCode}, signal ${child.signalCode}]` : ""),
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

/** Logs a staff account in on a running server (from its own origin); the session cookie to send. */
export async function staffCookie(server: RunningServer, account: { email: string; password: string }): Promise<string> {
  const r = await fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    body: new URLSearchParams(account).toString(),
  });
  if (r.status !== 302) throw new Error(`login of ${account.email} answered ${r.status}`);
  return String(r.headers.get("set-cookie")).split(";")[0]!;
}
