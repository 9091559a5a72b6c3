/**
 * Starts the built app the way `npm start` does, on a fresh temporary database with known
 * accounts, so browser tests can log in.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ADMIN, E2E_DB, MANAGER, STAFF } from "./accounts";

const dir = path.dirname(E2E_DB);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true, mode: 0o700 }); // private, as npm start checks
const env = {
  ...process.env,
  DATABASE_URL: `file:./${E2E_DB}`,
  PORT: process.env.E2E_PORT ?? "3999",
  HOST: "127.0.0.1",
  PUBLIC_URL: `http://127.0.0.1:${process.env.E2E_PORT ?? "3999"}`,
  SESSION_SECRET: "e2e-session-secret-e2e-session-secret",
  TOKEN_SECRET: "e2e-token-secret-e2e-token-secret-xx",
  LOG_LEVEL: "silent",
};
for (const [account, role] of [
  [ADMIN, "admin"],
  [MANAGER, "manager"],
  [STAFF, "staff"],
] as const) {
  execFileSync(
    process.execPath,
    ["--import", "tsx", "app/cli/main.ts", "users", "create", "--email", account.email, "--role", role, "--password-stdin"],
    { env, input: account.password, stdio: ["pipe", "ignore", "inherit"] },
  );
}
const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env, stdio: "inherit" });
const stop = () => server.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => process.exit(code ?? 0));
