/**
 * The team's published 2015 closure tables (tests/fixtures/reference/README.md, copied from the
 * shared reference), matched to question and option keys by their Swedish wording: what
 * `report` reproduces from responses and `history import` from the example file.
 */
import fs from "node:fs";
import path from "node:path";
import { versionDefinition } from "~/survey/store.server";
import { prisma } from "~/utils/db.server";

export type Published = { question: string; rows: { option: string; count: number; percent: number }[] };

/** The published tables, matched to question and option keys by their Swedish wording. */
export async function publishedTables(): Promise<{ handedOut: number; returned: number; tables: Published[] }> {
  const md = fs.readFileSync(path.resolve("tests/fixtures/reference/README.md"), "utf8");
  const section = md.slice(md.indexOf("## The published result tables"), md.indexOf("## What clients wrote"));
  const [, handedOut, returned] = /(\d+) questionnaires were handed out, (\d+) came back/.exec(section)!;
  const v2 = versionDefinition(await prisma.surveyVersion.findFirstOrThrow({ where: { version: 2 } }));
  const tables: Published[] = [];
  for (const block of section.split(/\n(?=\*[^*\n]+\?\*\n)/).slice(1)) {
    const title = /^\*([^*]+)\*/.exec(block)![1]!;
    const q = v2.questions.find((x) => x.text.sv === title);
    if (!q) throw new Error(`no question worded "${title}"`);
    const rows = [...block.matchAll(/^\| [A-Z]\. ([^|]+?) \| (\d+) \| ([\d,]+) \|$/gm)].map((m) => {
      const option = q.options!.find((o) => o.text.sv === m[1])!;
      return { option: option.key, count: Number(m[2]), percent: Number(m[3]!.replace(",", ".")) };
    });
    tables.push({ question: q.key, rows });
  }
  return { handedOut: Number(handedOut), returned: Number(returned), tables };
}

