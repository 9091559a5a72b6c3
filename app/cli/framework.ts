import { parseArgs, type ParseArgsConfig } from "node:util";

/** A usage or input error: exit 1 with its message on one line of stderr. */
export class UsageError extends Error {}

export type CommandContext = {
  stdout: (text: string) => void;
  stdin: () => Promise<string>;
};

export type Command = {
  /** "users create", "tokens issue", … */
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** positional arguments allowed */
  positionals?: boolean;
  /** runs without migrating or seeding first (e.g. restore, which replaces the file) */
  skipSetup?: boolean;
  run(
    args: { values: Record<string, unknown>; positionals: string[] },
    ctx: CommandContext,
  ): Promise<void>;
};

export function parseCommandArgs(command: Command, argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: command.options,
      allowPositionals: command.positionals ?? false,
      strict: true,
    });
    return { values: values as Record<string, unknown>, positionals };
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split("\n")[0]} (usage: ${command.usage})`);
  }
}

export function findCommand(commands: Command[], argv: string[]): { command: Command; rest: string[] } | null {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(" ");
    const command = commands.find((c) => c.name === name);
    if (command) return { command, rest: argv.slice(words) };
  }
  return null;
}

export function helpText(commands: Command[]): string {
  return [
    "Usage: npm run cli -- <command> [flags]",
    "",
    ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`),
  ].join("\n");
}

export function requireString(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== "string" || v.trim() === "") throw new UsageError(`--${name} is required`);
  return v.trim();
}
