import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, publicUrlOnceBound } from "~/env.server";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "brukarrost-env-"));

describe("configuration", () => {
  it("uses the embedded defaults and generates secrets once into data/", () => {
    const dir = tmp();
    const first = parseEnv({}, dir);
    expect(first).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      databaseUrl: "file:./data/brukarrost.db",
      publicUrl: "http://localhost:3000",
      minGroupSize: 5,
      secureCookies: false,
    });
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.tokenSecret).not.toBe(first.sessionSecret);
    const second = parseEnv({}, dir);
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(second.tokenSecret).toBe(first.tokenSecret);
  });

  it("refuses to start in production without secrets, with a clear message", () => {
    expect(() => parseEnv({ NODE_ENV: "production" }, tmp())).toThrow(/SESSION_SECRET is required/);
  });

  it("binds all interfaces in production and derives PUBLIC_URL from PORT", () => {
    const secret = "x".repeat(40);
    const e = parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret, TOKEN_SECRET: secret, PORT: "3123" }, tmp());
    expect(e.host).toBe("0.0.0.0");
    expect(e.publicUrl).toBe("http://localhost:3123");
  });

  it("with PORT=0 takes the public URL from the port bound, unless PUBLIC_URL is given", () => {
    const dir = tmp();
    const any = { PORT: "0", HOST: "127.0.0.1" };
    expect(publicUrlOnceBound(any, parseEnv(any, dir), 41234)).toBe("http://127.0.0.1:41234");
    const v6 = { PORT: "0", HOST: "::1" };
    expect(publicUrlOnceBound(v6, parseEnv(v6, dir), 41234)).toBe("http://[::1]:41234");
    const given = { ...any, PUBLIC_URL: "https://enkat.example.se" };
    expect(publicUrlOnceBound(given, parseEnv(given, dir), 41234)).toBe("https://enkat.example.se");
    // a fixed port keeps the documented default, whatever port the system reports
    expect(publicUrlOnceBound({ PORT: "3123" }, parseEnv({ PORT: "3123" }, dir), 3123)).toBe("http://localhost:3123");
  });

  it("marks cookies Secure behind https", () => {
    expect(parseEnv({ PUBLIC_URL: "https://enkat.example.se/" }, tmp())).toMatchObject({
      publicUrl: "https://enkat.example.se",
      secureCookies: true,
    });
  });

  it("rejects invalid values naming the variable", () => {
    expect(() => parseEnv({ PORT: "http" }, tmp())).toThrow(EnvError);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" }, tmp())).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ DATABASE_URL: "./data/brukarrost.db" }, tmp())).toThrow(/DATABASE_URL/);
    expect(parseEnv({ DATABASE_URL: "postgresql://app@db/brukarrost" }, tmp()).databaseUrl).toBe("postgresql://app@db/brukarrost");
    expect(() => parseEnv({ MIN_GROUP_SIZE: "2" }, tmp())).toThrow(/MIN_GROUP_SIZE/);
  });

  it("reads TRUST_PROXY as a hop count or a list of proxy addresses, and refuses anything else", () => {
    const dir = tmp();
    expect(parseEnv({}, dir).trustProxy).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "1" }, dir).trustProxy).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "10.0.0.2, fd00::/8,loopback" }, dir).trustProxy).toEqual(["10.0.0.2", "fd00::/8", "loopback"]);
    // "true" would let every client name its own address in X-Forwarded-For
    for (const bad of ["true", "proxy.example", "10.0.0.0/33", "11", "10.0.0.1/8/2"])
      expect(() => parseEnv({ TRUST_PROXY: bad }, dir), bad).toThrow(/TRUST_PROXY/);
  });

  it("reads the staff idle timeout in minutes, 30 by default", () => {
    const dir = tmp();
    expect(parseEnv({}, dir).sessionIdleMinutes).toBe(30);
    expect(parseEnv({ SESSION_IDLE_MINUTES: "5" }, dir).sessionIdleMinutes).toBe(5);
    for (const bad of ["0", "abc", "1.5", "100000"]) expect(() => parseEnv({ SESSION_IDLE_MINUTES: bad }, dir), bad).toThrow(/SESSION_IDLE_MINUTES/);
  });
});
