/**
 * `npm start`: build when the sources are newer than the build, migrate, seed, create the
 * first admin, then serve. Running it again on the same database changes nothing.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseEnv, EnvError } from "../app/env.server";
import { sqlitePath } from "../app/utils/database-url";

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...fs.readdirSync(target).map((name) => newestMtime(path.join(target, name))),
  );
}

function buildIfNeeded() {
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

async function main() {
  let config;
  try {
    config = parseEnv(process.env);
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  // The bundled app reads the same settings; hand it the generated secrets and defaults.
  process.env.DATABASE_URL = config.databaseUrl;
  process.env.SESSION_SECRET = config.sessionSecret;
  process.env.TOKEN_SECRET = config.tokenSecret;
  process.env.PUBLIC_URL = config.publicUrl;

  // refuse (production) or warn before touching a database other accounts can read
  const { checkDataPermissions } = await import("../app/utils/private-files.server");
  const file = sqlitePath(config.databaseUrl);
  checkDataPermissions(["data", ...(file === null ? [] : [path.dirname(file)])], config.mode);

  buildIfNeeded();
  const { migrateDatabase } = await import("../app/setup/migrate.server");
  const { seedReferenceSurvey, ensureFirstAdmin } = await import("../app/setup/bootstrap.server");
  const { duringStartup } = await import("../app/setup/startup-lock.server");
  await duringStartup(config.databaseUrl, async () => {
    const applied = await migrateDatabase(config.databaseUrl);
    if (applied.length) console.log(`Applied ${applied.length} migration(s).`);
    const seeded = await seedReferenceSurvey();
    if (seeded) console.log(`Seeded the reference questionnaire "${seeded}".`);
    const admin = await ensureFirstAdmin();
    if (admin) {
      console.log("\nFirst admin account (shown once, change it after logging in):");
      console.log(`  e-mail:   ${admin.email}`);
      console.log(`  password: ${admin.password}\n`);
    }
  });

  // Rendering libraries pick their production code paths from NODE_ENV.
  process.env.NODE_ENV = "production";
  const { serve } = await import("../server/serve");
  await serve({ host: config.host, port: config.port, logRequests: config.logRequests });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
