/**
 * Brukarröst's command line: `npm run cli -- <command> [flags]`. Exit 0 on success, 1 on a
 * usage or input error (one line on stderr). Each command is one module in commands/.
 */
import { parseEnv, EnvError } from "~/env.server";
import { findCommand, helpText, parseCommandArgs, UsageError, type Command } from "./framework";
import { aggregatesRebuild } from "./commands/aggregates";
import { backup, restore, retentionRun } from "./commands/ops";
import { tokensIssue } from "./commands/tokens";
import { usersCreate } from "./commands/users";
import { report } from "./commands/report";
import { compare } from "./commands/compare";
import { migrateData } from "./commands/migrate-data";
import { historyImport, historyList } from "./commands/history";
import { unitsCreate, unitsList, unitsRename } from "./commands/units";
import { surveysExport, surveysImport, surveysList } from "./commands/surveys";

export const COMMANDS: Command[] = [
  usersCreate,
  surveysImport,
  surveysList,
  surveysExport,
  tokensIssue,
  backup,
  restore,
  retentionRun,
  aggregatesRebuild,
  report,
  compare,
  migrateData,
  historyImport,
  historyList,
  unitsCreate,
  unitsList,
  unitsRename,
];

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function runCli(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "help" || argv[0] === "--help") {
    process.stdout.write(helpText(COMMANDS) + "\n");
    return argv.length === 0 ? 1 : 0;
  }
  try {
    const found = findCommand(COMMANDS, argv);
    if (!found) throw new UsageError(`unknown command "${argv.slice(0, 2).join(" ")}" (try "help")`);
    const args = parseCommandArgs(found.command, found.rest);
    const config = parseEnv(process.env);
    process.env.DATABASE_URL = config.databaseUrl;
    process.env.TOKEN_SECRET = config.tokenSecret;
    process.env.SESSION_SECRET = config.sessionSecret;
    if (!found.command.skipSetup) {
      // the same database state npm start prepares: migrated, reference questionnaire seeded
      const { migrateDatabase } = await import("~/setup/migrate.server");
      const { seedReferenceSurvey } = await import("~/setup/bootstrap.server");
      const { duringStartup } = await import("~/setup/startup-lock.server");
      await duringStartup(config.databaseUrl, async () => {
        await migrateDatabase(config.databaseUrl);
        await seedReferenceSurvey();
      });
    }
    await found.command.run(args, {
      stdout: (text) => process.stdout.write(text + "\n"),
      stdin: readStdin,
    });
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof EnvError) {
      process.stderr.write(`error: ${e.message.replace(/\s*\n\s*/g, " ")}\n`);
      return 1;
    }
    process.stderr.write(`error: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}\n`);
    return 2;
  } finally {
    const client = (globalThis as { brukarrostPrisma?: { $disconnect(): Promise<void> } }).brukarrostPrisma;
    await client?.$disconnect();
  }
}

/**
 * Exits once stdout and stderr have handed everything written to the OS. process.exit() alone
 * drops what a pipe has not yet taken (`cli … | wc -c` saw 65,536 of 73,921 bytes).
 */
export function exitAfterOutput(code: number, streams: NodeJS.WritableStream[] = [process.stdout, process.stderr]) {
  let pending = streams.length;
  for (const stream of streams) stream.write("", () => --pending === 0 && process.exit(code));
}

const invokedDirectly = process.argv[1] && /cli[\\/]main\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then(exitAfterOutput);
}
