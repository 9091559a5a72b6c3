import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./utils/database-url";
import { createPrivateFile } from "./utils/private-files.server";

const secret = z.string().min(32, "must be at least 32 characters");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // 0: any free port, printed when the server listens (tests start servers this way); the public
  // URL then names the port bound (publicUrlOnceBound)
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)/, "must be a SQLite file URL (file:PATH) or a PostgreSQL URL (postgresql://…)")
    .default(DEFAULT_DATABASE_URL),
  SESSION_SECRET: secret.optional(),
  TOKEN_SECRET: secret.optional(),
  PUBLIC_URL: z.string().url().optional(),
  // Reports hide any group smaller than this; never below 3 (docs/decisions/0006-disclosure-control.md).
  MIN_GROUP_SIZE: z.coerce.number().int().min(3).default(5),
  CODE_VALID_DAYS: z.coerce.number().int().min(1).max(730).default(90),
  LOG_LEVEL: z.enum(["silent", "info"]).default("info"),
  TRUST_PROXY: z.string().optional(),
  // A staff session left untouched this long ends, beside its 7-day absolute limit.
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
});

/** What express's `trust proxy` gets: nothing, a hop count, or the proxies' addresses. */
export type TrustProxy = false | number | string[];

const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrSubnet(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = "", bits, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: a number of proxy hops in front of the app (e.g. 1 for one TLS terminator), or a
 * comma-separated list of proxy addresses/subnets. "true" (trust any X-Forwarded-For) is refused:
 * every client could then choose its own address and escape throttling.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | string {
  const text = value?.trim() ?? "";
  if (text === "" || text === "0" || text === "false") return false;
  if (/^\d+$/.test(text)) return Number(text) <= 10 ? Number(text) : "a hop count must be between 0 and 10";
  const entries = text.split(",").map((e) => e.trim()).filter(Boolean);
  const bad = entries.find((e) => !isAddressOrSubnet(e));
  return bad === undefined ? entries : `"${bad}" is neither a hop count nor an IP address or subnet (e.g. 1, or 10.0.0.2,fd00::/8)`;
}

export type Env = {
  mode: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl: string;
  sessionSecret: string;
  tokenSecret: string;
  publicUrl: string;
  secureCookies: boolean;
  minGroupSize: number;
  codeValidDays: number;
  logRequests: boolean;
  trustProxy: TrustProxy;
  sessionIdleMinutes: number;
};

const SECRET_NAMES = ["SESSION_SECRET", "TOKEN_SECRET"] as const;

/**
 * Secrets for an embedded install: generated once into data/ beside the database and reused,
 * so codes issued before a restart still verify. Production must supply its own.
 */
function embeddedSecret(dataDir: string, name: (typeof SECRET_NAMES)[number]): string {
  const file = path.join(dataDir, name.toLowerCase().replace("_", "-"));
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const value = randomBytes(32).toString("base64url");
  if (!createPrivateFile(file, value + "\n")) throw new EnvError(`${file} appeared while it was being created; start again`);
  return value;
}

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env, dataDir = "data"): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  if (typeof trustProxy === "string") throw new EnvError(`Invalid configuration: TRUST_PROXY: ${trustProxy}`);
  const mode = e.NODE_ENV;
  const secrets = {} as Record<(typeof SECRET_NAMES)[number], string>;
  for (const name of SECRET_NAMES) {
    const given = e[name];
    if (given) secrets[name] = given;
    else if (mode === "production")
      throw new EnvError(
        `${name} is required when NODE_ENV=production (at least 32 characters, e.g. from "openssl rand -base64 32")`,
      );
    else secrets[name] = embeddedSecret(dataDir, name);
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return {
    mode,
    port: e.PORT,
    host: e.HOST ?? (mode === "production" ? "0.0.0.0" : "127.0.0.1"),
    databaseUrl: e.DATABASE_URL,
    sessionSecret: secrets.SESSION_SECRET,
    tokenSecret: secrets.TOKEN_SECRET,
    publicUrl,
    // Behind TLS the session cookie is Secure; a plain-http install on a LAN must still log in.
    secureCookies: publicUrl.startsWith("https://"),
    minGroupSize: e.MIN_GROUP_SIZE,
    codeValidDays: e.CODE_VALID_DAYS,
    logRequests: e.LOG_LEVEL === "info" && mode !== "test",
    trustProxy,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
  };
}

/** `http://host:port`, with an IPv6 address in brackets. */
export function httpUrl(host: string, port: number): string {
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

/**
 * The public URL once the server holds its port. PUBLIC_URL when given; with PORT=0 and no
 * PUBLIC_URL, the address the system gave, as the server prints it: nobody can have typed any
 * other, and every form post is checked against this origin (server/origin.ts).
 */
export function publicUrlOnceBound(source: Record<string, string | undefined>, config: Env, boundPort: number): string {
  return source.PUBLIC_URL === undefined && config.port === 0 ? httpUrl(config.host, boundPort) : config.publicUrl;
}

let cached: Env | undefined;

/** The validated configuration; parsed once per process, at boot. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
