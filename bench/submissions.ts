/**
 * Submissions against the production server on 127.0.0.1: every request a valid submit of a
 * fresh code (autocannon), beside the raw insert rate of the same machine.
 */
import autocannon from "autocannon";
import { openDatabase } from "../app/utils/sqlite.server";
import { randomUUID } from "node:crypto";
import { table } from "./support";

const BODY =
  "lang=sv&role=subjected&gender=woman&contact_satisfaction=satisfied&method_satisfaction=yes" +
  "&alternative_strategies=partly&expectations_met=yes&feel_better=yes&violence_stopped=yes" +
  "&violence_by_type.physical=stopped&violence_by_type.psychological=reduced&comments=Tack";

type Run = { connections: number; requests: number; perSecond: number; p50: number; p99: number; saved: number; other: string };

/** Each run takes fresh codes off the front of `codes`: no code is ever submitted twice. */
async function load(base: string, codes: string[], connections: number, seconds: number): Promise<Run> {
  let next = 0;
  const release = () => codes.splice(0, next);
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

/** One response with eleven answers per transaction, straight into SQLite with prepared statements. */
export function rawInsertRate(file: string, seconds = 3): number {
  const db = openDatabase(file);
  db.pragma("journal_mode = WAL");
  const versionId = (db.prepare("SELECT id FROM SurveyVersion ORDER BY version DESC LIMIT 1").get() as { id: string }).id;
  const insertResponse = db.prepare(
    "INSERT INTO Response (id, surveyVersionId, wave, lang, clientGroup, referral, month) VALUES (?, ?, 'closure', 'sv', NULL, NULL, '2026-11')",
  );
  const insertAnswer = db.prepare("INSERT INTO Answer (responseId, questionKey, rowKey, optionKey, text) VALUES (?, ?, ?, ?, NULL)");
  const keys = ["role", "gender", "contact_satisfaction", "method_satisfaction", "alternative_strategies", "expectations_met", "feel_better", "violence_stopped", "q9", "q10", "q11"];
  const one = db.transaction(() => {
    const id = randomUUID();
    insertResponse.run(id, versionId);
    for (const k of keys) insertAnswer.run(id, k, "", "yes");
  });
  let n = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    one();
    n++;
  }
  db.close();
  return Math.round(n / seconds);
}

export async function submissions(base: string, codes: string[], rawRate: number, seconds = 10): Promise<string> {
  await load(base, codes.splice(0, 2000), 16, 2); // warm-up
  const runs = [await load(base, codes, 16, seconds), await load(base, codes, 64, seconds)];
  return table(
    `Submissions (valid submit of a fresh code per request, ${seconds} s each, production build on 127.0.0.1)`,
    ["connections", "requests", "submissions/s", "p50 ms", "p99 ms", "saved (303)", "other", "raw inserts/s", "server/raw"],
    runs.map((r) => [r.connections, r.requests, r.perSecond, r.p50, r.p99, r.saved, r.other, rawRate, `${((r.perSecond / rawRate) * 100).toFixed(1)} %`]),
  );
}
