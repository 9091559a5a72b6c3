/**
 * `npm run bench`: every benchmark, printed as tables. Runs on 127.0.0.1 only and stops by
 * itself. Not part of CI; takes a few minutes on a 2-core machine.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { freshDatabase, inAnswerOrder, startBenchServer, BENCH_DIR } from "./support";

const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);
const out: string[] = [`Brukarröst benchmarks, ${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}`];

async function main() {
  const databaseUrl = freshDatabase("server");
  process.env.DATABASE_URL = databaseUrl;
  process.env.TOKEN_SECRET = "bench-token-secret-bench-token-secret-xx";
  process.env.SESSION_SECRET = "bench-session-secret-bench-session-secret";
  process.env.LOG_LEVEL = "silent";
  const { migrate } = await import("../app/setup/migrate.server");
  migrate(databaseUrl);
  const { seedReferenceSurvey } = await import("../app/setup/bootstrap.server");
  await seedReferenceSurvey();
  const { issueCodes } = await import("../app/codes/issue.server");
  const issue = async (n: number) => {
    const codes: string[] = [];
    for (let i = 0; i < n; i += 20_000)
      codes.push(...(await issueCodes({ survey: "brukarenkat", wave: "closure", count: Math.min(20_000, n - i), lang: "sv" })).map((c) => c.code.replace(/-/g, "")));
    return codes;
  };

  if (wanted("reports")) out.push(await benchInChild("bench/reports.ts"));
  if (wanted("units")) out.push(await benchInChild("bench/units.ts"));
  if (!wanted("weight") && !wanted("submit") && !wanted("phone")) return finish();

  const server = await startBenchServer(databaseUrl, 3901);
  try {
    if (wanted("weight")) {
      const { pageWeight } = await import("./page-weight");
      const [code, recordedCode] = await issue(2);
      out.push(await pageWeight(server.url, code!, async () => {
        await recordEveryText();
        return recordedCode!;
      }));
    }
    if (wanted("phone")) {
      const { phone } = await import("./phone");
      out.push(await phone(server.url, (await issue(1))[0]!));
    }
    if (wanted("submit")) {
      const { submissions, rawInsertRate } = await import("./submissions");
      // BENCH_SECONDS shortens the runs on a busy machine; codes for up to 5,000 submits/s
      const seconds = Number(process.env.BENCH_SECONDS ?? 10);
      const codes = inAnswerOrder(await issue(Math.max(20_000, 5_000 + 2 * 5_000 * seconds)));
      // a consistent copy with the codes just issued (some still only in the WAL)
      const rawDb = freshDatabase("raw");
      const { openDatabase } = await import("../app/utils/sqlite.server");
      const source = openDatabase(databaseUrl.slice(5), { readonly: true });
      source.exec(`VACUUM INTO '${rawDb.slice(5).replace(/'/g, "''")}'`);
      source.close();
      out.push(await submissions(server.url, server.pid, codes, rawInsertRate(rawDb.slice(5)), seconds));
    }
  } finally {
    await server.stop();
  }
  // the same submit bench with the server on PostgreSQL (BENCH_SUBMIT_POSTGRESQL=0: SQLite only, for A/B runs)
  if (wanted("submit") && process.env.BENCH_SUBMIT_POSTGRESQL !== "0") out.push(await benchInChild("bench/submissions-postgresql.ts"));
  finish();
}

/** A short WAV (RIFF header and silence) for every Swedish text of the newest version. */
async function recordEveryText() {
  const { newestPublishedVersion } = await import("../app/survey/store.server");
  const { saveRecording } = await import("../app/survey/recordings.server");
  const { placeKey, textsOf } = await import("../app/survey/translation");
  const v = (await newestPublishedVersion("brukarenkat"))!;
  const wav = Buffer.concat([Buffer.from("RIFF\0\0\0\0WAVEfmt ", "latin1"), Buffer.alloc(8_000)]);
  for (const [place] of textsOf(v.version.questions)) await saveRecording(v.surveyId, v.version.questions, placeKey(place), "sv", wav);
}

function finish() {
  const text = out.join("\n") + "\n";
  console.log(text);
  fs.writeFileSync(`${BENCH_DIR}/latest.md`, text);
}

/** A bench file in its own process: it needs its own database, and a process has one. */
function benchInChild(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", file], { stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    child.on("close", (code) => (code === 0 ? resolve(text.trimEnd()) : reject(new Error(`${file} exited with ${code}`))));
  });
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
