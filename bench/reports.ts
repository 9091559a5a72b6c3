/**
 * Reports at 10k, 100k and 1M synthetic responses: the full-year report (`report --period 2025`)
 * and the monthly review page's data, timed as the median of several runs after a warm-up.
 *
 * Runs in its own process on its own database (`npm run bench -- reports` starts it; the app's
 * Prisma client is bound to one database per process). Responses and answers are written
 * straight with better-sqlite3 prepared statements in large transactions, in the shape the
 * answering flow stores; the pre-aggregate is then filled by `aggregates rebuild`'s own code,
 * which is timed too. BENCH_REPORT_SIZES=10000,100000 limits the sizes.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import Database from "better-sqlite3";
import { table } from "./support";

const SIZES = (process.env.BENCH_REPORT_SIZES ?? "10000,100000,1000000").split(",").map(Number);
const SLUG = "brukarenkat";
/** five years of months, ending with the month the review is timed for */
const LAST_MONTH = "2026-10";
const YEAR = { from: "2025-01", to: "2025-12" };

const log = (line: string) => process.stderr.write(`[reports] ${line}\n`);

/** mulberry32: reproducible data without storing a seed file */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(2026);
/** index drawn by weight */
function draw(weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let x = random() * total;
  for (let i = 0; i < weights.length; i++) if ((x -= weights[i]!) < 0) return i;
  return weights.length - 1;
}
/** weights beyond the values are ignored: one weight list serves 3- and 4-option questions */
const pick = <T>(values: readonly T[], weights: readonly number[]): T => values[draw(weights.slice(0, values.length))]!;

function monthList(last: string, count: number): string[] {
  const [y, m] = last.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const total = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
  });
}
const MONTHS = monthList(LAST_MONTH, 60);
// more answers as more teams join, fewer in July and December
const MONTH_WEIGHTS = MONTHS.map((mo, i) => (0.6 + (0.8 * i) / 59) * (mo.endsWith("-07") ? 0.6 : mo.endsWith("-12") ? 0.8 : 1));

type Def = { id: string; version: number; questions: { key: string; type: string; waves: string[]; options: string[]; rows: string[] }[] };

async function median(fn: () => Promise<unknown>, runs: number, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function main() {
  const { freshDatabase } = await import("./support");
  const databaseUrl = freshDatabase("reports");
  process.env.DATABASE_URL = databaseUrl;
  process.env.TOKEN_SECRET ??= "bench-token-secret-bench-token-secret-xx";
  process.env.SESSION_SECRET ??= "bench-session-secret-bench-session-secret";
  const { migrate } = await import("../app/setup/migrate.server");
  migrate(databaseUrl);
  const { seedReferenceSurvey } = await import("../app/setup/bootstrap.server");
  await seedReferenceSurvey();
  const { loadSurvey, runReport, runReportFromRows } = await import("../app/results/aggregate.server");
  const { loadReview } = await import("../app/results/review.server");
  const { rebuildAnswerCounts } = await import("../app/results/queries.sql.server");
  const loaded = await loadSurvey(SLUG);
  const indicator = loaded.info.indicators[0]!;
  const defs: Def[] = loaded.definitions.map((d) => ({
    id: d.id,
    version: d.def.version,
    questions: d.def.questions.map((q) => ({
      key: q.key,
      type: q.type,
      waves: q.waves,
      options: (q.options ?? []).map((o) => o.key),
      rows: (q.rows ?? []).map((r) => r.key),
    })),
  }));

  const db = new Database(databaseUrl.slice("file:".length));
  db.pragma("synchronous = OFF"); // a throw-away database: no need to survive a power cut
  db.pragma("cache_size = -400000");
  const insertResponse = db.prepare(
    `INSERT INTO "Response" ("id", "surveyVersionId", "wave", "lang", "clientGroup", "referral", "month") VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAnswer = db.prepare(`INSERT INTO "Answer" ("responseId", "questionKey", "rowKey", "optionKey", "text") VALUES (?, ?, ?, ?, ?)`);
  const insertCodeCount = db.prepare(
    `INSERT INTO "CodeCount" ("surveyVersionId", "wave", "validMonth", "clientGroup", "referral", "issued", "answered", "expired") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const answeredCodes = new Map<string, number>();
  let answerRows = 0;

  // one respondent: version by month (the old one lingers two months after a new one), wave,
  // code attributes, and answers that hang together (role follows the code's group, gender
  // follows role, the indicator improves over the years)
  function respondent(id: string) {
    const mi = draw(MONTH_WEIGHTS);
    const month = MONTHS[mi]!;
    let vi = Math.min(2, Math.floor(mi / 20));
    if (vi > 0 && mi % 20 < 2 && random() < 0.3) vi--;
    const def = defs[vi]!;
    const wave = random() < 0.72 ? "closure" : "followup";
    const clientGroup = pick(["subjected", "perpetrator", "both", null], [55, 28, 7, 10]);
    const referral = pick(["police", "self", "social_services", "other", null], [25, 30, 30, 5, 10]);
    const lang = pick(["sv", "en", "ar", "so", "ti", "fa"], [70, 6, 9, 5, 5, 5]);
    insertResponse.run(id, def.id, wave, lang, clientGroup, referral, month);
    const key = `${def.id}|${wave}|${month}|${clientGroup ?? ""}|${referral ?? ""}`;
    answeredCodes.set(key, (answeredCodes.get(key) ?? 0) + 1);

    const rows: [string, string, string, string | null][] = [];
    let role: string | undefined;
    for (const q of def.questions) {
      if (!q.waves.includes(wave)) continue;
      if (q.type === "text") {
        if (random() < 0.12) rows.push([q.key, "", "", pick(["Bra bemötande.", "Samtalen hjälpte mig.", "Önskar fler tider.", "Tack."], [3, 3, 2, 2])]);
        continue;
      }
      if (random() < 0.07) continue; // skipped
      if (q.type === "matrix") {
        for (const row of q.rows) if (random() < 0.6) rows.push([q.key, row, pick(q.options, [45, 30, 15, 10]), null]);
        continue;
      }
      let option: string;
      if (q.key === "role") {
        option = clientGroup && random() < 0.85 ? clientGroup : pick(q.options, [60, 30, 10]);
        role = option;
      } else if (q.key === "gender") {
        option = pick(q.options, role === "perpetrator" ? [13, 85, 2] : [82, 15, 3]);
      } else if (q.key === indicator.question) {
        const p = 0.5 + (0.16 * mi) / 59 + (wave === "followup" ? 0.05 : 0);
        option = random() < p ? indicator.success[0]! : pick(q.options.filter((o) => !indicator.success.includes(o)), [70, 30]);
      } else {
        option = pick(q.options, [55, 25, 12, 8]);
      }
      if (q.type === "multi") {
        for (const o of q.options) if (o === option || random() < 0.2) rows.push([q.key, "", o, null]);
      } else rows.push([q.key, "", option, null]);
    }
    // in primary-key order: pages fill one after another
    rows.sort((a, b) => (a[0] + "\u0000" + a[1] + "\u0000" + a[2] < b[0] + "\u0000" + b[1] + "\u0000" + b[2] ? -1 : 1));
    for (const [questionKey, rowKey, optionKey, text] of rows) insertAnswer.run(id, questionKey, rowKey, optionKey, text);
    answerRows += rows.length;
  }

  const write = db.transaction((ids: string[]) => {
    for (const id of ids) respondent(id);
  });
  const writeCodeCounts = db.transaction(() => {
    db.prepare(`DELETE FROM "CodeCount"`).run();
    for (const [key, answered] of answeredCodes) {
      const [versionId, wave, month, clientGroup, referral] = key.split("|") as [string, string, string, string, string];
      // response rates between about 50 and 75 %, by referral path
      const rate = { police: 0.5, self: 0.75, social_services: 0.65, other: 0.55, "": 0.6 }[referral] ?? 0.6;
      const issued = Math.ceil(answered / rate);
      insertCodeCount.run(versionId, wave, month, clientGroup, referral, issued, answered, issued - answered);
    }
  });

  const data: (string | number)[][] = [];
  const timings: (string | number)[][] = [];
  let have = 0;
  // the machine is shared: the load beside the figures says how much they can be trusted
  const loads: string[] = [];
  for (const size of SIZES) {
    let t = performance.now();
    // random ids like the app's, inserted in key order so each batch appends
    const ids = Array.from({ length: size - have }, () => randomUUID()).sort();
    for (let i = 0; i < ids.length; i += 50_000) write(ids.slice(i, i + 50_000));
    writeCodeCounts();
    have = size;
    const generated = (performance.now() - t) / 1000;
    log(`${size} responses, ${answerRows} answer rows written in ${generated.toFixed(1)} s; counting`);
    db.pragma("wal_checkpoint(TRUNCATE)");
    t = performance.now();
    await rebuildAnswerCounts();
    const rebuilt = (performance.now() - t) / 1000;
    const levels = db.prepare(`SELECT "level", COUNT(*) AS "n" FROM "AnswerCount" GROUP BY "level" ORDER BY "level"`).all() as { n: number }[];
    db.pragma("wal_checkpoint(TRUNCATE)");
    data.push([size.toLocaleString("en"), answerRows.toLocaleString("en"), levels.map((l) => l.n.toLocaleString("en")).join(" / "), generated.toFixed(1), rebuilt.toFixed(1)]);

    const runs = size >= 1_000_000 ? 9 : 7;
    const fullYear = await median(() => runReport({ survey: SLUG, period: YEAR, wave: null }, loaded), runs);
    const review = await median(() => loadReview({ survey: SLUG, month: LAST_MONTH, scope: "month", version: [] }), runs);
    const reviewYear = await median(() => loadReview({ survey: SLUG, month: LAST_MONTH, scope: "year", version: [] }), runs);
    const police = await median(() => runReport({ survey: SLUG, period: YEAR, wave: null, groups: { referral: "police" } }, loaded), runs);
    const woman = await median(
      () => loadReview({ survey: SLUG, month: LAST_MONTH, scope: "month", version: [], gender: "woman" }),
      size >= 1_000_000 ? 3 : runs,
      1,
    );
    // the same report counted from the raw rows, as before the pre-aggregate
    const raw = await median(() => runReportFromRows({ survey: SLUG, period: YEAR, wave: null }, loaded), size >= 1_000_000 ? 1 : 3, size >= 1_000_000 ? 0 : 1);
    const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
    timings.push([
      size.toLocaleString("en"),
      ms(fullYear),
      ms(review),
      ms(reviewYear),
      ms(police),
      ms(woman),
      ms(raw),
      fullYear < 100 && review < 100 ? "yes" : "NO",
    ]);
    log(`${size}: full year ${ms(fullYear)}, review ${ms(review)}, raw full year ${ms(raw)}`);
    loads.push(os.loadavg()[0]!.toFixed(1));
  }
  db.close();

  process.stdout.write(
    [
      table(
        "Report data (synthetic: 60 months to 2026-10, 3 versions, both waves; AnswerCount filled by `aggregates rebuild`)",
        ["responses", "answer rows", "AnswerCount rows (level 0 / 1)", "generate (s)", "rebuild (s)"],
        data,
      ),
      table(
        "Reports, median after warm-up (full year = `report --period 2025`, both waves; review = the monthly review page's data for 2026-10)",
        ["responses", "full year", "monthly review", "review, year scope", "full year, referral = police", "review, gender = woman", "full year from raw rows (before)", "< 100 ms"],
        timings,
      ),
      `\n${os.cpus().length} cores; 1-minute load average after each size: ${loads.join(", ")}`,
    ].join("\n") + "\n",
  );
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
