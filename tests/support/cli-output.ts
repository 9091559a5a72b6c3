import type { Command } from "~/cli/framework";
import { afterEach, beforeEach, vi } from "vitest";

/**
 * What the CLI writes, caught per test: registers the hooks, and the returned arrays are emptied
 * before each test (in place, so a test may also empty them between two commands).
 */
export function captureCliOutput(): { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  beforeEach(() => {
    out.length = 0;
    err.length = 0;
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  return { out, err };
}

/**
 * One command's own work, its printed lines joined: not runCli, which disconnects the database
 * when done (PostgreSQL's pool with it) and so ends a test that goes on using it.
 */
export async function runCommand(command: Command, values: Record<string, string | boolean>): Promise<string> {
  const printed: string[] = [];
  await command.run({ values, positionals: [] } as Parameters<Command["run"]>[0], { stdout: (text) => printed.push(text), stdin: async () => "" });
  return printed.join("");
}
