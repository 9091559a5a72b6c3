/**
 * A throwaway PostgreSQL cluster of Debian's `postgresql` package, in a temporary folder on a
 * free loopback port: `npm run test:postgresql` and the PostgreSQL benchmarks start one each.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error("PostgreSQL is not installed: apt-get install -y postgresql (or set TEST_POSTGRESQL_URL)");
  return path.join(root, newest, "bin");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: the cluster then belongs to the `postgres` account. */
export function asClusterOwner(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

/**
 * `durable`: fsync and synchronous commit on, as a production server runs (benchmarks); without
 * it a test cluster skips them, since nothing in it must survive a power cut.
 */
export async function startCluster(options: { durable?: boolean; settings?: string[] } = {}): Promise<{ url: string; dir: string; stop: () => void }> {
  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brukarrost-pg-"));
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
  const data = path.join(dir, "data");
  const run = (command: string, args: string[]) => {
    const [c, a] = asClusterOwner(path.join(bin, command), args);
    execFileSync(c, a, { stdio: ["ignore", "ignore", "inherit"] });
  };
  // C collation: text sorts by code point, as in SQLite
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const port = await freePort();
  const unsafe = options.durable ? [] : ["fsync=off", "synchronous_commit=off", "full_page_writes=off"];
  // loopback only
  const settings = ["listen_addresses=127.0.0.1", ...unsafe, "max_connections=200", ...(options.settings ?? [])];
  run("pg_ctl", ["-D", data, "-o", [`-p ${port} -k ${dir}`, ...settings.map((s) => `-c ${s}`)].join(" "), "-l", path.join(dir, "log"), "-w", "start"]);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    dir,
    stop: () => {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
