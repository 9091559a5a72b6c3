import fs from "node:fs";
import path from "node:path";
import { hashCode } from "~/codes/code.server";
import { databasePath } from "~/utils/database-url";
import { plain } from "./codes";

/**
 * What an attacker holding a copy of the files looks for of a used code: its plain form, its
 * keyed hash (as stored, as hex, as raw bytes). If any is left, it can be matched to the
 * response stored beside it.
 */
export type UsedCode = { code: string; needles: Buffer[] };

export function usedCode(formatted: string): UsedCode {
  const code = plain(formatted);
  const hash = hashCode(code, process.env.TOKEN_SECRET!);
  const raw = Buffer.from(hash, "base64url");
  return {
    code,
    needles: [Buffer.from(code), Buffer.from(formatted), Buffer.from(hash), Buffer.from(raw.toString("hex")), raw],
  };
}

/** The database, its `-wal` and its `-shm`, where they exist. */
export function filesOfTheApp(): string[] {
  const db = databasePath();
  return [db, `${db}-wal`, `${db}-shm`].filter((f) => fs.existsSync(f));
}

/** Every used code with a trace in any of the files, and where. */
export function traces(files: string[], used: UsedCode[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    for (const u of used) if (u.needles.some((n) => bytes.includes(n))) found.push(`${u.code} in ${path.basename(file)}`);
  }
  return found;
}
