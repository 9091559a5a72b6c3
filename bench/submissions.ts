/**
 * Submissions against the production server on 127.0.0.1: every request a valid submit of a
 * fresh code (autocannon), beside the raw one-transaction-per-submit rate of SQLite at
 * synchronous = FULL on the same machine. The server's CPU time (all its threads, the submit
 * writer included) and resident memory are read from /proc while each run lasts.
 */
import autocannon from "autocannon";
import fs from "node:fs";
import { openDatabase } from "../app/utils/sqlite.server";
import { randomUUID } from "node:crypto";
import { inAnswerOrder, table } from "./support";

const BODY =
  "lang=sv&role=subjected&gender=woman&contact_satisfaction=satisfied&method_satisfaction=yes" +
  "&alternative_strategies=partly&expectations_met=yes&feel_better=yes&violence_stopped=yes" +
  "&violence_by_type.physical=stopped&violence_by_type.psychological=reduced&comments=Tack";

type Run = {
  connections: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  saved: number;
  other: string;
  cpuMsPerSubmit: number;
  /** of cpuMsPerSubmit, the event loop's thread (HTTP, parsing, the code's lookup) */
  mainCpuMsPerSubmit: number;
  maxRssMb: number;
};

const TICK_MS = 1000 / 100; // USER_HZ: /proc counts CPU time in 1/100 s on Linux

/** user + system CPU of a process, all threads, in ms (what process.cpuUsage() reports inside it). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** The same for the process's main thread alone (its thread id is the process id). */
function mainThreadCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

function rssMb(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return line ? Number(line[1]) / 1024 : 0;
}

/** Each run takes fresh codes off the front of `codes`: no code is ever submitted twice. */
async function load(base: string, serverPid: number, codes: string[], connections: number, seconds: number): Promise<Run> {
  let next = 0;
  const release = () => codes.splice(0, next);
  let maxRss = rssMb(serverPid);
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, rssMb(serverPid))), 100);
  const cpuBefore = cpuMs(serverPid);
  const mainBefore = mainThreadCpuMs(serverPid);
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: BODY,
        setupRequest: (req) => {
          if (next >= codes.length) throw new Error("bench ran out of codes");
          return { ...req, path: `/s/${codes[next++]}` };
        },
      },
    ],
  });
  const cpu = cpuMs(serverPid) - cpuBefore;
  const mainCpu = mainThreadCpuMs(serverPid) - mainBefore;
  clearInterval(sampler);
  release();
  const stats = result.statusCodeStats as Record<string, { count: number }>;
  const saved = stats["303"]?.count ?? 0;
  const total = Object.values(stats).reduce((n, s) => n + s.count, 0);
  return {
    connections,
    requests: total,
    perSecond: Math.round(saved / seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    saved,
    cpuMsPerSubmit: saved ? cpu / saved : 0,
    mainCpuMsPerSubmit: saved ? mainCpu / saved : 0,
    maxRssMb: maxRss,
    other:
      [
        ...Object.entries(stats).filter(([code]) => code !== "303").map(([code, s]) => `${s.count}× ${code}`),
        result.timeouts ? `${result.timeouts} timeouts` : "",
        result.errors - result.timeouts > 0 ? `${result.errors - result.timeouts} errors` : "",
      ]
        .filter(Boolean)
        .join(", ") || "0",
  };
}

/**
 * The raw loop: per submit one transaction (a code row deleted, one response with eleven answers
 * inserted) committed at synchronous = FULL, straight into SQLite with prepared statements.
 */
export function rawInsertRate(file: string, seconds = 3): number {
  const db = openDatabase(file);
  db.pragma("journal_mode = WAL");
  const versionId = (db.prepare("SELECT id FROM SurveyVersion ORDER BY version DESC LIMIT 1").get() as { id: string }).id;
  const codes = inAnswerOrder((db.prepare(`SELECT "hash" FROM "SurveyCode" WHERE "stock" = false`).all() as { hash: string }[]).map((c) => c.hash));
  const claim = db.prepare(`DELETE FROM "SurveyCode" WHERE "hash" = ?`);
  const insertResponse = db.prepare(
    "INSERT INTO Response (id, surveyVersionId, wave, lang, clientGroup, referral, month) VALUES (?, ?, 'closure', 'sv', NULL, NULL, '2026-11')",
  );
  const insertAnswer = db.prepare("INSERT INTO Answer (responseId, questionKey, rowKey, optionKey, text) VALUES (?, ?, ?, ?, NULL)");
  const keys = ["role", "gender", "contact_satisfaction", "method_satisfaction", "alternative_strategies", "expectations_met", "feel_better", "violence_stopped", "q9", "q10", "q11"];
  const one = db.transaction((hash: string) => {
    claim.run(hash);
    const id = randomUUID();
    insertResponse.run(id, versionId);
    for (const k of keys) insertAnswer.run(id, k, "", "yes");
  });
  let n = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end && n < codes.length) one(codes[n++]!);
  db.close();
  return Math.round(n / seconds);
}

/** `on`: the database the server runs on and what its raw loop is, when not SQLite's. */
export async function submissions(
  base: string,
  serverPid: number,
  codes: string[],
  rawRate: number,
  seconds = 10,
  on: { database: string; raw: string } = { database: "", raw: "raw FULL tx/s" },
): Promise<string> {
  await load(base, serverPid, codes.splice(0, 5_000), 16, 2); // warm-up (up to 2,500/s)
  const runs = [await load(base, serverPid, codes, 16, seconds), await load(base, serverPid, codes, 64, seconds)];
  return table(
    `Submissions${on.database ? ` on ${on.database}` : ""} (valid submit of a fresh code per request, codes in random order as clients answer them, ${seconds} s each, production build on 127.0.0.1; goals: ≥ 2,000/s, p99 < 50 ms at 64, ≥ 1.0× raw, ≤ 0.5 ms CPU per submit)`,
    ["connections", "requests", "submissions/s", "p50 ms", "p99 ms", "saved (303)", "other", "server CPU ms/submit", "of it main thread", "server RSS MB (max)", on.raw, "server/raw"],
    runs.map((r) => [
      r.connections,
      r.requests,
      r.perSecond,
      r.p50,
      r.p99,
      r.saved,
      r.other,
      r.cpuMsPerSubmit.toFixed(2),
      r.mainCpuMsPerSubmit.toFixed(2),
      r.maxRssMb.toFixed(0),
      rawRate,
      `${(r.perSecond / rawRate).toFixed(2)}×`,
    ]),
  );
}
