/**
 * `npm start`: build when the sources are newer than the build, migrate, seed, create the
 * first admin, then serve. Running it again on the same database changes nothing.
 */
import path from "node:path";
import { parseEnv, EnvError, publicUrlOnceBound } from "../app/env.server";
import { sqlitePath } from "../app/utils/database-url";
import { buildIfNeeded } from "./build-if-needed";

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

  // bound before the app is loaded: with PORT=0 the public URL it reads names the port the system gave
  const { bind } = await import("../server/bind");
  const bound = await bind(config.host, config.port);
  process.env.PUBLIC_URL = publicUrlOnceBound(process.env, config, bound.port);
  // Rendering libraries pick their production code paths from NODE_ENV.
  process.env.NODE_ENV = "production";
  const { serve } = await import("../server/serve");
  await serve(bound.server, { host: config.host, logRequests: config.logRequests, publicUrl: process.env.PUBLIC_URL });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
